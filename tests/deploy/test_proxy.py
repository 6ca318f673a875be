"""Through nginx over HTTPS to `streetvoice serve` in production settings: a resident's whole
journey and an officer's sign-in as a browser makes them (Origin sent, no Referer), limits per
client behind the proxy, NUL inputs, host names, and what the stores and logs keep."""
import json
import re
from datetime import datetime

import pyotp
import pytest

from tests.deploy.browser import SURVEY, answer_every_page

pytestmark = pytest.mark.deploy

# Every address and answer used here, to look for afterwards in Redis and the logs.
SEEN = {"addresses": set(), "texts": set()}


def browser_for(deployment, **kwargs):
    browser = deployment.browser(**kwargs)
    SEEN["addresses"].add(browser.address)
    return browser


def send(browser, deployment, impact):
    SEEN["texts"].add(impact)
    check = answer_every_page(browser, deployment.street_id(), impact)
    assert check.status == 200 and impact in check.text_of(".govuk-summary-list")
    return browser.post(SURVEY + "check-answers", {"website": ""}, token=check.csrf_token())


def stored(deployment, impact):
    return deployment.database.value("SELECT count(*) FROM answer WHERE value = %s", impact)


def test_a_resident_journey_over_https_with_no_referer_is_stored(deployment):
    browser = browser_for(deployment)
    drafts = deployment.database.value("SELECT count(*) FROM draft")  # other tests may leave some
    home = browser.get("/")
    assert home.status == 302 and home.location.endswith(SURVEY)
    start = browser.get(SURVEY)
    assert start.status == 200 and start.select("a.govuk-button--start")
    headers = start.headers
    assert headers["strict-transport-security"].startswith("max-age=")
    assert headers["referrer-policy"] == "no-referrer" and "nonce-" in headers["content-security-policy"]
    assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])  # nginx's $request_id, carried through
    impact = "Journey over HTTPS: cars circle the block all night."
    sent = send(browser, deployment, impact)
    assert sent.status == 302 and sent.location.endswith(SURVEY + "confirmation")
    cookie = next(c for c in sent.set_cookies if c.startswith("streetvoice_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    confirmation = browser.get(SURVEY + "confirmation")
    assert confirmation.text_of(".govuk-panel__title") == "Answers sent"
    assert stored(deployment, impact) == 1
    assert deployment.database.value("SELECT count(*) FROM draft") == drafts  # this journey's is gone


def test_an_officer_signs_in_over_https_and_sets_up_the_second_factor(deployment):
    browser = browser_for(deployment)
    signed = browser.post("/officer/sign-in", {"email": "analyst@example.police.uk",
                                               "password": deployment.database.password})
    assert signed.status == 302, (signed.text_of("h1"), signed.error_messages)
    cookie = next(c for c in signed.set_cookies if c.startswith("__Host-streetvoice_officer="))
    assert "Secure" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie and "Domain" not in cookie
    # Production requires an authenticator app: the first sign-in goes to set one up.
    setup = browser.get(signed.location)
    assert setup.status == 200, setup.status
    secret = setup.text_of("#totp-key").replace(" ", "")
    codes = browser.post("/officer/account/two-factor", {"code": pyotp.TOTP(secret).now()},
                         token=setup.csrf_token())
    assert codes.status == 200 and "recovery" in codes.text_of("main").lower()
    review = browser.get("/officer/review")
    assert review.status == 200 and "Signed in as Analyst Test" in review.text_of("body")
    deployment.officer_secret = secret


def test_two_clients_behind_the_proxy_have_separate_limits_that_a_forged_header_cannot_escape(deployment):
    first, second = browser_for(deployment), browser_for(deployment)
    for n in range(3):  # SUBMIT_RATE_LIMIT is 3 per hour in this deployment
        assert send(first, deployment, f"Limits: first client, journey {n}.").status == 302
    limited = send(first, deployment, "Limits: first client, one too many.")
    assert limited.status == 429 and "too many" in limited.text_of("h1")
    # What the client says about its own address is not believed: nginx appends the one it saw.
    forged_address = "198.51.100.77"
    SEEN["addresses"].add(forged_address)
    check = answer_every_page(first, deployment.street_id(), "Limits: forged header.")
    forged = first.post(SURVEY + "check-answers", {"website": ""}, token=check.csrf_token(),
                        headers={"X-Forwarded-For": forged_address})
    assert forged.status == 429
    assert send(second, deployment, "Limits: second client, left alone.").status == 302
    assert stored(deployment, "Limits: second client, left alone.") == 1
    assert stored(deployment, "Limits: first client, one too many.") == 0


def test_redis_holds_keyed_hashes_never_an_address(deployment):
    keys = deployment.redis.keys()
    assert keys, "the limits should be counted in Redis"
    for key in keys:
        assert "127.42." not in key, key  # every test client's address (tests/deploy/browser.py)
        for address in SEEN["addresses"]:
            assert address not in key, key
        assert not re.search(r"\d+\.\d+\.\d+\.\d+", key), key


@pytest.mark.parametrize("path, expected", [
    ("/survey/%00/", {400, 404}),
    ("/survey/street-impact/questions/%00", {400, 404}),
    ("/survey/street-impact/questions/your-street?district=%00", {400}),
    ("/feedback?return_to=/survey/%00", {400}),
    ("/officer/sign-in?next=/officer/%00", {400}),
    ("/officer/review?street=%00", {302, 400}),
])
def test_nul_in_a_path_or_query_is_refused_never_a_500(deployment, path, expected):
    browser = browser_for(deployment)
    assert browser.get(path).status in expected


def test_nul_in_form_fields_is_removed_or_refused_never_a_500(deployment):
    browser = browser_for(deployment)
    street = browser.post(SURVEY + "questions/your-street", {"street": f"{deployment.street_id()}\x00"})
    assert street.status == 200 and street.error_messages == ["Select your street from the list"]
    impact = "NUL\x00 typed in the middle."
    check = answer_every_page(browser, deployment.street_id(), impact)
    assert browser.post(SURVEY + "check-answers", {"website": ""}, token=check.csrf_token()).status == 302
    assert browser.post("/feedback", {"feedback": "Feedback with \x00 in it"}).status == 200
    sign_in = browser.post("/officer/sign-in", {"email": "a\x00@example.police.uk", "password": "x\x00"})
    assert sign_in.status == 200 and sign_in.error_messages
    assert deployment.database.value("SELECT count(*) FROM answer WHERE value = 'NUL typed in the middle.'") == 1
    assert deployment.database.value("SELECT count(*) FROM feedback WHERE text = 'Feedback with  in it' "
                                     "OR text = 'Feedback with in it'") == 1


def test_another_host_name_is_refused(deployment):
    browser = browser_for(deployment)
    assert browser.get(SURVEY).status == 200
    assert browser.get(SURVEY, headers={"Host": "attacker.example"}).status == 400


# Officers' rows, configuration and publications: their times are of officers' actions.
NOT_RESIDENT = {"officer", "recovery_code", "audit_event", "codebook_version", "theme_model", "answer_review",
                "results_snapshot", "action", "published_quote", "officer_area", "survey", "survey_version",
                "alembic_version", "draft"}


def test_no_time_finer_than_the_hour_on_any_resident_row(deployment):
    columns = deployment.database.rows(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND data_type LIKE 'timestamp%%'")
    checked = []
    for table, column in columns:
        if table in NOT_RESIDENT:
            continue
        values = deployment.database.rows(f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL')
        for (value,) in values:
            assert isinstance(value, datetime) and (value.minute, value.second, value.microsecond) == (0, 0, 0), \
                (table, column, value)
        checked.append((table, column, len(values)))
    counted = {f"{t}.{c}": n for t, c, n in checked}
    assert counted["response.submitted_hour"] >= 1 and counted["answer_analysis.analysed_at"] >= 1
    assert counted["feedback.submitted_hour"] >= 1


def test_no_client_address_query_string_or_answer_in_any_log_line(deployment):
    browser = browser_for(deployment)
    browser.get(SURVEY + "questions/your-street?district=TS3")
    lines = deployment.log_lines()
    app_lines = [json.loads(line) for line in deployment.server.log_lines() if line.startswith("{")]
    access = [line for line in app_lines if line["logger"] == "streetvoice.access"]
    assert access and all(line["request_id"] for line in access)
    assert any(line["path"] == SURVEY + "questions/your-street" for line in access)
    for line in lines:
        assert "127.42." not in line, line  # every test client's address (tests/deploy/browser.py)
        for address in SEEN["addresses"]:
            assert not re.search(rf"(?<![\d.]){re.escape(address)}(?![\d.])", line), line
        for text in SEEN["texts"]:
            assert text not in line, line
        assert "district=TS3" not in line and "TS3" not in line, line
