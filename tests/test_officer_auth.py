"""Signing in to the officer area: passwords, limits, the second factor, sessions, cookies."""
import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import time_machine
from sqlalchemy import select

from portal.audit import AuditEvent
from portal.auth import passwords
from portal.extensions import db
from tests.conftest import PASSWORD, OfficerClient, make_officer

GENERIC = "Enter a correct email address and password"


def client_for(app, officer, address="192.0.2.10"):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return OfficerClient(client, officer)


def sign_in(client, email, password):
    return client.post("/officer/sign-in", {"email": email, "password": password})


def actions():
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_a_wrong_password_and_an_unknown_address_get_the_same_message(app):
    officer = make_officer()
    client = client_for(app, officer)
    wrong = sign_in(client, officer.email, "not the password at all")
    unknown = sign_in(client, "nobody@example.police.uk", PASSWORD)
    assert wrong.status == unknown.status == 200
    assert wrong.error_messages == unknown.error_messages == [GENERIC]
    assert wrong.select("#email")[0]["value"] == officer.email  # the answer is kept
    assert actions() == ["account_created", "sign_in_failed", "sign_in_failed"]


def test_a_correct_password_signs_in_and_redirects_only_within_the_officer_area(app):
    officer = make_officer()
    client = client_for(app, officer)
    page = client.post("/officer/sign-in?next=//evil.example/officer/", {"email": officer.email.upper(),
                                                                          "password": PASSWORD})
    assert page.status == 302 and page.response.headers["Location"] == "/officer/"
    client = client_for(app, officer)
    page = client.post("/officer/sign-in?next=/officer/review%3Freviewed%3Dall",
                       {"email": officer.email, "password": PASSWORD})
    assert page.response.headers["Location"] == "/officer/review?reviewed=all"
    assert client.get("/officer/").status == 200
    assert "sign_in" in actions()


def test_too_many_failures_lock_the_account_briefly_but_not_other_accounts(app):
    officer, other = make_officer(), make_officer("analyst")
    attacker = client_for(app, officer, "192.0.2.66")
    with time_machine.travel(datetime(2026, 12, 7, 10, 0, tzinfo=UTC), tick=False) as clock:
        for _ in range(10):
            sign_in(client_for(app, officer, f"192.0.2.{len(actions())}"), officer.email, "wrong password guess")
        limited = sign_in(attacker, officer.email, PASSWORD)  # even the right password waits
        assert limited.status == 429
        assert limited.error_messages == ["Too many sign-in attempts. Wait 15 minutes, then try again."]
        assert sign_in(client_for(app, other), other.email, PASSWORD).status == 302
        clock.shift(timedelta(minutes=16))
        assert sign_in(client_for(app, officer), officer.email, PASSWORD).status == 302
    assert "sign_in_limited" in actions()


def test_one_client_is_limited_across_accounts_and_another_client_is_not(app):
    officer = make_officer()
    noisy = client_for(app, officer, "198.51.100.7")
    with time_machine.travel(datetime(2026, 12, 7, 10, 0, tzinfo=UTC), tick=False):
        for n in range(20):
            sign_in(noisy, f"guess{n}@example.police.uk", "wrong password guess")
        assert sign_in(noisy, officer.email, PASSWORD).status == 429
        assert sign_in(client_for(app, officer, "198.51.100.8"), officer.email, PASSWORD).status == 302


def test_an_old_argon2_hash_is_replaced_at_the_next_sign_in(app):
    from argon2 import PasswordHasher

    officer = make_officer()
    officer.password_hash = PasswordHasher(time_cost=1, memory_cost=8192).hash(PASSWORD)
    db.session.commit()
    assert passwords.needs_rehash(officer.password_hash)
    assert sign_in(client_for(app, officer), officer.email, PASSWORD).status == 302
    db.session.refresh(officer)
    assert not passwords.needs_rehash(officer.password_hash)


def enrol(client):
    """Set up the authenticator as an officer would: read the key off the page, type a code."""
    page = client.get("/officer/account/two-factor")
    assert page.status == 200 and page.select("img.sv-qr")[0]["src"].startswith("data:image/svg+xml;base64,")
    secret = page.text_of("#totp-key").replace(" ", "")
    codes_page = client.post("/officer/account/two-factor", {"code": pyotp.TOTP(secret).now()})
    assert codes_page.status == 200, codes_page.error_messages
    codes = [li.get_text() for li in codes_page.select("#recovery-codes li")]
    assert len(codes) == 10 and len(set(codes)) == 10
    return secret, codes


def test_enrolment_then_sign_in_with_a_code_and_no_code_is_accepted_twice(app):
    officer = make_officer()
    client = client_for(app, officer)
    with time_machine.travel(datetime(2026, 12, 7, 10, 0, 5, tzinfo=UTC), tick=False) as clock:
        assert sign_in(client, officer.email, PASSWORD).status == 302
        secret, _codes = enrol(client)
        db.session.refresh(officer)
        assert officer.totp_secret and secret not in officer.totp_secret  # encrypted at rest
        clock.shift(timedelta(seconds=40))  # the next time step: the enrolment code is spent
        fresh = client_for(app, officer)
        page = sign_in(fresh, officer.email, PASSWORD)
        assert page.response.headers["Location"].startswith("/officer/second-factor")
        assert fresh.get("/officer/").response.headers["Location"].startswith("/officer/sign-in")
        code = pyotp.TOTP(secret).now()
        assert fresh.post("/officer/second-factor", {"code": code}).status == 302
        assert fresh.get("/officer/").status == 200
        replay = client_for(app, officer)
        sign_in(replay, officer.email, PASSWORD)
        refused = replay.post("/officer/second-factor", {"code": code})
        assert refused.error_messages == ["Enter the 6-digit code from your authenticator app, or an unused recovery code"]
    assert {"second_factor_enrolled", "second_factor", "second_factor_failed"} <= set(actions())


def test_a_recovery_code_works_once(app):
    officer = make_officer()
    client = client_for(app, officer)
    sign_in(client, officer.email, PASSWORD)
    _secret, codes = enrol(client)
    for expected in (302, 200):
        again = client_for(app, officer)
        sign_in(again, officer.email, PASSWORD)
        assert again.post("/officer/second-factor", {"code": codes[3].lower()}).status == expected
    assert "recovery_code_used" in actions()


def test_where_the_second_factor_is_required_nothing_opens_before_it_is_set_up(app):
    app.config["REQUIRE_SECOND_FACTOR"] = True
    officer = make_officer()
    client = client_for(app, officer)
    page = sign_in(client, officer.email, PASSWORD)
    assert page.response.headers["Location"] == "/officer/account/two-factor"
    for path in ("/officer/", "/officer/review", "/officer/safeguarding"):
        assert client.get(path).response.headers["Location"] == "/officer/account/two-factor"
    enrol(client)
    assert client.get("/officer/review").status == 200


def test_a_session_ends_after_30_idle_minutes_and_after_12_hours_in_all(app):
    officer = make_officer()
    start = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = client_for(app, officer)
        sign_in(client, officer.email, PASSWORD)
        clock.shift(timedelta(minutes=29))
        assert client.get("/officer/").status == 200
        clock.shift(timedelta(minutes=31))
        idle = client.get("/officer/")
        assert idle.response.headers["Location"].startswith("/officer/sign-in")
        assert "inactive for 30 minutes" in client.get("/officer/sign-in").html

        sign_in(client, officer.email, PASSWORD)
        for _ in range(12 * 3 + 1):  # busy all day: a request every 20 minutes, past 12 hours
            clock.shift(timedelta(minutes=20))
            last = client.get("/officer/")
        assert last.response.headers["Location"].startswith("/officer/sign-in")
        assert "signed in for 12 hours" in client.get("/officer/sign-in").html


def test_signing_out_ends_every_session_of_the_account_on_the_server(app):
    officer = make_officer()
    laptop, tablet = client_for(app, officer), client_for(app, officer)
    sign_in(laptop, officer.email, PASSWORD)
    sign_in(tablet, officer.email, PASSWORD)
    stolen_cookie = tablet.client.get_cookie("streetvoice_officer").value
    assert laptop.post("/officer/sign-out", {}, form_url="/officer/").status == 302
    assert tablet.get("/officer/").response.headers["Location"].startswith("/officer/sign-in")
    replayed = OfficerClient(app.test_client(), officer)
    replayed.client.set_cookie("streetvoice_officer", stolen_cookie)
    page = replayed.get("/officer/")
    assert page.status == 302 and page.response.headers["Location"].startswith("/officer/sign-in")


def test_a_password_change_asks_for_the_current_one_and_ends_other_sessions(app):
    officer = make_officer()
    laptop, tablet = client_for(app, officer), client_for(app, officer)
    sign_in(laptop, officer.email, PASSWORD)
    sign_in(tablet, officer.email, PASSWORD)
    wrong = laptop.post("/officer/account/password", {"current": "not it at all", "new": "marble kettle orchard"})
    assert wrong.error_messages == ["Your current password is not correct"]
    weak = laptop.post("/officer/account/password", {"current": PASSWORD, "new": "password1234"})
    assert weak.error_messages == ["Password is too easy to guess: use three or four random words, or a password manager"]
    ok = laptop.post("/officer/account/password", {"current": PASSWORD, "new": "marble kettle orchard"})
    assert ok.status == 302
    assert laptop.get("/officer/").status == 200
    assert tablet.get("/officer/").status == 302
    assert sign_in(client_for(app, officer), officer.email, "marble kettle orchard").status == 302


def test_a_disabled_account_is_signed_out_at_once_and_cannot_sign_in(app):
    from portal.auth.services import disable

    officer = make_officer()
    client = client_for(app, officer)
    sign_in(client, officer.email, PASSWORD)
    disable(officer)
    assert client.get("/officer/").status == 302
    assert sign_in(client_for(app, officer), officer.email, PASSWORD).error_messages == [GENERIC]


def test_officer_and_resident_cookies_are_separate_and_strict(app, survey):
    officer = make_officer()
    client = client_for(app, officer)
    response = client.client.post("/officer/sign-in", data={"email": officer.email, "password": PASSWORD,
                                                            "csrf_token": client.get("/officer/sign-in").csrf_token()})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("streetvoice_officer=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    resident_cookie = client.client.get("/survey/street-impact/questions/your-street").headers["Set-Cookie"]
    assert resident_cookie.startswith("streetvoice_session=") and "SameSite=Lax" in resident_cookie


def test_in_production_the_officer_cookie_is_secure_and_host_prefixed(tmp_path):
    from portal import create_app

    app = create_app({"ENV_NAME": "production", "SECRET_KEY": "x" * 64, "REDIS_URL": "redis://127.0.0.1:6379/0",
                      "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://u:p@127.0.0.1:5432/streetvoice"})
    with app.test_request_context("/officer/sign-in"):
        interface = app.session_interface
        assert interface.get_cookie_name(app) == "__Host-streetvoice_officer"
        assert interface.get_cookie_secure(app) is True
        assert interface.get_cookie_samesite(app) == "Strict"
    assert app.config["REQUIRE_SECOND_FACTOR"] is True


@pytest.mark.parametrize("password, message", [
    ("short", "Password must be 12 characters or more"),
    ("x" * 129, "Password must be 128 characters or fewer"),
    ("qwertyuiop123", "Password is too easy to guess: use three or four random words, or a password manager"),
    ("Jones-lantern-quarry", "Password must not contain your name or email address"),
])
def test_password_rules(password, message):
    assert passwords.problem(password, "PC Jones", "pc.jones@example.police.uk") == message


def test_a_good_password_of_any_characters_is_accepted():
    for good in ("lantern quarry velvet", "ĉapelo-kafejo-ŝtono", "🐈 marble kettle 🐈 orchard"):
        assert passwords.problem(good, "PC Jones", "pc.jones@example.police.uk") is None


def test_the_sign_in_form_lets_password_managers_fill_and_paste(app):
    page = client_for(app, make_officer()).get("/officer/sign-in")
    field = page.select("input[name=password]")[0]
    assert field["autocomplete"] == "current-password" and not field.get("onpaste")
    assert page.select("input[name=email]")[0]["autocomplete"] == "username"
    assert not re.search(r"onpaste|oncopy", page.html)
