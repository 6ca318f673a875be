"""Safeguarding screen: does a free-text answer disclose harm an officer must act on?

``screen(text)`` returns the categories found and the words that triggered them, with
offsets into the original text, so the review page can highlight them.

Recall comes first: a missed disclosure can cost a life, a false flag costs an officer a
minute. So the rules are broad (stems, text-speak, common misspellings, first- and
third-person, reported threats), and only two kinds of match are dropped:

* negated ones ("no one has threatened me", "she isn't being forced", "not suicidal"),
  judged on the few words before the match within the same clause;
* figures of speech that residents use all the time about noise, bins and parking
  ("I'd kill for a street light", "the noise is killing me", "could murder a pint",
  "dying to move", "the council should be shot", "I'll kill him if I catch him").

``child_at_risk`` needs two things in the same answer: a child (an age under 18, "my
daughter", "bairns", "school uniform"...) and a risk (men in cars, offers of money or lifts,
grooming, drugs running, or any other category). Children alone are not a disclosure ("the
bairns play in the lane"). A child with signs of sexual exploitation (getting into cars,
older men, money, grooming) is also ``exploitation_trafficking``.

The rules live in ``analysis.safeguarding_rules``. Speed: one scan for gate stems tells
which categories' rules are worth running (most answers open few or none); each rule set
is then scanned only in the sentences holding its stems.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from analysis.evidence import Evidence
from analysis.safeguarding_context import grown_up as _not_my_childhood
from analysis.safeguarding_context import keep_present
from analysis.safeguarding_context import sentences as context_sentences
from analysis.safeguarding_rules import CHILD as _CHILD
from analysis.safeguarding_rules import CHILD_RISK as _CHILD_RISK
from analysis.safeguarding_rules import CSE as _CSE
from analysis.safeguarding_rules import FIGURATIVE as _FIGURATIVE
from analysis.safeguarding_rules import GATE as _GATE
from analysis.safeguarding_rules import GATE_CATEGORIES as _GATE_CATEGORIES
from analysis.safeguarding_rules import RULES as _RULES
from analysis.safeguarding_rules import URGENT as _URGENT

__all__ = ["CATEGORIES", "Screening", "screen"]

CATEGORIES = (
    "child_at_risk",
    "sexual_violence",
    "exploitation_trafficking",
    "violence_threats",
    "self_harm",
    "immediate_danger",
)


@dataclass(frozen=True, slots=True)
class Screening:
    """What the screen found: sorted categories and the evidence for each."""

    categories: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.categories)


_NEGATION = re.compile(
    r"\b(?:no|not|never|nobody|noone|nobodys|none|nor|without|hardly|isnt|wasnt|arent|werent|dont|doesnt|didnt|"
    r"havent|hasnt|hadnt|wont|cant|couldnt|wouldnt|shouldnt|aint|no\s+one)\b|n['’]t\b|\bno\s+one['’]s\b|\bnobody['’]s\b",
)
# Negations that do not deny the harm: "won't stop hitting me", "not sure but he hits her".
# "can't be more than 15", "couldn't have been older than 14": an estimate, not a denial.
_NOT_A_DENIAL = re.compile(r"^\W*(?:stop|stops|only|just|know|sure|even|let|leave|allowed|"
                           r"(?:be|have\s+been|look|looked)\s+(?:more|older|over|much\s+(?:more|older)|any\s+older)\b)")
_NEW_SUBJECT = re.compile(
    r"\b(?:he|she|they|i|we|you|someone|somebody)\s*(?:['’]ll|['’]d|['’]s|['’]re|['’]m|will|would|is|are|was|were|has|have|had|said|says|"
    r"\w+ed)\b"
)
# "she said no", "told him no": a refusal, not a denial of what follows
_REFUSAL = re.compile(r"\b(?:said|say|says|saying|told\s+\w+|tell\s+\w+|shouted|screamed)\s+$")
# "with no money and a black eye": a negation does not reach past "and" either.
_CLAUSE_BREAK = re.compile(r"[.;!?,\n]|\bbut\b|\bthough\b|\bhowever\b|\band\b")


_EMPTY = Screening()


def _negated(text: str, start: int, end: int | None = None) -> bool:
    """True when the clause before ``start`` denies what follows ("no one has threatened")."""
    window = text[max(0, start - 48):start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    # only the last few words before the match can negate it
    words = window.split()
    window = " ".join(words[-5:])
    for m in _NEGATION.finditer(window):
        rest = window[m.end():] + " " + text[start:end or start]  # the words the negation reaches
        # "if he doesn't pay up they'll come for us": a new subject starts a new clause
        if _REFUSAL.search(window[:m.start()]):
            continue
        if not _NOT_A_DENIAL.match(rest) and not _NEW_SUBJECT.search(rest):
            return True
    return False


class _Figures:
    """Spans of figures of speech in a text, found only if some rule matched at all."""

    __slots__ = ("text", "_spans")

    def __init__(self, text: str):
        self.text = text
        self._spans: list[tuple[int, int]] | None = None

    def overlaps(self, start: int, end: int) -> bool:
        if self._spans is None:
            self._spans = [m.span() for m in _FIGURATIVE.finditer(self.text)]
        return any(fs < end and start < fe for fs, fe in self._spans)


def _spans(pattern: re.Pattern[str], text: str, figures: _Figures,
           windows: list[tuple[int, int]] | None = None) -> list[re.Match[str]]:
    """Matches of ``pattern`` that are neither figurative nor negated, searched in ``windows``
    (the sentences holding a gate stem) or in the whole text."""
    found = []
    for pos, endpos in windows or ((0, len(text)),):
        for m in pattern.finditer(text, pos, endpos):
            s, e = m.span()
            if figures.overlaps(s, e) or _negated(text, s, e):
                continue
            found.append(m)
    return found


# A call for enforcement ("arrest the ones doing the exploiting") is an opinion about the
# trade, not a disclosure about a person: the bare word "exploit..." in such a sentence does
# not flag on its own. Concrete signs (money taken, passports, forced) still do.
_BARE_EXPLOIT = re.compile(r"exploit\w*|pimps?|traf+ick(?:ers?|ing)?")
_ENFORCEMENT = re.compile(
    r"\b(?:arrest\w*|lock(?:ed)?\s+(?:them\s+)?up|jail\w*|prison|prosecut\w*|go(?:ing)?\s+after|"
    r"target\w*|punish\w*|charg(?:e|ed|ing)|crack\s+down|should\s+be|deal\s+with)\b")
# "My daughter ... she's 24": a son or daughter who is an adult is not a child at risk.
_FAMILY_CHILD = re.compile(r"(?:grand)?(?:daughters?|sons?)|step\s*(?:son|daughter)s?|nieces?|nephews?")
_ADULT_AGE = re.compile(
    r"\b(?:she'?s|shes|he'?s|hes|she\s+is|he\s+is|they'?re|aged?|is|(?:son|daughter|lad|lass|boy|girl|grandson|granddaughter)(?:'s|s))\s+"
    r"(?:only\s+|just\s+)?(?:1[89]|[2-9][0-9]|eighteen|nineteen|twenty|thirty|forty|fifty|sixty)\b(?!\s*(?:months?|weeks?))|\bgrown[\s-]+(?:up|woman|man|adult)|"
    r"\bin\s+(?:her|his|their)\s+(?:[2-9]0s|twenties|thirties|forties|fifties|sixties)\b|\badult\s+(?:sons?|daughters?|children|kids)\b|"
    # "my daughters are students at the university", "our lad's away at uni"
    r"\b(?:at|to|from)\s+(?:the\s+)?uni(?:versity)?\b|\buniversity\s+students?\b")


def _sentence_of(text: str, sentences: list[tuple[int, int]], position: int) -> str:
    """The sentence (from :func:`_sentences`) that holds ``position``."""
    start, end = sentences[bisect_right(sentences, (position, len(text))) - 1]
    return text[start:end]


def _opinion_only(matches: list[re.Match[str]], text: str, sentences: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Drop bare "exploit...", "pimps", "traffickers" in sentences that call for enforcement
    ("arrest the pimps and the punters"): an opinion about policing, not a disclosure."""
    return [m for m in matches
            if not (_BARE_EXPLOIT.fullmatch(m.group()) and _ENFORCEMENT.search(_sentence_of(text, sentences, m.start())))]


def _near(risks: list[re.Match[str]], children: list[re.Match[str]], sentences: list[tuple[int, int]]) -> list[re.Match[str]]:
    """The risks told in the sentence of a mention of a child, or the one before or after it: in
    a long answer, a child in one paragraph and men in cars in another are two things."""
    ends = [end for _, end in sentences]
    near = {bisect_right(ends, m.start()) for m in children}
    return [m for m in risks if near & {bisect_right(ends, m.start()) + d for d in (-1, 0, 1)}]


def _adult_relatives_only(matches: list[re.Match[str]], text: str) -> list[re.Match[str]]:
    """Drop "daughter"/"son" matches when the answer says that person is an adult."""
    if not _ADULT_AGE.search(text):
        return matches
    return [m for m in matches if not _FAMILY_CHILD.fullmatch(m.group().strip())]


# Sentence ends: rules never match across ". " so each rule only needs the sentences that
# hold one of its stems.
_SENTENCE_END = re.compile(r"[.!?]+(?=\s)")


def _sentences(text: str) -> list[tuple[int, int]]:
    return context_sentences(text, _SENTENCE_END)


def _lower_same_length(text: str) -> str:
    """Lower-cased text with the same offsets (a few characters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def screen(text: str) -> Screening:
    """Screen one answer for safeguarding disclosures."""
    if not text:
        return _EMPTY
    original = text
    # Rules are written in lower case and matched without re.IGNORECASE, which is ~5x slower.
    text = _lower_same_length(text)
    # a stem matched with other whitespace than one space ("end  it") is looked up normalised
    stems = [(m.start(), _GATE_CATEGORIES.get(m.group(1)) or _GATE_CATEGORIES[" ".join(m.group(1).split())])
             for m in _GATE.finditer(text)]
    gates: set[str] = set().union(*(cats for _, cats in stems))
    if not (gates - {"child", "child_risk"}) and not {"child", "child_risk"} <= gates:
        return _EMPTY
    # the sentences each category's rules need to look at
    sentences = _sentences(text)
    windows: dict[str, list[tuple[int, int]]] = {}
    k = 0
    for position, cats in stems:  # stems come in text order, so do sentences
        while sentences[k][1] <= position:
            k += 1
        for category in cats:
            spans = windows.setdefault(category, [])
            if not spans or spans[-1] != sentences[k]:
                spans.append(sentences[k])
    figures = _Figures(text)
    context: list[tuple[int, int]] = []  # sentences, for the frame of a match (only if one is found)
    hits: dict[str, list[re.Match[str]]] = {}
    for category, pattern in _RULES.items():
        if category in gates:
            found = _spans(pattern, text, figures, windows[category])
            if category == "exploitation_trafficking":
                found = _opinion_only(found, text, sentences)
            if found:
                context = context or context_sentences(text)
                found = keep_present(text, found, context)
            if found:
                hits[category] = found

    # Present-tense urgency counts when danger is described with it.
    if "immediate_danger" not in hits and ("violence_threats" in hits or "sexual_violence" in hits):
        # urgency is about the danger told beside it: "now" three sentences on ("she's 30 now",
        # "nothing like that now") is no urgency of that danger
        danger = hits.get("violence_threats", []) + hits.get("sexual_violence", [])
        urgent = _near(_spans(_URGENT, text, figures), danger, sentences)
        urgent = keep_present(text, urgent, context or None)
        if urgent:
            hits["immediate_danger"] = urgent

    # A child is at risk when the answer also holds a risk to a child or another category.
    others = [m for c in ("sexual_violence", "exploitation_trafficking", "violence_threats", "immediate_danger")
              for m in hits.get(c, ())]
    if "child" in gates and (others or "child_risk" in gates):
        # With no other category found, only a risk can make a mention of a child a
        # disclosure; risks are much rarer than children, so look for them first.
        risks = _spans(_CHILD_RISK, text, figures, windows["child_risk"]) if not others else None
        children = _adult_relatives_only(_spans(_CHILD, text, figures, windows["child"]), text) if others or risks else []
        children = _not_my_childhood(text, children, context or None)
        if children and risks is None:
            risks = _spans(_CHILD_RISK, text, figures, windows["child_risk"]) if "child_risk" in gates else []
        if risks:
            risks = keep_present(text, _near(risks, children, sentences), context or None)
        if children and (risks or others):
            hits["child_at_risk"] = children + (risks or others)
            cse = _spans(_CSE, text, figures)
            if cse and "exploitation_trafficking" not in hits:
                hits["exploitation_trafficking"] = cse

    if not hits:
        return _EMPTY
    categories = tuple(sorted(hits))
    evidence = []
    for category in categories:
        seen = set()
        for m in sorted(hits[category], key=lambda m: m.start()):
            if m.span() in seen or m.start() == m.end():
                continue
            seen.add(m.span())
            evidence.append(Evidence(original[m.start():m.end()], m.start(), m.end(), f"safeguarding:{category}"))
    return Screening(categories, tuple(evidence))
