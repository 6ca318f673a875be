"""Codebooks: the default one, and validation errors an analyst can act on."""
import dataclasses
import re

import pytest

import analysis
from analysis.codebook import CodebookError

DEFAULT_IDS = {
    "kerb_crawling", "street_sex_work", "drugs", "discarded_items", "noise_disturbance",
    "vehicles_parking", "feeling_unsafe", "children_young_people", "antisocial_behaviour",
    "crime_property", "environment_lighting", "police_response", "welfare_of_workers",
    "area_reputation",
}
VALID = """
codebook: test-book
version: 2
title: Test themes
themes:
  - id: litter
    label: Litter
    description: Rubbish in the street.
    keywords: [litter, rubbish]
    examples: ["Bags of rubbish everywhere"]
  - id: noise
    label: Noise
    keywords: [noise, shouting]
"""


def write(tmp_path, text, name="book.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_default_codebook_has_exactly_the_agreed_themes():
    book = analysis.load_codebook()
    assert set(book.theme_ids) == DEFAULT_IDS
    assert len(book.theme_ids) == len(DEFAULT_IDS)
    assert all(t.keywords and t.label and t.description for t in book.themes)


def test_default_labels_do_not_stigmatise():
    book = analysis.load_codebook()
    words = " ".join(t.label + " " + t.description for t in book.themes).lower()
    for slur in ("prostitute", "hooker", "whore", "tart", "junkie", "vermin", "scum"):
        assert not re.search(rf"\b{slur}", words), slur
    assert "selling sex" in words


def test_codebook_and_themes_are_frozen(tmp_path):
    book = analysis.load_codebook(write(tmp_path, VALID))
    with pytest.raises(dataclasses.FrozenInstanceError):
        book.version = 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        book.themes[0].label = "x"
    assert book.themes[0].keywords == ("litter", "rubbish")
    assert book.themes[1].examples == ()


def test_fingerprint_changes_with_content_but_not_with_comments(tmp_path):
    a = analysis.load_codebook(write(tmp_path, VALID, "a.yaml"))
    b = analysis.load_codebook(write(tmp_path, "# a comment\n" + VALID, "b.yaml"))
    c = analysis.load_codebook(write(tmp_path, VALID.replace("shouting", "yelling"), "c.yaml"))
    assert a.fingerprint == b.fingerprint
    assert a.fingerprint != c.fingerprint
    d = analysis.load_codebook(write(tmp_path, "null_answer_theme: noise\n" + VALID, "d.yaml"))
    assert d.null_answer_theme == "noise" and a.null_answer_theme is None
    assert d.fingerprint != a.fingerprint  # a model trained without it must not be used with it


@pytest.mark.parametrize("text, expected", [
    (VALID.replace("id: noise", "id: litter"), r"theme 'litter': field 'id' is used twice"),
    (VALID.replace("id: noise", "id: Noise-Theme"), r"theme 2: field 'id' must match"),
    (VALID.replace("    label: Noise\n", ""), r"theme 'noise': field 'label' is required"),
    (VALID.replace("keywords: [noise, shouting]", "keywords: noise"), r"theme 'noise': field 'keywords' must be a list"),
    (VALID.replace("version: 2", "version: two"), r"field 'version' must be a whole number"),
    ("null_answer_theme: praise\n" + VALID, r"field 'null_answer_theme' must be one of the theme ids, got 'praise'"),
    ("null_answer_theme: [noise]\n" + VALID, r"field 'null_answer_theme' must be one of the theme ids"),
    (VALID.replace("    label: Noise\n", "    label: Noise\n    colour: red\n"), r"theme 'noise': unknown field\(s\) colour"),
    ("codebook: x\nversion: 1\ntitle: T\nthemes: []\n", r"field 'themes' must be a non-empty list"),
    ("themes: [unclosed\n", r"not valid YAML at line \d+"),
])
def test_validation_errors_name_file_theme_and_field(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(CodebookError, match=expected) as err:
        analysis.load_codebook(path)
    assert str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CodebookError, match="codebook file not found"):
        analysis.load_codebook(tmp_path / "nope.yaml")
