"""Insights in a real browser: charts drawn with no CSP violation, presentation mode by keyboard
and offline, the meeting pack opened from disk with the network blocked, and axe-core."""
import re

import pytest
from sqlalchemy import delete, select

from portal.extensions import db
from portal.tagging import analyse_pending
from surveys.demo import load_demo
from surveys.models import Area, Round, Street
from tests.browser.conftest import describe_violations, empty_answers
from tests.conftest import PASSWORD, make_officer

_accounts = iter(range(1, 10_000))


@pytest.fixture
def demo(live_server):
    """The demo's responses over its 40 streets; afterwards the session's four streets again,
    so the resident journeys' street lists are as their tests expect."""
    with live_server.app.app_context():
        streets, areas = set(db.session.scalars(select(Street.id))), set(db.session.scalars(select(Area.id)))
        load_demo(responses=160)
        analyse_pending()
        db.session.remove()
    yield
    empty_answers(live_server.app)
    with live_server.app.app_context():
        db.session.execute(delete(Street).where(Street.id.not_in(streets)))
        db.session.execute(delete(Area).where(Area.id.not_in(areas)))
        db.session.commit()
        db.session.remove()


def signed_in(browse, live_server, role="officer", js=True):
    with live_server.app.app_context():
        officer = make_officer(role, email=f"insights.{role}.{next(_accounts)}@example.police.uk")
        email, live_server.last_officer_id = officer.email, officer.id
        db.session.remove()
    page = browse(js=js)
    page.goto(live_server("/officer/sign-in"))
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/officer/$"))
    return page


def drawn(page):
    """Charts plotly.js has drawn (each makes an SVG with class main-svg)."""
    return page.locator("[data-chart] svg.main-svg").count()


def test_the_dashboard_draws_every_chart_without_breaking_its_csp(browse, live_server, demo):
    page = signed_in(browse, live_server)
    page.goto(live_server("/officer/insights"))
    holders = page.locator("[data-chart]").count()
    page.wait_for_function(f"document.querySelectorAll('[data-chart] svg.main-svg').length >= {holders}")
    assert holders >= 6 and drawn(page) >= holders
    assert page.problems() == {"console errors": [], "script errors": [], "CSP violations": [],
                               "requests leaving the site": []}
    csp = page.evaluate("fetch(location.href).then(r => r.headers.get('content-security-policy'))")
    assert "unsafe-inline" not in csp


def test_presentation_mode_moves_by_keyboard_and_keeps_working_offline(browse, live_server, demo):
    page = signed_in(browse, live_server)
    page.goto(live_server("/officer/insights/present"))
    slides = page.locator(".sv-slide")
    total = slides.count()
    assert page.locator("#counter").inner_text() == f"Slide 1 of {total}"
    page.context.set_offline(True)  # the projector's laptop loses the network
    page.keyboard.press("ArrowRight")
    assert page.locator("#counter").inner_text() == f"Slide 2 of {total}"
    visible = [i for i in range(total) if slides.nth(i).is_visible()]
    assert visible == [1]  # one slide on screen, the second
    page.locator(".sv-slide:not([hidden]) svg.main-svg").first.wait_for()
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    page.keyboard.press("PageUp")
    page.keyboard.press("Space")
    assert page.locator("#counter").inner_text() == f"Slide 3 of {total}"
    page.locator(".sv-slide:not([hidden]) svg.main-svg").first.wait_for()
    page.keyboard.press("n")
    assert page.locator("#notes").is_visible() and page.locator("#notes td").count() > 0
    page.keyboard.press("End")
    assert page.locator("#counter").inner_text() == f"Slide {total} of {total}"
    page.keyboard.press("Home")
    assert page.locator("#counter").inner_text() == f"Slide 1 of {total}"
    page.context.set_offline(False)
    assert page.problems()["CSP violations"] == [] and page.problems()["script errors"] == []


def test_the_meeting_pack_opens_from_disk_with_no_network_and_draws_every_chart(browse, live_server, demo,
                                                                                tmp_path):
    page = signed_in(browse, live_server)
    page.goto(live_server("/officer/insights"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the meeting pack (HTML)").click()
    path = tmp_path / "pack.html"
    download.value.save_as(path)
    # A new browser context, as on a laptop at a meeting: the file itself opens, every other
    # request is refused and recorded.
    context = page.context.browser.new_context()
    requests = []

    def offline(route):
        if route.request.url == path.as_uri():
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()
    context.route("**/*", offline)
    pack = context.new_page()
    pack.goto(path.as_uri())
    holders = pack.locator("[data-chart]").count()
    pack.wait_for_function(f"document.querySelectorAll('[data-chart] svg.main-svg').length >= {holders}")
    assert holders >= 6
    assert requests == []
    assert pack.locator("h1").inner_text().endswith("what residents told us")
    context.close()


@pytest.mark.parametrize("path", ["/officer/insights", "/officer/insights/present", "/results"])
def test_no_axe_violations_on_insights_pages(browse, audit, live_server, demo, path):
    page = signed_in(browse, live_server, role="analyst")
    if path == "/results":
        from portal.auth.models import Officer
        from portal.insights.publishing import publish_rounds

        with live_server.app.app_context():
            analyst = db.session.get(Officer, live_server.last_officer_id)
            publish_rounds(analyst, [r.id for r in db.session.scalars(select(Round))])
            db.session.remove()
    page.goto(live_server(path))
    if path.endswith("/present"):  # the title slide, then a chart's slide
        violations = audit(page)
        page.keyboard.press("ArrowRight")
    page.locator("[data-chart] svg.main-svg").first.wait_for()
    violations = (violations if path.endswith("/present") else []) + audit(page)
    assert not violations, describe_violations(violations)
