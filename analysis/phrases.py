"""Emerging phrases: frequent collocations that no codebook theme covers yet.

An analyst reads these to decide whether answers talk about something new (a new
takeaway, a closed underpass...) that deserves its own theme.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics import BigramAssocMeasures, TrigramAssocMeasures
from nltk.probability import FreqDist

from .codebook import Codebook
from .tagger import CodebookTagger
from .text import STOPWORDS, NEGATORS, tokens

__all__ = ["Phrase", "emerging_phrases"]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A candidate theme phrase: its words, how many times it occurs, and its association score."""

    phrase: str
    count: int
    score: float


def _is_content(word: str) -> bool:
    return len(word) > 2 and word not in STOPWORDS and word not in NEGATORS and not word.isdigit()


def emerging_phrases(texts: Iterable[str], codebook: Codebook, top: int = 30,
                     min_count: int = 3) -> list[Phrase]:
    """The ``top`` two- and three-word phrases, by log-likelihood ratio, used at least
    ``min_count`` times and containing no word that any theme of ``codebook`` already uses.

    Texts are consumed once, so a generator over a large file works.
    """
    covered = CodebookTagger(codebook).known_keys()
    words: list[str] = []
    for text in texts:
        if not isinstance(text, str):
            continue
        words.extend(t.text.lower() for t in tokens(text))
        words.append("\n")  # collocations must not span two answers
    keys = {w: next(tokens(w)).key if w != "\n" else None for w in set(words)}

    def unwanted(*ngram: str) -> bool:
        if any(w == "\n" for w in ngram) or not (_is_content(ngram[0]) and _is_content(ngram[-1])):
            return True
        return any(keys.get(w) in covered for w in ngram)

    found: dict[str, Phrase] = {}
    for finder, measure in ((BigramCollocationFinder.from_words(words), BigramAssocMeasures.likelihood_ratio),
                            (TrigramCollocationFinder.from_words(words), TrigramAssocMeasures.likelihood_ratio)):
        finder.apply_freq_filter(min_count)
        finder.apply_ngram_filter(unwanted)
        freq: FreqDist = finder.ngram_fd
        for ngram, score in finder.score_ngrams(measure)[: top * 2]:
            phrase = " ".join(ngram)
            found[phrase] = Phrase(phrase, int(freq[ngram]), round(float(score), 2))
    # A trigram that contains a listed bigram with the same count adds nothing new.
    ranked = sorted(found.values(), key=lambda p: (-p.score, p.phrase))
    kept: list[Phrase] = []
    for p in ranked:
        if any(p.phrase in q.phrase and p.count == q.count and p.phrase != q.phrase for q in ranked):
            continue
        kept.append(p)
    return kept[:top]
