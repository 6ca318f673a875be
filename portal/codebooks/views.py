"""The codebook: reading it (officers) and editing it (analysts); retraining (analysts).

URLs:
  /officer/codebook                              themes, past themes, emerging phrases, the model
  /officer/codebook/versions[/<number>]          every saved version: who changed what, and when
  /officer/codebook/themes/new[?phrase=...]      add a theme (pre-filled from an emerging phrase)
  /officer/codebook/themes/<id>                  change a theme's name, wording, keywords, examples
  /officer/codebook/themes/<id>/retire           retire a theme (past tags keep it)
  /officer/codebook/themes/<id>/merge            merge a theme into another
  /officer/codebook/retrain (POST)               retrain the theme model from reviewed answers
  /officer/codebook/reanalyse (POST)             re-analyse answers analysed with an older version
"""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal import tagging
from portal.codebooks import emerging, learning, services
from portal.codebooks import retrain as retraining
from portal.codebooks.forms import MergeForm, ReanalyseForm, RetireForm, RetrainForm, ThemeForm
from portal.officer import access
from surveys.forms import clean_text

bp = Blueprint("codebooks", __name__)


@bp.get("/codebook")
@access.requires("officer")
def index():
    row = services.current_row()
    analyst = current_user.can("analyst")
    return render_template(
        "officer/codebook/index.html", row=row, codebook=services.codebook_of(row), past=services.past_themes(),
        labels=services.theme_labels(), model=services.current_model_row(row),
        phrases=emerging.phrases() if analyst else [], stale=tagging.count_stale() if analyst else 0,
        reviewed=learning.reviewed_count(), minimum=current_app.config["RETRAIN_MIN_REVIEWED"])


@bp.get("/codebook/versions")
@access.requires("officer")
def versions():
    return render_template("officer/codebook/versions.html", versions=services.versions())


@bp.get("/codebook/versions/<int:number>")
@access.requires("officer")
def version(number):
    row = services.version_row(number)
    if row is None:
        abort(404)
    return render_template("officer/codebook/version.html", row=row, codebook=services.codebook_of(row),
                           labels=services.theme_labels())


def _theme_page(form, theme=None, status=200):
    if form.errors and status == 200:
        status = 400
    return render_template("officer/codebook/theme.html", form=form, theme=theme,
                           version=form.based_on.data), status


def _refused(form, exc):
    form.fail(str(exc), exc.field)
    form.based_on.data = services.current_row().version  # saving again goes through, with the answers kept
    return 409 if exc.field is None else 400


@bp.route("/codebook/themes/new", methods=["GET", "POST"])
@access.requires("analyst")
def new_theme():
    phrase = (clean_text(request.args.get("phrase", "")) or "")[:services.KEYWORD_MAX]
    form = ThemeForm(data={"label": phrase[:1].upper() + phrase[1:], "keywords": phrase,
                           "based_on": services.current_row().version})
    status = 200
    if form.validate_on_submit():
        try:
            row = services.add_theme(current_user, form.label.data, form.description.data, form.keywords.data,
                                     form.examples.data, based_on=form.based_on.data)
        except services.CodebookEditError as exc:
            status = _refused(form, exc)
        else:
            flash(f"{row.note}. The codebook is now version {row.version}.")
            return redirect(url_for(".index"))
    return _theme_page(form, status=status)


def _current_theme_or_404(theme_id):
    """(the version in use, its theme with this id), or a 404 for a theme not in use."""
    row = services.current_row()
    theme = services.theme(theme_id, row)
    if theme is None:
        abort(404)
    return row, theme


@bp.route("/codebook/themes/<theme_id>", methods=["GET", "POST"])
@access.requires("analyst")
def edit_theme(theme_id):
    row, theme = _current_theme_or_404(theme_id)
    form = ThemeForm(data={"label": theme.label, "description": theme.description,
                           "keywords": "\n".join(theme.keywords), "examples": "\n".join(theme.examples),
                           "based_on": row.version})
    status = 200
    if form.validate_on_submit():
        try:
            row = services.edit_theme(current_user, theme.id, form.label.data, form.description.data,
                                      form.keywords.data, form.examples.data, based_on=form.based_on.data)
        except services.CodebookEditError as exc:
            status = _refused(form, exc)
        else:
            flash(f"{row.note}. The codebook is now version {row.version}.")
            return redirect(url_for(".index", _anchor=f"theme-{theme.id}"))
    return _theme_page(form, theme, status)


@bp.route("/codebook/themes/<theme_id>/retire", methods=["GET", "POST"])
@access.requires("analyst")
def retire_theme(theme_id):
    row, theme = _current_theme_or_404(theme_id)
    form = RetireForm(data={"based_on": row.version})
    problem, status = None, 200
    if form.validate_on_submit():
        try:
            row = services.retire_theme(current_user, theme.id, based_on=form.based_on.data)
        except services.CodebookEditError as exc:
            problem, status = str(exc), 409
            form.based_on.data = services.current_row().version
        else:
            flash(f"{row.note}. The codebook is now version {row.version}.")
            return redirect(url_for(".index"))
    return render_template("officer/codebook/retire.html", form=form, theme=theme, problem=problem), status


@bp.route("/codebook/themes/<theme_id>/merge", methods=["GET", "POST"])
@access.requires("analyst")
def merge_theme(theme_id):
    row, theme = _current_theme_or_404(theme_id)
    form = MergeForm(data={"based_on": row.version})
    form.target.choices = [(t.id, t.label) for t in services.codebook_of(row).themes if t.id != theme.id]
    status = 200
    if form.validate_on_submit():
        try:
            row = services.merge_themes(current_user, theme.id, form.target.data, based_on=form.based_on.data)
        except services.CodebookEditError as exc:
            status = _refused(form, exc)
        else:
            flash(f"{row.note}. The codebook is now version {row.version}.")
            return redirect(url_for(".index", _anchor=f"theme-{form.target.data}"))
    elif form.errors:
        status = 400
    return render_template("officer/codebook/merge.html", form=form, theme=theme), status


@bp.post("/codebook/retrain")
@access.requires("analyst")
def retrain():
    form = RetrainForm()
    back = (url_for("officer.review.overview", _anchor="learning") if form.back.data == "overview"
            else url_for(".index", _anchor="model"))
    if form.validate_on_submit():
        try:
            result = retraining.retrain(current_user)
        except retraining.RetrainError as exc:
            flash(f"The theme model was not retrained. {exc}")
        else:
            flash(retrained_message(result))
    return redirect(back)


def retrained_message(result):
    def figure(value):
        return "not enough reviews yet" if value is None else f"{value:.2f}"
    before, after = result.before, result.after
    return (f"Theme model retrained on {result.model.n_train} reviewed answers in {result.seconds} seconds. "
            f"Agreement with officers (F1): {figure(before['micro']['f1'])} before, "
            f"{figure(after['micro']['f1'])} after (cross-validated). "
            f"{result.reanalysed.get('reanalysed', 0)} answers were re-analysed; officers' decisions were kept.")


@bp.post("/codebook/reanalyse")
@access.requires("analyst")
def reanalyse():
    if ReanalyseForm().validate_on_submit():
        counts = retraining.reanalyse(current_user)
        flash(f"{counts['reanalysed']} answers re-analysed with the codebook and model in use: "
              f"{counts['tags_removed']} machine tags replaced by {counts['tags']}. "
              "Themes officers added or decided on were kept.")
    return redirect(url_for(".index", _anchor="model"))
