"""Error pages in GOV.UK wording. No error shows a stack trace, and none is a bare 500."""
from flask import current_app, render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from portal.extensions import db

MESSAGES = {
    400: (_l("Sorry, there is a problem with your request"), _l("Go back and try again.")),
    403: (_l("You do not have permission to see this page"),
          _l("Your role does not include it. Ask an admin if you need it for your work.")),
    404: (_l("Page not found"), _l("If you typed the web address, check it is correct.")),
    405: (_l("Sorry, there is a problem with your request"), _l("Go back and try again.")),
    413: (_l("Your answer was too long to send"), _l("Go back, shorten your answer and try again.")),
    429: (_l("You have sent too many answers"), _l("Wait an hour and try again. If you are in danger call 999.")),
}
SERVICE_PROBLEM = (_l("Sorry, there is a problem with the service"), _l("Try again later."))
UNAVAILABLE = (_l("Sorry, the service is unavailable"),
               _l("Nothing you have entered is lost. Wait a few minutes, then go back and try again. "
                  "If you are in danger now, call 999."))


def init_app(app):
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(Exception, _unexpected)


def _render(status, heading, body):
    return render_template("error.html", heading=heading, body=body, status=status), status


def _csrf_error(error):
    return _render(400, _l("Sorry, we could not send that page"),
                   _l("This can happen if the page was open for a long time. Your earlier answers are "
                      "kept. Go back, reload the page and try again."))


def http_error(error):
    heading, body = MESSAGES.get(error.code, SERVICE_PROBLEM)
    if request.path == "/healthz":
        return {"status": "error"}, error.code
    if request_ctx.url_adapter is None:
        # No URLs can be built for this request (its Host is not in TRUSTED_HOSTS), and every
        # page builds some: a plain answer, which names nothing of the request.
        return f"{heading}. {body}", error.code, {"Content-Type": "text/plain; charset=utf-8"}
    return _render(error.code, heading, body)


def _database_unavailable(error):
    """The database cannot be reached (stopped, restarting, out of connections): a 503 that
    says the answers are kept. A resident's draft stays in their session until the response is
    committed (surveys/views.py), so sending again after recovery stores it, once."""
    current_app.logger.error("Database unavailable on %s: %s", request.path, error.__class__.__name__)
    _rollback()
    if request.path == "/healthz":
        return {"status": "error", "database": "error"}, 503
    try:
        page = _render(503, *UNAVAILABLE)
    except Exception:  # noqa: BLE001 - the page needed the database too: plain text
        return ("Sorry, the service is unavailable. Nothing you have entered is lost. Try again in a few minutes.",
                503, {"Content-Type": "text/plain", "Retry-After": "60"})
    return page[0], 503, {"Retry-After": "60"}


def _rollback():
    try:
        db.session.rollback()
    except DBAPIError:
        pass


def _unexpected(error):
    # Logged with its traceback for the people who run the service; the resident sees a
    # plain page and nothing half-written stays in the session.
    current_app.logger.exception("Unhandled error on %s", request.path)
    _rollback()
    try:
        return _render(500, *SERVICE_PROBLEM)
    except Exception:  # the page itself failed: fall back to plain text, never a traceback
        current_app.logger.exception("Error page could not be rendered")
        return "Sorry, there is a problem with the service. Try again later.", 500, {"Content-Type": "text/plain"}
