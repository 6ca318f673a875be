"""Retraining the theme model from officer-reviewed answers.

The training set is every answer with a (non-blind) officer review, labelled with the themes a
person decided on it (`learning.reviewed_labels`), in the codebook in use (merged themes count
as the theme they went into; retired ones are left out). From it:

- agreement before: the engine in use now (codebook, and model if any) tags those answers, and
  its themes are compared with the officers';
- agreement after: the new training procedure, cross-validated: the answers are dealt into
  FOLDS folds, a model is trained on all folds but one and tags the one left out, so every
  answer is tagged by a model that never saw it. (A model scoring its own training answers
  would look far better than it is.)
- the model itself, trained on every reviewed answer, is stored as a ThemeModel row with both
  figures, and the change is audited;
- then every answer analysed with another model is re-analysed (`tagging.analyse_stale`),
  which keeps every tag an officer added or decided on and never withdraws a flag.
"""
import hashlib
import io
import random
import time
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select

import analysis
from portal import audit, tagging
from portal.codebooks import learning
from portal.codebooks import services as codebooks
from portal.codebooks.models import ThemeModel
from portal.extensions import db
from surveys.models import Answer

FOLDS = 5


class RetrainError(ValueError):
    """Retraining cannot run now; the message says why, in words for the analyst."""


@dataclass(frozen=True)
class TrainingSet:
    answer_ids: list
    texts: list
    labels: list

    def __len__(self):
        return len(self.answer_ids)


@dataclass(frozen=True)
class RetrainResult:
    model: ThemeModel
    before: dict
    after: dict
    seconds: float
    reanalysed: dict = field(default_factory=dict)


def training_set(book):
    """The reviewed answers, their texts and the officers' themes (in `book`'s themes)."""
    labels = learning.reviewed_labels(book)
    texts = dict(db.session.execute(select(Answer.id, Answer.value).where(Answer.id.in_(list(labels)))).all())
    ids = [aid for aid in labels if aid in texts]
    return TrainingSet(ids, [texts[aid] or "" for aid in ids], [labels[aid][0] for aid in ids])


def cross_validated(texts, labels, book, folds=FOLDS, seed=0):
    """Each answer's themes as tagged by a model trained without it (`folds` folds, dealt
    after a seeded shuffle, so the same answers always give the same figures)."""
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    folds = max(2, min(folds, len(texts)))
    predicted = [None] * len(texts)
    for k in range(folds):
        held = order[k::folds]
        held_set = set(held)
        fit = [i for i in order if i not in held_set]
        model = analysis.train([texts[i] for i in fit], [labels[i] for i in fit], book)
        for i, result in zip(held, analysis.Pipeline(book, model).run([texts[i] for i in held])):
            predicted[i] = list(result.themes)
    return predicted


def retrain(officer=None, folds=FOLDS):
    """Train, measure, store and re-analyse (see the module docstring). `officer` is None when
    run from the command line. Raises RetrainError with too few reviewed answers."""
    started = time.perf_counter()
    book_row = codebooks.current_row()
    book = codebooks.codebook_of(book_row)
    data = training_set(book)
    minimum = current_app.config["RETRAIN_MIN_REVIEWED"]
    if len(data) < max(minimum, 2):
        raise RetrainError(f"Retraining needs at least {max(minimum, 2)} answers reviewed by officers; "
                           f"{len(data)} {'has' if len(data) == 1 else 'have'} been reviewed so far. "
                           "Review more answers, then retrain.")
    engine = tagging.analyser()
    before = learning.measure(data.labels, [list(r.themes) for r in engine.tag(data.texts)], book)
    before["engine"] = "model " + engine.model_version if engine.model_version else "codebook only"
    after = learning.measure(data.labels, cross_validated(data.texts, data.labels, book, folds), book)
    after["folds"] = max(2, min(folds, len(data)))
    model = analysis.train(data.texts, data.labels, book)
    buffer = io.BytesIO()
    model.save(buffer)
    blob = buffer.getvalue()
    if codebooks.current_row().id != book_row.id:
        raise RetrainError("The codebook was changed while the model was training, so the model no longer "
                           "matches it. Retrain again.")
    seconds = round(time.perf_counter() - started, 1)
    row = ThemeModel(codebook_version_id=book_row.id, data=blob, version=hashlib.sha256(blob).hexdigest()[:16],
                     n_train=len(data), agreement_before=before, agreement_after=after,
                     trained_by_id=officer.id if officer else None)
    db.session.add(row)
    db.session.flush()
    audit.record("retrained", officer, target=f"model:{row.id}", model_version=row.version, n_train=len(data),
                 codebook_version=book.version, f1_before=before["micro"]["f1"], f1_after=after["micro"]["f1"],
                 alpha_before=before["alpha"], alpha_after=after["alpha"], seconds=seconds,
                 via="browser" if officer else "command line")
    db.session.commit()
    return RetrainResult(row, before, after, seconds, tagging.analyse_stale())


def reanalyse(officer):
    """Re-analyse every answer analysed with another codebook or model (after an edit), keeping
    officers' work; audited. Returns `tagging.analyse_stale`'s counts."""
    counts = tagging.analyse_stale()
    audit.record("reanalysed", officer, target="answers", **counts)
    db.session.commit()
    return counts
