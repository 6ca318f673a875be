"""Accounts and the audit log (admins).

URLs: /officer/accounts (list), /officer/accounts/new, /officer/accounts/<id> (one account),
/officer/accounts/<id>/role, .../areas, .../status (disable or enable), .../second-factor
(reset), .../password (reset), /officer/audit (the log: read only, there is no route that
changes it).

Creating an account, changing a role and resetting a password or second factor ask for the
admin's password again (each can hand an account's power to someone).
"""
from dataclasses import replace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from portal.admin import services
from portal.admin.forms import AccountForm, AreasForm, ConfirmForm, RoleForm
from portal.audit import ACTIONS
from portal.auth import services as auth_services
from portal.officer import access

bp = Blueprint("admin", __name__)


def _officer_or_404(officer_id):
    officer = services.account(officer_id)
    if officer is None:
        abort(404)
    return officer


def _area_choices(form):
    form.areas.choices = [SelectChoice(str(a.id), a.name) for a in services.areas()]


@bp.get("/accounts")
@access.requires("admin")
def accounts():
    return render_template("officer/admin/accounts.html", officers=services.accounts())


@bp.route("/accounts/new", methods=["GET", "POST"])
@access.requires("admin")
@access.recent_password
def new_account():
    form = AccountForm()
    _area_choices(form)
    if form.validate_on_submit():
        try:
            officer, password = auth_services.create_account(form.email.data, form.name.data, form.role.data,
                                                        services.areas_by_ids(form.areas.data or []), current_user)
        except auth_services.AccountError as exc:
            form.fail(str(exc), exc.field)
        else:
            return render_template("officer/admin/password_shown.html", officer=officer, password=password,
                                   created=True)
    return render_template("officer/admin/new_account.html", form=form), 400 if form.errors else 200


@bp.get("/accounts/<int:officer_id>")
@access.requires("admin")
def account(officer_id):
    return render_template("officer/admin/account.html", officer=_officer_or_404(officer_id))


@bp.route("/accounts/<int:officer_id>/role", methods=["GET", "POST"])
@access.requires("admin")
@access.recent_password
def role(officer_id):
    officer = _officer_or_404(officer_id)
    form = RoleForm(data={"role": officer.role} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            auth_services.set_role(officer, form.role.data, current_user)
        except auth_services.AccountError as exc:
            form.fail(str(exc), "role")
        else:
            flash(f"{officer.name} is now {'an' if officer.role[0] in 'aeiou' else 'a'} {officer.role}. "
                  "Their sessions have ended: the new role applies when they next sign in.")
            return redirect(url_for(".account", officer_id=officer.id))
    return render_template("officer/admin/role.html", officer=officer, form=form), 400 if form.errors else 200


@bp.route("/accounts/<int:officer_id>/areas", methods=["GET", "POST"])
@access.requires("admin")
def areas(officer_id):
    officer = _officer_or_404(officer_id)
    form = AreasForm(data={"areas": [str(a.id) for a in officer.areas]} if request.method == "GET" else None)
    _area_choices(form)
    if form.validate_on_submit():
        auth_services.set_areas(officer, services.areas_by_ids(form.areas.data or []), current_user)
        flash(f"Areas saved for {officer.name}.")
        return redirect(url_for(".account", officer_id=officer.id))
    return render_template("officer/admin/areas.html", officer=officer, form=form), 400 if form.errors else 200


def _confirm_page(officer, form, heading, body, button, warning=None, status=200):
    return render_template("officer/admin/confirm.html", officer=officer, form=form, heading=heading, body=body,
                           button=button, warning=warning), status


@bp.route("/accounts/<int:officer_id>/status", methods=["GET", "POST"])
@access.requires("admin")
def status(officer_id):
    officer = _officer_or_404(officer_id)
    form = ConfirmForm()
    verb = "Disable" if officer.active else "Enable"
    if form.validate_on_submit():
        try:
            if officer.active:
                auth_services.disable(officer, current_user)
            else:
                auth_services.enable(officer, current_user)
        except auth_services.AccountError as exc:
            form.fail(str(exc))
        else:
            flash(f"{officer.name}'s account is {'enabled' if officer.active else 'disabled'}.")
            return redirect(url_for(".account", officer_id=officer.id))
    body = ("They will not be able to sign in, and every session they have ends now. Their reviews and "
            "actions stay in the records." if officer.active else "They will be able to sign in again.")
    return _confirm_page(officer, form, f"{verb} {officer.name}'s account?", body, f"{verb} account",
                         status=400 if form.problem else 200)


@bp.route("/accounts/<int:officer_id>/second-factor", methods=["GET", "POST"])
@access.requires("admin")
@access.recent_password
def second_factor(officer_id):
    officer = _officer_or_404(officer_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        auth_services.reset_second_factor(officer, current_user)
        flash(f"{officer.name}'s second factor has been reset. They will set it up again when they next sign in.")
        return redirect(url_for(".account", officer_id=officer.id))
    return _confirm_page(officer, form, f"Reset {officer.name}'s second factor?",
                         "Do this only if they have lost their phone or authenticator app and their recovery "
                         "codes, and you have checked it is really them asking. Their authenticator app and "
                         "recovery codes stop working and every session they have ends now.",
                         "Reset second factor", warning="Check who is asking before you do this.")


@bp.route("/accounts/<int:officer_id>/password", methods=["GET", "POST"])
@access.requires("admin")
@access.recent_password
def password(officer_id):
    officer = _officer_or_404(officer_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            temporary = auth_services.reset_password(officer, current_user)
        except auth_services.AccountError as exc:
            form.fail(str(exc))
        else:
            return render_template("officer/admin/password_shown.html", officer=officer, password=temporary,
                                   created=False)
    return _confirm_page(officer, form, f"Reset {officer.name}'s password?",
                         "You will be shown a temporary password once, to give them in person or by phone, "
                         "never by email. They must change it when they sign in. Every session they have "
                         "ends now.", "Reset password", warning="Check who is asking before you do this.",
                         status=400 if form.problem else 200)


@bp.get("/audit")
@access.requires("admin")
def audit():
    filters = services.AuditFilters.from_args(request.args)
    problems = filters.problems()
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 1_000_000 else 1
    # A date that is not a real one is shown as an error and left out of the search.
    events, total = services.audit_events(replace(filters, **{name: "" for name in problems}), page)
    pages = max(1, (total + services.PAGE_SIZE - 1) // services.PAGE_SIZE)
    return render_template("officer/admin/audit.html", events=events, total=total, page=page, pages=pages,
                           filters=filters, problems=problems, actions=ACTIONS,
                           officers=services.officer_choices()), 400 if problems else 200
