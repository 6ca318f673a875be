"""The learned model: better than the codebook with a few labels, safe to store and load."""
import csv
import zipfile
from pathlib import Path

import numpy as np
import pytest

import analysis
from analysis.codebook import parse_codebook
from tests.conftest import naughty_strings

ROOT = Path(__file__).resolve().parents[2]
NEWPORT = ROOT.parent / "shared" / "benchmarks" / "newport_seeclickfix"

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


@pytest.mark.skipif(not NEWPORT.exists(), reason="shared benchmark data not present")
def test_twenty_labels_a_theme_beat_the_codebook_alone():
    codebook = analysis.load_codebook(ROOT / "benchmarks" / "codebooks" / "newport.yaml")
    test_texts, test_labels = read(NEWPORT / "test.csv")
    zero_shot = analysis.evaluate(test_texts, test_labels, codebook)
    model = analysis.train(*read(NEWPORT / "train_20.csv"), codebook=codebook)
    trained = analysis.evaluate(test_texts, test_labels, codebook, model)
    assert trained["micro"]["f1"] > zero_shot["micro"]["f1"] + 0.05


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
