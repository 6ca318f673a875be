"""`streetvoice serve`: the app under gunicorn, with the settings a live service needs.

- Workers: 2 x CPU cores + 1 (the cores this process may use), sync workers behind a
  buffering reverse proxy (nginx), which deals with slow clients.
- The app is made once, in the master, before the workers are forked: a worker that dies
  (killed, or recycled after `max_requests`) is replaced at once, without importing the
  analysis libraries again. Each worker drops the database connections it inherited.
- Timeouts: a worker silent for 30 s is killed and replaced; on SIGTERM or SIGHUP workers get
  30 s to finish the requests they hold (graceful restart). Workers are recycled after about
  1,000 requests, so a slow leak cannot grow for ever.
- `forwarded_allow_ips` follows STREETVOICE_PROXIES: with no proxy, gunicorn believes no
  X-Forwarded-* header; with proxies it believes them from whoever connects, as the app's
  ProxyFix does, so gunicorn must listen only where the proxy alone can reach it (loopback by
  default).
- No access log: the app writes its own access line (portal/logs.py: request id, method,
  path, status, duration; never an address or a query string). Gunicorn's own messages go
  through the same JSON formatter, with any address or query string scrubbed out.
"""
import logging
import os
import re

from gunicorn import glogging
from gunicorn.app.base import BaseApplication

from portal.logs import JsonFormatter

DEFAULT_BIND = "127.0.0.1:8000"
_ADDRESS = re.compile(r"\bip=\S+")
_QUERY = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")


def default_workers():
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return 2 * cores + 1


def scrub(text):
    """A log message without client addresses or query strings (gunicorn names the address a
    malformed request came from, and the URI, query included, of a request that failed)."""
    text = _QUERY.sub(r"\1?[query removed]", text)
    return _ADDRESS.sub("ip=[removed]", text)


class _Scrub(logging.Filter):
    def filter(self, record):
        record.msg, record.args = scrub(record.getMessage()), None
        return True


class GunicornLogger(glogging.Logger):
    """Gunicorn's error log as JSON lines, scrubbed; no access log at all."""

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())
            if not any(isinstance(f, _Scrub) for f in handler.filters):
                handler.addFilter(_Scrub())

    def access(self, resp, req, environ, request_time):
        return None


def options(app, workers=None, bind=None):
    """The gunicorn settings `serve` uses (a dict; names as in gunicorn's documentation)."""
    proxies = app.config["STREETVOICE_PROXIES"]
    settings = {
        "bind": [bind or DEFAULT_BIND],
        "workers": workers or default_workers(),
        "worker_class": "sync",
        "timeout": 30,
        "graceful_timeout": 30,
        "keepalive": 5,
        "max_requests": 1000,
        "max_requests_jitter": 100,
        "forwarded_allow_ips": "*" if proxies else "",
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "logger_class": GunicornLogger,
        "proc_name": "streetvoice",
        "control_socket_disable": True,  # gunicorn 25+: no control socket in $HOME; systemd manages us
        "post_fork": _post_fork,
    }
    if os.path.isdir("/dev/shm"):
        settings["worker_tmp_dir"] = "/dev/shm"  # heartbeat files off disk, as gunicorn advises
    return settings


def _post_fork(server, worker):
    """A forked worker must not share the master's database connections."""
    app = server.app.wsgi()
    from portal.extensions import db

    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)


class Server(BaseApplication):
    def __init__(self, app, settings):
        self.application, self.settings = app, settings
        super().__init__()

    def load_config(self):
        for name, value in self.settings.items():
            if name in self.cfg.settings:  # an older gunicorn lacks some (control_socket_disable)
                self.cfg.set(name, value)

    def load(self):
        return self.application


def serve(app, workers=None, bind=None):
    from flask import current_app, has_app_context

    if has_app_context() and current_app._get_current_object() is app:
        # see portal/cli.py serve_command: every request would share this context's `g`
        raise RuntimeError("streetvoice serve must not run inside an app context of the app it serves")
    Server(app, options(app, workers, bind)).run()
