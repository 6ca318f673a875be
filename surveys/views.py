"""The resident journey: start -> question pages -> check your answers -> confirmation.

URLs: /survey/<slug>/, /survey/<slug>/questions/<page_id>, /survey/<slug>/check-answers,
/survey/<slug>/confirmation.
"""
import time
from datetime import date

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from surveys import services
from surveys.forms import CheckAnswersForm, DistrictForm, page_form

bp = Blueprint("survey", __name__, url_prefix="/survey")

DRAFT_KEY, STARTED_KEY = "draft", "started"


def _assisted():
    """True when an officer is entering answers for a resident: the same pages, registered
    again under /officer/assisted/ behind the officer guard (portal/officer/__init__.py)."""
    return (request.blueprint or "").endswith(".assisted")


def _survey(slug):
    version = services.latest_version(slug)
    if version is None:
        abort(404)
    return version, services.definition_for(version)


def _draft_version(slug):
    """The version this resident started with (answers keep their version), else the latest."""
    draft = services.get_draft(session.get(DRAFT_KEY))
    latest, definition = _survey(slug)
    if draft is not None and draft.survey_version_id != latest.id:
        version = next((v for v in latest.survey.versions if v.id == draft.survey_version_id), latest)
        return version, services.definition_for(version), draft
    return latest, definition, draft


@bp.get("/<slug>/")
def start(slug):
    version, definition = _survey(slug)
    round_ = services.open_round(version.survey, date.today())
    return render_template("survey/start.html", definition=definition, round=round_,
                           first_page=definition.pages[0].id)


@bp.route("/<slug>/questions/<page_id>", methods=["GET", "POST"])
def question_page(slug, page_id):
    version, definition, draft = _draft_version(slug)
    page = definition.page(page_id)
    if page is None:
        abort(404)
    if services.open_round(version.survey, date.today()) is None:
        return redirect(url_for(".start", slug=slug))
    session.setdefault(STARTED_KEY, int(time.time()))
    answers = draft.answers if draft else {}
    district_form = DistrictForm(formdata=request.args)
    district = ""
    has_street = any(q.type == "street" for q in page.questions)
    if has_street and request.args.get("district") and district_form.validate():
        district = services.normalise_district(district_form.district.data)
    choices = services.street_choices(district) if has_street else ()
    if has_street and district and not choices:
        district_form.district.errors = [_("No streets found in %(district)s. Check the postcode district or choose from the full list", district=district)]
        choices = services.street_choices()
    if has_street and answers.get("street") and not any(str(i) == str(answers["street"]) for i, _n in choices):
        choices = services.street_choices()  # keep an earlier answer visible even when narrowed
    form = page_form(page, choices, data={q.id: answers.get(q.id) for q in page.questions})
    if request.method == "POST" and form.validate_on_submit():
        page_answers = {q.id: form[q.id].data for q in page.questions}
        session[DRAFT_KEY] = services.save_answers(session.get(DRAFT_KEY), version, page_answers, draft)
        return redirect(_next_url(slug, definition, page_id))
    back = _previous_url(slug, definition, page_id)
    return render_template("survey/question_page.html", definition=definition, page=page, form=form,
                           district_form=district_form if has_street else None, district=district,
                           back_url=back, change=request.args.get("change") == "1")


def _next_url(slug, definition, page_id):
    if request.args.get("change") == "1":
        return url_for(".check_answers", slug=slug)
    ids = [p.id for p in definition.pages]
    index = ids.index(page_id)
    if index + 1 < len(ids):
        return url_for(".question_page", slug=slug, page_id=ids[index + 1])
    return url_for(".check_answers", slug=slug)


def _previous_url(slug, definition, page_id):
    if request.args.get("change") == "1":
        return url_for(".check_answers", slug=slug)
    ids = [p.id for p in definition.pages]
    index = ids.index(page_id)
    if index == 0:
        return url_for(".start", slug=slug)
    return url_for(".question_page", slug=slug, page_id=ids[index - 1])


@bp.route("/<slug>/check-answers", methods=["GET", "POST"])
def check_answers(slug):
    version, definition, draft = _draft_version(slug)
    round_ = services.open_round(version.survey, date.today())
    if round_ is None:
        return redirect(url_for(".start", slug=slug))
    if draft is None:
        if request.method == "POST":
            # The journey was already sent (a second click or a resent form).
            return redirect(url_for(".confirmation", slug=slug))
        return redirect(url_for(".question_page", slug=slug, page_id=definition.pages[0].id))
    try:
        services.check_complete(definition, draft.answers)
    except services.IncompleteAnswers as missing:
        return redirect(url_for(".question_page", slug=slug, page_id=missing.page_id))
    form = CheckAnswersForm()
    if request.method == "POST" and form.validate_on_submit():
        # The token leaves the session only once the response is committed: if the database
        # fails here the resident gets a 503 page and sending again stores the answers, once.
        token = session.get(DRAFT_KEY)
        if not _assisted() and (form.website.data or _too_fast()):
            # Looks automated: discard quietly so a bot learns nothing from the reply.
            services.discard_draft(token)
            current_app.logger.info("Discarded a submission that looked automated")
        else:
            try:
                services.submit(token, version, round_, channel="assisted" if _assisted() else "online")
            except services.IncompleteAnswers as missing:  # e.g. the street was removed meanwhile
                return redirect(url_for(".question_page", slug=slug, page_id=missing.page_id))
        session.pop(DRAFT_KEY, None)
        session.pop(STARTED_KEY, None)
        return redirect(url_for(".confirmation", slug=slug))
    return render_template("survey/check_answers.html", definition=definition, form=form,
                           rows=_summary_rows(slug, definition, draft.answers))


def _too_fast():
    """Quicker than a person could read and answer the pages (or no start time at all)."""
    minimum = current_app.config["MIN_COMPLETION_SECONDS"]
    if minimum <= 0:
        return False
    started = session.get(STARTED_KEY)
    return started is None or time.time() - started < minimum


def _summary_rows(slug, definition, answers):
    rows = []
    for page in definition.pages:
        for question in page.questions:
            value = answers.get(question.id)
            if question.type == "street":
                shown = services.street_label(value) if value else ""
            elif isinstance(value, list):
                shown = ", ".join(question.option_label(v) for v in value)
            elif question.type == "free_text":
                shown = value or ""
            else:
                shown = question.option_label(value) if value else ""
            rows.append({"question": question, "value": shown or _("Not answered"),
                         "href": url_for(".question_page", slug=slug, page_id=page.id, change=1) + f"#{question.id}"})
    return rows


@bp.get("/<slug>/confirmation")
def confirmation(slug):
    _version, definition = _survey(slug)
    return render_template("survey/confirmation.html", definition=definition)
