"""Every promise of the privacy notice, read from the page as a resident reads it, checked
against what the code does: counts below the stated threshold never published; written
answers kept as written only for the stated period, feedback deleted after it; unsent answers
gone after the stated hours or at once on exit; rate limiting without keeping an address."""
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
import yaml
from sqlalchemy import func, select

from analysis.disclosure import DEFAULT_K
from portal.data import retention
from portal.extensions import client_key, db, limiter
from portal.tagging import analyse_pending
from surveys import definitions, services
from surveys.demo import load_demo
from surveys.models import Answer, Draft, Feedback, Response, Round, Street
from tests.conftest import complete_journey

SEND = "/survey/street-impact/check-answers"


def notice(resident, css):
    return resident.get("/privacy").text_of(css)


def street_id():
    return db.session.scalar(select(Street.id).filter_by(name="Grange Road"))


def test_no_count_below_the_stated_threshold_is_published(app, resident, officer_client):
    load_demo(responses=160)
    analyse_pending()
    analyst = officer_client("analyst")
    rounds = [str(r.id) for r in db.session.scalars(select(Round))]
    for k in (DEFAULT_K, 7):
        app.config["DISCLOSURE_K"] = k
        stated = re.search(r'Any count below (\d+) is shown as "fewer than (\d+)"', notice(resident, "#totals"))
        assert stated and int(stated.group(1)) == int(stated.group(2)) == k
        assert analyst.post("/officer/insights/publish", {"rounds": rounds}).status == 302
        csv_text = resident.get("/results/data.csv").response.get_data(as_text=True)
        counts = [line.rsplit(",", 1)[1] for line in csv_text.strip().splitlines()[1:]]
        assert f"<{k}" in counts
        assert not [c for c in counts if c.isdigit() and 0 < int(c) < k], k
        page = resident.get("/results")
        for table in page.select(".sv-chart__numbers table"):
            headers = [th.get_text(strip=True) for th in table.select("thead th")]
            for row in table.select("tbody tr"):
                for header, cell in zip(headers, (c.get_text(" ", strip=True) for c in row.select("th, td"))):
                    if header.startswith("Respondents") and cell.replace(",", "").isdigit():
                        assert not 0 < int(cell.replace(",", "")) < k, (header, cell)
    assert DEFAULT_K == 5  # what the notice says when nothing is configured


@pytest.fixture
def closed_rounds(survey):
    """Rounds that closed 91 and 89 days ago, beside the open test round."""
    raw = yaml.safe_load(definitions.DEFAULT_DEFINITION.read_text(encoding="utf-8"))
    today = date.today()
    raw["rounds"] = [
        {"id": "test-round", "name": "Test round", "opens": date(2000, 1, 1), "closes": date(2999, 12, 31)},
        {"id": "long-closed", "name": "Long closed", "opens": today - timedelta(days=200), "closes": today - timedelta(days=91)},
        {"id": "just-closed", "name": "Just closed", "opens": today - timedelta(days=150), "closes": today - timedelta(days=89)}]
    services.store_definition(definitions.parse(raw, source="test"))
    return {r.slug: r for r in db.session.scalars(select(Round))}


def test_written_answers_are_kept_as_written_for_the_stated_period_and_feedback_deleted_after_it(
        app, resident, closed_rounds):
    app.config["RAW_TEXT_RETENTION_DAYS"] = 90
    stated = re.search(r"kept as you wrote them for (\d+) days after the survey round closes", notice(resident, "#retention"))
    assert stated and int(stated.group(1)) == 90
    assert "Feedback about this website is deleted 90 days after it was sent" in resident.get("/privacy").text_of("main")
    phone = "07700 900123"
    for slug in ("long-closed", "just-closed"):
        complete_journey(resident, street_id(), {"effect": {"impact": f"Call Dave on {phone} about the cars."}})
        assert resident.post(SEND, {"website": ""}).status == 302
        response = db.session.scalar(select(Response).order_by(Response.id.desc()))
        response.round_id = closed_rounds[slug].id
        db.session.commit()
    now = datetime.now(UTC)
    db.session.add_all([Feedback(text="old", page="/", submitted_hour=now - timedelta(days=91)),
                        Feedback(text="recent", page="/", submitted_hour=now - timedelta(days=89))])
    db.session.commit()
    retention.run()
    texts = dict(db.session.execute(select(Round.slug, Answer.value).join(Response, Response.round_id == Round.id)
                                    .join(Answer, Answer.response_id == Response.id).where(Answer.question_id == "impact")).all())
    assert phone not in texts["long-closed"] and "[PHONE]" in texts["long-closed"]
    assert phone in texts["just-closed"]
    assert db.session.scalars(select(Feedback.text)).all() == ["recent"]


def test_unsent_answers_end_after_the_stated_hours_or_at_once_on_exit(app, resident, survey):
    stated = re.search(r"can no longer be used (\d+) hours after your last answer", notice(resident, "#unsent"))
    hours = int(stated.group(1))
    assert hours == app.config["DRAFT_LIFETIME_HOURS"]
    start = datetime(2026, 12, 7, 9, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        token = services.save_answers(None, survey, {"street": str(street_id())})
        clock.move_to(start + timedelta(hours=hours, minutes=1))
        assert services.get_draft(token) is None
        assert services.purge_expired_drafts(hours) == 1
    resident.post("/survey/street-impact/questions/your-street", {"street": str(street_id())})
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 1
    resident.get("/exit")
    assert db.session.scalar(select(func.count()).select_from(Draft)) == 0


def test_answers_are_counted_per_connection_under_a_daily_code_never_the_address(app, resident, survey):
    text = notice(resident, "#rate-limits")
    assert "changes every day" in text and "not stored or logged" in text
    address = "203.0.113.99"
    resident.client.environ_base["REMOTE_ADDR"] = address
    complete_journey(resident, street_id())
    assert resident.post(SEND, {"website": ""}).status == 302
    keys = list(limiter.storage.storage)
    assert keys and not any(address in key for key in keys)
    with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
        today = client_key()
        assert any(today in key for key in keys)
        with time_machine.travel(datetime.now(UTC) + timedelta(days=1)):
            assert client_key() != today
