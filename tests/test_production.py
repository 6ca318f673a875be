"""The production profile inside the app: error pages that keep Exit this page working, exit and
send while the database fails, drafts and session cookies that end with the draft lifetime,
health of the database and Redis, officer sign-in when the limits' store is down, and rate
limit keys that never hold an address. Runs on SQLite and, in the second half of `make test`,
on PostgreSQL. The same behaviours through gunicorn, nginx, Redis and PostgreSQL are in
tests/deploy/."""
import logging
import re
import socket
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.exc import OperationalError

from portal import create_app
from portal.extensions import client_key, db, limiter
from surveys import services
from surveys.models import Draft, Response, Street
from tests.conftest import complete_journey

START = "/survey/street-impact/"
SEND = START + "check-answers"
NONCE = re.compile(r"script-src 'self' 'nonce-([^']+)'")


def street_id():
    return db.session.scalar(select(Street.id).filter_by(name="Grange Road"))


def responses():
    return db.session.scalar(select(func.count(Response.id)))


def closed_port():
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database_fails(when=lambda statement: True):
    """The database refuses statements (those `when` picks), as a stopped server would, until
    the block ends. Raised where the driver would raise, so the app's own handling runs."""
    def refuse(conn, cursor, statement, parameters, context, executemany):
        if when(statement):
            raise OperationalError(statement, None, ConnectionRefusedError("connection refused"))
    event.listen(db.engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(db.engine, "before_cursor_execute", refuse)


@contextmanager
def commit_fails():
    def refuse(conn):
        raise OperationalError("COMMIT", None, ConnectionRefusedError("connection lost at commit"))
    event.listen(db.engine, "commit", refuse)
    try:
        yield
    finally:
        event.remove(db.engine, "commit", refuse)


# -- Error pages keep Exit this page (Shift x3, Escape) working --------------------------------

def assert_scripts_run(response):
    """The CSP header has a nonce and every script tag on the page carries that very nonce."""
    nonce = NONCE.search(response.headers["Content-Security-Policy"])
    assert nonce and len(nonce.group(1)) >= 16, response.headers["Content-Security-Policy"]
    scripts = re.findall(r"<script\b[^>]*>", response.get_data(as_text=True))
    assert any("streetvoice.js" in tag for tag in scripts)
    for tag in scripts:
        assert f'nonce="{nonce.group(1)}"' in tag, tag


def test_the_csrf_error_page_has_a_valid_nonce_on_every_script(client, survey):
    response = client.post(START + "questions/about-you", data={"audience": "resident"})
    assert response.status_code == 400 and "could not send that page" in response.get_data(as_text=True)
    assert_scripts_run(response)


def test_the_too_large_page_has_a_valid_nonce_on_every_script(client, survey):
    response = client.post(START + "questions/effect", data={"impact": "x" * 200_000})
    assert response.status_code == 413
    assert_scripts_run(response)


def test_the_503_page_has_a_valid_nonce_and_says_answers_are_kept(resident, survey):
    complete_journey(resident, street_id())
    with database_fails():
        response = resident.client.get(SEND)
    assert response.status_code == 503 and response.headers["Retry-After"] == "60"
    assert "Nothing you have entered is lost" in response.get_data(as_text=True)
    assert_scripts_run(response)


# -- Exit and send while the database fails -------------------------------------------------

def test_exit_clears_the_session_and_leaves_even_when_the_database_fails(resident, survey, app):
    complete_journey(resident, street_id())
    with database_fails():
        response = resident.client.get("/exit")
    assert response.status_code == 302 and response.location == app.config["EXIT_URL"]
    assert response.headers["Clear-Site-Data"] == '"cookies", "storage"'
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(app.config["SESSION_COOKIE_NAME"] + "=;") and "Expires=Thu, 01 Jan 1970" in cookie
    # Back on the survey nothing of the journey is shown; the draft left behind ends with its lifetime.
    assert resident.get(SEND).response.location.endswith("/questions/your-street")
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 1


@pytest.mark.parametrize("failure", ["first query", "storing the response", "commit"])
def test_a_send_that_fails_keeps_the_answers_and_sending_again_stores_them_once(resident, survey, failure):
    complete_journey(resident, street_id())
    token = resident.get(SEND).csrf_token()
    if failure == "commit":
        breaking = commit_fails()
    else:
        breaking = database_fails(
            (lambda s: True) if failure == "first query" else (lambda s: s.lstrip().upper().startswith("INSERT INTO RESPONSE")))
    with breaking:
        failed = resident.client.post(SEND, data={"csrf_token": token, "website": ""})
    assert failed.status_code == 503
    assert "Nothing you have entered is lost" in failed.get_data(as_text=True)
    assert responses() == 0
    # After recovery the answers are still there to check and send, and are stored once.
    again = resident.get(SEND)
    assert again.status == 200 and "Cars circle all night" in again.text_of(".govuk-summary-list")
    assert resident.post(SEND, {"website": ""}).response.location.endswith("/confirmation")
    assert resident.client.post(SEND, data={"csrf_token": token, "website": ""}).status_code == 302
    assert responses() == 1
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_a_database_error_never_carries_the_values_of_its_query(app):
    """hide_parameters: an error message (logged, or shown in a traceback) has the statement
    but never the values, which can be answer text."""
    from sqlalchemy.exc import DBAPIError
    with pytest.raises(DBAPIError) as error:
        db.session.execute(text("INSERT INTO no_such_table (value) VALUES (:value)"),
                           {"value": "Secret words 4471 about number nine"})
    db.session.rollback()
    assert "Secret words" not in str(error.value) and "4471" not in str(error.value)
    assert "hide_parameters" in str(error.value)


# -- Drafts and the resident session end with DRAFT_LIFETIME_HOURS -----------------------------

def test_a_draft_older_than_its_lifetime_is_refused_when_read_even_before_the_purge(resident, survey, app):
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=2)  # the cookie alone would still be good
    hours = app.config["DRAFT_LIFETIME_HOURS"]
    start = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        complete_journey(resident, street_id())
        token = db.session.scalar(select(Draft.token))
        clock.move_to(start + timedelta(hours=hours) - timedelta(minutes=1))
        assert resident.get(SEND).status == 200  # within its lifetime: still there
        clock.move_to(start + timedelta(hours=hours, minutes=1))
        assert resident.get(SEND).response.location.endswith("/questions/your-street")
        first = resident.get(START + "questions/your-street")
        assert not first.select("select#street option[selected]")  # no earlier answer shown
        assert services.get_draft(token) is None
        assert services.submit(token, survey, survey.survey.rounds[0]) is None
        assert responses() == 0
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 1  # the purge has not run yet
        assert services.purge_expired_drafts(hours) == 1


def test_the_resident_session_cookie_ends_with_the_browser_and_its_signature_with_the_draft_lifetime(
        resident, survey, app):
    hours = app.config["DRAFT_LIFETIME_HOURS"]
    assert app.permanent_session_lifetime == timedelta(hours=hours)
    start = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        page = resident.post(START + "questions/your-street", {"street": str(street_id())})
        set_cookie = page.response.headers["Set-Cookie"]
        assert "Expires" not in set_cookie and "Max-Age" not in set_cookie  # gone when the browser closes
        cookie = resident.client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value

        def session_read_from_cookie():
            with app.test_request_context(headers={"Cookie": f"{app.config['SESSION_COOKIE_NAME']}={cookie}"}):
                from flask import request
                return dict(app.session_interface.open_session(app, request))

        assert session_read_from_cookie().get("draft")
        clock.move_to(start + timedelta(hours=hours) - timedelta(minutes=1))
        assert session_read_from_cookie().get("draft")
        clock.move_to(start + timedelta(hours=hours, minutes=1))
        assert session_read_from_cookie() == {}  # a browser that kept the cookie gets nothing from it


# -- Health ------------------------------------------------------------------------------------

def test_health_reports_redis_when_it_is_configured_and_is_503_when_it_is_down(tmp_path):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/h.db",
                      "REDIS_URL": url, "RATELIMIT_STORAGE_URI": "memory://"})
    response = app.test_client().get("/healthz")
    assert (response.status_code, response.json) == (503, {"status": "error", "database": "ok", "redis": "error"})
    with app.app_context():
        db.engine.dispose()


def test_health_is_503_while_the_database_fails_and_200_after(client):
    with database_fails():
        down = client.get("/healthz")
    assert (down.status_code, down.json) == (503, {"status": "error", "database": "error"})
    assert client.get("/healthz").json == {"status": "ok", "database": "ok"}


# -- Redis down: residents go on, officer sign-in refuses --------------------------------------

@pytest.fixture
def redis_down_app(tmp_path, database_url):
    """An app whose limits live in a Redis that is not there (the database is fine)."""
    from flask_migrate import upgrade
    url = f"redis://127.0.0.1:{closed_port()}/0"
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": url,
                      "RATELIMIT_STORAGE_URI": url})
    with app.app_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()
    create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                "RATELIMIT_STORAGE_URI": "memory://"})  # the shared limiter counts in memory again


def test_with_redis_down_residents_still_send_and_the_failure_is_logged(redis_down_app, caplog):
    import io

    from surveys.streets import import_streets
    from tests.conftest import STREETS_CSV, ResidentClient, open_definition
    import_streets(io.StringIO(STREETS_CSV))
    services.store_definition(open_definition())
    resident = ResidentClient(redis_down_app.test_client())
    with caplog.at_level(logging.ERROR):
        complete_journey(resident, street_id())
        sent = resident.post(SEND, {"website": ""})
    assert sent.status == 302 and sent.response.location.endswith("/confirmation")
    assert responses() == 1
    assert any(r.name == "flask-limiter" and r.levelno >= logging.ERROR for r in caplog.records)


def test_with_redis_down_officer_sign_in_refuses_with_a_clear_message(redis_down_app, caplog):
    from tests.conftest import PASSWORD, ResidentClient, make_officer
    officer = make_officer("officer")
    client = ResidentClient(redis_down_app.test_client())
    with caplog.at_level(logging.ERROR):
        page = client.post("/officer/sign-in", {"email": officer.email, "password": PASSWORD})
    assert page.status == 503
    assert page.error_messages == ["Signing in is not possible at the moment because part of the service is down. "
                                   "Try again in a few minutes. If it goes on, tell the service's technical team."]
    assert client.get("/officer/review").response.location.startswith("/officer/sign-in")  # not signed in
    assert "attempt counter's store (REDIS_URL) cannot be reached" in caplog.text
    assert PASSWORD not in caplog.text


def test_with_every_limit_switched_off_officers_still_sign_in(tmp_path, database_url):
    # RATELIMIT_ENABLED=0 (load tests on loopback): no store is consulted, so none can be down.
    from flask_migrate import upgrade

    from tests.conftest import PASSWORD, ResidentClient, make_officer
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False,
                      "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{closed_port()}/0"})
    try:
        with app.app_context():
            upgrade()
            officer = make_officer("officer")
            client = ResidentClient(app.test_client())
            page = client.post("/officer/sign-in", {"email": officer.email, "password": PASSWORD})
            assert page.status == 302, page.error_messages
            assert not page.response.location.startswith("/officer/sign-in")
            db.session.remove()
            db.engine.dispose()
    finally:
        create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                    "RATELIMIT_STORAGE_URI": "memory://"})  # the shared limiter counts in memory again


# -- Rate limit keys: per client, never an address ----------------------------------------------

def test_limiter_keys_are_keyed_hashes_that_change_every_day(app):
    def key(address, day):
        with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
            return client_key(today=day)
    today, tomorrow = datetime(2026, 12, 7).date(), datetime(2026, 12, 8).date()
    assert key("203.0.113.9", today) == key("203.0.113.9", today)
    assert key("203.0.113.9", today) != key("203.0.113.10", today)
    assert key("203.0.113.9", today) != key("203.0.113.9", tomorrow)
    assert "203.0.113.9" not in key("203.0.113.9", today) and re.fullmatch(r"[0-9a-f]{24}", key("203.0.113.9", today))
    # One IPv6 client picks any address in its /64: it is counted once; another /64 is another client.
    assert key("2001:db8:1:2::1", today) == key("2001:db8:1:2:ffff::9", today) != key("2001:db8:1:3::1", today)
    assert key("::ffff:203.0.113.9", today) == key("203.0.113.9", today)
    other = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})  # another SECRET_KEY
    with other.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.9"}):
        assert client_key(today=today) != key("203.0.113.9", today)


def client_at(app, **environ):
    """A browser without JavaScript at a given address (and headers, as WSGI environ keys)."""
    from tests.conftest import ResidentClient
    client = app.test_client()
    client.environ_base.update(environ)
    return ResidentClient(client)


def send_feedback(client):
    return client.post("/feedback", {"feedback": "Clear and quick"}).status


def test_the_feedback_limit_stops_one_client_and_leaves_another_alone(app):
    app.config["FEEDBACK_RATE_LIMIT"] = "2 per hour"
    first, second = client_at(app, REMOTE_ADDR="203.0.113.20"), client_at(app, REMOTE_ADDR="203.0.113.21")
    assert [send_feedback(first) for _ in range(3)] == [200, 200, 429]
    page = first.post("/feedback", {"feedback": "Once more"})
    assert page.status == 429 and "too many" in page.text_of("h1")
    assert send_feedback(second) == 200
    keys = list(limiter.storage.storage)  # the memory store's keys, as Redis would hold them
    assert keys and not any("203.0.113" in key for key in keys)


def test_submissions_are_limited_per_client_and_a_second_client_is_left_alone(app, survey):
    app.config["SUBMIT_RATE_LIMIT"] = "1 per hour"
    first, second = client_at(app, REMOTE_ADDR="203.0.113.40"), client_at(app, REMOTE_ADDR="203.0.113.41")
    for client, expected in ((first, 302), (first, 429), (second, 302)):
        complete_journey(client, street_id())
        assert client.post(SEND, {"website": ""}).status == expected
    assert responses() == 2


def test_behind_a_proxy_each_forwarded_client_has_its_own_limit_and_cannot_forge_another(tmp_path):
    from flask_migrate import upgrade
    app = create_app({"ENV_NAME": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db",
                      "RATELIMIT_STORAGE_URI": "memory://", "STREETVOICE_PROXIES": 1, "FEEDBACK_RATE_LIMIT": "2 per hour"})
    with app.app_context():
        upgrade()
        limiter.reset()
        proxy = "10.0.0.5"  # every request arrives from the proxy's address
        first = client_at(app, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.30")
        second = client_at(app, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.31")
        assert [send_feedback(first) for _ in range(3)] == [200, 200, 429]
        assert send_feedback(second) == 200
        # A client cannot escape its limit by sending an X-Forwarded-For of its own: the proxy
        # appends the address it saw, and only that last one is believed.
        forged = client_at(app, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.30")
        assert send_feedback(forged) == 429
        db.engine.dispose()


# -- NUL: never a 500, on either database -------------------------------------------------------

GET_ARGS = {"int": "1", "default": "x%00y", "path": "x%00y"}


def _url_with_nul(rule):
    url = rule.rule
    for name, converter in rule._converters.items():
        kind = "int" if type(converter).__name__ == "IntegerConverter" else "default"
        url = re.sub(rf"<(?:[^:<>]+:)?{name}>", GET_ARGS[kind], url)
    return url


def test_nul_in_any_path_or_query_is_a_404_or_400_never_a_500(survey, officer_client, app):
    admin = officer_client("admin")
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        client = admin if rule.rule.startswith("/officer") else admin.__class__(app.test_client(), None)
        url = _url_with_nul(rule)
        targets = ([url] if "%00" in url else []) + [url + "?street=%00&q=a%00b&return_to=/%00"]
        for target in targets:
            with client._request():
                status = client.client.get(target).status_code
            assert status < 500, (target, status)
            if "%00" in target.split("?")[0]:
                assert status in (302, 404), (target, status)
            elif "%00" in target:
                assert status in (302, 400, 404), (target, status)


def test_nul_typed_into_resident_fields_is_removed_or_refused_never_stored(resident, survey):
    complete_journey(resident, street_id(), {"effect": {"impact": "Noise\x00 at night"},
                                            "improvements": {"improve": "\x00"}})
    page = resident.post(START + "questions/your-street", {"street": "1\x00"})
    assert page.status == 200 and page.error_messages == ["Select your street from the list"]
    assert resident.post(SEND, {"website": ""}).status == 302
    stored = db.session.scalars(text("SELECT value FROM answer")).all()
    assert "Noise at night" in stored and not any("\x00" in v for v in stored)
    feedback = resident.post("/feedback?return_to=/survey/%00", {"feedback": "Good\x00 service"})
    assert feedback.status in (200, 400)


# -- No time finer than the hour on any row a resident's journey creates ----------------------

# Officers' own rows, the service's configuration and publications: times of officers' actions,
# nothing about when a resident answered.
OFFICER_TABLES = {"officer", "recovery_code", "audit_event", "codebook_version", "theme_model", "answer_review",
                  "results_snapshot", "action", "published_quote", "officer_area", "survey", "survey_version",
                  "alembic_version"}


def test_no_time_finer_than_the_hour_on_any_row_a_journey_or_its_analysis_creates(resident, survey, app):
    with time_machine.travel(datetime(2026, 12, 7, 14, 37, 21, 123456, tzinfo=UTC), tick=False):
        complete_journey(resident, street_id(), {"effect": {
            "impact": "A girl who looks about 14 keeps getting into cars with older men. Kerb crawlers every night."}})
        assert resident.post(SEND, {"website": ""}).status == 302
        resident.post("/feedback", {"feedback": "Easy to use"})
    checked = []
    inspector = inspect(db.engine)
    for table in inspector.get_table_names():
        if table in OFFICER_TABLES or table == "draft":  # drafts go when the response is stored
            continue
        for column in inspector.get_columns(table):
            if "TIME" in str(column["type"]).upper():
                for (value,) in db.session.execute(text(f'SELECT "{column["name"]}" FROM "{table}" '
                                                        f'WHERE "{column["name"]}" IS NOT NULL')):
                    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
                    assert (when.minute, when.second, when.microsecond) == (0, 0, 0), (table, column["name"], when)
                    checked.append(f"{table}.{column['name']}")
    assert {"response.submitted_hour", "answer_analysis.analysed_at", "answer_tag.created_at",
            "safeguarding_flag.raised_hour", "feedback.submitted_hour"} <= set(checked)
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
    unknown = set(inspector.get_table_names()) - OFFICER_TABLES - {"draft"} - {c.split(".")[0] for c in checked}
    timed = {t for t in unknown if any("TIME" in str(c["type"]).upper() for c in inspector.get_columns(t))}
    assert not timed, f"tables with times this test does not know about: {timed}"


def test_a_host_not_in_trusted_hosts_gets_a_plain_400_not_a_500(app, survey):
    app.config["TRUSTED_HOSTS"] = ["survey.example.police.uk"]
    client = app.test_client()
    for path in ("/survey/street-impact/", "/officer/sign-in", "/no-such-page", "/survey/%00/"):
        refused = client.get(path, headers={"Host": "attacker.example"})
        assert refused.status_code in ((400, 404) if "%00" in path else (400,)), (path, refused.status_code)
        assert "attacker" not in refused.get_data(as_text=True)
    assert client.get("/survey/street-impact/", headers={"Host": "survey.example.police.uk"}).status_code == 200
