"""What an analyst publishes: which rounds' results residents see, the quotes approved for
publication, and "you said, we did" (what was heard, and what was done about it)."""
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from surveys.database import utcnow
from surveys.models import Answer, Area, Round


class PublishedRound(db.Model):
    """A round whose results are on the public /results page."""

    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), primary_key=True)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    round: Mapped[Round] = relationship()
    published_by = relationship("Officer")


class Action(db.Model):
    """You said, we did: a theme residents raised (in an area, or everywhere), and what was done."""

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[str] = mapped_column(String(80), index=True)
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id", ondelete="SET NULL"))
    said: Mapped[str] = mapped_column(Text)
    did: Mapped[str] = mapped_column(Text)
    done_on: Mapped[date] = mapped_column(Date)
    done_by: Mapped[str] = mapped_column(String(200))  # the team or partner, in public words
    published: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    area: Mapped[Area | None] = relationship()
    created_by = relationship("Officer")


class PublishedQuote(db.Model):
    """A resident's words an analyst approved for publication: the redacted text, possibly
    shortened by the analyst, never with its street or time, and only from an answer with no
    safeguarding flag that is not cleared."""

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id", ondelete="CASCADE"), unique=True)
    theme_id: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    approved_by_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    approved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    answer: Mapped[Answer] = relationship()
    approved_by = relationship("Officer")
