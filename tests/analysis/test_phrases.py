"""Emerging phrases: what residents talk about that the codebook does not cover yet."""
import analysis

ANSWERS = [
    "The new takeaway shop stays open till 2am", "people hang around the takeaway shop",
    "takeaway shop customers leave rubbish", "the dog fouling on the green again",
    "dog fouling by the church", "dog fouling everywhere",
    "needles in the back lane", "needles in the back lane again", "needles in the back lane",
]


def test_uncovered_phrases_are_found_and_covered_ones_are_not():
    phrases = analysis.emerging_phrases(ANSWERS, top=10, min_count=3)
    found = {p.phrase for p in phrases}
    assert {"takeaway shop", "dog fouling"} <= found
    assert not any("needles" in p or "back lane" in p for p in found)  # already themes
    shop = next(p for p in phrases if p.phrase == "takeaway shop")
    assert shop.count == 3 and shop.score > 0


def test_phrases_never_span_two_answers_and_respect_min_count():
    phrases = analysis.emerging_phrases(["orange", "bicycle", "orange", "bicycle"], min_count=2)
    assert phrases == []


def test_phrases_accept_a_generator_and_odd_values():
    phrases = analysis.emerging_phrases((a for a in ANSWERS + [None, "", "\x00"]), top=1, min_count=3)
    assert len(phrases) == 1
