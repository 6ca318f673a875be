"""Configuration, chosen by STREETVOICE_ENV (development, test, production).

The classes hold the defaults; `load()` reads the environment when the app is made (not at
import, so a process can make apps with different settings), then checks the result for the
environment. Every variable is listed in the README.

Production refuses to start on anything unsafe: a short or missing SECRET_KEY, SQLite, rate
limits kept in one worker's memory, debug mode. Three variables exist only to try the production
profile on loopback without TLS or waiting (SESSION_COOKIE_SECURE=0, MIN_COMPLETION_SECONDS=0,
RATELIMIT_ENABLED=0); their defaults are the safe values.
"""
import os
import secrets
from datetime import timedelta
from pathlib import Path

ENVIRONMENTS = ("development", "test", "production")
MIN_SECRET_KEY = 32


class ConfigError(RuntimeError):
    """Raised at start-up when a setting is missing or unsafe."""


def _bool(value):
    return value.strip().lower() in ("1", "true", "yes", "on")


def _list(value):
    return [part.strip() for part in value.split(",") if part.strip()]


class Base:
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    # pre_ping: a connection broken by a database restart is replaced, not handed out.
    # hide_parameters: an error message never carries the values of a query (answer text).
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    # Essential cookies only: the session cookie ends with the browser session.
    SESSION_COOKIE_NAME = "streetvoice_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    SESSION_PERMANENT = False
    WTF_CSRF_TIME_LIMIT = 4 * 3600
    # The token is checked on every POST; Flask-WTF's extra HTTPS check wants a Referer, which
    # browsers never send here (Referrer-Policy: no-referrer), so it would refuse every form.
    # The Origin header is checked instead (portal/site.py).
    WTF_CSRF_SSL_STRICT = False
    MAX_CONTENT_LENGTH = 64 * 1024
    BABEL_DEFAULT_LOCALE = "en"

    FORCE_NAME = "Northbridge Police"
    SERVICE_NAME = "Tell us about your street"
    EXIT_URL = "https://www.bbc.co.uk/weather"
    ONLINE_REPORT_URL = "https://www.police.uk/pu/contact-the-police/report-a-crime-incident/"
    FEEDBACK_URL = ""
    SUPPORT_NAME = "Northbridge Women's Outreach"
    SUPPORT_PHONE = "0800 000 0000"
    SUPPORT_URL = "https://www.example.org/support"
    DEFAULT_SURVEY = "street-impact"

    # Anti-spam without third-party CAPTCHAs.
    MIN_COMPLETION_SECONDS = 15
    SUBMIT_RATE_LIMIT = "10 per hour;30 per day"
    FEEDBACK_RATE_LIMIT = "5 per hour"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = False
    # If the limits' store (Redis) is down, residents can still send answers: limits fail
    # open, loudly logged. Officer sign-in does not: it refuses (portal/auth/attempts.py).
    RATELIMIT_SWALLOW_ERRORS = True
    REDIS_URL = None
    # How many reverse proxies are in front: the client address and scheme come from that many
    # X-Forwarded-For / X-Forwarded-Proto entries (Werkzeug's ProxyFix); 0 trusts none.
    STREETVOICE_PROXIES = 0
    TRUSTED_HOSTS = None
    # Theme analysis: the default codebook unless a file is given; a trained model is optional.
    ANALYSIS_CODEBOOK = None
    ANALYSIS_MODEL = None
    ANALYSE_ON_SUBMIT = True
    # Run that analysis after the resident's confirmation has been sent (in the same worker),
    # not inside the request: on by default in production.
    ANALYSE_AFTER_RESPONSE = False
    # The insights pages show figures counted up to this many seconds ago while answers keep
    # arriving (protecting them again costs seconds); the page says when they were counted.
    INSIGHTS_MAX_AGE_SECONDS = 60
    DRAFT_LIFETIME_HOURS = 6

    # The officer area has a cookie of its own (see portal/sessions.py): SameSite=Strict, and
    # in production Secure with the __Host- prefix.
    OFFICER_SESSION_COOKIE_NAME = "streetvoice_officer"
    OFFICER_SESSION_COOKIE_SECURE = False
    REQUIRE_SECOND_FACTOR = False
    # What officers are told to do for each safeguarding category, in the force's own words.
    SAFEGUARDING_GUIDANCE = None
    # Original free text is replaced by its redacted text this many days after its round closes.
    RAW_TEXT_RETENTION_DAYS = 730
    # Paper returns (CSV) an analyst may upload at once. Only that page, and only for a
    # signed-in analyst, accepts a request larger than MAX_CONTENT_LENGTH (see portal/data).
    IMPORT_MAX_BYTES = 2 * 1024 * 1024
    IMPORT_MAX_ROWS = 5000
    # Share of responses (0 to 1) that a second officer reviews blind, to measure agreement.
    DOUBLE_REVIEW_SHARE = 0.1
    # Officer-reviewed answers needed before the theme model can be retrained.
    RETRAIN_MIN_REVIEWED = 20
    # Worker processes that train the cross-validation folds and the model side by side
    # (0: one per CPU, at most 4; 1: in the process itself).
    RETRAIN_JOBS = 0


class Development(Base):
    pass


class Test(Base):
    TESTING = True
    MIN_COMPLETION_SECONDS = 0
    INSIGHTS_MAX_AGE_SECONDS = 0


class Production(Base):
    SESSION_COOKIE_SECURE = True
    OFFICER_SESSION_COOKIE_SECURE = True
    REQUIRE_SECOND_FACTOR = True
    STREETVOICE_PROXIES = 1
    ANALYSE_AFTER_RESPONSE = True


#: Environment variables read by load(), with how each is parsed.
ENV_SETTINGS = {
    "FORCE_NAME": str, "SERVICE_NAME": str, "EXIT_URL": str, "ONLINE_REPORT_URL": str, "FEEDBACK_URL": str,
    "SUPPORT_NAME": str, "SUPPORT_PHONE": str, "SUPPORT_URL": str, "DEFAULT_SURVEY": str,
    "MIN_COMPLETION_SECONDS": int, "SUBMIT_RATE_LIMIT": str, "FEEDBACK_RATE_LIMIT": str,
    "RATELIMIT_STORAGE_URI": str, "RATELIMIT_ENABLED": _bool, "REDIS_URL": str, "STREETVOICE_PROXIES": int,
    "TRUSTED_HOSTS": _list, "ANALYSIS_CODEBOOK": str, "ANALYSIS_MODEL": str, "ANALYSE_ON_SUBMIT": _bool, "ANALYSE_AFTER_RESPONSE": _bool, "INSIGHTS_MAX_AGE_SECONDS": int,
    "DRAFT_LIFETIME_HOURS": int, "REQUIRE_SECOND_FACTOR": _bool, "SAFEGUARDING_GUIDANCE": str,
    "RAW_TEXT_RETENTION_DAYS": int, "DOUBLE_REVIEW_SHARE": float, "RETRAIN_MIN_REVIEWED": int, "RETRAIN_JOBS": int,
    "IMPORT_MAX_BYTES": int, "IMPORT_MAX_ROWS": int,
    "SESSION_COOKIE_SECURE": _bool, "SECRET_KEY": str, "SECRET_KEY_FALLBACKS": _list,
    "DATABASE_URL": str,
}


def _from_environment():
    values = {}
    for name, parse in ENV_SETTINGS.items():
        raw = os.environ.get(name)
        if raw in (None, ""):
            continue
        try:
            values[name] = parse(raw)
        except ValueError:
            raise ConfigError(f"{name} must be {'a whole number' if parse is int else 'a number'}, not {raw!r}") from None
    if "DATABASE_URL" in values:
        values["SQLALCHEMY_DATABASE_URI"] = values.pop("DATABASE_URL")
    return values


def load(instance_path, overrides=None):
    """Return a dict of settings for STREETVOICE_ENV, validated for that environment."""
    env = (overrides or {}).get("ENV_NAME") or os.environ.get("STREETVOICE_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"STREETVOICE_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    cls = {"development": Development, "test": Test, "production": Production}[env]
    settings = {k: getattr(cls, k) for k in dir(cls) if k.isupper()}
    settings["ENV_NAME"] = env
    given = {**_from_environment(), **(overrides or {})}
    settings.update(given)
    if settings.get("REDIS_URL") and "RATELIMIT_STORAGE_URI" not in given:
        settings["RATELIMIT_STORAGE_URI"] = settings["REDIS_URL"]
    # The officer cookie takes the __Host- prefix whenever it is Secure (browsers require both).
    settings["OFFICER_SESSION_COOKIE_SECURE"] = bool(settings["SESSION_COOKIE_SECURE"])
    if settings["OFFICER_SESSION_COOKIE_SECURE"]:
        settings["OFFICER_SESSION_COOKIE_NAME"] = "__Host-" + settings["OFFICER_SESSION_COOKIE_NAME"]
    # A session cookie's signature is not accepted after this, whatever the browser keeps: a
    # resident's matches the draft lifetime; officers have their own 12-hour limit besides.
    settings["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=settings["DRAFT_LIFETIME_HOURS"])
    if env == "production":
        _check_production(settings)
    if not settings.get("SECRET_KEY"):
        settings["SECRET_KEY"] = _instance_secret(Path(instance_path)) if env == "development" else secrets.token_hex(32)
    settings.setdefault("SQLALCHEMY_DATABASE_URI", f"sqlite:///{Path(instance_path) / 'streetvoice.db'}")
    if settings["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # An unreachable database must give a 503 within seconds, long before gunicorn's 30 s
        # worker timeout: a connection attempt gives up after 5 s, and a connection whose
        # packets go unanswered (a dropped network, not a refused one) after 10 s.
        options = dict(settings["SQLALCHEMY_ENGINE_OPTIONS"])
        options["connect_args"] = {"connect_timeout": 5, "tcp_user_timeout": 10_000,
                                   **options.get("connect_args", {})}
        settings["SQLALCHEMY_ENGINE_OPTIONS"] = options
    return settings


def _check_production(settings):
    problems = []
    if not settings.get("SECRET_KEY"):
        problems.append("SECRET_KEY must be set")
    elif len(settings["SECRET_KEY"]) < MIN_SECRET_KEY:
        problems.append(f"SECRET_KEY must be at least {MIN_SECRET_KEY} characters "
                        "(python -c 'import secrets; print(secrets.token_hex(32))')")
    url = settings.get("SQLALCHEMY_DATABASE_URI") or ""
    if not url:
        problems.append("DATABASE_URL must be set")
    elif not url.startswith("postgresql"):
        problems.append("DATABASE_URL must be a PostgreSQL database (postgresql+psycopg://...): SQLite is for "
                        "development, one process at a time")
    if not settings.get("REDIS_URL"):
        problems.append("REDIS_URL must be set (rate limits and anything else the workers share)")
    if settings["RATELIMIT_STORAGE_URI"].startswith("memory://"):
        problems.append("RATELIMIT_STORAGE_URI must not be memory:// (each worker would count on its own)")
    if _bool(os.environ.get("FLASK_DEBUG", "0")) or settings.get("DEBUG"):
        problems.append("debug mode must be off (FLASK_DEBUG)")
    if problems:
        raise ConfigError("Production refuses to start: " + "; ".join(problems))


def _instance_secret(instance_path):
    """A random secret kept in instance/ so development sessions survive a restart.

    Never a fixed fallback: each checkout makes its own.
    """
    instance_path.mkdir(parents=True, exist_ok=True)
    path = instance_path / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
