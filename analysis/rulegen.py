"""What a rule regex needs, read from the regex itself: the speed-ups of the rule screens.

A screen runs many regexes of many alternatives over every answer. Two cheap tests make
that fast, and both are derived here from the rules, so a rule is written once:

* :func:`prefixes`: strings one of which every match starts with. A lookahead for them,
  nested by prefix, rejects most word starts at their first character.
* :func:`required_words`: strings one of which every match holds at the start of a word.
  One scan of an answer for every rule's required words tells which rules can match at
  all, and in which sentences (most answers open few rules or none).

Both read the parse tree of Python's own regex compiler (``re._parser``), so they see the
rule exactly as ``re`` does. Each is a necessary condition only (it may let through text
the rule then rejects, never reject text the rule matches); anything the analysis does not
understand (a class of many characters, a back-reference) ends what it can say, so it stays
safe. A space in a result stands for any run of whitespace (``\\s+``), as in the rules.
"""
from __future__ import annotations

import re
from functools import lru_cache
import re._constants as C  # noqa: N812 - the compiler's own names
import re._parser as P  # noqa: N812

from .regexutil import trie_regex

__all__ = ["prefixes", "required_words", "lookahead", "without_lookahead", "word_scan"]

_SPACES = re.compile(" {2,}")
_NOTHING = frozenset({""})
_MAX_SET = 400      # strings in a set before the analysis stops extending it
_MAX_LEN = 24       # characters kept of a required word (a prefix of one is as necessary)
_PREFIX_LEN = 5     # characters of a prefix worth testing in a lookahead
_MAX_PREFIXES = 600
_MAX_RUNS = 4       # runs of literal words followed at once
_SMALL_CLASS = 12   # characters of a class expanded into separate strings
# Words so common that opening a rule on them saves nothing (a rule needs better words):
# function words, and the everyday words of residents' answers.
_COMMON = frozenset("""
a about after again all also always am an and any are around as ask asked at away back bad be
because been before being best better big bit but by call came can car cars child children come
comes coming could day days did do does doing done door down each end even every eyes face feel
felt few find first for from gave get gets getting girl girls give go goes going gone good got
had hand has have having he hear heard help her here him his home house how i if in into is it
its just keep kept kids know last left let life like little live lives living look looking lot
made make man many may me men money more most much my need never new next night no not now of
off old on one only or other our out outside over own people place police put really right
road round said same saw say says school see seen she should so some something still stop
street such take talk tell than that the their them then there these they thing think this
those though time to told too took two up us use used very walk want was way we week well
went were what when where which while who why will with woman women work would year years yes
you young your u im ive id dont cant s t d ll m re ve
""".split())


class _Info:
    """What one piece of a regex can match: ``exact`` (every string it can match, if a few),
    ``first`` (strings every match starts with; "" if none), ``words`` (the cheapest set of
    strings one of which every match holds at a word start; None if there is none),
    ``empty`` (can match nothing), ``word_end`` (the next character is at a word start, given
    that this piece started at one: ``entry`` -> bool)."""

    __slots__ = ("exact", "first", "words", "empty", "after")

    def __init__(self, exact, first, words, empty, after):
        self.exact, self.first, self.words, self.empty, self.after = exact, first, words, empty, after


def _cap(strings: set[str], length: int = _MAX_LEN) -> frozenset[str]:
    # two runs of whitespace in a row are one run ("\\s*-?\\s*" without the dash)
    return frozenset((_SPACES.sub(" ", s) if "  " in s else s)[:length] for s in strings)


def _join(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None:
        return None
    if a == _NOTHING or b == _NOTHING:  # joining nothing to a set, however large, is that set
        return b if a == _NOTHING else a
    if len(a) * len(b) > _MAX_SET:
        return None
    return frozenset(x + y for x in a for y in b)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _class_chars(items) -> frozenset[str] | None:
    """The characters of a small class ([ae], [\\s-], ['’`]); whitespace as " "."""
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(" " if chr(av).isspace() else chr(av))
        elif op is C.RANGE and av[1] - av[0] < _SMALL_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_SPACE:
            chars.add(" ")
        else:
            return None
    return frozenset(chars) if len(chars) <= _SMALL_CLASS else None


def _class_breaks_words(items, negated: bool) -> bool:
    """True if every character the class matches is no word character (so a word starts after it)."""
    if negated:
        return any(op is C.CATEGORY and av is C.CATEGORY_WORD for op, av in items)
    for op, av in items:
        if op is C.LITERAL and _is_word_char(chr(av)):
            return False
        if op is C.RANGE:
            return False
        if op is C.CATEGORY and av not in (C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD):
            return False
    return True


_COMMON_STARTS = frozenset(w[:k] for w in _COMMON for k in range(1, len(w) + 1))
_OVERHEAD = 3e-4  # what one more word costs the scan, in the same units
_RARE = 2e-4   # a run of words this rare is selective enough: it stops growing


@lru_cache(maxsize=None)
def _cost(word: str) -> float:
    """About how likely a word start is to hold this string: a common word 1 in 30, another
    word's first letters five times less likely with each letter (digits a little less)."""
    cost = 1.0
    parts = word.split(" ")
    for k, part in enumerate(parts):
        complete = k < len(parts) - 1
        if (part in _COMMON) if complete else part in _COMMON_STARTS:
            cost *= 0.03 if complete else 0.05
        else:
            cost *= (0.005 if part[:1].isdigit() else 0.02) * 5.0 ** -(min(len(part), 6) - 1)
    return cost


def _best(*candidates: frozenset[str] | None) -> frozenset[str] | None:
    found = [c for c in candidates if c]
    return min(found, key=lambda c: (sum(map(_cost, c)) + _OVERHEAD * len(c), len(c))) if found else None


def _valid_words(strings: frozenset[str] | None) -> frozenset[str] | None:
    """A set of strings found at a word start is a required-word set if each begins with a
    word character (the scan looks for them after ``\\b``)."""
    if not strings:
        return None
    strings = frozenset(s.rstrip(" ") for s in strings)
    return strings if all(s and _is_word_char(s[0]) for s in strings) else None


def _seq(items, at_word: bool) -> _Info:
    """A sequence of regex items, entered at a word start (``at_word``) or not."""
    infos = []
    exact: frozenset[str] | None = frozenset({""})
    first: frozenset[str] = frozenset({""})
    first_open = True        # every string of `first` may still grow
    runs: list[frozenset[str]] = []   # strings that began at a word start, still growing
    candidates: list[frozenset[str] | None] = []
    empty = True
    word = at_word
    for op, av in items:
        info = _item(op, av, word)
        infos.append(info)
        # the strings every match starts with
        if first_open:
            grown = _join(first, _cap(info.exact, _PREFIX_LEN)) if info.exact is not None else None
            if grown is not None:
                first = _cap(grown, _PREFIX_LEN)
                first_open = any(len(s) < _PREFIX_LEN for s in first)
            else:
                first = _cap(_join(first, info.first) or first, _PREFIX_LEN)
                first_open = False
        # strings found at a word start: one run begins at each word start
        if word:
            runs.append(frozenset({""}))
        growing = []
        for run in runs[-_MAX_RUNS:]:
            if word and run != frozenset({""}) and all(_cost(s) <= _RARE for s in run):
                candidates.append(_valid_words(run))  # words rare enough: no need for more
                continue
            grown = _join(run, info.exact) if info.exact is not None else None
            if grown is not None:
                growing.append(_cap(grown))
            else:
                # "kil+": the run ends, but with what the item starts with
                candidates.append(_valid_words(_join(run, info.first) if info.exact is None else run))
        runs = growing
        if not info.empty:
            candidates.append(info.words)
        exact = _join(exact, info.exact) if exact is not None and info.exact is not None else None
        empty = empty and info.empty
        word = info.after(word)
    candidates.extend(_valid_words(run) for run in runs)

    def after(entry: bool) -> bool:
        for info in infos:
            entry = info.after(entry)
        return entry
    return _Info(exact, first, _best(*candidates), empty, after)


def _branch(branches, at_word: bool) -> _Info:
    infos = [_seq(b, at_word) for b in branches]
    exact = frozenset().union(*(i.exact for i in infos)) if all(i.exact is not None for i in infos) else None
    if exact is not None and len(exact) > _MAX_SET:
        exact = None
    first = frozenset().union(*(i.first for i in infos))
    words = None if any(i.words is None for i in infos) else frozenset().union(*(i.words for i in infos))
    return _Info(exact, first, words, any(i.empty for i in infos),
                 lambda entry: all(i.after(entry) for i in infos))


def _item(op, av, at_word: bool) -> _Info:
    if op is C.LITERAL:
        c = chr(av)
        c = " " if c.isspace() else c
        return _Info(frozenset({c}), frozenset({c}), None, False, lambda entry, c=c: not _is_word_char(c))
    if op is C.IN:
        negated = bool(av) and av[0][0] is C.NEGATE
        chars = None if negated else _class_chars(av)
        breaks = _class_breaks_words(av[1:] if negated else av, negated)
        return _Info(chars, chars or frozenset({""}), None, False, lambda entry: breaks)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        # zero-width: "\b" before a word character means a word starts there
        boundary = op is C.AT and av is C.AT_BOUNDARY
        return _Info(frozenset({""}), frozenset({""}), None, True, lambda entry: entry or boundary)
    if op is C.SUBPATTERN:
        return _seq(av[-1], at_word)
    if op is C.BRANCH:
        return _branch(av[1], at_word)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        low, high, body = av
        if len(body) == 1 and body[0][0] is C.IN and _class_chars(body[0][1]) == frozenset(" "):
            # "\s+" is written " " (any run of whitespace); "\s*" is that or nothing
            spaces = frozenset({" "}) if low >= 1 else frozenset({"", " "})
            return _Info(spaces, spaces, None, low == 0, lambda entry: True if low >= 1 else entry)
        inner = _seq(body, at_word)
        exact = None
        if inner.exact is not None and high != C.MAXREPEAT and high <= 3:
            exact, total = frozenset({""}), set()
            for k in range(high + 1):
                if k >= low:
                    total |= exact
                exact = _join(exact, inner.exact) if k < high else exact
                if exact is None:
                    break
            exact = frozenset(total) if exact is not None and len(total) <= _MAX_SET else None
        first = inner.first if low >= 1 else frozenset({""})
        if exact is not None:
            first = _cap(exact, _PREFIX_LEN)
        words = inner.words if low >= 1 else None

        def after(entry: bool) -> bool:
            # after one, two or three rounds (a bool function settles within two)
            once = inner.after(entry)
            twice = inner.after(once)
            return once and twice and inner.after(twice) and (low >= 1 or entry)
        return _Info(exact, first, words, low == 0 or inner.empty, after)
    # any character, a back-reference, a category outside a class: nothing to say
    return _Info(None, frozenset({""}), None, False, lambda entry: False)


@lru_cache(maxsize=64)
def _analyse(pattern: str) -> _Info:
    return _seq(P.parse(pattern), True)


def prefixes(pattern: str) -> frozenset[str]:
    """Strings (at most a few characters each) one of which every match of ``pattern``
    starts with; contains "" when some match may start with anything."""
    first = _analyse(pattern).first
    length = _PREFIX_LEN
    while len(first) > _MAX_PREFIXES and length > 1:  # shorter, fewer: the lookahead stays small
        length -= 1
        first = _cap(first, length)
    # a string that has a shorter one of the set as its prefix adds nothing
    return frozenset(s for s in first if not any(o != s and s.startswith(o) for o in first))


def required_words(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` holds at the start of a word
    (``pattern`` itself matched from a word start), chosen to be as rare as possible; None
    if the regex guarantees none."""
    return _analyse(pattern).words


def _trie(strings) -> str:
    return trie_regex(sorted(strings)).replace("\\ ", r"\s+")  # a space: any whitespace


def lookahead(pattern: str) -> str:
    """``(?=...)`` for the prefixes of ``pattern``, or "" when a match may start anywhere."""
    first = prefixes(pattern)
    return "" if "" in first else f"(?={_trie(first)})"


def without_lookahead(rule: re.Pattern[str]) -> re.Pattern[str]:
    """``rule`` without the ``(?=...)`` that :func:`lookahead` put after its first ``\\b``
    (the rule as written, to check that the speed-up changes no match)."""
    source = rule.pattern
    if not source.startswith(r"\b(?="):  # a rule some of whose matches may start anywhere
        return rule
    depth, i = 0, 2
    while True:
        if source[i] == "\\":
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(source[i], 0)
        if depth == 0:
            break
        i += 1
    return re.compile(r"\b" + source[i + 1:], rule.flags)


def word_scan(words) -> re.Pattern[str]:
    """One regex finding, at every word start (overlaps included), the longest of ``words``
    there; ``m.group(1)`` is the word found."""
    return re.compile(r"\b(?=(" + _trie(words) + "))")
