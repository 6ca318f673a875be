"""Leaving quickly: Escape, or Shift three times (GOV.UK Exit this page), ends at the neutral
exit site and deletes the unfinished answers; Escape in an open suggestion list only closes it."""
import pytest
from playwright.sync_api import expect
from surveys.models import Draft, Response


def _part_way(page, journey):
    """Answer the street and 'about you' pages, then stop on a question page."""
    journey.start(page)
    journey.choose_street(page)
    journey.answer(page, "about-you")
    page.wait_for_url("**/questions/what-you-have-seen")
    page.locator("input[name='seen_kerb_crawling'][value='daily']").check()


def _left(page, live_server, old_cookies):
    page.wait_for_url(live_server.exit_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Weather")
    assert live_server.count(Draft) == 0, "unfinished answers must be deleted on exit"
    assert live_server.count(Response) == 0
    # Back on the site, nothing is remembered: check answers sends the resident to the first question.
    page.goto(live_server.survey("check-answers"))
    assert page.url == live_server.question("your-street")
    expect(page.locator("select[name=street]")).to_have_value("")
    # Even someone who restored the old session cookie finds no answers.
    page.context.clear_cookies()
    page.context.add_cookies(old_cookies)
    page.goto(live_server.survey("check-answers"))
    assert page.url == live_server.question("your-street")


@pytest.mark.parametrize("how", ["escape", "shift three times", "exit button"])
def test_leaving_deletes_unfinished_answers(browse, live_server, journey, how):
    page = browse(js=True)
    _part_way(page, journey)
    assert live_server.count(Draft) == 1
    old_cookies = page.context.cookies()
    assert any(c["name"] == "streetvoice_session" for c in old_cookies)
    if how == "escape":
        page.keyboard.press("Escape")
    elif how == "shift three times":
        for _ in range(3):
            page.keyboard.press("Shift")
    else:
        page.get_by_role("button", name="Exit this page").click()
    _left(page, live_server, old_cookies)


def test_exit_without_javascript_is_a_link(browse, live_server, journey):
    page = browse(js=False)
    _part_way(page, journey)
    old_cookies = page.context.cookies()
    page.get_by_role("button", name="Exit this page").click()
    _left(page, live_server, old_cookies)


def test_escape_closes_street_suggestions_first(browse, live_server, journey):
    page = browse(js=True)
    journey.start(page)
    combo = page.get_by_role("combobox", name="Your street")
    combo.fill("Gran")
    menu = page.locator("#street__listbox")
    expect(menu).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    page.wait_for_timeout(300)  # a navigation would have started by now
    assert page.url == live_server.question("your-street")
    expect(combo).to_be_focused()
    # With the list closed, Escape leaves as everywhere else.
    page.keyboard.press("Escape")
    page.wait_for_url(live_server.exit_url)
