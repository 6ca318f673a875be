"""Signing in and out, the second factor, and an officer's own account.

URLs: /officer/sign-in, /officer/second-factor, /officer/sign-out, /officer/account,
/officer/account/password, /officer/account/two-factor, /officer/confirm-password.
"""
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from portal.auth import services, totp
from portal.auth.forms import ChangePasswordForm, CodeForm, ConfirmPasswordForm, SignInForm
from portal.auth.models import Officer
from portal.extensions import db
from portal.officer import access
from portal.site import safe_return_path

bp = Blueprint("auth", __name__)
ENROL_SECONDS = 10 * 60


def _next():
    target = safe_return_path(request.args.get("next"), default=url_for("officer.review.overview"))
    return target if target.startswith("/officer/") else url_for("officer.review.overview")


def _start_session(officer, second_factor):
    """A new session (nothing carried over from before) for a signed-in officer."""
    session.clear()
    login_user(officer)
    session["signed_in_at"] = session["seen_at"] = access.now()
    session["second_factor"] = second_factor


def _signed_in(officer, second_factor):
    _start_session(officer, second_factor)
    services.signed_in(officer, second_factor)


@bp.route("/sign-in", methods=["GET", "POST"])
@access.public
def sign_in():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(_next())
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        try:
            officer = services.check_password(form.email.data, form.password.data)
        except services.TooManyAttempts as exc:
            form.fail(str(exc), "email")
            status = 429
        except services.SignInUnavailable as exc:
            form.fail(str(exc), "email")
            status = 503
        except services.AccountError as exc:
            form.fail(str(exc), "email")
        else:
            if officer.has_second_factor:
                session.clear()
                session["pending_officer"] = officer.id
                session["pending_at"] = access.now()
                return redirect(url_for(".second_factor", next=request.args.get("next")))
            _signed_in(officer, second_factor=False)
            if access.second_factor_required(officer):
                return redirect(url_for(".two_factor"))
            return redirect(_next())
    return render_template("officer/auth/sign_in.html", form=form), status


@bp.route("/second-factor", methods=["GET", "POST"])
@access.pending
def second_factor():
    officer = db.session.get(Officer, session["pending_officer"])
    if officer is None or not officer.active:
        session.clear()
        return redirect(url_for(".sign_in"))
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            services.verify_second_factor(officer, form.code.data)
        except services.TooManyAttempts as exc:
            form.fail(str(exc), "code")
            status = 429
        except services.SignInUnavailable as exc:
            form.fail(str(exc), "code")
            status = 503
        except services.AccountError as exc:
            form.fail(str(exc), "code")
        else:
            _signed_in(officer, second_factor=True)
            return redirect(_next())
    return render_template("officer/auth/second_factor.html", form=form), status


@bp.post("/sign-out")
@access.account
def sign_out():
    services.sign_out(current_user)
    logout_user()
    session.clear()
    flash("You have signed out. Every session of your account has ended.")
    return redirect(url_for(".sign_in"))


@bp.get("/account")
@access.account
def account():
    return render_template("officer/auth/account.html",
                           codes_left=sum(c.used_at is None for c in current_user.recovery_codes))


@bp.route("/account/password", methods=["GET", "POST"])
@access.account
def change_password():
    form = ChangePasswordForm()
    officer = current_user._get_current_object()
    if form.validate_on_submit():
        try:
            services.change_password(officer, form.current.data, form.new.data)
        except services.AccountError as exc:
            form.fail(str(exc), exc.field)
        else:
            # The change ended every session, this one too: start a fresh one in its place.
            _start_session(officer, second_factor=session.get("second_factor", False))
            flash("Your password has been changed. You have been signed out everywhere else.")
            return redirect(url_for(".account"))
    return render_template("officer/auth/change_password.html", form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@access.account
def two_factor():
    """Set up (or replace) the authenticator app. The new secret waits, encrypted, in the
    session until a code from it checks out."""
    form = CodeForm()
    officer = current_user._get_current_object()
    fresh = access.now() - session.get("enrol_at", 0) < ENROL_SECONDS
    secret = totp.decrypt(session["enrol_secret"]) if session.get("enrol_secret") and fresh else None
    if secret is None:  # the same key for 10 minutes, so reloading the page keeps the QR code
        secret = totp.new_secret()
        session["enrol_secret"], session["enrol_at"] = totp.encrypt(secret), access.now()
    if form.validate_on_submit():
        try:
            codes = services.enrol_second_factor(officer, secret, form.code.data)
        except services.AccountError as exc:
            form.fail(str(exc), "code")
        else:
            _start_session(officer, second_factor=True)
            return render_template("officer/auth/recovery_codes.html", codes=codes)
    uri = totp.provisioning_uri(secret, current_user.email)
    return render_template("officer/auth/two_factor.html", form=form, qr=totp.qr_svg_data_uri(uri),
                           secret=" ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
                           required=current_app.config["REQUIRE_SECOND_FACTOR"])


@bp.route("/confirm-password", methods=["GET", "POST"])
@access.requires("officer")
def confirm_password():
    form = ConfirmPasswordForm()
    if form.validate_on_submit():
        try:
            services.confirm_password(current_user, form.password.data)
        except services.AccountError as exc:
            form.fail(str(exc), "password")
        else:
            session["password_confirmed_at"] = access.now()
            return redirect(_next())
    return render_template("officer/auth/confirm_password.html", form=form)
