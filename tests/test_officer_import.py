"""Paper returns: the template, and importing a CSV all or nothing, with every bad row named."""
import csv
import io

import pytest
from sqlalchemy import func, select

from portal.audit import AuditEvent
from portal.extensions import db
from portal.review.models import AnswerAnalysis, ResponseEntry, SafeguardingFlag
from surveys.forms import clean_text
from surveys.models import Answer, Response
from tests.conftest import naughty_strings

ROW = {"round": "test-round", "street": "Grange Road", "postcode_district": "TS1", "audience": "resident",
       "seen_kerb_crawling": "weekly", "seen_soliciting": "never", "seen_discarded": "daily",
       "seen_drugs": "Once or twice", "seen_noise_night": "WEEKLY", "seen_vehicles_circling": "never",
       "safe_day": "fairly_safe", "safe_dark": "very_unsafe", "impact": "Kerb crawlers every night.",
       "improve": "", "age_band": "65+"}


def csv_bytes(rows, header=None, help_row=False, encoding="utf-8"):
    out = io.StringIO(newline="")
    header = header or list(ROW)
    writer = csv.writer(out)
    writer.writerow(header)
    if help_row:
        writer.writerow(["# help"] + ["..."] * (len(header) - 1))
    for row in rows:
        writer.writerow([row.get(name, "") for name in header] if isinstance(row, dict) else row)
    return out.getvalue().encode(encoding)


def upload(client, data, filename="returns.csv"):
    return client.post("/officer/import", {"import_survey": "street-impact",
                                           "import_file": (io.BytesIO(data), filename)})


def responses():
    return db.session.scalar(select(func.count(Response.id)))


@pytest.fixture
def analyst(officer_client, survey):
    return officer_client("analyst")


def test_the_template_has_a_column_per_question_and_a_help_row(analyst):
    with analyst._request():
        response = analyst.client.get("/officer/import/template.csv?survey=street-impact")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data().decode("utf-8-sig")
    header, help_row = list(csv.reader(io.StringIO(text)))
    assert header == list(ROW)
    assert help_row[0].startswith("# Help row") and "test-round" in help_row[0]
    helps = dict(zip(header, help_row))
    assert "weekly (About once a week)" in helps["seen_kerb_crawling"]
    assert helps["impact"].startswith("Optional") and "2,000 characters" in helps["impact"]
    assert helps["audience"].startswith("Required")


def test_the_template_itself_with_rows_added_imports(analyst):
    with analyst._request():
        template = analyst.client.get("/officer/import/template.csv").get_data()
    page = upload(analyst, template + csv_bytes([ROW]).split(b"\r\n", 1)[1])
    assert page.status == 302
    page = analyst.get("/officer/import")
    assert "1 paper response imported" in page.text_of(".govuk-notification-banner")


def test_a_good_file_is_stored_as_paper_responses_entered_by_the_analyst(analyst):
    rows = [ROW, {**ROW, "street": " grange  road ", "postcode_district": "ts 1", "impact": "",
                  "improve": "Better lighting please."}]
    page = upload(analyst, csv_bytes(rows, help_row=True))
    assert page.status == 302
    stored = db.session.scalars(select(Response).order_by(Response.id)).all()
    assert [r.channel for r in stored] == ["paper", "paper"]
    assert {r.street.name for r in stored} == {"Grange Road"}
    answers = {a.question_id: a.value for a in stored[0].answers}
    assert answers["seen_drugs"] == "once_or_twice" and answers["seen_noise_night"] == "weekly"
    assert "improve" not in answers  # an empty optional answer is not stored
    entries = db.session.scalars(select(ResponseEntry)).all()
    assert {(e.method, e.officer_id) for e in entries} == {("paper", analyst.officer.id)}
    # Analysed after the commit, like answers sent online.
    assert db.session.scalar(select(func.count(AnswerAnalysis.id))) == 2
    event = db.session.scalars(select(AuditEvent).filter_by(action="import")).one()
    assert event.officer_id == analyst.officer.id and event.detail["responses"] == 2


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_line(analyst):
    rows = [ROW, ROW, {**ROW, "seen_drugs": "sometimes"}, ROW]
    page = upload(analyst, csv_bytes(rows, help_row=True))
    assert page.status == 400
    assert page.error_messages == [
        "Line 5: seen_drugs 'sometimes' is not one of never, once_or_twice, weekly, several_weekly, daily"]
    assert page.title.startswith("Error:")
    assert "Nothing from the file has been stored" in page.text_of(".govuk-error-summary")
    assert responses() == 0
    assert db.session.scalar(select(func.count(AuditEvent.id)).filter_by(action="import")) == 0


def test_every_bad_row_is_reported_with_its_reason(analyst):
    rows = [{**ROW, "round": "spring-1999"}, {**ROW, "street": "Nowhere Lane"}, {**ROW, "audience": ""},
            {**ROW, "impact": "x" * 2001}, {**ROW, "street": ""}, ROW, ["test-round"] + [""] * 20]
    page = upload(analyst, csv_bytes(rows))
    assert page.status == 400
    messages = page.error_messages
    assert messages[0].startswith("Line 2: round 'spring-1999' is not a round of this survey")
    assert messages[1] == "Line 3: street 'Nowhere Lane' in 'TS1' is not on the street list"
    assert messages[2].startswith("Line 4: audience is empty")
    assert messages[3] == "Line 5: impact must be 2,000 characters or fewer (it has 2,001)"
    assert messages[4].startswith("Line 6: street is empty")
    assert any(m.startswith("Line 8: this row has 21 cells but the header has 15") for m in messages)
    assert not any(m.startswith("Line 7") for m in messages)
    assert len(page.select("table tbody tr")) == len(messages)
    assert responses() == 0


def test_line_numbers_count_answers_written_over_several_lines(analyst):
    rows = [{**ROW, "impact": "First line\nsecond line\nthird"}, {**ROW, "safe_day": "unsure"}]
    page = upload(analyst, csv_bytes(rows))
    assert page.error_messages[0].startswith("Line 5: safe_day 'unsure'")


@pytest.mark.parametrize("data, message", [
    (b"", "The selected file is empty"),
    (b"\xef\xbb\xbf\r\n", "The selected file is empty"),
    (b"round,street\r\ntest-round,Grange Road\r\n", "The file is missing the columns postcode_district, audience"),
    (csv_bytes([], header=list(ROW) + ["name"]), "The file has columns this survey does not have: name"),
    (csv_bytes([ROW], header=list(ROW) + ["impact"]), "The file has these columns more than once: impact"),
    (csv_bytes([], help_row=True), "The file has no responses in it"),
    (b"PK\x03\x04\x14\x00\x06\x00", "The selected file must be a CSV file"),
])
def test_files_that_are_not_the_template_are_refused(analyst, data, message):
    page = upload(analyst, data)
    assert page.status == 400
    assert len(page.error_messages) == 1 and message in page.error_messages[0], page.error_messages
    assert responses() == 0


def test_a_file_in_another_encoding_is_refused_with_its_line(analyst):
    data = csv_bytes([ROW, {**ROW, "impact": "Café owner says it’s worse"}], encoding="utf-8")
    latin = data.decode("utf-8").replace("’", "'").encode("latin-1")
    page = upload(analyst, latin)
    assert page.status == 400
    assert page.error_messages == ["Line 3: The file must be saved as UTF-8: this line has a character that is "
                                   "not UTF-8. In Excel, use Save As and choose 'CSV UTF-8 (Comma delimited)'"]
    assert responses() == 0


def test_a_file_that_is_not_called_csv_or_is_missing_is_refused(analyst):
    assert upload(analyst, csv_bytes([ROW]), filename="returns.xlsx").error_messages == [
        "The selected file must be a CSV"]
    page = analyst.post("/officer/import", {"import_survey": "street-impact"})
    assert page.error_messages == ["Select a CSV file"]
    assert responses() == 0


def test_a_huge_file_is_refused_before_it_is_read(analyst, app):
    app.config["IMPORT_MAX_BYTES"] = 200 * 1024
    page = upload(analyst, csv_bytes([ROW] * 3000))
    assert page.status == 413
    assert page.error_messages == ["The selected file must be smaller than 200 KB"]
    assert responses() == 0


def test_only_an_analyst_gets_the_larger_upload_limit(officer_client, survey, app):
    client = officer_client("officer")
    page = upload(client, csv_bytes([ROW] * 1000))  # > 64 KiB, < the import limit
    # Too big to read under the app's limit, so the guard runs in the 413 handler: refused.
    assert page.status == 403 and "Import and export" not in page.html
    assert responses() == 0


def test_too_many_rows_are_refused(analyst, app):
    app.config["IMPORT_MAX_ROWS"] = 3
    page = upload(analyst, csv_bytes([ROW] * 4))
    assert page.error_messages == ["Line 5: The file has more than 3 responses: split it into smaller files "
                                   "and import each"]
    assert responses() == 0


def test_the_naughty_strings_in_written_answers_import_as_typed(analyst):
    strings = naughty_strings()
    rows = [{**ROW, "impact": s, "improve": s[::-1]} for s in strings]
    page = upload(analyst, csv_bytes(rows))
    assert page.status == 302, page.error_messages[:5]
    stored = db.session.execute(select(Answer.response_id, Answer.question_id, Answer.value)
                                .where(Answer.question_id.in_(["impact", "improve"]))).all()
    by_response = {}
    for rid, qid, value in stored:
        by_response.setdefault(rid, {})[qid] = value
    ids = sorted(db.session.scalars(select(Response.id)))
    assert len(ids) == len(strings)
    for rid, s in zip(ids, strings):
        assert by_response.get(rid, {}).get("impact", "") == (clean_text(s) or "")
        assert by_response.get(rid, {}).get("improve", "") == (clean_text(s[::-1]) or "")


def test_naughty_strings_in_choice_columns_are_each_reported(analyst):
    strings = [s for s in naughty_strings() if s.strip()][:200]
    page = upload(analyst, csv_bytes([{**ROW, "audience": s} for s in strings]))
    assert page.status == 400
    assert len(page.select("table tbody tr")) == len(strings)
    assert responses() == 0


def test_a_disclosure_on_paper_raises_its_flag_at_once(analyst):
    disclosure = "A girl who looks about 14 keeps getting into cars with older men at night."
    upload(analyst, csv_bytes([{**ROW, "impact": disclosure}]))
    assert db.session.scalar(select(func.count(SafeguardingFlag.id))) >= 1
    banner = analyst.get("/officer/import").text_of(".govuk-notification-banner")
    assert "raised a safeguarding flag" in banner


def test_the_import_page_is_for_analysts(officer_client, survey):
    assert officer_client("officer").get("/officer/import").status == 403
    assert officer_client("officer", email="o2@example.police.uk").get("/officer/import/template.csv").status == 403


def test_a_bad_file_never_echoes_written_answers_and_shows_wrong_values_inert(analyst):
    phone, plate, script = "07700 900123", "YT68 XKR", "<script>alert(1)</script>"
    risky = f"The driver of {plate} keeps circling, ring me on {phone} {script}"
    page = upload(analyst, csv_bytes([{**ROW, "impact": risky, "audience": script}]))
    assert page.status == 400
    assert page.error_messages == [f"Line 2: audience '{script}' is not one of resident, business"]
    assert phone not in page.html and plate not in page.html
    assert not any("alert(1)" in tag.get_text() for tag in page.select("script"))  # text, not an element
