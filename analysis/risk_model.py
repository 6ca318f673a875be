"""A learned second opinion for the safeguarding screen.

The rules in ``analysis.safeguarding`` are precise on the wording they were written for,
but residents disclose harm in ways no list foresees ("does stuff I haven't said yes to",
"he's going to break my arm again"). On answers by writers it never saw, the rules alone
find about three disclosures in four and, with this model, nearly all; figures for every set
are in benchmarks/README.md.

What it is: logistic regressions over word stems and character 2-5-grams (robust to
"hes", "gonna", misspellings): one for "any risk" and one per category. An answer is
flagged when P(any risk) reaches the model's threshold, the lowest at which no more than
3% of the training answers without a disclosure are flagged under 5-fold cross-validation
whose folds keep each writer's answers together (so it is measured on wording each fold's
model never saw), and its evidence is in a frame of present risk (``analysis.safeguarding_context``: not a
joke, a film, an animal, a worry or an event that is over) and not only a figure of speech.
Its categories are those whose own model says at least 0.5, else the likeliest one. The
evidence (source ``"model"``) is the riskiest sentence of an answer of several, else the three
words that pushed "any risk" up most.

A disclosure buried in a long complaint ("...bins never emptied. The lass at the end house has
marks on her arms again and says he won't let her leave. Parking is a nightmare...") is
diluted by the words around it, so an answer the whole of which is not flagged is also scored
sentence by sentence, against a stricter ``sentence_threshold``: the lowest at which scoring
sentences adds no false flag under the same cross-validation.

The shipped file ``models/safeguarding.zip`` is built by (see benchmarks/README.md)::

    python -m analysis.risk_model --output analysis/models/safeguarding.zip CSV...

from CSVs with ``text`` and ``safeguarding`` columns; it records each file's sha256, and a
test checks the shipped file matches the files in ``benchmarks/data`` it names. Saved as
JSON + ``.npy`` arrays loaded with ``allow_pickle=False``: opening it never runs code.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import re
import sys
import warnings
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, repeat
from operator import itemgetter
from pathlib import Path

import numpy as np
from scipy import sparse

from .evidence import Evidence
from .model import _idf, char_wb_ngrams
from .safeguarding import CATEGORIES, Screening, _lower_same_length
from .safeguarding_context import not_present, sentences
from .safeguarding_rules import FIGURATIVE
from .text import STOPWORDS, WORD_RE, is_null_answer, stem_key, tokens

__all__ = ["RiskModel", "train_risk_model", "load_risk_model", "default_risk_model", "DEFAULT_PATH"]

FORMAT = "streetvoice-risk-model/1"
DEFAULT_PATH = Path(__file__).with_name("models") / "safeguarding.zip"
THRESHOLD = 0.6   # default for train_risk_model; the build chooses it with choose_threshold
# At most this share of the training answers without a disclosure may be flagged by the model,
# measured on writers each fold's model never saw (the folds keep each writer's files together):
# a flood of false flags would bury the real ones. With the rules' own false flags (2-4% on new
# writers) the whole screen then stays near 5%; 1% cost a disclosure in 20 on writers left out
# (benchmarks/README.md, "The learned safeguarding second opinion").
MAX_FALSE_FLAGS = 0.03
C = 2.0
_SENTENCE_ENDS = (".", "!", "?")
SENTENCE_MIN_WORDS = 3  # shorter pieces ("Help.", "No way!") say too little to score alone


_UNIT_RE = re.compile(r"\S+")  # the units of _units, with their offsets
_NOTHING = Screening()
_DOT, _NORM2 = itemgetter(0), itemgetter(1)  # of a word's cached (dot product, squared norm, indices)


def _units(text: str) -> list[str]:
    return text.lower().split()


def _unit_features(unit: str) -> list[str]:
    """Features of one whitespace-separated word: its stem (``w:``) and char 2-5-grams."""
    stems = ["w:" + t.key for t in tokens(unit) if t.key]
    return stems + char_wb_ngrams(unit)


def _sentence_spans(units: list[str]) -> list[tuple[int, int]]:
    """Unit ranges of the sentences of an answer of two or more of them (a sentence ends at a
    word ending in . ! or ?), leaving out pieces shorter than SENTENCE_MIN_WORDS; [] if fewer
    than two sentences."""
    # Unit positions just after each sentence end, found in C: most answers have few or none.
    ends = list(compress(count(1), map(str.endswith, units, repeat(_SENTENCE_ENDS))))
    if not ends or ends[-1] != len(units):
        ends.append(len(units))
    if len(ends) < 2:
        return []
    spans = [(a, b) for a, b in zip([0] + ends, ends) if b - a >= SENTENCE_MIN_WORDS]
    return spans if len(spans) > 1 else []


def _unit_spans(text: str, units: list[str]) -> list[re.Match[str]] | None:
    """Where each of ``units`` lies in ``text``; None if they do not line up (cannot happen:
    the same whitespace rule makes both, but offsets are never guessed)."""
    spans = list(_UNIT_RE.finditer(text))
    return spans if len(spans) == len(units) else None


def _text_features(text: str) -> list[str]:
    return [f for unit in _units(text) for f in _unit_features(unit)]


@dataclass
class RiskModel:
    """Trained risk model: row 0 of ``coef`` is "any risk", rows 1.. follow CATEGORIES.

    A text's feature vector is the sum of its words' vectors (each word: idf-weighted stem
    and char n-gram counts), divided by sqrt of the sum of the words' squared norms. Both
    sums run over words, so each word's dot product with the "any risk" weights and its
    squared norm are cached: screening a text costs one dict lookup per word.
    """

    vocab: list[str]
    idf: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    threshold: float = THRESHOLD
    sources: dict[str, str] | None = None   # training file name -> sha256
    fingerprint: str | None = None          # sha256 of the file it was loaded from (provenance)
    sentence_threshold: float | None = None  # None: answers are only scored whole

    def __post_init__(self) -> None:
        self._index = {f: i for i, f in enumerate(self.vocab)}
        # Plain lists: summing a word's 20-odd features in Python beats numpy's per-call cost.
        self._any = (self.coef[0] * self.idf).astype(np.float64).tolist()
        self._idf2 = ((self.idf.astype(np.float64)) ** 2).tolist()
        self._cache: dict[str, tuple[float, float, np.ndarray]] = {}
        self._cat_cache: dict[str, np.ndarray] = {}  # word -> its dot products with each category
        self._cat_weights = (self.coef[1:] * self.idf).astype(np.float64).T.copy()  # features x categories
        self._bias = float(self.intercept[0])

    def _unit(self, unit: str) -> tuple[float, float, np.ndarray]:
        """(dot product with the "any risk" weights, squared norm, feature indices) of one
        word, cached."""
        found = self._cache.get(unit)
        if found is None:
            index = self._index
            idx = [index[f] for f in _unit_features(unit) if f in index]
            found = (sum(map(self._any.__getitem__, idx)), sum(map(self._idf2.__getitem__, idx)), idx)
            if len(self._cache) < 200_000:  # bounded: garbage input must not grow memory
                self._cache[unit] = found
        return found

    def any_risk(self, text: str) -> float:
        """P(any risk) of one text."""
        return self._probability(self._parts(_units(text)))

    def sentence_risk(self, text: str) -> float:
        """The highest P(any risk) of one sentence of a text of several; 0.0 for one sentence."""
        units = _units(text)
        return self._best_sentence(units, self._parts(units))[0]

    def _best_sentence(self, units: list[str], parts: list) -> tuple[float, int, int]:
        """(P(any risk), first unit, end unit) of the riskiest sentence; (0.0, 0, 0) if none."""
        best = (0.0, 0, 0)
        for a, b in _sentence_spans(units):
            p = self._probability(parts[a:b])
            if p > best[0]:
                best = (p, a, b)
        return best

    def _parts(self, units: list[str]) -> list[tuple[float, float, np.ndarray]]:
        parts = list(map(self._cache.get, units))  # one C-level pass; misses are rare
        if None in parts:
            parts = [p or self._unit(u) for p, u in zip(parts, units)]
        return parts

    def _probability(self, parts: list[tuple[float, float, np.ndarray]]) -> float:
        norm2 = sum(map(_NORM2, parts))
        if norm2 <= 0:
            return 0.0
        logit = sum(map(_DOT, parts)) / norm2 ** 0.5 + self._bias
        return 1.0 / (1.0 + math.exp(-min(max(logit, -30.0), 30.0)))

    def _categories(self, units: list[str], parts: list[tuple[float, float, np.ndarray]]) -> tuple[str, ...]:
        """Categories of a flagged text: those at P >= 0.5, else the likeliest. Each word's
        dot products with the category weights are cached too, but only once some flagged
        text needs them (most words never are in one)."""
        norm2 = sum(map(_NORM2, parts))  # > 0: the text was flagged
        cats = self._cat_cache
        vectors = []
        for unit, part in zip(units, parts):
            vector = cats.get(unit)
            if vector is None:
                vector = self._cat_weights[part[2]].sum(axis=0)
                if len(cats) < 200_000:
                    cats[unit] = vector
            vectors.append(vector)
        logits = np.sum(vectors, axis=0) / norm2 ** 0.5 + self.intercept[1:]
        p = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
        return tuple(sorted(c for c, q in zip(CATEGORIES, p) if q >= 0.5)) or (CATEGORIES[int(p.argmax())],)

    def screen(self, text: str) -> Screening:
        """Empty unless the model flags the text, and its evidence is in a frame of present
        risk (see :mod:`analysis.safeguarding_context`); else its categories and evidence."""
        found = self._screen(text)
        if not found.flagged:
            return found
        if found.evidence and _out_of_frame(text, found.evidence):
            return _NOTHING
        # A risk that was only a figure of speech ("I could murder him", "the noise is killing
        # me") is gone once the figure's words are: score the answer without them.
        low = _lower_same_length(text)
        figures = [m.span() for m in FIGURATIVE.finditer(low)]
        if figures:
            masked = list(text)
            for a, b in figures:
                masked[a:b] = " " * (b - a)
            if not self._screen("".join(masked)).flagged:
                return _NOTHING
        return found

    def _screen(self, text: str) -> Screening:
        if is_null_answer(text):  # "n/a", "cant think of owt": nothing was said
            return _NOTHING
        units = _units(text)
        parts = self._parts(units)
        whole = self._probability(parts) >= self.threshold
        if not whole and self.sentence_threshold is None:
            return _NOTHING
        p, a, b = self._best_sentence(units, parts)  # (0.0, 0, 0) for an answer of one sentence
        if whole:
            if b == 0:  # one sentence: the words that weighed most
                return Screening(self._categories(units, parts), self._evidence(text, units, parts))
        elif p < self.sentence_threshold:
            return _NOTHING
        # In an answer of several sentences the riskiest one is the evidence: three words
        # would not show an officer which part of a long answer to read.
        spans = _unit_spans(text, units)
        if spans is None:
            return _NOTHING
        start, end = spans[a].start(), spans[b - 1].end()
        categories = self._categories(units, parts) if whole else self._categories(units[a:b], parts[a:b])
        return Screening(categories, (Evidence(text[start:end], start, end, "model"),))

    @staticmethod
    def _evidence(text: str, units: list[str], parts: list) -> tuple[Evidence, ...]:
        """The three content words that pushed "any risk" up most, by their cached contributions."""
        order = sorted((k for k in range(len(units)) if parts[k][0] > 0), key=lambda k: -parts[k][0])
        spans = _unit_spans(text, units)
        if spans is None:
            return ()
        found, seen = [], set()
        for k in order:
            word = WORD_RE.search(text, spans[k].start(), spans[k].end())
            # "and", "she", "about" can push the score, but shown to an officer they explain nothing
            key = stem_key(word.group()) if word else None
            if key and key != "not" and key not in STOPWORDS and units[k] not in seen:
                seen.add(units[k])
                found.append((word.start(), word.end()))
                if len(found) == 3:
                    break
        return tuple(Evidence(text[a:b], a, b, "model") for a, b in sorted(found))

    def save(self, path: str | Path) -> None:
        meta = {"format": FORMAT, "vocab": self.vocab, "threshold": self.threshold,
                "sentence_threshold": self.sentence_threshold,
                "categories": list(CATEGORIES), "sources": self.sources or {}}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("model.json", json.dumps(meta, sort_keys=True))
            for name in ("idf", "coef", "intercept"):
                buf = io.BytesIO()
                np.save(buf, getattr(self, name).astype(np.float32), allow_pickle=False)
                z.writestr(name + ".npy", buf.getvalue())


def _out_of_frame(text: str, evidence: tuple[Evidence, ...]) -> bool:
    """True if every piece of evidence sits in a frame of no present risk (media, a joke,
    an animal, a hypothetical, a past event that is over)."""
    low = _lower_same_length(text)
    spans = sentences(low)
    return all(not_present(low, e.start, e.end, spans) for e in evidence)


def _vectors(texts: list[str], index: dict[str, int], idf: np.ndarray) -> sparse.csr_matrix:
    """Rows: sum of word vectors / sqrt(sum of words' squared norms) (see RiskModel)."""
    rows, cols, vals, scale = [], [], [], []
    for r, text in enumerate(texts):
        norm2 = 0.0
        for unit in _units(text):
            idx = [index[f] for f in _unit_features(unit) if f in index]
            rows.extend([r] * len(idx))
            cols.extend(idx)
            vals.extend(idf[idx])
            norm2 += float((idf[idx].astype(np.float64) ** 2).sum())
        scale.append(1.0 / norm2 ** 0.5 if norm2 > 0 else 0.0)
    x = sparse.csr_matrix((np.asarray(vals, dtype=np.float64), (rows, cols)), shape=(len(texts), len(index)))
    return sparse.diags(scale) @ x


def load_risk_model(path: str | Path) -> RiskModel:
    """Load a risk model file (ValueError if it is not one, or is damaged)."""
    try:
        data = Path(path).read_bytes()  # read once: hashed for provenance, then unzipped
        digest = hashlib.sha256(data).hexdigest()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            meta = json.loads(z.read("model.json"))
            arrays = {n: np.load(io.BytesIO(z.read(n + ".npy")), allow_pickle=False)
                      for n in ("idf", "coef", "intercept")}
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ValueError(f"{path}: not a StreetVoice risk model or damaged ({exc.__class__.__name__})") from None
    if meta.get("format") != FORMAT or tuple(meta.get("categories", ())) != CATEGORIES:
        raise ValueError(f"{path}: not a StreetVoice risk model for these categories")
    return RiskModel(meta["vocab"], arrays["idf"], arrays["coef"], arrays["intercept"],
                     float(meta["threshold"]), meta.get("sources"), digest,
                     None if meta.get("sentence_threshold") is None else float(meta["sentence_threshold"]))


@lru_cache(maxsize=1)
def default_risk_model() -> RiskModel:
    """The shipped model (loaded once per process)."""
    return load_risk_model(DEFAULT_PATH)


def choose_threshold(texts: list[str], categories: list[list[str]], max_false_flags: float = MAX_FALSE_FLAGS,
                     folds: int = 5, groups: list[str] | None = None) -> tuple[float, float | None, float, float]:
    """Thresholds chosen by cross-validation: (threshold, sentence threshold, recall, false flags).

    The threshold is the lowest whose false-flag rate on the answers labelled with no category
    stays within ``max_false_flags``; the sentence threshold (not below it) the lowest at which
    also scoring the sentences of unflagged answers flags no further such answer (None if even
    0.95 would). With ``groups`` (who wrote each answer), a writer's answers are never split
    between training and held-out folds, so the figures are for wording the model never saw."""
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    flagged = np.array([bool(c) for c in categories])
    whole, sentence = np.zeros(len(texts)), np.zeros(len(texts))
    splits = (GroupKFold(folds).split(texts, flagged, groups) if groups is not None
              else StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, flagged))
    for fit, held in splits:
        model = train_risk_model([texts[i] for i in fit], [categories[i] for i in fit])
        whole[held] = [model.any_risk(texts[i]) for i in held]
        sentence[held] = [model.sentence_risk(texts[i]) for i in held]
    grid = [float(t) for t in np.round(np.arange(0.3, 0.951, 0.05), 2)]
    threshold = next((t for t in grid if (whole[~flagged] >= t).mean() <= max_false_flags), grid[-1])
    found = whole >= threshold
    sentence_threshold = next((t for t in grid if t >= threshold
                               and not (~found & ~flagged & (sentence >= t)).any()), None)
    if sentence_threshold is not None:
        found |= sentence >= sentence_threshold
    return threshold, sentence_threshold, float(found[flagged].mean()), float(found[~flagged].mean())


def train_risk_model(texts: list[str], categories: list[list[str]], threshold: float = THRESHOLD,
                     sources: dict[str, str] | None = None, sentence_threshold: float | None = None) -> RiskModel:
    """Fit the "any risk" and per-category models from labelled answers."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    unknown = {c for cats in categories for c in cats} - set(CATEGORIES)
    if unknown:
        raise ValueError(f"unknown safeguarding categories: {', '.join(sorted(unknown))}")
    counts = CountVectorizer(analyzer=_text_features, min_df=2).fit(texts)
    vocab = list(counts.get_feature_names_out())
    idf = _idf(counts.transform(texts)).astype(np.float32)
    x = _vectors(texts, {f: i for i, f in enumerate(vocab)}, idf)
    targets = [[bool(cats) for cats in categories]] + [[c in cats for cats in categories] for c in CATEGORIES]
    coef = np.zeros((len(targets), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(targets), -10.0, dtype=np.float32)
    for j, y in enumerate(targets):
        if len(set(y)) < 2:
            continue  # a category never seen stays off
        clf = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", max_iter=1000, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.fit(x, np.array(y))
        coef[j], intercept[j] = clf.coef_[0], clf.intercept_[0]
    return RiskModel(vocab, idf, coef, intercept, threshold, sources, None, sentence_threshold)


def read_labelled(paths: list[Path], writers: list[str] | None = None) -> tuple[list[str], list[list[str]], dict[str, str]]:
    """Texts, category lists and {file name: sha256} from CSVs with text + safeguarding; with
    ``writers``, also the writer of each answer appended to it (:func:`writer_of`)."""
    texts, cats, sources = [], [], {}
    for path in paths:
        data = path.read_bytes()
        sources[path.name] = hashlib.sha256(data).hexdigest()
        for row in csv.DictReader(io.StringIO(data.decode("utf-8"))):
            texts.append(row["text"])
            cats.append([c for c in (row.get("safeguarding") or "").split(";") if c])
            if writers is not None:
                writers.append(writer_of(path))
    return texts, cats, sources


def writer_of(path: Path) -> str:
    """Who wrote a file's answers: one writer's theme and safeguarding sets belong together
    ("writer_j_themes.csv", "writer_j_safeguarding.csv"); any other file is its own writer."""
    stem = path.stem
    for suffix in ("_themes", "_safeguarding"):
        if stem.startswith("writer_") and stem.endswith(suffix):
            return stem[: -len(suffix)]
    return stem


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m analysis.risk_model", description=__doc__.split("\n\n")[0])
    ap.add_argument("--output", type=Path, default=DEFAULT_PATH)
    ap.add_argument("csv", type=Path, nargs="+", help="labelled CSVs (text, safeguarding)")
    args = ap.parse_args(argv)
    writers: list[str] = []
    texts, cats, sources = read_labelled(args.csv, writers)
    threshold, sentence_threshold, recall, false_flags = choose_threshold(texts, cats, groups=writers)
    print(f"threshold {threshold:.2f}, sentences {sentence_threshold}: on writers each fold never saw, "
          f"recall {recall:.1%}, false flags {false_flags:.1%} (the model alone)")
    model = train_risk_model(texts, cats, threshold=threshold, sources=sources, sentence_threshold=sentence_threshold)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.output)
    print(f"trained on {len(texts)} answers ({sum(1 for c in cats if c)} disclosures) -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
