"""Fitting a :class:`~analysis.model.Model` from labelled answers (see model.py for the why)."""
from __future__ import annotations

import random
import warnings
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from .codebook import Codebook
from .model import Model, _decide, _idf, word_features
from .tagger import FALLBACK, CodebookTagger

__all__ = ["train_model"]

C = 4.0
PSEUDO_WEIGHT = 2.0        # one codebook pseudo-answer counts as two labelled answers
BLENDS = (0.0, 0.15, 0.3, 0.5, 0.7, 0.85, 1.0)
GRID = np.round(np.arange(0.05, 0.96, 0.05), 2)
MIN_POSITIVES_OWN_THRESHOLD = 10
FOLDS = 3


def _pseudo_answers(codebook: Codebook) -> tuple[list[str], list[int]]:
    texts, themes = [], []
    for i, t in enumerate(codebook.themes):
        texts.append(". ".join([t.label, t.description, ", ".join(t.keywords)]))
        themes.append(i)
        for example in t.examples:
            texts.append(example)
            themes.append(i)
    return texts, themes


def _fit(x: sparse.csr_matrix, y: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    coef = np.zeros((y.shape[1], x.shape[1]), dtype=np.float32)
    intercept = np.zeros(y.shape[1], dtype=np.float32)
    for j in range(y.shape[1]):
        if y[:, j].min() == y[:, j].max():  # cannot happen with pseudo-answers, but be safe
            intercept[j] = 10.0 if y[0, j] else -10.0
            continue
        # The dual problem: answers are far fewer than features, and it solves 20 times faster
        # (0.04 s a theme on 2,300 NHS answers, against 0.73 s) to the same optimum.
        clf = LogisticRegression(C=C, solver="liblinear", dual=True, class_weight="balanced", max_iter=500,
                                 random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # thresholds are tuned anyway
            clf.fit(x, y[:, j], sample_weight=weights)
        coef[j], intercept[j] = clf.coef_[0], clf.intercept_[0]
    return coef, intercept


def _micro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = int((pred & (gold == 1)).sum())
    denom = int(pred.sum() + gold.sum())
    return 2 * tp / denom if denom else 0.0


def _thresholds(scores: np.ndarray, gold: np.ndarray) -> np.ndarray:
    """A global threshold, refined per theme where enough positives make it trustworthy."""
    best_t = max(GRID, key=lambda t: _micro_f1(gold, scores >= t))
    out = np.full(gold.shape[1], best_t, dtype=np.float32)
    for j in range(gold.shape[1]):
        if gold[:, j].sum() >= MIN_POSITIVES_OWN_THRESHOLD:
            def f1(t, j=j):
                p, g = scores[:, j] >= t, gold[:, j] == 1
                return 2 * (p & g).sum() / max(p.sum() + g.sum(), 1)
            own = max(GRID, key=f1)
            out[j] = (own + best_t) / 2  # shrink towards the global choice: folds are small
    return out


def train_model(texts: Sequence[str], labels: Sequence[Sequence[str]], codebook: Codebook,
                folds: int | None = None, seed: int = 0) -> Model:
    """Fit a model on ``texts`` and their theme ids ``labels`` (one list per text)."""
    folds = folds or FOLDS
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} label lists")
    ids = codebook.theme_ids
    index = {t: i for i, t in enumerate(ids)}
    tagger = CodebookTagger(codebook)
    pseudo_texts, pseudo_themes = _pseudo_answers(codebook)
    all_texts = list(texts) + pseudo_texts
    n, n_pseudo = len(texts), len(pseudo_texts)
    y = np.zeros((n + n_pseudo, len(ids)), dtype=np.int8)
    for r, theme_ids in enumerate(labels):
        for t in theme_ids:
            y[r, index[t]] = 1
    for r, j in enumerate(pseudo_themes):
        y[n + r, j] = 1
    weights = np.concatenate([np.ones(n), np.full(n_pseudo, PSEUDO_WEIGHT)])
    zero_shot = np.array([tagger.score(t)[0] for t in all_texts], dtype=np.float32)
    min_df = 2 if n >= 1000 else 1
    word_cv = CountVectorizer(analyzer=word_features, min_df=min_df, max_features=30_000)
    char_cv = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True, min_df=min_df,
                              max_features=60_000, dtype=np.float32)
    word_counts, char_counts = word_cv.fit_transform(all_texts), char_cv.fit_transform(all_texts)
    model = Model(codebook.id, codebook.version, codebook.fingerprint, ids,
                  [str(w) for w in word_cv.get_feature_names_out()],
                  [str(c) for c in char_cv.get_feature_names_out()],
                  _idf(word_counts), _idf(char_counts), np.zeros(0), np.zeros(0), np.zeros(0),
                  1.0, False, 1.1, n)
    x = model.features(all_texts, zero_shot)
    cardinality = y[:n].sum(axis=1)
    model.single_label = bool(n and cardinality.max() == 1)
    if n >= 2 * folds and cardinality.max() > 0:
        oof = np.zeros((n, len(ids)), dtype=np.float32)
        for train_idx, test_idx in KFold(folds, shuffle=True, random_state=seed).split(np.arange(n)):
            fit_idx = np.concatenate([train_idx, np.arange(n, n + n_pseudo)])
            coef, icpt = _fit(x[fit_idx], y[fit_idx], weights[fit_idx])
            logits = x[test_idx] @ coef.T + icpt
            oof[test_idx] = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
        gold = y[:n].astype(np.int8)
        # Every training answer has exactly one theme: so will every answer tagged. Otherwise
        # cross-validation picks how strong a lone best theme must be (ties: the cautious one).
        fallbacks = (0.0,) if model.single_label and cardinality.min() == 1 else \
            (1.1, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0)
        best = (-1.0, 1.0, None, 1.1)
        for blend in BLENDS:
            scores = blend * oof + (1 - blend) * zero_shot[:n]
            thresholds = _thresholds(scores, gold) if not model.single_label else np.ones(len(ids))
            for fallback in fallbacks:
                f1 = _micro_f1(gold, _decide(scores, thresholds, model.single_label, fallback))
                if f1 > best[0]:
                    best = (f1, blend, thresholds, fallback)
        _, model.blend, model.thresholds, model.fallback = best
    else:  # too few rows (or no theme at all) to cross-validate: lean on the codebook
        model.single_label = False
        model.blend, model.thresholds, model.fallback = 0.5, np.full(len(ids), 0.5, np.float32), FALLBACK
    model.thresholds = np.asarray(model.thresholds, dtype=np.float32)
    model.coef, model.intercept = _fit(x, y, weights)
    model.__post_init__()
    return model


def per_theme_sample(texts: Sequence[str], labels: Sequence[Sequence[str]], per_theme: int = 20,
                     empty: int = 100, seed: int = 0) -> tuple[list[str], list[list[str]]]:
    """At most ``per_theme`` answers a theme (an answer counts for every theme it has, and is
    taken while any of its themes is short) and ``empty`` answers with none, in a shuffled
    order: how the shared benchmarks' train_20.csv was drawn, and what an analyst has after
    officers have corrected a few dozen answers a theme."""
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    counts: dict[str, int] = {}
    chosen, n_empty = [], 0
    for i in order:
        if not labels[i]:
            if n_empty < empty:
                chosen.append(i)
                n_empty += 1
        elif any(counts.get(t, 0) < per_theme for t in labels[i]):
            chosen.append(i)
            for t in labels[i]:
                counts[t] = counts.get(t, 0) + 1
    return [texts[i] for i in chosen], [list(labels[i]) for i in chosen]
