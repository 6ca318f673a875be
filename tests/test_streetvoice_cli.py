"""The `streetvoice` command, run as an operator would run it: on SQLite, and in the
PostgreSQL run of `make test` on a PostgreSQL database of its own (tests/conftest.py
database_url)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

STREETVOICE = Path(sys.executable).with_name("streetvoice")


def cli(database_url, cwd):
    env = {**os.environ, "DATABASE_URL": database_url, "STREETVOICE_ENV": "development"}
    env.pop("STREETVOICE_TEST_DATABASE", None)

    def run(*args, stdin=None):
        return subprocess.run([str(STREETVOICE), *args], capture_output=True, text=True, env=env,
                              input=stdin, cwd=cwd, timeout=300)
    return run


class Database:
    """SQL against the database the commands use, as an operator would check it."""

    def __init__(self, url):
        self.engine = create_engine(url)

    def rows(self, sql):
        with self.engine.connect() as conn:
            return conn.execute(text(sql)).all()

    def value(self, sql):
        return self.rows(sql)[0][0]

    def execute(self, sql):
        with self.engine.begin() as conn:
            conn.execute(text(sql))


@pytest.fixture
def database(database_url):
    database = Database(database_url)
    yield database
    database.engine.dispose()


@pytest.fixture
def run(database_url, database, tmp_path):
    run = cli(database_url, tmp_path)
    upgraded = run("db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    return run


def test_streets_import_reports_added_updated_and_rejected_rows(run, tmp_path):
    path = tmp_path / "streets.csv"
    path.write_text("street,area,postcode_district\nGrange Road,Middlefield,TS1\nBad Row,,TS1\n", encoding="utf-8")
    first = run("streets", "import", str(path))
    assert first.returncode == 0
    assert "1 added, 0 updated, 0 unchanged, 1 rejected" in first.stdout
    assert "line 3: rejected: area is empty" in first.stdout
    assert "0 added, 0 updated, 1 unchanged" in run("streets", "import", str(path)).stdout


def test_streets_import_refuses_a_file_with_the_wrong_columns(run, tmp_path):
    path = tmp_path / "streets.csv"
    path.write_text("name\nGrange Road\n", encoding="utf-8")
    result = run("streets", "import", str(path))
    assert result.returncode != 0
    assert "missing street, area, postcode_district" in result.stderr
    assert "Traceback" not in result.stderr


def test_surveys_load_versions_definitions(run, tmp_path):
    assert "stored as new version 1" in run("surveys", "load").stdout
    assert "unchanged, still version 1" in run("surveys", "load").stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text("survey: x\ntitle: X\npages: []\nrounds: []\n", encoding="utf-8")
    result = run("surveys", "load", str(broken))
    assert result.returncode != 0 and "pages must be a non-empty list" in result.stderr


def test_officers_create_reads_the_password_from_stdin_and_hashes_it(run, database):
    ok = run("officers", "create", "--email", "PC.Jones@example.police.uk", "--name", "PC Jones",
             stdin="lantern quarry velvet\n")
    assert ok.returncode == 0 and "Created officer pc.jones@example.police.uk" in ok.stdout
    short = run("officers", "create", "--email", "a@b.uk", "--name", "A", stdin="short\n")
    assert short.returncode != 0 and "12 characters or more" in short.stderr
    common = run("officers", "create", "--email", "c@b.uk", "--name", "C", stdin="password1234\n")
    assert common.returncode != 0 and "too easy to guess" in common.stderr
    named = run("officers", "create", "--email", "dave.smith@b.uk", "--name", "Dave Smith",
                stdin="smithereens of lantern\n")
    assert named.returncode != 0 and "must not contain your name or email address" in named.stderr
    flag = run("officers", "create", "--email", "d@b.uk", "--name", "D", "--password", "lantern quarry velvet")
    assert flag.returncode != 0 and "No such option" in flag.stderr  # never on the command line
    stored = database.value("SELECT password_hash FROM officer")
    assert stored.startswith("$argon2id$") and "lantern" not in stored


def test_demo_load_fills_an_empty_database_once(run):
    first = run("demo", "load")
    assert first.returncode == 0, first.stderr
    assert "Demo data loaded" in first.stdout
    assert "already holds responses" in run("demo", "load").stdout


def test_demo_load_refuses_production(tmp_path):
    env = {**os.environ, "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:9/none", "STREETVOICE_ENV": "production",
           "SECRET_KEY": "k" * 64, "REDIS_URL": "redis://127.0.0.1:9/0"}
    result = subprocess.run([str(STREETVOICE), "demo", "load"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode != 0 and "never loaded in production" in result.stderr


def test_analysis_run_analyses_new_answers_and_with_stale_re_analyses_old_ones(run, database):
    assert run("demo", "load", "--responses", "20").returncode == 0
    first = run("analysis", "run", "--stale")
    assert first.returncode == 0, first.stderr
    assert "Analysed " in first.stdout and "Re-analysed 0 answers" in first.stdout
    # as if an older codebook had analysed them
    database.execute("UPDATE answer_analysis SET codebook_fingerprint = 'old', codebook_version = 1")
    analysed = database.value("SELECT count(*) FROM answer_analysis")
    again = run("analysis", "run", "--stale")
    assert again.returncode == 0, again.stderr
    assert "Analysed 0 answers" in again.stdout
    assert f"Re-analysed {analysed} answers" in again.stdout
    assert "Re-analysed 0 answers" in run("analysis", "run", "--stale").stdout


@pytest.mark.parametrize("command", [("analysis", "run"), ("demo", "load"), ("streets", "import", "x.csv"),
                                     ("officers", "create", "--email", "a@b.uk", "--name", "A"), ("stats",)])
def test_commands_on_a_database_never_migrated_say_what_to_do(database_url, tmp_path, command):
    (tmp_path / "x.csv").write_text("street,area,postcode_district\n", encoding="utf-8")
    result = cli(database_url, tmp_path)(*command)
    assert result.returncode != 0
    assert "run `streetvoice db upgrade` first" in result.stderr
    assert "Traceback" not in result.stderr


def test_stats_counts_responses_per_round_and_channel_as_json(run, database):
    assert run("demo", "load", "--responses", "24").returncode == 0
    database.execute("INSERT INTO feedback (text, page, submitted_hour) VALUES ('Clear pages', '/', CURRENT_TIMESTAMP)")
    result = run("stats", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    per_round = dict(database.rows("SELECT s.slug || '/' || r.slug, count(p.id) FROM round r JOIN survey s "
                                   "ON s.id = r.survey_id LEFT JOIN response p ON p.round_id = r.id "
                                   "GROUP BY s.slug, r.slug"))
    assert figures["responses"] == 24 == sum(figures["by_round"].values())
    assert figures["by_round"] == per_round and set(per_round) == {"street-impact/autumn-2026",
                                                                   "street-impact/winter-2026"}
    assert figures["by_channel"] == dict(database.rows("SELECT channel, count(*) FROM response GROUP BY channel"))
    assert sum(figures["by_channel"].values()) == 24
    assert figures["answers_awaiting_analysis"] > 0 and figures["feedback"] == 1
    assert figures["unfinished_drafts"] == 0 and figures["safeguarding_flags_open"] == 0
    assert run("analysis", "run").returncode == 0
    again = json.loads(run("stats", "--json").stdout)
    assert again["answers_awaiting_analysis"] == 0
    assert again["safeguarding_flags_open"] == database.value(
        "SELECT count(*) FROM safeguarding_flag WHERE status = 'open'")
    assert "Responses stored: 24" in run("stats").stdout


def snapshot(database):
    """Every row of every table, in a stable order: what a restore must bring back exactly."""
    tables = [name for (name,) in database.rows(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'" if database.engine.dialect.name == "postgresql"
        else "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {table: sorted(map(repr, database.rows(f'SELECT * FROM "{table}"'))) for table in sorted(tables)}


def test_backup_then_restore_brings_back_every_row_of_a_populated_database(run, database, tmp_path):
    assert run("demo", "load", "--responses", "30").returncode == 0
    assert run("analysis", "run").returncode == 0
    assert run("officers", "create", "--email", "pc.ali@example.police.uk", "--name", "PC Ali",
               stdin="lantern quarry velvet\n").returncode == 0
    before = snapshot(database)
    assert len(before["response"]) == 30 and before["answer_analysis"] and before["officer"]

    backup = tmp_path / "streetvoice.backup"
    made = run("backup", str(backup))
    assert made.returncode == 0, made.stderr
    assert f"to {backup}" in made.stdout and backup.stat().st_size > 0
    assert backup.stat().st_mode & 0o077 == 0  # it holds answers: readable by its owner only

    # Things go wrong after the backup: answers deleted, a street added, an officer disabled.
    database.execute("DELETE FROM answer_tag")
    database.execute("DELETE FROM response WHERE id IN (SELECT id FROM response ORDER BY id LIMIT 10)")
    (tmp_path / "new.csv").write_text("street,area,postcode_district\nNew Row,Middlefield,TS1\n", encoding="utf-8")
    assert "1 added" in run("streets", "import", str(tmp_path / "new.csv")).stdout
    assert run("officers", "disable", "--email", "pc.ali@example.police.uk").returncode == 0
    assert snapshot(database) != before

    refused = run("restore", str(backup))  # asks first; no answer is no
    assert refused.returncode != 0 and snapshot(database) != before
    restored = run("restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert snapshot(database) == before

    # The restored database takes new rows (its id sequences came back too) and serves the CLI.
    assert "1 added" in run("streets", "import", str(tmp_path / "new.csv")).stdout
    assert json.loads(run("stats", "--json").stdout)["responses"] == 30


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(run, database, tmp_path):
    assert run("demo", "load", "--responses", "5").returncode == 0
    before = snapshot(database)
    junk = tmp_path / "not-a-backup.db"
    junk.write_bytes(b"this is not a database backup\n" * 100)
    result = run("restore", str(junk), "--yes")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "not" in result.stderr and str(junk) in result.stderr
    assert snapshot(database) == before


def test_serve_is_production_unless_told_otherwise_and_refuses_unsafe_settings_in_words(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("STREETVOICE_ENV", "SECRET_KEY", "REDIS_URL", "RATELIMIT_STORAGE_URI", "STREETVOICE_TEST_DATABASE")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/serve.db"
    result = subprocess.run([str(STREETVOICE), "serve"], capture_output=True, text=True, env=env, cwd=tmp_path,
                            timeout=300)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "Production refuses to start: SECRET_KEY must be set" in result.stderr
    assert "DATABASE_URL must be a PostgreSQL database" in result.stderr and "REDIS_URL must be set" in result.stderr
