"""Accounts, for admins: list, create with a temporary password shown once, role, areas,
disable and enable, second factor and password resets; each change audited."""
import pytest
from sqlalchemy import select

from portal.audit import AuditEvent
from portal.auth import services as auth_services
from portal.auth.models import Officer
from portal.extensions import db
from surveys.models import Area
from tests.conftest import PASSWORD, OfficerClient, make_officer


@pytest.fixture
def admin(officer_client, survey):
    client = officer_client("admin")
    assert client.post("/officer/confirm-password?next=/officer/accounts", {"password": PASSWORD}).status == 302
    return client


def events(action):
    return db.session.scalars(select(AuditEvent).filter_by(action=action).order_by(AuditEvent.id)).all()


def test_the_accounts_page_lists_every_account(admin, app):
    middlefield = db.session.scalar(select(Area).filter_by(name="Middlefield"))
    make_officer("officer", email="pc.limited@example.police.uk", name="PC Limited", areas=[middlefield])
    make_officer("analyst", email="off@example.police.uk", name="Gone Analyst", active=False)
    page = admin.get("/officer/accounts")
    rows = {r.select("td")[0].get_text(strip=True): [c.get_text(" ", strip=True) for c in r.select("td")]
            for r in page.select("#accounts tbody tr")}
    assert rows["PC Limited"][1:5] == ["pc.limited@example.police.uk", "Officer", "Middlefield", "Active"]
    assert rows["PC Limited"][5:] == ["Not set up", "Never"]
    assert rows["Gone Analyst"][3:5] == ["All areas", "Disabled"]
    assert rows["Test Admin"][6] != "Never"  # signed in just now
    assert [a["href"] for a in page.select("a.govuk-button")] == ["/officer/accounts/new"]


def test_creating_an_account_asks_for_the_password_and_shows_a_temporary_one_once(officer_client, survey, app):
    client = officer_client("admin")
    page = client.get("/officer/accounts/new")
    assert page.status == 302 and "/officer/confirm-password" in page.response.headers["Location"]
    client.post(page.response.headers["Location"], {"password": PASSWORD})
    middlefield = db.session.scalar(select(Area).filter_by(name="Middlefield"))
    page = client.post("/officer/accounts/new", {"name": "PC New", "email": "PC.New@example.police.uk",
                                                 "role": "officer", "areas": [str(middlefield.id)]})
    assert page.status == 200
    temporary = page.text_of("#temporary-password")
    assert temporary and "shown only once" in page.html
    assert page.response.headers["Cache-Control"] == "no-store"
    officer = auth_services.by_email("pc.new@example.police.uk")
    assert officer.must_change_password and [a.name for a in officer.areas] == ["Middlefield"]
    assert temporary not in client.get(f"/officer/accounts/{officer.id}").html
    [event] = events("account_created")[-1:]
    assert event.officer_id == client.officer.id and event.detail == {"role": "officer", "areas": [middlefield.id]}
    assert temporary not in str(event.detail)
    # The officer signs in with it and must change it first.
    new = OfficerClient(app.test_client(), officer)
    assert new.sign_in(temporary).status == 302
    assert new.get("/officer/review").response.headers["Location"] == "/officer/account/password"


def test_account_form_errors_read_like_gov_uk(admin):
    page = admin.post("/officer/accounts/new", {"name": "", "email": "", "role": ""})
    assert page.status == 400
    assert page.error_messages == ["Enter the officer's full name", "Enter the officer's email address", "Select a role"]
    page = admin.post("/officer/accounts/new", {"name": "Twin", "email": admin.officer.email, "role": "officer"})
    assert page.error_messages == [f"An officer with the email {admin.officer.email} already exists"]


def test_changing_a_role_asks_for_the_password_ends_their_sessions_and_is_audited(officer_client, survey, app):
    target = officer_client("officer")
    client = officer_client("admin")
    url = f"/officer/accounts/{target.officer.id}/role"
    assert client.get(url).status == 302  # password first
    client.post(f"/officer/confirm-password?next={url}", {"password": PASSWORD})
    page = client.post(url, {"role": "analyst"})
    assert page.status == 302
    db.session.refresh(target.officer)
    assert target.officer.role == "analyst"
    assert target.get("/officer/review").status == 302  # signed out everywhere
    assert events("account_changed")[-1].detail == {"role_from": "officer", "role_to": "analyst"}


def test_an_admin_cannot_change_their_own_role_disable_themselves_or_reset_their_password(admin):
    me = admin.officer.id
    page = admin.get(f"/officer/accounts/{me}")
    links = [a["href"] for a in page.select(".govuk-summary-list a")]
    assert f"/officer/accounts/{me}/role" not in links and f"/officer/accounts/{me}/status" not in links
    assert admin.post(f"/officer/accounts/{me}/role", {"role": "officer"}).error_messages == [
        "You cannot change your own role: ask another admin"]
    assert admin.post(f"/officer/accounts/{me}/status", {}).error_messages == ["You cannot disable your own account"]
    assert admin.post(f"/officer/accounts/{me}/password", {}).error_messages == [
        "You cannot reset your own password here: change it on your account page"]
    db.session.refresh(admin.officer)
    assert admin.officer.role == "admin" and admin.officer.active


def test_there_is_always_an_active_admin(app, survey):
    only = make_officer("admin", email="only@example.police.uk")
    analyst = make_officer("analyst", email="a@example.police.uk")
    with pytest.raises(auth_services.AccountError, match="at least one active admin"):
        auth_services.set_role(only, "officer", analyst)
    with pytest.raises(auth_services.AccountError, match="at least one active admin"):
        auth_services.disable(only, analyst)


def test_areas_limit_an_officer_and_are_audited(admin, app):
    target = make_officer("officer", email="pc.area@example.police.uk")
    gresham = db.session.scalar(select(Area).filter_by(name="Gresham"))
    page = admin.post(f"/officer/accounts/{target.id}/areas", {"areas": [str(gresham.id)]})
    assert page.status == 302
    db.session.refresh(target)
    assert target.area_ids == {gresham.id}
    assert events("account_changed")[-1].detail == {"areas": [gresham.id]}
    assert admin.post(f"/officer/accounts/{target.id}/areas", {"areas": ["99999"]}).status == 400


def test_disabling_ends_every_session_and_enabling_restores_sign_in(officer_client, admin, app):
    target = officer_client("officer")
    url = f"/officer/accounts/{target.officer.id}/status"
    assert "Disable" in admin.get(url).text_of("h1")
    assert admin.post(url, {}).status == 302
    assert target.get("/officer/review").status == 302
    assert target.sign_in().error_messages == ["Enter a correct email address and password"]
    assert events("account_disabled")[-1].officer_id == admin.officer.id
    assert "Enable" in admin.get(url).text_of("h1")
    admin.post(url, {})
    assert target.sign_in().status == 302
    assert events("account_changed")[-1].detail == {"active": True}


def test_resetting_the_second_factor_and_the_password(admin, app):
    from portal.auth import totp

    target = make_officer("officer", email="pc.phone@example.police.uk")
    secret = totp.new_secret()
    import pyotp
    auth_services.enrol_second_factor(target, secret, pyotp.TOTP(secret).now())
    page = admin.post(f"/officer/accounts/{target.id}/second-factor", {})
    assert page.status == 302
    db.session.refresh(target)
    assert not target.has_second_factor and not target.recovery_codes
    assert events("second_factor_reset")[-1].officer_id == admin.officer.id
    page = admin.post(f"/officer/accounts/{target.id}/password", {})
    temporary = page.text_of("#temporary-password")
    db.session.refresh(target)
    assert temporary and target.must_change_password
    event = events("account_changed")[-1]
    assert event.detail == {"password_reset": True} and temporary not in str(event.detail)
    assert OfficerClient(app.test_client(), target).sign_in(temporary).status == 302


@pytest.mark.parametrize("role", ["officer", "analyst"])
def test_accounts_are_for_admins_only(officer_client, survey, role):
    client = officer_client(role)
    target = make_officer("officer", email="someone@example.police.uk")
    for path in ("/officer/accounts", f"/officer/accounts/{target.id}", f"/officer/accounts/{target.id}/areas",
                 f"/officer/accounts/{target.id}/status", "/officer/audit"):
        assert client.get(path).status == 403, path
    assert db.session.get(Officer, target.id).active
