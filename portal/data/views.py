"""Assisted entry, paper imports and exports.

URLs: /officer/assisted, /officer/import, /officer/export.csv, /officer/export.xlsx
"""
from flask import Blueprint, render_template
from sqlalchemy import select

from portal.extensions import db
from portal.officer import access
from surveys.models import Survey

bp = Blueprint("data", __name__)


@bp.get("/assisted")
@access.requires("officer")
def assisted():
    surveys = db.session.scalars(select(Survey).order_by(Survey.title)).all()
    return render_template("officer/data/assisted.html", surveys=surveys)


@bp.get("/import")
@access.requires("analyst")
def index():
    return render_template("officer/data/index.html")
