"""The overview, the review queue and the response page.

URLs: /officer/ (overview), /officer/review (queue), /officer/responses/<id> (one response),
/officer/responses/<id>/original (the original text, analysts only, with a reason).
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.codebooks import learning
from portal.codebooks import services as codebooks
from portal.extensions import db
from portal.officer import access
from portal.review import flags as flag_services
from portal.review import services
from portal.review.forms import RevealForm, ReviewForm
from portal.review.highlight import evidence_marks, evidence_words, segments
from surveys.models import Area, Round, Street, Survey
from surveys.services import definition_for

bp = Blueprint("review", __name__)


@bp.get("/")
@access.requires("officer")
def overview():
    numbers = services.overview(current_user)
    return render_template("officer/review/overview.html", numbers=numbers,
                           learning=learning.summary(), labels=codebooks.theme_labels())


def _filter_choices():
    """Options for the queue's filter selects (small lists: surveys, rounds, areas, streets)."""
    area_ids = current_user.area_ids
    areas = db.session.scalars(select(Area).order_by(Area.name)).all()
    streets = db.session.execute(select(Street.id, Street.name, Area.name).join(Area)
                                 .order_by(Street.name, Area.name)).all()
    if area_ids is not None:
        areas = [a for a in areas if a.id in area_ids]
        allowed = {a.name for a in areas}
        streets = [s for s in streets if s[2] in allowed]
    rounds = db.session.execute(select(Round.slug, Round.name).order_by(Round.opens_on)).all()
    surveys = db.session.execute(select(Survey.slug, Survey.title).order_by(Survey.title)).all()
    labels, merged = codebooks.theme_labels(), codebooks.merged_into()
    themes = [(tid, label if current else f"{label} (merged into {labels[merged[tid]][0]})"
               if merged.get(tid) in labels else f"{label} (retired)")
              for tid, (label, current) in labels.items()]
    return {"surveys": [tuple(s) for s in surveys], "rounds": list(dict(rounds).items()),
            "areas": [(a.id, a.name) for a in areas], "themes": themes,
            "streets": [(sid, f"{name}, {area}") for sid, name, area in streets],
            "reviewed": services.REVIEWED_CHOICES, "safeguarding": services.FLAG_CHOICES,
            "channels": services.CHANNEL_CHOICES}


@bp.get("/review")
@access.requires("officer")
def queue():
    filters = services.QueueFilters.from_args(request.args)
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 100000 else 1
    items, total = services.queue(filters, current_user, page)
    pages = (total + services.PAGE_SIZE - 1) // services.PAGE_SIZE
    return render_template("officer/review/queue.html", items=items, total=total, page=page, pages=pages,
                           filters=filters, choices=_filter_choices(), labels=codebooks.theme_labels())


def _response_or_404(response_id):
    response = services.response_for(response_id, current_user)
    if response is None:
        abort(404)
    return response


def _page(response, form, filters, reveal_form=None, originals=None, status=200):
    views = services.answer_views(response)
    blind = services.is_blind_review(views, current_user)
    labels = codebooks.theme_labels()
    book = codebooks.codebook_of(codebooks.current_row())
    definition = definition_for(response.version)
    answers = []
    for view in views:
        text = view.answer.value
        raw_gone = view.analysis is not None and view.analysis.raw_deleted_at is not None
        marks = []
        for flag in view.flags:
            marks += evidence_marks(flag.evidence, "risk", f"safeguarding: {flag.category}")
        for tag in view.tags:
            if tag.active or blind:
                marks += evidence_marks(tag.evidence, "mark", labels.get(tag.theme_id, (tag.theme_id,))[0])
        shown = segments(text, [] if raw_gone else marks, redacted=not raw_gone)
        ticked = (set(request.form.getlist(f"themes-{view.answer.id}")) if request.method == "POST"
                  else services.suggested_themes(view, blind))
        question = definition.question(view.answer.question_id)
        answers.append({"view": view, "segments": shown, "ticked": ticked, "raw_gone": raw_gone,
                        "question": question, "original": (originals or {}).get(view.answer.id),
                        "hints": _provenance(view.tags, blind, "" if raw_gone else text)})
    themes = [(t.id, t.label, t.description) for t in book.themes]
    retired = sorted({t.theme_id for v in views for t in v.tags if t.active} - set(book.theme_ids))
    themes += [(tid, labels.get(tid, (tid,))[0] + " (retired)", "") for tid in retired]
    return render_template(
        "officer/review/response.html", response=response, answers=answers, themes=themes, labels=labels,
        form=form, reveal_form=reveal_form or RevealForm(prefix="reveal"), filters=filters, blind=blind,
        entry=services.entry_of(response), choices=_choice_rows(response, definition),
        reviews=list({r.officer_id: r for v in views for r in v.reviews}.values()),
        guidance=flag_services.guidance()), status


def _machine(tag):
    """What of the machine put a tag there: the codebook alone, or with the built-in model or a
    model officers retrained (named by its version, as on the codebook page)."""
    what = f"codebook v{tag.codebook_version}"
    if tag.source != "model":
        return what
    version = tag.model_version or ""
    return what + (" and the built-in model" if version.startswith("builtin-") else f" and model {version}".rstrip())


def _provenance(tags, blind, text):
    """{theme id: who or what put it there, and what became of it}, for each checkbox's hint.
    The evidence words are cut from `text` redacted ("" once the original is gone: no words)."""
    hints = {}
    for tag in tags:
        if tag.by_machine:
            words = ", ".join(f"“{w}”" for w in evidence_words(text, tag.evidence)) if text else ""
            text = (f"Suggested by the machine ({_machine(tag)}"
                    + (f", score {tag.score:.2f}" if tag.score is not None else "") + ")"
                    + (f" from {words}" if words else ""))
            if tag.reviewed_by and not blind:
                verb = "confirmed" if tag.active else "removed"
                text += f"; {verb} by {tag.reviewed_by.name}, {tag.reviewed_at:%d %b %Y}"
        elif blind:
            continue
        else:
            text = f"Added by {tag.assigned_by.name}, {tag.created_at:%d %b %Y}"
            if not tag.active and tag.reviewed_by:
                text += f"; removed by {tag.reviewed_by.name}"
        hints[tag.theme_id] = (hints[tag.theme_id] + ". " if tag.theme_id in hints else "") + text
    return hints


def _choice_rows(response, definition):
    """The resident's other answers (street, audience, the scales) as label/value rows."""
    rows = []
    values = {}
    for answer in response.answers:
        values.setdefault(answer.question_id, []).append(answer.value)
    for question in definition.questions:
        if question.type in ("free_text", "street"):
            continue
        given = values.get(question.id, [])
        shown = ", ".join(question.option_label(v) for v in given) if given else "Not answered"
        rows.append((question.short_label, shown))
    return rows


@bp.route("/responses/<int:response_id>", methods=["GET", "POST"])
@access.requires("officer")
def response(response_id):
    response = _response_or_404(response_id)
    filters = services.QueueFilters.from_args(request.args)
    form = ReviewForm()
    if form.validate_on_submit():
        themes = codebooks.codebook_of(codebooks.current_row()).theme_ids
        allowed = set(themes) | {t.theme_id for v in services.answer_views(response) for t in v.tags}
        decisions = {}
        for view in services.answer_views(response):
            decisions[view.answer.id] = set(request.form.getlist(f"themes-{view.answer.id}"))
        try:
            counts = services.save_review(response, current_user, decisions, allowed)
        except services.ReviewError as exc:
            form.fail(str(exc))
            return _page(response, form, filters, status=400)
        flash(f"Response {response.id} reviewed" + (" (second, blind review)" if counts["blind"] else "") + ".")
        following = services.next_in_queue(filters, current_user, response.id)
        if following is None:
            flash("There is nothing else in the queue with these filters.")
            return redirect(url_for(".queue", **filters.args()))
        return redirect(url_for(".response", response_id=following, **filters.args()))
    return _page(response, form, filters)


@bp.post("/responses/<int:response_id>/original")
@access.requires("analyst")
def original(response_id):
    response = _response_or_404(response_id)
    filters = services.QueueFilters.from_args(request.args)
    reveal_form = RevealForm(prefix="reveal")
    if not reveal_form.validate_on_submit():
        return _page(response, ReviewForm(formdata=None), filters, reveal_form=reveal_form, status=400)
    originals = services.reveal_original(response, current_user, reveal_form.reason.data)
    return _page(response, ReviewForm(formdata=None), filters, reveal_form=reveal_form, originals=originals)
