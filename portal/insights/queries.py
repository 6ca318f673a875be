"""The SQL behind every published figure: counts by GROUP BY, never rows counted in Python.

Each function returns plain tuples in the shapes `analysis.disclosure.protect` takes:
respondents (round, audience, area, street, n), themes (round, audience, area, street, theme, n),
likert (round, audience, area, street, question, option, n). Theme counts are respondents who
raised the theme (DISTINCT response), from the tags believed now (an officer's decision where
there is one, else the machine's), with retired themes left out and merged ones counted under
the theme they became. Answers with a safeguarding flag that an officer has not cleared as "not
a disclosure" are left out of theme counts: a disclosure never feeds a chart.
"""
from sqlalchemy import Integer, and_, case, cast, exists, func, literal, select

from portal.extensions import db
from portal.review.models import AnswerAnalysis, AnswerTag, SafeguardingFlag
from surveys.models import Answer, Area, Response, Round, Street, SurveyVersion

# How each query is built (measured by benchmarks/insights.py on PostgreSQL, 100,000 responses):
# count by ids first, then name the places. The first level counts what it must keep distinct
# (a respondent once per theme, per question and option) with GROUP BY on the response's key, and
# adds the places up by ids (round, audience, street); only the few thousand rows left are joined
# to round, street and area and grouped by names, in a fixed order. Grouping the 800,000 Likert
# answers by names with COUNT(DISTINCT) made PostgreSQL sort them on text (past work_mem, on
# disk): about three times the work. A street's response belongs to one place, so the distinct
# counts per place add up exactly; the names are regrouped because two streets of an area may
# share a name (in different postcode districts) and were always counted as one.

_IDS = (Response.round_id, Response.audience, Response.street_id)


def _responses(columns, survey_id, round_ids=None):
    """SELECT columns FROM the survey's responses (in the given rounds)."""
    query = (select(*columns).select_from(Response)
             .join(SurveyVersion, SurveyVersion.id == Response.survey_version_id)
             .where(SurveyVersion.survey_id == survey_id))
    if round_ids is not None:
        query = query.where(Response.round_id.in_(round_ids))
    return query


def _named(counts, keys=(), sums=("n",), order=True):
    """Rows (round, audience, area, street, *keys, *sums) from a subquery counted by
    (round_id, audience, street_id, *keys): the places' names put in, the sums added up."""
    place = (Round.slug, counts.c.audience, Area.name, Street.name)
    key_columns = [counts.c[key] for key in keys]
    totals = [cast(func.sum(counts.c[name]), Integer) if name != "tone" else func.sum(counts.c[name])
              for name in sums]
    query = (select(*place, *key_columns, *totals).select_from(counts)
             .join(Round, Round.id == counts.c.round_id)
             .join(Street, Street.id == counts.c.street_id)
             .join(Area, Area.id == Street.area_id)
             .group_by(*place, *key_columns))
    if order:
        query = query.order_by(*place, *key_columns)
    return query


def respondents(survey_id, round_ids=None):
    counts = (_responses([*_IDS, func.count(Response.id).label("n")], survey_id, round_ids)
              .group_by(*_IDS).subquery())
    return [tuple(row) for row in db.session.execute(_named(counts))]


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


def _tagged(query, theme_ids=None, theme=None):
    """The answers of the responses in `query`, with their active tags, leaving out answers with
    a safeguarding flag not cleared (and tags counted under no theme in `theme_ids`)."""
    query = (query.join(Answer, Answer.response_id == Response.id)
             .join(AnswerTag, and_(AnswerTag.answer_id == Answer.id, AnswerTag.active))
             .where(_not_a_disclosure()))
    return query if theme is None else query.where(theme.in_(theme_ids))


def themes(survey_id, theme_ids, merged, round_ids=None):
    theme = theme_expression(theme_ids, merged).label("theme")
    # Each respondent once per theme they raised, however many answers or tags raised it.
    raised = (_tagged(_responses([*_IDS, theme], survey_id, round_ids), theme_ids, theme)
              .group_by(Response.id, theme).subquery())
    counts = (select(raised.c.round_id, raised.c.audience, raised.c.street_id, raised.c.theme,
                     func.count().label("n"))
              .group_by(raised.c.round_id, raised.c.audience, raised.c.street_id, raised.c.theme).subquery())
    return [tuple(row) for row in db.session.execute(_named(counts, ["theme"]))]


def likert(survey_id, question_ids, round_ids=None):
    if not question_ids:
        return []
    # Each respondent once per question and option.
    chosen = (_responses([*_IDS, Answer.question_id, Answer.value], survey_id, round_ids)
              .join(Answer, Answer.response_id == Response.id)
              .where(Answer.question_id.in_(question_ids))
              .group_by(Response.id, Answer.question_id, Answer.value).subquery())
    keys = [chosen.c.question_id, chosen.c.value]
    counts = (select(chosen.c.round_id, chosen.c.audience, chosen.c.street_id, *keys, func.count().label("n"))
              .group_by(chosen.c.round_id, chosen.c.audience, chosen.c.street_id, *keys).subquery())
    return [tuple(row) for row in db.session.execute(_named(counts, ["question_id", "value"]))]


def _week(submitted_hour):
    """SQL for the week a response arrived, and for that week as the ISO date of its Monday."""
    if db.engine.dialect.name == "postgresql":
        return (func.date_trunc("week", submitted_hour),
                lambda week: func.to_char(week, "YYYY-MM-DD"))
    return func.date(submitted_hour, "weekday 0", "-6 days"), lambda week: week


def week_start():
    """SQL for the Monday of the week a response arrived (an ISO date string)."""
    week, text = _week(Response.submitted_hour)
    return text(week)


def weekly(survey_id, round_ids=None):
    """(round, week start, respondents) for the whole survey."""
    week, text = _week(Response.submitted_hour)
    week = week.label("week")
    counts = (_responses([Response.round_id, week, func.count(Response.id).label("n")], survey_id, round_ids)
              .join(Street, Street.id == Response.street_id).join(Area, Area.id == Street.area_id)
              .group_by(Response.round_id, week).subquery())
    day = text(counts.c.week).label("week")
    query = (select(Round.slug, day, cast(func.sum(counts.c.n), Integer)).select_from(counts)
             .join(Round, Round.id == counts.c.round_id)
             .group_by(Round.slug, day).order_by(day, Round.slug))
    return [tuple(row) for row in db.session.execute(query)]


def tone_by_theme(survey_id, theme_ids, merged, round_ids=None):
    """(round, audience, area, street, theme, answers, sum of their tones), as
    analysis.aggregate.tone_by_theme takes them (it shows a mean only where it may)."""
    theme = theme_expression(theme_ids, merged).label("theme")
    # Each answer once per theme (its tone added once for each of its tags counted under it,
    # as a plain join of the tags would).
    toned = (_tagged(_responses([*_IDS, theme, func.sum(AnswerAnalysis.tone).label("tone")], survey_id, round_ids),
                     theme_ids, theme)
             .join(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
             .where(AnswerAnalysis.tone.is_not(None))
             .group_by(Answer.id, Response.id, theme).subquery())
    counts = (select(toned.c.round_id, toned.c.audience, toned.c.street_id, toned.c.theme,
                     func.count().label("n"), func.sum(toned.c.tone).label("tone"))
              .group_by(toned.c.round_id, toned.c.audience, toned.c.street_id, toned.c.theme).subquery())
    rows = db.session.execute(_named(counts, ["theme"], sums=("n", "tone")))
    return [(*row[:6], float(row[6] or 0.0)) for row in rows]


def review_state(survey_id, round_ids=None):
    """(tags an officer decided, tags only the machine has seen) among the tags counted."""
    decided = case((AnswerTag.reviewed_by_id.is_not(None) | AnswerTag.assigned_by_id.is_not(None), 1), else_=0)
    query = _tagged(_responses([func.coalesce(func.sum(decided), 0), func.count(AnswerTag.id)], survey_id, round_ids)
                    .join(Street, Street.id == Response.street_id).join(Area, Area.id == Street.area_id)
                    .join(Round, Round.id == Response.round_id))
    reviewed, total = db.session.execute(query).one()
    return int(reviewed), int(total) - int(reviewed)
