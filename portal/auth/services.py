"""Officer accounts: creating them, signing in, the second factor, and ending sessions.

Services own transactions (and write the audit log in the same one); views only call them.
"""
import re
import secrets

from sqlalchemy import func, select

from portal import audit
from portal.auth import attempts, passwords, totp
from portal.auth.models import ROLES, Officer, RecoveryCode
from portal.extensions import db
from surveys.database import utcnow

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
GENERIC_FAILURE = "Enter a correct email address and password"


class AccountError(ValueError):
    """A request the accounts cannot take; the message is shown as it is."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class TooManyAttempts(AccountError):
    pass


class SignInUnavailable(AccountError):
    """Attempts cannot be counted (the limits' store is down), so none is allowed."""


UNAVAILABLE = ("Signing in is not possible at the moment because part of the service is down. "
               "Try again in a few minutes. If it goes on, tell the service's technical team.")


def _counted(function, *args):
    try:
        return function(*args)
    except attempts.StoreUnavailable:
        raise SignInUnavailable(UNAVAILABLE) from None


def normalise_email(email):
    return (email or "").strip().lower()


def by_email(email):
    return db.session.scalar(select(Officer).filter_by(email=normalise_email(email)))


def _check_details(email, name, role):
    if not EMAIL.match(email) or len(email) > 254:
        raise AccountError("Enter an email address in the correct format, like name@example.police.uk", "email")
    if not name or len(name) > 120:
        raise AccountError("Enter the officer's name (120 characters or fewer)", "name")
    if role not in ROLES:
        raise AccountError(f"Role must be one of {', '.join(ROLES)}", "role")


def create_officer(email, name, password, role="officer", created_by=None, must_change_password=False, areas=()):
    email = normalise_email(email)
    name = " ".join((name or "").split())
    _check_details(email, name, role)
    problem = passwords.problem(password, name, email)
    if problem:
        raise AccountError(problem, "password")
    if by_email(email):
        raise AccountError(f"An officer with the email {email} already exists", "email")
    officer = Officer(email=email, name=name, role=role, password_hash=passwords.hash_password(password),
                      must_change_password=must_change_password, password_changed_at=utcnow(), areas=list(areas))
    db.session.add(officer)
    db.session.flush()
    detail = {"role": role, "areas": [a.id for a in areas]} if areas else {"role": role}
    audit.record("account_created", created_by, target=f"officer:{officer.id}", **detail)
    db.session.commit()
    return officer


def create_account(email, name, role, areas, by):
    """An account made by an admin, with a temporary password the officer must change at
    first sign-in; returns (officer, the password, to show once)."""
    password = temporary_password()
    officer = create_officer(email, name, password, role, created_by=by, must_change_password=True, areas=areas)
    return officer, password


def temporary_password():
    """A password an admin hands over once; the officer must change it at first sign-in."""
    return "-".join(secrets.token_urlsafe(6) for _ in range(3))


def check_password(email, password):
    """The officer for a correct email and password, counting attempts per client and per
    account; raises AccountError with one message for every kind of failure, or
    TooManyAttempts. A hash made with older Argon2 parameters is replaced."""
    if not _counted(attempts.allowed, email):
        officer = by_email(email)
        audit.record("sign_in_limited", officer, target=f"officer:{officer.id}" if officer else None)
        db.session.commit()
        raise TooManyAttempts("Too many sign-in attempts. Wait 15 minutes, then try again.")
    _counted(attempts.count_attempt)
    officer = by_email(email)
    ok = passwords.verify(officer.password_hash if officer else None, password)
    if not ok or not officer.active:
        _counted(attempts.count_failure, email)
        audit.record("sign_in_failed", officer, target=f"officer:{officer.id}" if officer else None,
                     reason="disabled" if ok else "password")
        db.session.commit()
        raise AccountError(GENERIC_FAILURE)
    if passwords.needs_rehash(officer.password_hash):
        officer.password_hash = passwords.hash_password(password)
        db.session.commit()
    return officer


def signed_in(officer, second_factor):
    """Record a completed sign-in."""
    officer.last_sign_in_at = utcnow()
    audit.record("sign_in", officer, target=f"officer:{officer.id}", second_factor=second_factor)
    db.session.commit()


def verify_second_factor(officer, code):
    """Accept a TOTP code (never one already used) or an unused recovery code."""
    if not _counted(attempts.second_factor_allowed, officer.id):
        raise TooManyAttempts("Too many codes tried. Wait 15 minutes, then try again.")
    if totp.looks_like_recovery_code(code):
        for stored in officer.recovery_codes:
            if stored.used_at is None and totp.recovery_code_matches(stored.code_hash, code):
                stored.used_at = utcnow()
                audit.record("recovery_code_used", officer, target=f"officer:{officer.id}",
                             left=sum(c.used_at is None for c in officer.recovery_codes))
                db.session.commit()
                return "recovery code"
    else:
        step = totp.accepted_step(totp.decrypt(officer.totp_secret or ""), code, officer.totp_last_step)
        if step is not None:
            officer.totp_last_step = step
            audit.record("second_factor", officer, target=f"officer:{officer.id}")
            db.session.commit()
            return "authenticator"
    _counted(attempts.count_second_factor_failure, officer.id)
    audit.record("second_factor_failed", officer, target=f"officer:{officer.id}")
    db.session.commit()
    raise AccountError("Enter the 6-digit code from your authenticator app, or an unused recovery code")


def enrol_second_factor(officer, secret, code):
    """Turn on the second factor with a new secret once a code from it checks out; returns the
    recovery codes to show once. Ends the officer's other sessions."""
    step = totp.accepted_step(secret, code, None)
    if step is None:
        raise AccountError("Enter the 6-digit code your authenticator app shows for StreetVoice", "code")
    codes, hashes = totp.new_recovery_codes()
    officer.totp_secret = totp.encrypt(secret)
    officer.totp_last_step = step
    officer.recovery_codes = [RecoveryCode(code_hash=h) for h in hashes]
    officer.session_version += 1
    audit.record("second_factor_enrolled", officer, target=f"officer:{officer.id}")
    db.session.commit()
    return codes


def change_password(officer, current, new):
    if not passwords.verify(officer.password_hash, current):
        raise AccountError("Your current password is not correct", "current")
    if current == new:
        raise AccountError("Your new password must be different from your current one", "new")
    problem = passwords.problem(new, officer.name, officer.email)
    if problem:
        raise AccountError(problem, "new")
    officer.password_hash = passwords.hash_password(new)
    officer.password_changed_at = utcnow()
    officer.must_change_password = False
    officer.session_version += 1  # every other session of this account ends
    audit.record("password_changed", officer, target=f"officer:{officer.id}")
    db.session.commit()


def confirm_password(officer, password):
    if not passwords.verify(officer.password_hash, password):
        raise AccountError("Your password is not correct", "password")
    audit.record("password_confirmed", officer, target=f"officer:{officer.id}")
    db.session.commit()


def sign_out(officer):
    """End every session of this account, on every worker."""
    officer.session_version += 1
    audit.record("sign_out", officer, target=f"officer:{officer.id}")
    db.session.commit()


def _last_active_admin(officer):
    admins = db.session.scalar(select(func.count()).select_from(Officer).filter_by(role="admin", active=True))
    return officer.role == "admin" and officer.active and admins <= 1


def set_role(officer, role, by):
    if role not in ROLES:
        raise AccountError(f"Role must be one of {', '.join(ROLES)}", "role")
    if officer.id == by.id:
        raise AccountError("You cannot change your own role: ask another admin", "role")
    if role != "admin" and _last_active_admin(officer):
        raise AccountError("There must always be at least one active admin", "role")
    old, officer.role = officer.role, role
    officer.session_version += 1
    audit.record("account_changed", by, target=f"officer:{officer.id}", role_from=old, role_to=role)
    db.session.commit()


def set_areas(officer, areas, by):
    officer.areas = list(areas)
    audit.record("account_changed", by, target=f"officer:{officer.id}", areas=[a.id for a in areas])
    db.session.commit()


def disable(officer, by=None):
    if by is not None and officer.id == by.id:
        raise AccountError("You cannot disable your own account")
    if _last_active_admin(officer):
        raise AccountError("There must always be at least one active admin")
    officer.active = False
    officer.session_version += 1
    audit.record("account_disabled", by, target=f"officer:{officer.id}")
    db.session.commit()


def enable(officer, by):
    officer.active = True
    audit.record("account_changed", by, target=f"officer:{officer.id}", active=True)
    db.session.commit()


def reset_second_factor(officer, by=None):
    """Turn the second factor off (a lost phone); the officer sets it up again at next sign-in."""
    officer.totp_secret = None
    officer.totp_last_step = None
    officer.recovery_codes = []
    officer.session_version += 1
    audit.record("second_factor_reset", by, target=f"officer:{officer.id}")
    db.session.commit()


def reset_password(officer, by):
    """A new temporary password, which must be changed at next sign-in; returns it once."""
    if officer.id == by.id:
        raise AccountError("You cannot reset your own password here: change it on your account page")
    password = temporary_password()
    officer.password_hash = passwords.hash_password(password)
    officer.must_change_password = True
    officer.session_version += 1
    audit.record("account_changed", by, target=f"officer:{officer.id}", password_reset=True)
    db.session.commit()
    return password
