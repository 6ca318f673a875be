"""The one bridge between stored answers and the analysis engine.

It loads free-text answers that have not been analysed, runs `analysis` over them, and
stores what came back with its provenance: which codebook (id, version, fingerprint) and
which model produced each tag, and that the machine (not an officer) assigned it. Each
safeguarding category raised becomes a SafeguardingFlag row for officers to action.

The codebook in use is the newest stored version (`portal.codebooks`), and the theme model
the newest one trained with it; the engine built from them is cached per app on the ids of
those rows, so a worker picks up an analyst's edit or a retrained model on its next
analysis, without a restart.
Analysis runs right after a response is stored, so a safeguarding disclosure reaches the
review queue at once; if it fails, the response is still kept and
`streetvoice analysis run` catches up.

When the codebook, the theme model or the safeguarding model changes, `streetvoice analysis
run --stale` re-analyses the answers analysed with another one. A re-run never undoes a
person's work or withdraws a flag: tags an officer added or reviewed stay as they are (and
the machine does not add their theme again), and a safeguarding category raised before stays
raised, with its old evidence, until an officer clears it.
"""
import hashlib
import io
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

from flask import after_this_request, current_app, has_request_context
from sqlalchemy import and_, false, func, or_, select

import analysis
from portal.codebooks import services as codebooks
from portal.extensions import db
from portal.review.models import AnswerAnalysis, AnswerTag, SafeguardingFlag
from surveys import signals
from surveys.database import this_hour
from surveys.models import Answer, Response, SurveyVersion
from surveys.services import definition_for

BATCH = 500


def init_app(app):
    signals.response_stored.connect(_on_response_stored)


class Analyser:
    """The codebook, optional model and pipeline in use (building the pipeline's indices
    costs ~40 times more than tagging one answer, so it is built once per version)."""

    def __init__(self, codebook, model=None, model_version=None):
        self.codebook, self.model, self.model_version = codebook, model, model_version
        self.pipeline = analysis.Pipeline(self.codebook, self.model)

    def tag(self, texts):
        return list(self.pipeline.run(texts))


def analyser():
    """The engine for the stored codebook and model in use now (two small queries a call)."""
    book_row = codebooks.current_row()
    model_row = codebooks.current_model_row(book_row)
    key = (book_row.id, model_row.id if model_row else None)
    cache = current_app.extensions.setdefault("streetvoice.analysers", {})
    if key not in cache:
        cache.clear()
        cache[key] = _build(book_row, model_row)
    return cache[key]


def _build(book_row, model_row):
    book = codebooks.codebook_of(book_row)
    if model_row is not None:
        return Analyser(book, analysis.load_model(io.BytesIO(model_row.data), book), model_row.version)
    path = current_app.config.get("ANALYSIS_MODEL")
    if path:  # a model trained outside the portal, used while it matches the stored codebook
        try:
            return Analyser(book, analysis.load_model(path, book), _file_hash(path))
        except analysis.ModelError as exc:
            current_app.logger.warning("ANALYSIS_MODEL not used: %s", exc)
    builtin = analysis.builtin_model(book)  # the default codebook's own model, while it fits
    if builtin is not None:
        return Analyser(book, builtin, "builtin-" + _file_hash(analysis.builtin.DEFAULT_PATH))
    return Analyser(book)


def _file_hash(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def free_text_condition():
    """SQL condition: the answer is to a free-text question of its response's survey version."""
    clauses = []
    for version in db.session.scalars(select(SurveyVersion)):
        ids = [q.id for q in definition_for(version).questions if q.type == "free_text"]
        if ids:
            clauses.append(and_(Response.survey_version_id == version.id, Answer.question_id.in_(ids)))
    return or_(*clauses) if clauses else false()


def analyse_pending(response_id=None):
    """Analyse every free-text answer not yet analysed (of one response, if given).

    Returns counts: answers analysed, safeguarding flags raised, machine tags stored,
    answers the engine could not process (kept, with the error recorded).
    """
    query = (select(Answer.id, Answer.value).join(Response)
             .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
             .where(AnswerAnalysis.id.is_(None), free_text_condition()).order_by(Answer.id))
    if response_id is not None:
        query = query.where(Answer.response_id == response_id)
    engine = analyser()
    counts = {"analysed": 0, "flagged": 0, "tags": 0, "errors": 0}
    rows = iter(db.session.execute(query).all())
    while chunk := list(islice(rows, BATCH)):
        for (answer_id, _text), result in zip(chunk, engine.tag([text for _id, text in chunk])):
            _store(engine, answer_id, result, counts)
        db.session.commit()
    return counts


def _provenance(engine):
    book = engine.codebook
    return {"codebook_id": book.id, "codebook_version": book.version, "codebook_fingerprint": book.fingerprint,
            "model_version": engine.model_version, "safeguarding_model": engine.pipeline.safeguarding_model_version}


def _store(engine, answer_id, result, counts):
    db.session.add(AnswerAnalysis(
        answer_id=answer_id, redacted_text=result.redacted_text, tone=result.tone,
        safeguarding=";".join(result.safeguarding), uncertainty=result.uncertainty,
        safeguarding_evidence=[e.to_dict() for e in result.safeguarding_evidence], error=result.error,
        **_provenance(engine)))
    _add_machine_tags(engine, answer_id, result, set())
    _raise_flags(answer_id, result, set())
    counts["analysed"] += 1
    counts["tags"] += len(result.themes)
    counts["flagged"] += bool(result.safeguarding)
    counts["errors"] += bool(result.error)


def _add_machine_tags(engine, answer_id, result, skip):
    """The machine's tags of one result, but none for a theme in ``skip``."""
    book = engine.codebook
    source = "model" if engine.model is not None else "codebook"
    added = 0
    for theme in result.themes:
        if theme in skip:
            continue
        added += 1
        db.session.add(AnswerTag(
            answer_id=answer_id, theme_id=theme, score=result.scores.get(theme),
            evidence=[e.to_dict() for e in result.evidence.get(theme, ())], source=source,
            assigned_by_id=None, codebook_id=book.id, codebook_version=book.version,
            model_version=engine.model_version))
    return added


def _raise_flags(answer_id, result, raised_before):
    """A SafeguardingFlag for each category raised now and never before on this answer."""
    evidence = [e.to_dict() for e in result.safeguarding_evidence]
    for category in result.safeguarding:
        if category in raised_before:
            continue
        own = [e for e in evidence if e["source"] == f"safeguarding:{category}"]
        db.session.add(SafeguardingFlag(answer_id=answer_id, category=category,
                                        source="rule" if own else "model",
                                        evidence=own or [e for e in evidence if e["source"] == "model"]))


def _stale(now):
    """SQL: the analysis was made with another codebook, theme model or safeguarding model."""
    return or_(AnswerAnalysis.codebook_fingerprint != now["codebook_fingerprint"],
               AnswerAnalysis.model_version.is_distinct_from(now["model_version"]),
               AnswerAnalysis.safeguarding_model.is_distinct_from(now["safeguarding_model"]))


def count_stale():
    """How many answers `analyse_stale` would re-analyse now (one COUNT)."""
    return db.session.scalar(select(func.count(AnswerAnalysis.id)).where(_stale(_provenance(analyser()))))


def analyse_stale():
    """Re-analyse every answer analysed with another codebook (any change of content), theme
    model or safeguarding model than the ones in use now (see the module docstring for what
    a re-run keeps). Returns counts: answers re-analysed, machine tags replaced and added,
    safeguarding categories newly raised, and categories kept that the new run did not raise.
    """
    engine = analyser()
    now = _provenance(engine)
    query = (select(Answer.id, Answer.value).join(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
             .where(_stale(now)).order_by(Answer.id))
    counts = {"reanalysed": 0, "tags_removed": 0, "tags": 0, "flags_added": 0, "flags_kept": 0, "errors": 0}
    rows = iter(db.session.execute(query).all())
    while chunk := list(islice(rows, BATCH)):
        ids = [answer_id for answer_id, _text in chunk]
        # Two queries a batch, not two an answer: the stored analyses and every tag.
        analyses = {a.answer_id: a for a in db.session.scalars(
            select(AnswerAnalysis).where(AnswerAnalysis.answer_id.in_(ids)))}
        tags, flagged = defaultdict(list), defaultdict(set)
        for tag in db.session.scalars(select(AnswerTag).where(AnswerTag.answer_id.in_(ids))):
            tags[tag.answer_id].append(tag)
        for answer_id, category in db.session.execute(
                select(SafeguardingFlag.answer_id, SafeguardingFlag.category)
                .where(SafeguardingFlag.answer_id.in_(ids))):
            flagged[answer_id].add(category)
        for (answer_id, _text), result in zip(chunk, engine.tag([text for _id, text in chunk])):
            _replace(engine, analyses[answer_id], tags[answer_id], result, now, counts)
            _raise_flags(answer_id, result, flagged[answer_id])
        db.session.commit()
    return counts


def _replace(engine, row, tags, result, now, counts):
    """Replace one answer's analysis (``row``) and its machine tags among ``tags``."""
    old = {c for c in row.safeguarding.split(";") if c}
    new = set(result.safeguarding)
    evidence = [e.to_dict() for e in result.safeguarding_evidence]
    if old - new:  # a flag stays until an officer clears it, with what raised it
        evidence += [e for e in row.safeguarding_evidence if e not in evidence]
    row.redacted_text, row.tone, row.error = result.redacted_text, result.tone, result.error
    row.uncertainty = result.uncertainty
    row.safeguarding = ";".join(sorted(old | new))
    row.safeguarding_evidence = evidence
    row.analysed_at = this_hour()
    for field, value in now.items():
        setattr(row, field, value)
    keep = set()  # themes a person added or decided on
    for tag in tags:
        if tag.assigned_by_id is None and tag.reviewed_by_id is None:
            db.session.delete(tag)
            counts["tags_removed"] += 1
        else:
            keep.add(tag.theme_id)
    counts["tags"] += _add_machine_tags(engine, row.answer_id, result, keep)
    counts["reanalysed"] += 1
    counts["flags_added"] += len(new - old)
    counts["flags_kept"] += len(old - new)
    counts["errors"] += bool(result.error)


def _on_response_stored(_sender, response_id):
    """Analyse a response just stored: inside the request, or (ANALYSE_AFTER_RESPONSE, the
    production default) once the resident's confirmation has been sent, so the resident never
    waits for it. Either way the response is already committed; if the analysis fails or the
    worker dies first, `streetvoice analysis run` (the README's timer) analyses it later."""
    if not current_app.config.get("ANALYSE_ON_SUBMIT", True):
        return
    if current_app.config.get("ANALYSE_AFTER_RESPONSE") and has_request_context():
        app = current_app._get_current_object()

        @after_this_request
        def _after(response):
            response.call_on_close(lambda: _analyse_in_context(app, response_id))
            return response
        return
    _analyse_response(response_id, "inside the request")


def _analyse_in_context(app, response_id):
    with app.app_context():
        try:
            _analyse_response(response_id, "after the response")
        finally:
            db.session.remove()


def _analyse_response(response_id, when):
    started = time.perf_counter()
    try:
        counts = analyse_pending(response_id)
        # benchmarks/load.py reads these lines: the p95 of the analysis and where it ran.
        current_app.logger.info("Analysed a response on sending (%s): %s answers", when, counts["analysed"],
                                extra={"duration_ms": round((time.perf_counter() - started) * 1000, 1),
                                       "analysis_when": when})
    except Exception:  # the response is already safe; `streetvoice analysis run` retries
        db.session.rollback()
        current_app.logger.exception("Analysis of response %s failed; it will be retried", response_id)
