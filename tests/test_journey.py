"""The resident journey through the HTML a browser without JavaScript gets."""
from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from portal.extensions import db
from surveys.models import Answer, Draft, Response, Street
from tests.conftest import ANSWERS, complete_journey

START = "/survey/street-impact/"
Q = START + "questions/"


def street_id(name="Grange Road"):
    return db.session.scalar(select(Street.id).filter_by(name=name))


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_start_page_explains_anonymity_and_emergency_numbers(resident, survey):
    page = resident.get(START)
    assert page.status == 200
    assert page.text_of("h1") == "Tell us how your street is affected"
    body = page.text_of("main")
    assert "anonymous" in body and "999" in body and "101" in body
    assert page.select("a.govuk-button--start")[0]["href"] == Q + "your-street"
    assert page.select(".govuk-exit-this-page a")[0]["href"] == "/exit"
    assert page.select(".govuk-phase-banner .govuk-tag")[0].get_text(strip=True) == "Beta"


def survey_with_real_rounds():
    """The default definition as shipped: autumn 2026 (1 Sep to 31 Oct) and winter 2026 to
    2027 (1 Nov to 31 Mar). Tests freeze the clock, so they pass on any day they run."""
    from surveys import definitions, services
    services.store_definition(definitions.load_file())
    from tests.conftest import STREETS_CSV
    import io
    from surveys.streets import import_streets
    import_streets(io.StringIO(STREETS_CSV))


def at(day, hour=12):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), tick=False)


@pytest.mark.parametrize("day, open_", [
    (date(2026, 8, 31), False), (date(2026, 9, 1), True), (date(2026, 10, 31), True), (date(2026, 11, 1), True),
    (date(2027, 3, 31), True), (date(2027, 4, 1), False), (date(2030, 1, 1), False)])
def test_the_start_button_shows_only_while_a_round_is_open(resident, app, day, open_):
    survey_with_real_rounds()
    with at(day):
        page = resident.get(START)
        assert bool(page.select("a.govuk-button--start")) == open_
        assert ("This survey is not open at the moment" in page.text_of("main")) != open_
        question = resident.get(Q + "your-street")
        assert (question.status == 200) == open_
        if not open_:
            assert question.response.location.endswith(START)


def test_a_journey_whose_round_closes_before_it_is_sent_stores_nothing(resident, app):
    survey_with_real_rounds()
    with at(date(2027, 3, 31), hour=21) as clock:
        check = complete_journey(resident, street_id())
        assert check.status == 200 and check.csrf_token()
        token = check.csrf_token()
        clock.move_to(datetime(2027, 4, 1, 1, tzinfo=UTC))  # within the draft's lifetime, after the round
        assert resident.get(START + "check-answers").response.location.endswith(START)
        sent = resident.client.post(START + "check-answers", data={"csrf_token": token, "website": ""})
        assert sent.status_code == 302 and sent.location.endswith(START)
        assert "This survey is not open at the moment" in resident.get(START).text_of("main")
    assert count(Response) == 0


def test_a_journey_sent_on_the_last_day_of_a_round_is_filed_under_that_round(resident, app):
    survey_with_real_rounds()
    with at(date(2026, 10, 31), hour=10):
        complete_journey(resident, street_id())
        assert resident.post(START + "check-answers", {"website": ""}).response.location.endswith("/confirmation")
    with at(date(2026, 11, 1), hour=10):
        complete_journey(resident, street_id())
        assert resident.post(START + "check-answers", {"website": ""}).response.location.endswith("/confirmation")
    from surveys.models import Round
    rounds = db.session.execute(select(Round.slug).join(Response, Response.round_id == Round.id)
                                .order_by(Response.id)).scalars().all()
    assert rounds == ["autumn-2026", "winter-2026"]


def test_full_journey_stores_one_response_with_every_answer(resident, survey):
    check = complete_journey(resident, street_id())
    assert check.status == 200
    keys = [" ".join(k.get_text().split()) for k in check.select(".govuk-summary-list__key")]
    assert keys[:2] == ["Which street is this about?", "Live or work here"]
    assert "Grange Road, Middlefield (TS1)" in check.text_of(".govuk-summary-list")
    page = resident.post(START + "check-answers", {"website": ""})
    assert page.status == 302 and page.response.location.endswith("/confirmation")
    confirmation = resident.get(START + "confirmation")
    assert confirmation.text_of(".govuk-panel__title") == "Answers sent"
    assert "999" in confirmation.text_of("main") and "101" in confirmation.text_of("main")
    response = db.session.scalar(select(Response))
    assert (response.street.name, response.audience, response.channel) == ("Grange Road", "resident", "online")
    stored = dict(db.session.execute(select(Answer.question_id, Answer.value)).all())
    assert stored["impact"] == ANSWERS["effect"]["impact"]
    assert stored["safe_dark"] == "very_unsafe"
    assert count(Draft) == 0


def test_submitting_the_final_page_twice_stores_one_response(resident, survey):
    complete_journey(resident, street_id())
    token = resident.get(START + "check-answers").csrf_token()
    for _ in range(2):
        resident.client.post(START + "check-answers", data={"csrf_token": token, "website": ""})
    assert count(Response) == 1


def test_submission_time_is_kept_only_to_the_hour(resident, survey):
    complete_journey(resident, street_id())
    resident.post(START + "check-answers", {"website": ""})
    hour = db.session.scalar(select(Response.submitted_hour))
    assert (hour.minute, hour.second, hour.microsecond) == (0, 0, 0)


def test_missing_answers_show_gov_uk_errors_and_keep_other_answers(resident, survey):
    page = resident.post(Q + "what-you-have-seen", {"seen_kerb_crawling": "daily"})
    assert page.status == 200
    assert page.title.startswith("Error: ")
    assert "Select how often you saw drug dealing or drug use" in page.error_messages
    assert [i["value"] for i in page.select("input[name=seen_kerb_crawling][checked]")] == ["daily"]
    assert page.select(".govuk-error-summary__list a")[0]["href"].startswith("#seen_")


def test_free_text_over_the_limit_is_refused_with_a_message(resident, survey):
    page = resident.post(Q + "effect", {"impact": "x" * 2001})
    assert page.error_messages == ["How it affects you must be 2,000 characters or fewer"]
    assert page.text_of("textarea#impact") == "x" * 2001
    assert count(Draft) == 0


def test_unknown_street_and_unknown_option_are_validation_errors(resident, survey):
    assert resident.post(Q + "your-street", {"street": "99999"}).error_messages == ["Select your street from the list"]
    assert resident.post(Q + "your-street", {"street": "not-a-number"}).error_messages == ["Select your street from the list"]
    assert resident.post(Q + "about-you", {"audience": "landlord"}).error_messages == ["Select one of the options"]


def test_postcode_district_narrows_the_street_list(resident, survey):
    page = resident.get(Q + "your-street?district=ts3")
    options = [o.get_text() for o in page.select("select#street option") if o["value"]]
    assert options == ["Cleveland Street, Gresham (TS3)"]
    unknown = resident.get(Q + "your-street?district=ZZ9")
    assert "No streets found in ZZ9" in unknown.error_messages[0]
    assert len(unknown.select("select#street option")) == 5  # back to the full list


def test_change_link_returns_to_check_answers(resident, survey):
    check = complete_journey(resident, street_id())
    change = [a["href"] for a in check.select(".govuk-summary-list__actions a") if "feeling-safe" in a["href"]][0]
    page = resident.post(change.split("#")[0], {"safe_day": "very_safe", "safe_dark": "fairly_safe"})
    assert page.response.location.endswith("/check-answers")
    assert "Very safe" in resident.get(START + "check-answers").text_of(".govuk-summary-list")


def test_check_answers_without_a_journey_goes_to_the_first_question(resident, survey):
    page = resident.get(START + "check-answers")
    assert page.status == 302 and page.response.location.endswith("/questions/your-street")


def test_honeypot_filled_stores_nothing_but_looks_the_same(resident, survey):
    complete_journey(resident, street_id())
    page = resident.post(START + "check-answers", {"website": "http://spam.example"})
    assert page.response.location.endswith("/confirmation")
    assert count(Response) == 0 and count(Draft) == 0


def test_too_fast_completion_stores_nothing(resident, survey, app):
    app.config["MIN_COMPLETION_SECONDS"] = 3600
    complete_journey(resident, street_id())
    resident.post(START + "check-answers", {"website": ""})
    assert count(Response) == 0


def test_missing_csrf_token_is_refused_and_keeps_earlier_answers(resident, survey, client):
    resident.post(Q + "your-street", {"street": str(street_id())})
    response = client.post(Q + "about-you", data={"audience": "resident"})
    assert response.status_code == 400
    assert "Your earlier answers are kept" in response.get_data(as_text=True)
    assert count(Draft) == 1


def test_oversized_body_is_refused_cleanly(client, survey):
    response = client.post(Q + "effect", data={"impact": "x" * 200_000})
    assert response.status_code == 413
    assert "too long" in response.get_data(as_text=True)


def test_submissions_are_rate_limited_per_client(resident, survey, app):
    app.config["SUBMIT_RATE_LIMIT"] = "2 per hour"
    for _ in range(2):
        complete_journey(resident, street_id())
        resident.post(START + "check-answers", {"website": ""})
    complete_journey(resident, street_id())
    page = resident.post(START + "check-answers", {"website": ""})
    assert page.status == 429
    assert "too many" in page.text_of("h1")
    assert count(Response) == 2


def test_answers_keep_the_version_they_started_with(resident, survey):
    from surveys import services
    from tests.conftest import open_definition
    resident.post(Q + "your-street", {"street": str(street_id())})
    changed = open_definition()
    raw = dict(changed.raw, title="A reworded survey")
    from surveys.definitions import parse
    new_version, created = services.store_definition(parse(raw))
    assert created and new_version.number == 2
    for page_id, data in ANSWERS.items():
        resident.post(Q + page_id, data)
    resident.post(START + "check-answers", {"website": ""})
    assert db.session.scalar(select(Response.survey_version_id)) == survey.id


def test_two_simultaneous_sends_of_one_journey_store_one_response(resident, survey, app):
    """A double tap on a slow connection: two requests for the same journey at the same moment."""
    import threading

    complete_journey(resident, street_id())
    token = resident.get(START + "check-answers").csrf_token()
    cookie = resident.client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    barrier, statuses = threading.Barrier(2), []

    def send():
        client = app.test_client()
        client.set_cookie(cookie.key, cookie.value)
        with app.app_context():
            barrier.wait()
            statuses.append(client.post(START + "check-answers", data={"csrf_token": token, "website": ""}).status_code)
            db.session.remove()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302, 302]
    assert count(Response) == 1


def test_an_incomplete_draft_is_not_stored_and_is_kept_to_finish(survey):
    import pytest
    from surveys import services
    token = services.save_answers(None, survey, {"street": str(street_id()), "audience": "resident"})
    with pytest.raises(services.IncompleteAnswers) as missing:
        services.submit(token, survey, survey.survey.rounds[0])
    assert missing.value.page_id == "what-you-have-seen"
    assert count(Response) == 0 and count(Draft) == 1
