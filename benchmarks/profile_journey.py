"""Profile the resident journey in one process: the production profile on PostgreSQL and
Redis (as benchmarks/load.py prepares them: demo data, analysed), Flask's test client, no
nginx, no gunicorn, one journey at a time; so what it shows is the app's own cost.

    pg_virtualenv -t -v 15 .venv/bin/python benchmarks/profile_journey.py [--journeys 40] [--cprofile]

Prints the mean time per page and of the analysis inside the send, then the profile
(pyinstrument if installed in .venv, which it need not be: `pip install pyinstrument`;
otherwise cProfile sorted by cumulative time).
"""
import argparse
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import load  # noqa: E402
from tests.deploy import stack  # noqa: E402
from tests.deploy.browser import ANSWERS, SURVEY  # noqa: E402

_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


QUERIES = [0]


def journey(client, street_id, n, times, queries=None):
    def timed(label, method, path, data=None):
        started, before = time.perf_counter(), QUERIES[0]
        response = client.open(path, method=method, data=data, headers={"Origin": "http://localhost"})
        times[label].append(time.perf_counter() - started)
        if queries is not None:
            queries[label].append(QUERIES[0] - before)
        return response

    timed("GET start", "GET", SURVEY)
    for page_id, data in [("your-street", {"street": str(street_id)})] + ANSWERS:
        form = timed(f"GET {page_id}", "GET", SURVEY + "questions/" + page_id)
        token = _TOKEN.search(form.get_data(as_text=True)).group(1)
        if page_id == "effect":
            data = {"impact": f"Profile journey {n}: vans idle outside at night and the noise wakes us."}
        sent = timed(f"POST {page_id}", "POST", SURVEY + "questions/" + page_id, {**data, "csrf_token": token})
        assert sent.status_code == 302, (page_id, sent.status_code)
    check = timed("GET check-answers", "GET", SURVEY + "check-answers")
    token = _TOKEN.search(check.get_data(as_text=True)).group(1)
    sent = timed("POST send", "POST", SURVEY + "check-answers", {"website": "", "csrf_token": token})
    assert sent.status_code == 302, sent.status_code
    done = timed("GET confirmation", "GET", SURVEY + "confirmation")
    assert "Answers sent" in done.get_data(as_text=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--journeys", type=int, default=40)
    parser.add_argument("--cprofile", action="store_true", help="cProfile even if pyinstrument is installed")
    parser.add_argument("--no-profile", action="store_true", help="only the times")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="streetvoice-profile-") as tmp:
        redis = stack.Redis(Path(tmp))
        redis.start()
        name = load.create_database("streetvoice_profile")
        try:
            url = f"postgresql+psycopg:///{name}"
            load.prepare_portal(url, 0)
            street_id = load.query(name, "SELECT id FROM street WHERE name = %s", "Albert Terrace")[0][0]
            os.environ.update({"STREETVOICE_ENV": "production", "SECRET_KEY": secrets.token_hex(32),
                               "DATABASE_URL": url, "REDIS_URL": redis.url, "TRUSTED_HOSTS": "localhost",
                               "SESSION_COOKIE_SECURE": "0", "MIN_COMPLETION_SECONDS": "0",
                               "SUBMIT_RATE_LIMIT": "1000000 per hour"})
            run(args, street_id)
        finally:
            load.drop_database(name)
            redis.stop()


def run(args, street_id):
    import logging

    from portal import create_app, tagging

    app = create_app()
    logging.getLogger().setLevel(logging.WARNING)  # no access lines on the terminal
    analysis_times = []
    original = tagging.analyse_pending

    def timed_analysis(*a, **kw):
        started = time.perf_counter()
        try:
            return original(*a, **kw)
        finally:
            analysis_times.append(time.perf_counter() - started)
    tagging.analyse_pending = timed_analysis

    from sqlalchemy import event

    from portal.extensions import db

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a: QUERIES.__setitem__(0, QUERIES[0] + 1))
    client = app.test_client()
    for n in range(3):  # warm: templates compiled, analyser built, connections open
        journey(client, street_id, -n, defaultdict(list))
    analysis_times.clear()
    times, queries = defaultdict(list), defaultdict(list)
    profiler = None
    if not args.no_profile:
        try:
            if args.cprofile:
                raise ImportError
            from pyinstrument import Profiler
            profiler = Profiler(interval=0.0005)
        except ImportError:
            import cProfile
            profiler = cProfile.Profile()
        profiler.enable() if hasattr(profiler, "enable") else profiler.start()
    started, cpu = time.perf_counter(), time.process_time()
    for n in range(args.journeys):
        journey(client, street_id, n, times, queries)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profiler is not None:
        profiler.disable() if hasattr(profiler, "disable") else profiler.stop()

    print(f"{args.journeys} journeys in {elapsed:.2f} s: {elapsed / args.journeys * 1000:.0f} ms a journey "
          f"({'profiled' if profiler else 'not profiled'}); CPU {cpu / args.journeys * 1000:.0f} ms a journey "
          f"(this process, PostgreSQL's not counted); {sum(map(sum, queries.values())) / args.journeys:.0f} SQL "
          "statements a journey")
    for label, values in sorted(times.items(), key=lambda kv: -sum(kv[1])):
        print(f"  {label:24} mean {statistics.mean(values) * 1000:6.1f} ms  "
              f"p95 {load.percentile(values, 95) * 1000:6.1f} ms  SQL {statistics.mean(queries[label]):4.1f}")
    if analysis_times:
        print(f"  analysis inside the send: mean {statistics.mean(analysis_times) * 1000:.1f} ms, "
              f"p95 {load.percentile(analysis_times, 95) * 1000:.1f} ms")
    if profiler is None:
        return
    if hasattr(profiler, "output_text"):
        print(profiler.output_text(unicode=False, color=False, show_all=False))
    else:
        import pstats
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
