"""Meeting insights: the dashboard, presentation mode, the meeting pack, the public results page
and the open data, all from counts protected against small numbers."""
import csv
import io
import json
import re

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.insights import services
from portal.insights.models import ResultsSnapshot
from portal.review.models import SafeguardingFlag
from portal.tagging import analyse_pending
from surveys.demo import load_demo
from surveys.models import Answer, Area, Response, Round, Street
from tests.conftest import IN_CI

SMALL = re.compile(r"(?<![\d.,%])[1-4](?![\d.,%])")


@pytest.fixture
def demo(app):
    load_demo(responses=240)
    analyse_pending()
    return services.survey_by_slug("street-impact")


def numbers_tables(page):
    """Every cell of every chart's table of numbers."""
    return [cell.get_text(" ", strip=True) for cell in page.select(".sv-chart__numbers td")]


def test_the_dashboard_shows_every_chart_with_a_text_alternative_and_its_numbers(demo, officer_client):
    page = officer_client("officer").get("/officer/insights")
    assert page.status == 200
    names = [s["id"] for s in page.select("section.sv-chart")]
    assert names[:3] == ["chart-themes", "chart-places", "chart-change"]
    assert {"chart-safety", "chart-seen", "chart-trend", "chart-map"} <= set(names)
    for section in page.select("section.sv-chart"):
        if section.select("[data-chart]"):
            plot = section.select("[data-chart]")[0]
            data = json.loads(section.select(f"#{plot['data-chart']}")[0].get_text())
            assert data["data"] and plot["role"] == "img" and plot["aria-label"]
            assert section.select(".sv-chart__text") and section.select(".sv-chart__numbers table")
    assert "/assets/plotly.min.js" in page.html and "cdn" not in page.html.lower()


def test_no_count_from_1_to_4_is_shown_on_any_view(demo, officer_client):
    client = officer_client("officer")
    areas = [a for (a,) in db.session.execute(select(Area.name))]
    for query in ["", "?round=autumn-2026", "?audience=business", *(f"?area={a}" for a in areas)]:
        page = client.get("/officer/insights" + query)
        if page.status != 200:
            continue
        for section in page.select("section.sv-chart"):
            table = section.select(".sv-chart__numbers table")
            if not table:
                continue
            headers = [th.get_text(strip=True) for th in table[0].select("thead th")]
            for row in table[0].select("tbody tr"):
                cells = [c.get_text(" ", strip=True) for c in row.select("th, td")]
                for header, cell in zip(headers, cells):
                    if header.startswith(("Respondents", "Answers")) or header == "Respondents who raised it":
                        assert not SMALL.fullmatch(cell), (query, section["id"], cells)


def test_filters_live_in_the_url_and_a_place_too_small_to_show_is_refused_clearly(demo, officer_client):
    client = officer_client("officer")
    page = client.get("/officer/insights?area=Middlefield&theme=drugs")
    assert page.status == 200
    assert page.select("#filter-area option[value=Middlefield]")[0].has_attr("selected")
    assert "area=Middlefield" in page.select("a[href*='/officer/insights/present']")[0]["href"]
    quiet = db.session.scalar(select(Street.name).filter_by(name="Beech Grove"))  # 1 to 3 responses in the demo
    refused = client.get(f"/officer/insights?area=Gresham&street={quiet}")
    assert refused.status == 400
    assert refused.error_messages == ["That place is not shown on its own: it has too few respondents, so it is "
                                      "counted with others"]
    assert client.get("/officer/insights?survey=nope").status == 404


def test_names_from_people_are_escaped_in_hover_text_and_tables(app, officer_client):
    from surveys.streets import import_streets

    import_streets(io.StringIO("street,area,postcode_district,lat,lon\n"
                               "\"<b>Evil</b> <img src=x onerror=alert(1)>\",<script>alert(1)</script>,TS1,54.57,-1.23\n"))
    load_demo(responses=120)
    street = db.session.scalar(select(Street).where(Street.name.startswith("<b>")))
    for response in db.session.scalars(select(Response).limit(40)):
        response.street_id = street.id
    db.session.commit()
    analyse_pending()
    page = officer_client("officer").get("/officer/insights")
    assert "<script>alert(1)</script>" not in page.html and "<img src=x" not in page.html
    assert not page.select("img[onerror]") and not page.select("b")
    figures = json.dumps([json.loads(s.get_text()) for s in page.select("script[type='application/json']")])
    assert "&lt;script&gt;" in figures and "<script>" not in figures  # escaped for plotly.js, which renders tags


def test_a_disclosure_is_never_counted_in_a_chart(demo, officer_client):
    flagged = {f.answer_id for f in db.session.scalars(select(SafeguardingFlag))}
    assert flagged
    survey = demo
    from portal.insights import queries
    book_themes = services.publication_labels()
    counted = queries.themes(survey.id, list(book_themes), {})
    total_with_flags = db.session.scalar(select(db.func.count(Answer.id)).where(Answer.id.in_(flagged)))
    assert total_with_flags and counted  # and none of them is among the counts:
    from portal.review.models import AnswerTag
    only_flagged = {(t.answer_id, t.theme_id) for t in db.session.scalars(
        select(AnswerTag).where(AnswerTag.answer_id.in_(flagged), AnswerTag.active))}
    assert only_flagged
    cleared = db.session.scalar(select(SafeguardingFlag).limit(1))
    before = sum(row[5] for row in queries.themes(survey.id, list(book_themes), {}))
    for flag in db.session.scalars(select(SafeguardingFlag).where(SafeguardingFlag.answer_id == cleared.answer_id)):
        flag.status = "not_a_disclosure"
    db.session.commit()
    after = sum(row[5] for row in queries.themes(survey.id, list(book_themes), {}))
    assert after >= before  # an answer cleared as not a disclosure counts again


def test_presentation_mode_has_a_slide_per_chart_and_speaker_notes_with_the_numbers(demo, officer_client):
    page = officer_client("officer").get("/officer/insights/present")
    assert page.status == 200
    slides = page.select("section.sv-slide")
    charts = page.select("section.sv-slide [data-chart]")
    assert len(slides) >= len(charts) + 2 and len(charts) >= 5
    notes = slides[1].select(".sv-notes table td")
    assert notes  # the numbers, for the presenter
    assert not page.select(".govuk-service-navigation")  # no officer chrome


def test_the_meeting_pack_is_one_file_that_asks_for_nothing(demo, officer_client):
    response = officer_client("officer").client.get("/officer/insights/pack.html")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment; filename=\"meeting-pack-")
    html = response.get_data(as_text=True)
    assert "default-src 'none'" in html
    assert re.search(r"plotly\.js v\d", html)  # inlined
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    linked = [el.get("src") or el.get("href") for el in soup.select("[src], [href]")]
    assert not [url for url in linked if not url.startswith(("#", "data:"))], linked
    assert len(soup.select("script[type='application/json']")) >= 5


@pytest.mark.skipif(not (IN_CI or __import__("shutil").which("chromium")), reason="needs Chromium (apt-get install chromium)")
def test_the_pack_as_pdf_and_a_chart_as_png_come_from_chromium(demo, officer_client):
    client = officer_client("officer")
    pdf = client.client.get("/officer/insights/pack.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF") and len(pdf.data) > 20_000
    png = client.client.get("/officer/insights/charts/themes.png")
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    assert client.client.get("/officer/insights/charts/nope.png").status_code == 404


def publish(client, survey, slugs):
    rounds = db.session.scalars(select(Round).where(Round.slug.in_(slugs))).all()
    page = client.post("/officer/insights/publish", {"rounds": [str(r.id) for r in rounds]})
    assert page.status == 302, page.error_messages


def test_the_public_page_shows_only_published_rounds_as_they_were_when_published(demo, officer_client, resident):
    assert "No results have been published yet" in resident.get("/results").html
    analyst = officer_client("analyst")
    publish(analyst, demo, ["autumn-2026"])
    page = resident.get("/results")
    assert page.status == 200 and page.select("section#chart-themes")
    assert "Autumn 2026" in page.html and "Winter 2026" not in page.text_of("main")
    before = resident.get("/results/data.csv").response.get_data(as_text=True)
    # New counts in the published round do not change the page until an analyst publishes again.
    autumn = db.session.scalar(select(Round).filter_by(slug="autumn-2026"))
    for response in db.session.scalars(select(Response).where(Response.round_id != autumn.id).limit(30)):
        response.round_id = autumn.id
    db.session.commit()
    assert resident.get("/results/data.csv").response.get_data(as_text=True) == before
    publish(analyst, demo, ["autumn-2026"])
    assert resident.get("/results/data.csv").response.get_data(as_text=True) != before
    publish(analyst, demo, [])
    assert "No results have been published yet" in resident.get("/results").html
    assert db.session.scalar(select(db.func.count(ResultsSnapshot.id))) == 3


def test_open_data_has_the_documented_columns_and_writes_suppressed_cells_as_less_than_5(demo, officer_client, client):
    publish(officer_client("analyst"), demo, ["autumn-2026", "winter-2026"])
    response = client.get("/results/data.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["round", "area", "street", "theme", "respondents"]
    values = [r[4] for r in rows[1:]]
    assert "<5" in values and not any(SMALL.fullmatch(v) for v in values)
    assert all(v in ("<5", "[hidden]") or v.isdigit() for v in values)


def test_you_said_we_did_and_approved_quotes_reach_the_pack_and_the_public_page(demo, officer_client, resident):
    analyst = officer_client("analyst")
    area = db.session.scalar(select(Area).filter_by(name="Middlefield"))
    page = analyst.post("/officer/insights/actions", {
        "theme": "environment_lighting", "area": str(area.id), "said": "The back lanes are too dark at night.",
        "did": "The council fitted 14 new street lights <b>in the lanes</b>.", "done_on": ["3", "2", "2027"],
        "done_by": "The council and the neighbourhood team", "published": "y"})
    assert page.status == 302, page.error_messages
    bad = analyst.post("/officer/insights/actions", {"theme": "", "said": "", "did": "x", "done_on": ["31", "2", "2027"],
                                                     "done_by": "x"})
    assert set(bad.error_messages) >= {"Select a theme", "Enter what residents said",
                                       "The date must be a real date, like 27 3 2027"}
    answer = db.session.scalar(select(Answer).where(Answer.question_id == "impact", ~Answer.id.in_(
        select(SafeguardingFlag.answer_id))).limit(1))
    form = analyst.get(f"/officer/insights/quotes?answer={answer.id}")
    quoted = "Ring Dave on 07700 900123, the lanes are pitch black <script>alert(1)</script>"
    page = analyst.post(f"/officer/insights/quotes?answer={answer.id}",
                        {"answer_id": str(answer.id), "theme": "environment_lighting", "text": quoted})
    assert page.status == 302, page.error_messages
    flagged = db.session.scalar(select(SafeguardingFlag.answer_id).limit(1))
    refused = analyst.post(f"/officer/insights/quotes?answer={flagged}",
                           {"answer_id": str(flagged), "theme": "drugs", "text": "anything"}, form_url="/officer/insights/quotes")
    assert refused.error_messages == ["This answer has a safeguarding flag: it cannot be quoted"]
    publish(analyst, demo, ["autumn-2026"])
    public = resident.get("/results")
    assert "fitted 14 new street lights" in public.html and "<b>in the lanes</b>" not in public.html
    assert "07700 900123" not in public.html and "<script>alert(1)</script>" not in public.html
    assert "[PHONE]" in public.text_of("#quotes")
    pack = analyst.client.get("/officer/insights/pack.html").get_data(as_text=True)
    assert "fitted 14 new street lights" in pack and "[PHONE]" in pack and "07700 900123" not in pack
    assert form.status == 200


@pytest.mark.parametrize("path", ["/officer/insights", "/officer/insights/present", "/officer/insights/pack.html"])
def test_insights_need_a_signed_in_officer(client, path):
    assert client.get(path).headers["Location"].startswith("/officer/sign-in")


def test_publishing_and_actions_need_the_analyst_role(demo, officer_client):
    officer = officer_client("officer")
    for path in ("/officer/insights/actions", "/officer/insights/publish", "/officer/insights/quotes"):
        assert officer.get(path).status == 403


def test_the_confirmation_page_links_to_the_results_page(survey, resident):
    page = resident.get("/survey/street-impact/confirmation")
    assert page.select("a[href='/results']") and resident.get("/results").status == 200


def test_while_answers_arrive_the_figures_are_counted_again_at_most_every_max_age(demo, officer_client, resident, app):
    from tests.conftest import complete_journey
    app.config["INSIGHTS_MAX_AGE_SECONDS"] = 3600
    page = officer_client("officer").get("/officer/insights")
    assert "counted again at most every 3600 seconds" in page.text_of("#counted-at")
    counted = services.publication(demo)
    street = db.session.scalar(select(Street.id).filter_by(name="Grange Road"))
    complete_journey(resident, street)
    assert resident.post("/survey/street-impact/check-answers", {"website": ""}).status == 302
    assert services.publication(demo) is counted  # a new answer: the figures of a moment ago again
    app.config["INSIGHTS_MAX_AGE_SECONDS"] = 0
    fresh = services.publication(demo)
    assert fresh is not counted and fresh.counted_at >= counted.counted_at
    assert fresh.cube.respondents().value == counted.cube.respondents().value + 1
