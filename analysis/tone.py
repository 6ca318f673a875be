"""Tone of a free-text answer: NLTK's VADER compound score, -1 (negative) to +1 (positive).

NLTK's lexicon is normally fetched with ``nltk.download()``, which the product must never need,
so the lexicon shipped inside the ``vaderSentiment`` PyPI package is used instead. NLTK 3.10
only opens files under ``nltk.data.path``, hence that package's folder is appended to it.

VADER in pure Python costs ~100 µs a text, mostly in NLTK's ``SentiText``, which builds a
dictionary of every (punctuation, word) pair for every text. ``_FastSentiText`` computes the
same token list directly (see its docstring for why the result is identical), and a text with
no lexicon word at all scores 0.0 without running VADER. Both short cuts keep the score equal
to ``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``; a test checks that.
"""

from __future__ import annotations

import os
import re
import string
from functools import lru_cache

_PUNCTUATION = frozenset(string.punctuation)
# The pieces VADER's SentiText produces: whitespace tokens, and the same tokens with every
# ASCII punctuation character removed. Lower-cased, they are all a lexicon word could be.
_STRIP_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")

_analyser = None


def _lexicon_path() -> str:
    import vaderSentiment  # imported here: only its data file is used

    return os.path.join(os.path.dirname(vaderSentiment.__file__), "vader_lexicon.txt")


def _build_analyser():
    import nltk.data
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText

    class _FastSentiText(SentiText):
        """SentiText with a linear-time token list.

        NLTK maps a token ``we`` to ``w`` when ``we`` is ``p + w`` or ``w + p`` for some ``p`` in
        PUNC_LIST and some punctuation-free word ``w`` (len > 1) of the text. Since ``w`` holds
        no punctuation, ``p`` can only be the whole leading (or trailing) run of punctuation,
        and at most one of the two applies, so testing those two splits is the same mapping.
        """

        def _words_and_emoticons(self):
            words_only = {
                w for w in self.REGEX_REMOVE_PUNCTUATION.sub("", self.text).split() if len(w) > 1
            }
            punc = self.PUNC_LIST
            out = []
            for we in self.text.split():
                if len(we) <= 1:
                    continue
                if we[0] in _PUNCTUATION or we[-1] in _PUNCTUATION:
                    core = we.lstrip(string.punctuation)
                    lead = we[: len(we) - len(core)]
                    if lead and lead in punc and core in words_only:
                        we = core
                    else:
                        core = we.rstrip(string.punctuation)
                        trail = we[len(core):]
                        if trail and trail in punc and core in words_only:
                            we = core
                out.append(we)
            return out

    folder = os.path.dirname(_lexicon_path())
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    analyser = SentimentIntensityAnalyzer(lexicon_file="file:" + _lexicon_path())
    analyser.fast_senti_text = _FastSentiText
    analyser.lexicon_keys = frozenset(analyser.lexicon)
    return analyser


def analyser():
    """The one VADER analyser of this process, built on first use (loading takes ~50 ms)."""
    global _analyser
    if _analyser is None:
        _analyser = _build_analyser()
    return _analyser


def _nltk_compound(a, text: str) -> float:
    """NLTK's polarity_scores, only with the faster SentiText; returns the compound score."""
    sentitext = a.fast_senti_text(text, a.constants.PUNC_LIST, a.constants.REGEX_REMOVE_PUNCTUATION)
    words = sentitext.words_and_emoticons
    first_index = {}
    for idx, token in enumerate(words):
        first_index.setdefault(token, idx)
    sentiments = []
    boosters = a.constants.BOOSTER_DICT
    lexicon = a.lexicon
    for item in words:
        low = item.lower()
        if low not in lexicon:
            # sentiment_valence appends 0 for any word outside the lexicon; skip the call
            sentiments.append(0)
            continue
        i = first_index[item]
        if (i < len(words) - 1 and low == "kind" and words[i + 1].lower() == "of") or low in boosters:
            sentiments.append(0)
            continue
        sentiments = a.sentiment_valence(0, sentitext, item, i, sentiments)
    sentiments = a._but_check(words, sentiments)
    if not sentiments:
        return 0.0
    # score_valence's compound, without the pos/neg/neu shares it also computes
    sum_s = float(sum(sentiments))
    emphasis = a._punctuation_emphasis(sum_s, text)
    if sum_s > 0:
        sum_s += emphasis
    elif sum_s < 0:
        sum_s -= emphasis
    return round(a.constants.normalize(sum_s), 4)


@lru_cache(maxsize=65536)
def _tone(text: str) -> float:
    a = analyser()
    lowered = text.lower()
    pieces = set(lowered.split())
    pieces.update(_STRIP_PUNCTUATION.sub("", lowered).split())
    if a.lexicon_keys.isdisjoint(pieces):
        return 0.0
    return float(_nltk_compound(a, text))


def tone(text: str) -> float:
    """VADER compound score of ``text`` in [-1, 1]; 0.0 for empty or neutral text."""
    if not text or not text.strip():
        return 0.0
    return _tone(text)
