"""Retention: original free text is replaced by its redacted text after the configured period."""
from datetime import date, timedelta

import pytest
import yaml
from sqlalchemy import select

from portal.audit import AuditEvent
from portal.data.retention import _scrubber, period_words, run
from portal.extensions import db
from portal.review.models import AnswerAnalysis, AnswerTag, SafeguardingFlag
from surveys import definitions, services
from surveys.models import Answer, Feedback, Response, Round, Street
from tests.conftest import complete_journey

PHONE, PLATE, OTHER_PHONE = "07700 900123", "YT68 XKR", "07700 900456"
OLD = (f"A girl who looks about 14 keeps getting into cars with older men at night. Call Dave on {PHONE}, "
       f"his van is {PLATE}. Kerb crawlers circle every night.")


@pytest.fixture
def rounds(survey):
    """The open test round and one that closed on 30 June 2020."""
    raw = yaml.safe_load(definitions.DEFAULT_DEFINITION.read_text(encoding="utf-8"))
    raw["rounds"] = [{"id": "test-round", "name": "Test round", "opens": date(2000, 1, 1), "closes": date(2999, 12, 31)},
                     {"id": "old-round", "name": "Old round", "opens": date(2020, 1, 1), "closes": date(2020, 6, 30)}]
    services.store_definition(definitions.parse(raw, source="test"))
    return {r.slug: r for r in db.session.scalars(select(Round))}


def send(resident, impact, improve="Better street lighting in the back lane."):
    street = db.session.scalar(select(Street.id).filter_by(name="Grange Road"))
    complete_journey(resident, street, {"effect": {"impact": impact}, "improvements": {"improve": improve}})
    assert resident.post("/survey/street-impact/check-answers", {"website": ""}).status == 302
    return db.session.scalar(select(Response).order_by(Response.id.desc()))


def move(response, round_):
    response.round_id = round_.id
    db.session.commit()


def database_text():
    """Every row of every table, as text."""
    out = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()):
            out.append(repr(tuple(row)))
    return "\n".join(out)


def test_an_answer_past_retention_no_longer_holds_its_phone_number_anywhere(app, rounds, resident):
    old = send(resident, OLD)
    move(old, rounds["old-round"])
    kept = send(resident, f"Ring me on {OTHER_PHONE} about the noise.")
    assert PHONE in database_text()
    flags_before = {(f.category, f.status) for f in db.session.scalars(select(SafeguardingFlag))}
    tags_before = {(t.answer_id, t.theme_id) for t in db.session.scalars(select(AnswerTag))}
    assert flags_before and tags_before

    result = app.test_cli_runner().invoke(args=["retention", "run"])
    assert result.exit_code == 0, result.output
    assert "Retention period: 2 years (730 days) after a survey round closes" in result.output
    assert "Replaced the original text of 2 written answers with their redacted text" in result.output

    everything = database_text()
    assert PHONE not in everything and PLATE not in everything and "Dave" not in everything
    assert OTHER_PHONE in everything  # its round is still open
    impact = db.session.scalar(select(Answer).filter_by(response_id=old.id, question_id="impact"))
    analysis = db.session.scalar(select(AnswerAnalysis).filter_by(answer_id=impact.id))
    assert impact.value == analysis.redacted_text and "[PHONE]" in impact.value and "[VEHICLE]" in impact.value
    assert analysis.raw_deleted_at is not None
    # Flags and tags are kept, their evidence now quoting the redacted text.
    assert {(f.category, f.status) for f in db.session.scalars(select(SafeguardingFlag))} == flags_before
    assert {(t.answer_id, t.theme_id) for t in db.session.scalars(select(AnswerTag))} == tags_before
    for flag in db.session.scalars(select(SafeguardingFlag).filter_by(answer_id=impact.id)):
        for item in flag.evidence:
            assert impact.value[item["start"]:item["end"]] == item["term"]
    untouched = db.session.scalar(select(AnswerAnalysis).join(Answer).where(Answer.response_id == kept.id,
                                                                            Answer.question_id == "impact"))
    assert untouched.raw_deleted_at is None
    event = db.session.scalars(select(AuditEvent).filter_by(action="retention_run")).one()
    assert event.detail == {"days": 730, "answers": 2, "analysed_first": 0, "feedback": 0}

    again = app.test_cli_runner().invoke(args=["retention", "run"])
    assert "Replaced the original text of 0 written answers" in again.output


def test_officer_pages_show_the_redacted_text_after_retention(app, rounds, resident, officer_client):
    old = send(resident, OLD)
    move(old, rounds["old-round"])
    run()
    client = officer_client("analyst")
    page = client.get(f"/officer/responses/{old.id}")
    assert PHONE not in page.html and "[PHONE]" in page.html
    assert "deleted under the retention policy" in page.html
    page = client.get("/officer/safeguarding")
    marks = [m.get_text() for m in page.select("mark")]
    assert "looks about 14" in marks and PHONE not in page.html


def test_answers_not_yet_analysed_are_analysed_first(app, rounds, resident):
    app.config["ANALYSE_ON_SUBMIT"] = False
    old = send(resident, OLD)
    move(old, rounds["old-round"])
    counts = run()
    assert counts["analysed_first"] == 2 and counts["answers"] == 2
    assert PHONE not in database_text()


def test_only_rounds_closed_longer_ago_than_the_period_are_touched(app, rounds, resident):
    app.config["RAW_TEXT_RETENTION_DAYS"] = 30
    old = send(resident, OLD)
    move(old, rounds["old-round"])
    closes = rounds["old-round"].closes_on
    assert run(today=closes + timedelta(days=30))["answers"] == 0
    assert run(today=closes + timedelta(days=31))["answers"] == 2


def test_service_feedback_older_than_the_period_is_deleted(app, rounds):
    from surveys.database import this_hour

    db.session.add_all([Feedback(text=f"Old, call {PHONE}", page="/", submitted_hour=this_hour() - timedelta(days=731)),
                        Feedback(text="Recent", page="/", submitted_hour=this_hour() - timedelta(days=10))])
    db.session.commit()
    assert run()["feedback"] == 1
    assert [f.text for f in db.session.scalars(select(Feedback))] == ["Recent"]


def test_evidence_quotes_are_rewritten_to_the_redacted_text():
    original = f"Please ring {PHONE} now"
    redacted = "Please ring [PHONE] now"
    start = original.index("ring")
    scrub = _scrubber(original, redacted)
    [item] = scrub([{"term": original[start:], "start": start, "end": len(original), "source": "model"}])
    assert item == {"term": "ring [PHONE] now", "start": start, "end": len(redacted), "source": "model"}
    [inside] = scrub([{"term": "900123", "start": original.index("900123"), "end": original.index(" now"),
                       "source": "model"}])
    assert inside["term"] == "[PHONE]"
    # If the stored redaction does not line up with the text, quotes are redacted alone.
    [alone] = _scrubber(original, "something else")([{"term": f"ring {PHONE}", "start": 7, "end": 24,
                                                      "source": "model"}])
    assert alone == {"term": "ring [PHONE]", "source": "model"}


@pytest.mark.parametrize("days, words", [(730, "2 years"), (365, "1 year"), (90, "90 days"), (1, "1 day")])
def test_the_privacy_notice_shows_the_configured_period(app, resident, days, words):
    app.config["RAW_TEXT_RETENTION_DAYS"] = days
    assert period_words(days) == words
    text = resident.get("/privacy").text_of("#retention")
    assert f"as you wrote them for {words} after the survey round closes" in text
