"""Logs (JSON lines in production), each with the request's id, and nothing that identifies a
resident.

A line holds the time, level, logger, message and, inside a request, its id, method, path
(never the query string, which can carry a typed postcode district) and, for the access line,
the status and duration. Never a client address, a form value or answer text: the database
engine hides query parameters (config.py), Flask-Limiter's logger (which names the limited
client) is quietened, and Werkzeug's request log (which starts with the client's address)
is replaced by the access line here.
"""
import json
import logging
import re
import secrets
import time

from flask import g, has_request_context, request

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                "logger": record.name, "message": record.getMessage()}
        if has_request_context():
            line.update(request_id=g.get("request_id"), method=request.method, path=request.path)
        for key in ("status", "duration_ms", "analysis_when"):
            if hasattr(record, key):
                line[key] = getattr(record, key)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def init_app(app):
    if not app.testing:  # under pytest, its own capture handlers stay in place
        handler = logging.StreamHandler()
        # JSON lines for a log collector in production; plain lines for a person in development.
        handler.setFormatter(JsonFormatter() if app.config["ENV_NAME"] == "production"
                             else logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root = logging.getLogger()
        root.handlers[:] = [handler]
        root.setLevel(logging.INFO)
        app.logger.handlers.clear()  # propagate to the root's JSON handler
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, _NoClientAddress) for f in werkzeug.filters):
        werkzeug.addFilter(_NoClientAddress())
    logging.getLogger("flask-limiter").setLevel(logging.ERROR)
    app.before_request(_start)
    app.after_request(_access)


class _NoClientAddress(logging.Filter):
    """Drops the development server's request lines, which begin with the client's address
    ("127.0.0.1 - - [date] ..."); keeps its other messages, such as where it is listening."""

    _REQUEST_LINE = re.compile(r"^\S+ - - \[")

    def filter(self, record):
        return not self._REQUEST_LINE.match(str(record.msg))


def _start():
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _REQUEST_ID.match(given) else secrets.token_hex(8)
    g.started = time.perf_counter()


def _access(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    duration = round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1)
    logging.getLogger("streetvoice.access").info("%s %s", request.method, request.path,
                                                 extra={"status": response.status_code, "duration_ms": duration})
    return response
