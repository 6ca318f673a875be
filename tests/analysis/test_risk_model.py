"""The learned safeguarding second opinion, as the pipeline uses it."""
import csv
import dataclasses
import hashlib
from pathlib import Path

import pytest

from analysis import Pipeline, load_codebook
from analysis.risk_model import DEFAULT_PATH, default_risk_model, load_risk_model, train_risk_model
from analysis.safeguarding import CATEGORIES
from tests.conftest import naughty_strings

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
DEV = DATA / "dev"


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(load_codebook())


def _rows(path):
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_shipped_model_was_built_from_the_labelled_files_as_they_are_now():
    sources = default_risk_model().sources
    # The fourth writer's development set measures it below, so it is never trained on (the
    # sealed sets, once scored, are: benchmarks/README.md).
    measured = {p.name for p in DEV.glob("*.csv")}
    assert sources and measured and not measured & set(sources)
    files = {p.name: p for p in DATA.rglob("*.csv")}
    for name, digest in sources.items():
        assert hashlib.sha256(files[name].read_bytes()).hexdigest() == digest, (
            f"{name} changed: rebuild with python -m analysis.risk_model (see benchmarks/README.md)")


def test_a_writer_it_never_saw_is_screened_with_few_misses_and_few_false_flags(pipeline):
    # The fourth writer's development set: never trained on (the test above checks).
    rows = _rows(DEV / "writer_d_safeguarding.csv") + _rows(DEV / "writer_d_themes.csv")
    results = list(pipeline.run(r["text"] for r in rows))
    disclosures = [res for r, res in zip(rows, results) if r["safeguarding"]]
    others = [res for r, res in zip(rows, results) if not r["safeguarding"]]
    assert sum(bool(res.safeguarding) for res in disclosures) >= 0.93 * len(disclosures)   # 57 of 57 when written
    assert sum(bool(res.safeguarding) for res in others) <= 0.05 * len(others)             # 6 of 273 when written
    for res in disclosures:
        assert set(res.safeguarding) <= set(CATEGORIES)


# Written for this test, never trained on; no rule fires on any of them.
NO_RULE_FIRES = [
    "one of the girls has started turning up with her arm all bandaged and she won't say who did it",
    "the lass across the landing has started wearing long sleeves in the heat and her fella reads every text she gets",
    "she came to my door at 2am with blood on her face begging me not to ring anyone",
]


@pytest.mark.parametrize("text", NO_RULE_FIRES)
def test_model_catches_wording_no_rule_fires_on_with_evidence_pointing_into_the_answer(pipeline, text):
    from analysis.safeguarding import screen
    assert not screen(text).flagged
    [res] = pipeline.run([text])
    assert res.safeguarding
    assert res.safeguarding_evidence
    for ev in res.safeguarding_evidence:
        assert text[ev.start:ev.end] == ev.term
        assert ev.source == "model"
        assert ev.term.lower() not in {"and", "the", "she", "he", "about", "with", "not", "cant", "her", "of", "any"}


@pytest.mark.parametrize("text", [
    "I'd kill for a working street light on this road",
    "The bins have not been emptied for three weeks and the lane stinks",
    "Parking is a nightmare since the flats went up",
])
def test_everyday_complaints_are_not_flagged(pipeline, text):
    [res] = pipeline.run([text])
    assert res.safeguarding == ()


DISCLOSURE = "The lass at the end house has marks on her arms again and says he wont let her leave, she looked terrified."
COMPLAINTS = ["Cars go round all night and the bins are never emptied.",
              "Parking is a nightmare, the street lights are out and the potholes have been there since last winter.",
              "We pay our council tax like everyone else and get nothing back for it.",
              "The recycling lorry leaves half the boxes behind every fortnight."]


def test_a_disclosure_buried_in_a_long_complaint_is_flagged_with_its_sentence_as_evidence(pipeline):
    text = " ".join(COMPLAINTS[:2] + [DISCLOSURE] + COMPLAINTS[2:])
    [res] = pipeline.run([text])
    assert res.safeguarding
    # In an answer of several sentences the model's evidence is the riskiest sentence, so the
    # officer sees which part of a long answer to read.
    [evidence] = default_risk_model().screen(text).evidence
    assert evidence.term == DISCLOSURE and text[evidence.start:evidence.end] == DISCLOSURE
    assert evidence.source == "model"
    # A model built with a sentence threshold also flags an answer too diluted as a whole to
    # reach its threshold (here: one made stricter on whole answers) by that sentence.
    strict = dataclasses.replace(default_risk_model(), threshold=0.99, sentence_threshold=0.9)
    assert strict.any_risk(text) < strict.threshold
    [evidence] = strict.screen(text).evidence
    assert evidence.term == DISCLOSURE
    assert not dataclasses.replace(strict, sentence_threshold=None).screen(text).flagged


# Written for these tests, never trained on.
KNIFE_FOR_A_JOB = ("The lads who fix the street lights came round on Monday and one of them had a massive knife "
                   "for cutting the cable ties, scared the life out of my nan, but he was lovely and had them "
                   "all working again by teatime.")
SHORT_ASSAULT = "my mate got glassed outside the club on saturday"
LONG_SELF_HARM = ("When the cars start up at two and the shouting goes on till four I cut my arms to get through it, "
                  "and nobody on this street would ever guess. The bins are a disgrace too.")
LONG_CHILD = ("I'm 15 and I get the bus home from college at about six. Blokes in cars keep slowing down and "
              "asking if I'm working, nearly every night now, and I just keep walking. The lights are out on "
              "that stretch too and the bins are everywhere.")


def test_a_long_answer_whose_strong_word_is_about_no_one_at_risk_is_not_flagged(pipeline):
    from analysis.safeguarding import screen
    assert screen(KNIFE_FOR_A_JOB).categories == ("violence_threats",)  # the rules see a knife
    assert default_risk_model().risk(KNIFE_FOR_A_JOB) < default_risk_model().veto["violence_threats"]
    [res] = pipeline.run([KNIFE_FOR_A_JOB])
    assert res.safeguarding == ()


@pytest.mark.parametrize("text, category", [(SHORT_ASSAULT, "violence_threats"), (LONG_CHILD, "child_at_risk"),
                                            (LONG_SELF_HARM, "self_harm")])
def test_the_model_never_drops_the_rules_flag_on_a_short_answer_a_child_or_self_harm(pipeline, text, category):
    # The model alone would score each of these below the veto of violence: a short answer is
    # mostly the rules' words, an age with men in cars is a composition it cannot read, and a
    # self-harm disclosure among complaints about noise and bins reads to it like the complaints.
    model = default_risk_model()
    assert model.risk(text) < model.veto["violence_threats"]
    assert "child_at_risk" not in model.veto and "self_harm" not in model.veto
    [res] = pipeline.run([text])
    assert category in res.safeguarding


@pytest.mark.parametrize("text", [
    "The noise is terrible every weekend and the litter is worse. Honestly I am sick to death of it. "
    "If the council cannot sort the bins out by Christmas I will go mad. Someone needs to sort the lane out.",
    "Kerb crawlers every night and they shout at my daughter. It is killing this street. I could murder "
    "whoever dumps their rubbish by my gate. House prices have dropped and we want to move.",
])
def test_long_angry_complaints_are_not_flagged_sentence_by_sentence(pipeline, text):
    [res] = pipeline.run([text])
    assert res.safeguarding == ()


def test_naughty_strings_never_raise():
    model = default_risk_model()
    for text in naughty_strings():
        screening = model.screen(text)
        assert set(screening.categories) <= set(CATEGORIES)
        for ev in screening.evidence:
            assert text[ev.start:ev.end] == ev.term


def test_model_round_trips_and_damaged_files_are_refused(tmp_path):
    texts = ["he hits her every night", "the bins are full", "she said she will end it all", "nice street"]
    model = train_risk_model(texts * 3, [["violence_threats"], [], ["self_harm"], []] * 3)
    path = tmp_path / "risk.zip"
    model.save(path)
    again = load_risk_model(path)
    assert again.any_risk("he hits her") == pytest.approx(model.any_risk("he hits her"))
    assert again.sentence_threshold is None  # a model built without it scores answers whole
    vetoing = train_risk_model(texts * 3, [["violence_threats"], [], ["self_harm"], []] * 3, veto={"self_harm": 0.3})
    vetoing.save(path)
    assert load_risk_model(path).veto == {"self_harm": pytest.approx(0.3)}
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a StreetVoice risk model"):
        load_risk_model(tmp_path / "bad.zip")
    with pytest.raises(ValueError, match="unknown safeguarding categories"):
        train_risk_model(texts, [["nonsense"], [], [], []])
    assert DEFAULT_PATH.exists()


def test_model_evidence_is_never_a_function_word():
    # A single sentence the model flags on its own: its evidence is its weightiest content words.
    text = "he took her bank card and she has to hand over her wages every friday"
    screening = default_risk_model().screen(text)
    assert screening.flagged
    assert screening.evidence
    assert not {e.term.lower() for e in screening.evidence} & {"and", "he", "her", "she", "has", "to", "over", "every"}


def test_a_disclosure_the_model_is_sure_of_is_not_dropped_as_a_joke(pipeline, monkeypatch):
    # Written for this test: "laughed" and "joking" make a frame of a joke, but the model reads
    # the rest, and at SURE or more its flag stands.
    import analysis.risk_model as risk_model
    from analysis.safeguarding import screen
    text = ("My neighbour laughed when she told me her boyfriend chokes her when he's had a drink, but she "
            "wasn't joking and she had marks on her neck.")
    model = default_risk_model()
    assert not screen(text).flagged and model.any_risk(text) >= risk_model.SURE
    [res] = pipeline.run([text])
    assert res.safeguarding
    monkeypatch.setattr(risk_model, "SURE", 1.01)  # without it, the frame of a joke would drop it
    assert not model.screen(text).flagged
