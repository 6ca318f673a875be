"""Tone of an answer: NLTK's VADER compound score, without any downloaded NLTK data."""

import csv
import random
from pathlib import Path

import pytest
from nltk.sentiment.vader import SentimentIntensityAnalyzer

from analysis import tone as tone_module
from analysis.tone import tone
from tests.conftest import naughty_strings

ANSWERS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "resident_answers.csv"


@pytest.mark.parametrize(
    "text",
    [
        "Things are much better now, thank you to the police team",
        "the street is GREAT!!!",
        "its not bad now tbh",
        "Brilliant work by the PCSOs, really appreciate it :)",
    ],
)
def test_pleased_answers_score_positive(text):
    assert tone(text) > 0.3


@pytest.mark.parametrize(
    "text",
    [
        "Disgusting, filthy, scary street. Terrified every night",
        "it is not good",
        "I am NOT happy",
        "Awful. Needles, condoms and screaming at 3am",
    ],
)
def test_unhappy_answers_score_negative(text):
    assert tone(text) < -0.3


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "n/a", "canny quiet now", "12 Grange Road"])
def test_empty_and_neutral_answers_score_zero(text):
    assert tone(text) == 0.0


def _reference_scores(texts):
    """NLTK's own analyser, loaded from the same lexicon file, unoptimised."""
    tone_module.analyser()  # puts the lexicon's folder on nltk.data.path, which NLTK requires
    reference = SentimentIntensityAnalyzer(lexicon_file="file:" + tone_module._lexicon_path())
    return [reference.polarity_scores(t)["compound"] for t in texts]


def test_score_is_exactly_nltk_vaders_compound():
    with ANSWERS.open(newline="", encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    texts += [
        "not bad at all!!",
        "it's kind of ok :) but the noise... ugh!!!",
        ".good. 'great' (bad)",
        "NOT GOOD at all",
        "never so happy",
        "at least it's better?? ??",
        ":-) :( <3",
        "good good good bad bad",
        "The lane is a bit less grim, but still no lighting",
    ]

    assert [tone(t) for t in texts] == _reference_scores(texts)


def test_naughty_strings_score_within_range_and_match_nltk():
    strings = naughty_strings()
    assert len(strings) > 500

    scores = [tone(t) for t in strings]

    assert all(isinstance(s, float) and -1.0 <= s <= 1.0 for s in scores)
    assert scores == [0.0 if not t.strip() else r for t, r in zip(strings, _reference_scores(strings))]


def test_the_analyser_is_built_once():
    assert tone_module.analyser() is tone_module.analyser()


def test_modifiers_and_idioms_in_every_position_match_nltk():
    """Lexicon words with and without boosters, negations, "never so", "least", capitals and
    multi-word idioms close by: the shortcut for unmodified words must never apply wrongly."""
    analyser = tone_module.analyser()
    c = analyser.constants
    vocab = (["good", "bad", "great", "awful", "happy", "scary", "safe", "hate", "love", "death",
              "the", "a", "street", "is", "at", "very", "but", "kind", "of", "yeah", "right",
              "never", "so", "this", "least", "don't", "can’t", "NOT", "GOOD", "Bad", ":)", "!!",
              "'good'", "(bad)", "so.", "good!!"]
             + sorted(c.BOOSTER_DICT) + sorted(c.NEGATE) + sorted(c.SPECIAL_CASE_IDIOMS))
    rnd = random.Random(7)
    texts = []
    for _ in range(3000):
        words = [rnd.choice(vocab) for _ in range(rnd.randint(1, 20))]
        words = [w.upper() if rnd.random() < 0.1 else w for w in words]
        texts.append(" ".join(words) + rnd.choice(["", ".", "!", "!!", "??"]))

    assert [tone(t) for t in texts] == _reference_scores(texts)
