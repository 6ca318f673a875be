"""What the people who run the service need: figures for monitoring, backups and restores.

- `stats()`: counts, each one SQL query (GROUP BY), for `streetvoice stats [--json]`.
- `backup(path)` / `restore(path)`: SQLite through its online backup API (a consistent copy
  while the app keeps writing; restoring copies the backup's pages over the live database in
  one step); PostgreSQL through pg_dump and pg_restore, custom format (`-Fc`), so a backup is
  one compressed file that pg_restore can also list or restore selectively.
"""
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from portal.extensions import db
from portal.review.models import AnswerAnalysis, SafeguardingFlag
from portal.tagging import free_text_condition
from surveys.models import Answer, Draft, Feedback, Response, Round, Survey


class OperationError(RuntimeError):
    """A backup or restore that could not be done; the message says why."""


def stats():
    """{"responses": n, "by_round": {"survey/round": n}, "by_channel": {...}, ...}: every round
    is listed, with 0 if nothing came in yet."""
    per_round = (select(Survey.slug, Round.slug, func.count(Response.id))
                 .select_from(Round).join(Survey, Survey.id == Round.survey_id)
                 .outerjoin(Response, Response.round_id == Round.id)
                 .group_by(Survey.slug, Round.slug, Round.opens_on).order_by(Survey.slug, Round.opens_on))
    per_channel = select(Response.channel, func.count(Response.id)).group_by(Response.channel).order_by(Response.channel)
    awaiting = (select(func.count(Answer.id)).join(Response, Response.id == Answer.response_id)
                .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
                .where(AnswerAnalysis.id.is_(None), free_text_condition()))
    count = db.session.scalar
    return {
        "responses": count(select(func.count(Response.id))),
        "by_round": {f"{survey}/{round_}": n for survey, round_, n in db.session.execute(per_round)},
        "by_channel": dict(db.session.execute(per_channel).all()),
        "unfinished_drafts": count(select(func.count()).select_from(Draft)),
        "answers_awaiting_analysis": count(awaiting),
        "safeguarding_flags_open": count(select(func.count(SafeguardingFlag.id)).where(SafeguardingFlag.status == "open")),
        "feedback": count(select(func.count(Feedback.id))),
    }


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def engine_name():
    return _url().get_backend_name()


def _sqlite_path(url):
    if not url.database or url.database == ":memory:":
        raise OperationError("An in-memory SQLite database cannot be backed up or restored")
    return url.database


def _libpq(url):
    """(conninfo for --dbname, environment): the URL's parts; what it leaves out comes from the
    PG* variables, as for psql. The password goes through the environment, never argv."""
    parts = {"host": url.host, "port": url.port, "user": url.username, "dbname": url.database}
    parts.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    conninfo = " ".join(f"{k}='{_quote(v)}'" for k, v in parts.items() if v not in (None, ""))
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    return conninfo, env


def _quote(value):
    return str(value).replace("\\", "\\\\").replace("'", "\\'")


def _tool(name):
    found = shutil.which(name)
    if found is None:
        raise OperationError(f"{name} is not installed: it comes with PostgreSQL's client package "
                             "(apt-get install postgresql-client)")
    return found


def _run(command, env, failure=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise OperationError(f"{failure or Path(command[0]).name + ' failed'}: {result.stderr.strip() or result.returncode}")
    return result


def backup(path):
    """Write a consistent copy of the whole database to `path` (replaced if it exists)."""
    path = Path(path)
    url = _url()
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_path(url))
        target = sqlite3.connect(path.with_name(path.name + ".partial"))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        path.with_name(path.name + ".partial").replace(path)  # never a half-written backup under its name
    elif url.get_backend_name() == "postgresql":
        conninfo, env = _libpq(url)
        partial = path.with_name(path.name + ".partial")
        _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}",
              f"--dbname={conninfo}"], env)
        partial.replace(path)
    else:
        raise OperationError(f"Backups of {url.get_backend_name()} databases are not supported")
    return path.stat().st_size


def restore(path):
    """Replace everything in the database with the backup at `path`."""
    path = Path(path)
    if not path.is_file():
        raise OperationError(f"{path} does not exist")
    url = _url()
    db.session.remove()
    db.engine.dispose()  # no connection of ours holds a lock or a stale view while restoring
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise OperationError(f"{path} is not a sound SQLite backup")
        except sqlite3.DatabaseError as exc:
            source.close()
            raise OperationError(f"{path} is not an SQLite backup ({exc})") from None
        target = sqlite3.connect(_sqlite_path(url))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        conninfo, env = _libpq(url)
        # A readable custom-format file, checked before anything is dropped.
        _run([_tool("pg_restore"), "--list", str(path)], env, failure=f"{path} is not a PostgreSQL backup")
        _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              "--exit-on-error", f"--dbname={conninfo}", str(path)], env)
    else:
        raise OperationError(f"Restoring {url.get_backend_name()} databases is not supported")
