"""The officer area in a real browser: sign in with a second factor, review answers with the
keyboard only, action a safeguarding flag, and axe-core on every officer page."""
import itertools
import re
import time

import pyotp
import pytest
from sqlalchemy import select

from portal.auth import totp
from portal.extensions import db
from portal.review.models import SafeguardingFlag
from surveys import services
from surveys.models import Response, Round, Street
from tests.browser.conftest import describe_violations
from tests.conftest import ANSWERS, PASSWORD, make_officer

ANSWERS_TO_REVIEW = [
    "Kerb crawlers circle the block every night and slow down next to me.",
    "Used needles in the back lane again, right by the school path.",
    "The lights are a bit dim maybe, and there is shouting at 2am.",
]
DISCLOSURE = "A girl who looks about 14 keeps getting into cars with older men at night."
_accounts = itertools.count(1)


def _store_responses(app, texts):
    """Responses as a resident's journey would store them (and analysed on arrival)."""
    with app.app_context():
        version = services.latest_version("street-impact")
        round_ = db.session.scalar(select(Round).limit(1))
        street = db.session.scalar(select(Street).filter_by(name="Grange Road"))
        ids = []
        for text in texts:
            answers = {"street": str(street.id), "audience": "resident", **ANSWERS["what-you-have-seen"],
                       **ANSWERS["feeling-safe"], "impact": text, "improve": "", "age_band": ""}
            token = services.save_answers(None, version, answers)
            ids.append(services.submit(token, version, round_).id)
        db.session.remove()
        return ids


def _officer_with_second_factor(app, role="officer"):
    with app.app_context():
        secret = totp.new_secret()
        officer = make_officer(role, email=f"browser.{role}.{next(_accounts)}@example.police.uk",
                               totp_secret=totp.encrypt(secret))
        email = officer.email
        db.session.remove()
    return email, secret


def _sign_in(page, live_server, email, secret):
    """With the keyboard: type, Tab, type, Enter; then the code and Enter."""
    page.goto(live_server("/officer/sign-in"))
    page.locator("#email").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/officer/second-factor**")
    page.locator("#code").focus()
    page.keyboard.type(pyotp.TOTP(secret).now())
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/officer/$"))


def test_sign_in_review_three_answers_by_keyboard_and_action_a_flag(browse, live_server, capsys):
    ids = _store_responses(live_server.app, ANSWERS_TO_REVIEW)
    flagged = _store_responses(live_server.app, [DISCLOSURE])[0]
    email, secret = _officer_with_second_factor(live_server.app)
    page = browse()
    _sign_in(page, live_server, email, secret)
    assert "open safeguarding flag" in page.locator("#open-flags").inner_text()

    # The three answers in turn, keyboard only: toggle a theme with its number, save with "s"
    # (which opens the next response in the queue, the least sure first).
    page.goto(live_server(f"/officer/responses/{ids[0]}?safeguarding=none"))
    seen = []
    started = time.monotonic()
    for _ in ids:
        seen.append(int(re.search(r"/officer/responses/(\d+)", page.url).group(1)))
        box = page.locator("input[data-theme-index='7']").first  # 7. Feeling unsafe
        was = box.is_checked()
        page.keyboard.press("7")
        assert box.is_checked() is not was
        with page.expect_navigation():
            page.keyboard.press("s")
    seconds = time.monotonic() - started
    assert sorted(seen) == sorted(ids)
    assert re.search(r"/officer/review", page.url)  # nothing else in the queue with this filter
    with capsys.disabled():
        print(f"\n[officer review] 3 responses reviewed by keyboard in {seconds:.2f} s ({seconds / 3:.2f} s each)")
    with live_server.app.app_context():
        from portal.review.models import AnswerReview
        reviewed = {r.answer.response_id for r in db.session.scalars(select(AnswerReview))}
        assert set(ids) <= reviewed
        flag_id = db.session.scalar(select(SafeguardingFlag.id).join(SafeguardingFlag.answer)
                                    .where(SafeguardingFlag.status == "open").limit(1))
        db.session.remove()

    page.goto(live_server("/officer/safeguarding"))
    page.get_by_role("button", name=re.compile(rf"^Action flag {flag_id},")).click()
    page.get_by_label("Referred to another team or agency").check()
    page.get_by_role("textbox", name="Referred to").fill("MASH, reference 2026/0042")
    page.get_by_role("button", name="Save and close the flag").click()
    page.wait_for_url("**/officer/safeguarding")
    assert "closed: Referred" in page.locator(".govuk-notification-banner").inner_text()
    with live_server.app.app_context():
        flag = db.session.get(SafeguardingFlag, flag_id)
        assert flag.status == "referred" and flag.referred_to == "MASH, reference 2026/0042"
        assert flag.answer.response_id == flagged
        db.session.remove()
    assert page.problems() == {"console errors": [], "script errors": [], "CSP violations": [],
                               "requests leaving the site": []}


OFFICER_PAGES = ["/officer/", "/officer/review", "/officer/review?reviewed=all&safeguarding=open",
                 "/officer/safeguarding", "/officer/codebook", "/officer/assisted", "/officer/account",
                 "/officer/account/password", "/officer/account/two-factor", "/officer/import",
                 "/officer/accounts", "/officer/audit", "/officer/assisted/street-impact/questions/your-street"]


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_no_axe_violations_on_officer_pages(browse, audit, live_server, js):
    ids = _store_responses(live_server.app, [ANSWERS_TO_REVIEW[0], DISCLOSURE])
    email, secret = _officer_with_second_factor(live_server.app, role="admin")
    with live_server.app.app_context():
        flag_id = db.session.scalar(select(SafeguardingFlag.id).order_by(SafeguardingFlag.id.desc()).limit(1))
        db.session.remove()
    page = browse(js=js)
    page.goto(live_server("/officer/sign-in"))
    problems = {"sign-in": audit(page)}
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/officer/second-factor**")
    problems["second factor"] = audit(page)
    page.locator("#code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/officer/$"))
    for path in OFFICER_PAGES + [f"/officer/responses/{ids[0]}", f"/officer/safeguarding/{flag_id}"]:
        page.goto(live_server(path))
        problems[path] = audit(page)
    page.goto(live_server(f"/officer/safeguarding/{flag_id}"))
    page.get_by_role("button", name="Save and close the flag").click()  # nothing chosen: errors
    page.locator(".govuk-error-summary").wait_for()
    problems["flag with errors"] = audit(page)
    found = {name: describe_violations(v) for name, v in problems.items() if v}
    assert not found, "\n".join(f"{name}:\n{text}" for name, text in found.items())
