"""Settings: production refuses anything unsafe; no fixed fallback secret; settings come from the
environment when the app is made."""
import pytest

from portal import create_app
from portal.config import ConfigError

PG = "postgresql+psycopg://streetvoice:secret@127.0.0.1:5432/streetvoice"
SAFE = {"SECRET_KEY": "x" * 64, "DATABASE_URL": PG, "REDIS_URL": "redis://127.0.0.1:6379/0"}


@pytest.fixture
def production(monkeypatch):
    for name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "RATELIMIT_STORAGE_URI", "FLASK_DEBUG",
                 "SESSION_COOKIE_SECURE", "TRUSTED_HOSTS", "STREETVOICE_PROXIES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STREETVOICE_ENV", "production")

    def env(**values):
        for name, value in values.items():
            monkeypatch.setenv(name, value)
    return env


def test_production_refuses_to_start_without_its_secrets(production):
    with pytest.raises(ConfigError) as refused:
        create_app()
    message = str(refused.value)
    assert "SECRET_KEY must be set" in message and "DATABASE_URL must be set" in message
    assert "REDIS_URL must be set" in message


@pytest.mark.parametrize("name, value, words", [
    ("SECRET_KEY", "too-short", "SECRET_KEY must be at least 32 characters"),
    ("DATABASE_URL", "sqlite:////tmp/p.db", "must be a PostgreSQL database"),
    ("RATELIMIT_STORAGE_URI", "memory://", "must not be memory://"),
    ("FLASK_DEBUG", "1", "debug mode must be off"),
])
def test_production_refuses_each_unsafe_value(production, name, value, words):
    production(**{**SAFE, name: value})
    with pytest.raises(ConfigError, match=words):
        create_app()


def test_production_starts_safe(production):
    production(**SAFE, SECRET_KEY_FALLBACKS="y" * 64 + ",z" * 1, TRUSTED_HOSTS="survey.example.police.uk, localhost")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["OFFICER_SESSION_COOKIE_NAME"] == "__Host-streetvoice_officer"
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert app.config["STREETVOICE_PROXIES"] == 1
    assert app.config["TRUSTED_HOSTS"] == ["survey.example.police.uk", "localhost"]
    assert app.config["SECRET_KEY_FALLBACKS"] == ["y" * 64, "z"]
    assert app.config["REQUIRE_SECOND_FACTOR"] is True


def test_the_loopback_test_switches_are_explicit_and_off_by_default(production):
    production(**SAFE)
    app = create_app()
    assert (app.config["SESSION_COOKIE_SECURE"], app.config["MIN_COMPLETION_SECONDS"],
            app.config["RATELIMIT_ENABLED"]) == (True, 15, True)
    production(SESSION_COOKIE_SECURE="0", MIN_COMPLETION_SECONDS="0", RATELIMIT_ENABLED="0")
    app = create_app()
    assert (app.config["SESSION_COOKIE_SECURE"], app.config["MIN_COMPLETION_SECONDS"],
            app.config["RATELIMIT_ENABLED"]) == (False, 0, False)
    assert app.config["OFFICER_SESSION_COOKIE_NAME"] == "streetvoice_officer"  # no __Host- without Secure


def test_a_setting_that_is_not_a_number_is_named(production):
    production(**SAFE, DRAFT_LIFETIME_HOURS="six")
    with pytest.raises(ConfigError, match="DRAFT_LIFETIME_HOURS must be a whole number"):
        create_app()


def test_unknown_environment_is_an_error(monkeypatch):
    monkeypatch.setenv("STREETVOICE_ENV", "staging")
    with pytest.raises(ConfigError, match="must be one of"):
        create_app()


def test_each_test_app_gets_its_own_random_secret(tmp_path):
    first = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    second = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert first.secret_key != second.secret_key and len(first.secret_key) >= 32


def test_settings_are_read_when_the_app_is_made(monkeypatch):
    monkeypatch.setenv("FORCE_NAME", "Tyneside Police")
    monkeypatch.setenv("DRAFT_LIFETIME_HOURS", "3")
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["FORCE_NAME"] == "Tyneside Police"
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 3 * 3600
