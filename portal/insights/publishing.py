"""What analysts publish, each change audited: rounds on the public page, "you said, we did",
quotes. Services own the transactions."""
from sqlalchemy import select

from analysis.redact import redact
from portal import audit
from portal.extensions import db
from portal.insights import services
from portal.insights.models import Action, PublishedQuote, ResultsSnapshot
from portal.review.models import AnswerAnalysis
from surveys.models import Answer, Round, Survey


class PublishError(ValueError):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def add_action(officer, form):
    action = Action(theme_id=form.theme.data, area_id=int(form.area.data) if form.area.data else None,
                    said=form.said.data, did=form.did.data, done_on=form.done_on.data, done_by=form.done_by.data,
                    published=bool(form.published.data), created_by_id=officer.id)
    db.session.add(action)
    db.session.flush()
    audit.record("published", officer, target=f"action:{action.id}", change="action added",
                 public=action.published)
    db.session.commit()
    return action


def toggle_action(officer, action_id):
    action = db.session.get(Action, action_id)
    if action is None:
        return None
    action.published = not action.published
    audit.record("published", officer, target=f"action:{action.id}",
                 change="action published" if action.published else "action withdrawn")
    db.session.commit()
    return action


def publish_rounds(officer, round_ids):
    """Snapshot the counts of the chosen rounds (per survey; the newest snapshot is shown).
    With no rounds, the public page shows nothing."""
    rounds = db.session.scalars(select(Round).where(Round.id.in_(round_ids))).all() if round_ids else []
    surveys = {r.survey for r in rounds} or {s for s in db.session.scalars(select(Survey))}
    for survey in sorted(surveys, key=lambda s: s.id):
        mine = [r.id for r in rounds if r.survey_id == survey.id]
        data = services.counted_rows(survey, mine) if mine else {}
        db.session.add(ResultsSnapshot(survey_id=survey.id, round_ids=mine, data=data, published_by_id=officer.id))
    audit.record("published", officer, target="rounds", change="public rounds", rounds=sorted(round_ids))
    db.session.commit()


def approve_quote(officer, answer_id, theme, text):
    """A quote from an answer with no open or confirmed safeguarding flag, redacted again as
    typed by the analyst (a name they left in is still removed)."""
    answer = db.session.get(Answer, int(answer_id)) if str(answer_id).isdigit() else None
    if answer is None or db.session.scalar(select(AnswerAnalysis.id).filter_by(answer_id=answer.id)) is None:
        raise PublishError("Choose an answer to quote from its response page", "text")
    if not services.answer_is_publishable(answer.id):
        raise PublishError("This answer has a safeguarding flag: it cannot be quoted", "text")
    clean = redact(text).text
    quote = db.session.scalar(select(PublishedQuote).filter_by(answer_id=answer.id)) or PublishedQuote(
        answer_id=answer.id, approved_by_id=officer.id)
    quote.theme_id, quote.text, quote.approved_by_id = theme, clean, officer.id
    db.session.add(quote)
    db.session.flush()
    audit.record("published", officer, target=f"quote:{quote.id}", change="quote approved", answer=answer.id)
    db.session.commit()
    return quote


def prefill_quote(form, answer_id):
    """The quote form for one answer: its redacted text, to shorten. Nothing for an answer that
    cannot be quoted (the form is not shown)."""
    analysis = db.session.scalar(select(AnswerAnalysis).filter_by(answer_id=answer_id))
    if analysis is None or not services.answer_is_publishable(answer_id):
        return
    form.answer_id.data = str(answer_id)
    form.text.data = analysis.redacted_text


def remove_quote(officer, quote_id):
    quote = db.session.get(PublishedQuote, quote_id)
    if quote is None:
        return False
    db.session.delete(quote)
    audit.record("published", officer, target=f"quote:{quote_id}", change="quote withdrawn")
    db.session.commit()
    return True
