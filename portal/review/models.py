"""What the machine made of each free-text answer, and what officers decided about it.

These tables belong to the officer workspace, not to `surveys`: they hold keys into the
officer table, and the survey domain must not depend on the portal.

Times: anything the machine did when an answer arrived is kept to the hour, as the response
is; what an officer did is kept to the second (officers are accountable, residents anonymous).
"""
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from surveys.database import this_hour, utcnow
from surveys.models import Answer

#: Where a safeguarding flag can be, with the words the pages use for it.
FLAG_STATUSES = {
    "open": "Open",
    "referred": "Referred",
    "no_further_action": "No further action",
    "not_a_disclosure": "Cleared: not a disclosure",
}


class AnswerAnalysis(db.Model):
    """What the analysis engine made of one free-text answer. Machine output: never edited by
    hand, only replaced by a re-analysis with a newer codebook or model (which keeps every
    safeguarding category raised before); officers' corrections are AnswerTag rows of their own."""

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), unique=True)
    redacted_text: Mapped[str] = mapped_column(Text, default="")
    tone: Mapped[float | None]
    # Safeguarding categories the machine has raised, joined by ";" (empty when none). The
    # flags officers work on are SafeguardingFlag rows, one per category.
    safeguarding: Mapped[str] = mapped_column(String(200), default="", index=True)
    safeguarding_evidence: Mapped[list] = mapped_column(JSON, default=list)
    # How close the machine came to a different decision on some theme (0 sure, 1 on the
    # line): the review queue asks officers about the least sure answers first.
    uncertainty: Mapped[float] = mapped_column(default=0.0, index=True)
    error: Mapped[str | None] = mapped_column(Text)
    codebook_id: Mapped[str] = mapped_column(String(80))
    codebook_version: Mapped[int]
    codebook_fingerprint: Mapped[str] = mapped_column(String(64))
    model_version: Mapped[str | None] = mapped_column(String(64))
    # The learned safeguarding model's file hash (its flags carry evidence source "model";
    # the rules' carry "safeguarding:<category>"), so a flag can be traced to what raised it.
    safeguarding_model: Mapped[str | None] = mapped_column(String(64))
    analysed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=this_hour)
    # Set when the retention policy replaced the raw answer with its redacted text.
    raw_deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    answer: Mapped[Answer] = relationship()


class AnswerTag(db.Model):
    """One theme on one answer, with its provenance.

    `assigned_by_id` is None for the machine and an officer's id for a person; `source`
    says which ("codebook", "model" or "officer"). A tag an officer rejects is kept with
    `active` False, so who decided what is never lost.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[str] = mapped_column(String(80), index=True)
    score: Mapped[float | None]
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(20))
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    codebook_id: Mapped[str] = mapped_column(String(80))
    codebook_version: Mapped[int]
    model_version: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=this_hour)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    assigned_by = relationship("Officer", foreign_keys=[assigned_by_id])
    reviewed_by = relationship("Officer", foreign_keys=[reviewed_by_id])

    @property
    def by_machine(self):
        return self.assigned_by_id is None


class SafeguardingFlag(db.Model):
    """One safeguarding category raised on one answer, and what an officer did about it.

    Raised by the rules or the learned model (`source`), with the evidence that raised it,
    at the hour. A re-analysis never withdraws a flag and never raises the same category on
    the same answer twice (even after an officer closed it): only an officer closes a flag,
    saying what was done.
    """

    __table_args__ = (UniqueConstraint("answer_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(20))  # "rule" or "model"
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    raised_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=this_hour)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    referred_to: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    actioned_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    actioned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    answer: Mapped[Answer] = relationship()
    actioned_by = relationship("Officer")

    @property
    def is_open(self):
        return self.status == "open"

    @property
    def status_text(self):
        return FLAG_STATUSES[self.status]


class AnswerReview(db.Model):
    """One officer's review of one answer: the themes they decided it has.

    The answer's tags say what is believed now; these rows keep each officer's own decision,
    so agreement between officers (on answers reviewed twice) and between officers and the
    machine can be measured.
    """

    __table_args__ = (UniqueConstraint("answer_id", "officer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    # A second, blind review (the officer saw the machine's suggestions, not the first review).
    blind: Mapped[bool] = mapped_column(default=False)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    answer: Mapped[Answer] = relationship()
    officer = relationship("Officer")


class ResponseEntry(db.Model):
    """Who entered a response on a resident's behalf: at the door or on the phone
    ("assisted"), or from a paper form ("paper"). Online responses have no row."""

    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))

    officer = relationship("Officer")
