"""The retention policy: original free text is kept for RAW_TEXT_RETENTION_DAYS after its
survey round closes, then replaced by its redacted text.

What `run()` does, in batches that each commit (a run stopped half way is finished by the
next one):
- analyses any free-text answer not analysed yet, so every answer has a redacted text;
- for each free-text answer of a round that closed more than the retention period ago, whose
  original text is still there: the answer's value becomes its redacted text
  (AnswerAnalysis.redacted_text) and AnswerAnalysis.raw_deleted_at is set. Themes, flags and
  reviews stay. Their evidence quoted the resident's words with offsets into the original
  text: each quote is replaced by the same stretch of the redacted text, its offsets moved to
  match (or, if the redaction cannot be lined up, the quote is redacted on its own and its
  offsets dropped), so no copy of the original survives in the evidence either;
- deletes service feedback sent more than the retention period ago;
- records the counts in the audit log.
"""
from collections import defaultdict
from datetime import date, timedelta
from itertools import islice

from flask import current_app
from sqlalchemy import delete, select

from analysis.redact import redact
from portal import audit
from portal.extensions import db
from portal.review.models import AnswerAnalysis, AnswerTag, SafeguardingFlag
from portal.tagging import analyse_pending, free_text_condition
from surveys.database import this_hour, utcnow
from surveys.models import Answer, Feedback, Response, Round

BATCH = 500


def period_words(days):
    """'2 years', '1 year', '90 days': the retention period as the privacy notice says it."""
    if days and days % 365 == 0:
        years = days // 365
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def _expired_answers(cutoff):
    return (select(Answer.id).join(Response, Response.id == Answer.response_id)
            .join(Round, Round.id == Response.round_id)
            .join(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
            .where(Round.closes_on < cutoff, AnswerAnalysis.raw_deleted_at.is_(None), free_text_condition())
            .order_by(Answer.id))


def run(today=None):
    """Apply the policy now; returns the counts it printed and audited."""
    days = current_app.config["RAW_TEXT_RETENTION_DAYS"]
    today = today or date.today()
    cutoff = today - timedelta(days=days)
    analysed = analyse_pending()["analysed"]
    ids = iter(db.session.scalars(_expired_answers(cutoff)).all())
    replaced = 0
    while chunk := list(islice(ids, BATCH)):
        replaced += _replace(chunk)
        db.session.commit()
    feedback_cutoff = utcnow() - timedelta(days=days)
    feedback = db.session.execute(delete(Feedback).where(Feedback.submitted_hour < feedback_cutoff)).rowcount
    counts = {"days": days, "answers": replaced, "analysed_first": analysed, "feedback": feedback}
    audit.record("retention_run", None, target="answers", **counts)
    db.session.commit()
    return counts


def _replace(answer_ids):
    """Replace the original text of these answers (and every quote of it) by the redacted text."""
    pairs = db.session.execute(select(Answer, AnswerAnalysis).join(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
                               .where(Answer.id.in_(answer_ids))).all()
    tags, flags = defaultdict(list), defaultdict(list)
    for tag in db.session.scalars(select(AnswerTag).where(AnswerTag.answer_id.in_(answer_ids))):
        tags[tag.answer_id].append(tag)
    for flag in db.session.scalars(select(SafeguardingFlag).where(SafeguardingFlag.answer_id.in_(answer_ids))):
        flags[flag.answer_id].append(flag)
    now = this_hour()  # a row of a resident's answer: the hour only, like every other
    for answer, analysis in pairs:
        scrub = _scrubber(answer.value, analysis.redacted_text)
        analysis.safeguarding_evidence = scrub(analysis.safeguarding_evidence)
        for row in tags[answer.id] + flags[answer.id]:
            row.evidence = scrub(row.evidence)
        answer.value = analysis.redacted_text
        analysis.raw_deleted_at = now
    return len(pairs)


def _scrubber(original, redacted):
    """A function that rewrites a list of evidence dicts to quote `redacted`, not `original`."""
    try:
        redaction = redact(original)
    except Exception:  # noqa: BLE001 - never keep a quote because the redactor failed
        redaction = None
    position = _position_map(original, redaction) if redaction and redaction.text == redacted else None

    def scrub(evidence):
        out = []
        for item in evidence or ():
            item = dict(item)
            try:
                start, end = int(item["start"]), int(item["end"])
            except (KeyError, TypeError, ValueError):
                start = end = None
            if position is not None and start is not None and 0 <= start <= end <= len(original):
                item["start"], item["end"] = position(start, False), position(end, True)
                item["term"] = redacted[item["start"]:item["end"]]
            else:
                item.pop("start", None)
                item.pop("end", None)
                item["term"] = _redact_alone(str(item.get("term", "")))
            out.append(item)
        return out
    return scrub


def _redact_alone(text):
    try:
        return redact(text).text
    except Exception:  # noqa: BLE001
        return ""


def _position_map(original, redaction):
    """position(offset in the original, is_end) -> offset in the redacted text, or None if the
    spans do not rebuild the redacted text (then offsets cannot be trusted)."""
    spans = sorted(redaction.spans, key=lambda s: s.start)
    rebuilt, i = [], 0
    for span in spans:
        if span.start < i:
            return None
        rebuilt += [original[i:span.start], span.placeholder]
        i = span.end
    if "".join(rebuilt) + original[i:] != redaction.text:
        return None

    def position(offset, is_end):
        shift = 0
        for span in spans:
            if offset < span.start or (is_end and offset == span.start):
                break
            if offset < span.end or (is_end and offset == span.end):
                # Inside a removed piece: the quote takes in all of its placeholder.
                return span.start + shift + (len(span.placeholder) if is_end else 0)
            shift += len(span.placeholder) - (span.end - span.start)
        return offset + shift
    return position
