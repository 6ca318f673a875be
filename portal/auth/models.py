"""Officer accounts, their second factor and the areas they work in.

An officer's session is only as good as the account's `session_version`: the session keeps
the version it was made with (Flask-Login's alternative id, "<id>:<version>"), and signing
out, a password change or deactivation bumps it, so every other session of that account ends
on its next request, on every worker.
"""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Column, DateTime, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db, login_manager
from surveys.database import utcnow
from surveys.models import Area

#: Roles in rising order of what they may do; each role may do everything the ones before it may.
ROLES = ("officer", "analyst", "admin")

officer_area = Table(
    "officer_area", db.metadata,
    Column("officer_id", ForeignKey("officer.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("area.id", ondelete="CASCADE"), primary_key=True),
)


class Officer(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20), default="officer")
    password_hash: Mapped[str] = mapped_column(String(255))
    # The TOTP secret, encrypted at rest (portal.auth.totp); None until the officer enrols.
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    # The last 30-second time step a code was accepted for: a code is never accepted twice.
    totp_last_step: Mapped[int | None]
    active: Mapped[bool] = mapped_column(default=True)
    session_version: Mapped[int] = mapped_column(default=1)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # Object-level scope: an officer with areas sees only responses from streets in them;
    # with none, the whole force area. Analysts and admins always see everything.
    areas: Mapped[list[Area]] = relationship(secondary=officer_area, order_by=Area.name)
    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(
        back_populates="officer", cascade="all, delete-orphan")

    @property
    def is_active(self):
        return self.active

    @property
    def has_second_factor(self):
        return self.totp_secret is not None

    def get_id(self):
        return f"{self.id}:{self.session_version}"

    def can(self, role):
        """True if this officer's role includes `role` (admin > analyst > officer)."""
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def area_ids(self):
        """Area ids this officer is limited to, or None for every area."""
        if self.can("analyst") or not self.areas:
            return None
        return {a.id for a in self.areas}


class RecoveryCode(db.Model):
    """A one-time recovery code, stored as a salted SHA-256 (codes are 50 random bits, so a
    slow hash adds nothing but delay); `used_at` is set when it is spent."""

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(160))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    officer: Mapped[Officer] = relationship(back_populates="recovery_codes")


@login_manager.user_loader
def load_officer(alternative_id):
    """The signed-in officer, if the session's account version is still current."""
    officer_id, _sep, version = str(alternative_id).partition(":")
    if not (officer_id.isdigit() and version.isdigit()):
        return None
    officer = db.session.get(Officer, int(officer_id))
    if officer is None or not officer.active or officer.session_version != int(version):
        return None
    return officer
