"""Shared fixtures: an app on a fresh database (SQLite, or PostgreSQL in the second run of
`make test`), a survey that is open, a few streets, and a client that reads parsed HTML."""
import io
import json
import os
import secrets
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from flask_migrate import upgrade
from sqlalchemy import text

from portal import create_app
from portal.extensions import db, limiter
from surveys import definitions, services
from surveys.streets import import_streets
from tests.pages import HtmlPage

# The Big List of Naughty Strings, copied from the shared test data (see its SOURCE.md)
NAUGHTY_PATH = Path(__file__).resolve().parent / "data" / "naughty" / "blns.json"
ON_POSTGRES = os.environ.get("STREETVOICE_TEST_DATABASE") == "postgresql"
IN_CI = os.environ.get("CI") == "true"

STREETS_CSV = """street,area,postcode_district,lat,lon
Grange Road,Middlefield,TS1,54.5741,-1.2350
Albert Terrace,Middlefield,TS1,54.5750,-1.2330
Cleveland Street,Gresham,TS3,54.5702,-1.2201
Union Street,St Hilda's,TS5,,
"""


def naughty_strings():
    """The 515 Big List of Naughty Strings."""
    return json.loads(NAUGHTY_PATH.read_text(encoding="utf-8"))


def open_definition(path=definitions.DEFAULT_DEFINITION):
    """The default survey with one round open today, whatever day the tests run."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    raw["rounds"] = [{"id": "test-round", "name": "Test round", "opens": date(2000, 1, 1), "closes": date(2999, 12, 31)}]
    return definitions.parse(raw, source="test")


def _database_uri(tmp_path):
    if ON_POSTGRES:
        return "postgresql+psycopg://"  # host, user and database come from pg_virtualenv's PG* variables
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def database_url(tmp_path):
    """The URL of a fresh, empty database for another process (the CLI, a server): an SQLite
    file, or in the PostgreSQL run a database of its own on the same server, dropped after."""
    if not ON_POSTGRES:
        yield f"sqlite:///{tmp_path / 'cli.db'}"
        return
    import psycopg

    name = "streetvoice_" + secrets.token_hex(6)
    with psycopg.connect(autocommit=True) as conn:  # host, user, password: pg_virtualenv's PG* variables
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg:///{name}"
    with psycopg.connect(autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def app(tmp_path):
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": _database_uri(tmp_path),
                      "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        upgrade()
        limiter.reset()  # the limiter's memory store outlives an app; each test starts clean
        yield app
        db.session.remove()
        if ON_POSTGRES:
            db.drop_all()
            db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()
        db.engine.dispose()


@pytest.fixture
def survey(app):
    """The default survey (open today) and four streets; returns the stored version."""
    import_streets(io.StringIO(STREETS_CSV))
    version, _created = services.store_definition(open_definition())
    return version


@pytest.fixture
def client(app):
    return app.test_client()


class Page(HtmlPage):
    """A response from the Flask test client (checked by _check_page for the basics every page
    must get right)."""

    def __init__(self, response):
        self.response = response
        self.status = response.status_code
        self.html = response.get_data(as_text=True)


def _check_page(page):
    if page.response.mimetype == "text/html":
        ids = [el["id"] for el in page.soup.select("[id]")]
        duplicates = [i for i, n in Counter(ids).items() if n > 1]
        assert not duplicates, f"duplicate ids {duplicates}"
        assert page.soup.title and page.title, "every page needs a title"


class ResidentClient:
    """Drives the app as a browser without JavaScript would: GET a form, then POST it with its CSRF token."""

    def __init__(self, client):
        self.client = client

    def _request(self):
        """Each request in an app context of its own, as in a server: the test's own app
        context would otherwise be reused, and with it `g` (Flask-WTF's CSRF token and
        Flask-Login's user are cached there), leaking one client's state into another's."""
        return self.client.application.app_context()

    def get(self, url, **kwargs):
        with self._request():
            page = Page(self.client.get(url, **kwargs))
        _check_page(page)
        return page

    def post(self, url, data, follow=False, form_url=None):
        """GET the page with the form (`form_url`, by default `url` itself) for its CSRF
        token, then POST `data` to `url`."""
        form_page = self.get(form_url or url)
        token = form_page.csrf_token()
        payload = dict(data)
        if token:
            payload.setdefault("csrf_token", token)
        with self._request():
            page = Page(self.client.post(url, data=payload, follow_redirects=follow))
        _check_page(page)
        return page


@pytest.fixture
def resident(client):
    return ResidentClient(client)


ANSWERS = {
    "about-you": {"audience": "resident"},
    "what-you-have-seen": {q: "weekly" for q in ("seen_kerb_crawling", "seen_soliciting", "seen_discarded",
                                                  "seen_drugs", "seen_noise_night", "seen_vehicles_circling")},
    "feeling-safe": {"safe_day": "fairly_safe", "safe_dark": "very_unsafe"},
    "effect": {"impact": "Cars circle all night and I worry about the women."},
    "improvements": {"improve": "Better street lighting in the back lane."},
    "age": {"age_band": "35-49"},
}


def complete_journey(resident, street_id, answers=None, slug="street-impact", base="/survey"):
    """Answer every page (overrides per page in `answers`) and arrive at check your answers.
    `base` is /survey for residents, /officer/assisted for an officer entering answers."""
    pages = f"{base}/{slug}/questions/"
    resident.post(pages + "your-street", {"street": str(street_id)})
    for page_id, data in ANSWERS.items():
        page = resident.post(pages + page_id, {**data, **(answers or {}).get(page_id, {})})
        assert page.status == 302, (page_id, page.error_messages)
    return resident.get(f"{base}/{slug}/check-answers")


PASSWORD = "lantern quarry velvet"  # passes the password rules; used by every test account


def make_officer(role="officer", email=None, name=None, **fields):
    """An officer account (committed). Names and addresses differ per role unless given."""
    from portal.auth.services import create_officer

    email = email or f"{role}.{len(fields)}@example.police.uk"
    officer = create_officer(email, name or f"Test {role.capitalize()}", PASSWORD, role)
    for key, value in fields.items():
        setattr(officer, key, value)
    db.session.commit()
    return officer


class OfficerClient(ResidentClient):
    """A browser without JavaScript, signed in to the officer area."""

    def __init__(self, client, officer):
        super().__init__(client)
        self.officer = officer

    def sign_in(self, password=PASSWORD):
        return self.post("/officer/sign-in", {"email": self.officer.email, "password": password})


@pytest.fixture
def officer_client(app):
    """officer_client(role="officer", **fields) -> an OfficerClient already signed in."""
    def make(role="officer", email=None, **fields):
        officer = make_officer(role, email=email, **fields)
        client = OfficerClient(app.test_client(), officer)
        page = client.sign_in()
        assert page.status == 302, page.error_messages
        return client
    return make
