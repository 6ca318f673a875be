"""Exit, cookies, privacy, feedback, health and the headers every page carries."""
import pytest
from sqlalchemy import func, select

from portal import create_app
from portal.extensions import db
from surveys.models import Draft, Feedback


def test_exit_forgets_the_journey_and_goes_to_a_neutral_site(resident, survey, app):
    resident.post("/survey/street-impact/questions/your-street", {"street": "1"})
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 1
    response = resident.client.get("/exit")
    assert response.status_code == 302 and response.location == app.config["EXIT_URL"]
    assert '"cookies"' in response.headers["Clear-Site-Data"]
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
    after = resident.get("/survey/street-impact/check-answers")
    assert after.response.location.endswith("/questions/your-street")


@pytest.mark.parametrize("url", ["/survey/street-impact/", "/survey/street-impact/questions/your-street",
                                 "/cookies", "/privacy", "/accessibility", "/safety-online", "/feedback"])
def test_every_resident_page_has_exit_footer_links_and_beta_feedback(resident, survey, url):
    page = resident.get(url)
    assert page.status == 200
    assert page.select(".govuk-exit-this-page a[href='/exit']")
    footer = [a["href"] for a in page.select(".govuk-footer a")]
    assert {"/cookies", "/privacy", "/accessibility", "/safety-online"} <= set(footer)
    assert page.select(".govuk-phase-banner a")[0]["href"].startswith("/feedback?return_to=")
    assert page.response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in page.response.headers["Content-Security-Policy"]


def test_cookies_page_names_the_only_cookie(resident, app):
    page = resident.get("/cookies")
    assert app.config["SESSION_COOKIE_NAME"] in page.text_of("table")
    assert "analytics" in page.text_of("main")


def test_only_the_essential_session_cookie_is_set(resident, survey, app):
    resident.post("/survey/street-impact/questions/your-street", {"street": "1"})
    names = {cookie.key for cookie in resident.client._cookies.values()}
    assert names == {app.config["SESSION_COOKIE_NAME"]}


def test_feedback_keeps_the_residents_place(resident, survey):
    page = resident.get("/survey/street-impact/questions/about-you")
    link = page.select(".govuk-phase-banner a")[0]["href"]
    sent = resident.post(link, {"feedback": "The street list was hard to scroll"})
    assert sent.text_of("h1") == "Thank you for your feedback"
    assert sent.select("main a")[-1]["href"] == "/survey/street-impact/questions/about-you"
    stored = db.session.scalar(select(Feedback))
    assert (stored.text, stored.page) == ("The street list was hard to scroll", "/survey/street-impact/questions/about-you")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"])
def test_feedback_never_returns_to_another_site(resident, target):
    page = resident.get("/feedback", query_string={"return_to": target})
    assert page.select(".govuk-back-link")[0]["href"] == "/"


def test_empty_feedback_gets_a_gov_uk_error(resident):
    assert resident.post("/feedback", {"feedback": "   "}).error_messages == ["Enter your feedback"]


def test_health_reports_the_database(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json) == (200, {"status": "ok", "database": "ok"})


def test_health_is_503_when_the_database_is_unreachable(tmp_path):
    app = create_app({"ENV_NAME": "test",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing-dir/none/db.sqlite"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "error"
    with app.app_context():
        db.engine.dispose()


def test_unknown_pages_are_gov_uk_404s(resident):
    page = resident.get("/survey/no-such-survey/")
    assert page.status == 404 and page.text_of("h1") == "Page not found"
