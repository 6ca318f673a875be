"""Reading accounts and the audit log for admins. Changes to accounts go through
portal/auth/services.py, which audits each one; nothing here writes."""
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.audit import ACTIONS, AuditEvent
from portal.auth.models import Officer
from portal.extensions import db
from portal.officer.filters import LOCAL
from portal.urlfilters import UrlFilters
from surveys.models import Area

PAGE_SIZE = 50


def accounts():
    """Every account with its areas, by name (two queries)."""
    return db.session.scalars(select(Officer).options(selectinload(Officer.areas)).order_by(Officer.name)).all()


def account(officer_id):
    return db.session.get(Officer, officer_id)


def areas():
    return db.session.scalars(select(Area).order_by(Area.name)).all()


def areas_by_ids(ids):
    wanted = {int(i) for i in ids if str(i).isdigit()}
    return [a for a in areas() if a.id in wanted]


@dataclass(frozen=True)
class AuditFilters(UrlFilters):
    """The audit log's filters, as they appear in the URL (dates as YYYY-MM-DD, UK days)."""

    MAX_LENGTH = 40
    NUMERIC = ("officer",)

    action: str = ""
    officer: str = ""
    date_from: str = ""
    date_to: str = ""

    @classmethod
    def clean(cls, values):
        if values["action"] not in ACTIONS:
            values["action"] = ""
        return values

    def problems(self):
        """{field: message} for dates that are not real dates or the wrong way round."""
        out = {}
        for name, label in (("date_from", "From"), ("date_to", "To")):
            if getattr(self, name) and _date(getattr(self, name)) is None:
                out[name] = f"{label} must be a real date, like 2026-12-01"
        start, end = _date(self.date_from), _date(self.date_to)
        if start and end and end < start:
            out["date_to"] = "To must be the same as or after From"
        return out


def _date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _start_of(day):
    """The first moment of a UK calendar day, in UTC (as the log stores times)."""
    return datetime.combine(day, time.min, tzinfo=LOCAL).astimezone(UTC)


def audit_events(filters, page=1, page_size=PAGE_SIZE):
    """(events on this page, newest first, with their officers; total matching)."""
    query = select(AuditEvent)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.officer:
        query = query.where(AuditEvent.officer_id == int(filters.officer))
    start, end = _date(filters.date_from), _date(filters.date_to)
    if start:
        query = query.where(AuditEvent.at >= _start_of(start))
    if end:
        query = query.where(AuditEvent.at < _start_of(end + timedelta(days=1)))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    events = db.session.scalars(query.options(selectinload(AuditEvent.officer))
                                .order_by(AuditEvent.id.desc())
                                .limit(page_size).offset((max(page, 1) - 1) * page_size)).all()
    return events, total


def officer_choices():
    return [(str(i), f"{name} ({email})") for i, name, email in
            db.session.execute(select(Officer.id, Officer.name, Officer.email).order_by(Officer.name))]
