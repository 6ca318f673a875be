"""The SQL behind every published figure: counts by GROUP BY, never rows counted in Python.

Each function returns plain tuples in the shapes `analysis.disclosure.protect` takes:
respondents (round, audience, area, street, n), themes (round, audience, area, street, theme, n),
likert (round, audience, area, street, question, option, n). Theme counts are respondents who
raised the theme (DISTINCT response), from the tags believed now (an officer's decision where
there is one, else the machine's), with retired themes left out and merged ones counted under
the theme they became. Answers with a safeguarding flag that an officer has not cleared as "not
a disclosure" are left out of theme counts: a disclosure never feeds a chart.
"""
from sqlalchemy import and_, case, exists, func, literal, select

from portal.extensions import db
from portal.review.models import AnswerAnalysis, AnswerTag, SafeguardingFlag
from surveys.models import Answer, Area, Response, Round, Street, SurveyVersion


def _base(columns, survey_id, round_ids=None):
    query = (select(*columns).select_from(Response)
             .join(Round, Round.id == Response.round_id)
             .join(Street, Street.id == Response.street_id)
             .join(Area, Area.id == Street.area_id)
             .join(SurveyVersion, SurveyVersion.id == Response.survey_version_id)
             .where(SurveyVersion.survey_id == survey_id))
    if round_ids is not None:
        query = query.where(Response.round_id.in_(round_ids))
    return query


_PLACE = (Round.slug, Response.audience, Area.name, Street.name)


def respondents(survey_id, round_ids=None):
    query = _base([*_PLACE, func.count(Response.id)], survey_id, round_ids).group_by(*_PLACE)
    return [tuple(row) for row in db.session.execute(query)]


def theme_expression(theme_ids, merged):
    """SQL for the theme a tag counts under now: a merged theme under the one it became."""
    mapped = {old: new for old, new in merged.items() if new in theme_ids}
    if not mapped:
        return AnswerTag.theme_id
    return case(*((AnswerTag.theme_id == old, literal(new)) for old, new in mapped.items()),
                else_=AnswerTag.theme_id)


def _not_a_disclosure():
    """No flag on the answer, other than ones an officer cleared as not a disclosure."""
    return ~exists(select(SafeguardingFlag.id).where(SafeguardingFlag.answer_id == Answer.id,
                                                     SafeguardingFlag.status != "not_a_disclosure"))


def themes(survey_id, theme_ids, merged, round_ids=None):
    theme = theme_expression(theme_ids, merged).label("theme")
    query = (_base([*_PLACE, theme, func.count(func.distinct(Response.id))], survey_id, round_ids)
             .join(Answer, Answer.response_id == Response.id)
             .join(AnswerTag, and_(AnswerTag.answer_id == Answer.id, AnswerTag.active))
             .where(_not_a_disclosure(), theme.in_(theme_ids))
             .group_by(*_PLACE, theme))
    return [tuple(row) for row in db.session.execute(query)]


def likert(survey_id, question_ids, round_ids=None):
    if not question_ids:
        return []
    query = (_base([*_PLACE, Answer.question_id, Answer.value, func.count(func.distinct(Response.id))],
                   survey_id, round_ids)
             .join(Answer, Answer.response_id == Response.id)
             .where(Answer.question_id.in_(question_ids))
             .group_by(*_PLACE, Answer.question_id, Answer.value))
    return [tuple(row) for row in db.session.execute(query)]


def week_start():
    """SQL for the Monday of the week a response arrived (an ISO date string)."""
    if db.engine.dialect.name == "postgresql":
        return func.to_char(func.date_trunc("week", Response.submitted_hour), "YYYY-MM-DD")
    return func.date(Response.submitted_hour, "weekday 0", "-6 days")


def weekly(survey_id, round_ids=None):
    """(round, week start, respondents) for the whole survey."""
    week = week_start().label("week")
    query = (_base([Round.slug, week, func.count(Response.id)], survey_id, round_ids)
             .group_by(Round.slug, week).order_by(week))
    return [tuple(row) for row in db.session.execute(query)]


def tone_by_theme(survey_id, theme_ids, merged, round_ids=None):
    """(theme, mean tone, answers) over the answers tagged with each theme."""
    theme = theme_expression(theme_ids, merged).label("theme")
    query = (_base([theme, func.avg(AnswerAnalysis.tone), func.count(func.distinct(Answer.id))], survey_id, round_ids)
             .join(Answer, Answer.response_id == Response.id)
             .join(AnswerTag, and_(AnswerTag.answer_id == Answer.id, AnswerTag.active))
             .join(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
             .where(_not_a_disclosure(), theme.in_(theme_ids), AnswerAnalysis.tone.is_not(None))
             .group_by(theme))
    return [(t, float(mean), int(n)) for t, mean, n in db.session.execute(query)]


def review_state(survey_id, round_ids=None):
    """(tags an officer decided, tags only the machine has seen) among the tags counted."""
    decided = case((AnswerTag.reviewed_by_id.is_not(None) | AnswerTag.assigned_by_id.is_not(None), 1), else_=0)
    query = (_base([func.coalesce(func.sum(decided), 0), func.count(AnswerTag.id)], survey_id, round_ids)
             .join(Answer, Answer.response_id == Response.id)
             .join(AnswerTag, and_(AnswerTag.answer_id == Answer.id, AnswerTag.active))
             .where(_not_a_disclosure()))
    reviewed, total = db.session.execute(query).one()
    return int(reviewed), int(total) - int(reviewed)
