"""Agreement figures an analyst reports: precision/recall/F1 and Krippendorff's alpha."""
import pytest
from sklearn.metrics import f1_score
from sklearn.preprocessing import MultiLabelBinarizer

import analysis
from analysis.metrics import scores

THEMES = ["a", "b", "c"]
GOLD = [["a"], ["a", "b"], [], ["c"], ["b"], ["a"]]
PRED = [["a"], ["a"], ["b"], ["c"], ["b", "c"], []]


def test_per_theme_counts_by_hand():
    report = scores(GOLD, PRED, THEMES)
    # theme a: tp 2 (rows 1, 2), fn 1 (row 6), fp 0
    assert report["themes"]["a"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8, "support": 3}
    # theme b: tp 1 (row 5), fp 1 (row 3), fn 1 (row 2)
    assert report["themes"]["b"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert report["n"] == 6


def test_micro_and_macro_match_scikit_learn():
    mlb = MultiLabelBinarizer(classes=THEMES).fit([THEMES])
    report = scores(GOLD, PRED, THEMES)
    gold, pred = mlb.transform(GOLD), mlb.transform(PRED)
    assert report["micro"]["f1"] == pytest.approx(f1_score(gold, pred, average="micro"), abs=1e-4)
    assert report["macro"]["f1"] == pytest.approx(
        f1_score(gold, pred, average="macro", zero_division=0), abs=1e-3)


def test_unknown_theme_and_length_mismatch_are_errors():
    with pytest.raises(ValueError, match="theme 'z'"):
        scores([["z"]], [[]], THEMES)
    with pytest.raises(ValueError, match="rows"):
        scores([["a"]], [], THEMES)


def test_alpha_is_one_for_identical_coders_and_lower_when_they_disagree():
    book = analysis.load_codebook()
    officer = [["drugs"], ["kerb_crawling", "feeling_unsafe"], [], ["noise_disturbance"], ["drugs"]]
    same = analysis.agreement(officer, officer, book)
    assert same["alpha"] == pytest.approx(1.0)
    assert same["micro"]["f1"] == 1.0
    other = [["drugs"], ["kerb_crawling"], ["drugs"], [], ["noise_disturbance"]]
    differ = analysis.agreement(officer, other, book)
    assert differ["alpha"] < 0.8
    assert differ["themes"]["drugs"]["alpha"] < 1.0
    assert differ["themes"]["drugs"]["precision"] == 0.5
    # A theme neither coder ever used has no defined alpha, rather than a fake 1.0.
    assert differ["themes"]["area_reputation"]["alpha"] is None


def test_agreement_rejects_unknown_theme_ids_naming_the_row():
    with pytest.raises(ValueError, match="row 2: unknown theme id 'nope'"):
        analysis.agreement([["drugs"], ["nope"]], [["drugs"], []])
