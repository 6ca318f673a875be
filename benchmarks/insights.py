#!/usr/bin/env python3
"""Meeting insights at scale: the dashboard's server time next to the bare SQL it runs.

    pg_virtualenv -v 15 env .venv/bin/python benchmarks/insights.py          # 100,000 responses, 500 streets
    pg_virtualenv -v 15 env .venv/bin/python benchmarks/insights.py --responses 5000 --streets 60
    pg_virtualenv -v 15 env .venv/bin/python benchmarks/insights.py --explain   # and each query's plan

A script, not a test: it prints figures and never fails a build. Against PostgreSQL (the
database is DATABASE_URL, else `postgresql+psycopg://` with host, port, user, password and
database taken by libpq from the PG* variables that pg_virtualenv sets) it:

1. creates the schema (flask_migrate upgrade) in an empty database (it refuses one that holds
   responses);
2. loads synthetic data in bulk (COPY on PostgreSQL, a Core executemany elsewhere; no
   analysis engine is run): `--streets` streets in about 25 areas (a few quiet streets with 1
   to 4 respondents, some hotspots), the default survey's two rounds and both audiences, every
   Likert answer, free text in about 60% of responses, an AnswerAnalysis row (tone) for each
   free-text answer with 0 to 3 active machine AnswerTag rows, about 10% of those answers
   reviewed by an officer (tags confirmed, a few rejected or added, an AnswerReview row), and a
   few SafeguardingFlag rows; then VACUUM ANALYZE;
3. times each GROUP BY query of portal/insights/queries.py as counted_rows calls it (median and
   fastest of 5), and their sum: "the bare SQL";
4. signs an officer in through the Flask test client and times GET /officer/insights: first
   with the per-process cache empty (count + disclosure control + charts + render), then cached,
   then filtered to one area; splits the cold request into its parts; GET
   /officer/insights/pack.html and its size.

The load is a synthetic stand-in for real answers (text from the demo's sentence pools, tags
drawn at random with hotspot streets leaning to kerb crawling and street sex work); it is sized
and shaped like a busy survey, not a model of one.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "lantern quarry velvet ledger"
EMAIL = "benchmark.officer@example.police.uk"
AREA_WORDS = ["Middlefield", "St Hilda's", "Gresham", "Newport Quays", "Linthorpe", "Ayresome", "Grove Hill",
              "North Ormesby", "Brambles", "Berwick Hills", "Pallister", "Park End", "Thorntree", "Beechwood",
              "Easterside", "Hemlington", "Acklam", "Marton", "Nunthorpe", "Coulby", "Stainton", "Thornaby",
              "Ingleby", "Hartburn", "Norton", "Portrack", "Tilery", "Mandale", "Roseworth", "Hardwick"]
STREET_WORDS = ["Grange", "Cannon", "Cleveland", "Dock", "Union", "Abingdon", "Victoria", "Albert", "Princes",
                "Waterloo", "Borough", "Marton", "Parliament", "Station", "Church", "Chapel", "Mill", "Park",
                "Orchard", "Beech", "Ash", "Elm", "Oak", "Rose", "Tees", "Wharf", "Harbour", "Linthorpe",
                "Crescent", "Derwent", "Eden", "Wear", "Tyne", "Esk", "Coniston", "Keswick", "Laburnum", "Lime"]
STREET_KINDS = ["Road", "Street", "Terrace", "Avenue", "Lane", "Grove", "Close", "Place", "Court", "Mews"]
FREQUENCY = ["never", "once_or_twice", "weekly", "several_weekly", "daily"]
SAFETY = ["very_safe", "fairly_safe", "neither", "fairly_unsafe", "very_unsafe"]
AGES = (["16-24", "25-34", "35-49", "50-64", "65+", "prefer_not"], [7, 16, 27, 25, 19, 6])
# Shares and weights of the synthetic load.
QUIET_STREETS, HOTSPOT_STREETS = 0.05, 0.10
TEXT_SHARE, IMPACT_GIVEN_TEXT, IMPROVE_GIVEN_TEXT = 0.60, 0.85, 0.55
BUSINESS_SHARE, ASSISTED_SHARE, FIRST_ROUND_SHARE = 0.08, 0.15, 0.55
TAGS_PER_ANSWER = ([0, 1, 2, 3], [20, 40, 28, 12])
REVIEWED_SHARE, FLAG_SHARE = 0.10, 0.002
FLAG_STATUSES = (["open", "referred", "no_further_action", "not_a_disclosure"], [3, 3, 2, 4])
BATCH = 5000  # responses per round trip of inserts


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--streets", type=int, default=500)
    parser.add_argument("--areas", type=int, default=25)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN (ANALYZE, BUFFERS) of each query")
    return parser.parse_args()


def database_url():
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    if os.environ.get("PGHOST") or os.environ.get("PGDATABASE"):
        return "postgresql+psycopg://"  # libpq reads host, port, user, password and database from PG*
    sys.exit("No database: run under `pg_virtualenv -v 15 env ...` or set DATABASE_URL (PostgreSQL).")


def seconds(value):
    return f"{value:7.3f} s" if value >= 1 else f"{value * 1000:7.1f} ms"


# --------------------------------------------------------------------------------------------
# Loading


@dataclass(frozen=True)
class Book:
    id: str
    version: int
    fingerprint: str


class Loader:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.counts = defaultdict(int)
        self.ids = defaultdict(int)

    def next_id(self, table):
        self.ids[table] += 1
        return self.ids[table]

    def run(self):
        from portal.auth.services import create_officer
        from portal.codebooks import services as codebooks
        from portal.extensions import db
        from surveys.definitions import load_file
        from surveys.services import definition_for, store_definition

        self.db = db
        self.officer = create_officer(EMAIL, "Benchmark Officer", PASSWORD, "officer")
        version, _ = store_definition(load_file())
        self.version = version
        self.definition = definition_for(version)
        self.rounds = sorted(version.survey.rounds, key=lambda r: r.opens_on)
        row = codebooks.current_row()
        self.codebook = codebooks.codebook_of(row)
        self.theme_ids = list(self.codebook.theme_ids)
        import yaml
        from surveys.demo import PHRASES_FILE
        phrases = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))
        self.fill = phrases["fill"]
        self.pools = {key: [s for pool in phrases[key].values() for s in pool] for key in ("impact", "improve")}
        streets = self.load_streets()
        self.load_responses(streets)
        db.session.commit()
        self.fix_sequences()
        return self.counts

    def insert(self, model, rows):
        """Bulk-insert rows (dicts with the same keys). PostgreSQL: COPY through the session's
        own connection (SQLAlchemy's executemany sends one INSERT a row through psycopg's
        pipeline, about 50 us a row: over a minute for this load). Elsewhere: a Core executemany."""
        if not rows:
            return
        table = model.__table__
        self.counts[table.name] += len(rows)
        if self.db.engine.dialect.name != "postgresql":
            self.db.session.execute(table.insert(), rows)
            return
        columns = list(rows[0])
        json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
        driver = self.db.session.connection().connection.driver_connection
        with driver.cursor() as cursor, cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([json.dumps(row[c]) if c in json_columns else row[c] for c in columns])

    def load_streets(self):
        from surveys.models import Area, Street
        rng, args = self.rng, self.args
        n_areas = max(1, min(args.areas, len(AREA_WORDS), args.streets // 4 or 1))
        areas = [{"id": i + 1, "name": AREA_WORDS[i]} for i in range(n_areas)]
        # Areas of uneven size: some of 8 streets, some of 30.
        weights = [rng.uniform(0.4, 1.6) for _ in areas]
        area_of = [areas[i % n_areas]["id"] for i in range(n_areas)]
        area_of += rng.choices([a["id"] for a in areas], weights=weights, k=args.streets - n_areas)
        names = [f"{w} {k}" for w in STREET_WORDS for k in STREET_KINDS]
        rng.shuffle(names)
        streets, used = [], defaultdict(set)
        for index, area_id in enumerate(sorted(area_of[:args.streets])):
            name = names[index % len(names)] + ("" if index < len(names) else f" {index // len(names) + 1}")
            profile = ("quiet" if rng.random() < QUIET_STREETS else
                       "hotspot" if rng.random() < HOTSPOT_STREETS else "street")
            mapped = rng.random() < 0.7
            streets.append({"id": index + 1, "name": name, "postcode_district": f"TS{area_id}", "area_id": area_id,
                            "lat": 54.57 + rng.uniform(-0.05, 0.05) if mapped else None,
                            "lon": -1.23 + rng.uniform(-0.08, 0.08) if mapped else None, "profile": profile})
            used[area_id].add(name)
        self.insert(Area, areas)
        self.insert(Street, [{k: v for k, v in s.items() if k != "profile"} for s in streets])
        return streets

    def allocate(self, streets):
        """The street of each response: quiet streets get 1 to 4 in all, the rest by weight."""
        rng, total = self.rng, self.args.responses
        picks = []
        for street in streets:
            if street["profile"] == "quiet":
                picks.extend([street] * rng.randint(1, 4))
        picks = picks[:total]
        others = [s for s in streets if s["profile"] != "quiet"] or streets
        weights = [(4.0 if s["profile"] == "hotspot" else 1.0) * rng.lognormvariate(0, 0.6) for s in others]
        picks.extend(rng.choices(others, weights=weights, k=total - len(picks)))
        rng.shuffle(picks)
        return picks

    def text(self, kind):
        rng = self.rng
        sentences = [rng.choice(self.pools[kind]) for _ in range(rng.choice([1, 1, 2, 2, 3]))]
        return " ".join(re.sub(r"\{(\w+)\}", lambda m: rng.choice(self.fill.get(m.group(1), ["there"])), s)
                        for s in sentences)

    def load_responses(self, streets):
        from portal.review.models import AnswerAnalysis, AnswerReview, AnswerTag, SafeguardingFlag
        from surveys.models import Answer, Response
        rng = self.rng
        offsets = {"safe_day": -0.25, "safe_dark": 0.10}
        likert = [(q.id, [o.value for o in q.options], offsets.get(q.id, 0.0))
                  for q in self.definition.questions if q.type == "likert"]
        rounds = [(r.id, r.opens_on, max(1, (r.closes_on - r.opens_on).days)) for r in self.rounds]
        version_id = self.version.id
        book = Book(self.codebook.id, self.codebook.version, self.codebook.fingerprint)  # computed per access
        hot_themes = {"kerb_crawling", "street_sex_work", "feeling_unsafe", "vehicles_parking"}
        officer_id = self.officer.id
        levels = {s["id"]: {"quiet": 0.15, "street": 0.30, "hotspot": 0.70}[s["profile"]] + rng.uniform(-0.08, 0.08)
                  for s in streets}
        picks = self.allocate(streets)
        for start in range(0, len(picks), BATCH):
            rows = {name: [] for name in ("response", "answer", "analysis", "tag", "review", "flag")}
            for street in picks[start:start + BATCH]:
                phase = 0 if len(self.rounds) == 1 or rng.random() < FIRST_ROUND_SHARE else 1
                round_id, opens_on, days = rounds[phase]
                response_id = self.next_id("response")
                business = rng.random() < BUSINESS_SHARE
                assisted = rng.random() < ASSISTED_SHARE
                day = opens_on + timedelta(days=rng.randrange(days))
                hour = rng.choice([10, 12, 14, 16, 17] if assisted else [8, 12, 17, 18, 19, 19, 20, 20, 21, 22])
                rows["response"].append({
                    "id": response_id, "survey_version_id": version_id, "round_id": round_id,
                    "street_id": street["id"], "audience": "business" if business else "resident",
                    "channel": "assisted" if assisted else "online",
                    "submitted_hour": datetime(day.year, day.month, day.day, hour, tzinfo=UTC)})
                answers = rows["answer"]
                answers.append({"id": self.next_id("answer"), "response_id": response_id, "question_id": "street",
                                "value": str(street["id"])})
                answers.append({"id": self.next_id("answer"), "response_id": response_id, "question_id": "audience",
                                "value": "business" if business else "resident"})
                person = levels[street["id"]] - (0.12 if phase and street["profile"] == "hotspot" else 0.03 * phase)
                person += rng.gauss(0, 0.12)
                for question_id, options, offset in likert:
                    index = min(len(options) - 1, max(0, int((person + offset + rng.gauss(0, 0.15)) * len(options))))
                    answers.append({"id": self.next_id("answer"), "response_id": response_id,
                                    "question_id": question_id, "value": options[index]})
                if rng.random() < 0.8:
                    answers.append({"id": self.next_id("answer"), "response_id": response_id,
                                    "question_id": "age_band", "value": rng.choices(*AGES)[0]})
                if rng.random() < TEXT_SHARE:
                    kinds = [k for k, share in (("impact", IMPACT_GIVEN_TEXT), ("improve", IMPROVE_GIVEN_TEXT))
                             if rng.random() < share] or ["impact"]
                    for kind in kinds:
                        answer_id = self.next_id("answer")
                        text = self.text(kind)
                        answers.append({"id": answer_id, "response_id": response_id, "question_id": kind,
                                        "value": text})
                        self.analyse(rows, answer_id, text, day, street["profile"] == "hotspot",
                                     hot_themes, book, officer_id)
            self.insert(Response, rows["response"])
            self.insert(Answer, rows["answer"])
            self.insert(AnswerAnalysis, rows["analysis"])
            self.insert(AnswerTag, rows["tag"])
            self.insert(AnswerReview, rows["review"])
            self.insert(SafeguardingFlag, rows["flag"])

    def analyse(self, rows, answer_id, text, day, hotspot, hot_themes, book, officer_id):
        """What the analysis engine and officers would have left on one free-text answer."""
        rng = self.rng
        hour = datetime(day.year, day.month, day.day, 21, tzinfo=UTC)
        flagged = rng.random() < FLAG_SHARE
        category = rng.choice(["child_at_risk", "exploitation_trafficking", "violence_threats", "self_harm"])
        rows["analysis"].append({
            "id": self.next_id("analysis"), "answer_id": answer_id, "redacted_text": text,
            "tone": round(max(-1.0, min(1.0, rng.gauss(-0.3, 0.35))), 3),
            "safeguarding": category if flagged else "", "safeguarding_evidence": [], "uncertainty": rng.random(),
            "error": None, "codebook_id": book.id, "codebook_version": book.version,
            "codebook_fingerprint": book.fingerprint, "model_version": None, "safeguarding_model": None,
            "analysed_at": hour, "raw_deleted_at": None})
        weights = [3.0 if hotspot and t in hot_themes else 1.0 for t in self.theme_ids]
        themes = set()
        for _ in range(rng.choices(*TAGS_PER_ANSWER)[0]):
            themes.add(rng.choices(self.theme_ids, weights=weights)[0])
        reviewed = rng.random() < REVIEWED_SHARE
        reviewed_at = hour + timedelta(days=rng.randint(1, 20), minutes=rng.randint(0, 600)) if reviewed else None
        decided = set(themes)

        def tag(theme, source, active=True, assigned_by=None):
            rows["tag"].append({
                "id": self.next_id("tag"), "answer_id": answer_id, "theme_id": theme,
                "score": None if source == "officer" else round(rng.uniform(0.4, 1.0), 3),
                "evidence": [], "source": source, "assigned_by_id": assigned_by, "codebook_id": book.id,
                "codebook_version": book.version, "model_version": None, "active": active, "created_at": hour,
                "reviewed_by_id": officer_id if reviewed else None, "reviewed_at": reviewed_at})

        for theme in sorted(themes):
            rejected = reviewed and rng.random() < 0.15
            tag(theme, rng.choice(["codebook", "codebook", "model"]), active=not rejected)
            if rejected:
                decided.discard(theme)
        if reviewed and rng.random() < 0.2:
            extra = rng.choice(self.theme_ids)
            if extra not in themes:
                tag(extra, "officer", assigned_by=officer_id)
                decided.add(extra)
        if reviewed:
            rows["review"].append({"id": self.next_id("review"), "answer_id": answer_id, "officer_id": officer_id,
                                   "themes": sorted(decided), "blind": False, "reviewed_at": reviewed_at})
        if flagged:
            status = rng.choices(*FLAG_STATUSES)[0]
            rows["flag"].append({
                "id": self.next_id("flag"), "answer_id": answer_id, "category": category, "source": "rule",
                "evidence": [], "raised_hour": hour, "status": status,
                "referred_to": "Children's services" if status == "referred" else None,
                "reason": "Checked by the benchmark" if status != "open" else None,
                "actioned_by_id": officer_id if status != "open" else None,
                "actioned_at": reviewed_at or hour + timedelta(days=1) if status != "open" else None})

    def fix_sequences(self):
        """Rows were given their ids; move each id sequence past them (PostgreSQL)."""
        if self.db.engine.dialect.name != "postgresql":
            return
        for table in ("area", "street", "response", "answer", "answer_analysis", "answer_tag", "answer_review",
                      "safeguarding_flag"):
            self.db.session.execute(self.db.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM {table}), 1))"))
        self.db.session.commit()


def vacuum_analyze(db):
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE")


# --------------------------------------------------------------------------------------------
# Timing


class Split:
    """Exclusive time per label of wrapped functions (a nested wrapped call counts for its own
    label only), wall clock and this process's CPU, and the time spent in the database driver."""

    def __init__(self):
        self.totals = defaultdict(float)
        self.cpu = defaultdict(float)
        self.stack = []
        self.sql_time = 0.0
        self.sql_count = 0
        self.patched = []

    def wrap(self, module, name, label):
        original = getattr(module, name)

        def timed(*args, **kwargs):
            start, start_cpu = time.perf_counter(), time.process_time()
            self.stack.append([0.0, 0.0])
            try:
                return original(*args, **kwargs)
            finally:
                elapsed, used = time.perf_counter() - start, time.process_time() - start_cpu
                inner, inner_cpu = self.stack.pop()
                self.totals[label] += elapsed - inner
                self.cpu[label] += used - inner_cpu
                if self.stack:
                    self.stack[-1][0] += elapsed
                    self.stack[-1][1] += used

        setattr(module, name, timed)
        self.patched.append((module, name, original))

    def listen(self, engine):
        from sqlalchemy import event

        def before(conn, cursor, statement, parameters, context, executemany):
            conn.info["benchmark_start"] = time.perf_counter()

        def after(conn, cursor, statement, parameters, context, executemany):
            self.sql_time += time.perf_counter() - conn.info.pop("benchmark_start")
            self.sql_count += 1

        event.listen(engine, "before_cursor_execute", before)
        event.listen(engine, "after_cursor_execute", after)
        self.patched.append((engine, before, after))

    def reset(self):
        self.totals.clear()
        self.cpu.clear()
        self.sql_time, self.sql_count = 0.0, 0

    def restore(self):
        from sqlalchemy import event
        for item in reversed(self.patched):
            if len(item) == 3 and isinstance(item[1], str):
                setattr(*item)
            else:
                engine, before, after = item
                event.remove(engine, "before_cursor_execute", before)
                event.remove(engine, "after_cursor_execute", after)


QUERY_NAMES = ("respondents", "themes", "likert", "weekly", "tone_by_theme", "review_state")


def query_calls(survey):
    """Each query of portal/insights/queries.py with the arguments counted_rows gives it."""
    from portal.codebooks import services as codebooks
    from portal.insights import queries
    from surveys.services import definition_for

    definition = definition_for(survey.versions[-1])
    book = codebooks.codebook_of(codebooks.current_row())
    theme_ids, merged = list(book.theme_ids), codebooks.merged_into()
    likert = [q.id for q in definition.questions if q.type == "likert"]
    ids = [r.id for r in survey.rounds]
    return {
        "respondents": lambda: queries.respondents(survey.id, ids),
        "themes": lambda: queries.themes(survey.id, theme_ids, merged, ids),
        "likert": lambda: queries.likert(survey.id, likert, ids),
        "weekly": lambda: queries.weekly(survey.id, ids),
        "tone_by_theme": lambda: queries.tone_by_theme(survey.id, theme_ids, merged, ids),
        "review_state": lambda: queries.review_state(survey.id, ids),
    }


def time_queries(calls, repeat=5):
    """{name: (median, fastest, rows)} of `repeat` runs of each query, taken in turn."""
    runs, rows = defaultdict(list), {}
    for _ in range(repeat):
        for name, call in calls.items():
            start = time.perf_counter()
            result = call()
            runs[name].append(time.perf_counter() - start)
            rows[name] = len(result) if isinstance(result, list) else 1
    return {name: (statistics.median(runs[name]), min(runs[name]), rows[name]) for name in calls}


def explain(db, calls):
    from sqlalchemy import event
    for name, call in calls.items():
        captured = []

        def before(conn, cursor, statement, parameters, context, executemany):
            captured.append((statement, parameters))

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            call()
        finally:
            event.remove(db.engine, "before_cursor_execute", before)
        for statement, parameters in captured:
            plan = db.session.connection().exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            print(f"\n--- {name} ---")
            print("\n".join(row[0] for row in plan))


class Browser:
    """The Flask test client signed in as an officer; each request in its own app context."""

    def __init__(self, app):
        self.client = app.test_client()
        page = self.client.get("/officer/sign-in").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        response = self.client.post("/officer/sign-in", data={
            "email": EMAIL, "password": PASSWORD, "csrf_token": token.group(1) if token else ""})
        if response.status_code != 302:
            sys.exit(f"Could not sign the benchmark officer in (status {response.status_code}).")

    def get(self, url):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = self.client.get(url)
        body = response.get_data()
        elapsed = time.perf_counter() - start
        self.cpu = time.process_time() - start_cpu
        if response.status_code != 200:
            print(f"  (warning: {url} answered {response.status_code})")
        return elapsed, body


def main():
    args = parse_args()
    os.environ.setdefault("STREETVOICE_ENV", "test")
    from flask_migrate import upgrade
    from sqlalchemy import func, inspect, select

    from portal import create_app
    from portal.extensions import db
    from portal.insights import exports, queries, services, views
    from surveys.models import Area, Response, Street, Survey

    import analysis.disclosure as disclosure_module

    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": database_url(),
                      "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        dialect = db.engine.dialect.name
        if inspect(db.engine).has_table("response") and db.session.scalar(select(Response.id).limit(1)) is not None:
            sys.exit("This database already holds responses: the benchmark only runs on an empty scratch database.")
        version = db.session.execute(db.text("SELECT version()")).scalar() if dialect == "postgresql" else "SQLite"
        print(f"Database: {version.split(' on ')[0]}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} CPUs")
        if dialect != "postgresql":
            print("(not PostgreSQL: figures are for a quick try only)")
        start = time.perf_counter()
        logging.disable(logging.INFO)  # alembic's line per migration
        upgrade()
        logging.disable(logging.NOTSET)
        print(f"Schema (flask_migrate upgrade): {seconds(time.perf_counter() - start)}")

        print(f"\nLoading {args.responses:,} responses over {args.streets} streets ...")
        start = time.perf_counter()
        counts = Loader(args).run()
        load_time = time.perf_counter() - start
        start = time.perf_counter()
        vacuum_analyze(db)
        vacuum_time = time.perf_counter() - start
        print(f"Load ({'COPY' if dialect == 'postgresql' else 'Core executemany'}): {seconds(load_time)}   VACUUM ANALYZE: {seconds(vacuum_time)}")
        print("  rows: " + ", ".join(f"{table} {n:,}" for table, n in counts.items()))
        if dialect == "postgresql":
            sizes = db.session.execute(db.text(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname IN "
                "('response', 'answer', 'answer_analysis', 'answer_tag') ORDER BY 2 DESC")).all()
            print("  on disk (with indexes): " + ", ".join(f"{name} {size / 2**20:.0f} MB" for name, size in sizes))

        survey = db.session.scalar(select(Survey))
        calls = query_calls(survey)
        bare = time_queries(calls)
        bare_sum = sum(t for t, _, _ in bare.values())
        print("\nBare SQL aggregates (portal/insights/queries.py as counted_rows calls them; median of 5, "
              "fastest, rows):")
        for name, (elapsed, fastest, n) in bare.items():
            print(f"  {name:<14} {seconds(elapsed)}   {seconds(fastest)}   {n:>7,} rows")
        print(f"  {'sum':<14} {seconds(bare_sum)}   {seconds(sum(f for _, f, _ in bare.values()))}")
        if args.explain and dialect == "postgresql":
            explain(db, calls)
        busiest_area = db.session.execute(
            select(Area.name).join(Street).join(Response, Response.street_id == Street.id)
            .group_by(Area.name).order_by(func.count(Response.id).desc()).limit(1)).scalar()
        db.session.remove()

    browser = Browser(app)
    split = Split()
    for name in QUERY_NAMES:
        split.wrap(queries, name, f"SQL: {name}")
    split.wrap(services, "_fingerprint", "fingerprint (cache key, SQL)")
    split.wrap(services, "counted_rows", "counting: codebook, labels, coordinates")
    split.wrap(disclosure_module, "protect", "disclosure.protect")
    split.wrap(services, "from_rows", "from_rows (besides protect)")
    for name in ("check", "chart_views", "tone_rows"):
        split.wrap(services, name, "charts: aggregate views + Plotly figures")
    split.wrap(views, "figure_json", "charts: figure JSON (to_json)")
    split.wrap(views, "render_template", "template (Jinja)")
    with app.app_context():
        split.listen(db.engine)

    app.extensions.pop("streetvoice.publications", None)
    split.reset()
    print(f"\nLoad average before the dashboard: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"(on {os.cpu_count()} CPUs; others' work stretches wall-clock times)")
    cold, page = browser.get("/officer/insights")
    cold_cpu = browser.cpu
    cold_split, cold_sql, cold_split_cpu = dict(split.totals), (split.sql_time, split.sql_count), dict(split.cpu)
    warm_runs = []
    split.reset()
    for _ in range(5):
        warm_runs.append(browser.get("/officer/insights")[0])
    warm_split, warm_sql = {k: v / 5 for k, v in split.totals.items()}, (split.sql_time, split.sql_count)
    warm, warm_mean = statistics.median(warm_runs), statistics.mean(warm_runs)
    area_url = "/officer/insights?area=" + busiest_area.replace(" ", "+").replace("'", "%27")
    filtered = statistics.median(browser.get(area_url)[0] for _ in range(3))
    pack_time, pack = browser.get("/officer/insights/pack.html")
    split.restore()

    print("\nDashboard GET /officer/insights (Flask test client, signed-in officer):")
    print(f"  first request, cache cold   {seconds(cold)}   ({len(page) / 1024:.0f} KB of HTML; "
          f"{seconds(cold_cpu).strip()} CPU in this process, the rest waits for PostgreSQL or for a core)")
    print(f"  second request, cached      {seconds(warm)}   (median of 5)")
    print(f"  filtered, ?area={busiest_area:<11} {seconds(filtered)}   (cached publication, median of 3)")
    print("\nWhere the time goes (exclusive time of each part; cached: mean of the 5):")
    print(f"  {'':<42} {'cold':>10}         {'(its CPU)':>10}   {'cached':>10}")
    order = [f"SQL: {n}" for n in QUERY_NAMES] + [
        "fingerprint (cache key, SQL)", "counting: codebook, labels, coordinates", "disclosure.protect",
        "from_rows (besides protect)", "charts: aggregate views + Plotly figures", "charts: figure JSON (to_json)",
        "template (Jinja)"]
    accounted = {"cold": 0.0, "cached": 0.0}

    def line(label, cold_value, warm_value, cpu_value=None):
        cpu_text = seconds(cpu_value) if cpu_value is not None else " " * 10
        print(f"  {label:<42} {seconds(cold_value)} {100 * cold_value / cold:5.1f}%   {cpu_text}   "
              f"{seconds(warm_value)} {100 * warm_value / warm_mean:5.1f}%")

    for label in order:
        cold_value, warm_value = cold_split.get(label, 0.0), warm_split.get(label, 0.0)
        accounted["cold"] += cold_value
        accounted["cached"] += warm_value
        line(label, cold_value, warm_value, None if label.startswith("SQL") else cold_split_cpu.get(label, 0.0))
        if label == f"SQL: {QUERY_NAMES[-1]}":
            line("  = the aggregates in the request", *(sum(part.get(f"SQL: {n}", 0.0) for n in QUERY_NAMES)
                                                     for part in (cold_split, warm_split)))
    line("other (sign-in check, filters, request)", cold - accounted["cold"], warm_mean - accounted["cached"])
    print(f"  all SQL in the request (driver time): cold {seconds(cold_sql[0]).strip()} in {cold_sql[1]} statements; "
          f"cached {seconds(warm_sql[0] / 5).strip()} in {warm_sql[1] // 5} statements")
    print(f"\nRatio to the bare SQL ({seconds(bare_sum).strip()}), aim <= 1.5x:")
    for label, value in (("cold (first) request", cold), ("cached request", warm), ("filtered, cached", filtered)):
        verdict = "meets the aim" if value <= 1.5 * bare_sum else "does NOT meet the aim"
        print(f"  {label:<22} {value / bare_sum:7.1f}x   {verdict}")
    plotly_size = os.path.getsize(exports.PLOTLY_JS)
    print(f"\nMeeting pack GET /officer/insights/pack.html: {len(pack) / 2**20:.2f} MB "
          f"({len(pack):,} bytes; plotly.js {plotly_size / 2**20:.2f} MB of it, charts and text "
          f"{(len(pack) - plotly_size) / 1024:.0f} KB), {seconds(pack_time).strip()} with the cache warm")


if __name__ == "__main__":
    main()
