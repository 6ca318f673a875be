"""The audit log: who did what in the officer area, append-only.

Every service that signs someone in, shows raw answer text, actions a safeguarding flag,
exports, edits the codebook, retrains or changes an account calls `record()` inside its own
transaction, so the entry is written if and only if the thing it describes happened.

An entry never holds answer text or a secret: only who, when, what, which object (by id) and
a few plain details (counts, a role, the reason an officer typed). Nobody can change or delete
an entry: the app has no route that does, the ORM refuses, and a database trigger (see the
migration) refuses UPDATE and DELETE on the table for anything else.
"""
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from surveys.database import utcnow

#: Every action the log knows, with the words the audit page shows for it.
ACTIONS = {
    "sign_in": "Signed in",
    "sign_in_failed": "Sign-in failed",
    "sign_in_limited": "Sign-in refused: too many attempts",
    "second_factor": "Second factor accepted",
    "second_factor_failed": "Second factor refused",
    "recovery_code_used": "Recovery code used",
    "second_factor_enrolled": "Second factor set up",
    "second_factor_reset": "Second factor reset",
    "sign_out": "Signed out",
    "password_changed": "Password changed",
    "password_confirmed": "Password confirmed for a sensitive action",
    "raw_text_viewed": "Original answer text viewed",
    "response_reviewed": "Response reviewed",
    "safeguarding_actioned": "Safeguarding flag actioned",
    "export": "Responses exported",
    "import": "Paper responses imported",
    "assisted_response": "Assisted response entered",
    "codebook_changed": "Codebook changed",
    "retrained": "Theme model retrained",
    "reanalysed": "Answers re-analysed with the codebook and model in use",
    "account_created": "Account created",
    "account_changed": "Account changed",
    "account_disabled": "Account disabled",
    "retention_run": "Retention run",
    "published": "Publication changed (public rounds, \u201cyou said, we did\u201d, quotes)",
}


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str | None] = mapped_column(String(80))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    officer = relationship("Officer")

    @property
    def action_text(self):
        return ACTIONS.get(self.action, self.action)


def record(action, officer=None, target=None, **detail):
    """Add an entry to the current transaction; the caller's service commits it."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    officer_id = officer if isinstance(officer, int) or officer is None else officer.id
    db.session.add(AuditEvent(action=action, officer_id=officer_id, target=target, detail=detail))


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _append_only(_mapper, _connection, _target):
    raise RuntimeError("The audit log is append-only")
