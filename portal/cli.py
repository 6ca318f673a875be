"""The `streetvoice` command: Flask's CLI with StreetVoice's own groups.

    streetvoice db upgrade
    streetvoice streets import FILE.csv
    streetvoice surveys load FILE.yaml
    streetvoice demo load
    streetvoice officers create|disable|reset-2fa|list --email ...
    streetvoice drafts purge
    streetvoice analysis run [--stale]
    streetvoice analysis retrain
    streetvoice retention run
    streetvoice serve [--workers N] [--bind HOST:PORT]
    streetvoice stats [--json]
    streetvoice backup FILE
    streetvoice restore FILE [--yes]
"""
import json
import os
import sys

import click
from flask import current_app
from flask.cli import AppGroup, FlaskGroup, with_appcontext

from surveys import definitions, services, streets

streets_cli = AppGroup("streets", help="The street gazetteer.")
surveys_cli = AppGroup("surveys", help="Survey definitions.")
demo_cli = AppGroup("demo", help="Fictional demonstration data.")
officers_cli = AppGroup("officers", help="Officer accounts.")
drafts_cli = AppGroup("drafts", help="Unfinished journeys.")
analysis_cli = AppGroup("analysis", help="Theme, safeguarding and personal-data analysis of stored answers.")


@with_appcontext
def _database_ready():
    """Stop with a clear message, not a traceback, when the migrations were never applied."""
    from sqlalchemy import inspect

    from portal.extensions import db

    if not inspect(db.engine).has_table("alembic_version"):
        raise click.ClickException("The database has no tables yet: run `streetvoice db upgrade` first.")


@with_appcontext
def _not_production():
    """Demo data never goes near a live database: refused before the database is touched."""
    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("Demo data is never loaded in production: it would mix fictional streets "
                                   "and responses with real ones.")
    _database_ready()


def init_app(app):
    for group in (streets_cli, surveys_cli, demo_cli, officers_cli, drafts_cli, analysis_cli, retention_cli):
        group.callback = _database_ready  # runs before each of the group's commands
        app.cli.add_command(group)
    demo_cli.callback = _not_production
    for command in (serve_command, stats_command, backup_command, restore_command):
        app.cli.add_command(command)


@streets_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_streets_command(path):
    """Import streets from a CSV (street, area, postcode_district, optional lat, lon)."""
    try:
        with open(path, encoding="utf-8", newline="") as stream:
            report = streets.import_streets(stream)
    except streets.ImportFileError as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    click.echo(f"{path}: {report.summary()}")
    for line, reason in report.rejected:
        click.echo(f"  line {line}: rejected: {reason}")


@surveys_cli.command("load")
@click.argument("path", type=click.Path(dir_okay=False), default=str(definitions.DEFAULT_DEFINITION))
def load_survey_command(path):
    """Load a survey definition (YAML); a changed definition becomes a new version."""
    try:
        definition = definitions.load_file(path)
    except definitions.DefinitionError as exc:
        raise click.ClickException(str(exc)) from None
    version, created = services.store_definition(definition)
    state = "stored as new version" if created else "unchanged, still version"
    click.echo(f"{definition.slug}: {state} {version.number} ({len(definition.questions)} questions, "
               f"{len(definition.rounds)} rounds)")


@demo_cli.command("load")
@click.option("--seed", default=2026, show_default=True)
@click.option("--responses", default=360, show_default=True)
def load_demo_command(seed, responses):
    """Load fictional streets, the default survey, synthetic responses and an account per role."""
    from portal.auth.demo import demo_accounts
    from surveys.demo import load_demo

    counts = load_demo(seed=seed, responses=responses)
    if counts.get("skipped"):
        click.echo("Demo data not loaded: the database already holds responses.")
    else:
        click.echo("Demo data loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items() if k != "skipped"))
    click.echo("Demo accounts for /officer/sign-in (new passwords each time demo load runs; development only):")
    for email, role, password in demo_accounts():
        click.echo(f"  {role:8} {email}  password: {password}")


def _read_password():
    """From the prompt (typed twice, not echoed) at a terminal; else one line from stdin, so
    scripts can pipe it in. Never from the command line, where it would sit in shell history
    and in the process list."""
    import sys

    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


def _officer(email):
    from portal.auth.services import by_email

    officer = by_email(email)
    if officer is None:
        raise click.ClickException(f"No officer has the email {email.strip().lower()}")
    return officer


@officers_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["officer", "analyst", "admin"]), default="officer", show_default=True)
def create_officer_command(email, name, role):
    """Create an officer account; the password is asked for (or read from stdin when piped)."""
    from portal.auth.services import AccountError, create_officer

    try:
        officer = create_officer(email, name, _read_password(), role)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {officer.role} {officer.email}")


@officers_cli.command("disable")
@click.option("--email", required=True)
def disable_officer_command(email):
    """Disable an account: it can no longer sign in, and every session it has ends now."""
    from portal.auth.services import AccountError, disable

    officer = _officer(email)
    try:
        disable(officer)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Disabled {officer.email}; every session of the account has ended")


@officers_cli.command("reset-2fa")
@click.option("--email", required=True)
def reset_second_factor_command(email):
    """Turn off an officer's second factor (a lost phone); they set it up again at next sign-in."""
    from portal.auth.services import reset_second_factor

    officer = _officer(email)
    reset_second_factor(officer)
    click.echo(f"Second factor reset for {officer.email}; they will set it up again when they next sign in")


@officers_cli.command("list")
def list_officers_command():
    """List accounts: email, role, status and whether a second factor is set up."""
    from sqlalchemy import select

    from portal.auth.models import Officer
    from portal.extensions import db

    for officer in db.session.scalars(select(Officer).order_by(Officer.email)):
        click.echo(f"{officer.email}\t{officer.role}\t{'active' if officer.active else 'disabled'}\t"
                   f"{'2FA' if officer.has_second_factor else 'no 2FA'}")


@drafts_cli.command("purge")
def purge_drafts_command():
    """Delete unfinished journeys older than DRAFT_LIFETIME_HOURS."""
    removed = services.purge_expired_drafts(current_app.config["DRAFT_LIFETIME_HOURS"])
    click.echo(f"Removed {removed} unfinished journeys")


@analysis_cli.command("run")
@click.option("--stale", is_flag=True,
              help="Also re-analyse answers analysed with another codebook or model. Tags an officer added or "
                   "reviewed are kept, and no safeguarding flag is withdrawn.")
def analyse_command(stale):
    """Analyse every free-text answer not analysed yet."""
    from portal.tagging import analyse_pending, analyse_stale

    counts = analyse_pending()
    click.echo(f"Analysed {counts['analysed']} answers: {counts['tags']} theme tags, "
               f"{counts['flagged']} safeguarding flags, {counts['errors']} could not be processed")
    if stale:
        again = analyse_stale()
        click.echo(f"Re-analysed {again['reanalysed']} answers analysed with another codebook or model: "
                   f"{again['tags_removed']} machine tags replaced by {again['tags']}, "
                   f"{again['flags_added']} safeguarding flags added, {again['flags_kept']} kept that the new run "
                   f"did not raise (an officer clears them), {again['errors']} could not be processed")


@analysis_cli.command("retrain")
def retrain_command():
    """Retrain the theme model from officer-reviewed answers, then re-analyse stale answers."""
    from portal.codebooks.retrain import RetrainError, retrain

    try:
        result = retrain()
    except RetrainError as exc:
        raise click.ClickException(str(exc)) from None
    for line in retrain_report(result):
        click.echo(line)


def _figure(value):
    return "n/a" if value is None else f"{value:.3f}"


def retrain_report(result):
    """The lines `analysis retrain` prints: overall and per-theme agreement, before and after."""
    before, after, model = result.before, result.after, result.model
    yield (f"Retrained the theme model on {model.n_train} officer-reviewed answers in {result.seconds} seconds "
           f"(model {model.version}).")
    yield (f"Agreement with officers, n={before['n']} answers "
           f"(before: the engine in use, {before.get('engine', 'codebook only')}; "
           f"after: the new model, {after.get('folds')}-fold cross-validated):")
    yield "  theme                           officers  F1 before  F1 after  alpha before  alpha after"
    yield (f"  {'all themes (micro F1, MASI alpha)':33} {before['micro']['support']:>6}  "
           f"{_figure(before['micro']['f1']):>9}  {_figure(after['micro']['f1']):>8}  "
           f"{_figure(before['alpha']):>12}  {_figure(after['alpha']):>11}")
    for theme_id, b in before["themes"].items():
        a = after["themes"][theme_id]
        yield (f"  {theme_id:33} {b['support']:>6}  {_figure(b['f1']):>9}  {_figure(a['f1']):>8}  "
               f"{_figure(b['alpha']):>12}  {_figure(a['alpha']):>11}")
    again = result.reanalysed
    yield (f"Re-analysed {again.get('reanalysed', 0)} answers with the new model: "
           f"{again.get('tags_removed', 0)} machine tags replaced by {again.get('tags', 0)}; "
           "tags officers added or decided on were kept.")


def main():
    """Entry point of the `streetvoice` console script."""
    from portal import create_app
    from portal.config import ConfigError

    if sys.argv[1:2] == ["serve"]:
        # serve is for the live service: the production profile unless told otherwise.
        os.environ.setdefault("STREETVOICE_ENV", "production")
    try:
        FlaskGroup(create_app=lambda: create_app(), help="StreetVoice command line.")()
    except ConfigError as exc:  # a setting missing or unsafe: say which, without a traceback
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)


@click.command("serve")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: 2 x CPU cores + 1].")
@click.option("--bind", default=None, metavar="HOST:PORT",
              help="Where to listen; only the reverse proxy should reach it [default: 127.0.0.1:8000].")
def serve_command(workers, bind):
    """Serve the app with gunicorn, with the settings of a live service (STREETVOICE_ENV is
    production unless set otherwise). See the README's deployment section."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import OperationalError

    from portal import create_app
    from portal.extensions import db
    from portal.serving import serve

    # An app of its own, not the one the command line made: Flask runs every command inside an
    # app context of that app, which the forked workers would inherit, and a request finding an
    # active context of its own app reuses it, so every request a worker serves would share one
    # `g` (the CSRF token and the signed-in officer among what it caches). For an app other than
    # the active one's, Flask pushes a fresh context per request.
    app = create_app()
    with app.app_context():
        if app.config["ENV_NAME"] != "production":
            click.echo(f"Warning: serving with the {app.config['ENV_NAME']} settings, not production "
                       "(STREETVOICE_ENV)", err=True)
        try:
            migrated = inspect(db.engine).has_table("alembic_version")
        except OperationalError:
            migrated = True  # the database is down: serve anyway (pages say so), it will come back
            click.echo("Warning: the database cannot be reached; pages will answer 503 until it can", err=True)
        finally:
            db.session.remove()
            db.engine.dispose()  # no connection made here is handed to a forked worker
    if not migrated:
        raise click.ClickException("The database has no tables yet: run `streetvoice db upgrade` first.")
    serve(app, workers=workers, bind=bind)


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="One JSON object, for monitoring.")
@with_appcontext
def stats_command(as_json):
    """Responses stored (in all and per round and channel), unfinished journeys, answers
    awaiting analysis, open safeguarding flags and feedback messages."""
    from portal.operations import stats

    _database_ready()
    figures = stats()
    if as_json:
        click.echo(json.dumps(figures, sort_keys=False))
        return
    click.echo(f"Responses stored: {figures['responses']}")
    for name, n in figures["by_round"].items():
        click.echo(f"  round {name}: {n}")
    for name, n in figures["by_channel"].items():
        click.echo(f"  {name}: {n}")
    click.echo(f"Unfinished journeys: {figures['unfinished_drafts']}")
    click.echo(f"Written answers awaiting analysis: {figures['answers_awaiting_analysis']}")
    click.echo(f"Open safeguarding flags: {figures['safeguarding_flags_open']}")
    click.echo(f"Feedback messages: {figures['feedback']}")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup_command(path):
    """Write a consistent copy of the whole database to PATH while the service runs (SQLite:
    online backup; PostgreSQL: pg_dump, custom format). PATH holds answers: keep it as safe
    as the database."""
    from portal import operations

    try:
        size = operations.backup(path)
    except operations.OperationError as exc:
        raise click.ClickException(str(exc)) from None
    os.chmod(path, 0o600)
    click.echo(f"Backed up the {operations.engine_name()} database to {path} ({size:,} bytes)")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path, yes):
    """Replace everything in the database with the backup at PATH (made by `streetvoice
    backup`). Stop the service first."""
    from portal import operations

    if not yes and not click.confirm(f"This replaces everything in the {operations.engine_name()} database "
                                     f"with {path}. Continue?"):
        raise click.ClickException("Nothing restored")
    try:
        operations.restore(path)
    except operations.OperationError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored the {operations.engine_name()} database from {path}")


retention_cli = AppGroup("retention", help="The retention policy for original free text and service feedback.")


@retention_cli.command("run")
def retention_run_command():
    """Replace the original text of written answers whose round closed more than
    RAW_TEXT_RETENTION_DAYS ago with their redacted text (themes and flags are kept), and
    delete service feedback older than that."""
    from portal.data.retention import period_words, run

    counts = run()
    period = period_words(counts["days"])
    click.echo(f"Retention period: {period} ({counts['days']} days) after a survey round closes")
    if counts["analysed_first"]:
        click.echo(f"Analysed {counts['analysed_first']} written answers not analysed before")
    click.echo(f"Replaced the original text of {counts['answers']} written answers with their redacted text "
               "(themes, flags and reviews kept)")
    click.echo(f"Deleted {counts['feedback']} service feedback messages older than {period}")
