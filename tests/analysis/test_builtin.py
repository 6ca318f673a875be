"""The built-in theme model: shipped with the default codebook, used by default, built from
the labelled files it names, and out of the way once the codebook it fits has changed."""
import csv
import dataclasses
import hashlib
import sys
from pathlib import Path

import pytest

import analysis
from analysis import builtin
from analysis.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from builtin_lowo import build_files  # noqa: E402

# Written for this test, in residents' roundabout words; in none of the model's answers.
UNSEEN = {
    "You can tell what the girls by the launderette are there for, they step out to every car": "street_sex_work",
    "Fellas in motors doing laps of the block at midnight, eyeing up every lass on her own": "kerb_crawling",
}


def test_the_shipped_model_was_built_from_the_files_it_names_as_they_are_now():
    shipped = builtin.sources()
    assert shipped, "analysis/models/street_impact_themes.zip records no source files"
    files = {p.name: p for p in build_files()}
    assert set(shipped) == set(files), "the build list in benchmarks/builtin_lowo.py and the shipped model differ"
    for name, digest in shipped.items():
        assert hashlib.sha256(files[name].read_bytes()).hexdigest() == digest, (
            f"{name} changed: rebuild with python -m analysis builtin (benchmarks/README.md)")


def test_the_model_learned_from_every_labelled_answer_of_those_files():
    texts, labels = analysis.seed_examples()
    expected = []
    for path in build_files():
        with path.open(newline="", encoding="utf-8") as f:
            expected += [(r["text"], [t for t in r["themes"].split(";") if t]) for r in csv.DictReader(f)]
    assert list(zip(texts, labels)) == expected
    assert builtin.builtin_model(analysis.load_codebook()).n_train == len(expected)


@pytest.mark.parametrize("text, theme", UNSEEN.items())
def test_by_default_tagging_reads_residents_wording_the_codebook_alone_misses(text, theme):
    assert text not in analysis.seed_examples()[0]
    [with_model] = analysis.tag([text])
    [codebook_only] = analysis.tag([text], builtin=False)
    assert theme in with_model.themes and theme not in codebook_only.themes
    # and says why: words from the answer, as an officer's review page shows them
    assert all(text[e.start:e.end] == e.term or e.source != "model" for e in with_model.evidence[theme])
    assert with_model.evidence[theme]


def test_the_command_line_uses_it_unless_told_to_use_the_codebook_alone(tmp_path):
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["text"], *([t] for t in UNSEEN)])
    assert main(["tag", "--input", str(source), "--output", str(tmp_path / "default.csv")]) == 0
    assert main(["tag", "--codebook-only", "--input", str(source), "--output", str(tmp_path / "plain.csv")]) == 0

    def themes(name):
        with (tmp_path / name).open(newline="", encoding="utf-8") as f:
            return [set(r["themes"].split(";")) - {""} for r in csv.DictReader(f)]
    assert [theme in found for theme, found in zip(UNSEEN.values(), themes("default.csv"))] == [True, True]
    assert [theme in found for theme, found in zip(UNSEEN.values(), themes("plain.csv"))] == [False, False]


def test_another_or_an_edited_codebook_gets_no_built_in_model(tmp_path):
    book = analysis.load_codebook()
    assert builtin.builtin_model(book) is not None
    edited = dataclasses.replace(book, version=book.version + 1)
    assert builtin.builtin_model(edited) is None
    reworded = dataclasses.replace(book, themes=(dataclasses.replace(book.themes[0], label="Kerb crawling"),
                                                 *book.themes[1:]))
    assert builtin.builtin_model(reworded) is None  # same id and version, other content
    # a missing or damaged file means no model, never an error while tagging
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    assert builtin.builtin_model(book, tmp_path / "bad.zip") is None
    assert builtin.seed_examples(book, tmp_path / "bad.zip") == ([], [])
    [result] = analysis.tag(["Needles in the lane"], edited)
    assert result.themes == ("discarded_items",)


def test_seed_answers_labelled_with_a_theme_the_codebook_lacks_are_left_out():
    book = analysis.load_codebook()
    smaller = dataclasses.replace(book, themes=tuple(t for t in book.themes if t.id != "area_reputation"))
    texts, labels = analysis.seed_examples(smaller)
    all_texts, all_labels = analysis.seed_examples(book)
    assert 0 < len(texts) < len(all_texts)
    assert not any("area_reputation" in label for label in labels)
    assert len(texts) == sum(1 for label in all_labels if "area_reputation" not in label)
