"""The review queue, the response page, officers' corrections and safeguarding flags."""
import pytest
from sqlalchemy import func, select

import analysis

from portal.audit import AuditEvent
from portal.extensions import db
from portal.review.models import AnswerAnalysis, AnswerReview, AnswerTag, ResponseEntry, SafeguardingFlag
from surveys.models import Answer, Response, Street
from tests.conftest import complete_journey

DISCLOSURE = "A girl who looks about 14 keeps getting into cars with older men at night."
HOSTILE = ("Kerb crawlers every night. Ring Dave on 07700 900123, his car is NX19 KLP "
           "<script>alert(1)</script> <img src=x onerror=alert(2)>")


def send(resident, impact, improve="Better street lighting in the back lane.", street="Grange Road"):
    street_id = db.session.scalar(select(Street.id).filter_by(name=street))
    complete_journey(resident, street_id, {"effect": {"impact": impact}, "improvements": {"improve": improve}})
    assert resident.post("/survey/street-impact/check-answers", {"website": ""}).status == 302
    return db.session.scalar(select(Response.id).order_by(Response.id.desc()).limit(1))


def queue_ids(client, query=""):
    page = client.get("/officer/review" + query)
    assert page.status == 200
    return [int(a.get_text().split()[-1]) for a in page.select("table.sv-queue a")]


def test_the_queue_puts_open_flags_first_then_the_least_sure_then_the_rest(resident, survey, officer_client):
    sure = send(resident, "Kerb crawlers kerb crawling every night, kerb crawlers asking how much",
                "Kerb crawling stopped")
    unsure = send(resident, "the lights are a bit dim maybe", "not sure really")
    flagged = send(resident, DISCLOSURE)
    nothing = send(resident, "n/a", "n/a")
    client = officer_client("officer")
    order = queue_ids(client)
    assert order[0] == flagged
    # then the least sure first: the machine's doubt about a response is its most doubtful answer
    doubt = dict(db.session.execute(
        select(Answer.response_id, func.max(AnswerAnalysis.uncertainty)).join(AnswerAnalysis)
        .group_by(Answer.response_id)).all())
    assert doubt[nothing] == 0.0 < doubt[sure] and doubt[unsure] > 0.0
    rest = [r for r in order if r in (sure, unsure, nothing)]
    assert rest == sorted((sure, unsure, nothing), key=lambda r: -doubt[r])


def test_filters_narrow_the_queue_and_live_in_a_shareable_url(resident, survey, officer_client):
    grange = send(resident, "Kerb crawlers every night")
    union = send(resident, "Needles in the back lane", street="Union Street")
    flagged = send(resident, DISCLOSURE)
    client = officer_client("officer")
    union_street = db.session.scalar(select(Street.id).filter_by(name="Union Street"))
    assert queue_ids(client, f"?street={union_street}") == [union]
    assert queue_ids(client, "?safeguarding=open") == [flagged]
    assert grange in queue_ids(client, "?theme=kerb_crawling") and union not in queue_ids(client, "?theme=kerb_crawling")
    assert queue_ids(client, "?channel=assisted") == []
    page = client.get(f"/officer/review?street={union_street}")
    assert page.select(f"#filter-street option[value='{union_street}']")[0].has_attr("selected")
    link = page.select("table.sv-queue a")[0]["href"]
    assert f"street={union_street}" in link  # the response page keeps the filters for "next"


def test_bad_filter_values_are_ignored_not_errors(resident, survey, officer_client):
    send(resident, "Kerb crawlers every night")
    client = officer_client("officer")
    for query in ("?area=abc", "?reviewed=maybe", "?page=-3", "?page=99999999999",
                  "?theme=" + "x" * 500, "?round=%F0%9F%92%A9"):
        assert client.get("/officer/review" + query).status == 200, query
    nul = client.get("/officer/review?street=%00")  # a character no database can store
    assert nul.status == 400 and nul.text_of("h1") == "Sorry, there is a problem with your request"


def test_a_resident_answer_is_redacted_and_inert_on_every_officer_page(resident, survey, officer_client):
    response_id = send(resident, HOSTILE + " " + DISCLOSURE)
    client = officer_client("analyst")
    flag_id = db.session.scalar(select(SafeguardingFlag.id).limit(1))
    for path in ("/officer/review?reviewed=all", f"/officer/responses/{response_id}", "/officer/safeguarding",
                 f"/officer/safeguarding/{flag_id}", "/officer/"):
        page = client.get(path)
        assert page.status == 200, path
        assert "07700 900123" not in page.html and "NX19 KLP" not in page.html, path
        assert "<script>alert(1)</script>" not in page.html and "<img src=x" not in page.html, path
        assert not page.select("img[onerror]"), path
    shown = client.get(f"/officer/responses/{response_id}").text_of(".sv-answer")
    assert "[PHONE]" in shown and "[VEHICLE]" in shown and "<script>alert(1)</script>" in shown  # as text


def test_the_response_page_highlights_the_evidence_and_says_who_or_what_tagged(resident, survey, officer_client):
    response_id = send(resident, "Kerb crawlers circle the block every night.")
    page = officer_client("officer").get(f"/officer/responses/{response_id}")
    marks = [m.get_text() for m in page.select("mark.sv-evidence")]
    assert any("rawler" in m for m in marks)
    box = page.select("input[value=kerb_crawling][checked]")[0]
    hint = page.text_of(f"#{box['aria-describedby']}")
    version = analysis.load_codebook().version
    assert f"Suggested by the machine (codebook v{version} and the built-in model, score" in hint


def test_a_correction_is_stored_with_provenance_and_nothing_is_lost(resident, survey, officer_client):
    response_id = send(resident, "Kerb crawlers circle the block every night.", "More police patrols please.")
    impact = db.session.scalar(select(Answer).where(Answer.response_id == response_id, Answer.question_id == "impact"))
    improve = db.session.scalar(select(Answer).where(Answer.response_id == response_id, Answer.question_id == "improve"))
    client = officer_client("officer")
    machine_themes = {t.theme_id for t in db.session.scalars(select(AnswerTag).filter_by(answer_id=impact.id))}
    assert "kerb_crawling" in machine_themes
    page = client.post(f"/officer/responses/{response_id}",
                       {f"themes-{impact.id}": ["kerb_crawling", "feeling_unsafe"],
                        f"themes-{improve.id}": ["police_response"]})
    assert page.status == 302
    db.session.expire_all()
    tags = db.session.scalars(select(AnswerTag).filter_by(answer_id=impact.id)).all()
    by_theme = {(t.theme_id, t.source): t for t in tags}
    kept = by_theme[("kerb_crawling", "model")]  # the built-in model's tag
    assert kept.active and kept.reviewed_by_id == client.officer.id and kept.assigned_by_id is None
    added = by_theme[("feeling_unsafe", "officer")]
    assert added.active and added.assigned_by_id == client.officer.id and added.codebook_version
    for theme in machine_themes - {"kerb_crawling", "feeling_unsafe"}:  # removed, not deleted
        removed = by_theme[(theme, "model")]
        assert not removed.active and removed.reviewed_by_id == client.officer.id
    review = db.session.scalar(select(AnswerReview).filter_by(answer_id=impact.id))
    assert review.themes == ["feeling_unsafe", "kerb_crawling"] and not review.blind
    event = db.session.scalar(AnswerEvent_for("response_reviewed"))
    assert event.officer_id == client.officer.id and event.target == f"response:{response_id}"
    assert "Kerb" not in str(event.detail)
    assert response_id not in queue_ids(client, "?reviewed=no")
    assert response_id in queue_ids(client, "?reviewed=yes")


def AnswerEvent_for(action):
    return select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc()).limit(1)


def test_a_theme_not_in_the_codebook_is_refused_and_nothing_changes(resident, survey, officer_client):
    response_id = send(resident, "Kerb crawlers circle the block every night.")
    impact = db.session.scalar(select(Answer.id).where(Answer.response_id == response_id, Answer.question_id == "impact"))
    client = officer_client("officer")
    page = client.post(f"/officer/responses/{response_id}", {f"themes-{impact}": ["made_up_theme"]})
    assert page.status == 400 and page.error_messages == ["Select themes from the list only"]
    assert db.session.scalar(select(func.count()).select_from(AnswerReview)) == 0


def test_saving_opens_the_next_response_in_the_queue_with_the_same_filters(resident, survey, officer_client):
    first = send(resident, DISCLOSURE)
    second = send(resident, "the lights are a bit dim maybe")
    client = officer_client("officer")
    page = client.post(f"/officer/responses/{first}?reviewed=todo&safeguarding=", {})
    assert page.response.headers["Location"].startswith(f"/officer/responses/{second}")
    last = client.post(f"/officer/responses/{second}?reviewed=no", {})
    assert last.response.headers["Location"].startswith("/officer/review")


def test_a_share_of_responses_gets_a_blind_second_review_that_keeps_the_tags(app, resident, survey, officer_client):
    app.config["DOUBLE_REVIEW_SHARE"] = 1.0
    response_id = send(resident, "Kerb crawlers circle the block every night.")
    impact = db.session.scalar(select(Answer.id).where(Answer.response_id == response_id, Answer.question_id == "impact"))
    first, second = officer_client("officer"), officer_client("analyst")
    first.post(f"/officer/responses/{response_id}", {f"themes-{impact}": ["area_reputation"]})
    assert response_id not in queue_ids(first, "?reviewed=no")
    assert response_id in queue_ids(second, "?reviewed=no")
    page = second.get(f"/officer/responses/{response_id}")
    assert "Second review" in page.html
    assert page.select("input[value=kerb_crawling][checked]")  # the machine's suggestion, not the first review
    assert not page.select("input[value=area_reputation][checked]")
    second.post(f"/officer/responses/{response_id}", {f"themes-{impact}": ["kerb_crawling"]})
    reviews = {r.officer_id: r for r in db.session.scalars(select(AnswerReview).filter_by(answer_id=impact))}
    assert reviews[second.officer.id].blind and reviews[second.officer.id].themes == ["kerb_crawling"]
    active = {t.theme_id for t in db.session.scalars(select(AnswerTag).filter_by(answer_id=impact, active=True))}
    assert active == {"area_reputation"}  # the first review stands
    assert response_id not in queue_ids(second, "?reviewed=no")


def test_the_original_text_needs_the_analyst_role_and_a_reason_and_is_audited(resident, survey, officer_client):
    response_id = send(resident, HOSTILE)
    officer = officer_client("officer")
    assert not officer.get(f"/officer/responses/{response_id}").select("input[name=reveal-reason]")
    refused = officer.client.post(f"/officer/responses/{response_id}/original",
                                  data={"reveal-reason": "crime report",
                                        "reveal-csrf_token": officer.get("/officer/").csrf_token()})
    assert refused.status_code == 403
    analyst = officer_client("analyst")
    url = f"/officer/responses/{response_id}"
    no_reason = analyst.post(url + "/original", {"reveal-reason": ""}, form_url=url)
    assert no_reason.status == 400 and no_reason.error_messages == ["Enter why you need the original text"]
    assert "07700 900123" not in no_reason.html
    page = analyst.post(url + "/original", {"reveal-reason": "Crime report needs the exact words"}, form_url=url)
    assert page.status == 200
    original = page.text_of("[data-original]")
    assert "07700 900123" in original and "<script>alert(1)</script>" in original
    assert not page.select("[data-original] script")
    event = db.session.scalar(AnswerEvent_for("raw_text_viewed"))
    assert event.officer_id == analyst.officer.id and event.detail == {"reason": "Crime report needs the exact words"}
    assert "07700 900123" not in analyst.get(url).html  # shown once, not kept in the session


def test_safeguarding_lists_open_flags_oldest_first_with_guidance(resident, survey, officer_client):
    send(resident, DISCLOSURE)
    client = officer_client("officer")
    page = client.get("/officer/safeguarding")
    assert page.select(".sv-flag mark.sv-evidence--risk")
    assert "Multi-Agency Safeguarding Hub" in page.html  # the force's words for child_at_risk
    overview = client.get("/officer/")
    assert overview.text_of("#open-flags").startswith(str(db.session.scalar(
        select(func.count()).select_from(SafeguardingFlag))))
    assert "Oldest raised" in overview.text_of("#open-flags")


def test_actioning_a_flag_records_who_what_and_closes_it_once(resident, survey, officer_client):
    send(resident, DISCLOSURE)
    flag = db.session.scalar(select(SafeguardingFlag).order_by(SafeguardingFlag.id).limit(1))
    client = officer_client("officer")
    url = f"/officer/safeguarding/{flag.id}"
    missing = client.post(url, {"outcome": "referred", "referred_to": ""})
    assert missing.error_messages == ["Enter who it was referred to"]
    no_reason = client.post(url, {"outcome": "not_a_disclosure"})
    assert no_reason.error_messages == ["Enter why this is not a disclosure"]
    done = client.post(url, {"outcome": "referred", "referred_to": "MASH, ref 2026/123"})
    assert done.status == 302
    db.session.refresh(flag)
    assert (flag.status, flag.referred_to, flag.actioned_by_id) == ("referred", "MASH, ref 2026/123", client.officer.id)
    assert flag.actioned_at is not None
    page = client.get("/officer/safeguarding")
    assert page.select("#no-open-flags") or f"flag-{flag.id}" not in page.html
    again = client.get(url)
    assert not again.select("form input[name=outcome]")  # nothing to action any more
    event = db.session.scalar(AnswerEvent_for("safeguarding_actioned"))
    assert event.detail["outcome"] == "referred" and event.target == f"flag:{flag.id}"


def test_a_re_run_never_withdraws_or_duplicates_a_flag(resident, survey):
    from portal.tagging import analyse_stale

    send(resident, DISCLOSURE)
    before = db.session.scalars(select(SafeguardingFlag)).all()
    assert before
    db.session.execute(AnswerAnalysis.__table__.update().values(codebook_fingerprint="0" * 64))
    db.session.commit()
    assert analyse_stale()["reanalysed"] >= 1
    after = db.session.scalars(select(SafeguardingFlag)).all()
    assert [(f.id, f.category, f.status) for f in after] == [(f.id, f.category, f.status) for f in before]


def test_a_flag_raised_at_arrival_keeps_only_the_hour(resident, survey):
    send(resident, DISCLOSURE)
    for flag in db.session.scalars(select(SafeguardingFlag)):
        assert (flag.raised_hour.minute, flag.raised_hour.second, flag.raised_hour.microsecond) == (0, 0, 0)
    for row in db.session.scalars(select(AnswerAnalysis)):
        assert (row.analysed_at.minute, row.analysed_at.second, row.analysed_at.microsecond) == (0, 0, 0)


def test_an_assisted_response_goes_through_the_survey_pages_and_records_who(survey, officer_client):
    client = officer_client("officer")
    street_id = db.session.scalar(select(Street.id).filter_by(name="Grange Road"))
    assert client.get("/officer/assisted").select("a[href='/officer/assisted/street-impact/']")
    start = client.get("/officer/assisted/street-impact/")
    assert start.status == 200 and not start.select(".govuk-exit-this-page")
    complete_journey(client, street_id, slug="street-impact", base="/officer/assisted")
    done = client.post("/officer/assisted/street-impact/check-answers", {"website": ""}, follow=True)
    assert "Response stored" in done.html and "Enter another response" in done.html
    response = db.session.scalar(select(Response))
    assert response.channel == "assisted"
    entry = db.session.get(ResponseEntry, response.id)
    assert (entry.officer_id, entry.method) == (client.officer.id, "assisted")
    assert db.session.scalar(AnswerEvent_for("assisted_response")).target == f"response:{response.id}"
    assert response.id in queue_ids(client, "?channel=assisted")


def test_the_assisted_pages_are_closed_to_residents(survey, client):
    assert client.get("/officer/assisted/street-impact/").headers["Location"].startswith("/officer/sign-in")


@pytest.mark.parametrize("path", ["/officer/responses/999999", "/officer/safeguarding/999999"])
def test_a_missing_object_is_a_404(survey, officer_client, path):
    assert officer_client("officer").get(path).status == 404
