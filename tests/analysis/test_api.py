"""The Python API as the portal uses it."""
import ast
import json
from pathlib import Path

import pytest

import analysis
from tests.conftest import naughty_strings

ROOT = Path(__file__).resolve().parents[2]


def test_tag_returns_one_result_per_text_in_order_with_everything_filled():
    texts = ["Kerb crawlers every night", None, "", 42, "n/a",
             "My 12 year old was approached by a man in a car, ring me on 07700 900123"]
    results = analysis.tag(texts)
    assert len(results) == len(texts)
    assert "kerb_crawling" in results[0].themes
    assert results[1].themes == () and results[1].error is None
    last = results[-1]
    assert "child_at_risk" in last.safeguarding
    assert "07700" not in last.redacted_text
    row = last.to_row()
    assert set(row) == {"themes", "scores", "evidence", "safeguarding", "redacted_text", "tone"}
    assert json.loads(row["evidence"])["safeguarding"]


def test_all_naughty_strings_come_back_without_errors():
    naughty = naughty_strings()
    results = analysis.tag(naughty)
    assert len(results) == len(naughty) == 515
    assert [r.error for r in results if r.error] == []
    for r in results:
        json.dumps(r.to_row())


def test_a_failing_stage_is_reported_on_its_row_not_dropped(monkeypatch):
    import analysis.redact

    def broken(text):
        if "boom" in text:
            raise RuntimeError("redactor broke")
        return analysis.redact.Redaction(text, ()) if hasattr(analysis.redact, "Redaction") else None

    monkeypatch.setattr(analysis.redact, "redact", broken)
    results = analysis.tag(["needles boom", "ok"])
    assert len(results) == 2
    assert "redactor broke" in results[0].error
    assert results[0].redacted_text == ""          # never the raw text instead
    assert "discarded_items" in results[0].themes  # other stages still ran


def test_train_and_evaluate_from_python():
    texts = ["needles in the lane", "kerb crawlers again", "dealers on the corner", "n/a"] * 3
    labels = [["discarded_items"], ["kerb_crawling"], ["drugs"], []] * 3
    model = analysis.train(texts, labels)
    report = analysis.evaluate(texts, labels, model=model)
    assert report["micro"]["f1"] == 1.0
    with pytest.raises(ValueError, match="row 1: unknown theme id 'x'"):
        analysis.train(["a"], [["x"]])


def test_analysis_imports_nothing_from_the_web_layers():
    for path in (ROOT / "analysis").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert name.split(".")[0] not in {"portal", "surveys", "flask", "sqlalchemy"}, path


def test_an_answer_near_a_decision_is_less_sure_than_a_clear_one_or_an_empty_one():
    clear, borderline, empty = analysis.tag([
        "Kerb crawlers kerb crawling every night, kerb crawlers slowing and asking women how much",
        "the lights are a bit dim maybe",
        "n/a"])
    assert 0.0 == empty.uncertainty < clear.uncertainty < borderline.uncertainty <= 1.0


def test_a_stored_codebook_document_parses_like_the_file():
    import yaml
    from analysis.codebook import DEFAULT_CODEBOOK_PATH

    document = yaml.safe_load(DEFAULT_CODEBOOK_PATH.read_text(encoding="utf-8"))
    assert analysis.parse_codebook(document, "stored").fingerprint == analysis.load_codebook().fingerprint
