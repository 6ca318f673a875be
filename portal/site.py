"""Pages every resident page links to: exit, cookies, privacy, accessibility, safety advice,
feedback, and the served front-end assets.

URLs: /, /exit, /cookies, /privacy, /accessibility, /safety-online, /feedback, /assets/...
"""
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import plotly
from flask import (Blueprint, abort, current_app, g, redirect, render_template, request, send_from_directory,
                   session, url_for)
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovSubmitInput
from sqlalchemy.exc import SQLAlchemyError
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from analysis.disclosure import DEFAULT_K
from portal.data import retention
from portal.extensions import db
from surveys import services as survey_services
from surveys.forms import BaseForm, clean_text

bp = Blueprint("site", __name__)
ASSETS = Path(__file__).resolve().parent / "static" / "assets"
PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data"


def init_app(app):
    app.before_request(_screen_request)
    app.after_request(_security_headers)
    app.context_processor(_template_globals)


def csp_nonce():
    """This response's CSP nonce, made when first needed: error pages raised before any view
    (a refused CSRF token, a body too large) get one too, so their scripts (Exit this page)
    still run."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _screen_request():
    """NUL cannot be stored in PostgreSQL text and means nothing in a web address: a path with
    one is not a page (404); a query string or form with one is a bad request (400). Both get
    a GOV.UK error page, never a database error."""
    if "\x00" in request.path:
        abort(404)
    if any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)):
        abort(400)
    if request.method == "POST" and not _same_origin():
        abort(400)


def _same_origin():
    """A POST whose Origin header (sent by every current browser) names another site is
    refused, whatever its token: the check Flask-WTF's Referer test would make, without a
    Referer (never sent here)."""
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return True
    parts = urlsplit(origin)
    return (parts.scheme, parts.netloc) == (request.scheme, request.host)


def _template_globals():
    return {"cspNonce": csp_nonce(),
            "feedback_url": url_for("site.feedback", return_to=_here()) if request else None}


def _security_headers(response):
    nonce = csp_nonce()
    response.headers.setdefault(
        "Content-Security-Policy",
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Permissions-Policy"] = "geolocation=(), camera=(), microphone=(), interest-cohort=()"
    if current_app.config["ENV_NAME"] == "production":
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if response.mimetype == "text/html":
        # Answers must not be shown again from the browser's cache after leaving.
        response.headers["Cache-Control"] = "no-store"
    return response


def _here():
    return request.full_path.rstrip("?") if request.path != url_for("site.feedback") else request.args.get("return_to", "/")


def safe_return_path(target, default="/"):
    """Only a relative path on this site: no scheme, no host, no protocol-relative '//', no
    control characters."""
    if not target or not isinstance(target, str) or any(ord(ch) < 32 for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


@bp.get("/")
def index():
    return redirect(url_for("survey.start", slug=current_app.config["DEFAULT_SURVEY"]))


@bp.get("/exit")
def exit_page():
    """Leave quickly: forget the journey, then go to a neutral site. This must work even when
    the database does not: the session is cleared and the browser leaves either way, and an
    unfinished draft left behind is purged when its lifetime ends."""
    try:
        survey_services.discard_draft(session.get("draft"))
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.warning("Exit could not delete an unfinished draft: the database is unavailable")
    session.clear()
    response = redirect(current_app.config["EXIT_URL"])
    response.headers["Clear-Site-Data"] = '"cookies", "storage"'
    return response


@bp.get("/cookies")
def cookies():
    return render_template("site/cookies.html")


@bp.get("/privacy")
def privacy():
    # The period the retention policy (streetvoice retention run) enforces, not a promise of its own.
    # The same for the other figures it states: the threshold below which published counts are
    # shown as "fewer than k" (analysis.disclosure) and how long unsent answers are kept.
    period = retention.period_words(current_app.config["RAW_TEXT_RETENTION_DAYS"])
    k = current_app.config.get("DISCLOSURE_K", DEFAULT_K)
    return render_template("site/privacy.html", retention_period=period, disclosure_k=k,
                           draft_hours=current_app.config["DRAFT_LIFETIME_HOURS"])


@bp.get("/accessibility")
def accessibility():
    return render_template("site/accessibility.html")


@bp.get("/safety-online")
def safety_online():
    return render_template("site/safety_online.html")


class FeedbackForm(BaseForm):
    feedback = TextAreaField(
        _l("What would you like to tell us about this service?"),
        description=_l("Do not include personal details. We cannot reply to feedback."),
        filters=[clean_text], widget=GovCharacterCount(),
        validators=[DataRequired(message=_l("Enter your feedback")),
                    Length(max=1200, message=_l("Feedback must be 1,200 characters or fewer"))])
    submit = SubmitField(_l("Send feedback"), widget=GovSubmitInput())


@bp.route("/feedback", methods=["GET", "POST"])
def feedback():
    return_to = safe_return_path(request.args.get("return_to"))
    form = FeedbackForm()
    if form.validate_on_submit():
        survey_services.record_feedback(form.feedback.data, return_to)
        return render_template("site/feedback_sent.html", return_to=return_to)
    return render_template("site/feedback.html", form=form, return_to=return_to)


@bp.get("/assets/plotly.min.js")
def plotly_js():
    return send_from_directory(PLOTLY_JS, "plotly.min.js", max_age=86400)


@bp.get("/assets/<path:filename>")
def assets(filename):
    return send_from_directory(ASSETS, filename, max_age=86400)
