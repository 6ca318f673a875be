"""Meeting insights for officers and presenters, and what analysts publish.

URLs: /officer/insights (dashboard), /officer/insights/present (presentation mode),
/officer/insights/pack.html and pack.pdf (the meeting pack), /officer/insights/charts/<name>.png,
/officer/insights/actions ("you said, we did"), /officer/insights/publish (rounds on the public
page), /officer/insights/quotes (quotes approved for publication).
"""
import json
from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.extensions import db
from portal.insights import exports, forms, publishing, services
from portal.officer import access
from surveys.models import Round, Survey

bp = Blueprint("insights", __name__, url_prefix="/insights")


def figure_json(chart):
    """A chart's figure as plain JSON data for the page (rendered with |tojson, which escapes
    it for HTML); plotly.js draws it."""
    return json.loads(chart.figure.to_json())


def _selected():
    selection = services.Selection.from_args(request.args, survey=_default_survey())
    survey = services.survey_by_slug(selection.survey)
    if survey is None:
        abort(404)
    pub = services.publication(survey)
    return selection, pub


def _default_survey():
    from flask import current_app
    return current_app.config["DEFAULT_SURVEY"]


def _context(selection, pub):
    problem = None
    try:
        services.check(pub, selection)
        views = services.chart_views(pub, selection)
        tone = services.tone_rows(pub, selection)
    except services.UnknownSelection as exc:
        problem, views, tone = str(exc), [], []
    return {"selection": selection, "pub": pub, "views": views, "tone": tone, "problem": problem,
            "options": _options(selection, pub, problem), "figure_json": figure_json,
            "actions": services.actions(published_only=True), "quotes": services.quotes(),
            "footnotes": pub.cube.footnotes}


def _options(selection, pub, problem):
    """(value, text) pairs for each filter: only what the protected figures show on its own."""
    surveys = db.session.execute(select(Survey.slug, Survey.title).order_by(Survey.title)).all()
    areas = [p.label for p in pub.cube.areas() if not p.merged]
    streets = []
    if selection.area in areas and not problem:
        streets = [("", f"All streets in {selection.area}")] + [
            (p.label, p.label) for p in pub.cube.streets(selection.area) if not p.merged]
    return {"surveys": [tuple(s) for s in surveys],
            "rounds": [("", "All rounds")] + list(pub.round_names.items()),
            "audiences": [("", "Everyone")] + [(a.value, a.label) for a in pub.definition.audiences],
            "areas": [("", "All areas")] + [(a, a) for a in areas], "streets": streets,
            "themes": [("", "None")] + list(pub.labels.items())}


@bp.get("")
@access.requires("officer")
def dashboard():
    selection, pub = _selected()
    context = _context(selection, pub)
    return render_template("officer/insights/dashboard.html", **context), 400 if context["problem"] else 200


@bp.get("/present")
@access.requires("officer")
def present():
    selection, pub = _selected()
    context = _context(selection, pub)
    if context["problem"]:
        return render_template("officer/insights/dashboard.html", **context), 400
    return render_template("officer/insights/present.html", **context)


@bp.get("/pack.html")
@access.requires("officer")
def pack_html():
    selection, pub = _selected()
    context = _context(selection, pub)
    if context["problem"]:
        return render_template("officer/insights/dashboard.html", **context), 400
    body = exports.pack_html(context)
    return _download(body.encode("utf-8"), "text/html; charset=utf-8", f"meeting-pack-{date.today()}.html")


@bp.get("/pack.pdf")
@access.requires("officer")
def pack_pdf():
    selection, pub = _selected()
    context = _context(selection, pub)
    if context["problem"]:
        return render_template("officer/insights/dashboard.html", **context), 400
    try:
        pdf = exports.pack_pdf(context)
    except exports.ExportUnavailable as exc:
        flash(str(exc))
        return redirect(url_for(".dashboard", **selection.args()))
    return _download(pdf, "application/pdf", f"meeting-pack-{date.today()}.pdf")


@bp.get("/charts/<name>.png")
@access.requires("officer")
def chart_png(name):
    selection, pub = _selected()
    context = _context(selection, pub)
    view = next((v for v in context["views"] if v.name == name and v.chart is not None), None)
    if view is None:
        abort(404)
    try:
        png = exports.chart_png(view.chart)
    except exports.ExportUnavailable as exc:
        flash(str(exc))
        return redirect(url_for(".dashboard", **selection.args()))
    return _download(png, "image/png", f"{name}-{date.today()}.png")


def _download(body, mimetype, filename):
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/actions", methods=["GET", "POST"])
@access.requires("analyst")
def actions():
    form = forms.ActionForm()
    forms.fill_action_choices(form)
    if form.validate_on_submit():
        publishing.add_action(current_user, form)
        flash("Action recorded." + (" It is on the public results page." if form.published.data else ""))
        return redirect(url_for(".actions"))
    return render_template("officer/insights/actions.html", form=form, actions=services.actions(),
                           labels=services.publication_labels())


@bp.post("/actions/<int:action_id>/publish")
@access.requires("analyst")
def toggle_action(action_id):
    if not forms.ConfirmForm().validate_on_submit():
        abort(400)
    action = publishing.toggle_action(current_user, action_id)
    if action is None:
        abort(404)
    flash("Action published." if action.published else "Action taken off the public page.")
    return redirect(url_for(".actions"))


@bp.route("/publish", methods=["GET", "POST"])
@access.requires("analyst")
def publish():
    rounds = db.session.scalars(select(Round).order_by(Round.opens_on)).all()
    form = forms.PublishForm()
    form.rounds.choices = forms.round_choices(rounds)
    if request.method == "GET":
        form.rounds.data = [str(i) for i in services.published_round_ids_all()]
    if form.validate_on_submit():
        publishing.publish_rounds(current_user, [int(i) for i in form.rounds.data])
        flash("The public results page now shows the rounds you chose.")
        return redirect(url_for(".publish"))
    return render_template("officer/insights/publish.html", form=form, rounds=rounds)


@bp.route("/quotes", methods=["GET", "POST"])
@access.requires("analyst")
def quotes():
    form = forms.QuoteForm()
    forms.fill_quote_choices(form)
    if request.method == "GET" and request.args.get("answer", "").isdigit():
        publishing.prefill_quote(form, int(request.args["answer"]))
    if form.validate_on_submit():
        try:
            publishing.approve_quote(current_user, form.answer_id.data, form.theme.data, form.text.data)
        except publishing.PublishError as exc:
            form.fail(str(exc), exc.field)
        else:
            flash("Quote approved for publication.")
            return redirect(url_for(".quotes"))
    return render_template("officer/insights/quotes.html", form=form, quotes=services.quotes(),
                           labels=services.publication_labels(), remove=forms.ConfirmForm()), 400 if form.errors else 200


@bp.post("/quotes/<int:quote_id>/remove")
@access.requires("analyst")
def remove_quote(quote_id):
    if not forms.ConfirmForm().validate_on_submit():
        abort(400)
    if not publishing.remove_quote(current_user, quote_id):
        abort(404)
    flash("Quote removed from publication.")
    return redirect(url_for(".quotes"))
