"""Responses entered by officers: at the door or on the phone (assisted) and from paper forms."""
from flask import has_request_context
from flask_login import current_user
from sqlalchemy import select

from portal import audit
from portal.extensions import db
from portal.review.models import ResponseEntry
from surveys.models import Area, Round, Street, Survey


def on_response_storing(_sender, response, channel):
    """Record who entered an assisted response, in the transaction that stores it."""
    if channel != "assisted":
        return
    if not (has_request_context() and current_user.is_authenticated):
        raise RuntimeError("an assisted response needs a signed-in officer")
    db.session.add(ResponseEntry(response_id=response.id, officer_id=current_user.id, method="assisted"))
    audit.record("assisted_response", current_user, target=f"response:{response.id}")


def filter_choices():
    """Options for the export's filters and the import's survey (small lists)."""
    surveys = [(slug, title) for slug, title in db.session.execute(
        select(Survey.slug, Survey.title).order_by(Survey.title))]
    rounds = dict(db.session.execute(select(Round.slug, Round.name).order_by(Round.opens_on)).all())
    areas = db.session.execute(select(Area.id, Area.name).order_by(Area.name)).all()
    streets = db.session.execute(select(Street.id, Street.name, Area.name, Street.postcode_district)
                                 .join(Area).order_by(Street.name, Area.name)).all()
    return {"surveys": surveys, "rounds": list(rounds.items()), "areas": [tuple(a) for a in areas],
            "streets": [(sid, f"{name}, {area} ({district})") for sid, name, area, district in streets]}


def import_message(result):
    """What the analyst is told after a file of paper returns was stored."""
    plural = "s" if result.responses != 1 else ""
    message = f"{result.responses} paper response{plural} imported."
    if result.analysis_failed:
        return message + " Their written answers could not be analysed yet: run `streetvoice analysis run`."
    if result.flagged:
        return (message + f" {result.flagged} written answer{'s' if result.flagged != 1 else ''} raised a "
                "safeguarding flag: check the safeguarding list now.")
    return message + f" {result.analysed} written answer{'s' if result.analysed != 1 else ''} analysed."
