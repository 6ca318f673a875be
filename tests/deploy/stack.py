"""The pieces of a production deployment on loopback, started and stopped by the tests:
Redis, a TCP forwarder in front of PostgreSQL that a test can cut, `streetvoice serve`
(gunicorn) and nginx terminating TLS with a certificate made here, configured from the
README's sample; and a browser-like HTTPS client that sends what a browser sends (Origin on
POST, never a Referer) from an address of its own (127.x.y.z)."""
import datetime
import http.client
import itertools
import json
import os
import re
import selectors
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
STREETVOICE = Path(sys.executable).with_name("streetvoice")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{what} not ready after {timeout} s")


def find_tool(name):
    return shutil.which(name) or next((p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if os.path.exists(p)), None)


def stop_process(process, sig=signal.SIGTERM, timeout=20):
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


# -- Redis ---------------------------------------------------------------------------------

class Redis:
    """redis-server on a free loopback port, without persistence (as the README says to run it)."""

    def __init__(self, directory):
        self.port, self.directory, self.process = free_port(), directory, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [find_tool("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory), "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_for(lambda: self.client().ping(), 20, "redis-server")

    def stop(self):
        stop_process(self.process)
        self.process = None

    def client(self):
        import redis
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def keys(self):
        client = self.client()
        try:
            return [key.decode() for key in client.keys("*")]
        finally:
            client.close()


# -- A TCP forwarder between the app and PostgreSQL ---------------------------------------

class Forwarder:
    """Listens on a loopback port and relays each connection to (host, port). `cut()` closes
    every relayed connection and resets new ones (a database that stopped or restarted);
    `black_hole()` closes them too but leaves new ones unanswered (a host that went silent);
    `restore()` relays again. One thread, one selector."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.setblocking(False)
        self.port = self.listener.getsockname()[1]
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, selectors.EVENT_READ, None)
        self.pairs, self.held = {}, []
        self.open, self.silent = True, False
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self._loop, name="pg-forwarder", daemon=True)
        self.thread.start()

    def _loop(self):
        while self.running:
            for key, _mask in self.selector.select(timeout=0.2):
                with self.lock:
                    if key.data is None:
                        self._accept()
                    else:
                        self._relay(key.fileobj)

    def _accept(self):
        try:
            client, _address = self.listener.accept()
        except BlockingIOError:
            return
        if self.silent:
            self.held.append(client)  # accepted by the kernel, never answered
            return
        if not self.open:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            client.close()  # a reset, as from a port nothing listens on
            return
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        for sock in (client, upstream):
            sock.setblocking(False)
        self.pairs[client], self.pairs[upstream] = upstream, client
        self.selector.register(client, selectors.EVENT_READ, "relay")
        self.selector.register(upstream, selectors.EVENT_READ, "relay")

    def _relay(self, sock):
        other = self.pairs.get(sock)
        if other is None:
            return
        try:
            data = sock.recv(65536)
            if data:
                other.setblocking(True)
                other.sendall(data)
                other.setblocking(False)
                return
        except OSError:
            pass
        self._close(sock)

    def _close(self, sock):
        other = self.pairs.pop(sock, None)
        for s in (sock, other):
            if s is None:
                continue
            self.pairs.pop(s, None)
            try:
                self.selector.unregister(s)
            except (KeyError, ValueError):
                pass
            s.close()

    def cut(self):
        with self.lock:
            self.open = False
            for sock in list(self.pairs):
                self._close(sock)

    def black_hole(self):
        self.cut()
        with self.lock:
            self.silent = True

    def restore(self):
        with self.lock:
            self.open, self.silent = True, False
            while self.held:
                self.held.pop().close()

    @property
    def connections(self):
        return len(self.pairs) // 2

    def stop(self):
        self.running = False
        self.thread.join(5)
        self.cut()
        self.listener.close()


# -- TLS certificate ------------------------------------------------------------------------

def make_certificate(directory):
    """A certificate authority and a certificate for localhost signed by it; returns
    (ca file, certificate file, key file)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)

    def name(common):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("StreetVoice test CA")).issuer_name(name("StreetVoice test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    import ipaddress
    leaf = (x509.CertificateBuilder().subject_name(name("localhost")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = directory / "ca.pem", directory / "localhost.pem", directory / "localhost.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    paths[2].chmod(0o600)
    return paths


# -- nginx, from the README's sample --------------------------------------------------------

SAMPLE_TOKENS = ("survey.example.police.uk", "listen 443 ssl http2;", "listen 80;", "127.0.0.1:8000",
                 "/etc/letsencrypt/live/survey.example.police.uk/fullchain.pem",
                 "/etc/letsencrypt/live/survey.example.police.uk/privkey.pem",
                 "/var/log/nginx/streetvoice-error.log")


def readme_nginx_sample():
    """The README's nginx configuration (its first ```nginx block), as published."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```nginx\n(.*?)```", readme, re.S)
    assert block, "the README's deployment section must have an nginx sample"
    return block.group(1)


def nginx_config(directory, app_port, https_port, http_port, certificate, key):
    sample = readme_nginx_sample()
    for token in SAMPLE_TOKENS:
        assert token in sample, f"the README's nginx sample no longer has {token!r}: update tests/deploy/stack.py"
    site = (sample.replace("/etc/letsencrypt/live/survey.example.police.uk/fullchain.pem", str(certificate))
            .replace("/etc/letsencrypt/live/survey.example.police.uk/privkey.pem", str(key))
            .replace("survey.example.police.uk", "localhost")
            .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
            .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
            .replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
            .replace("/var/log/nginx/streetvoice-error.log", str(directory / "nginx-error.log")))
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    (directory / "streetvoice.conf").write_text(site, encoding="utf-8")
    temp = {name: directory / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must reach the test's private directory
    main = (f"{user}worker_processes 1;\npid {directory}/nginx.pid;\nerror_log {directory}/nginx-error.log crit;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            + "".join(f"  {kind}_temp_path {path};\n" for kind, path in
                      (("client_body", temp["body"]), ("proxy", temp["proxy"]), ("fastcgi", temp["fastcgi"]),
                       ("uwsgi", temp["uwsgi"]), ("scgi", temp["scgi"])))
            + f"  include {directory}/streetvoice.conf;\n}}\n")
    path = directory / "nginx.conf"
    path.write_text(main, encoding="utf-8")
    return path


class Nginx:
    def __init__(self, directory, app_port, certificate, key):
        self.directory = directory
        self.https_port, self.http_port = free_port(), free_port()
        self.config = nginx_config(directory, app_port, self.https_port, self.http_port, certificate, key)
        self.process = None

    def start(self):
        binary = find_tool("nginx")
        check = subprocess.run([binary, "-t", "-q", "-c", str(self.config), "-p", str(self.directory)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        with open(self.directory / "nginx-stderr.log", "ab") as stderr:
            self.process = subprocess.Popen([binary, "-c", str(self.config), "-p", str(self.directory),
                                             "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=stderr,
                                            start_new_session=True)
        wait_for(lambda: socket.create_connection(("127.0.0.1", self.https_port), timeout=1).close() or True,
                 20, "nginx")

    def stop(self):
        stop_process(self.process, signal.SIGQUIT)

    def log_lines(self):
        lines = []
        for name in ("nginx-error.log", "nginx-stderr.log"):
            path = self.directory / name
            if path.exists():
                lines += path.read_text(errors="replace").splitlines()
        return lines


# -- streetvoice serve ---------------------------------------------------------------------

class Server:
    """`streetvoice serve` in the production profile, with the loopback switch for the
    completion time only (SESSION_COOKIE_SECURE stays on: this is HTTPS)."""

    def __init__(self, directory, database_url, redis_url, workers=2, **settings):
        self.directory, self.port, self.workers = directory, free_port(), workers
        self.log = directory / f"serve-{self.port}.log"
        self.env = {**os.environ, "STREETVOICE_ENV": "production", "SECRET_KEY": "s" * 32 + os.urandom(16).hex(),
                    "DATABASE_URL": database_url, "REDIS_URL": redis_url, "STREETVOICE_PROXIES": "1",
                    "TRUSTED_HOSTS": "localhost", "MIN_COMPLETION_SECONDS": "0",
                    **{k: str(v) for k, v in settings.items()}}
        for name in ("STREETVOICE_TEST_DATABASE", "SESSION_COOKIE_SECURE", "RATELIMIT_ENABLED", "RATELIMIT_STORAGE_URI",
                     "FLASK_DEBUG"):
            if name not in settings:
                self.env.pop(name, None)
        self.process = None

    def cli(self, *args, stdin=None, timeout=300):
        return subprocess.run([str(STREETVOICE), *args], capture_output=True, text=True, env=self.env,
                              input=stdin, cwd=self.directory, timeout=timeout)

    def start(self):
        with open(self.log, "ab") as stderr:  # the child keeps its own copy of the descriptor
            self.process = subprocess.Popen([str(STREETVOICE), "serve", "--workers", str(self.workers),
                                             "--bind", f"127.0.0.1:{self.port}"], env=self.env, cwd=self.directory,
                                            stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)

        def up():
            if self.process.poll() is not None:
                raise AssertionError(f"streetvoice serve exited:\n{self.log.read_text()[-3000:]}")
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                connection.request("GET", "/healthz", headers={"Host": "localhost"})
                return connection.getresponse().status == 200 and len(self.worker_pids()) == self.workers
            finally:
                connection.close()
        wait_for(up, 180, "streetvoice serve")

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self):
        stop_process(self.process, signal.SIGQUIT)

    def log_lines(self):
        return self.log.read_text(errors="replace").splitlines() if self.log.exists() else []


# -- A browser, over HTTPS --------------------------------------------------------------------

_addresses = itertools.count(2)


def next_address():
    """A loopback address of its own for each client: 127.42.x.y."""
    n = next(_addresses)
    return f"127.42.{n // 250}.{n % 250 + 2}"


class Page:
    def __init__(self, status, headers, body, url):
        self.status, self.headers, self.url = status, headers, url
        self.html = body.decode("utf-8", errors="replace")
        self._soup = None

    @property
    def soup(self):
        if self._soup is None:
            self._soup = BeautifulSoup(self.html, "html.parser")
        return self._soup

    def select(self, css):
        return self.soup.select(css)

    def text_of(self, css):
        found = self.soup.select_one(css)
        return " ".join(found.get_text(" ").split()) if found else None

    @property
    def location(self):
        return self.headers.get("location", "")

    @property
    def error_messages(self):
        return [" ".join(a.get_text().split()) for a in self.soup.select(".govuk-error-summary__list a")]

    def csrf_token(self):
        found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', self.html)
        return found.group(1) if found else None

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
