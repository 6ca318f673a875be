"""Learning from officers: corrections are stored with provenance and used by the next retrain;
agreement is measured honestly and shown with its n; retraining never undoes anyone's work."""
import re

import analysis
from sqlalchemy import func, select

from portal.audit import AuditEvent
from portal.codebooks import services as codebooks
from portal.codebooks.models import ThemeModel
from portal.codebooks.retrain import cross_validated, training_set
from portal.extensions import db
from portal.review.models import AnswerReview, AnswerTag
from tests.answers import add_answers, machine_themes, post_from, review
from tests.conftest import make_officer

# Drones are in no theme's words and in none of the built-in model's answers, so the machine
# never calls them anti-social; officers say they are, and the retrained model should learn it.
PLACES = ["the chapel", "the corner shop", "the bus stop", "the church", "the park gates", "the flats",
          "the library", "the old pub", "the junction", "the car park", "the school", "the chippy"]
SKATE = [f"Drones hovering over {p} every evening, whining away" if i % 2 else
         f"The drones over {p} are a right pain" for i, p in enumerate(PLACES)]
OTHERS = ["Kerb crawlers every night on our street", "Needles in the back lane again",
          "Dealers on the corner selling to anyone", "Cars parked up with engines running",
          "I don't feel safe walking home", "Noise and shouting at 3am", "The women need help not arrests",
          "Police never come when you call", "House prices have gone through the floor",
          "Street lights are out down the alley", "Used condoms in the garden", "Men in cars asking how much"]


def retrain_cli(app):
    return app.test_cli_runner().invoke(args=["analysis", "retrain"])


def test_retraining_is_refused_clearly_with_too_few_reviewed_answers(app, survey, officer_client):
    result = retrain_cli(app)
    assert result.exit_code != 0
    assert ("Retraining needs at least 20 answers reviewed by officers; 0 have been reviewed so far"
            in result.output)
    client = officer_client("analyst")
    page = client.get("/officer/codebook")
    assert "20 more answers need reviewing first" in page.text_of("#retrain-not-yet")
    page = post_from(client, "/officer/codebook", "/officer/codebook/retrain", {"back": "codebook"})
    assert "The theme model was not retrained. Retraining needs at least 20" in page.text_of(".govuk-notification-banner")
    assert db.session.scalar(select(func.count(ThemeModel.id))) == 0
    officer = officer_client("officer", email="plain.officer@example.police.uk")
    assert post_from(officer, "/officer/", "/officer/codebook/retrain", {"back": "overview"}).status == 403


def test_a_correction_is_stored_with_provenance_and_used_by_the_next_retrain(app, survey, officer_client):
    app.config["RETRAIN_MIN_REVIEWED"] = 10
    skate, others = add_answers(SKATE), add_answers(OTHERS)
    assert not any("antisocial_behaviour" in machine_themes(a) for a in skate)

    # An officer corrects one answer on its page: the machine missed anti-social behaviour.
    client = officer_client("officer", name="PC Amy Reid")
    officer = client.officer
    first = skate[0]
    page = client.post(f"/officer/responses/{first.response_id}", {f"themes-{first.id}": ["antisocial_behaviour"]})
    assert page.status == 302
    tag = db.session.scalar(select(AnswerTag).where(AnswerTag.answer_id == first.id))
    assert (tag.theme_id, tag.source, tag.assigned_by_id, tag.reviewed_by_id, tag.active) == (
        "antisocial_behaviour", "officer", officer.id, officer.id, True)
    assert (tag.codebook_id, tag.codebook_version, tag.model_version) == ("street-impact", analysis.load_codebook().version, None)
    assert "Added by PC Amy Reid" in client.get(f"/officer/responses/{first.response_id}").text_of(
        f"[data-answer='{first.id}']")
    assert db.session.scalar(select(AnswerReview.themes).where(AnswerReview.answer_id == first.id)) == [
        "antisocial_behaviour"]
    # ... and reviews the rest the same way (through the service the page uses)
    for answer in skate[1:]:
        review(officer, answer, {"antisocial_behaviour"})
    for answer in others:
        review(officer, answer, machine_themes(answer))

    book = codebooks.codebook_of(codebooks.current_row())
    data = training_set(book)
    assert len(data) == 24 and data.labels[data.answer_ids.index(first.id)] == ["antisocial_behaviour"]

    result = retrain_cli(app)
    assert result.exit_code == 0, result.output
    assert "Retrained the theme model on 24 officer-reviewed answers" in result.output
    # the officers' 12 anti-social answers: the codebook found none, the new model (cross-validated) finds them
    row = re.search(r"antisocial_behaviour\s+12\s+(\S+)\s+(\S+)", result.output)
    assert row and float(row.group(1)) == 0.0 and float(row.group(2)) >= 0.8, result.output
    model = db.session.scalar(select(ThemeModel))
    assert (model.n_train, model.trained_by_id) == (24, None)
    assert model.agreement_before["themes"]["antisocial_behaviour"]["recall"] == 0.0
    assert model.agreement_after["themes"]["antisocial_behaviour"]["recall"] >= 0.8
    assert model.agreement_before["n"] == model.agreement_after["n"] == 24
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "retrained"))
    assert event.detail["n_train"] == 24 and event.detail["via"] == "command line"
    assert event.target == f"model:{model.id}"

    # the re-analysis with the new model kept the officer's correction as it was
    db.session.expire_all()
    kept = db.session.scalar(select(AnswerTag).where(AnswerTag.answer_id == first.id,
                                                     AnswerTag.theme_id == "antisocial_behaviour"))
    assert (kept.id, kept.source, kept.active) == (tag.id, "officer", True)

    # a new answer like the corrected ones is now tagged by the model with what officers taught it
    new, = add_answers(["Drones were at it again over the chemist"])
    tags = db.session.scalars(select(AnswerTag).where(AnswerTag.answer_id == new.id)).all()
    assert [(t.theme_id, t.source, t.model_version) for t in tags] == [("antisocial_behaviour", "model", model.version)]


def test_agreement_after_never_scores_a_model_on_its_own_training_answers(app, monkeypatch):
    book = analysis.load_codebook()
    texts, labels = SKATE + OTHERS, [["antisocial_behaviour"]] * len(SKATE) + [[]] * len(OTHERS)
    trained_on, tagged = {}, []
    real_train, real_pipeline = analysis.train, analysis.Pipeline

    def train(fit_texts, fit_labels, codebook):
        model = real_train(fit_texts, fit_labels, codebook)
        trained_on[id(model)] = set(fit_texts)
        return model

    class Pipeline(real_pipeline):
        def __init__(self, codebook, model=None, **kwargs):
            super().__init__(codebook, model, **kwargs)
            self.spied_model = model

        def run(self, run_texts):
            run_texts = list(run_texts)
            tagged.append((id(self.spied_model), set(run_texts)))
            return super().run(run_texts)

    monkeypatch.setattr(analysis, "train", train)
    monkeypatch.setattr(analysis, "Pipeline", Pipeline)
    predicted = cross_validated(texts, labels, book, folds=5)
    assert len(trained_on) == len(tagged) == 5
    for model_id, held_out in tagged:
        assert not held_out & trained_on[model_id]
    assert sorted(t for _m, held in tagged for t in held) == sorted(texts)  # every answer tagged once
    assert len(predicted) == len(texts) and all(isinstance(p, list) for p in predicted)
    assert predicted == cross_validated(texts, labels, book, folds=5)  # deterministic


def test_folds_trained_in_worker_processes_give_the_same_figures(app):
    book = analysis.load_codebook()
    texts, labels = SKATE + OTHERS, [["antisocial_behaviour"]] * len(SKATE) + [[]] * len(OTHERS)
    assert cross_validated(texts, labels, book, folds=3, jobs=2) == cross_validated(texts, labels, book, folds=3)


def test_training_labels_follow_merged_themes_and_leave_retired_ones_out(app, survey):
    answer, = add_answers(["House prices have gone through the floor and the street lights are out"])
    officer, analyst = make_officer("officer"), make_officer("analyst")
    review(officer, answer, {"area_reputation", "environment_lighting", "noise_disturbance"})
    codebooks.merge_themes(analyst, "area_reputation", "crime_property")
    codebooks.retire_theme(analyst, "noise_disturbance")
    data = training_set(codebooks.codebook_of(codebooks.current_row()))
    assert data.labels == [["crime_property", "environment_lighting"]]


def _row(page, table_id, label):
    for tr in page.select(f"#{table_id} tbody tr"):
        cells = [" ".join(c.get_text(" ").split()) for c in tr.select("th, td")]
        if cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r} in #{table_id}")


def test_the_overview_shows_agreement_with_n_and_says_when_there_are_not_enough_reviews(app, survey, officer_client):
    app.config["DOUBLE_REVIEW_SHARE"] = 1.0
    app.config["RETRAIN_MIN_REVIEWED"] = 4
    client = officer_client("analyst", name="Ana Lyst")
    page = client.get("/officer/")
    assert page.text_of("#agreement-now") == "Not enough reviews yet: no answer has been reviewed."
    assert page.text_of("#agreement-officers") == "Not enough reviews yet: no answer has been reviewed twice."
    assert "100% of responses get a second, blind review" in page.text_of("main")
    assert "The theme model has not been retrained yet." in page.text_of("main")

    kerb, needles, dealers, quiet = add_answers(["Kerb crawlers every night", "Needles in the back lane",
                                                 "Dealers on the corner", "Nothing to report"])
    assert "kerb_crawling" in machine_themes(kerb) and "drugs" in machine_themes(dealers)
    first, second = make_officer("officer", email="first@example.police.uk"), make_officer(
        "officer", email="second@example.police.uk")
    review(first, kerb, machine_themes(kerb))                           # confirmed
    review(first, needles, machine_themes(needles) | {"feeling_unsafe"})  # one added
    review(first, dealers, machine_themes(dealers) - {"drugs"})         # one removed
    review(first, quiet, set())
    review(second, kerb, {"kerb_crawling"})                             # blind second reviews
    review(second, dealers, {"drugs"})
    assert db.session.scalar(select(func.count()).where(AnswerReview.blind)) == 2

    page = client.get("/officer/")
    assert "4 reviewed answers" in page.text_of("#agreement-now caption")
    kerb_row = _row(page, "agreement-now", "Kerb crawling and being approached")
    assert kerb_row[1:] == ["4", "1", "1", "1.00", "1.00", "1.00", "1.00"]
    unsafe = _row(page, "agreement-now", "Feeling unsafe")
    assert unsafe[1:4] == ["4", "1", "0"] and unsafe[4] == "not enough reviews yet" and unsafe[5] == "0.00"
    drugs = _row(page, "agreement-now", "Drugs and drug dealing")
    assert drugs[1:6] == ["4", "0", "1", "0.00", "not enough reviews yet"]
    nobody = _row(page, "agreement-now", "Area reputation and wanting to move")
    assert nobody[1:] == ["4", "0", "0"] + ["not enough reviews yet"] * 4
    assert "2 answers reviewed twice" in page.text_of("#agreement-officers caption")
    assert _row(page, "agreement-officers", "Drugs and drug dealing")[1:4] == ["2", "0", "1"]

    page = post_from(client, "/officer/", "/officer/codebook/retrain", {"back": "overview"})
    assert "Theme model retrained on 4 reviewed answers" in page.text_of(".govuk-notification-banner")
    model = db.session.scalar(select(ThemeModel))
    assert model.trained_by_id == client.officer.id and model.agreement_after["folds"] == 4
    table = page.soup.select_one(f"#retrain-{model.id}")
    assert (f"by Ana Lyst on 4 reviewed answers (codebook version {analysis.load_codebook().version}"
            in table.select_one("caption").get_text())
    assert _row(page, f"retrain-{model.id}", "Kerb crawling and being approached")[1:3] == ["4", "1"]
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "retrained"))
    assert event.officer_id == client.officer.id and event.detail["via"] == "browser"


def test_after_an_edit_an_analyst_re_analyses_old_answers_without_undoing_reviews(app, survey, officer_client):
    reviewed, untouched = add_answers(["Skateboarders on the benches", "Skateboarders by the shops"])
    officer = make_officer("officer")
    review(officer, reviewed, {"noise_disturbance"})
    client = officer_client("analyst")
    client.post("/officer/codebook/themes/new", {"label": "Skateboarding", "keywords": "skateboarders"})
    page = client.get("/officer/codebook")
    assert "2 answers were analysed with another codebook or model than the one in use" in page.text_of("main")
    page = post_from(client, "/officer/codebook", "/officer/codebook/reanalyse", {})
    assert "2 answers re-analysed" in page.text_of(".govuk-notification-banner")
    assert machine_themes(untouched) == {"skateboarding"}
    themes = {(t.theme_id, t.source) for t in db.session.scalars(
        select(AnswerTag).where(AnswerTag.answer_id == reviewed.id, AnswerTag.active))}
    assert ("noise_disturbance", "officer") in themes  # the officer's decision stays
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reanalysed")).detail["reanalysed"] == 2
    assert "answers were analysed with another" not in client.get("/officer/codebook").text_of("main")
