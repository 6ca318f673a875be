"""Safeguarding flags: the list officers work from, the force's guidance, and actioning.

A flag is closed only by an officer, saying what was done: referred (to whom), no further
action (why), or not a disclosure (why). The time a flag was raised is kept to the hour, like
the response; when and by whom it was actioned is kept exactly.
"""
from pathlib import Path

import yaml
from flask import current_app
from sqlalchemy import select

from analysis.safeguarding import CATEGORIES
from portal import audit
from portal.extensions import db
from portal.review.models import SafeguardingFlag
from portal.review.services import scoped
from surveys.database import utcnow
from surveys.models import Answer, Response

DEFAULT_GUIDANCE = Path(__file__).with_name("safeguarding_guidance.yaml")
OUTCOMES = {"referred": "Referred to another team or agency",
            "no_further_action": "No further action",
            "not_a_disclosure": "Not a disclosure: clear the flag"}


class FlagError(ValueError):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def guidance():
    """{category: {"label", "do", "tell"}} from SAFEGUARDING_GUIDANCE (the force's words), or the
    built-in default. Read on each call: the file is small and a force edits it while running."""
    path = Path(current_app.config.get("SAFEGUARDING_GUIDANCE") or DEFAULT_GUIDANCE)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for category in CATEGORIES:
        entry = data.get(category) or {}
        out[category] = {"label": entry.get("label", category.replace("_", " ").capitalize()),
                         "do": entry.get("do", ""), "tell": entry.get("tell", "")}
    return out


def open_flags(officer):
    """Open flags the officer may see, oldest first, with their answers and responses."""
    query = scoped(select(SafeguardingFlag).join(Answer, Answer.id == SafeguardingFlag.answer_id)
                   .join(Response, Response.id == Answer.response_id)
                   .where(SafeguardingFlag.status == "open")
                   .order_by(SafeguardingFlag.raised_hour, SafeguardingFlag.id), officer)
    return db.session.scalars(query).all()


def recently_closed(officer, limit=20):
    query = scoped(select(SafeguardingFlag).join(Answer, Answer.id == SafeguardingFlag.answer_id)
                   .join(Response, Response.id == Answer.response_id)
                   .where(SafeguardingFlag.status != "open")
                   .order_by(SafeguardingFlag.actioned_at.desc()).limit(limit), officer)
    return db.session.scalars(query).all()


def flag_for(flag_id, officer):
    query = scoped(select(SafeguardingFlag).join(Answer, Answer.id == SafeguardingFlag.answer_id)
                   .join(Response, Response.id == Answer.response_id)
                   .where(SafeguardingFlag.id == flag_id), officer)
    return db.session.scalar(query)


def action(flag, officer, outcome, referred_to, reason):
    """Close an open flag with what was done."""
    if not flag.is_open:
        raise FlagError("This flag has already been actioned by someone else. Check what they recorded.")
    if outcome not in OUTCOMES:
        raise FlagError("Select what was done", "outcome")
    if outcome == "referred" and not referred_to:
        raise FlagError("Enter who it was referred to", "referred_to")
    if outcome != "referred" and not reason:
        raise FlagError("Enter why no further action is needed" if outcome == "no_further_action"
                        else "Enter why this is not a disclosure", "reason")
    flag.status, flag.referred_to, flag.reason = outcome, referred_to or None, reason or None
    flag.actioned_by_id, flag.actioned_at = officer.id, utcnow()
    audit.record("safeguarding_actioned", officer, target=f"flag:{flag.id}", category=flag.category,
                 outcome=outcome, response=flag.answer.response_id)
    db.session.commit()
