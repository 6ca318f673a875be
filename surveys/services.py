"""The survey domain's work: storing definitions, drafts and responses.

Services own transactions: views call these functions and never commit.
"""
import secrets
from datetime import date, timedelta
from functools import lru_cache

from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import contains_eager, defer

from surveys import definitions, signals
from surveys.database import db, utcnow
from surveys.models import Answer, Area, Draft, Feedback, Response, Round, Street, Survey, SurveyVersion


class IncompleteAnswers(Exception):
    """The draft lacks a required answer (or holds a stale one); carries the page to revisit."""

    def __init__(self, page_id):
        super().__init__(page_id)
        self.page_id = page_id


def store_definition(definition):
    """Store a validated definition; returns (version, created).

    An unchanged definition returns the existing version; a changed one becomes the next
    version number. Rounds are matched by id and updated in place.
    """
    survey = db.session.scalar(select(Survey).filter_by(slug=definition.slug))
    if survey is None:
        survey = Survey(slug=definition.slug, title=definition.title)
        db.session.add(survey)
        db.session.flush()
    survey.title = definition.title
    checksum = definition.checksum
    version = db.session.scalar(select(SurveyVersion).filter_by(survey_id=survey.id, checksum=checksum))
    created = version is None
    if created:
        number = (db.session.scalar(select(func.max(SurveyVersion.number)).filter_by(survey_id=survey.id)) or 0) + 1
        version = SurveyVersion(survey=survey, number=number, checksum=checksum,
                                definition=_jsonable(definition.raw))
        db.session.add(version)
    existing = {r.slug: r for r in survey.rounds}
    for spec in definition.rounds:
        round_ = existing.get(spec.id) or Round(survey=survey, slug=spec.id)
        round_.name, round_.opens_on, round_.closes_on = spec.name, spec.opens, spec.closes
        db.session.add(round_)
    db.session.commit()
    return version, created


def _jsonable(raw):
    """YAML dates become ISO strings so the definition can sit in a JSON column."""
    if isinstance(raw, dict):
        return {k: _jsonable(v) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_jsonable(v) for v in raw]
    if isinstance(raw, date):
        return raw.isoformat()
    return raw


@lru_cache(maxsize=64)
def _parsed(version_id, checksum, source):
    return definitions.parse(db.session.get(SurveyVersion, version_id).definition, source=source)


def definition_for(version):
    """The parsed definition of a stored version (cached: versions never change)."""
    return _parsed(version.id, version.checksum, f"{version.survey.slug} v{version.number}")


def latest_version(slug):
    """The newest version of a survey, or None: one query for the version and its survey, and
    not every version's definition (the JSON is read only when a version is first parsed:
    definition_for caches it). Every page of the journey asks, so it is kept to one query."""
    return db.session.scalar(
        select(SurveyVersion).join(SurveyVersion.survey).where(Survey.slug == slug)
        .options(contains_eager(SurveyVersion.survey), defer(SurveyVersion.definition))
        .order_by(SurveyVersion.number.desc()).limit(1))


def open_round(survey, on):
    """The round open on a date (the latest-opened if several overlap), or None."""
    open_rounds = [r for r in survey.rounds if r.is_open(on)]
    return open_rounds[-1] if open_rounds else None


def street_choices(district=None):
    """(id, "Street, Area (TS1)") pairs for the street question, optionally one district only."""
    query = (select(Street.id, Street.name, Area.name, Street.postcode_district)
             .join(Area).order_by(Street.name, Area.name))
    if district:
        query = query.where(Street.postcode_district == normalise_district(district))
    return [(sid, f"{name}, {area} ({pd})") for sid, name, area, pd in db.session.execute(query)]


def street_label(street_id):
    """"Street, Area (TS1)" for one street, or "" if it no longer exists."""
    street = db.session.get(Street, int(street_id))
    return street.display_name if street else ""


def normalise_district(value):
    return "".join((value or "").split()).upper()


def _fresh():
    """SQL: the draft is younger than its lifetime. Checked whenever a draft is read, not only
    by the hourly purge, so an old draft is never picked up again in the meantime."""
    hours = current_app.config["DRAFT_LIFETIME_HOURS"]
    return Draft.updated_at >= utcnow() - timedelta(hours=hours)


def get_draft(token):
    """The resident's unfinished answers, if they exist and are within their lifetime."""
    if not token or not isinstance(token, str) or len(token) > 64:
        return None
    return db.session.scalar(select(Draft).where(Draft.token == token, _fresh()))


def save_answers(token, version, answers, draft=None):
    """Merge one page's answers into the draft, creating it if needed; returns the token.
    `draft`: the draft the caller has just read for `token` (get_draft), not read again."""
    if draft is None:
        draft = get_draft(token)
    if draft is None or draft.survey_version_id != version.id:
        draft = Draft(token=secrets.token_urlsafe(32), survey_version_id=version.id, answers={})
        db.session.add(draft)
    draft.answers = {**draft.answers, **answers}
    token = draft.token  # read before the commit expires it (reading it after costs a query)
    db.session.commit()
    return token


def discard_draft(token):
    if token:
        db.session.execute(delete(Draft).where(Draft.token == token))
        db.session.commit()


def purge_expired_drafts(max_age_hours):
    cutoff = utcnow() - timedelta(hours=max_age_hours)
    removed = db.session.execute(delete(Draft).where(Draft.updated_at < cutoff)).rowcount
    db.session.commit()
    return removed


def check_complete(definition, answers):
    """Raise IncompleteAnswers naming the first page whose answers are missing or invalid."""
    for page in definition.pages:
        for question in page.questions:
            value = answers.get(question.id)
            if question.required and value in (None, "", []):
                raise IncompleteAnswers(page.id)
            if question.type == "street" and value and db.session.get(Street, int(value)) is None:
                raise IncompleteAnswers(page.id)


def submit(token, version, round_, channel="online"):
    """Store the draft as one response, in one transaction; None if it was already sent.

    The draft row is deleted with RETURNING in the same statement that claims it, so a
    second submission of the same journey (a double click, a resent form) finds nothing
    and stores nothing, on SQLite and PostgreSQL alike. An incomplete draft is put back
    (rolled back) and IncompleteAnswers names the page to revisit.
    """
    definition = definition_for(version)
    claimed = db.session.execute(
        delete(Draft).where(Draft.token == token, _fresh()).returning(Draft.answers)
        .execution_options(synchronize_session=False)).scalar_one_or_none()
    if claimed is None:
        db.session.rollback()
        return None
    try:
        check_complete(definition, claimed)
    except IncompleteAnswers:
        db.session.rollback()
        raise
    response = new_response(definition, version, round_, claimed, channel)
    db.session.add(response)
    db.session.flush()
    signals.response_storing.send(None, response=response, channel=channel)
    db.session.commit()
    signals.response_stored.send(None, response_id=response.id)
    return response


def new_response(definition, version, round_, answers, channel):
    """A Response (not yet added to the session) holding `answers`, {question id: value or list
    of values}, already checked against `definition`; empty values are not stored."""
    response = Response(survey_version_id=version.id, round_id=round_.id, channel=channel,
                        **response_columns(definition, answers))
    response.answers.extend(Answer(question_id=qid, value=value) for qid, value in answer_values(definition, answers))
    return response


def response_columns(definition, answers):
    """The street and audience a response is filed under, from its answers."""
    kinds = {q.type: q.id for q in definition.questions if q.type in ("street", "audience")}
    return {"street_id": int(answers[kinds["street"]]), "audience": answers[kinds["audience"]]}


def answer_values(definition, answers):
    """(question id, value) for each Answer row to store: one per option chosen of a multiple
    choice; empty answers are not stored."""
    for question in definition.questions:
        value = answers.get(question.id)
        values = value if isinstance(value, list) else [value]
        yield from ((question.id, str(v)) for v in values if v not in (None, ""))


def record_feedback(text, page):
    """Keep feedback on the service with the page it was about, and nothing else."""
    db.session.add(Feedback(text=text, page=page[:300]))
    db.session.commit()
