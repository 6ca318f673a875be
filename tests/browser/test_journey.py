"""The whole resident journey in headless Chromium, with JavaScript on and off."""
import re

from playwright.sync_api import expect
from surveys.models import Answer, Draft, Response

GRANGE = "Grange Road, Middlefield (TS1)"
CLEVELAND = "Cleveland Street, Gresham (TS3)"
SHOWN = [GRANGE, "I live on this street", "About once a week", "Fairly safe", "Very unsafe",
         "Cars circle all night and I worry about the women.", "Better street lighting in the back lane.",
         "35 to 49"]


def _check_answers_show(page, street):
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending them")
    summary = page.locator(".govuk-summary-list")
    for text in [street] + SHOWN[1:]:
        expect(summary).to_contain_text(text)
    expect(summary.locator(".govuk-summary-list__row", has_text="Kerb crawling")).to_contain_text("About once a week")


def _confirmed(page, live_server):
    expect(page.locator(".govuk-panel__title")).to_have_text("Answers sent")
    assert live_server.count(Response) == 1
    assert live_server.count(Answer) > 0
    assert live_server.count(Draft) == 0, "the draft must go once the answers are sent"


def test_journey_with_javascript(browse, live_server, journey):
    page = browse(js=True)
    page.goto(live_server.survey())
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us how your street is affected")
    page.get_by_role("button", name="Start now").click()

    # The <select> is replaced by a combobox: type part of the name, pick a suggestion.
    combo = page.get_by_role("combobox", name="Your street")
    expect(combo).to_be_visible()
    expect(page.locator("select[name=street]")).to_be_hidden()
    combo.fill("Gran")
    options = page.get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text(GRANGE)
    options.first.click()
    expect(combo).to_have_value(GRANGE)
    journey.continue_(page)

    for page_id in ("about-you", "what-you-have-seen", "feeling-safe", "effect", "improvements", "age"):
        journey.answer(page, page_id)
    page.wait_for_url(re.compile(r"/check-answers(#.*)?$"))
    _check_answers_show(page, GRANGE)
    assert live_server.count(Response) == 0, "nothing is sent before the resident says so"

    journey.send(page)
    _confirmed(page, live_server)


def test_journey_without_javascript(browse, live_server, journey):
    page = browse(js=False)
    page.goto(live_server.survey())
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url("**/questions/your-street")

    # No JavaScript: the plain <select>, every street listed, no combobox.
    select = page.locator("select[name=street]")
    expect(select).to_be_visible()
    expect(page.get_by_role("combobox")).to_have_count(1)  # a <select> is a combobox too
    expect(page.locator(".autocomplete__input")).to_have_count(0)
    expect(select.locator("option:not([value=''])")).to_have_count(4)

    # Narrow by postcode district: only TS3 streets remain.
    page.get_by_label("Narrow the list by postcode district (optional)").fill("ts3")
    page.get_by_role("button", name="Find streets").click()
    page.wait_for_url(re.compile(r"district=ts3", re.I))
    expect(page.locator("main")).to_contain_text("Showing streets in TS3.")
    expect(select.locator("option:not([value=''])")).to_have_text([CLEVELAND])

    # An unknown district says so and falls back to the full list.
    page.get_by_label("Narrow the list by postcode district (optional)").fill("TS9")
    page.get_by_role("button", name="Find streets").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("No streets found in TS9")
    expect(select.locator("option:not([value=''])")).to_have_count(4)
    page.get_by_role("link", name=re.compile("No streets found in TS9")).click()
    expect(page.locator("#district")).to_be_focused()

    page.get_by_label("Narrow the list by postcode district (optional)").fill("TS3")
    page.get_by_role("button", name="Find streets").click()
    page.wait_for_url(re.compile(r"district=TS3"))
    select.select_option(label=CLEVELAND)
    journey.continue_(page)

    for page_id in ("about-you", "what-you-have-seen", "feeling-safe", "effect", "improvements", "age"):
        journey.answer(page, page_id)
    page.wait_for_url(re.compile(r"/check-answers(#.*)?$"))
    _check_answers_show(page, CLEVELAND)
    journey.send(page)
    _confirmed(page, live_server)


def test_errors_without_javascript_link_to_their_fields(browse, live_server):
    page = browse(js=False)
    page.goto(live_server.question("feeling-safe"))
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select how safe you feel during the day")
    expect(summary).to_contain_text("Select how safe you feel after dark")
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-message")).to_have_count(2)
