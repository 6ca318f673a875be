"""Browser tests: headless Debian Chromium driven by Playwright against a live server.

Playwright cannot download its own browser here, so Debian's /usr/bin/chromium is launched
through `executable_path`. Without it the tests skip locally, but fail in CI (CI=true): the
browser tests must run there, never skip.

One live server serves the whole session on 127.0.0.1 (loopback only). Every test starts from a
fresh browser context (no cookies) and the answers tables are emptied after each test. No real
network is reachable: a route refuses (and records) every request that is not to loopback, and
EXIT_URL points at a second tiny loopback server with a neutral page, so a test can see the
browser arrive there.
"""
import io
import logging
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_migrate import upgrade
from sqlalchemy import func, select
from werkzeug.serving import make_server

from portal import create_app
from portal.extensions import db, limiter
from surveys import services
from surveys.streets import import_streets
from tests.conftest import ANSWERS, IN_CI, STREETS_CSV, open_definition

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
EXIT_PAGE = b"<!DOCTYPE html><html lang='en'><head><title>Weather</title></head><body><h1>Weather</h1></body></html>"
SLUG = "street-impact"
# Set up once per session; every other table (answers, drafts, feedback, analysis) is emptied
# after each test.
KEPT_TABLES = {"area", "street", "survey", "survey_version", "round", "officer", "alembic_version",
               "audit_event", "codebook_version", "officer_area", "recovery_code"}
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder `browser`, so `-m "not browser"` leaves them out."""
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing: browser tests must run in CI (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium); browser tests skipped locally")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative page.goto("/...") works against the live server. Overriding this also keeps
    pytest-playwright's fallback `base_url` (a fixture defined as a plugin instance method,
    which pytest 9 reports as PytestRemovedIn10Warning, an error under filterwarnings=error)
    from being used at all."""
    return live_server.url


class LiveServer:
    def __init__(self, app, url, exit_url):
        self.app, self.url, self.exit_url = app, url, exit_url

    def __call__(self, path=""):
        return self.url + path

    def survey(self, path=""):
        return f"{self.url}/survey/{SLUG}/{path}"

    def question(self, page_id):
        return self.survey(f"questions/{page_id}")

    def count(self, model):
        with self.app.app_context():
            return db.session.scalar(select(func.count()).select_from(model))


def _neutral_site(environ, start_response):
    """Stands in for the real exit site (no network here): any path, a page titled Weather."""
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [EXIT_PAGE]


def _closing(app):
    """Close every response body, even when the browser hangs up mid-download.

    Leaving the site (Escape) drops connections while fonts are still being sent; werkzeug's
    development server then fails in its own clean-up before closing the body, and the open
    asset file surfaces later as a ResourceWarning (an error under filterwarnings=error). The
    generator's `finally` runs when the abandoned iteration is collected."""
    def wsgi(environ, start_response):
        body = app(environ, start_response)

        def iterate():
            try:
                yield from body
            finally:
                if hasattr(body, "close"):
                    body.close()
        return iterate()
    return wsgi


def _serve(app):
    server = make_server("127.0.0.1", 0, _closing(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    return server, thread


def _stop(server, thread):
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    # A redirect's target is not seen by page.route() (Playwright only routes the first URL of
    # a redirect chain), so /exit really redirects to a second loopback server.
    neutral = _serve(_neutral_site)
    exit_url = f"http://127.0.0.1:{neutral[0].server_port}/weather"
    tmp = tmp_path_factory.mktemp("browser")
    app = create_app({
        "ENV_NAME": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/browser.db",
        "EXIT_URL": exit_url,
        "RATELIMIT_STORAGE_URI": "memory://",
    })
    with app.app_context():
        upgrade()
        import_streets(io.StringIO(STREETS_CSV))
        services.store_definition(open_definition())
        db.session.remove()
    # One log line per request and asset drowns a failure report; warnings still show.
    werkzeug_logger = logging.getLogger("werkzeug")
    level = werkzeug_logger.level
    werkzeug_logger.setLevel(logging.WARNING)
    server, thread = _serve(app)
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}", exit_url)
    finally:
        _stop(server, thread)
        _stop(*neutral)
        werkzeug_logger.setLevel(level)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def empty_answers(app):
    """Delete every row of the tables not in KEPT_TABLES (answers, drafts, feedback, analysis)."""
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in KEPT_TABLES:
                db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()


@pytest.fixture(autouse=True)
def _clean_state(live_server):
    """Each test starts with no answers, drafts or feedback, and fresh rate limits."""
    yield
    empty_answers(live_server.app)
    with live_server.app.app_context():
        limiter.reset()


_CSP_LISTENER = """
window.__svCsp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__svCsp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
});
"""
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                     "best-practice"]},
               "resultTypes": ["violations"]}


def _outside_route(context):
    def outside(route):
        context.outside_requests.append(route.request.url)
        route.abort()
    return outside


@pytest.fixture
def browse(new_context, live_server):
    """browse(js=True) -> a new page in a fresh context (no cookies) that can only reach the
    live servers. The page records console errors, script errors and refused requests in
    page.problems(), and CSP violations (a listener added before any page script runs)."""

    def _browse(js=True, **context_args):
        context = new_context(java_script_enabled=js, **context_args)
        context.set_default_timeout(10_000)  # generous: CI has 2 cores
        context.console_errors, context.page_errors, context.outside_requests = [], [], []
        if js:
            context.add_init_script(_CSP_LISTENER)
        context.route(re.compile(r"^(?!http://127\.0\.0\.1:\d+/)"), _outside_route(context))
        context.on("console", lambda msg: context.console_errors.append(f"{msg.text} ({msg.location.get('url')})")
                   if msg.type == "error" else None)
        context.on("weberror", lambda error: context.page_errors.append(str(error.error)))
        page = context.new_page()
        page.js = js

        def problems():
            csp = page.evaluate("window.__svCsp || []") if js and page.url.startswith(live_server.url) else []
            return {"console errors": context.console_errors, "script errors": context.page_errors,
                    "CSP violations": csp, "requests leaving the site": context.outside_requests}
        page.problems = problems
        return page
    return _browse


@pytest.fixture
def audit(new_context, live_server):
    """audit(page) -> axe-core violations (WCAG 2.2 A and AA, plus best practice) on the page as
    the resident sees it now.

    axe.run() waits on timers, which never fire where JavaScript is off, so a JavaScript-off
    page is audited as a copy: its DOM (as Chromium built it without scripts), scripts removed,
    in a script-enabled page with the same stylesheets (a <base> on the live server)."""
    holder = {}

    def _audit(page):
        if page.js:
            return Axe().run(page, options=AXE_OPTIONS).response["violations"]
        if "page" not in holder:
            context = new_context(java_script_enabled=True)
            context.route(re.compile(r"^(?!http://127\.0\.0\.1:\d+/)"), lambda route: route.abort())
            holder["page"] = context.new_page()
        copy = holder["page"]
        html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S | re.I)
        html = html.replace("<head>", f'<head><base href="{page.url}">', 1)
        copy.set_content(html, wait_until="load")
        return Axe().run(copy, options=AXE_OPTIONS).response["violations"]
    return _audit


def describe_violations(violations):
    """Readable: rule id, impact, help, and each offending element with axe's explanation."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)] {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {' '.join(node['html'].split())[:160]}")
            for check in node.get("any", []) + node.get("all", []) + node.get("none", []):
                lines.append(f"       - {check['message']}")
    return "\n".join(lines)


@pytest.fixture
def describe():
    return describe_violations


class Journey:
    """The resident journey through a real browser, with clicks (see test_keyboard for keys)."""

    def __init__(self, live_server):
        self.live = live_server

    def start(self, page):
        page.goto(self.live.survey())
        page.get_by_role("button", name="Start now").click()
        page.wait_for_url("**/questions/your-street")

    def choose_street(self, page, typed="Gran", street="Grange Road, Middlefield (TS1)"):
        if page.js:
            page.locator("#street").fill(typed)
            page.get_by_role("option", name=street).click()
        else:
            page.locator("select[name=street]").select_option(label=street)
        self.continue_(page)

    def continue_(self, page):
        page.get_by_role("button", name=re.compile("^(Continue|Save and return to check your answers)$")).click()
        page.wait_for_load_state()

    def answer(self, page, page_id, overrides=None):
        assert urlsplit(page.url).path.endswith(f"/questions/{page_id}"), page.url
        for name, value in {**ANSWERS[page_id], **(overrides or {})}.items():
            field = page.locator(f"[name='{name}']").first
            if field.evaluate("e => e.tagName") == "TEXTAREA":
                field.fill(value)
            else:
                page.locator(f"input[name='{name}'][value='{value}']").check()
        self.continue_(page)

    def to_check_answers(self, page, street="Grange Road, Middlefield (TS1)"):
        self.start(page)
        self.choose_street(page, street=street)
        for page_id in ANSWERS:
            self.answer(page, page_id)
        page.wait_for_url(re.compile(r"/check-answers(#.*)?$"))

    def send(self, page):
        page.get_by_role("button", name="Send your answers").click()
        page.wait_for_url(re.compile(r"/confirmation(#.*)?$"))


@pytest.fixture
def journey(live_server):
    return Journey(live_server)
