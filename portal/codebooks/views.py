"""The codebook: reading it (officers) and editing it (analysts).

URLs: /officer/codebook
"""
from flask import Blueprint, render_template

from portal.codebooks import services
from portal.officer import access

bp = Blueprint("codebooks", __name__)


@bp.get("/codebook")
@access.requires("officer")
def index():
    row = services.current_row()
    return render_template("officer/codebook/index.html", row=row, codebook=services.codebook_of(row),
                           versions=services.versions())
