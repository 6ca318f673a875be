"""Configuration classes, chosen by STREETVOICE_ENV (development, test, production).

Every setting can be overridden by an environment variable of the same name; the README
lists them all.
"""
import os
import secrets
from pathlib import Path

ENVIRONMENTS = ("development", "test", "production")


class ConfigError(RuntimeError):
    """Raised at start-up when a required setting is missing."""


def _env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


class Base:
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Essential cookies only: the session cookie ends with the browser session.
    SESSION_COOKIE_NAME = "streetvoice_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_PERMANENT = False
    WTF_CSRF_TIME_LIMIT = 4 * 3600
    MAX_CONTENT_LENGTH = 64 * 1024
    BABEL_DEFAULT_LOCALE = "en"

    FORCE_NAME = os.environ.get("FORCE_NAME", "Northbridge Police")
    SERVICE_NAME = os.environ.get("SERVICE_NAME", "Tell us about your street")
    EXIT_URL = os.environ.get("EXIT_URL", "https://www.bbc.co.uk/weather")
    ONLINE_REPORT_URL = os.environ.get("ONLINE_REPORT_URL", "https://www.police.uk/pu/contact-the-police/report-a-crime-incident/")
    FEEDBACK_URL = os.environ.get("FEEDBACK_URL", "")
    SUPPORT_NAME = os.environ.get("SUPPORT_NAME", "Northbridge Women's Outreach")
    SUPPORT_PHONE = os.environ.get("SUPPORT_PHONE", "0800 000 0000")
    SUPPORT_URL = os.environ.get("SUPPORT_URL", "https://www.example.org/support")
    DEFAULT_SURVEY = os.environ.get("DEFAULT_SURVEY", "street-impact")

    # Anti-spam without third-party CAPTCHAs.
    MIN_COMPLETION_SECONDS = _env_int("MIN_COMPLETION_SECONDS", 15)
    SUBMIT_RATE_LIMIT = os.environ.get("SUBMIT_RATE_LIMIT", "10 per hour;30 per day")
    FEEDBACK_RATE_LIMIT = os.environ.get("FEEDBACK_RATE_LIMIT", "5 per hour")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = False
    # Theme analysis: the default codebook unless a file is given; a trained model is optional.
    ANALYSIS_CODEBOOK = os.environ.get("ANALYSIS_CODEBOOK") or None
    ANALYSIS_MODEL = os.environ.get("ANALYSIS_MODEL") or None
    ANALYSE_ON_SUBMIT = os.environ.get("ANALYSE_ON_SUBMIT", "1") != "0"
    DRAFT_LIFETIME_HOURS = _env_int("DRAFT_LIFETIME_HOURS", 6)

    # The officer area has a cookie of its own (see portal/sessions.py): SameSite=Strict, and
    # in production Secure with the __Host- prefix.
    OFFICER_SESSION_COOKIE_NAME = "streetvoice_officer"
    OFFICER_SESSION_COOKIE_SECURE = False
    REQUIRE_SECOND_FACTOR = os.environ.get("REQUIRE_SECOND_FACTOR", "0") == "1"
    # What officers are told to do for each safeguarding category, in the force's own words.
    SAFEGUARDING_GUIDANCE = os.environ.get("SAFEGUARDING_GUIDANCE") or None
    # Original free text is replaced by its redacted text this many days after its round closes.
    RAW_TEXT_RETENTION_DAYS = _env_int("RAW_TEXT_RETENTION_DAYS", 730)
    # Paper returns (CSV) an analyst may upload at once. Only that page, and only for a
    # signed-in analyst, accepts a request larger than MAX_CONTENT_LENGTH (see portal/data).
    IMPORT_MAX_BYTES = _env_int("IMPORT_MAX_BYTES", 2 * 1024 * 1024)
    IMPORT_MAX_ROWS = _env_int("IMPORT_MAX_ROWS", 5000)
    # Share of responses (0 to 1) that a second officer reviews blind, to measure agreement.
    DOUBLE_REVIEW_SHARE = float(os.environ.get("DOUBLE_REVIEW_SHARE") or 0.1)
    # Officer-reviewed answers needed before the theme model can be retrained.
    RETRAIN_MIN_REVIEWED = _env_int("RETRAIN_MIN_REVIEWED", 20)


class Development(Base):
    pass


class Test(Base):
    TESTING = True
    MIN_COMPLETION_SECONDS = 0


class Production(Base):
    SESSION_COOKIE_SECURE = True
    OFFICER_SESSION_COOKIE_NAME = "__Host-streetvoice_officer"
    OFFICER_SESSION_COOKIE_SECURE = True
    REQUIRE_SECOND_FACTOR = True


def load(instance_path, overrides=None):
    """Return a dict of settings for STREETVOICE_ENV, validated for that environment."""
    env = (overrides or {}).get("ENV_NAME") or os.environ.get("STREETVOICE_ENV", "development")
    if env not in ENVIRONMENTS:
        raise ConfigError(f"STREETVOICE_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    cls = {"development": Development, "test": Test, "production": Production}[env]
    settings = {k: getattr(cls, k) for k in dir(cls) if k.isupper()}
    settings["ENV_NAME"] = env
    settings["SECRET_KEY"] = os.environ.get("SECRET_KEY")
    database_url = os.environ.get("DATABASE_URL")
    if database_url:
        settings["SQLALCHEMY_DATABASE_URI"] = database_url
    settings.update(overrides or {})

    if env == "production":
        missing = [name for name, key in (("SECRET_KEY", "SECRET_KEY"),
                                          ("DATABASE_URL", "SQLALCHEMY_DATABASE_URI"))
                   if not settings.get(key)]
        if missing:
            raise ConfigError(f"Production needs {' and '.join(missing)} set in the environment")
    if not settings.get("SECRET_KEY"):
        settings["SECRET_KEY"] = _instance_secret(Path(instance_path)) if env == "development" else secrets.token_hex(32)
    settings.setdefault("SQLALCHEMY_DATABASE_URI", f"sqlite:///{Path(instance_path) / 'streetvoice.db'}")
    return settings


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
