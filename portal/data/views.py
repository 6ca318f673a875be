"""Assisted entry, paper imports and exports.

URLs: /officer/assisted, /officer/import (the import and export page; POST imports a file),
/officer/import/template.csv, /officer/export.csv, /officer/export.xlsx
"""
from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request,
                   send_file, stream_with_context, url_for)
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import HTTPException
from wtforms import SelectChoice

from portal import errors
from portal.data import exports, imports, services
from portal.data.forms import ExportForm, ImportForm
from portal.extensions import db
from portal.officer import access
from surveys.models import Survey

bp = Blueprint("data", __name__)
DOWNLOAD_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


@bp.url_value_preprocessor
def _import_size_limit(_endpoint, _values):
    """Let a signed-in analyst send a file of paper returns bigger than MAX_CONTENT_LENGTH.
    Runs before anything reads the form (the CSRF check included); everyone else and every
    other page keep the app's limit."""
    if (request.endpoint == "officer.data.index" and request.method == "POST"
            and current_user.is_authenticated and current_user.can("analyst")):
        request.max_content_length = current_app.config["IMPORT_MAX_BYTES"]


@bp.errorhandler(413)
def _too_large(error):
    if request.endpoint != "officer.data.index":
        return errors.http_error(error)
    # The CSRF check could not read the form, so the guard has not run yet: run it here.
    try:
        refused = access.check()
    except HTTPException as exc:
        return errors.http_error(exc)
    if refused is not None:
        return refused
    problems = [(None, f"The selected file must be smaller than {_size(current_app.config['IMPORT_MAX_BYTES'])}")]
    return _page(ImportForm(formdata=None), ExportForm(formdata=None), problems, status=413)


def _size(limit):
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


@bp.get("/assisted")
@access.requires("officer")
def assisted():
    surveys = db.session.scalars(select(Survey).order_by(Survey.title)).all()
    return render_template("officer/data/assisted.html", surveys=surveys)


def _page(import_form, export_form, problems=(), status=200):
    choices = services.filter_choices()
    import_form.import_survey.choices = [SelectChoice(slug, title) for slug, title in choices["surveys"]]
    if import_form.import_survey.data is None:
        import_form.import_survey.data = current_app.config["DEFAULT_SURVEY"]
    export_form.set_choices(choices)
    return render_template("officer/data/index.html", import_form=import_form, export_form=export_form,
                           problems=problems, surveys=choices["surveys"],
                           limit=_size(current_app.config["IMPORT_MAX_BYTES"]),
                           max_rows=current_app.config["IMPORT_MAX_ROWS"]), status


@bp.route("/import", methods=["GET", "POST"])
@access.requires("analyst")
def index():
    import_form = ImportForm()
    import_form.import_survey.choices = [SelectChoice(slug, title) for slug, title in services.filter_choices()["surveys"]]
    if import_form.validate_on_submit():
        try:
            result = imports.import_file(import_form.import_survey.data, import_form.import_file.data.read(), current_user)
        except imports.ImportRejected as exc:
            return _page(import_form, ExportForm(formdata=None), exc.problems, status=400)
        flash(services.import_message(result))
        return redirect(url_for(".index"))
    return _page(import_form, ExportForm(formdata=None), status=400 if import_form.errors else 200)


@bp.get("/import/template.csv")
@access.requires("analyst")
def template():
    slug = request.args.get("survey") or current_app.config["DEFAULT_SURVEY"]
    body = imports.template_csv(slug)
    if body is None:
        abort(404)
    return Response(body.encode("utf-8"), mimetype="text/csv",
                    headers={**DOWNLOAD_HEADERS,
                             "Content-Disposition": f'attachment; filename="{slug}-paper-returns-template.csv"'})


def _export(fmt):
    form = ExportForm(formdata=request.args)
    form.set_choices(services.filter_choices())
    if not form.validate():
        return _page(ImportForm(formdata=None), form, status=400)
    try:
        export = exports.start(exports.ExportFilters.from_args(request.args), current_user, fmt,
                               form.original.data, form.reason.data)
    except exports.ExportError as exc:
        form.fail(str(exc), "reason")
        return _page(ImportForm(formdata=None), form, status=400)
    disposition = {"Content-Disposition": f'attachment; filename="{export.filename}"'}
    if fmt == "csv":
        body = stream_with_context(exports.csv_chunks(export, current_user))
        return Response(body, mimetype="text/csv", headers={**DOWNLOAD_HEADERS, **disposition})
    response = send_file(exports.xlsx_file(export, current_user), mimetype=exports.FORMATS["xlsx"],
                         as_attachment=True, download_name=export.filename, max_age=0)
    response.headers.update(DOWNLOAD_HEADERS)
    return response


@bp.get("/export.csv")
@access.requires("analyst")
@access.recent_password
def export_csv():
    return _export("csv")


@bp.get("/export.xlsx")
@access.requires("analyst")
@access.recent_password
def export_xlsx():
    return _export("xlsx")
