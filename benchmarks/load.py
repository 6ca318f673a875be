"""Load benchmark: the production stack on loopback, under simulated residents, officers and
presenters, per page: requests per second, p50/p95/p99 latency, errors.

    pg_virtualenv -t -v 15 .venv/bin/python benchmarks/load.py [--seconds 60] [--residents 16]
        [--officers 2] [--presenters 1] [--workers N] [--warmup 5] [--ceiling] [--json FILE]

The stack is the deployment tests' (tests/deploy/stack.py): nginx terminating TLS (configured
from the README's sample) -> `streetvoice serve` (gunicorn, STREETVOICE_ENV=production) ->
PostgreSQL (pg_virtualenv's throwaway cluster: its PG* variables), with Redis for the limits.
Loopback-only settings: MIN_COMPLETION_SECONDS=0 (scripted journeys) and SUBMIT_RATE_LIMIT far
above what the load reaches; the limits stay on, counted in Redis, as in production
(RATELIMIT_ENABLED=0 would refuse every officer sign-in: it fails closed without the limiter's
store). SESSION_COOKIE_SECURE stays on: this is HTTPS.

The database holds the demo data (360 responses, analysed) so the review queue and the charts
have something to show; each officer and presenter thread has an account of its own, signs in
once with the production second factor (setting up an authenticator: pyotp) and then loops.

- Residents (tests/deploy/browser.py's client, one loopback address each): start page, then
  each question page fetched and sent, check your answers, send, confirmation. Confirmations
  seen are compared with the responses stored (`streetvoice stats --json`) and with the rows
  carrying each journey's own marker (none lost, none stored twice).
- Officers: the review queue, then one response from it, again and again.
- Presenters: /officer/insights and /officer/insights/present, again and again.

Latency is as the client sees it (the client shares the machine's cores with the server); the
"app p95" column is the server's own duration from its access log. The analysis of a sent
response is timed from the app's log line for it, which says where it ran: inside the send
request, or (the production default, ANALYSE_AFTER_RESPONSE) after the confirmation was sent.

--ceiling then runs the same residents against benchmarks/ceiling_app.py (a minimal Flask +
Flask-SQLAlchemy app with the same journey, under the same gunicorn settings, behind the same
nginx, on the same PostgreSQL) and prints portal/ceiling journeys per second, the portal's
figure taken from a residents-only run so the two carry the same load.
"""
import argparse
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deploy import browser as browser_module  # noqa: E402
from tests.deploy import stack  # noqa: E402
from tests.deploy.browser import ANSWERS, SURVEY, Browser  # noqa: E402

OFFICER_PASSWORD = "lantern quarry velvet benchmark"
_RESPONSE_LINK = re.compile(r'href="(/officer/responses/\d+)')
_ID = re.compile(r"/\d+")


# -- The database -----------------------------------------------------------------------------

def create_database(prefix):
    import psycopg

    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(autocommit=True) as conn:  # pg_virtualenv's PG* variables
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name):
    import psycopg

    with psycopg.connect(autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(name, sql, *params):
    import psycopg

    with psycopg.connect(dbname=name) as conn:
        return conn.execute(sql, params).fetchall()


def prepare_portal(url, accounts):
    """Migrate, load the demo data, analyse it, keep a round open today and make `accounts`
    officer accounts, in this process (a test-profile app on the same database: demo data is
    refused in production, rightly)."""
    from datetime import date, timedelta

    from flask_migrate import upgrade
    from sqlalchemy import select

    from portal import create_app, tagging
    from portal.auth.services import create_officer
    from portal.extensions import db
    from surveys.demo import load_demo
    from surveys.models import Round

    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        upgrade()
        load_demo()
        tagging.analyse_pending()
        today = date.today()
        rounds = db.session.scalars(select(Round).order_by(Round.opens_on)).all()
        if not any(r.is_open(today) for r in rounds):  # the demo's rounds are dated: keep the last open
            rounds[-1].closes_on = max(rounds[-1].closes_on, today + timedelta(days=365))
            rounds[-1].opens_on = min(rounds[-1].opens_on, today)
        db.session.commit()
        emails = []
        for n in range(accounts):
            email = f"load.officer.{n}@example.police.uk"
            create_officer(email, f"Load Officer {n}", OFFICER_PASSWORD, "officer")
            emails.append(email)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return emails


# -- What the clients saw -----------------------------------------------------------------------

class Record:
    """One thread's observations (merged after the run: no lock on the hot path)."""

    def __init__(self, measure_from, measure_to):
        self.measure_from, self.measure_to = measure_from, measure_to
        self.latencies = defaultdict(list)
        self.errors = defaultdict(int)       # 5xx or no answer at all
        self.unexpected = defaultdict(int)   # another status than the journey expects
        self.confirmed, self.markers = 0, []

    def counts(self, at):
        return self.measure_from <= at < self.measure_to


class Client(threading.Thread):
    def __init__(self, kind, number, ctx, record, stop_at):
        super().__init__(name=f"{kind}-{number}", daemon=True)
        self.kind, self.number, self.ctx, self.record, self.stop_at = kind, number, ctx, record, stop_at
        self.browser = None
        self.fatal = None

    def new_browser(self):
        if self.browser:
            self.browser.close()
        self.browser = Browser(self.ctx["https_port"], self.ctx["ca"])

    def call(self, label, method, path, data=None, token=None, expect=200):
        """One request, timed and recorded under `label`; returns the page or raises."""
        started = time.monotonic()
        try:
            if method == "GET":
                page = self.browser.request("GET", path)
            else:
                page = self.browser.request("POST", path, data={**data, "csrf_token": token or ""})
        except Exception:
            if self.record.counts(started):
                self.record.errors[label] += 1
            raise
        elapsed = time.monotonic() - started
        if self.record.counts(started):
            self.record.latencies[label].append(elapsed)
            if page.status >= 500:
                self.record.errors[label] += 1
            elif page.status != expect:
                self.record.unexpected[label] += 1
        if page.status != expect:
            raise RuntimeError(f"{label}: {page.status} (expected {expect})")
        return page

    def run(self):
        self.new_browser()
        try:
            getattr(self, self.kind)()
        except Exception as exc:  # noqa: BLE001 - reported with the figures
            self.fatal = f"{self.name}: {exc.__class__.__name__}: {exc}"
        finally:
            self.browser.close()

    def loop(self, step):
        while time.monotonic() < self.stop_at:
            try:
                step()
            except Exception:  # noqa: BLE001 - counted in call(); start again on a fresh connection
                self.new_browser()
                time.sleep(0.1)

    # Residents ------------------------------------------------------------------------------

    def resident(self):
        n = 0

        def journey():
            nonlocal n
            n += 1
            marker = f"Load benchmark resident {self.number} journey {n}: vans idle outside at night."
            started = time.monotonic()
            self.call("GET start", "GET", SURVEY)
            pages = [("your-street", {"street": str(self.ctx["street_id"])})] + ANSWERS
            for page_id, data in pages:
                form = self.call(f"GET {page_id}", "GET", SURVEY + "questions/" + page_id)
                if page_id == "effect":
                    data = {"impact": marker}
                self.call(f"POST {page_id}", "POST", SURVEY + "questions/" + page_id, data, form.csrf_token(), 302)
            check = self.call("GET check-answers", "GET", SURVEY + "check-answers")
            self.call("POST send", "POST", SURVEY + "check-answers", {"website": ""}, check.csrf_token(), 302)
            sent_at = time.monotonic()
            page = self.call("GET confirmation", "GET", SURVEY + "confirmation")
            if "Answers sent" in page.html:
                self.record.markers.append(marker)  # every confirmation: the store check is over all
                if self.record.counts(started) and self.record.counts(sent_at):
                    self.record.confirmed += 1
        self.loop(journey)

    # Officers and presenters ----------------------------------------------------------------------

    def sign_in(self):
        """Password, then the production second factor: the first sign-in sets up the
        authenticator (as a new officer does), with pyotp as the app."""
        import pyotp

        email = self.ctx["emails"].pop()
        form = self.browser.request("GET", "/officer/sign-in")
        signed = self.browser.request("POST", "/officer/sign-in", data={
            "email": email, "password": OFFICER_PASSWORD, "csrf_token": form.csrf_token()})
        if signed.status != 302:
            raise RuntimeError(f"sign-in: {signed.status} {signed.error_messages}")
        setup = self.browser.request("GET", urlsplit(signed.location).path)
        secret = (setup.text_of("#totp-key") or "").replace(" ", "")
        if setup.status != 200 or not secret:
            raise RuntimeError(f"second factor set-up: {setup.status}")
        codes = self.browser.request("POST", "/officer/account/two-factor", data={
            "code": pyotp.TOTP(secret).now(), "csrf_token": setup.csrf_token()})
        if codes.status != 200:
            raise RuntimeError(f"second factor: {codes.status}")

    def signed_in_browser(self):
        """A fresh connection keeping the officer's session (after an error)."""
        cookies = dict(self.browser.cookies)
        self.new_browser()
        self.browser.cookies.update(cookies)

    def officer(self):
        self.sign_in()
        rng = random.Random(self.number)

        def review():
            queue = self.call("GET review queue", "GET", "/officer/review")
            links = _RESPONSE_LINK.findall(queue.html)
            if links:
                self.call("GET response", "GET", rng.choice(links))
        self._officer_loop(review)

    def presenter(self):
        self.sign_in()

        def present():
            self.call("GET insights", "GET", "/officer/insights")
            self.call("GET insights/present", "GET", "/officer/insights/present")
        self._officer_loop(present)

    def _officer_loop(self, step):
        while time.monotonic() < self.stop_at:
            try:
                step()
            except Exception:  # noqa: BLE001 - counted in call()
                self.signed_in_browser()
                time.sleep(0.1)


# -- One run ---------------------------------------------------------------------------------------

def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def app_durations(log_path, offset):
    """Server-side durations (ms) per "METHOD path" from the access log, and the analysis-on-
    send durations, from `offset` on."""
    per_page, analysis = defaultdict(list), defaultdict(list)
    with open(log_path, "rb") as stream:
        stream.seek(offset)
        for raw in stream:
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            if line.get("logger") == "streetvoice.access" and "duration_ms" in line:
                per_page[f"{line.get('method')} {_ID.sub('/<id>', line.get('path', ''))}"].append(line["duration_ms"])
            elif str(line.get("message", "")).startswith("Analysed a response on sending") and "duration_ms" in line:
                analysis[line.get("analysis_when", "inside the request")].append(line["duration_ms"])
    return per_page, analysis


def run_load(ctx, residents, officers, presenters, seconds, warmup, log_path=None):
    started = time.monotonic()
    measure_from, measure_to = started + warmup, started + warmup + seconds
    threads = []
    kinds = [("resident", residents), ("officer", officers), ("presenter", presenters)]
    for kind, count in kinds:
        for n in range(count):
            threads.append(Client(kind, n, ctx, Record(measure_from, measure_to), measure_to))
    cpu_before = os.times()
    offset = None
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, measure_from - time.monotonic()))
    load_before = os.getloadavg()
    if log_path:
        offset = os.path.getsize(log_path)
    for thread in threads:
        thread.join(seconds + warmup + 120)
    cpu_after = os.times()
    per_page_app, analysis = app_durations(log_path, offset) if log_path else ({}, {})

    latencies, errors, unexpected = defaultdict(list), defaultdict(int), defaultdict(int)
    confirmed, markers, fatal = 0, [], []
    for thread in threads:
        record = thread.record
        for label, values in record.latencies.items():
            latencies[label] += values
        for label, n in record.errors.items():
            errors[label] += n
        for label, n in record.unexpected.items():
            unexpected[label] += n
        confirmed += record.confirmed
        markers += record.markers
        if thread.fatal:
            fatal.append(thread.fatal)
    pages = []
    for label in _order(set(latencies) | set(errors)):
        values = latencies.get(label, [])
        app = per_page_app.get(_app_key(label), [])
        pages.append({"page": label, "requests": len(values), "rps": round(len(values) / seconds, 2),
                      "p50_ms": _ms(percentile(values, 50)), "p95_ms": _ms(percentile(values, 95)),
                      "p99_ms": _ms(percentile(values, 99)), "errors": errors.get(label, 0),
                      "unexpected": unexpected.get(label, 0),
                      "app_p95_ms": round(percentile(app, 95), 1) if app else None})
    total = sum(p["requests"] for p in pages)
    return {"seconds": seconds, "warmup": warmup, "residents": residents, "officers": officers,
            "presenters": presenters, "pages": pages,
            "requests": total, "rps": round(total / seconds, 1),
            "errors": sum(p["errors"] for p in pages), "unexpected": sum(p["unexpected"] for p in pages),
            "journeys_confirmed": confirmed, "journeys_per_second": round(confirmed / seconds, 2),
            "confirmations_all": len(markers), "markers": markers,
            "analysis_on_send": {when: _summary(values) for when, values in analysis.items()}, "client_cpu_s": round(
                (cpu_after.user - cpu_before.user) + (cpu_after.system - cpu_before.system), 1),
            "load_average_at_start": [round(x, 2) for x in load_before], "thread_failures": fatal}


def _summary(values):
    if not values:
        return None
    return {"count": len(values), "p50_ms": round(percentile(values, 50), 1),
            "p95_ms": round(percentile(values, 95), 1), "p99_ms": round(percentile(values, 99), 1),
            "max_ms": round(max(values), 1)}


_ORDER = ["GET start", "GET your-street", "POST your-street"] + [
    f"{m} {p}" for p, _d in ANSWERS for m in ("GET", "POST")] + [
    "GET check-answers", "POST send", "GET confirmation", "GET review queue", "GET response",
    "GET insights", "GET insights/present"]


def _order(labels):
    return sorted(labels, key=lambda label: (_ORDER.index(label) if label in _ORDER else 99, label))


def _app_key(label):
    method, _, name = label.partition(" ")
    return {"start": f"GET {SURVEY}", "check-answers": f"GET {SURVEY}check-answers",
            "send": f"POST {SURVEY}check-answers", "confirmation": f"GET {SURVEY}confirmation",
            "review queue": "GET /officer/review", "response": "GET /officer/responses/<id>",
            "insights": "GET /officer/insights", "insights/present": "GET /officer/insights/present",
            }.get(name, f"{method} {SURVEY}questions/{name}")


def _ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


# -- The portal and the ceiling ---------------------------------------------------------------

def portal_stack(directory, workers, accounts, redis):
    name = create_database("streetvoice_load")
    url = f"postgresql+psycopg:///{name}"
    emails = prepare_portal(url, accounts)
    # The limits stay on (Redis in the path, as in production), set beyond what the load reaches.
    # RATELIMIT_ENABLED=0 would not do: officer sign-in fails closed without the limiter's store.
    server = stack.Server(directory, url, redis.url, workers=workers, SUBMIT_RATE_LIMIT="1000000 per hour")
    server.start()
    street_id = query(name, "SELECT id FROM street WHERE name = %s", "Albert Terrace")[0][0]
    return name, server, street_id, emails


class CeilingServer:
    """benchmarks/ceiling_app.py under the portal's gunicorn settings (portal/serving.py)."""

    def __init__(self, directory, database_url, workers):
        self.directory, self.port, self.workers = directory, stack.free_port(), workers
        self.log = directory / f"ceiling-{self.port}.log"
        self.env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": secrets.token_hex(32),
                    "STREETVOICE_PROXIES": "1"}
        self.process = None

    def start(self):
        with open(self.log, "ab") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "benchmarks" / "ceiling_app.py"), "--workers", str(self.workers),
                 "--bind", f"127.0.0.1:{self.port}"], env=self.env, cwd=self.directory,
                stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
        stack.wait_for(self._up, 60, "ceiling app")

    def _up(self):
        import http.client

        if self.process.poll() is not None:
            raise AssertionError(f"ceiling app exited:\n{self.log.read_text()[-3000:]}")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", SURVEY, headers={"Host": "localhost"})
            return connection.getresponse().status == 200
        finally:
            connection.close()

    def stop(self):
        stack.stop_process(self.process, stack.signal.SIGQUIT)


def behind_nginx(directory, app_port, certificates):
    _ca, certificate, key = certificates
    nginx_dir = directory / f"nginx-{app_port}"
    nginx_dir.mkdir()
    nginx = stack.Nginx(nginx_dir, app_port, certificate, key)
    nginx.start()
    return nginx


def stored_check(database, markers):
    rows = dict(query(database, "SELECT value, count(*) FROM answer WHERE value LIKE 'Load benchmark resident %%' "
                                "GROUP BY value"))
    return {"confirmed_missing": sum(1 for m in markers if rows.get(m, 0) == 0),
            "stored_twice": sum(1 for n in rows.values() if n > 1),
            "stored_unconfirmed": len(set(rows) - set(markers))}


def portal_run(args, directory, certificates, redis, residents, officers, presenters, label):
    name, server, street_id, emails = portal_stack(directory, args.workers, officers + presenters, redis)
    nginx = behind_nginx(directory, server.port, certificates)
    try:
        before = json.loads(server.cli("stats", "--json").stdout)["responses"]
        ctx = {"https_port": nginx.https_port, "ca": certificates[0], "street_id": street_id, "emails": emails}
        print(f"[{label}] {residents} residents, {officers} officers, {presenters} presenters, "
              f"{args.workers} workers, {args.warmup:.0f} s warm-up + {args.seconds:.0f} s ...", file=sys.stderr)
        result = run_load(ctx, residents, officers, presenters, args.seconds, args.warmup, server.log)
        stats = server.cli("stats", "--json")
        result["stored"] = json.loads(stats.stdout)["responses"] - before
        result.update(stored_check(name, result["markers"]))
        result["server_5xx_logged"] = sum(1 for line in server.log_lines() if '"status": 5' in line)
        return result
    finally:
        nginx.stop()
        server.stop()
        browser_module.close_browsers()
        drop_database(name)


def ceiling_run(args, directory, certificates, residents):
    name = create_database("ceiling_load")
    url = f"postgresql+psycopg:///{name}"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ceiling_app.py"), "--init"], check=True,
                   env={**os.environ, "DATABASE_URL": url, "SECRET_KEY": "init"})
    server = CeilingServer(directory, url, args.workers)
    server.start()
    nginx = behind_nginx(directory, server.port, certificates)
    try:
        street_id = query(name, "SELECT id FROM street WHERE name = %s", "Albert Terrace")[0][0]
        ctx = {"https_port": nginx.https_port, "ca": certificates[0], "street_id": street_id, "emails": []}
        print(f"[ceiling] {residents} residents, {args.workers} workers, {args.warmup:.0f} s warm-up + "
              f"{args.seconds:.0f} s ...", file=sys.stderr)
        result = run_load(ctx, residents, 0, 0, args.seconds, args.warmup)
        result["stored"] = query(name, "SELECT count(*) FROM response")[0][0]
        rows = {m for (m,) in query(name, "SELECT answers->>'impact' FROM response")}
        result["confirmed_missing"] = sum(1 for m in result["markers"] if m not in rows)
        return result
    finally:
        nginx.stop()
        server.stop()
        browser_module.close_browsers()
        drop_database(name)


# -- Output --------------------------------------------------------------------------------------

def table(result, title):
    lines = [title, f"{'page':24} {'req':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
                    f"{'app p95':>8} {'errors':>6} {'other':>5}"]
    for p in result["pages"]:
        def f(v):
            return "-" if v is None else f"{v:.1f}"
        lines.append(f"{p['page']:24} {p['requests']:>6} {p['rps']:>7.2f} {f(p['p50_ms']):>8} {f(p['p95_ms']):>8} "
                     f"{f(p['p99_ms']):>8} {f(p['app_p95_ms']):>8} {p['errors']:>6} {p['unexpected']:>5}")
    lines.append(f"{'all':24} {result['requests']:>6} {result['rps']:>7.1f} {'':>8} {'':>8} {'':>8} {'':>8} "
                 f"{result['errors']:>6} {result['unexpected']:>5}")
    lines.append(f"journeys confirmed in the window: {result['journeys_confirmed']} "
                 f"({result['journeys_per_second']}/s); confirmations in all (warm-up and tail too): "
                 f"{result['confirmations_all']}; responses stored: {result.get('stored')}; "
                 f"confirmed but not stored: {result.get('confirmed_missing')}; stored twice: "
                 f"{result.get('stored_twice', '-')}")
    for when, a in (result.get("analysis_on_send") or {}).items():
        lines.append(f"analysis of a sent response, {when}: {a['count']} sends, p50 {a['p50_ms']} ms, "
                     f"p95 {a['p95_ms']} ms, p99 {a['p99_ms']} ms, max {a['max_ms']} ms")
    lines.append(f"load average at the start: {result['load_average_at_start']}; client CPU {result['client_cpu_s']} s")
    for failure in result["thread_failures"]:
        lines.append(f"THREAD FAILED: {failure}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=5, help="seconds of load before measuring")
    parser.add_argument("--residents", type=int, default=16)
    parser.add_argument("--officers", type=int, default=2)
    parser.add_argument("--presenters", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (serve's default: 2 x cores + 1)")
    parser.add_argument("--ceiling", action="store_true", help="also run the ceiling app and print the ratio")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON ('-': standard output)")
    args = parser.parse_args(argv)
    if not os.environ.get("PGHOST") and not os.environ.get("PGPORT"):
        parser.error("run under pg_virtualenv -t -v 15 (it provides PostgreSQL and its PG* variables)")
    if args.workers is None:
        from portal.serving import default_workers
        args.workers = default_workers()

    results = {"machine": {"cores": len(os.sched_getaffinity(0)), "load_average": os.getloadavg()},
               "workers": args.workers}
    with tempfile.TemporaryDirectory(prefix="streetvoice-load-") as tmp:
        directory = Path(tmp)
        directory.chmod(0o700)
        certificates = stack.make_certificate(directory)
        redis = stack.Redis(directory)
        redis.start()
        try:
            results["portal"] = portal_run(args, directory, certificates, redis, args.residents, args.officers,
                                           args.presenters, "portal")
            print(table(results["portal"], "portal"), file=sys.stderr if args.json == "-" else sys.stdout)
            if args.ceiling:
                if args.officers or args.presenters:
                    results["portal_residents_only"] = portal_run(args, directory, certificates, redis,
                                                                  args.residents, 0, 0, "portal, residents only")
                    print(table(results["portal_residents_only"], "portal, residents only"),
                          file=sys.stderr if args.json == "-" else sys.stdout)
                same_load = results.get("portal_residents_only", results["portal"])
                results["ceiling"] = ceiling_run(args, directory, certificates, args.residents)
                print(table(results["ceiling"], "ceiling (benchmarks/ceiling_app.py)"),
                      file=sys.stderr if args.json == "-" else sys.stdout)
                ceiling = results["ceiling"]["journeys_per_second"]
                results["ratio"] = round(same_load["journeys_per_second"] / ceiling, 2) if ceiling else None
                print(f"portal/ceiling journeys per second ({args.residents} residents): "
                      f"{same_load['journeys_per_second']}/{ceiling} = {results['ratio']}",
                      file=sys.stderr if args.json == "-" else sys.stdout)
        finally:
            redis.stop()
    for run in ("portal", "portal_residents_only", "ceiling"):
        if run in results:
            results[run].pop("markers", None)
    if args.json:
        text = json.dumps(results, indent=2)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    failed = any(results[r]["errors"] or results[r].get("confirmed_missing") or results[r].get("stored_twice")
                 for r in ("portal", "portal_residents_only", "ceiling") if r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
