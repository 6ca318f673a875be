"""Stored codebook versions and trained theme models.

The codebook an analyst edits in the browser lives in the database, one row per saved
version, so every worker and every app server sees a new version on its next analysis
(`portal.tagging.analyser()` is cached on the ids of the rows in use, not on a file path).
Models trained from officers' reviews live here too, as the bytes `analysis` saves.
"""
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from surveys.database import utcnow


class CodebookVersion(db.Model):
    """One saved version of a codebook: the whole document as `analysis` parses it."""

    __table_args__ = (UniqueConstraint("codebook_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codebook_id: Mapped[str] = mapped_column(String(80))
    version: Mapped[int]
    document: Mapped[dict] = mapped_column(JSON)
    fingerprint: Mapped[str] = mapped_column(String(64))
    # What changed, in words ("Merged 'x' into 'y'"), and for merges the mapping old -> new,
    # so counts over time can follow a theme into the one it became.
    note: Mapped[str] = mapped_column(Text, default="")
    merged: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    created_by = relationship("Officer")


class ThemeModel(db.Model):
    """A theme model trained from officer-reviewed answers, with how well it agreed with
    officers before and after (per-theme precision, recall, F1 and Krippendorff's alpha)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    codebook_version_id: Mapped[int] = mapped_column(ForeignKey("codebook_version.id"))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[str] = mapped_column(String(64))  # sha256 of the bytes, first 16 hex digits
    n_train: Mapped[int]
    agreement_before: Mapped[dict] = mapped_column(JSON, default=dict)
    agreement_after: Mapped[dict] = mapped_column(JSON, default=dict)
    trained_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    trained_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    codebook_version = relationship(CodebookVersion)
    trained_by = relationship("Officer")
