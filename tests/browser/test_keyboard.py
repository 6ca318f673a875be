"""The whole journey with the keyboard only: Tab, Space, Enter, arrow keys and typing."""
import re

from playwright.sync_api import expect
from surveys.models import Response

from tests.conftest import ANSWERS


def tab_to(page, css, limit=60):
    """Press Tab until the focused element matches `css` (observing focus is not a click)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("css => document.activeElement && document.activeElement.matches(css)", css):
            return
    raise AssertionError(f"{css} never received focus after {limit} presses of Tab on {page.url}")


def choose_radio(page, name, value):
    """Tab into the group, then Space (first option) or arrow keys (which also select)."""
    values = page.locator(f"input[name='{name}']").evaluate_all("els => els.map(e => e.value)")
    tab_to(page, f"input[name='{name}']")
    steps = values.index(value)
    if steps == 0:
        page.keyboard.press("Space")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"input[name='{name}'][value='{value}']")).to_be_checked()


def submit_with_enter(page):
    tab_to(page, "button[type=submit]#submit")
    page.keyboard.press("Enter")
    page.wait_for_load_state()


def test_keyboard_only_journey(browse, live_server):
    page = browse(js=True)
    page.goto(live_server.survey())
    tab_to(page, "a.govuk-button--start")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questions/your-street")

    tab_to(page, "input#street[role=combobox]")
    page.keyboard.type("Gran")
    expect(page.get_by_role("option", name="Grange Road, Middlefield (TS1)")).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#street")).to_have_value("Grange Road, Middlefield (TS1)")
    submit_with_enter(page)

    for page_id, answers in ANSWERS.items():
        page.wait_for_url(re.compile(f"/questions/{page_id}$"))
        for name, value in answers.items():
            if page.locator(f"textarea[name='{name}']").count():
                tab_to(page, f"textarea[name='{name}']")
                page.keyboard.type(value)
            else:
                choose_radio(page, name, value)
        submit_with_enter(page)

    page.wait_for_url(re.compile(r"/check-answers$"))
    expect(page.locator(".govuk-summary-list")).to_contain_text("Grange Road, Middlefield (TS1)")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Cars circle all night and I worry about the women.")
    tab_to(page, "button[type=submit]#submit")
    expect(page.locator(":focus")).to_have_text("Send your answers")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/confirmation$"))
    expect(page.locator(".govuk-panel__title")).to_have_text("Answers sent")
    assert live_server.count(Response) == 1


def test_skip_link_is_first_and_moves_focus_to_main(browse, live_server):
    page = browse(js=True)
    page.goto(live_server.question("about-you"))
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to main content")
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()
