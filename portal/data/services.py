"""Responses entered by officers: at the door or on the phone (assisted) and from paper forms."""
from flask import has_request_context
from flask_login import current_user

from portal import audit
from portal.extensions import db
from portal.review.models import ResponseEntry


def on_response_storing(_sender, response, channel):
    """Record who entered an assisted response, in the transaction that stores it."""
    if channel != "assisted":
        return
    if not (has_request_context() and current_user.is_authenticated):
        raise RuntimeError("an assisted response needs a signed-in officer")
    db.session.add(ResponseEntry(response_id=response.id, officer_id=current_user.id, method="assisted"))
    audit.record("assisted_response", current_user, target=f"response:{response.id}")
