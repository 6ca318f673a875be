"""The street field with JavaScript: what the field shows is what is sent, and the page never
chooses a street the resident did not choose."""
import pytest
from playwright.sync_api import expect
from surveys.models import Draft

GRANGE = "Grange Road, Middlefield (TS1)"


@pytest.fixture
def street_page(browse, live_server, journey):
    page = browse(js=True)
    journey.start(page)
    return page


def _continue_expecting_error(page, live_server):
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select your street")
    assert page.url.startswith(live_server.question("your-street"))
    assert live_server.count(Draft) == 0


def test_partly_typed_name_is_not_chosen_for_the_resident(street_page, live_server):
    street_page.locator("#street").fill("Gr")  # matches two streets
    expect(street_page.get_by_role("option")).to_have_count(2)
    _continue_expecting_error(street_page, live_server)


def test_cleared_field_sends_no_street(street_page, live_server):
    combo = street_page.locator("#street")
    combo.fill("Gran")
    street_page.get_by_role("option", name=GRANGE).click()
    expect(street_page.locator("select[name=street]")).to_have_value("1")
    combo.fill("")
    street_page.locator("h1").click()
    expect(combo).to_have_value("")
    expect(street_page.locator("select[name=street]")).to_have_value("")
    _continue_expecting_error(street_page, live_server)


def test_unknown_street_replaces_an_earlier_choice(street_page, live_server):
    combo = street_page.locator("#street")
    combo.fill("Gran")
    street_page.get_by_role("option", name=GRANGE).click()
    combo.fill("Nowhere Lane")
    expect(street_page.get_by_role("option")).to_have_text(["No streets found"])
    street_page.locator("h1").click()
    expect(street_page.locator("select[name=street]")).to_have_value("")
    _continue_expecting_error(street_page, live_server)


def test_typing_the_exact_name_chooses_it(street_page, live_server, journey):
    street_page.locator("#street").fill(GRANGE)
    street_page.locator("h1").click()
    expect(street_page.locator("select[name=street]")).to_have_value("1")
    journey.continue_(street_page)
    street_page.wait_for_url("**/questions/about-you")


def test_earlier_answer_is_shown_when_changing_it(street_page, live_server, journey):
    journey.choose_street(street_page)
    street_page.goto(live_server.question("your-street") + "?change=1")
    expect(street_page.locator("#street")).to_have_value(GRANGE)


def test_district_narrows_the_suggestions_too(street_page, live_server):
    street_page.get_by_label("Narrow the list by postcode district (optional)").fill("TS1")
    street_page.get_by_role("button", name="Find streets").click()
    street_page.wait_for_url("**district=TS1**")
    street_page.locator("#street").fill("")
    street_page.locator("#street").press("ArrowDown")  # show every suggestion
    expect(street_page.get_by_role("option")).to_have_text(["Albert Terrace, Middlefield (TS1)", GRANGE])
