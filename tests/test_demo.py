"""The demo data set: fictional streets and synthetic responses that tell a believable story.

Uses the `app` fixture of conftest.py (a fresh database inside an app context); the SQL here
is portable so the PostgreSQL run passes too.
"""
from datetime import UTC, datetime, time, timedelta

import pytest
import yaml
from sqlalchemy import String, and_, cast, delete, extract, func, or_, select

from surveys.database import db
from surveys.definitions import load_file
from surveys.demo import HOTSPOTS, PHRASES_FILE, QUIET, load_demo
from surveys.models import Answer, Area, Response, Round, Street

CHOICE_TYPES = ("audience", "single_choice", "multiple_choice", "likert")


@pytest.fixture
def loaded(app):
    return load_demo()


def answer_counts():
    """{(question_id, value): count}, counted by the database."""
    query = select(Answer.question_id, Answer.value, func.count()).group_by(Answer.question_id, Answer.value)
    return {(q, v): n for q, v, n in db.session.execute(query)}


def response_counts():
    query = (select(Response.round_id, Response.street_id, Response.audience, Response.channel,
                    Response.submitted_hour, func.count())
             .group_by(Response.round_id, Response.street_id, Response.audience, Response.channel,
                       Response.submitted_hour))
    return {tuple(row[:-1]): row[-1] for row in db.session.execute(query)}


def count(query):
    return db.session.scalar(select(func.count()).select_from(query.subquery()))


def test_creates_streets_in_four_areas_and_responses_in_both_rounds(loaded):
    assert loaded["skipped"] is False
    assert loaded["streets"] == count(select(Street.id)) == 40
    assert loaded["responses"] == count(select(Response.id)) == 360
    assert loaded["answers"] == count(select(Answer.id))
    assert 3 <= count(select(Area.id)) <= 4
    per_round = dict(db.session.execute(
        select(Round.slug, func.count(Response.id)).join(Response, Response.round_id == Round.id)
        .group_by(Round.slug)).all())
    assert set(per_round) == {spec.id for spec in load_file().rounds}
    assert all(n >= 100 for n in per_round.values())


def remove_responses():
    """Delete the responses (streets, survey and rounds stay, so ids stay the same)."""
    db.session.execute(delete(Answer))
    db.session.execute(delete(Response))
    db.session.commit()


def test_same_seed_gives_the_same_answers(app):
    results = []
    for seed in (2026, 2026, 7):
        load_demo(seed=seed)
        results.append((answer_counts(), response_counts()))
        remove_responses()
    assert results[0] == results[1]
    assert results[0][0] != results[2][0]
    assert results[0][1] != results[2][1]


def test_responses_argument_sets_the_number(app):
    assert load_demo(responses=50)["responses"] == 50


def test_a_second_call_adds_nothing(loaded):
    again = load_demo()
    assert again["skipped"] is True
    assert {k: again[k] for k in ("streets", "responses", "answers")} == \
        {k: loaded[k] for k in ("streets", "responses", "answers")}


def test_answers_are_stored_as_submit_stores_them(loaded):
    definition = load_file()
    questions = {q.id: q for q in definition.questions}
    counts = answer_counts()
    assert {q for q, _ in counts} <= set(questions)
    for (question_id, value), _n in counts.items():
        question = questions[question_id]
        if question.type in CHOICE_TYPES:
            assert value in {o.value for o in question.options}, (question_id, value)
    street_ids = {str(i) for i in db.session.scalars(select(Street.id))}
    assert {v for q, v in counts if q == "street"} <= street_ids
    # One answer per required question on every response, matching the response's own columns.
    per_question = dict(db.session.execute(
        select(Answer.question_id, func.count(Answer.response_id.distinct())).group_by(Answer.question_id)).all())
    per_question_rows = dict(db.session.execute(
        select(Answer.question_id, func.count()).group_by(Answer.question_id)).all())
    for question in definition.questions:
        if question.required:
            assert per_question[question.id] == per_question_rows[question.id] == loaded["responses"]
    mismatched = count(select(Response.id).join(Answer).where(or_(
        and_(Answer.question_id == "street", Answer.value != cast(Response.street_id, String)),
        and_(Answer.question_id == "audience", Answer.value != Response.audience))))
    assert mismatched == 0


def test_round_two_has_less_kerb_crawling_in_hotspots(loaded):
    rounds = [r.id for r in db.session.scalars(select(Round).order_by(Round.opens_on))]

    def frequent_share(question_id, bad_values, streets):
        query = (select(Response.round_id, Answer.value, func.count())
                 .join(Answer).join(Street)
                 .where(Answer.question_id == question_id, streets)
                 .group_by(Response.round_id, Answer.value))
        totals, bad = {}, {}
        for round_id, value, n in db.session.execute(query):
            totals[round_id] = totals.get(round_id, 0) + n
            bad[round_id] = bad.get(round_id, 0) + (n if value in bad_values else 0)
        return [bad.get(r, 0) / totals[r] for r in rounds]

    hot = Street.name.in_(HOTSPOTS)
    before, after = frequent_share("seen_kerb_crawling", ["daily", "several_weekly"], hot)
    assert before > 0.4 and after < before - 0.2
    before, after = frequent_share("safe_dark", ["fairly_unsafe", "very_unsafe"], hot)
    assert after < before - 0.1


def test_hotspots_get_more_responses_and_quiet_streets_few(loaded):
    per_street = dict(db.session.execute(
        select(Street.name, func.count(Response.id)).outerjoin(Response, Response.street_id == Street.id)
        .group_by(Street.name)).all())
    assert all(1 <= per_street[name] <= 3 for name in QUIET)
    hot = [n for name, n in per_street.items() if name in HOTSPOTS]
    other = [n for name, n in per_street.items() if name not in HOTSPOTS | QUIET]
    assert min(hot) > sum(other) / len(other)


def test_channel_audience_and_submitted_hour(loaded):
    total = loaded["responses"]
    assisted = count(select(Response.id).where(Response.channel == "assisted"))
    business = count(select(Response.id).where(Response.audience == "business"))
    assert 0.08 <= assisted / total <= 0.25
    assert 0.03 <= business / total <= 0.15
    assert count(select(Response.id).where(Response.channel.not_in(["online", "assisted"]))) == 0
    for round_ in db.session.scalars(select(Round)):
        opens = datetime.combine(round_.opens_on, time(), UTC)
        closes = datetime.combine(round_.closes_on + timedelta(days=1), time(), UTC)
        outside = select(Response.id).where(Response.round_id == round_.id, or_(
            Response.submitted_hour < opens, Response.submitted_hour >= closes))
        assert count(outside) == 0
    on_the_hour = and_(extract("minute", Response.submitted_hour) == 0, extract("second", Response.submitted_hour) == 0)
    assert count(select(Response.id).where(~on_the_hour)) == 0
    evening = count(select(Response.id).where(extract("hour", Response.submitted_hour).between(16, 23)))
    assert evening / total > 0.5


def test_free_text_is_varied_and_optional(loaded):
    total = loaded["responses"]
    answered = dict(db.session.execute(
        select(Answer.question_id, func.count()).group_by(Answer.question_id)).all())
    assert 0.6 <= answered["impact"] / total <= 0.8
    assert 0.5 <= answered["improve"] / total <= 0.7
    assert 0.7 <= answered["age_band"] / total <= 0.9
    distinct = db.session.scalar(select(func.count(Answer.value.distinct()))
                                 .where(Answer.question_id.in_(["impact", "improve"])))
    assert distinct >= 300


def test_a_few_answers_carry_personal_data_or_safeguarding_disclosures(loaded):
    phrases = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))

    def answers_containing(sentences):
        prefixes = [s.split("{")[0] for s in sentences]
        return count(select(Answer.id).where(or_(*(Answer.value.contains(p, autoescape=True) for p in prefixes))))

    assert answers_containing(phrases["personal_data"]) == 5      # 1.5% of 360
    assert answers_containing(phrases["safeguarding"]) == 4       # 1% of 360
    assert count(select(Answer.id).where(Answer.value.contains("07700 900"))) >= 1
