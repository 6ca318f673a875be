"""Who may open which officer page: one guard for the whole `/officer/` area, deny by default.

Every view in the officer area says what it needs with one of the decorators below; the guard
(`check`, run before every request to the officer blueprint and the blueprints nested in it)
refuses any view that says nothing. `tests/test_officer_access.py` walks `app.url_map` and
fails on any `/officer/` route without a rule.

Role matrix (each role may do everything the roles above it may):

| role    | may                                                                                  |
|---------|--------------------------------------------------------------------------------------|
| officer | overview, review queue and responses (in their areas, if limited), safeguarding       |
|         | actions, codebook (read), assisted entry, their own password and second factor        |
| analyst | also: all areas, codebook edits, retraining, paper imports, exports, original answer  |
|         | text (with a reason, audited), insights                                               |
| admin   | also: accounts (create, roles, areas, disable, reset second factor), the audit log    |

Levels a view can ask for:
- `public`: anyone (the sign-in page);
- `pending`: someone who gave a correct password and has yet to give the second factor;
- `account`: signed in, even before a required second factor is set up or a password that
  must change is changed (the pages that do those things, and sign-out);
- a role: signed in, second factor done where required, password current, role at least this.
"""
from datetime import UTC, datetime
from functools import wraps

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, logout_user

from portal.auth.models import ROLES

LEVELS = ("public", "pending") + ("account",) + ROLES
IDLE_SECONDS = 30 * 60
ABSOLUTE_SECONDS = 12 * 3600
PENDING_SECONDS = 5 * 60
RECENT_PASSWORD_SECONDS = 5 * 60
#: Blueprints whose views are shared with the resident site and so carry no rule of their own.
BLUEPRINT_LEVELS = {}


def _level(level):
    if level not in LEVELS:
        raise ValueError(f"unknown access level {level!r}")

    def mark(view):
        view.officer_access = level
        return view
    return mark


public = _level("public")
pending = _level("pending")
account = _level("account")


def requires(role):
    """The view needs this role or a higher one."""
    return _level(role)


def now():
    return int(datetime.now(UTC).timestamp())


def second_factor_required(officer):
    return current_app.config["REQUIRE_SECOND_FACTOR"] or officer.has_second_factor


def level_of(endpoint):
    """The access level an officer-area endpoint asks for, or None (refused)."""
    view = current_app.view_functions.get(endpoint)
    blueprint = endpoint.rpartition(".")[0] if endpoint else ""
    return getattr(view, "officer_access", None) or BLUEPRINT_LEVELS.get(blueprint)


def check():
    """The guard: runs before every officer-area request."""
    level = level_of(request.endpoint)
    if level is None:
        current_app.logger.error("Officer route %s has no access rule: refused", request.endpoint)
        abort(403)
    if level == "public":
        return None
    if level == "pending":
        started = session.get("pending_at", 0)
        if not session.get("pending_officer") or now() - started > PENDING_SECONDS:
            return _to_sign_in()
        return None
    if not current_user.is_authenticated:
        return _to_sign_in()
    expired = _expired()
    if expired:
        logout_user()
        session.clear()
        flash(expired)
        return _to_sign_in()
    session["seen_at"] = now()
    if level == "account":
        return None
    if second_factor_required(current_user) and not session.get("second_factor"):
        return redirect(url_for("officer.auth.two_factor"))
    if current_user.must_change_password:
        return redirect(url_for("officer.auth.change_password"))
    if not current_user.can(level):
        abort(403)
    return None


def _expired():
    started, seen = session.get("signed_in_at", 0), session.get("seen_at", 0)
    if now() - started > ABSOLUTE_SECONDS:
        return "You have been signed out because you were signed in for 12 hours. Sign in again."
    if now() - seen > IDLE_SECONDS:
        return "You have been signed out because you were inactive for 30 minutes. Sign in again."
    return None


def _to_sign_in():
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("officer.auth.sign_in", next=target))


def recent_password(view):
    """Ask for the password again (within 5 minutes) before the view runs: exports, role changes."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        if now() - session.get("password_confirmed_at", 0) > RECENT_PASSWORD_SECONDS:
            return redirect(url_for("officer.auth.confirm_password", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)
    return wrapped


def scoped_area_ids():
    """Area ids the signed-in officer is limited to, or None for every area."""
    return current_user.area_ids
