"""The public results page for residents, and the same figures as open data.

URLs: /results, /results/data.csv. Only rounds an analyst published, as counted when published;
the same disclosure control as every chart; "you said, we did"; quotes an analyst approved.
"""
import csv
import io

from flask import Blueprint, Response, current_app, render_template, request

from analysis import safe_csv_cell
from portal.insights import services
from portal.insights.views import figure_json

bp = Blueprint("results", __name__, url_prefix="/results")
CSV_COLUMNS = ("round", "area", "street", "theme", "respondents")


def _published():
    survey = services.survey_by_slug(current_app.config["DEFAULT_SURVEY"])
    snapshot = services.latest_snapshot(survey) if survey else None
    if snapshot is None or not snapshot.round_ids:
        return None
    return services.public_publication(snapshot)


@bp.get("")
def index():
    pub = _published()
    if pub is None:
        return render_template("site/results.html", pub=None)
    selection = services.Selection(survey=pub.survey.slug, round=(request.args.get("round") or "")[:80],
                                   area=(request.args.get("area") or "")[:120])
    problem = None
    try:
        services.check(pub, selection)
        views = services.chart_views(pub, selection)
    except services.UnknownSelection as exc:
        problem, views = str(exc), []
    status = 400 if problem else 200
    return render_template("site/results.html", pub=pub, selection=selection, views=views, problem=problem,
                           figure_json=figure_json, actions=services.actions(published_only=True),
                           quotes=services.quotes(), footnotes=pub.cube.footnotes,
                           areas=[p.label for p in pub.cube.areas() if not p.merged]), status


@bp.get("/data.csv")
def data_csv():
    pub = _published()
    rows = services.open_data_rows(pub) if pub else []
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([safe_csv_cell(value) for value in row])
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="streetvoice-results.csv"'
    return response
