"""A browser-like HTTPS client: it keeps cookies, sends what a browser sends (Origin on POST,
never a Referer: Referrer-Policy is no-referrer), and connects from a loopback address of its own
(127.42.x.y), so nginx sees each client as a different address, as on the internet."""
import http.client
import itertools
import json
import socket
import ssl
from urllib.parse import urlencode, urlsplit

from tests.pages import HtmlPage

_addresses = itertools.count(2)


def next_address():
    """A loopback address of its own for each client: 127.42.x.y."""
    n = next(_addresses)
    return f"127.42.{n // 250}.{n % 250 + 2}"


class Page(HtmlPage):
    def __init__(self, status, headers, body, url):
        self.status, self.headers, self.url = status, headers, url
        self.html = body.decode("utf-8", errors="replace")

    @property
    def location(self):
        return self.headers.get("location", "")

    def json(self):
        return json.loads(self.html)


OPEN_BROWSERS = []  # closed after each test (tests/deploy/conftest.py)


def close_browsers():
    while OPEN_BROWSERS:
        OPEN_BROWSERS.pop().close()


class _Connection(http.client.HTTPSConnection):
    """To 127.0.0.1, checking the certificate for the name the browser asked for (localhost)."""

    server_name = "localhost"

    def connect(self):
        sock = socket.create_connection((self.host, self.port), self.timeout, self.source_address)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.server_name)


class Browser:
    """Keeps cookies, sends Origin on POST and never a Referer (Referrer-Policy: no-referrer),
    over one kept-alive TLS connection from its own loopback address."""

    def __init__(self, port, ca_file, address=None, host="localhost"):
        self.port, self.host, self.address = port, host, address or next_address()
        self.context = ssl.create_default_context(cafile=str(ca_file))
        self.cookies, self.connection, self.statuses = {}, None, []
        self.origin = f"https://{host}:{port}"
        OPEN_BROWSERS.append(self)

    def _connect(self):
        self.connection = _Connection("127.0.0.1", self.port, context=self.context, timeout=60,
                                      source_address=(self.address, 0))
        self.connection.server_name = self.host

    def close(self):
        if self.connection:
            self.connection.close()
            self.connection = None

    def request(self, method, path, data=None, headers=None):
        body = urlencode(data, doseq=True) if data is not None else None
        sent = {"Host": f"{self.host}:{self.port}", "Accept": "text/html", "User-Agent": "StreetVoice deploy test"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            sent["Origin"] = self.origin
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        for attempt in (1, 2):
            fresh = self.connection is None
            if fresh:
                self._connect()
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                payload = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server had closed: open another and send again,
                # as browsers do. A fresh connection failing is a real failure.
                self.close()
                if fresh or attempt == 2:
                    raise
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        headers_ = {k.lower(): v for k, v in response.getheaders()}
        for raw in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = raw.partition("=")
            value = rest.split(";", 1)[0]
            if "expires=thu, 01 jan 1970" in raw.lower() or "max-age=0" in raw.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        page = Page(response.status, headers_, payload, path)
        page.set_cookies = response.headers.get_all("Set-Cookie") or []
        self.statuses.append((method, path.split("?")[0], response.status))
        return page

    def get(self, path, follow=False, **kwargs):
        page = self.request("GET", path, **kwargs)
        while follow and page.status in (301, 302, 303) and urlsplit(page.location).netloc in ("", f"{self.host}:{self.port}"):
            page = self.request("GET", urlsplit(page.location).path + (f"?{urlsplit(page.location).query}"
                                                                      if urlsplit(page.location).query else ""))
        return page

    def post(self, path, data, form_path=None, token=None, **kwargs):
        """POST a form with the CSRF token of the page it is on (fetched first unless given)."""
        if token is None:
            token = self.get(form_path or path).csrf_token()
        return self.request("POST", path, data={**data, "csrf_token": token}, **kwargs)


ANSWERS = [
    ("about-you", {"audience": "resident"}),
    ("what-you-have-seen", {q: "weekly" for q in ("seen_kerb_crawling", "seen_soliciting", "seen_discarded",
                                                  "seen_drugs", "seen_noise_night", "seen_vehicles_circling")}),
    ("feeling-safe", {"safe_day": "fairly_safe", "safe_dark": "very_unsafe"}),
    ("effect", {"impact": "Cars circle all night."}),
    ("improvements", {"improve": "Better street lighting."}),
    ("age", {"age_band": "35-49"}),
]
SURVEY = "/survey/street-impact/"


def answer_every_page(browser, street_id, impact):
    """From the start page to check your answers, as a resident would; returns that page."""
    start = browser.get(SURVEY)
    assert start.status == 200, start.status
    page = browser.post(SURVEY + "questions/your-street", {"street": str(street_id)})
    assert page.status == 302, (page.status, page.error_messages)
    for page_id, data in ANSWERS:
        if page_id == "effect":
            data = {"impact": impact}
        page = browser.post(SURVEY + "questions/" + page_id, data)
        assert page.status == 302, (page_id, page.status, page.error_messages)
    return browser.get(SURVEY + "check-answers")
