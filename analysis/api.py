"""The package's Python API (re-exported by ``analysis/__init__.py``)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from . import metrics
from .builtin import builtin_model
from .codebook import Codebook, CodebookError, load_codebook
from .model import Model, ModelError, load_model
from .phrases import Phrase
from .phrases import emerging_phrases as _emerging_phrases
from .pipeline import Pipeline, TagResult, ThemeEngine
from .training import train_model

__all__ = ["tag", "iter_tag", "train", "evaluate", "emerging_phrases", "agreement", "check_labels"]


def _codebook(codebook: Codebook | str | Path | None) -> Codebook:
    return codebook if isinstance(codebook, Codebook) else load_codebook(codebook)


def model_for(model: Model | str | Path | None, codebook: Codebook, builtin: bool = True) -> Model | None:
    """The model to tag ``codebook``'s answers with (also the command line's choice)."""
    # A Model object is checked against the codebook by ThemeEngine; a path by load_model.
    # No model: the built-in one, where it was trained with this very codebook.
    if model is None:
        return builtin_model(codebook) if builtin else None
    if isinstance(model, Model):
        return model
    return load_model(model, codebook)


def iter_tag(texts: Iterable[object], codebook: Codebook | str | Path | None = None,
             model: Model | str | Path | None = None, builtin: bool = True) -> Iterator[TagResult]:
    """Like :func:`tag` but lazy: yields results as texts are read (flat memory)."""
    cb = _codebook(codebook)
    return Pipeline(cb, model_for(model, cb, builtin)).run(texts)


def tag(texts: Iterable[object], codebook: Codebook | str | Path | None = None,
        model: Model | str | Path | None = None, builtin: bool = True) -> list[TagResult]:
    """Tag answers: themes (with scores and evidence), safeguarding, redaction and tone.

    Args:
        texts: the answers; None and non-text values are treated as text, never skipped.
        codebook: a Codebook, a YAML path, or None for the default street-impact codebook.
        model: optional Model or model file trained with that same codebook. Without one, the
            built-in model (analysis/builtin.py) where it fits the codebook; ``builtin=False``
            tags with the codebook alone.

    Returns:
        One :class:`TagResult` per text, in order. A text that could not be processed has
        ``error`` set.

    Raises:
        CodebookError, ModelError: bad codebook, bad model, or model/codebook mismatch.
    """
    return list(iter_tag(texts, codebook, model, builtin))


def check_labels(labels: Iterable[Iterable[str]], codebook: Codebook) -> list[list[str]]:
    """Label lists as lists, raising ValueError naming the first row with an unknown theme id."""
    known = set(codebook.theme_ids)
    out = []
    for row, themes in enumerate(labels, start=1):
        themes = [t for t in themes if t]
        unknown = [t for t in themes if t not in known]
        if unknown:
            raise ValueError(f"row {row}: unknown theme id '{unknown[0]}' (not in codebook {codebook.id})")
        out.append(themes)
    return out


def train(texts: Sequence[str], labels: Sequence[Iterable[str]],
          codebook: Codebook | str | Path | None = None) -> Model:
    """Train a theme model from answers and their theme ids (one list per answer; empty
    means no theme). Save it with ``model.save(path)``.

    Raises ValueError naming the row of an unknown theme id.
    """
    cb = _codebook(codebook)
    return train_model([str(t or "") for t in texts], check_labels(labels, cb), cb)


def evaluate(texts: Sequence[str], labels: Sequence[Iterable[str]],
             codebook: Codebook | str | Path | None = None,
             model: Model | str | Path | None = None, builtin: bool = True) -> dict:
    """Compare the tagger's themes with human labels (the tagger as :func:`tag` builds it).

    Returns ``{"n", "micro": {precision, recall, f1}, "macro": {...},
    "themes": {id: {precision, recall, f1, support}}}``.
    """
    cb = _codebook(codebook)
    gold = check_labels(labels, cb)
    engine = ThemeEngine(cb, model_for(model, cb, builtin))
    predicted: list[tuple[str, ...]] = []
    texts = [str(t or "") for t in texts]
    for start in range(0, len(texts), 1000):
        predicted.extend(r.themes for r in engine.tag_batch(texts[start:start + 1000]))
    return metrics.scores(gold, predicted, cb.theme_ids)


def emerging_phrases(texts: Iterable[str], codebook: Codebook | str | Path | None = None,
                     top: int = 30, min_count: int = 3) -> list[Phrase]:
    """Frequent phrases in ``texts`` that no theme of the codebook covers (see phrases.py)."""
    return _emerging_phrases(texts, _codebook(codebook), top=top, min_count=min_count)


def agreement(labels_a: Sequence[Iterable[str]], labels_b: Sequence[Iterable[str]],
              codebook: Codebook | str | Path | None = None) -> dict:
    """Per-theme precision/recall/F1 and Krippendorff's alpha between two coders
    (officer vs machine, or officer vs officer), labels in the same order."""
    cb = _codebook(codebook)
    return metrics.agreement(check_labels(labels_a, cb), check_labels(labels_b, cb), cb.theme_ids)


__all__ += ["CodebookError", "ModelError"]
