"""With JavaScript on, no page logs an error, throws, breaks the Content-Security-Policy or
asks anything of another site; GOV.UK Frontend and the street autocomplete really run."""
import re

from playwright.sync_api import expect

PAGES = ["/survey/street-impact/", "/cookies", "/privacy", "/accessibility", "/safety-online",
         "/feedback?return_to=/cookies", "/survey/street-impact/questions/no-such-page"]


def _clean(page, where, status=200):
    problems = page.problems()
    if status == 404:  # Chromium logs the page's own 404 status as a console error: expected here
        problems["console errors"] = [e for e in problems["console errors"]
                                      if not (e.startswith("Failed to load resource") and e.endswith(f"({page.url})"))]
    assert not any(problems.values()), f"on {where}: {problems}"
    for seen in (page.context.console_errors, page.context.page_errors, page.context.outside_requests):
        seen.clear()  # the next check is about what happens after this one


def test_no_console_errors_or_csp_violations(browse, live_server, journey):
    page = browse(js=True)
    for path in PAGES:
        response = page.goto(live_server(path))
        csp = response.headers["content-security-policy"]
        assert "'unsafe-inline'" not in csp and re.search(r"script-src 'self' 'nonce-[\w-]+'", csp), csp
        # GOV.UK Frontend ran: the inline nonce'd script marked the body, initAll() set up components.
        expect(page.locator("body.js-enabled.govuk-frontend-supported")).to_have_count(1)
        expect(page.locator(".govuk-exit-this-page[data-govuk-exit-this-page-init]")).to_have_count(1)
        _clean(page, path, response.status)

    journey.start(page)
    expect(page.get_by_role("combobox", name="Your street")).to_be_visible()  # autocomplete ran
    page.locator("#street").fill("Gr")  # names and areas both match
    expect(page.get_by_role("option")).to_have_text(["Cleveland Street, Gresham (TS3)", "Grange Road, Middlefield (TS1)"])
    _clean(page, "the street page with suggestions open")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()  # GOV.UK error summary script
    _clean(page, "the street page with an error")
    page.goto(live_server.question("your-street"))
    journey.choose_street(page)
    for page_id in ("about-you", "what-you-have-seen", "feeling-safe", "effect", "improvements", "age"):
        journey.answer(page, page_id)
        _clean(page, page_id)
    expect(page.locator(".govuk-character-count__status").first).to_have_count(0)  # past the textareas
    journey.send(page)
    _clean(page, "the confirmation page")


def test_character_count_runs(browse, live_server):
    page = browse(js=True)
    page.goto(live_server.question("effect"))
    page.locator("textarea[name=impact]").fill("Too many cars")
    expect(page.locator(".govuk-character-count__status")).to_have_text("You have 1,987 characters remaining")
    _clean(page, "the effect page")


def test_screenshots(browse, live_server, journey):
    """For a person to look at: the start page, a page with errors, the street suggestions."""
    page = browse(js=True, viewport={"width": 1024, "height": 900})
    page.goto(live_server.survey())
    page.screenshot(path="/tmp/sv-start.png", full_page=True)
    page.goto(live_server.question("feeling-safe"))
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.screenshot(path="/tmp/sv-errors.png", full_page=True)
    page.goto(live_server.question("your-street"))
    page.locator("#street").fill("r")
    expect(page.get_by_role("option").first).to_be_visible()
    page.screenshot(path="/tmp/sv-autocomplete.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.question("your-street"))
    page.screenshot(path="/tmp/sv-mobile-street.png", full_page=True)
    _clean(page, "the screenshot pages")


def test_the_checks_above_would_see_a_problem(browse, live_server):
    """The harness itself: CSP breaches (image and inline style) and a script error are caught."""
    page = browse(js=True)
    page.goto(live_server("/cookies"))
    page.evaluate("""() => {
        document.body.insertAdjacentHTML("beforeend", '<img alt="" src="https://example.org/x.png"><p style="color: red">x</p>');
        setTimeout(() => { throw new Error("boom"); });
    }""")
    page.wait_for_timeout(300)
    problems = page.problems()
    assert any("img-src blocked https://example.org/x.png" in v for v in problems["CSP violations"]), problems
    assert any(v.startswith("style-src-attr blocked inline") for v in problems["CSP violations"]), problems
    assert any("boom" in e for e in problems["script errors"]), problems
