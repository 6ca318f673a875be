"""After a journey the database holds nothing that could identify the device or person."""
from sqlalchemy import inspect, select, text

from portal.extensions import db
from surveys.models import Street
from tests.conftest import complete_journey

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) SV-Test-Agent/9.9"
CLIENT_IP = "203.0.113.77"


def test_no_ip_user_agent_or_cookie_is_stored(resident, survey, app):
    environ = {"REMOTE_ADDR": CLIENT_IP, "HTTP_USER_AGENT": USER_AGENT}
    resident.client.environ_base.update(environ)
    street = db.session.scalar(select(Street.id).filter_by(name="Grange Road"))
    complete_journey(resident, street)
    resident.post("/survey/street-impact/check-answers", {"website": ""})
    session_cookie = resident.client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    dump = []
    for table in inspect(db.engine).get_table_names():
        for row in db.session.execute(text(f'SELECT * FROM "{table}"')):
            dump.append(" ".join(str(value) for value in row))
    everything = "\n".join(dump)
    assert "Cars circle all night" in everything  # the answers are there...
    for identifying in (CLIENT_IP, "SV-Test-Agent", "Mozilla"):
        assert identifying not in everything  # ...and nothing about who sent them
    if session_cookie is not None:
        assert session_cookie.value not in everything


def test_response_columns_hold_no_identifying_fields(app):
    columns = {c["name"] for c in inspect(db.engine).get_columns("response")}
    assert columns == {"id", "survey_version_id", "round_id", "street_id", "audience", "channel", "submitted_hour"}
