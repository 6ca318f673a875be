"""Stored answers are analysed as soon as they arrive, with provenance on every machine tag."""
import hashlib

from sqlalchemy import func, select

import analysis
from analysis import builtin

from portal.extensions import db
from portal.tagging import analyse_pending
from portal.review.models import AnswerAnalysis, AnswerTag, SafeguardingFlag
from surveys.models import Answer, Street
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
        # made by the machine: the default codebook with its built-in model, both named
        assert tag.assigned_by_id is None and tag.source == "model"
        assert tag.model_version == "builtin-" + hashlib.sha256(builtin.DEFAULT_PATH.read_bytes()).hexdigest()[:16]
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


def _age_the_analysis(answer_id):
    """Make one stored analysis look as if an older codebook had produced it."""
    row = db.session.scalar(select(AnswerAnalysis).where(AnswerAnalysis.answer_id == answer_id))
    row.codebook_fingerprint, row.codebook_version = "0" * 64, 1
    for tag in db.session.scalars(select(AnswerTag).where(AnswerTag.answer_id == answer_id)):
        tag.codebook_version = 1
    db.session.commit()
    return row


def test_a_new_codebook_re_analyses_old_answers_but_keeps_what_officers_decided(resident, survey):
    from portal.auth.services import create_officer
    from portal.tagging import analyse_stale

    send(resident, {"effect": {"impact": "Kerb crawlers circle the block every night and used needles in the back lane."}})
    answer_id = db.session.scalar(select(Answer.id).where(Answer.question_id == "impact"))
    officer = create_officer("pc.jones@example.police.uk", "PC Jones", "lantern quarry velvet")
    db.session.add_all([
        # an old machine tag nobody looked at: replaced
        AnswerTag(answer_id=answer_id, theme_id="area_reputation", source="codebook", codebook_id="street-impact",
                  codebook_version=1),
        # an old machine tag an officer rejected: kept, and the machine does not add it back
        AnswerTag(answer_id=answer_id, theme_id="kerb_crawling", source="codebook", codebook_id="street-impact",
                  codebook_version=1, active=False, reviewed_by_id=officer.id),
        # an officer's own tag: kept
        AnswerTag(answer_id=answer_id, theme_id="police_response", source="officer", assigned_by_id=officer.id,
                  codebook_id="street-impact", codebook_version=1),
    ])
    db.session.commit()
    row = _age_the_analysis(answer_id)

    counts = analyse_stale()

    assert counts["reanalysed"] == 1
    current = analysis.load_codebook()
    assert (row.codebook_fingerprint, row.codebook_version) == (current.fingerprint, current.version)
    tags = db.session.scalars(select(AnswerTag).where(AnswerTag.answer_id == answer_id)).all()
    by_theme = {}
    for tag in tags:
        by_theme.setdefault(tag.theme_id, []).append(tag)
    assert "area_reputation" not in by_theme
    assert [(t.active, t.reviewed_by_id) for t in by_theme["kerb_crawling"]] == [(False, officer.id)]
    assert [t.source for t in by_theme["police_response"]] == ["officer"]
    assert "discarded_items" in by_theme
    assert all(t.codebook_version == current.version for t in by_theme["discarded_items"])
    assert analyse_stale()["reanalysed"] == 0  # now current: nothing to do


def test_a_re_analysis_never_withdraws_a_safeguarding_flag(resident, survey):
    from portal.tagging import analyse_stale

    send(resident, {"effect": {"impact": "The bins have not been emptied for three weeks."}})
    answer_id = db.session.scalar(select(Answer.id).where(Answer.question_id == "impact"))
    row = _age_the_analysis(answer_id)
    row.safeguarding = "self_harm"
    row.safeguarding_evidence = [{"term": "bins", "start": 4, "end": 8, "source": "safeguarding:self_harm"}]
    db.session.commit()

    counts = analyse_stale()

    assert counts["flags_kept"] == 1 and counts["flags_added"] == 0
    assert row.safeguarding == "self_harm"
    assert {"term": "bins", "start": 4, "end": 8, "source": "safeguarding:self_harm"} in row.safeguarding_evidence
    assert row.codebook_fingerprint == analysis.load_codebook().fingerprint


def test_with_analysis_after_the_response_the_resident_is_answered_first(resident, survey, app):
    # The production default: the confirmation goes out, then the worker analyses the answers.
    app.config["ANALYSE_AFTER_RESPONSE"] = True
    street = db.session.scalar(select(Street.id).filter_by(name="Grange Road"))
    complete_journey(resident, street, {"effect": {"impact": DISCLOSURE}})
    url = "/survey/street-impact/check-answers"
    token = resident.get(url).csrf_token()
    with resident._request():
        sent = resident.client.post(url, data={"website": "", "csrf_token": token})
        assert sent.status_code == 302 and sent.location.endswith("/confirmation")
        stored = db.session.scalar(select(func.count(Answer.id)))
        analysed = db.session.scalar(select(func.count(AnswerAnalysis.id)))
        sent.close()  # the server has sent the response: what it runs on close runs now
    assert stored > 0 and analysed == 0
    result = db.session.scalar(select(AnswerAnalysis).join(Answer).where(Answer.question_id == "impact"))
    assert "child_at_risk" in result.safeguarding.split(";")
    assert db.session.scalar(select(func.count(SafeguardingFlag.id))) >= 1
