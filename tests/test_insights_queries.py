"""The insights counts (portal/insights/queries.py) against the same counts made in Python from
the rows, on data built to hit every case a GROUP BY can get wrong: a respondent who raised a
theme in two answers or with two tags, a merged theme, rejected tags, flagged and cleared
answers, two streets of one area with the same name, a duplicated answer, two rounds."""
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.insights import queries
from portal.review.models import AnswerAnalysis, AnswerTag, SafeguardingFlag
from surveys.models import Answer, Area, Response, Round, Street, SurveyVersion
from tests.conftest import make_officer

THEMES = ["noise", "drugs", "kerb"]
MERGED = {"old_noise": "noise", "gone": "not_counted_any_more"}  # old_noise now counts as noise
LIKERT = ["safe_dark", "seen_drugs"]


@pytest.fixture
def data(app, survey):
    """Responses over two rounds and four streets, two of them "Mill Lane" in one area."""
    officer = make_officer("officer")
    area = Area(name="Riverside")
    streets = [Street(name="Mill Lane", postcode_district="TS1", area=area),
               Street(name="Mill Lane", postcode_district="TS2", area=area),
               Street(name="Quay Street", postcode_district="TS2", area=area),
               Street(name="Hill Road", postcode_district="TS9", area=Area(name="Uplands"))]
    first = db.session.scalars(select(Round).where(Round.survey_id == survey.survey_id)).one()
    second = Round(survey_id=survey.survey_id, slug="second-round", name="Second round",
                   opens_on=date(3000, 1, 1), closes_on=date(3000, 12, 31))
    db.session.add_all([*streets, second])
    db.session.flush()
    answer_specs = [
        # (street, round, audience, day, likert answers, free texts: [(tone, [(theme, active, reviewed, by officer)], flag)])
        (0, first, "resident", 0, {"safe_dark": "very_unsafe", "seen_drugs": "daily"},
         [(-0.5, [("noise", True, False, False), ("old_noise", True, True, False)], None),   # merged: noise twice
          (-0.25, [("noise", True, False, False), ("kerb", False, True, False)], None)]),     # noise again, kerb rejected
        (1, first, "resident", 1, {"safe_dark": "very_unsafe"},
         [(0.5, [("drugs", True, False, True), ("gone", True, False, False)], None)]),
        (1, first, "business", 8, {"safe_dark": "fairly_safe", "seen_drugs": "never"},
         [(0.1, [("kerb", True, False, False)], "open"),                                     # a disclosure: never counted
          (None, [("kerb", True, False, False)], None)]),                                    # no tone
        (2, first, "resident", 9, {"seen_drugs": "weekly"},
         [(-1.0, [("drugs", True, True, False)], "not_a_disclosure")]),                      # cleared: counted
        (3, second, "resident", 0, {"safe_dark": "neither", "seen_drugs": "daily"},
         [(0.75, [("kerb", True, False, False), ("drugs", True, False, False)], "referred")]),
        (3, second, "resident", 15, {"safe_dark": "neither"}, [(0.2, [("kerb", True, False, False)], None)]),
        (0, second, "resident", 2, {"safe_dark": "very_unsafe"}, []),
    ]
    for street, round_, audience, day, likert, texts in answer_specs:
        hour = datetime(2026, 9, 7, 12, tzinfo=UTC) + timedelta(days=day)  # 7 September 2026 is a Monday
        response = Response(survey_version_id=survey.id, round_id=round_.id, street_id=streets[street].id,
                            audience=audience, submitted_hour=hour)
        response.answers = [Answer(question_id=q, value=v) for q, v in likert.items()]
        response.answers.append(Answer(question_id="impact", value=""))
        db.session.add(response)
        db.session.flush()
        for tone, tags, flag in texts:
            answer = Answer(response_id=response.id, question_id="impact", value="text")
            db.session.add(answer)
            db.session.flush()
            db.session.add(AnswerAnalysis(answer_id=answer.id, tone=tone, codebook_id="c", codebook_version=1,
                                          codebook_fingerprint="f"))
            for theme, active, reviewed, by_officer in tags:
                db.session.add(AnswerTag(
                    answer_id=answer.id, theme_id=theme, source="officer" if by_officer else "codebook",
                    assigned_by_id=officer.id if by_officer else None, codebook_id="c", codebook_version=1,
                    active=active, reviewed_by_id=officer.id if reviewed else None,
                    reviewed_at=hour if reviewed else None))
            if flag:
                db.session.add(SafeguardingFlag(answer_id=answer.id, category="self_harm", source="rule", status=flag))
    # A response stored with the same option twice (never made by the survey, but a respondent
    # is still one respondent).
    duplicated = db.session.scalars(select(Response).order_by(Response.id)).first()
    db.session.add(Answer(response_id=duplicated.id, question_id="safe_dark", value="very_unsafe"))
    db.session.commit()
    return survey


def _rows(survey, round_ids):
    """(response, place) for the survey's responses in the rounds."""
    query = select(Response).join(SurveyVersion).where(SurveyVersion.survey_id == survey.survey_id)
    if round_ids is not None:
        query = query.where(Response.round_id.in_(round_ids))
    for response in db.session.scalars(query):
        yield response, (response.round.slug, response.audience, response.street.area.name, response.street.name)


def _counted_tags(response):
    """(answer, tag, theme it counts under) for the tags a chart counts."""
    for answer in response.answers:
        flags = db.session.scalars(select(SafeguardingFlag).where(SafeguardingFlag.answer_id == answer.id)).all()
        if any(f.status != "not_a_disclosure" for f in flags):
            continue
        for tag in db.session.scalars(select(AnswerTag).where(AnswerTag.answer_id == answer.id, AnswerTag.active)):
            yield answer, tag, MERGED.get(tag.theme_id, tag.theme_id) if MERGED.get(tag.theme_id) in THEMES \
                else tag.theme_id


def expected(survey, round_ids):
    respondents, themes, likert, weeks, tone_n, tone_sum = (Counter(), Counter(), Counter(), Counter(),
                                                            defaultdict(set), Counter())
    reviewed = total = 0
    for response, place in _rows(survey, round_ids):
        respondents[place] += 1
        monday = response.submitted_hour.date() - timedelta(days=response.submitted_hour.weekday())
        weeks[(response.round.slug, monday.isoformat())] += 1
        for q, v in {(a.question_id, a.value) for a in response.answers if a.question_id in LIKERT}:
            likert[(*place, q, v)] += 1
        raised = set()
        for answer, tag, theme in _counted_tags(response):
            reviewed += tag.reviewed_by_id is not None or tag.assigned_by_id is not None
            total += 1
            if theme not in THEMES:
                continue
            raised.add(theme)
            analysis = db.session.scalar(select(AnswerAnalysis).where(AnswerAnalysis.answer_id == answer.id))
            if analysis is not None and analysis.tone is not None:
                tone_n[(*place, theme)].add(answer.id)
                tone_sum[(*place, theme)] += analysis.tone
        for theme in raised:
            themes[(*place, theme)] += 1
    return {
        "respondents": sorted((*k, n) for k, n in respondents.items()),
        "themes": sorted((*k, n) for k, n in themes.items()),
        "likert": sorted((*k, n) for k, n in likert.items()),
        "weekly": sorted((*k, n) for k, n in weeks.items()),
        "tone": sorted((*k, len(ids), tone_sum[k]) for k, ids in tone_n.items()),
        "review": (reviewed, total - reviewed),
    }


@pytest.mark.parametrize("which_rounds", ["all", "first", "unfiltered"])
def test_each_count_is_the_count_of_the_rows(data, which_rounds):
    rounds = db.session.scalars(select(Round).where(Round.survey_id == data.survey_id).order_by(Round.opens_on)).all()
    round_ids = {"all": [r.id for r in rounds], "first": [rounds[0].id], "unfiltered": None}[which_rounds]
    want = expected(data, round_ids)
    survey_id = data.survey_id
    got = {
        "respondents": sorted(queries.respondents(survey_id, round_ids)),
        "themes": sorted(queries.themes(survey_id, THEMES, MERGED, round_ids)),
        "likert": sorted(queries.likert(survey_id, LIKERT, round_ids)),
        "weekly": sorted(queries.weekly(survey_id, round_ids)),
        "tone": sorted(queries.tone_by_theme(survey_id, THEMES, MERGED, round_ids)),
        "review": queries.review_state(survey_id, round_ids),
    }
    for name in ("respondents", "themes", "likert", "weekly", "review"):
        assert got[name] == want[name], name
    assert [row[:6] for row in got["tone"]] == [row[:6] for row in want["tone"]]
    assert [row[6] for row in got["tone"]] == pytest.approx([row[6] for row in want["tone"]])
    # Counts are whole numbers (disclosure control refuses anything else), not decimals.
    for name in ("respondents", "themes", "likert", "weekly", "tone"):
        assert all(type(row[-1 if name != "tone" else -2]) is int for row in got[name]), name
    # The two streets called Mill Lane in Riverside are one row, as a name is what is shown.
    if which_rounds == "first":
        assert ("test-round", "resident", "Riverside", "Mill Lane", 2) in got["respondents"]
        assert ("test-round", "resident", "Riverside", "Mill Lane", "noise", 1) in got["themes"]
        assert ("test-round", "resident", "Riverside", "Mill Lane", "safe_dark", "very_unsafe", 2) in got["likert"]


def test_rows_come_in_a_fixed_order(data):
    """Disclosure control is given the rows in the same order whatever plan the database picks."""
    survey_id = data.survey_id
    for rows in (queries.respondents(survey_id), queries.themes(survey_id, THEMES, MERGED),
                 queries.likert(survey_id, LIKERT), queries.tone_by_theme(survey_id, THEMES, MERGED)):
        places = [row[:4] for row in rows]
        assert places == sorted(places)
