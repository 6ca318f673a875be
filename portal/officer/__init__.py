"""The officer area: every page under /officer/, behind one guard (portal.officer.access).

Each part of the workspace is a blueprint of its own, nested in this one so the guard runs
before all of them:

| URL                                   | blueprint                 | code                          |
|---------------------------------------|---------------------------|-------------------------------|
| /officer/sign-in, sign-out, account/  | officer.auth              | portal/auth/views.py          |
| /officer/, review, responses/<id>     | officer.review            | portal/review/views.py        |
| /officer/safeguarding                 | officer.review            | portal/review/safeguarding.py |
| /officer/codebook, retrain            | officer.codebooks         | portal/codebooks/views.py     |
| /officer/insights/...                 | officer.insights          | portal/insights/views.py      |
| /officer/assisted/...                 | officer.assisted          | the resident pages, again     |
| /officer/import (+ template.csv),     | officer.data              | portal/data/views.py          |
|   export.csv, export.xlsx             |                           |                               |
| /officer/accounts/..., audit          | officer.admin             | portal/admin/views.py         |
"""
from flask import Blueprint, request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from portal.officer import access, filters
from surveys import signals

NAVIGATION = (  # (endpoint, text, role)
    ("officer.review.overview", "Overview", "officer"),
    ("officer.review.safeguarding", "Safeguarding", "officer"),
    ("officer.review.queue", "Review", "officer"),
    ("officer.codebooks.index", "Codebook", "officer"),
    ("officer.insights.dashboard", "Insights", "officer"),
    ("officer.data.assisted", "Enter a response", "officer"),
    ("officer.data.index", "Import and export", "analyst"),
    ("officer.admin.accounts", "Accounts", "admin"),
    ("officer.admin.audit", "Audit log", "admin"),
)


def init_app(app):
    # A new parent blueprint per app (tests make many apps); the nested ones are shared.
    bp = Blueprint("officer", __name__, url_prefix="/officer")
    bp.before_request(access.check)
    from portal.admin import views as admin_views
    from portal.auth import views as auth_views
    from portal.codebooks import views as codebook_views
    from portal.data import services as data_services
    from portal.data import views as data_views
    from portal.insights import views as insights_views
    from portal.review import safeguarding as safeguarding_views  # noqa: F401  (routes on review.bp)
    from portal.review import views as review_views
    from surveys import views as survey_views

    for child in (auth_views.bp, review_views.bp, codebook_views.bp, insights_views.bp, data_views.bp,
                  admin_views.bp):
        bp.register_blueprint(child)
    # Assisted entry is the resident journey itself, registered a second time under
    # /officer/assisted/ so it runs behind the officer guard and is stored as assisted.
    # The views are the resident ones, so their access rule is the blueprint's (access.py).
    bp.register_blueprint(survey_views.bp, name="assisted", url_prefix="/assisted")
    access.BLUEPRINT_LEVELS["officer.assisted"] = "officer"
    app.register_blueprint(bp)
    signals.response_storing.connect(data_services.on_response_storing)
    app.context_processor(_officer_globals)
    filters.init_app(app)


def _signed_in():
    """current_user needs the database; an error page shown because it is down must not."""
    try:
        return current_user.is_authenticated
    except SQLAlchemyError:
        return False


def _officer_globals():
    if not request.path.startswith("/officer/"):
        return {}
    items = []
    signed_in = _signed_in()
    if signed_in:
        for endpoint, text, role in NAVIGATION:
            if current_user.can(role):
                items.append({"href": endpoint, "text": text,
                              "active": request.endpoint == endpoint})
    return {"officer_navigation": items, "officer_signed_in": signed_in, "layout": "officer/base.html"}
