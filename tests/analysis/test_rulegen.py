"""The speed-ups read from a rule regex are necessary conditions: they never hide a match."""
import random
import re

import pytest

from analysis import safeguarding_rules as rules
from analysis.rulegen import lookahead, prefixes, required_words, without_lookahead, word_scan


@pytest.mark.parametrize("pattern, starts, words", [
    (r"kil+", {"kil"}, {"kil"}),
    (r"(?:kil+|stab\w*)\s+(?:me|her)", {"kil", "stab"}, {"kil", "stab"}),
    (r"do\s+(?:me|her)\s+in", {"do me", "do he"}, {"do me", "do her"}),   # "do" alone is too common
    (r"(?:is|was)\s+(?:absolute\s+)?murder", {"is ab", "is mu", "was a", "was m"}, {"murder"}),
    (r"self[\s-]?harm\w*", {"self ", "self-", "selfh"}, {"self harm", "self-harm", "selfharm"}),
    (r"(?:'s|is)\s+(?:still\s+)?screaming", {"'s sc", "'s st", "is sc", "is st"}, {"screaming"}),
])
def test_what_a_pattern_needs(pattern, starts, words):
    """Prefixes a space in which stands for any whitespace; required words begin a word."""
    assert prefixes(pattern) == starts
    assert required_words(pattern) == words


def test_a_pattern_that_can_start_or_hold_anything_says_so():
    assert "" in prefixes(r"[^.]{0,40}help")
    assert lookahead(r"\w+ing") == ""
    assert required_words(r"\w+ing") is None


def _alphabet(pattern: re.Pattern) -> list[str]:
    """Words a rule is made of, so random texts built from them match it often."""
    return re.findall(r"[a-z0-9'’£]+", pattern.pattern) + "the a my her him is was and , . ! now".split()


RULE_SETS = {**rules.RULES, "child": rules.CHILD, "child_risk": rules.CHILD_RISK, "urgent": rules.URGENT,
             "cse": rules.CSE, "figurative": rules.FIGURATIVE}


@pytest.mark.parametrize("name", sorted(RULE_SETS))
def test_on_random_texts_every_match_starts_with_a_prefix_and_holds_a_required_word(name):
    rule = RULE_SETS[name]
    as_written = without_lookahead(rule)
    words = _alphabet(rule)
    stems = rules.GATE_STEMS.get(name)
    scan = word_scan(stems) if stems else None
    rng = random.Random(name)
    matched = 0
    for _ in range(5000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(2, 12)))
        plain = [m.span() for m in as_written.finditer(text)]
        assert [m.span() for m in rule.finditer(text)] == plain, text
        if scan is not None:
            found = {m.start() for m in scan.finditer(text)}
            for start, end in plain:
                assert any(start <= at < end for at in found), (name, text[start:end])
        matched += bool(plain)
    assert matched >= 5  # the texts did exercise the rule


def test_the_gate_words_of_each_category_are_the_rules_own():
    assert set(rules.GATE_STEMS) == set(rules.RULES) | {"child", "child_risk"}
    for category, stems in rules.GATE_STEMS.items():
        assert stems
        for stem in stems:
            assert category in rules.GATE_CATEGORIES[stem]
