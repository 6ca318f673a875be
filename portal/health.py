"""GET /healthz: can this app server reach its database, and Redis when REDIS_URL is set?

200 {"status": "ok", "database": "ok", "redis": "ok"} when all is well; 503 with "error"
against whichever is down, so a load balancer takes this server out of rotation and an alert
says which part failed. Nothing else is reported (no versions, no counts): the page is public.
"""
from flask import Blueprint, current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db

bp = Blueprint("health", __name__)
REDIS_TIMEOUT_SECONDS = 2


@bp.get("/healthz")
def healthz():
    report = {"database": _database()}
    if current_app.config.get("REDIS_URL"):
        report["redis"] = _redis()
    healthy = all(state == "ok" for state in report.values())
    return {"status": "ok" if healthy else "error", **report}, 200 if healthy else 503


def _database():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        current_app.logger.error("Health check could not reach the database (%s)", exc.__class__.__name__)
        db.session.rollback()
        return "error"
    return "ok"


def _redis():
    try:
        _redis_client().ping()
    except Exception as exc:  # noqa: BLE001 - any failure to answer a PING is "down"
        current_app.logger.error("Health check could not reach Redis (%s)", exc.__class__.__name__)
        return "error"
    return "ok"


def _redis_client():
    """One client (with its connection pool) per app, made on first use."""
    client = current_app.extensions.get("streetvoice_redis")
    if client is None:
        import redis  # installed with the production extra

        client = redis.Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
                                      socket_timeout=REDIS_TIMEOUT_SECONDS)
        current_app.extensions["streetvoice_redis"] = client
    return client
