"""Error pages in GOV.UK wording. No error shows a stack trace, and none is a bare 500."""
from flask import current_app, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.extensions import db

MESSAGES = {
    400: ("Sorry, there is a problem with your request", "Go back and try again."),
    404: ("Page not found", "If you typed the web address, check it is correct."),
    405: ("Sorry, there is a problem with your request", "Go back and try again."),
    413: ("Your answer was too long to send", "Go back, shorten your answer and try again."),
    429: ("You have sent too many answers", "Wait an hour and try again. If you are in danger call 999."),
}


def init_app(app):
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def _render(status, heading, body):
    return render_template("error.html", heading=heading, body=body, status=status), status


def _csrf_error(error):
    return _render(400, "Sorry, we could not send that page",
                   "This can happen if the page was open for a long time. Your earlier answers are "
                   "kept. Go back, reload the page and try again.")


def _http_error(error):
    heading, body = MESSAGES.get(error.code, ("Sorry, there is a problem with the service", "Try again later."))
    if request.path == "/healthz":
        return {"status": "error"}, error.code
    return _render(error.code, heading, body)


def _unexpected(error):
    # Logged with its traceback for the people who run the service; the resident sees a
    # plain page and nothing half-written stays in the session.
    current_app.logger.exception("Unhandled error on %s", request.path)
    db.session.rollback()
    try:
        return _render(500, "Sorry, there is a problem with the service", "Try again later.")
    except Exception:  # the page itself failed: fall back to plain text, never a traceback
        current_app.logger.exception("Error page could not be rendered")
        return "Sorry, there is a problem with the service. Try again later.", 500, {"Content-Type": "text/plain"}
