"""Faults under the deployed stack: Redis stopped (residents go on, officer sign-in refuses),
and PostgreSQL unreachable then back (exit works, the send keeps the answers, health says 503,
and after recovery the same send stores the response once, with no restart)."""
import json
import time

import pytest

from tests.deploy.browser import SURVEY, answer_every_page

pytestmark = pytest.mark.deploy


def stored(deployment, impact):
    return deployment.database.value("SELECT count(*) FROM answer WHERE value = %s", impact)


def sign_in(browser, deployment):
    return browser.post("/officer/sign-in", {"email": "analyst@example.police.uk",
                                             "password": deployment.database.password})


def new_log_lines(deployment, before):
    return deployment.server.log_lines()[before:]


def test_with_redis_down_residents_send_officers_cannot_sign_in_and_health_says_so(deployment):
    resident, officer = deployment.browser(), deployment.browser()
    impact = "Redis down: my answers still go through."
    check = answer_every_page(resident, deployment.street_id(), impact)
    officer_form = officer.get("/officer/sign-in")
    logged = len(deployment.server.log_lines())
    deployment.redis.stop()
    try:
        sent = resident.post(SURVEY + "check-answers", {"website": ""}, token=check.csrf_token())
        assert sent.status == 302 and sent.location.endswith("/confirmation")
        assert stored(deployment, impact) == 1
        refused = officer.post("/officer/sign-in", {"email": "analyst@example.police.uk",
                                                    "password": deployment.database.password},
                               token=officer_form.csrf_token())
        assert refused.status == 503
        assert refused.error_messages == ["Signing in is not possible at the moment because part of the service "
                                          "is down. Try again in a few minutes. If it goes on, tell the "
                                          "service's technical team."]
        health = officer.get("/healthz")
        assert health.status == 503 and health.json() == {"status": "error", "database": "ok", "redis": "error"}
        errors = [json.loads(line) for line in new_log_lines(deployment, logged) if '"level": "ERROR"' in line]
        assert any(e["logger"] == "flask-limiter" and "Failed to rate limit" in e["message"] for e in errors)
        assert any("attempt counter's store (REDIS_URL) cannot be reached" in e["message"] for e in errors)
    finally:
        deployment.redis.start()
    assert deployment.browser().get("/healthz").json()["redis"] == "ok"
    assert sign_in(deployment.browser(), deployment).status == 302  # the same workers, Redis back


def test_the_database_unreachable_then_back_exit_send_health_and_one_stored_response(deployment):
    leaving, sending, health = deployment.browser(), deployment.browser(), deployment.browser()
    impact = "Database outage: sent during it, stored once after it."
    leaving.post(SURVEY + "questions/your-street", {"street": str(deployment.street_id())})
    check = answer_every_page(sending, deployment.street_id(), impact)
    token = check.csrf_token()
    workers = sorted(deployment.server.worker_pids())
    forwarder = deployment.database.forwarder
    forwarder.cut()
    try:
        exited = leaving.get("/exit")
        assert exited.status == 302 and exited.location == "https://www.bbc.co.uk/weather"
        assert exited.headers["clear-site-data"] == '"cookies", "storage"'
        assert "streetvoice_session" not in leaving.cookies
        failed = sending.post(SURVEY + "check-answers", {"website": ""}, token=token)
        assert failed.status == 503 and failed.headers["retry-after"] == "60"
        assert "Nothing you have entered is lost" in failed.text_of("main")
        assert "streetvoice_session" in sending.cookies  # the draft's token is kept
        down = health.get("/healthz")
        assert down.status == 503 and down.json()["database"] == "error"
        page = sending.get(SURVEY)  # any page: a 503 in words, never a 500
        assert page.status == 503
    finally:
        forwarder.restore()
    assert health.get("/healthz").status == 200  # pool pre-ping: stale connections replaced at once
    assert stored(deployment, impact) == 0
    again = sending.post(SURVEY + "check-answers", {"website": ""}, token=token)
    assert again.status == 302 and again.location.endswith("/confirmation")
    assert sending.get(SURVEY + "confirmation").text_of(".govuk-panel__title") == "Answers sent"
    twice = sending.post(SURVEY + "check-answers", {"website": ""}, token=token)  # a third click
    assert twice.status == 302
    assert stored(deployment, impact) == 1
    assert sorted(deployment.server.worker_pids()) == workers  # nothing was restarted
    back = leaving.get(SURVEY + "check-answers")
    assert back.status == 302 and back.location.endswith("/questions/your-street")  # the exit forgot it


def test_the_database_dropping_packets_answers_503_within_seconds_not_a_gateway_timeout(deployment):
    """A network that drops packets (nothing refuses, nothing answers): connection attempts
    give up after 5 s, so the page is the 503 page long before gunicorn's 30 s timeout."""
    browser = deployment.browser()
    assert browser.get(SURVEY).status == 200
    forwarder = deployment.database.forwarder
    forwarder.black_hole()
    try:
        started = time.monotonic()
        page = browser.get(SURVEY)
        took = time.monotonic() - started
        assert page.status == 503, page.status
        assert took < 25, took
    finally:
        forwarder.restore()
    assert browser.get(SURVEY).status == 200
