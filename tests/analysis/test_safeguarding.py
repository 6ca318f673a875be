"""The safeguarding screen, as an officer reviewing answers would see it."""

import csv
from pathlib import Path

import pytest

from analysis import safeguarding
from analysis.evidence import Evidence
from analysis.rulegen import without_lookahead
from analysis.safeguarding import CATEGORIES, Screening, screen
from tests.conftest import naughty_strings


DISCLOSURES = [
    # first person
    ("he hits me", "violence_threats"),
    ("My husband punches me when the kids are in bed", "violence_threats"),
    ("I get battered if his tea isn't ready", "violence_threats"),
    ("he said he'll stab me if I talk to you lot", "violence_threats"),
    ("my ex has threatened to petrol bomb the house", "violence_threats"),
    ("he told me he would do me in if I went to the police", "violence_threats"),
    ("I was raped", "sexual_violence"),
    ("I got raped behind the garages in the summer", "sexual_violence"),
    ("a man grabbed my breasts on the way home from the metro", "sexual_violence"),
    ("punter exposed himself to me at the bus stop", "sexual_violence"),
    ("I want to end it all", "self_harm"),
    ("honestly kms", "self_harm"),
    ("I've been self harming again", "self_harm"),
    ("I just want to die", "self_harm"),
    ("going to take my own life, I can't do this", "self_harm"),
    ("some days I think everyone would be better off without me", "self_harm"),
    ("someone is kicking my door in right now", "immediate_danger"),
    ("there's a man trying to break in as we speak", "immediate_danger"),
    ("he's outside now with a bat, please come quick", "immediate_danger"),
    # third person
    ("my neighbour's kid is being groomed", "child_at_risk"),
    ("a girl who looks about 14 getting into cars", "child_at_risk"),
    ("men keep touching the young girls", "sexual_violence"),
    ("men keep touching the young girls", "child_at_risk"),
    ("lads of 13 and 14 selling drugs for a dealer off Westmorland Road", "child_at_risk"),
    ("county lines are using the bairns from the estate", "exploitation_trafficking"),
    ("county lines are using the bairns from the estate", "child_at_risk"),
    ("They took her passport", "exploitation_trafficking"),
    ("she's forced to work", "exploitation_trafficking"),
    ("he keeps all her earnings and she's not allowed to leave the flat", "exploitation_trafficking"),
    ("the women are trafficked in from Albania I'm sure of it", "exploitation_trafficking"),
    ("one lass is working off a debt to the man who brought her over", "exploitation_trafficking"),
    ("that bloke pimps the young lasses out of the flat above the bookies", "exploitation_trafficking"),
    ("the old fella's flat has been cuckooed by dealers", "exploitation_trafficking"),
    ("her boyfriend batters her in the street", "violence_threats"),
    ("a punter strangled one of the women last month", "violence_threats"),
    ("one of the girls was sexually assaulted by a punter", "sexual_violence"),
    ("I heard a woman scream for help in the lane", "immediate_danger"),
    ("a 15 year old lass was in the car with a man in his 50s", "child_at_risk"),
    ("my 12yo was offered weed by men in a car", "child_at_risk"),
    # misspellings and text-speak
    ("i was rapped by my step dad", "sexual_violence"),
    ("he threatend to kil me", "violence_threats"),
    ("wanna kill myself tbh", "self_harm"),
    ("feel suicidle", "self_harm"),
]


@pytest.mark.parametrize(("text", "category"), DISCLOSURES)
def test_disclosure_is_flagged_with_its_category(text, category):
    result = screen(text)

    assert result.flagged
    assert category in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "I'd kill for a working street light",
        "the noise is killing me",
        "I could murder a pint",
        "dying to move out",
        "the council should be shot",
        "my feet are killing me after walking round the block twice",
        "whoever parks like that wants shooting",
        "I'll kill him if he blocks my drive again",
        "the smell is enough to make you want to die",
        "this street is dead at night now, which is great",
        "no children at risk",
        "no one has threatened me",
        "she isn't being forced, she says it's her choice",
        "I'm not suicidal, just fed up",
        "we're not in any danger, it's just a nuisance",
        "he has never hit anyone as far as I know",
        "rapped on the door to complain about the music",
        "the shop is open now till 10",
        "the kids play out in the lane after school",
        "my daughter is 16 and goes to college in town",
        "took the bins out right now and found another needle",
        "the reputation of the street is shot",
        "the police killed it with the operation, much quieter",
        "cars are a nightmare, beeping at all hours",
        "I got hit by a car reversing out the lane",
        "the dog groomer on the corner is lovely",
        "this survey is a waste of time, shoot me now",
        "me husband'll kill us when he sees what I spent at the Metrocentre haha",
        "lads on bikes doing wheelies, they're gonna kill themselves one day",
        "stop exploiting the goodwill of residents with these surveys",
        "arrest the pimps and the punters, lock them up",
        "saw on the news a man was shot in Middlesbrough, we dont want that here",
        "there was a documentary about trafficking in the north east on the telly",
        "would it kill them to empty the dog bins once a week",
        "the takeaway is the biggest threat to the area, rats everywhere",
        "a lad was stabbed in Middlesbrough last year according to the Gazette",
        "exploitation of the parking permit system is rife",
        "I want to jump off a bridge every time I see the state of the bins",
        "we had a gas leak in 2021 and the engineers were great",
        "things have improved a lot since the summer",
        "Holly bushes at the side of the church got cut back so now they use the car park instead.",
        "the flat at 41B Laycock Street is being used, you can hear everything through the wall",
        "n/a",
        "",
    ],
)
def test_figurative_negated_and_everyday_answers_are_not_flagged(text):
    result = screen(text)

    assert not result.flagged
    assert result.categories == ()
    assert result.evidence == ()


def test_evidence_points_at_the_words_in_the_original_text():
    text = "Honestly it's fine mostly. But he said he'll STAB me if I say owt."

    result = screen(text)

    assert result.categories == ("violence_threats",)
    assert result.evidence
    for evidence in result.evidence:
        assert isinstance(evidence, Evidence)
        assert evidence.source == "safeguarding:violence_threats"
        assert text[evidence.start:evidence.end] == evidence.term
    assert any("STAB" in e.term for e in result.evidence)


def test_categories_are_sorted_and_from_the_fixed_list_and_each_has_evidence():
    text = "he's battering her and the bairn is only 3, she was raped by his mate and he's kicking the door in right now"

    result = screen(text)

    assert list(result.categories) == sorted(result.categories)
    assert set(result.categories) <= set(CATEGORIES)
    assert {"violence_threats", "sexual_violence", "child_at_risk", "immediate_danger"} <= set(result.categories)
    sources = {e.source for e in result.evidence}
    assert sources == {f"safeguarding:{c}" for c in result.categories}


def test_a_child_on_its_own_is_not_a_disclosure_but_a_child_with_men_in_cars_is():
    assert not screen("my son is 14 and plays football on the green").flagged
    assert screen("my son is 14 and men in cars keep stopping to talk to him").categories == ("child_at_risk",)


def test_child_sexual_exploitation_is_also_exploitation():
    result = screen("there's a lass of about 15 going with older men for money")

    assert {"child_at_risk", "exploitation_trafficking"} <= set(result.categories)


def test_negation_only_reaches_the_same_clause():
    result = screen("no kids round here, but my partner hits me")

    assert result.categories == ("violence_threats",)


def test_screening_is_frozen():
    result = screen("he hits me")

    with pytest.raises(AttributeError):
        result.categories = ()  # type: ignore[misc]
    assert isinstance(result, Screening)


def test_naughty_strings_never_raise_and_evidence_is_in_bounds():
    strings = naughty_strings()
    assert len(strings) > 500

    for text in strings:
        result = screen(text)
        assert set(result.categories) <= set(CATEGORIES)
        for evidence in result.evidence:
            assert 0 <= evidence.start <= evidence.end <= len(text)
            assert text[evidence.start:evidence.end] == evidence.term


DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"


def _labelled_rows():
    rows = []
    # The sets the rules were written and tuned on; later hold-outs measure the rules and the
    # learned second opinion together (tests/analysis/test_risk_model.py).
    for path in [DATA / "resident_answers.csv", *(DATA / f"resident_answers_holdout{n}.csv" for n in ("", 2, 3, 4, 5))]:
        with path.open(newline="", encoding="utf-8") as f:
            rows += list(csv.DictReader(f))
    return rows


def test_labelled_resident_answers_recall_and_false_flags():
    rows = _labelled_rows()
    disclosures = [r["text"] for r in rows if r["safeguarding"]]
    others = [r["text"] for r in rows if not r["safeguarding"]]
    assert len(disclosures) > 100 and len(others) > 200

    recall = sum(screen(t).flagged for t in disclosures) / len(disclosures)
    false_flags = sum(screen(t).flagged for t in others) / len(others)

    assert recall >= 0.95
    assert false_flags <= 0.02


def _texts_for_rule_checks():
    return [t.lower() for t in [r["text"] for r in _labelled_rows()] + [t for t, _ in DISCLOSURES]]


def test_speed_ups_never_change_what_a_rule_matches():
    rules = dict(safeguarding._RULES)
    rules.update(child=safeguarding._CHILD, child_risk=safeguarding._CHILD_RISK, cse=safeguarding._CSE,
                 urgent=safeguarding._URGENT, figurative=safeguarding._FIGURATIVE)
    texts = _texts_for_rule_checks()

    for name, rule in rules.items():
        plain = without_lookahead(rule)
        for text in texts:
            assert [m.span() for m in rule.finditer(text)] == [m.span() for m in plain.finditer(text)], (name, text)


def test_every_rule_match_contains_a_gate_stem_of_its_category():
    gates = {"child_at_risk": "child"}
    for text in _texts_for_rule_checks():
        stems = {(m.start(), " ".join(m.group(1).split())) for m in safeguarding._GATE.finditer(text)}
        categories = {c for _, stem in stems for c in safeguarding._GATE_CATEGORIES[stem]}
        for name, rule in safeguarding._RULES.items():
            if any(True for _ in rule.finditer(text)):
                assert gates.get(name, name) in categories, (name, text)
        if any(True for _ in safeguarding._CHILD.finditer(text)):
            assert "child" in categories, text
        if any(True for _ in safeguarding._CHILD_RISK.finditer(text)):
            assert "child_risk" in categories, text


@pytest.mark.parametrize("text", [
    "Arrest the ones doing the exploiting, not the women",
    "It's the men buying and the ones exploiting them that should be locked up.",
    "My daughter got asked by a man in a car how much, she's 24 and was walking home from work",
])
def test_opinions_and_adult_relatives_do_not_flag(text):
    assert screen(text).categories == ()


@pytest.mark.parametrize("text, category", [
    ("The men are exploiting her, they take all her money", "exploitation_trafficking"),
    ("My daughter got asked by a man in a car how much, she's 14", "child_at_risk"),
    ("My son was threatened with a knife, he is 13", "child_at_risk"),
])
def test_concrete_exploitation_and_young_relatives_still_flag(text, category):
    assert category in screen(text).categories


@pytest.mark.parametrize("text", [
    "he said he'll kill me when he gets out",
    "he'll kill me when he finds out I rang you",
    "the pimp at number 9 takes all her money",
    "she's being trafficked, they brought her over in a van and keep her passport",
    "note through the door saying you're dead after I gave a statement",
    "I can smell gas through the letterbox at number 12 and she's not answering",
    "the old lady next door hasn't been seen for 4 days, milk still on the step",
    "been stood on the bridge twice this week looking down",
    "three women at the house, never allowed out on their own",
    "one of them slipped me a note that said HELP ME",
    "the old fella's flat is being used by dealers now",
    "he cut her back open with a bottle",
])
def test_threats_and_exploitation_near_those_figures_are_still_flagged(text):
    assert screen(text).flagged
