"""16 residents complete journeys through nginx for a while (STREETVOICE_LOAD_SECONDS: 60 by
default, 25 in CI) while one gunicorn worker is killed with SIGKILL half way: every journey
whose confirmation page came back is stored exactly once, no request gets a 5xx, and the
server goes on serving (the master replaces the worker)."""
import json
import os
import signal
import threading
import time
import traceback

import pytest

from tests.conftest import IN_CI
from tests.deploy.conftest import deploy
from tests.deploy.browser import ANSWERS, SURVEY

pytestmark = pytest.mark.deploy

RESIDENTS = 16
SECONDS = float(os.environ.get("STREETVOICE_LOAD_SECONDS") or (25 if IN_CI else 60))


@pytest.fixture(scope="module")
def load_deployment(workdir, database, redis_server, certificates):
    """Its own server and proxy, straight to PostgreSQL, with limits no test resident reaches."""
    deployed = deploy(workdir, database, redis_server, certificates, database_url=database.direct_url,
                      SUBMIT_RATE_LIMIT="100000 per hour")
    yield deployed
    deployed.nginx.stop()
    deployed.server.stop()


class Resident(threading.Thread):
    def __init__(self, number, deployment, street_id, stop_at):
        super().__init__(name=f"resident-{number}", daemon=True)
        self.number, self.deployment, self.street_id, self.stop_at = number, deployment, street_id, stop_at
        self.confirmed, self.problems, self.statuses = [], [], []

    def expect(self, page, status, what):
        self.statuses.append(page.status)
        if page.status != status:
            raise AssertionError(f"{what}: {page.status} (expected {status})")
        return page

    def journey(self, browser, marker):
        self.expect(browser.get(SURVEY), 200, "start page")
        form = self.expect(browser.get(SURVEY + "questions/your-street"), 200, "street page")
        self.expect(browser.post(SURVEY + "questions/your-street", {"street": str(self.street_id)},
                                 token=form.csrf_token()), 302, "street sent")
        for page_id, data in ANSWERS:
            form = self.expect(browser.get(SURVEY + "questions/" + page_id), 200, page_id)
            sent = browser.post(SURVEY + "questions/" + page_id, {"impact": marker} if page_id == "effect" else data,
                                token=form.csrf_token())
            self.expect(sent, 302, f"{page_id} sent")
        check = self.expect(browser.get(SURVEY + "check-answers"), 200, "check answers")
        self.expect(browser.post(SURVEY + "check-answers", {"website": ""}, token=check.csrf_token()), 302, "send")
        confirmation = self.expect(browser.get(SURVEY + "confirmation"), 200, "confirmation")
        if confirmation.text_of(".govuk-panel__title") == "Answers sent":
            self.confirmed.append((marker, time.monotonic()))

    def run(self):
        browser, n = self.deployment.browser(), 0
        while time.monotonic() < self.stop_at:
            marker = f"Load test resident {self.number} journey {n}: vans idle outside at night."
            try:
                self.journey(browser, marker)
            except Exception as exc:  # noqa: BLE001 - every failure is reported by the test
                self.problems.append(f"{marker}: {exc.__class__.__name__}: {exc}\n{traceback.format_exc(limit=3)}")
                browser.close()
                browser = self.deployment.browser()
            n += 1
        browser.close()


def test_sixteen_residents_and_a_worker_killed_half_way_lose_nothing_confirmed(load_deployment):
    deployment = load_deployment
    server = deployment.server
    street_id = deployment.street_id("Albert Terrace")
    started = time.monotonic()
    residents = [Resident(n, deployment, street_id, started + SECONDS) for n in range(RESIDENTS)]
    for resident in residents:
        resident.start()
    time.sleep(SECONDS / 2)
    # A worker recycled by gunicorn's max_requests leaves one for a moment: wait for both.
    before, deadline = server.worker_pids(), time.monotonic() + 30
    while len(before) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        before = server.worker_pids()
    assert len(before) == 2
    victim = before[0]
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    for resident in residents:
        resident.join(SECONDS + 120)
    assert not any(r.is_alive() for r in residents)

    problems = [p for r in residents for p in r.problems]
    statuses = [s for r in residents for s in r.statuses]
    confirmed = [c for r in residents for c in r.confirmed]
    assert not problems, f"{len(problems)} journeys failed; first:\n{problems[0]}"
    assert statuses and not [s for s in statuses if s >= 500]
    assert confirmed and any(at > killed_at for _marker, at in confirmed), "nothing confirmed after the kill"

    # Every confirmed journey is stored, once; nothing else from this test is.
    rows = dict(deployment.database.rows(
        "SELECT value, count(*) FROM answer WHERE value LIKE 'Load test resident %%' GROUP BY value"))
    missing = [m for m, _at in confirmed if rows.get(m, 0) == 0]
    doubled = {m: n for m, n in rows.items() if n > 1}
    assert not missing and not doubled, (missing[:5], doubled)
    assert set(rows) == {m for m, _at in confirmed}

    # The master replaced the worker and the server still serves.
    assert server.process.poll() is None
    after = server.worker_pids()
    assert len(after) == 2 and victim not in after
    assert deployment.browser().get("/healthz").status == 200
    stats = server.cli("stats", "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["responses"] == deployment.database.value("SELECT count(*) FROM response")
    print(f"\n{len(confirmed)} journeys confirmed by {RESIDENTS} residents in {SECONDS:.0f} s "
          f"({len(confirmed) / SECONDS:.1f}/s, {len(statuses)} requests), worker {victim} killed at "
          f"{killed_at - started:.0f} s")
