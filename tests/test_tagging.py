"""Stored answers are analysed as soon as they arrive, with provenance on every machine tag."""
from sqlalchemy import func, select

import analysis

from portal.extensions import db
from portal.tagging import analyse_pending
from surveys.models import Answer, AnswerAnalysis, AnswerTag, Street
from tests.conftest import complete_journey

DISCLOSURE = "A girl who looks about 14 keeps getting into cars with older men at night. Call Dave on 07700 900123."


def send(resident, answers):
    street = db.session.scalar(select(Street.id).filter_by(name="Grange Road"))
    complete_journey(resident, street, answers)
    resident.post("/survey/street-impact/check-answers", {"website": ""})


def test_a_disclosure_is_flagged_and_personal_data_removed_on_arrival(resident, survey):
    send(resident, {"effect": {"impact": DISCLOSURE}})
    result = db.session.scalar(select(AnswerAnalysis).join(Answer).where(Answer.question_id == "impact"))
    assert "child_at_risk" in result.safeguarding.split(";")
    assert result.safeguarding_evidence and all({"term", "start", "end"} <= set(e) for e in result.safeguarding_evidence)
    assert "07700 900123" not in result.redacted_text and "[PHONE]" in result.redacted_text
    default = analysis.load_codebook()
    assert (result.codebook_id, result.codebook_version) == ("street-impact", default.version)
    assert result.error is None


def test_a_flag_raised_by_the_learned_model_records_which_model(resident, survey):
    import hashlib

    from analysis.risk_model import DEFAULT_PATH

    # No rule fires on this; the learned second opinion does.
    send(resident, {"effect": {"impact": "my husband said if i fill this in hes going to break my arm again"}})
    result = db.session.scalar(select(AnswerAnalysis).join(Answer).where(Answer.question_id == "impact"))
    assert result.safeguarding
    assert {e["source"] for e in result.safeguarding_evidence} == {"model"}
    assert result.safeguarding_model == hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()[:16]


def test_machine_tags_carry_provenance(resident, survey):
    send(resident, {"effect": {"impact": "Kerb crawlers circle the block every night and used needles in the back lane."}})
    tags = db.session.scalars(select(AnswerTag)).all()
    themes = {t.theme_id for t in tags}
    assert "kerb_crawling" in themes
    for tag in tags:
        assert tag.assigned_by_id is None and tag.source == "codebook"
        assert tag.codebook_id == "street-impact" and tag.evidence


def test_only_free_text_is_analysed_and_only_once(resident, survey):
    send(resident, {})
    free_text = db.session.scalar(select(func.count()).select_from(AnswerAnalysis))
    assert free_text == 2  # impact and improve; choices are not text
    assert analyse_pending()["analysed"] == 0


def test_a_failing_engine_never_loses_the_response(resident, survey, app, monkeypatch):
    import portal.tagging

    def broken(*_args, **_kwargs):
        raise RuntimeError("engine down")
    monkeypatch.setattr(portal.tagging.Analyser, "tag", broken)
    send(resident, {})
    assert db.session.scalar(select(func.count()).select_from(Answer)) > 0
    assert db.session.scalar(select(func.count()).select_from(AnswerAnalysis)) == 0
    monkeypatch.undo()
    assert analyse_pending()["analysed"] == 2
