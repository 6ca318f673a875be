from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db, login_manager
from surveys.database import utcnow

ROLES = ("officer", "analyst", "admin")


class Officer(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20), default="officer")
    password_hash: Mapped[str] = mapped_column(String(255))
    # Base32 TOTP secret, set when the officer enrols in two-factor at first sign-in.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def is_active(self):
        return self.active


@login_manager.user_loader
def load_officer(officer_id):
    officer = db.session.get(Officer, int(officer_id)) if str(officer_id).isdigit() else None
    return officer if officer and officer.active else None
