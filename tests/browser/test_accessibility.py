"""axe-core (WCAG 2.2 A and AA rules, plus best practice) on every page a resident can see,
with JavaScript on and off, including pages showing validation errors."""
import pytest

from tests.conftest import ANSWERS


def _question(page_id, post=None):
    def go(page, live, journey):
        page.goto(live.question(page_id))
        if post:
            post(page, journey)
            journey.continue_(page)
            assert page.locator(".govuk-error-summary").count() == 1, "expected validation errors"
    return go


def _too_long(page, journey):
    page.locator("textarea[name=impact]").fill("x" * 2001)


def _unknown_district(page, live, journey):
    page.goto(live.question("your-street") + "?district=TS9")
    assert page.locator(".govuk-error-summary").count() == 1


def _suggestions_open(page, live, journey):
    page.goto(live.question("your-street"))
    page.locator("#street").fill("Gr")
    page.locator("#street__listbox li").first.wait_for()


def _check_answers(page, live, journey):
    journey.to_check_answers(page)


def _confirmation(page, live, journey):
    journey.to_check_answers(page)
    journey.send(page)


def _get(path):
    return lambda page, live, journey: page.goto(live(path))


def _feedback_error(page, live, journey):
    page.goto(live("/feedback?return_to=/cookies"))
    page.get_by_role("button", name="Send feedback").click()
    page.locator(".govuk-error-summary").wait_for()


def _feedback_sent(page, live, journey):
    page.goto(live("/feedback?return_to=/cookies"))
    page.locator("textarea[name=feedback]").fill("Clear and quick.")
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_load_state()


PAGES = {
    "start": _get("/survey/street-impact/"),
    "your-street": _question("your-street"),
    "your-street with error": _question("your-street", post=lambda page, journey: None),
    "your-street, unknown district": _unknown_district,
    **{page_id: _question(page_id) for page_id in ANSWERS},
    "about-you with error": _question("about-you", post=lambda page, journey: None),
    "what-you-have-seen with errors": _question("what-you-have-seen", post=lambda page, journey: None),
    "feeling-safe with errors": _question("feeling-safe", post=lambda page, journey: None),
    "effect, answer too long": _question("effect", post=_too_long),
    "improvements, answer too long":
        _question("improvements", post=lambda page, journey: page.locator("textarea[name=improve]").fill("y" * 2001)),
    "check answers": _check_answers,
    "confirmation": _confirmation,
    "cookies": _get("/cookies"),
    "privacy": _get("/privacy"),
    "accessibility": _get("/accessibility"),
    "safety-online": _get("/safety-online"),
    "feedback": _get("/feedback?return_to=/cookies"),
    "feedback with error": _feedback_error,
    "feedback sent": _feedback_sent,
    "page not found": _get("/survey/street-impact/questions/no-such-page"),
}
JS_ONLY = {"street suggestions open": _suggestions_open}


@pytest.mark.parametrize(("js", "name"), [(js, name) for js in (True, False) for name in PAGES]
                         + [(True, name) for name in JS_ONLY],
                         ids=lambda value: ("js-on" if value else "js-off") if isinstance(value, bool) else value)
def test_no_axe_violations(browse, audit, describe, live_server, journey, js, name):
    page = browse(js=js)
    {**PAGES, **JS_ONLY}[name](page, live_server, journey)
    violations = audit(page)
    assert not violations, f"{len(violations)} axe violation(s) on {name} ({page.url}):\n{describe(violations)}"
