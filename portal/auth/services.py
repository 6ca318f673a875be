"""Creating officer accounts; passwords hashed with Argon2id."""
import re

from argon2 import PasswordHasher
from sqlalchemy import select

from portal.auth.models import ROLES, Officer
from portal.extensions import db

hasher = PasswordHasher()
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 12


class AccountError(ValueError):
    pass


def create_officer(email, name, password, role="officer"):
    email = (email or "").strip().lower()
    name = " ".join((name or "").split())
    if not EMAIL.match(email) or len(email) > 254:
        raise AccountError("Enter an email address in the correct format, like name@example.police.uk")
    if not name or len(name) > 120:
        raise AccountError("Enter the officer's name (120 characters or fewer)")
    if role not in ROLES:
        raise AccountError(f"Role must be one of {', '.join(ROLES)}")
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"Password must be {MIN_PASSWORD} characters or more")
    if db.session.scalar(select(Officer).filter_by(email=email)):
        raise AccountError(f"An officer with the email {email} already exists")
    officer = Officer(email=email, name=name, role=role, password_hash=hasher.hash(password))
    db.session.add(officer)
    db.session.commit()
    return officer
