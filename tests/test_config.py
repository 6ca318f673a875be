"""Settings: production refuses to start without its secrets; no fixed fallback secret."""
import pytest

from portal import create_app
from portal.config import ConfigError


def test_production_refuses_to_start_without_secret_and_database(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("STREETVOICE_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY and DATABASE_URL"):
        create_app()


def test_production_starts_with_both(monkeypatch, tmp_path):
    monkeypatch.setenv("STREETVOICE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/p.db")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_unknown_environment_is_an_error(monkeypatch):
    monkeypatch.setenv("STREETVOICE_ENV", "staging")
    with pytest.raises(ConfigError, match="must be one of"):
        create_app()


def test_each_test_app_gets_its_own_random_secret(tmp_path):
    first = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    second = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert first.secret_key != second.secret_key and len(first.secret_key) >= 32
