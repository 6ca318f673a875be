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
- every model here (each fold's and the final one) also learns from the built-in model's
  labelled answers (`seed_answers`: those that fit the codebook in use, less any an officer
  reviewed), so a retrained model starts from what the built-in one knew; the figures are
  still measured on the officers' answers only;
- the model itself, trained on every reviewed answer (alongside the folds, in forked worker
  processes: RETRAIN_JOBS, one per CPU by default), is stored as a ThemeModel row with both
  figures, and the change is audited;
- numpy's BLAS runs one thread while training: the matrices are small, and its idle threads
  spinning on two shared cores tripled the CPU time (and forked workers each starting their
  own threads made it ten times worse);
- then every answer analysed with another model is re-analysed (`tagging.analyse_stale`),
  which keeps every tag an officer added or decided on and never withdraws a flag.
"""
import hashlib
import io
import multiprocessing
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select
from threadpoolctl import threadpool_limits

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


def _folds(n, folds, seed):
    """Held-out index lists: a seeded shuffle dealt into `folds` folds (same answers, same folds)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    folds = max(2, min(folds, n))
    return [order[k::folds] for k in range(folds)]


def _fold_themes(job):
    """Train on every answer but the held-out ones (and the seed answers), then tag those:
    their themes, in order."""
    texts, labels, book, held, seed = job
    threadpool_limits(1)
    held_set = set(held)
    fit = [i for i in range(len(texts)) if i not in held_set]
    model = analysis.train([texts[i] for i in fit] + seed[0], [labels[i] for i in fit] + seed[1], book)
    return [list(r.themes) for r in analysis.Pipeline(book, model).run([texts[i] for i in held])]


def _model_bytes(job):
    texts, labels, book, seed = job
    threadpool_limits(1)
    buffer = io.BytesIO()
    analysis.train(texts + seed[0], labels + seed[1], book).save(buffer)
    return buffer.getvalue()


def seed_answers(book, texts):
    """The built-in model's labelled answers that fit `book` (analysis.seed_examples), less any
    an officer has reviewed: officers' corrections are added to what the model knew, and where
    the two disagree on the same words the officer's decision is the one kept."""
    reviewed = set(texts)
    seed_texts, seed_labels = analysis.seed_examples(book)
    kept = [i for i, text in enumerate(seed_texts) if text not in reviewed]
    return [seed_texts[i] for i in kept], [seed_labels[i] for i in kept]


def _jobs():
    """Worker processes for training: RETRAIN_JOBS, or one per CPU (at most 4) when it is 0."""
    jobs = int(current_app.config.get("RETRAIN_JOBS") or 0) or min(4, os.cpu_count() or 1)
    return jobs if "fork" in multiprocessing.get_all_start_methods() else 1


def _run(function, tasks, jobs):
    """`function` over `tasks`, in order; in forked workers when there are several jobs. The
    workers only train and tag (pure analysis), never touch the database, and leave with
    os._exit, so the parent's connections are never closed under it."""
    with threadpool_limits(1):  # see the module docstring
        if jobs <= 1 or len(tasks) <= 1:
            return [function(task) for task in tasks]
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(function, tasks))


def _call(task):
    function, argument = task
    return function(argument)


def _train_all(texts, labels, book, folds, jobs, seed=0, final=True):
    """(each answer's cross-validated themes, the final model's bytes or None, folds used): the
    folds (and the final model) are trained side by side, in worker processes if jobs > 1."""
    held_out = _folds(len(texts), folds, seed)
    extra = seed_answers(book, texts)
    texts, labels = list(texts), list(labels)
    tasks = [(_fold_themes, (texts, labels, book, held, extra)) for held in held_out]
    if final:
        tasks.append((_model_bytes, (texts, labels, book, extra)))
    results = _run(_call, tasks, jobs)
    predicted = [None] * len(texts)
    for held, themes in zip(held_out, results):
        for i, t in zip(held, themes):
            predicted[i] = t
    return predicted, results[-1] if final else None, len(held_out)


def cross_validated(texts, labels, book, folds=FOLDS, seed=0, jobs=1):
    """Each answer's themes as tagged by a model trained without it (`folds` folds, dealt
    after a seeded shuffle, so the same answers always give the same figures)."""
    return _train_all(texts, labels, book, folds, jobs, seed, final=False)[0]


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
    predicted, blob, used = _train_all(data.texts, data.labels, book, folds, _jobs())
    after = learning.measure(data.labels, predicted, book)
    after["folds"] = used
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
