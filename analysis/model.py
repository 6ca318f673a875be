"""A theme model learned from labelled answers, layered on the codebook.

Features: word uni/bigrams of normalised stems, character 2-5-grams (robust to spelling),
and the codebook's own zero-shot score per theme. One logistic regression per theme. The
codebook also becomes training data (each theme's label, description, keywords and examples
as pseudo-answers), so a theme with 20 labels or none still starts from what the analyst
wrote. How much to trust the model over the codebook, the decision thresholds and whether a
text gets exactly one theme are chosen by cross-validation on the training rows.

Saved as a zip of JSON + ``.npy`` arrays, loaded with ``allow_pickle=False``: opening a
model file can never run code. The file records the codebook id, version and fingerprint.
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from .codebook import Codebook
from .tagger import MAX_THEMES, RELATIVE, CodebookTagger
from .text import WORD_RE, stem_key

__all__ = ["Model", "ModelError", "train_model", "load_model"]

FORMAT = "streetvoice-theme-model/1"
BATCH = 1000
# Codebook scores enter the model as features. Their scale sets how cheaply the model can
# lean on them; 0.5 did best (cross-validated on the training halves of both benchmarks).
ZERO_SHOT_SCALE = 0.5


class ModelError(ValueError):
    """A model file is missing, damaged, or was trained with another codebook."""


def word_features(text: str) -> list[str]:
    """Stem unigrams and bigrams (negators kept as "not", so "not clean" is a feature)."""
    keys = [k for k in map(stem_key, WORD_RE.findall(text)) if k]
    return keys + [a + " " + b for a, b in zip(keys, keys[1:])]


def char_wb_ngrams(word: str, min_n: int = 2, max_n: int = 5) -> list[str]:
    """scikit-learn's ``char_wb`` n-grams of ONE whitespace-separated word (same rules,
    short-word case included), so they can be cached per word at prediction time."""
    w = " " + word + " "
    out = []
    for n in range(min_n, max_n + 1):
        offset = 0
        out.append(w[offset:offset + n])
        while offset + n < len(w):
            offset += 1
            out.append(w[offset:offset + n])
        if offset == 0:
            break
    return out


class _CachedCounter:
    """Term counts over a fixed vocabulary, built straight into CSR from a per-unit cache.

    Equivalent to ``CountVectorizer(vocabulary=...).transform`` but a text costs one dict
    lookup per word instead of one per n-gram: the char n-grams of a word never change.
    """

    def __init__(self, vocabulary: list[str], units, features_of):
        self.index = {f: i for i, f in enumerate(vocabulary)}
        self.units, self.features_of = units, features_of   # text -> units, unit -> features
        self.cache: dict[str, list[int]] = {}

    def _indices(self, unit: str) -> list[int]:
        found = self.cache.get(unit)
        if found is None:
            index = self.index
            found = [index[f] for f in self.features_of(unit) if f in index]
            if len(self.cache) < 200_000:  # bounded: garbage input must not grow memory
                self.cache[unit] = found
        return found

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        indptr, indices = [0], []
        for text in texts:
            for unit in self.units(text):
                indices.extend(self._indices(unit))
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        x = sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                              shape=(len(texts), len(self.index)))
        x.sum_duplicates()
        return x


def _tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    x = counts.astype(np.float32).tocsr()
    np.log1p(x.data, out=x.data)  # sublinear tf
    x = x.multiply(idf.astype(np.float32)).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms).dot(x).tocsr()


def _idf(counts: sparse.csr_matrix) -> np.ndarray:
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1 + counts.shape[0]) / (1 + df)) + 1.0


@dataclass
class Model:
    """A trained theme model. Use :func:`train_model` or :func:`load_model` to get one."""

    codebook_id: str
    codebook_version: int
    codebook_fingerprint: str
    theme_ids: tuple[str, ...]
    word_vocab: list[str]
    char_vocab: list[str]
    word_idf: np.ndarray
    char_idf: np.ndarray
    coef: np.ndarray          # themes x features (word, char, codebook scores)
    intercept: np.ndarray
    thresholds: np.ndarray    # per theme, on the blended score
    blend: float              # weight of the model against the zero-shot score
    single_label: bool        # every training answer had exactly one theme
    fallback: float           # best score that still gives a theme when none passes (>1: never)
    n_train: int = 0

    def __post_init__(self) -> None:
        self._word = _CachedCounter(self.word_vocab, word_features, lambda feature: (feature,))
        self._char = _CachedCounter(self.char_vocab, lambda text: text.lower().split(), char_wb_ngrams)
        self._word_coef: dict[str, np.ndarray] = {}
        if self.coef.ndim == 2 and self.coef.shape[1] >= len(self.word_vocab):
            word_coef = self.coef[:, :len(self.word_vocab)]
            self._word_coef = {w: word_coef[:, i] for i, w in enumerate(self.word_vocab)
                               if " " not in w and word_coef[:, i].max() > 0}

    def check_codebook(self, codebook: Codebook) -> None:
        """Raise ModelError unless ``codebook`` is the one this model was trained with."""
        if (codebook.id, codebook.version, codebook.fingerprint) != (
                self.codebook_id, self.codebook_version, self.codebook_fingerprint):
            changed = "" if (codebook.id, codebook.version) != (self.codebook_id, self.codebook_version) \
                else " (same id and version, but its content changed)"
            raise ModelError(
                f"model was trained with codebook {self.codebook_id} version {self.codebook_version}, "
                f"not {codebook.id} version {codebook.version}{changed}: train it again")

    def features(self, texts: list[str], zero_shot: np.ndarray) -> sparse.csr_matrix:
        words = _tfidf(self._word.transform(texts), self.word_idf)
        chars = _tfidf(self._char.transform(texts), self.char_idf)
        prior = sparse.csr_matrix(zero_shot.astype(np.float32) * ZERO_SHOT_SCALE)
        return sparse.hstack([words, chars, prior]).tocsr()

    def blended(self, texts: list[str], zero_shot: np.ndarray) -> np.ndarray:
        """Scores in [0, 1], texts x themes: model probability blended with the codebook."""
        logits = self.features(texts, zero_shot) @ self.coef.T + self.intercept
        prob = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
        return self.blend * prob + (1.0 - self.blend) * zero_shot

    def decide(self, scores: np.ndarray) -> list[list[int]]:
        """Theme indices per row from blended scores."""
        chosen = _decide(scores, self.thresholds, self.single_label, self.fallback)
        return [[int(i) for i in np.flatnonzero(row)] for row in chosen]

    def top_words(self, theme: int, keys: list[str | None]) -> set[str]:
        """Keys among ``keys`` that push towards ``theme`` most (for evidence)."""
        weighted = sorted({(float(self._word_coef[k][theme]), k) for k in keys
                           if k in self._word_coef and self._word_coef[k][theme] > 0}, reverse=True)
        return {k for _, k in weighted[:3]}

    def save(self, path: str | Path) -> None:
        """Write the model as a zip of JSON metadata and numpy arrays."""
        meta = {"format": FORMAT, "codebook": self.codebook_id, "codebook_version": self.codebook_version,
                "codebook_fingerprint": self.codebook_fingerprint, "themes": list(self.theme_ids),
                "word_vocab": self.word_vocab, "char_vocab": self.char_vocab, "blend": self.blend,
                "single_label": self.single_label, "fallback": self.fallback, "n_train": self.n_train}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("model.json", json.dumps(meta))
            for name in ("word_idf", "char_idf", "coef", "intercept", "thresholds"):
                buf = io.BytesIO()
                np.save(buf, getattr(self, name), allow_pickle=False)
                z.writestr(name + ".npy", buf.getvalue())


def load_model(path: str | Path, codebook: Codebook | None = None) -> Model:
    """Load a model file; with ``codebook``, also check it is the one trained with."""
    try:
        with zipfile.ZipFile(path) as z:
            meta = json.loads(z.read("model.json"))
            if meta.get("format") != FORMAT:
                raise ModelError(f"{path}: not a StreetVoice theme model")
            arrays = {n: np.load(io.BytesIO(z.read(n + ".npy")), allow_pickle=False)
                      for n in ("word_idf", "char_idf", "coef", "intercept", "thresholds")}
    except FileNotFoundError:
        raise ModelError(f"{path}: model file not found") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        if isinstance(exc, ModelError):
            raise
        raise ModelError(f"{path}: not a StreetVoice theme model or damaged ({exc.__class__.__name__})") from None
    model = Model(meta["codebook"], meta["codebook_version"], meta["codebook_fingerprint"],
                  tuple(meta["themes"]), meta["word_vocab"], meta["char_vocab"], arrays["word_idf"],
                  arrays["char_idf"], arrays["coef"], arrays["intercept"], arrays["thresholds"],
                  float(meta["blend"]), bool(meta["single_label"]), float(meta["fallback"]),
                  int(meta.get("n_train", 0)))
    if codebook is not None:
        model.check_codebook(codebook)
    return model


def _decide(scores: np.ndarray, thresholds: np.ndarray, single: bool, fallback: float) -> np.ndarray:
    """Which themes each row gets (a boolean matrix), all rows at once: those at or above
    their threshold, else the best one if it reaches ``fallback``; then, as the codebook
    decides, a further theme must come near the best one, and no row has more than a few."""
    scores = np.asarray(scores, dtype=np.float64)
    chosen = np.zeros(scores.shape, dtype=bool)
    if scores.size == 0:
        return chosen
    rows = np.arange(scores.shape[0])
    best = scores.argmax(axis=1)
    top = scores[rows, best]
    if single:
        chosen[rows, best] = top >= fallback
        return chosen
    chosen = scores >= thresholds
    lonely = ~chosen.any(axis=1) & (top >= fallback)
    chosen[rows[lonely], best[lonely]] = True
    chosen &= scores >= (RELATIVE * top)[:, None]
    crowded = chosen.sum(axis=1) > MAX_THEMES
    if crowded.any():  # keep the strongest few
        masked = np.where(chosen[crowded], scores[crowded], -np.inf)
        rank = np.argsort(np.argsort(-masked, axis=1, kind="stable"), axis=1, kind="stable")
        chosen[crowded] &= rank < MAX_THEMES
    return chosen

