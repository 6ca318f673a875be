"""StreetVoice: the Flask application factory."""
from pathlib import Path

from flask import Flask, current_app
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import config as config_module
from portal import errors, logs
from portal.sessions import SplitSessionInterface
from portal.extensions import babel, csrf, db, limiter, login_manager, migrate, wtforms_helpers

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def create_app(config=None):
    """Build the app. `config` (a dict) overrides settings; STREETVOICE_ENV picks the base."""
    app = Flask(__name__, instance_path=str(ROOT / "instance"), template_folder=str(ROOT / "templates"),
                static_folder="static", static_url_path="/static")
    app.config.update(config_module.load(app.instance_path, config))
    app.jinja_loader = ChoiceLoader([
        FileSystemLoader(str(ROOT / "templates")),
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                      "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf")}),
    ])
    app.session_interface = SplitSessionInterface()
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    proxies = app.config["STREETVOICE_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    logs.init_app(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app)
    limiter.init_app(app)
    wtforms_helpers.init_app(app)

    from portal import audit, cli, health, officer, site, tagging
    from portal.auth import models as _auth_models  # noqa: F401  (tables for migrations)
    from portal.codebooks import models as _codebook_models  # noqa: F401
    from portal.review import models as _review_models  # noqa: F401
    from surveys import views as survey_views

    app.register_blueprint(site.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(survey_views.bp)
    officer.init_app(app)
    # Limits per client on sending answers; the address lives only in the limiter's store.
    _limit(app, "survey.check_answers", _submit_limit)
    _limit(app, "site.feedback", _feedback_limit)
    errors.init_app(app)
    cli.init_app(app)
    site.init_app(app)
    tagging.init_app(app)
    return app


def _submit_limit():
    return current_app.config["SUBMIT_RATE_LIMIT"]


def _feedback_limit():
    return current_app.config["FEEDBACK_RATE_LIMIT"]


def _limit(app, endpoint, limit_provider):
    """Wrap a registered view in a per-client POST limit read from config at request time.

    The providers are module-level functions so that the limiter, which is shared by every
    app made in one process (tests make many), sees one limit, not one per app.
    """
    app.view_functions[endpoint] = limiter.limit(limit_provider, methods=["POST"])(app.view_functions[endpoint])


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """WAL lets readers work while a response is written; the busy timeout makes writers wait."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
