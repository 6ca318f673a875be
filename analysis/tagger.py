"""Zero-shot theme tagging from a codebook alone.

Every theme contributes weighted terms: its keywords (strongest), the words and chunks of
its label, then the words of its description and examples (weaker). A term shared by many
themes says little about any one of them, so each weight is scaled by an idf computed
across the codebook's themes. A theme's score is ``1 - exp(-evidence)``: one clear keyword
gives about 0.6, a keyword plus supporting words more, description words alone little.

Speed: the codebook is compiled once into ``key -> [(theme, weight, ...)]`` dicts; each
text costs one regex split plus one cached dict lookup per word (both in C), and Python
work only for the few words some theme uses; never a loop over every theme.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import is_not

from .codebook import Codebook
from .evidence import Evidence
from .text import (ASCII_WORD_SPLIT_RE, NEGATORS, WORD_RE, WORD_SPLIT_RE, edit_variants, is_null_answer,
                   normalise_word, nothing_to_improve, says_nothing, stem_key, tokens)

__all__ = ["CodebookTagger", "ThemeTags", "uncertainty"]

# Relative strength of each part of a theme. Keywords are the analyst's explicit signal;
# the description and examples are prose, so any single word of theirs is weak evidence.
SOURCE_WEIGHTS = {"keyword": 1.0, "phrase": 1.2, "label": 0.6, "part": 0.35, "description": 0.2,
                  "example": 0.2}
IDF_POWER = 1.5   # sharper than plain idf: a word shared by a few themes is a weak signal
NEGATION_REACH = 4  # content words after "no"/"not"/"never" that the negation covers
NEGATED = 0.8     # "no drugs now" is still about drugs, but less surely than "drugs"
FUZZY_MIN_LENGTH = 6  # shorter stems have too many one-letter neighbours
FUZZY = 0.75      # a one-letter slip ("grafiti") is probably the word, not certainly
ZERO_SHOT_THRESHOLD = 0.5
FALLBACK = 0.3    # if nothing passes, a best theme this strong is still returned
RELATIVE = 0.4    # a second theme must score at least this fraction of the best one
UNSUPPORTED = 0.5  # score factor for a theme with no keyword or phrase in the text
# A codebook's null_answer_theme: a whole "Nothing." is as sure as it gets; "Nothing really,
# the staff were great" leads with one, like a keyword.
NULL_ANSWER, NULL_CLAUSE = 2.0, 1.0
MAX_THEMES = 3    # answers rarely raise more; the weakest extra matches are mostly noise
# Neither a negation nor a phrase reaches past the end of its clause: "Nothing really, it was
# very good" is not "not good".
_CLAUSE_END = re.compile(r"[.,;:!?()\n]|\bbut\b|\bhowever\b|\balthough\b", re.I)
_FIRST_CLAUSE = re.compile(r"[.,;:!?()\n]| - ")
# A keyword "car|van + slow|crawl + ask|offer" is words found together in one sentence, in any
# order: what residents describe without naming it ("a car slowed right down and the driver
# asked if I was working"). Each part is one or more alternatives split by "|".
_SENTENCE_BREAK = re.compile(r"[.!?\n]+")


def uncertainty(scored) -> float:
    """How near the nearest decision was, from (score, threshold) pairs of the themes with
    any evidence: 1 - |score - threshold| / max(threshold, 1 - threshold) for the theme
    closest to its threshold (1 on the line; 0 far from it, or with no evidence at all).
    Active learning asks officers about the answers with the highest value first."""
    best = 0.0
    for score, t in scored:
        best = max(best, 1.0 - abs(float(score) - float(t)) / max(float(t), 1.0 - float(t)))
    return round(best, 4)


@dataclass(frozen=True, slots=True)
class ThemeTags:
    """Themes of one text: assigned ids, a score per theme (0 omitted), the evidence, and how
    close the decision came to going another way on some theme (0 sure, 1 on the line)."""

    themes: tuple[str, ...]
    scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    uncertainty: float = 0.0


_STOP, _NOT, _OTHER = (("", 0.0),), (("not", 1.0),), ()  # word-cache markers
_STRONG = frozenset({"keyword", "phrase", "null_answer"})


@dataclass(frozen=True, slots=True)
class _Hit:
    theme: int
    weight: float
    source: str
    term: str
    term_keys: tuple[str, ...] = ()  # the matching keys (a phrase has several)
    context: tuple[tuple[str, ...], int] | None = None  # wording required around the key ("on time", not "time")


def _split_label(label: str) -> list[str]:
    """'Staff manner & personal attributes' -> ['Staff manner', 'personal attributes']."""
    return [c.strip() for c in re.split(r"[&/,;()]|\band\b|\bor\b", label) if c.strip()]


def _wording(keyword: str, key: str) -> tuple[tuple[str, ...], int]:
    """The keyword's own words in order, and which of them is its one content word (``key``):
    a guard checked on the words around that word in a text ("on time" needs "on" before
    "time"; "pulled up" needs "up" after "pulled"). The last word may have any ending."""
    words = tuple(w.lower().replace("’", "'") for w in keyword.split())
    at = next((j for j, w in enumerate(words) if stem_key(w) == key or normalise_word(w) == key), len(words) - 1)
    return words, at


def _worded(context: tuple[tuple[str, ...], int], words: list[str], k: int) -> tuple[int, int] | None:
    """Word indices (first, last) of the keyword's wording around word ``k``, or None."""
    wording, at = context
    first, last = k - at, k - at + len(wording) - 1
    if first < 0 or last >= len(words):
        return None
    for j, w in enumerate(wording):
        word = words[first + j].lower()
        if "’" in word:
            word = word.replace("’", "'")
        if not (word == w or (first + j == last and word.startswith(w))):
            return None
    return first, last


class CodebookTagger:
    """Scores texts against a codebook. Build once, call ``score``/``tag`` many times."""

    def __init__(self, codebook: Codebook, threshold: float = ZERO_SHOT_THRESHOLD):
        self.codebook = codebook
        self.threshold = threshold
        self.theme_ids = codebook.theme_ids
        self._null_theme = (self.theme_ids.index(codebook.null_answer_theme)
                            if codebook.null_answer_theme is not None else None)
        n_themes = len(self.theme_ids)
        # (key tuple, theme, required wording or None) -> best (weight, source, term)
        best: dict[tuple, tuple[float, str, str]] = {}

        def add(keys: tuple[str, ...], theme: int, source: str, term: str,
                context: tuple[tuple[str, ...], int] | None = None) -> None:
            if not keys:
                return
            if keys == ("not",):
                return
            if source != "part" and (len(keys) > 1 or context):
                source = "phrase"
            weight = SOURCE_WEIGHTS[source]
            old = best.get((keys, theme, context))
            if old is None or old[0] < weight:
                best[(keys, theme, context)] = (weight, source, term)

        # co-occurrence keywords: (theme, parts, term); a part is a list of alternatives, each a
        # set of keys that must all be in the sentence
        self._cooc: list[tuple[int, list[list[frozenset[str]]], str]] = []
        self._stop_keys: set[str] = set()  # small words a keyword is made of ("how much")
        for i, theme in enumerate(codebook.themes):
            for kw in theme.keywords:
                if "+" in kw:
                    parts = [[frozenset(self._keys(alt)) - {"not"} for alt in part.split("|")] for part in kw.split("+")]
                    parts = [[alt for alt in part if alt] for part in parts]
                    if len(parts) > 1 and all(parts):
                        self._cooc.append((i, parts, kw))
                    continue
                # "~at night": a supporting word, that counts towards a theme only alongside
                # one of its keywords (it is said as often about other things).
                supporting = kw.startswith("~")
                kw = kw.lstrip("~").strip()
                keys = self._keys(kw)
                if not keys and kw.split():
                    # "how much": small words only, found by their wording, keyed on the last
                    last = normalise_word(kw.split()[-1])
                    if last not in NEGATORS:
                        keys = (last,)
                        self._stop_keys.add(last)
                # "on time", "same doctor", "pulled up": without their small words these
                # would shrink to "time", "doctor", "pull", so the wording itself is required.
                context = _wording(kw, keys[0]) if len(keys) == 1 and len(kw.split()) > 1 else None
                add(keys, i, "part" if supporting else "keyword", kw, context)
                if supporting:
                    continue
                if (len(keys) > 1 or context) and "not" not in keys:  # a word of a phrase still hints
                    for k in keys:
                        add((k,), i, "part", kw)
            for chunk in [theme.label, *_split_label(theme.label)]:
                keys = self._keys(chunk)
                if len(keys) <= 3:
                    add(keys, i, "label", chunk)
                for k in keys:
                    add((k,), i, "label", chunk)
            for source, texts in (("description", [theme.description]), ("example", theme.examples)):
                for text in texts:
                    for k in self._keys(text):
                        add((k,), i, source, text)
        # Codebook idf: a key used by every theme carries no information about any of them.
        # Prose (descriptions, examples, words of phrases) counts half towards df, so "good"
        # stays strong for a "good" keyword even if another theme says "good communication".
        # A keyword found by its wording ("sells from", "sell up") is its own term: its df counts
        # the themes with that wording, not every theme that uses the word "sell".
        themes_per_key: dict[tuple, float] = {}
        for (keys, theme, context), (weight, source, _) in best.items():
            share = 1.0 if weight >= SOURCE_WEIGHTS["label"] else 0.25
            themes_per_key[keys] = themes_per_key.get(keys, 0.0) + share
            if context:
                themes_per_key[(keys, context[0])] = themes_per_key.get((keys, context[0]), 0.0) + share
        self._unigrams: dict[str, list[_Hit]] = {}
        self._phrases: dict[str, list[tuple[tuple[str, ...], _Hit]]] = {}
        for (keys, theme, context), (weight, source, term) in best.items():
            df = max(themes_per_key[(keys, context[0]) if context else keys], 1.0)
            idf = math.log((n_themes + 1) / df) / math.log(n_themes + 1) if n_themes > 1 else 1.0
            hit = _Hit(theme, weight * max(idf, 0.02) ** IDF_POWER, source, term, keys, context)
            if len(keys) == 1:
                self._unigrams.setdefault(keys[0], []).append(hit)
            else:
                self._phrases.setdefault(keys[0], []).append((keys, hit))
        # Every word of a phrase must be recognised in a text, also one that is no keyword
        # by itself ("good" in "not good", whose words are not hints: it is no praise).
        self._phrase_words = {key for entries in self._phrases.values() for keys, _ in entries for key in keys}
        self._cooc_hits = [_Hit(theme, SOURCE_WEIGHTS["phrase"], "phrase", term) for theme, _, term in self._cooc]
        self._cooc_index: dict[str, list[int]] = {}
        for r, (_, parts, _) in enumerate(self._cooc):
            for key in {k for part in parts for alt in part for k in alt}:
                self._cooc_index.setdefault(key, []).append(r)
        self._phrase_words |= set(self._cooc_index)  # recognised in a text, like a phrase's words
        self._cooc_words = frozenset(self._cooc_index)
        self._cooc_parts = [[frozenset(k for alt in part for k in alt) for part in parts] for _, parts, _ in self._cooc]
        # A key's hits split once: plain ones always count, guarded ones need their wording.
        self._plain = {key: [h for h in hits if h.context is None] for key, hits in self._unigrams.items()}
        self._guarded = {key: [h for h in hits if h.context] for key, hits in self._unigrams.items()
                         if any(h.context for h in hits)}
        # everything a key can start, in one lookup: (phrases it begins, plain hits, guarded hits)
        # (phrases are indexed by their first two keys: most words begin none with the next word)
        by_next: dict[str, dict[str, list]] = {}
        for first, entries in self._phrases.items():
            for keys, hit in entries:
                by_next.setdefault(first, {}).setdefault(keys[1], []).append((keys, hit))
        self._entries = {key: (by_next.get(key), self._plain.get(key, ()), self._guarded.get(key, ()))
                         for key in set(self._unigrams) | set(self._phrases) | self._phrase_words}
        self._fuzzy_index: dict[str, str] = {}
        for key in self._unigrams:
            if len(key) >= FUZZY_MIN_LENGTH and key.isalpha():
                for variant in edit_variants(key):
                    self._fuzzy_index.setdefault(variant, key)
        self._word_cache: dict[str, tuple[tuple[str, float], ...]] = {}

    def known_keys(self) -> set[str]:
        """Keys of keywords and labels (not of descriptions or examples, whose every word
        would otherwise count as covered): for finding what the codebook does not cover."""
        keys = {k for k, hits in self._unigrams.items()
                if any(h.source in ("keyword", "label") for h in hits)}
        for entries in self._phrases.values():
            for phrase_keys, _ in entries:
                keys.update(phrase_keys)
        keys.update(self._cooc_index)  # the words of co-occurrence keywords
        return keys - {"not"}

    @staticmethod
    def _keys(text: str) -> tuple[str, ...]:
        out: list[str] = []
        for tok in tokens(text):
            if tok.key:
                out.extend(tok.key.split(" "))
        return tuple(out)

    def _word_info(self, word: str):
        """What one surface word contributes, cached: _STOP for a stopword, _NOT for a
        negator, _OTHER for a content word no theme uses, else ((codebook key, multiplier), ...)."""
        key = stem_key(word)
        if key is None and self._stop_keys:
            plain = normalise_word(word)
            key = plain if plain in self._stop_keys else None
        if key is None:
            info = _STOP
        elif key == "not":
            info = _NOT
        else:
            # Parts of a compound ("kerbcrawling" -> kerb, crawl) keep their places.
            info = tuple(self._resolve(part) for part in key.split(" "))
            if not any(k for k, _ in info):
                info = _OTHER
        if len(self._word_cache) < 500_000:  # bounded: garbage input must not grow memory
            self._word_cache[word] = info
        return info

    def _resolve(self, key: str) -> tuple[str, float]:
        """The codebook key a text key stands for (itself, or a one-edit neighbour)."""
        if key in self._unigrams or key in self._phrase_words:
            return key, 1.0
        # Misspellings keep their first letters ("neddles", "prostitues"); without that
        # rule "night" would meet "light" and "ward" would meet "card".
        if len(key) >= FUZZY_MIN_LENGTH and key.isalpha():
            for variant in edit_variants(key):
                match = self._fuzzy_index.get(variant)
                # ...and their last ("brother" is no "brothel")
                if match and match[:2] == key[:2] and match[-1] == key[-1]:
                    return match, FUZZY
        return "", 0.0

    def raw_evidence(self, text: str) -> dict[int, dict[int, tuple[float, int, int, str]]]:
        """theme index -> {term: (weight, start, end, source)}, each term once per theme.

        The hot loop of the whole package, written so that the per-word work runs in C:
        one regex split gives words and separators (offsets are their running lengths),
        one ``map`` looks every word up in the cache, and Python only visits the few words
        that some theme (or a negator) uses.
        """
        split = ASCII_WORD_SPLIT_RE.split if text.isascii() else WORD_SPLIT_RE.split
        parts = split(text)  # [sep, word, sep, word, ..., sep]
        words = parts[1::2]
        if not words:
            return {}
        infos = list(map(self._word_cache.get, words))
        if None in infos:  # first sight of some words: work them out once
            infos = [self._word_info(w) if i is None else i for w, i in zip(words, infos)]
        interesting = [k for k, i in enumerate(infos) if i is not _STOP and i is not _OTHER]
        if not interesting:
            return {}
        bounds = list(accumulate(map(len, parts)))  # word k spans bounds[2k] .. bounds[2k + 1]
        content = list(accumulate(map(is_not, infos, repeat(_STOP))))  # content-word position
        matched: list[tuple[int, str, float, int, int, int]] = []  # (position, key, multiplier, start, end, word)
        negator = -1  # index of the last negator
        for k in interesting:
            info, start, end = infos[k], bounds[2 * k], bounds[2 * k + 1]
            if info is _NOT:
                negator = k
                matched.append((content[k], "not", 1.0, start, end, k))
                continue
            # A negator reaches the next few content words of its own clause.
            negation = NEGATED if (negator >= 0 and content[k] - content[negator] <= NEGATION_REACH
                                   and not _CLAUSE_END.search(text, bounds[2 * negator + 1], start)) else 1.0
            for offset, (key, mult) in enumerate(info):
                if key:
                    matched.append((content[k] + offset, key, mult * negation, start, end, k))
        # theme -> {id(hit): (weight, start, end, source)}: a codebook term counts once per
        # theme however often it recurs ("needle ... needles"), at its strongest occurrence.
        found: dict[int, dict[int, tuple[float, int, int, str]]] = {}
        n = len(matched)
        i = 0
        entries = self._entries
        while i < n:
            p, key, mult, start, end, k_word = matched[i]
            entry = entries.get(key)
            if entry is None:  # a negator, or a word only co-occurrence keywords use
                i += 1
                continue
            candidates, plain, guarded = entry
            hits: list[tuple[_Hit, int, int]] = []  # (hit, start, end)
            consumed = 1
            if candidates and i + 1 < n and matched[i + 1][0] == p + 1:  # a phrase needs a next word
                for keys, hit in candidates.get(matched[i + 1][1], ()):
                    k = len(keys)
                    if i + k <= n and all(matched[i + j][1] == keys[j] and matched[i + j][0] == p + j
                                          for j in range(1, k)) \
                            and not _CLAUSE_END.search(text, end, matched[i + k - 1][3]):
                        hits.append((hit, start, matched[i + k - 1][4]))
                        consumed = max(consumed, k)
            if not hits:
                hits = [(hit, start, end) for hit in plain]
                for hit in guarded:
                    span = _worded(hit.context, words, k_word)
                    if span:
                        hits.append((hit, bounds[2 * span[0]], bounds[2 * span[1] + 1]))
            for hit, hit_start, hit_end in hits:
                weight = hit.weight * mult
                per_theme = found.get(hit.theme)
                if per_theme is None:
                    per_theme = found[hit.theme] = {}
                old = per_theme.get(id(hit))
                if old is None or old[0] < weight:
                    per_theme[id(hit)] = (weight, hit_start, hit_end, hit.source)
            i += consumed
        if self._cooc:
            self._add_cooccurrences(text, matched, found)
        return found

    def _add_cooccurrences(self, text: str, matched: list, found: dict) -> None:
        """Co-occurrence keywords whose every part is in one sentence of the text."""
        index = self._cooc_index
        present = {m[1] for m in matched}
        # a rule can only fire if the text holds a word of each of its parts (all in C: a set
        # intersection per part, for the rules the words of the text belong to)
        rules = [r for r in {r for key in present & self._cooc_words for r in index[key]}
                 if all(not present.isdisjoint(words) for words in self._cooc_parts[r])]
        if not rules:
            return
        ends = [m.end() for m in _SENTENCE_BREAK.finditer(text)]
        # sentence -> key -> (multiplier, start, end) of its strongest occurrence
        sentences: dict[int, dict[str, tuple[float, int, int]]] = {}
        for _, key, mult, start, end, _ in matched:
            if key in index:
                words = sentences.setdefault(bisect_right(ends, start), {})
                if key not in words or words[key][0] < mult:
                    words[key] = (mult, start, end)
        for r in rules:
            theme, parts, _ = self._cooc[r]
            hit = self._cooc_hits[r]
            for words in sentences.values():
                used = []
                for part in parts:
                    alt = next((alt for alt in part if alt <= words.keys()), None)
                    if alt is None:
                        break
                    used.extend(words[k] for k in alt)
                else:
                    weight = hit.weight * min(m for m, _, _ in used)
                    span = (min(a for _, a, _ in used), max(b for _, _, b in used))
                    per_theme = found.setdefault(theme, {})
                    old = per_theme.get(id(hit))
                    if old is None or old[0] < weight:
                        per_theme[id(hit)] = (weight, span[0], span[1], "phrase")

    def score(self, text: str) -> tuple[list[float], dict[int, dict]]:
        """Per-theme scores in codebook order, and the raw matches (for :meth:`evidence`)."""
        scores = [0.0] * len(self.theme_ids)
        if not text:
            return scores, {}
        if is_null_answer(text):
            raw = {}
            self._add_null_answer(raw, text, len(text), NULL_ANSWER)
        else:
            raw = self.raw_evidence(text)
            if self._null_theme is not None:  # "Nothing really, the staff were great"
                first = WORD_RE.search(text)  # the first clause, from its first word
                end = _FIRST_CLAUSE.search(text, first.start()) if first else None
                if not (end and self._add_null_answer(raw, text, end.start(), NULL_CLAUSE)):
                    said = nothing_to_improve(text)  # "The crew could not have done any better"
                    if said:
                        raw.setdefault(self._null_theme, {})[-1] = (NULL_CLAUSE, *said.span(), "null_answer")
        exp = math.exp
        for theme, terms in raw.items():
            total, supported = 0.0, False
            for weight, _, _, source in terms.values():
                total += weight
                supported = supported or source in _STRONG
            # One term alone saturates slowly; several distinct terms add up. Words of a
            # label or description alone ("staff", "service") are shared by many themes
            # and were right about 1 time in 20 on the benchmarks' training halves; a theme
            # needs one of its keywords before it can be assigned.
            scores[theme] = (1.0 - exp(-total)) * (1.0 if supported else UNSUPPORTED)
        return scores, raw

    def _add_null_answer(self, raw: dict[int, dict], text: str, end: int, weight: float) -> bool:
        """Add the codebook's null_answer_theme to ``raw`` if ``text[:end]`` (the whole answer
        or its first clause) says there is nothing: "Nothing." counts; "n/a", "No comment" and
        "-" do not. True if added."""
        if self._null_theme is None or not says_nothing(text[:end]):
            return False
        words = [m.span() for m in WORD_RE.finditer(text, 0, end)]  # says_nothing: at least one
        raw.setdefault(self._null_theme, {})[-1] = (weight, words[0][0], words[-1][1], "null_answer")
        return True

    @staticmethod
    def evidence(text: str, raw: dict[int, dict], theme: int) -> tuple[Evidence, ...]:
        """Evidence objects for one theme, in text order (built only for assigned themes)."""
        spans = sorted((start, end, source) for _, start, end, source in raw.get(theme, {}).values())
        return tuple(Evidence(text[a:b], a, b, source) for a, b, source in spans)

    def decide(self, scores: list[float]) -> list[int]:
        """Theme indices assigned from zero-shot scores (threshold, relative and fallback)."""
        best = max(scores, default=0.0)
        if best <= 0.0:
            return []
        if best < self.threshold:
            return [scores.index(best)] if best >= FALLBACK else []
        floor = max(self.threshold, RELATIVE * best)
        chosen = sorted((i for i, s in enumerate(scores) if s >= floor), key=lambda i: -scores[i])
        return sorted(chosen[:MAX_THEMES])

    def tag(self, text: str) -> ThemeTags:
        """Themes, scores and evidence of one text from the codebook alone."""
        scores, raw = self.score(text)
        if not raw:
            return ThemeTags((), {}, {})
        chosen, ids = self.decide(scores), self.theme_ids
        return ThemeTags(
            tuple(ids[i] for i in chosen),
            {ids[i]: round(scores[i], 4) for i in sorted(raw) if scores[i] > 0},
            {ids[i]: self.evidence(text, raw, i) for i in chosen if i in raw},
            self._uncertainty(scores, raw),
        )

    def _uncertainty(self, scores: list[float], raw: dict) -> float:
        """:func:`uncertainty` for one threshold shared by every theme: the score nearest it decides."""
        t = self.threshold
        nearest = min((abs(scores[i] - t) for i in raw if scores[i] > 0), default=None)
        return 0.0 if nearest is None else round(max(0.0, 1.0 - nearest / max(t, 1.0 - t)), 4)
