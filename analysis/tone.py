"""Tone of a free-text answer: NLTK's VADER compound score, -1 (negative) to +1 (positive).

NLTK's lexicon is normally fetched with ``nltk.download()``, which the product must never need,
so the lexicon shipped inside the ``vaderSentiment`` PyPI package is used instead. NLTK 3.10
only opens files under ``nltk.data.path``, hence that package's folder is appended to it.

NLTK's ``polarity_scores`` costs ~200 µs for a 40-word answer in pure Python, mostly in
``SentiText`` (a dictionary of every punctuation-word pair, built per text) and in repeated
``lower()`` calls. ``_compound`` below is the same algorithm step by step, with the tokens
computed directly, each word lower-cased once, and the pos/neg/neu shares (unused here) not
computed; it uses the analyser's own lexicon, constants and idiom check. A text with no
lexicon word stops at 0.0 once tokenised, and a lexicon word with no modifier (booster,
negation, "never", "so", "this", "least") among the three words before it and no multi-word
idiom around it takes its lexicon valence without walking through the context checks
(``_context_valence``), which is most lexicon words. The tests check the score equals
``SentimentIntensityAnalyzer(...).polarity_scores(text)["compound"]`` exactly, on the
resident answers and the naughty strings.
"""

from __future__ import annotations

import os
import re
import string
from functools import lru_cache
from itertools import compress

_PUNCTUATION = frozenset(string.punctuation)

_analyser = None


def _lexicon_path() -> str:
    import vaderSentiment  # imported here: only its data file is used

    return os.path.join(os.path.dirname(vaderSentiment.__file__), "vader_lexicon.txt")


def _build_analyser():
    import nltk.data
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    folder = os.path.dirname(_lexicon_path())
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    analyser = SentimentIntensityAnalyzer(lexicon_file="file:" + _lexicon_path())
    phrases = [k for k in (*analyser.constants.SPECIAL_CASE_IDIOMS, *analyser.constants.BOOSTER_DICT) if " " in k]
    analyser.idiom_search = re.compile("|".join(re.escape(phrase) for phrase in phrases)).search
    analyser.idiom_words = frozenset(w for phrase in phrases for w in phrase.split())
    # Lower-cased words that can change the valence of a lexicon word up to three tokens
    # later (see _context_valence); a word holding "n't" can too.
    c = analyser.constants
    analyser.modifiers = frozenset(c.BOOSTER_DICT) | frozenset(c.NEGATE) | {"never", "so", "this", "least"}
    return analyser


def analyser():
    """The one VADER analyser of this process, built on first use (loading takes ~50 ms)."""
    global _analyser
    if _analyser is None:
        _analyser = _build_analyser()
    return _analyser


def _tokens(text: str, punc_list: list[str]) -> list[str]:
    """SentiText.words_and_emoticons, in linear time.

    NLTK maps a token ``we`` to ``w`` when ``we`` is ``p + w`` or ``w + p`` for some ``p`` in
    PUNC_LIST and some punctuation-free word ``w`` (len > 1) of the text with punctuation
    removed. Since ``w`` holds no punctuation, ``p`` can only be the whole leading (or
    trailing) run of punctuation, and at most one of the two applies. And a punctuation-free
    ``w`` cut from a token is always one of those words (removing punctuation never joins or
    splits tokens), so the test is just: ``w`` is longer than one character and holds no
    punctuation.
    """
    out = []
    for we in text.split():
        if len(we) <= 1:
            continue
        if we[0] in _PUNCTUATION or we[-1] in _PUNCTUATION:
            core = we.lstrip(string.punctuation)
            lead = we[: len(we) - len(core)]
            if lead and lead in punc_list and len(core) > 1 and _PUNCTUATION.isdisjoint(core):
                we = core
            else:
                core = we.rstrip(string.punctuation)
                trail = we[len(core):]
                if trail and trail in punc_list and len(core) > 1 and _PUNCTUATION.isdisjoint(core):
                    we = core
        out.append(we)
    return out


def _compound(a, text: str) -> float:
    """SentimentIntensityAnalyzer.polarity_scores(text)["compound"], step for step."""
    c = a.constants
    lexicon = a.lexicon
    words = _tokens(text, c.PUNC_LIST)
    if not words:
        return 0.0
    lows = [w.lower() for w in words]
    inlex = [low in lexicon for low in lows]
    if True not in inlex:
        return 0.0  # every token scores 0, and so does the text
    n = len(words)
    allcaps = sum(map(str.isupper, words))
    is_cap_diff = 0 < n - allcaps < n
    # special[k]: lows[k] may modify a later lexicon word; None when no word of the text can.
    if a.modifiers.isdisjoint(lows) and "n't" not in " ".join(lows):
        special = None
    else:
        modifiers = a.modifiers
        special = [low in modifiers or "n't" in low for low in lows]
    # _idioms_check compares runs of consecutive tokens with multi-word idioms and boosters,
    # so it can only matter when one of those phrases occurs in the tokens joined by spaces.
    idioms = a.idiom_search(" ".join(words)) is not None
    boosters = c.BOOSTER_DICT

    # (position, valence) of lexicon words; every other token scores exactly 0 in NLTK,
    # which changes neither the sum nor the "but" weighting, so it is left out
    scored: list[tuple[int, float]] = []
    first: dict[str, int] = {}  # NLTK scores every repeat of a token as its first occurrence
    for j in compress(range(n), inlex):
        item = words[j]
        i = first.setdefault(item, j)  # the first occurrence is an earlier lexicon position
        low = lows[j]
        if (i < n - 1 and low == "kind" and lows[i + 1] == "of") or low in boosters:
            continue
        # sentiment_valence
        valence = lexicon[low]
        if is_cap_diff and item.isupper():
            if valence > 0:
                valence += c.C_INCR
            else:
                valence -= c.C_INCR
        # No modifier among the three words before and no idiom around: every check of
        # _context_valence would leave the valence as it is (a word that is no booster
        # adds a scalar of 0.0, which changes no valence other than the sign of a zero, and
        # no sum).
        if (special is not None and True in special[max(0, i - 3):i]) or (
                idioms and i > 2 and not inlex[i - 3] and not a.idiom_words.isdisjoint(words[i - 3:i + 3])):
            valence = _context_valence(a, words, lows, inlex, i, valence, is_cap_diff, idioms)
        scored.append((j, valence))

    if not scored:
        return 0.0
    # _but_check
    if "but" in lows:
        bi = lows.index("but")
        scored = [(j, v * 0.5 if j < bi else v * 1.5 if j > bi else v) for j, v in scored]
    # score_valence's compound
    sum_s = float(sum(v for _, v in scored))
    emphasis = a._punctuation_emphasis(sum_s, text)
    if sum_s > 0:
        sum_s += emphasis
    elif sum_s < 0:
        sum_s -= emphasis
    return round(c.normalize(sum_s), 4)


def _context_valence(a, words: list[str], lows: list[str], inlex: list[bool], i: int,
                     valence: float, is_cap_diff: bool, idioms: bool) -> float:
    """The rest of NLTK's sentiment_valence for the lexicon word at ``i``: boosters and
    negations among the three words before it, "never so/this", idioms (only looked for
    when ``idioms`` says the text holds one), and "least"."""
    c = a.constants
    boosters = c.BOOSTER_DICT

    def negated(low: str) -> bool:  # ConstantS.negated([word]) for one word
        return low in c.NEGATE or "n't" in low

    for start_i in range(0, 3):
        if i > start_i and not inlex[i - (start_i + 1)]:
            # scalar_inc_dec
            word = words[i - (start_i + 1)]
            word_lower = lows[i - (start_i + 1)]
            s = 0.0
            if word_lower in boosters:
                s = boosters[word_lower]
                if valence < 0:
                    s *= -1
                if word.isupper() and is_cap_diff:
                    if valence > 0:
                        s += c.C_INCR
                    else:
                        s -= c.C_INCR
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            # _never_check
            if start_i == 0:
                if negated(lows[i - 1]):
                    valence = valence * c.N_SCALAR
            if start_i == 1:
                if words[i - 2] == "never" and (words[i - 1] == "so" or words[i - 1] == "this"):
                    valence = valence * 1.5
                elif negated(lows[i - 2]):
                    valence = valence * c.N_SCALAR
            if start_i == 2:
                if (
                    words[i - 3] == "never"
                    and (words[i - 2] == "so" or words[i - 2] == "this")
                    or (words[i - 1] == "so" or words[i - 1] == "this")
                ):
                    valence = valence * 1.25
                elif negated(lows[i - 3]):
                    valence = valence * c.N_SCALAR
                # _idioms_check can only change valence when a word near i is part of a
                # multi-word idiom or booster ("kiss of death", "kind of"); skip it otherwise
                if idioms and not a.idiom_words.isdisjoint(words[i - 3:i + 3]):
                    valence = a._idioms_check(valence, words, i)
    # _least_check
    if i > 1 and not inlex[i - 1] and lows[i - 1] == "least":
        if lows[i - 2] != "at" and lows[i - 2] != "very":
            valence = valence * c.N_SCALAR
    elif i > 0 and not inlex[i - 1] and lows[i - 1] == "least":
        valence = valence * c.N_SCALAR
    return valence


@lru_cache(maxsize=65536)
def _tone(text: str) -> float:
    return float(_compound(analyser(), text))


def tone(text: str) -> float:
    """VADER compound score of ``text`` in [-1, 1]; 0.0 for empty or neutral text."""
    if not text or not text.strip():
        return 0.0
    return _tone(text)
