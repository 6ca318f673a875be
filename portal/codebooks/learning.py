"""Learning from officers: the labels their reviews give, and how well the machine agrees.

An answer's *officer labels* are the themes a person decided: the active tags an officer added
or confirmed on an answer with a (non-blind) review. The *machine's suggestions* on it are the
machine tags the officer judged, kept or removed. Themes are read through the codebook in use:
a merged theme counts as the theme it went into, a retired one no longer counts.

The overview shows, with n for every figure:
- officers and the machine now: the officers' labels against the machine's suggestions they saw;
- each retrain: the engine in use before it, and the new training procedure cross-validated
  (stored on the ThemeModel row by portal/codebooks/retrain.py);
- two officers: the first review against the blind second review of the same answer
  (DOUBLE_REVIEW_SHARE of responses get one).

A figure that is undefined (no answer where either side said yes, or no disagreement possible
for alpha) is None, which the page shows as "not enough reviews yet".
"""
from collections import defaultdict

from flask import current_app
from sqlalchemy import and_, func, or_, select

import analysis
from portal.auth.models import Officer
from portal.codebooks import services as codebooks
from portal.codebooks.models import CodebookVersion, ThemeModel
from portal.extensions import db
from portal.review.models import AnswerReview, AnswerTag

RETRAINS_SHOWN = 5


def reviewed_answers():
    """SQL: ids of answers with at least one review that is not a blind second review."""
    return select(AnswerReview.answer_id).where(AnswerReview.blind.is_(False)).distinct()


def reviewed_count():
    """How many answers officers have reviewed (not counting blind second reviews): one COUNT."""
    return db.session.scalar(select(func.count()).select_from(reviewed_answers().subquery()))


def _mapper(book):
    """theme ids -> sorted ids of `book`, merged themes followed to their target, others dropped."""
    known, merged = set(book.theme_ids), codebooks.merged_into()

    def current(themes):
        return sorted({merged.get(t, t) for t in themes} & known)
    return current


def reviewed_labels(book):
    """{answer id: (officer labels, machine suggestions the officer judged)} for every answer
    with a non-blind review, in the themes of `book` (two queries)."""
    ids = db.session.scalars(reviewed_answers()).all()
    officer, machine = defaultdict(set), defaultdict(set)
    decided = or_(and_(AnswerTag.assigned_by_id.is_(None), AnswerTag.reviewed_by_id.is_not(None)),
                  and_(AnswerTag.assigned_by_id.is_not(None), AnswerTag.active))
    rows = db.session.execute(select(AnswerTag.answer_id, AnswerTag.theme_id, AnswerTag.assigned_by_id.is_(None),
                                     AnswerTag.active)
                              .where(AnswerTag.answer_id.in_(reviewed_answers()), decided))
    for answer_id, theme_id, by_machine, active in rows:
        if by_machine:
            machine[answer_id].add(theme_id)
        if active:
            officer[answer_id].add(theme_id)
    current = _mapper(book)
    return {aid: (current(officer[aid]), current(machine[aid])) for aid in sorted(ids)}


def measure(reference, other, book):
    """How well `other` agrees with `reference` (theme-id lists, one per answer, same order):
    {"n", "alpha", "micro": {precision, recall, f1, support, predicted}, "themes": {id: {...,
    "alpha"}}}, where support counts the answers `reference` gave the theme and predicted those
    `other` gave it. Precision, recall and F1 are None where undefined."""
    result = analysis.agreement(reference, other, book)
    support, predicted = defaultdict(int), defaultdict(int)
    for ref, oth in zip(reference, other):
        for t in ref:
            support[t] += 1
        for t in oth:
            predicted[t] += 1
    themes = {}
    for t in book.theme_ids:
        figures = result["themes"][t]
        themes[t] = _defined({**figures, "support": support[t], "predicted": predicted[t]})
    micro = _defined({**result["micro"], "support": sum(support.values()), "predicted": sum(predicted.values())})
    return {"n": len(reference), "alpha": result["alpha"], "micro": micro, "themes": themes}


def _defined(f):
    return {**f, "precision": f["precision"] if f["predicted"] else None,
            "recall": f["recall"] if f["support"] else None,
            "f1": f["f1"] if f["support"] or f["predicted"] else None}


def _officers_and_machine(book):
    labels = reviewed_labels(book)
    return measure([o for o, _m in labels.values()], [m for _o, m in labels.values()], book)


def _between_officers(book):
    """The first review against the blind second review, on each answer that has both."""
    has_blind = select(AnswerReview.answer_id).where(AnswerReview.blind.is_(True))
    first, second = {}, {}
    for answer_id, themes, blind in db.session.execute(
            select(AnswerReview.answer_id, AnswerReview.themes, AnswerReview.blind)
            .where(AnswerReview.answer_id.in_(has_blind)).order_by(AnswerReview.reviewed_at, AnswerReview.id)):
        (second if blind else first).setdefault(answer_id, themes or [])
    current = _mapper(book)
    pairs = [(current(first[a]), current(second[a])) for a in sorted(first) if a in second]
    return measure([a for a, _b in pairs], [b for _a, b in pairs], book)


def _retrains():
    rows = db.session.execute(
        select(ThemeModel.id, ThemeModel.version, ThemeModel.trained_at, ThemeModel.n_train,
               ThemeModel.agreement_before, ThemeModel.agreement_after, Officer.name, CodebookVersion.version)
        .join(CodebookVersion, CodebookVersion.id == ThemeModel.codebook_version_id)
        .outerjoin(Officer, Officer.id == ThemeModel.trained_by_id)
        .order_by(ThemeModel.id.desc()).limit(RETRAINS_SHOWN)).all()
    return [{"id": r[0], "version": r[1], "trained_at": r[2], "n_train": r[3], "before": r[4] or {},
             "after": r[5] or {}, "trained_by": r[6], "codebook_version": r[7]} for r in rows]


def _state():
    """What the figures depend on, in one aggregate query: reviews, models, codebook versions."""
    return db.session.execute(select(
        select(func.count(AnswerReview.id)).scalar_subquery(),
        select(func.max(AnswerReview.reviewed_at)).scalar_subquery(),
        select(func.max(ThemeModel.id)).scalar_subquery(),
        select(func.max(CodebookVersion.id)).scalar_subquery())).one()


def summary():
    """What the overview shows about agreement and retraining (cached until a review, a
    retrain or a codebook edit changes it)."""
    key = tuple(_state())
    cache = current_app.extensions.setdefault("streetvoice.learning", {})
    if key not in cache:
        book = codebooks.codebook_of(codebooks.current_row())
        now = _officers_and_machine(book)
        cache.clear()
        cache[key] = {"now": now, "officers": _between_officers(book), "retrains": _retrains(),
                      "retrains_total": db.session.scalar(select(func.count(ThemeModel.id))),
                      "theme_ids": book.theme_ids, "reviewed": now["n"]}
    return {**cache[key], "min_reviewed": current_app.config["RETRAIN_MIN_REVIEWED"],
            "double_review_share": current_app.config["DOUBLE_REVIEW_SHARE"]}
