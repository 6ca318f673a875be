"""The learned model: better than the codebook with a few labels, safe to store and load."""
import csv
import random
import zipfile
from pathlib import Path

import numpy as np
import pytest

import analysis
from analysis.codebook import parse_codebook
from analysis.training import per_theme_sample
from tests.conftest import IN_CI, naughty_strings

ROOT = Path(__file__).resolve().parents[2]
NEWPORT = ROOT.parent / "shared" / "benchmarks" / "newport_seeclickfix"
DATA = ROOT / "benchmarks" / "data"

TEXTS = ["needles in the lane", "kerb crawlers again", "dealers on the corner", "nothing to add",
         "condoms in my garden", "men in cars asking how much", "crack being sold openly",
         "syringes by the school", "punters cruising", "drug dealing all day"]
LABELS = [["discarded_items"], ["kerb_crawling"], ["drugs"], [], ["discarded_items"],
          ["kerb_crawling"], ["drugs"], ["discarded_items", "children_young_people"],
          ["kerb_crawling"], ["drugs"]]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows], [[t for t in r["themes"].split(";") if t] for r in rows]


def test_saved_model_loads_with_identical_predictions_and_holds_no_pickle(tmp_path):
    model = analysis.train(TEXTS, LABELS)
    path = tmp_path / "model"
    model.save(path)
    with zipfile.ZipFile(path) as z:
        assert sorted(z.namelist()) == sorted(["model.json", "word_idf.npy", "char_idf.npy", "coef.npy",
                                               "intercept.npy", "thresholds.npy"])
        for name in z.namelist():
            if name.endswith(".npy"):  # would raise if any array needed pickle
                np.load(z.open(name), allow_pickle=False)
    loaded = analysis.load_model(path, analysis.load_codebook())
    probe = ["dealers and needles", "a car slowed down next to me", ""]
    assert [r.themes for r in analysis.tag(probe, model=model)] == \
        [r.themes for r in analysis.tag(probe, model=loaded)]
    assert [r.scores for r in analysis.tag(probe, model=model)] == \
        [r.scores for r in analysis.tag(probe, model=loaded)]


def test_model_records_its_codebook_and_refuses_another(tmp_path):
    model = analysis.train(TEXTS, LABELS)
    path = tmp_path / "model"
    model.save(path)
    # Same id and version as the default codebook, different content.
    other = parse_codebook({"codebook": "street-impact", "version": analysis.load_codebook().version, "title": "T",
                            "themes": [{"id": "drugs", "label": "Drugs", "keywords": ["drugs"]}]})
    with pytest.raises(analysis.ModelError, match="content changed"):
        analysis.load_model(path, other)
    with pytest.raises(analysis.ModelError, match="content changed"):
        analysis.tag(["x"], codebook=other, model=model)
    with pytest.raises(analysis.ModelError, match="model file not found"):
        analysis.load_model(tmp_path / "absent")


def test_single_label_training_data_gives_exactly_one_theme_per_answer():
    texts = [t for t, l in zip(TEXTS, LABELS) if len(l) == 1]
    labels = [l for l in LABELS if len(l) == 1]
    model = analysis.train(texts * 2, labels * 2)
    assert model.single_label
    for result in analysis.tag(["the corner", "lights out again", "cars and needles"], model=model):
        assert len(result.themes) == 1


def test_model_evidence_points_into_the_text():
    model = analysis.train(TEXTS * 2, LABELS * 2)
    text = "Punters CRUISING round the block"
    result = analysis.tag([text], model=model)[0]
    assert "kerb_crawling" in result.themes
    assert all(text[e.start:e.end] == e.term for e in result.evidence["kerb_crawling"])


def _halves(texts, labels, seed=1):
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    half = len(order) // 2
    return (([texts[i] for i in order[:half]], [labels[i] for i in order[:half]]),
            ([texts[i] for i in order[half:]], [labels[i] for i in order[half:]]))


def test_twenty_labels_a_theme_beat_the_codebook_alone_on_newport():
    # Newport's training half only: its test.csv is scored once, through compare.py.
    if not NEWPORT.exists():
        if IN_CI:
            pytest.fail(f"{NEWPORT} is missing: CI must run with the shared benchmarks beside the checkout")
        pytest.skip("shared benchmark data not present")
    codebook = analysis.load_codebook(ROOT / "benchmarks" / "codebooks" / "newport.yaml")
    learn, score = _halves(*read(NEWPORT / "train_all.csv"))
    zero_shot = analysis.evaluate(*score, codebook)
    trained = analysis.evaluate(*score, codebook, analysis.train(*per_theme_sample(*learn), codebook=codebook))
    assert trained["micro"]["f1"] > zero_shot["micro"]["f1"] + 0.05


def test_twenty_corrections_a_theme_carry_a_codebook_that_says_little():
    # The street-impact themes with their labels only, as an analyst's first draft: what
    # officers correct must then do the work. Resident answers by three writers, halved.
    full = analysis.load_codebook()
    labels_only = parse_codebook({"codebook": "street-impact-draft", "version": 1, "title": "Draft",
                                  "themes": [{"id": t.id, "label": t.label} for t in full.themes]})
    texts, labels = [], []
    for name in ("theme_answers_holdout.csv", "theme_answers_holdout2.csv", "resident_answers.csv"):
        t, l = read(DATA / name)
        texts += t
        labels += l
    learn, score = _halves(texts, labels)
    zero_shot = analysis.evaluate(*score, labels_only)
    trained = analysis.evaluate(*score, labels_only, analysis.train(*per_theme_sample(*learn), codebook=labels_only))
    assert trained["micro"]["f1"] > zero_shot["micro"]["f1"] + 0.2


def test_tiny_or_theme_less_training_still_leans_on_the_codebook():
    one = analysis.train(["needles in the lane"], [["discarded_items"]])
    assert analysis.tag(["needles everywhere"], model=one)[0].themes == ("discarded_items",)
    empty = analysis.train(["nice day", "all fine", "n/a", "nothing", "ok", "good", "fine"], [[]] * 7)
    results = analysis.tag(["needles everywhere", "what a lovely afternoon"], model=empty)
    assert results[0].themes == ("discarded_items",)
    assert results[1].themes == ()


def test_cached_feature_counts_equal_scikit_learn_vectorisers():
    import json

    from sklearn.feature_extraction.text import CountVectorizer

    from analysis.model import word_features
    model = analysis.train(TEXTS * 2, LABELS * 2)
    texts = TEXTS + ["Needles, NEEDLES!  needles\tin the\nlane", "", "a"]
    texts += naughty_strings()
    chars = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), vocabulary=model.char_vocab)
    words = CountVectorizer(analyzer=word_features, vocabulary=model.word_vocab)
    assert (model._char.transform(texts) != chars.transform(texts)).nnz == 0
    assert (model._word.transform(texts) != words.transform(texts)).nnz == 0


def test_decisions_for_many_answers_at_once_are_each_answers_own():
    from analysis.model import _decide
    from analysis.tagger import MAX_THEMES, RELATIVE

    def one(row, thresholds, single, fallback):  # the rule, written out for one answer
        best = max(range(len(row)), key=lambda i: (row[i], -i))
        if single:
            return [best] if row[best] >= fallback else []
        chosen = [i for i in range(len(row)) if row[i] >= thresholds[i]] or ([best] if row[best] >= fallback else [])
        chosen = [i for i in chosen if row[i] >= RELATIVE * row[best]]
        return sorted(sorted(chosen, key=lambda i: -row[i])[:MAX_THEMES])

    rng = np.random.default_rng(0)
    for single in (False, True):
        scores = rng.random((300, 7)) ** 2
        thresholds = rng.uniform(0.2, 0.6, 7)
        for fallback in (0.0, 0.3, 1.1):
            chosen = _decide(scores, thresholds, single, fallback)
            assert [list(np.flatnonzero(r)) for r in chosen] == [one(r, thresholds, single, fallback) for r in scores]
