"""The `streetvoice` command, run as an operator would run it."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

STREETVOICE = Path(sys.executable).with_name("streetvoice")


@pytest.fixture
def run(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/cli.db", "STREETVOICE_ENV": "development"}
    env.pop("STREETVOICE_TEST_DATABASE", None)

    def run(*args, stdin=None):
        return subprocess.run([str(STREETVOICE), *args], capture_output=True, text=True, env=env,
                              input=stdin, cwd=tmp_path, timeout=120)
    assert run("db", "upgrade").returncode == 0
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


def test_officers_create_reads_the_password_from_stdin_and_hashes_it(run, tmp_path):
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
    import sqlite3
    with sqlite3.connect(tmp_path / "cli.db") as conn:
        (stored,) = conn.execute("SELECT password_hash FROM officer").fetchone()
    assert stored.startswith("$argon2id$") and "lantern" not in stored


def test_demo_load_fills_an_empty_database_once(run):
    first = run("demo", "load")
    assert first.returncode == 0, first.stderr
    assert "Demo data loaded" in first.stdout
    assert "already holds responses" in run("demo", "load").stdout


def test_demo_load_refuses_production(run, tmp_path):
    import os
    env = {**os.environ, "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:9/none", "STREETVOICE_ENV": "production",
           "SECRET_KEY": "k" * 64, "REDIS_URL": "redis://127.0.0.1:9/0"}
    result = subprocess.run([str(STREETVOICE), "demo", "load"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode != 0 and "never loaded in production" in result.stderr


def test_analysis_run_analyses_new_answers_and_with_stale_re_analyses_old_ones(run, tmp_path):
    assert run("demo", "load", "--responses", "20").returncode == 0
    first = run("analysis", "run", "--stale")
    assert first.returncode == 0, first.stderr
    assert "Analysed " in first.stdout and "Re-analysed 0 answers" in first.stdout
    import sqlite3
    with sqlite3.connect(tmp_path / "cli.db") as conn:  # as if an older codebook had analysed them
        conn.execute("UPDATE answer_analysis SET codebook_fingerprint = 'old', codebook_version = 1")
        analysed = conn.execute("SELECT count(*) FROM answer_analysis").fetchone()[0]
    again = run("analysis", "run", "--stale")
    assert again.returncode == 0, again.stderr
    assert "Analysed 0 answers" in again.stdout
    assert f"Re-analysed {analysed} answers" in again.stdout
    assert "Re-analysed 0 answers" in run("analysis", "run", "--stale").stdout


@pytest.mark.parametrize("command", [("analysis", "run"), ("demo", "load"), ("streets", "import", "x.csv"),
                                     ("officers", "create", "--email", "a@b.uk", "--name", "A")])
def test_commands_on_a_database_never_migrated_say_what_to_do(tmp_path, command):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/empty.db", "STREETVOICE_ENV": "development"}
    env.pop("STREETVOICE_TEST_DATABASE", None)
    (tmp_path / "x.csv").write_text("street,area,postcode_district\n", encoding="utf-8")
    result = subprocess.run([str(STREETVOICE), *command], capture_output=True, text=True, env=env, cwd=tmp_path,
                            timeout=120)
    assert result.returncode != 0
    assert "run `streetvoice db upgrade` first" in result.stderr
    assert "Traceback" not in result.stderr
