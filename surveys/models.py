"""Streets, surveys and responses.

A response keeps nothing that identifies the person who gave it: no IP address, no user
agent, no cookie or session identifier, and only the hour it arrived.
"""
from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.database import db, this_hour, utcnow


class Area(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)

    streets: Mapped[list["Street"]] = relationship(back_populates="area", order_by="Street.name")


class Street(db.Model):
    __table_args__ = (UniqueConstraint("name", "postcode_district"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    postcode_district: Mapped[str] = mapped_column(String(4), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"))
    lat: Mapped[float | None]
    lon: Mapped[float | None]

    area: Mapped[Area] = relationship(back_populates="streets")

    @property
    def display_name(self):
        return f"{self.name}, {self.area.name} ({self.postcode_district})"


class Survey(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    versions: Mapped[list["SurveyVersion"]] = relationship(
        back_populates="survey", order_by="SurveyVersion.number")
    rounds: Mapped[list["Round"]] = relationship(back_populates="survey", order_by="Round.opens_on")


class SurveyVersion(db.Model):
    """One immutable version of a survey definition; answers point at the version they used."""

    __table_args__ = (UniqueConstraint("survey_id", "number"), UniqueConstraint("survey_id", "checksum"))

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    number: Mapped[int]
    checksum: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    survey: Mapped[Survey] = relationship(back_populates="versions")


class Round(db.Model):
    """A period during which a survey is open, so rounds can be compared."""

    __table_args__ = (UniqueConstraint("survey_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"))
    slug: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)

    survey: Mapped[Survey] = relationship(back_populates="rounds")

    def is_open(self, on: date) -> bool:
        return self.opens_on <= on <= self.closes_on


class Response(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), index=True)
    street_id: Mapped[int] = mapped_column(ForeignKey("street.id"), index=True)
    audience: Mapped[str] = mapped_column(String(40))
    # "online" for a resident's own answers, "assisted" when an officer entered them, "paper"
    # when an analyst imported them from paper forms.
    channel: Mapped[str] = mapped_column(String(20), default="online")
    submitted_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=this_hour)

    version: Mapped[SurveyVersion] = relationship()
    round: Mapped[Round] = relationship()
    street: Mapped[Street] = relationship()
    answers: Mapped[list["Answer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="Answer.id")


class Answer(db.Model):
    """One answer value; a multiple-choice question stores one row per option chosen."""

    # (id, response_id): the response of an answer without reading the answer's row. The
    # insights counts join every tagged answer to its response; with this index PostgreSQL can
    # merge the tags with a narrow index instead of scanning the whole table with its texts
    # (benchmarks/insights.py: half the time of those queries at 100,000 responses).
    __table_args__ = (Index("ix_answer_id_response_id", "id", "response_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    # No index on value: free text can be longer than a PostgreSQL btree entry allows.
    question_id: Mapped[str] = mapped_column(String(80), index=True)
    value: Mapped[str] = mapped_column(Text)

    response: Mapped[Response] = relationship(back_populates="answers")


class Draft(db.Model):
    """Answers in progress, kept server-side so long free text never sits in a cookie.

    Deleted in the same transaction that stores the response, when the resident leaves
    through "Exit this page", or after DRAFT_LIFETIME_HOURS.
    """

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow, index=True)


class Feedback(db.Model):
    """Feedback on the service from the beta banner link; no identifying data kept."""

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    page: Mapped[str] = mapped_column(String(300))
    submitted_hour: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=this_hour)
