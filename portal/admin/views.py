"""Accounts and the audit log (admins).

URLs: /officer/accounts, /officer/audit
"""
from flask import Blueprint, render_template
from sqlalchemy import select

from portal.audit import AuditEvent
from portal.auth.models import Officer
from portal.extensions import db
from portal.officer import access

bp = Blueprint("admin", __name__)


@bp.get("/accounts")
@access.requires("admin")
def accounts():
    officers = db.session.scalars(select(Officer).order_by(Officer.name)).all()
    return render_template("officer/admin/accounts.html", officers=officers)


@bp.get("/audit")
@access.requires("admin")
def audit():
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(100)).all()
    return render_template("officer/admin/audit.html", events=events)
