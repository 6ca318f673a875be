"""The pieces of a production deployment on loopback, started and stopped by the tests:
Redis, a TCP forwarder in front of PostgreSQL that a test can cut, `streetvoice serve`
(gunicorn) and nginx terminating TLS with a certificate made here, configured from the
README's sample. The client is in tests/deploy/browser.py."""
import datetime
import http.client
import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

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
