"""The review queue and officers' decisions on themes.

The queue puts open safeguarding flags first (oldest first), then the answers the machine is
least sure of (active learning: an officer's decision there teaches the model most), then the
rest, oldest first. It is one SQL query with GROUP BY subqueries, paged; nothing is counted in
Python.

A share of responses (DOUBLE_REVIEW_SHARE) is reviewed by a second officer, blind: they see
the machine's suggestions, not the first officer's decisions, and their decisions are kept as
a review of their own without changing the tags, so agreement between officers is measured on
independent judgements.
"""
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, case, exists, func, literal, or_, select

from portal import audit
from portal.codebooks import services as codebooks
from portal.extensions import db
from portal.review.models import AnswerAnalysis, AnswerReview, AnswerTag, ResponseEntry, SafeguardingFlag
from portal.urlfilters import UrlFilters
from surveys.database import utcnow
from surveys.models import Answer, Response, Round, Street, Survey, SurveyVersion

PAGE_SIZE = 50
REVIEWED_CHOICES = {"todo": "To do (includes open flags)", "no": "Not reviewed", "yes": "Reviewed", "all": "All"}
FLAG_CHOICES = {"": "Any", "open": "Open flag", "any": "Any flag, open or closed", "none": "No flag"}
CHANNEL_CHOICES = {"": "Any", "online": "Online", "assisted": "Assisted", "paper": "Paper"}
_HASH = 2654435761  # Knuth's multiplicative hash: spreads consecutive ids over the sample


class ReviewError(ValueError):
    pass


@dataclass(frozen=True)
class QueueFilters(UrlFilters):
    """The queue's filters, as they appear in a shareable URL."""

    NUMERIC = ("area", "street")

    survey: str = ""
    round: str = ""
    area: str = ""
    street: str = ""
    theme: str = ""
    reviewed: str = "todo"
    safeguarding: str = ""
    channel: str = ""

    @classmethod
    def clean(cls, values):
        for name, choices, default in (("reviewed", REVIEWED_CHOICES, "todo"), ("safeguarding", FLAG_CHOICES, ""),
                                       ("channel", CHANNEL_CHOICES, "")):
            if values[name] not in choices:
                values[name] = default
        return values


def double_review_sample():
    """SQL: is this response one of the share that gets a second, blind review?"""
    share = max(0.0, min(1.0, float(current_app.config["DOUBLE_REVIEW_SHARE"])))
    return (Response.id * literal(_HASH)) % 1000 < int(share * 1000)


def in_double_sample(response_id):
    share = max(0.0, min(1.0, float(current_app.config["DOUBLE_REVIEW_SHARE"])))
    return (response_id * _HASH) % 1000 < int(share * 1000)


def scoped(query, officer):
    """Limit a query over Response to the streets the officer may see (object-level check)."""
    area_ids = officer.area_ids
    if area_ids is None:
        return query
    return query.where(Response.street_id.in_(select(Street.id).where(Street.area_id.in_(area_ids))))


def _queue_query(filters, officer):
    open_flags = (select(Answer.response_id.label("rid"), func.min(SafeguardingFlag.raised_hour).label("oldest"),
                         func.count(SafeguardingFlag.id).label("open_flags"))
                  .join(Answer, Answer.id == SafeguardingFlag.answer_id)
                  .where(SafeguardingFlag.status == "open").group_by(Answer.response_id).subquery())
    analysed = (select(Answer.response_id.label("rid"), func.max(AnswerAnalysis.uncertainty).label("uncertainty"))
                .join(Answer, Answer.id == AnswerAnalysis.answer_id).group_by(Answer.response_id).subquery())
    reviews = (select(Answer.response_id.label("rid"),
                      func.count(func.distinct(AnswerReview.officer_id)).label("reviewers"),
                      func.max(case((AnswerReview.officer_id == officer.id, 1), else_=0)).label("mine"))
               .join(Answer, Answer.id == AnswerReview.answer_id).group_by(Answer.response_id).subquery())
    reviewers = func.coalesce(reviews.c.reviewers, 0)
    needs_review = or_(reviewers == 0, and_(double_review_sample(), reviewers == 1,
                                            func.coalesce(reviews.c.mine, 0) == 0))
    has_open = open_flags.c.oldest.is_not(None)
    query = (select(Response.id, open_flags.c.oldest, func.coalesce(open_flags.c.open_flags, 0),
                    analysed.c.uncertainty, reviewers, Response.submitted_hour, Response.channel,
                    Street.name, Street.area_id, Round.name)
             .join(analysed, analysed.c.rid == Response.id)
             .join(Street, Street.id == Response.street_id)
             .join(Round, Round.id == Response.round_id)
             .outerjoin(open_flags, open_flags.c.rid == Response.id)
             .outerjoin(reviews, reviews.c.rid == Response.id))
    query = scoped(query, officer)
    if filters.survey:
        query = query.where(Response.survey_version_id.in_(
            select(SurveyVersion.id).join(Survey).where(Survey.slug == filters.survey)))
    if filters.round:
        query = query.where(Round.slug == filters.round)
    if filters.area:
        query = query.where(Street.area_id == int(filters.area))
    if filters.street:
        query = query.where(Street.id == int(filters.street))
    if filters.theme:
        query = query.where(exists(select(AnswerTag.id).join(Answer, Answer.id == AnswerTag.answer_id).where(
            Answer.response_id == Response.id, AnswerTag.theme_id == filters.theme, AnswerTag.active)))
    if filters.channel:
        query = query.where(Response.channel == filters.channel)
    if filters.safeguarding == "open":
        query = query.where(has_open)
    elif filters.safeguarding in ("any", "none"):
        flagged = exists(select(SafeguardingFlag.id).join(Answer, Answer.id == SafeguardingFlag.answer_id)
                         .where(Answer.response_id == Response.id))
        query = query.where(flagged if filters.safeguarding == "any" else ~flagged)
    if filters.reviewed == "todo":
        query = query.where(or_(needs_review, has_open))
    elif filters.reviewed == "no":
        query = query.where(needs_review)
    elif filters.reviewed == "yes":
        query = query.where(reviewers > 0)
    return query.order_by(open_flags.c.oldest.is_(None), open_flags.c.oldest,
                          analysed.c.uncertainty.desc(), Response.id)


@dataclass(frozen=True)
class QueueItem:
    response_id: int
    oldest_open_flag: object
    open_flags: int
    uncertainty: float
    reviewers: int
    submitted_hour: object
    channel: str
    street: str
    area_id: int
    round: str
    themes: tuple = ()
    flag_categories: tuple = ()


def queue(filters, officer, page=1, page_size=PAGE_SIZE):
    """(items on this page, total) for the queue with these filters, for this officer."""
    query = _queue_query(filters, officer)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = db.session.execute(query.limit(page_size).offset((max(page, 1) - 1) * page_size)).all()
    ids = [row[0] for row in rows]
    themes, flags = {}, {}
    for rid, theme in db.session.execute(
            select(Answer.response_id, AnswerTag.theme_id).join(Answer, Answer.id == AnswerTag.answer_id)
            .where(Answer.response_id.in_(ids), AnswerTag.active).distinct()):
        themes.setdefault(rid, []).append(theme)
    for rid, category in db.session.execute(
            select(Answer.response_id, SafeguardingFlag.category).join(Answer, Answer.id == SafeguardingFlag.answer_id)
            .where(Answer.response_id.in_(ids), SafeguardingFlag.status == "open")):
        flags.setdefault(rid, []).append(category)
    items = [QueueItem(*row, themes=tuple(sorted(themes.get(row[0], ()))),
                       flag_categories=tuple(sorted(flags.get(row[0], ())))) for row in rows]
    return items, total


def next_in_queue(filters, officer, after_id):
    """The first response in the queue other than `after_id`, or None."""
    query = _queue_query(filters, officer).where(Response.id != after_id).limit(1)
    row = db.session.execute(query).first()
    return row[0] if row else None


def response_for(response_id, officer):
    """The response, if it exists and this officer may see it; None otherwise (a 404, which
    does not say whether the response exists outside the officer's areas)."""
    query = scoped(select(Response).where(Response.id == response_id), officer)
    return db.session.scalar(query)


@dataclass
class AnswerView:
    """One free-text answer on the response page."""

    answer: Answer
    analysis: AnswerAnalysis | None
    tags: list
    flags: list
    reviews: list


def answer_views(response):
    """The analysed (free-text) answers of a response with their tags, flags and reviews, in
    four queries however many answers there are."""
    answers = {a.id: a for a in response.answers}
    analyses = {a.answer_id: a for a in db.session.scalars(
        select(AnswerAnalysis).where(AnswerAnalysis.answer_id.in_(answers)))}
    views = {aid: AnswerView(answers[aid], row, [], [], []) for aid, row in analyses.items()}
    for tag in db.session.scalars(select(AnswerTag).where(AnswerTag.answer_id.in_(views)).order_by(AnswerTag.id)):
        views[tag.answer_id].tags.append(tag)
    for flag in db.session.scalars(select(SafeguardingFlag).where(SafeguardingFlag.answer_id.in_(views))
                                   .order_by(SafeguardingFlag.id)):
        views[flag.answer_id].flags.append(flag)
    for review in db.session.scalars(select(AnswerReview).where(AnswerReview.answer_id.in_(views))
                                     .order_by(AnswerReview.id)):
        views[review.answer_id].reviews.append(review)
    return [views[aid] for aid in sorted(views)]


def entry_of(response):
    return db.session.get(ResponseEntry, response.id)


def is_blind_review(views, officer):
    """True if this officer would be the second, blind reviewer of this response."""
    reviewers = {r.officer_id for v in views for r in v.reviews}
    return (bool(views) and in_double_sample(views[0].answer.response_id)
            and len(reviewers) == 1 and officer.id not in reviewers)


def suggested_themes(view, blind):
    """The themes ticked when the page opens: what is believed now, or for a blind second
    review what the machine suggested."""
    if blind:
        return {t.theme_id for t in view.tags if t.by_machine}
    return {t.theme_id for t in view.tags if t.active}


def save_review(response, officer, decisions, allowed):
    """Store an officer's decisions: {answer_id: set of theme ids} for each free-text answer.

    Confirms the machine's tags the officer kept, deactivates the ones removed (kept, with who
    removed them), adds officer tags for themes the machine missed, and records the review.
    A blind second review is recorded without changing the tags. Returns counts.
    """
    views = answer_views(response)
    for themes in decisions.values():
        unknown = set(themes) - allowed
        if unknown:
            raise ReviewError("Select themes from the list only")
    blind = is_blind_review(views, officer)
    now = utcnow()
    counts = {"confirmed": 0, "removed": 0, "added": 0, "blind": blind}
    book = codebooks.codebook_of(codebooks.current_row())
    for view in views:
        chosen = set(decisions.get(view.answer.id, ()))
        if not blind:
            active = {}
            for tag in view.tags:
                if not tag.active:
                    continue
                active[tag.theme_id] = tag
                if tag.theme_id in chosen:
                    if tag.reviewed_by_id is None and tag.by_machine:
                        tag.reviewed_by_id, tag.reviewed_at = officer.id, now
                        counts["confirmed"] += 1
                else:
                    tag.active, tag.reviewed_by_id, tag.reviewed_at = False, officer.id, now
                    counts["removed"] += 1
            for theme in sorted(chosen - set(active)):
                db.session.add(AnswerTag(answer_id=view.answer.id, theme_id=theme, source="officer",
                                         assigned_by_id=officer.id, codebook_id=book.id,
                                         codebook_version=book.version, evidence=[], created_at=now,
                                         reviewed_by_id=officer.id, reviewed_at=now))
                counts["added"] += 1
        mine = next((r for r in view.reviews if r.officer_id == officer.id), None)
        if mine is None:
            db.session.add(AnswerReview(answer_id=view.answer.id, officer_id=officer.id,
                                        themes=sorted(chosen), blind=blind, reviewed_at=now))
        else:
            mine.themes, mine.reviewed_at = sorted(chosen), now
    audit.record("response_reviewed", officer, target=f"response:{response.id}", **counts)
    db.session.commit()
    return counts


def reveal_original(response, officer, reason):
    """Record (in the same transaction as nothing else) that this officer saw the original
    text of a response, and why; returns {answer_id: original text}."""
    audit.record("raw_text_viewed", officer, target=f"response:{response.id}", reason=reason)
    db.session.commit()
    return {a.id: a.value for a in response.answers}


def overview(officer):
    """The numbers at the top of the overview page, each one SQL aggregate."""
    flags = scoped(select(func.count(SafeguardingFlag.id), func.min(SafeguardingFlag.raised_hour))
                   .join(Answer, Answer.id == SafeguardingFlag.answer_id)
                   .join(Response, Response.id == Answer.response_id)
                   .where(SafeguardingFlag.status == "open"), officer)
    open_count, oldest = db.session.execute(flags).one()
    todo_filters = QueueFilters(reviewed="no")
    todo = db.session.scalar(select(func.count()).select_from(
        _queue_query(todo_filters, officer).order_by(None).subquery()))
    analysed = db.session.scalar(select(func.count()).select_from(
        _queue_query(QueueFilters(reviewed="all"), officer).order_by(None).subquery()))
    week = scoped(select(func.count(Response.id)).where(Response.submitted_hour >= utcnow() - timedelta(days=7)),
                  officer)
    return {"open_flags": open_count, "oldest_flag": oldest, "to_review": todo,
            "with_text": analysed, "last_week": db.session.scalar(week)}
