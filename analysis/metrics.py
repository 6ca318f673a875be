"""How well two sets of theme labels agree: officer vs machine, or officer vs officer.

Precision, recall and F1 per theme and pooled (micro) or averaged (macro), and
Krippendorff's alpha through ``nltk.metrics.agreement.AnnotationTask``.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, masi_distance

__all__ = ["scores", "agreement"]


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def scores(gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]],
           themes: Sequence[str]) -> dict:
    """Precision/recall/F1 of ``predicted`` against ``gold`` (one label set per text).

    Returns ``{"n", "micro": {precision, recall, f1}, "macro": {...},
    "themes": {id: {precision, recall, f1, support}}}``. Macro averages over ``themes``
    (every theme of the codebook, so a theme never predicted and never present counts 0,
    as scikit-learn's ``f1_score(average="macro", zero_division=0)`` does).
    """
    if len(gold) != len(predicted):
        raise ValueError(f"gold has {len(gold)} rows but predicted has {len(predicted)}")
    counts = {t: [0, 0, 0] for t in themes}  # tp, fp, fn
    for g, p in zip(gold, predicted):
        g, p = set(g), set(p)
        for t in g | p:
            if t not in counts:
                raise ValueError(f"theme '{t}' is not in the codebook")
            counts[t][0 if t in g and t in p else 1 if t in p else 2] += 1
    per_theme = {t: {**_f1(*c), "support": c[0] + c[2]} for t, c in counts.items()}
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    n_themes = max(len(themes), 1)
    macro = {k: round(sum(v[k] for v in per_theme.values()) / n_themes, 4)
             for k in ("precision", "recall", "f1")}
    return {"n": len(gold), "micro": _f1(tp, fp, fn), "macro": macro, "themes": per_theme}


def _set_distance(a: frozenset, b: frozenset) -> float:
    # NLTK's MASI divides by the size of the union: two empty sets ("no theme" from both
    # coders) are full agreement, not a ZeroDivisionError.
    return 0.0 if not a and not b else masi_distance(a, b)


def _alpha(task_data: list[tuple[str, str, object]], distance) -> float | None:
    # Alpha is undefined when every label is the same (no disagreement is possible);
    # None says so instead of a ZeroDivisionError or a misleading 1.0.
    if len({label for _, _, label in task_data}) < 2:
        return None
    return round(AnnotationTask(data=task_data, distance=distance).alpha(), 4)


def agreement(labels_a: Sequence[Iterable[str]], labels_b: Sequence[Iterable[str]],
              themes: Sequence[str]) -> dict:
    """Agreement between two coders who labelled the same texts in the same order.

    Returns the F1 figures of :func:`scores` (``a`` taken as the reference) plus
    ``"alpha"``: Krippendorff's alpha over whole label sets (MASI distance), and per theme
    ``"alpha"`` for the yes/no decision on that theme. An alpha is None when undefined
    (both coders gave every text the same answer).
    """
    a = [frozenset(x) for x in labels_a]
    b = [frozenset(x) for x in labels_b]
    result = scores(a, b, themes)
    sets = [("a", str(i), x) for i, x in enumerate(a)] + [("b", str(i), x) for i, x in enumerate(b)]
    result["alpha"] = _alpha(sets, _set_distance) if a else None
    for t in themes:
        data = [("a", str(i), t in x) for i, x in enumerate(a)] + [("b", str(i), t in x) for i, x in enumerate(b)]
        result["themes"][t]["alpha"] = _alpha(data, binary_distance) if a else None
    return result
