"""Exports of responses for analysts, as CSV and XLSX: one row per response.

Columns, in order:
- response_id, survey, survey_version, round, area, street, postcode_district;
- channel (online, assisted or paper) and entered_by (the officer who entered an assisted or
  paper response); submitted_hour (UK time, to the hour: all a response keeps of its time);
- review_state: how many officers reviewed the response's written answers;
- one column per question of the survey (the union over its versions; the street question
  is the street columns above): a choice as its stored value (several joined by "; ");
- for each free-text question Q, also Q_themes (each active theme, and who put it there:
  "machine", "machine, confirmed" by an officer, or "officer") and Q_safeguarding (each flag
  raised on it, "category: status").

Written answers are their redacted text unless an analyst asked for the original text, with a
reason; an answer whose original text was deleted under the retention policy is its redacted
text either way. Every text cell is defused against formula injection (analysis.safe_csv_cell,
and in XLSX every text cell is stored as a string, never a formula). Every export is audited
before its first byte is sent: who, which format, the filters, the row count and whether the
original text was included. Rows are read in batches of BATCH responses, five queries a batch.
"""
import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC

from flask import current_app
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from sqlalchemy import func, select

from analysis import safe_csv_cell
from portal import audit
from portal.auth.models import Officer
from portal.extensions import db
from portal.officer.filters import LOCAL
from portal.review.models import AnswerAnalysis, AnswerReview, AnswerTag, ResponseEntry, SafeguardingFlag
from portal.review.services import scoped
from portal.urlfilters import UrlFilters
from surveys.database import utcnow
from surveys.models import Answer, Area, Response, Round, Street, Survey, SurveyVersion
from surveys.services import definition_for

BATCH = 500
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
NOT_ANALYSED = "[Not analysed yet: run streetvoice analysis run]"
FIXED_COLUMNS = (
    ("response_id", "The response's number in StreetVoice"),
    ("survey", "The survey's id"),
    ("survey_version", "The version of the survey the response answered"),
    ("round", "The survey round's id"),
    ("area", "The area the street is in"),
    ("street", "The street the response is about"),
    ("postcode_district", "The street's postcode district"),
    ("channel", "online (sent by the resident), assisted (entered by an officer with the resident) or paper"),
    ("entered_by", "The officer who entered an assisted or paper response"),
    ("submitted_hour", "When the response was stored, UK time, to the hour"),
    ("review_state", "How many officers reviewed its written answers"),
)
# Characters a spreadsheet may take as the start of a formula after leading white space, or
# in their full-width forms (an East Asian keyboard's "="): quoted too, beyond safe_csv_cell.
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Characters XML 1.0 cannot hold (openpyxl refuses only the C0 controls, and writes U+FFFE,
# U+FFFF or a lone surrogate into a sheet Excel then cannot open): dropped from XLSX cells.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class ExportError(ValueError):
    pass


@dataclass(frozen=True)
class ExportFilters(UrlFilters):
    """The filters of an export: the review queue's survey, round, area and street."""

    NUMERIC = ("area", "street")

    survey: str = ""
    round: str = ""
    area: str = ""
    street: str = ""


@dataclass(frozen=True)
class QuestionColumn:
    id: str
    label: str
    free_text: bool


@dataclass
class Export:
    """One export, audited and ready to write."""

    format: str
    filters: ExportFilters
    original: bool
    rows: int
    upto: int  # the newest response counted: rows arriving while it is written are left out
    questions: list
    free_text: dict = field(default_factory=dict)  # survey version id -> its free-text question ids

    @property
    def header(self):
        names = [name for name, _description in FIXED_COLUMNS]
        for q in self.questions:
            names += [q.id, f"{q.id}_themes", f"{q.id}_safeguarding"] if q.free_text else [q.id]
        return names

    def descriptions(self):
        out = list(FIXED_COLUMNS)
        for q in self.questions:
            if q.free_text:
                kind = "original text" if self.original else "text with personal data removed"
                out += [(q.id, f"{q.label} ({kind})"),
                        (f"{q.id}_themes", f"Themes of {q.id}, and who put each there: machine, "
                                           "machine confirmed by an officer, or officer"),
                        (f"{q.id}_safeguarding", f"Safeguarding flags raised on {q.id}: category: status")]
            else:
                out.append((q.id, q.label))
        return out

    @property
    def filename(self):
        return f"streetvoice-responses-{utcnow().astimezone(LOCAL):%Y-%m-%d}.{self.format}"


def defuse(value):
    """A cell's text, safe to open in a spreadsheet."""
    text = safe_csv_cell(value)
    if isinstance(value, str) and not text.startswith("'") and text.lstrip()[:1] in _FORMULA_START:
        return "'" + text
    return text


def _responses(filters, officer):
    query = (select(Response.id, Survey.slug, SurveyVersion.number, Round.slug, Area.name, Street.name,
                    Street.postcode_district, Response.channel, Officer.name, Response.submitted_hour,
                    Response.survey_version_id)
             .join(SurveyVersion, SurveyVersion.id == Response.survey_version_id)
             .join(Survey, Survey.id == SurveyVersion.survey_id)
             .join(Round, Round.id == Response.round_id)
             .join(Street, Street.id == Response.street_id)
             .join(Area, Area.id == Street.area_id)
             .outerjoin(ResponseEntry, ResponseEntry.response_id == Response.id)
             .outerjoin(Officer, Officer.id == ResponseEntry.officer_id))
    query = scoped(query, officer)
    if filters.survey:
        query = query.where(Survey.slug == filters.survey)
    if filters.round:
        query = query.where(Round.slug == filters.round)
    if filters.area:
        query = query.where(Street.area_id == int(filters.area))
    if filters.street:
        query = query.where(Street.id == int(filters.street))
    return query


def _questions(filters):
    """The union of the questions of every version of the surveys exported, newest versions'
    order first; and each version's free-text question ids."""
    query = select(SurveyVersion).join(Survey).order_by(Survey.id, SurveyVersion.number.desc())
    if filters.survey:
        query = query.where(Survey.slug == filters.survey)
    columns, free_text = {}, {}
    for version in db.session.scalars(query):
        definition = definition_for(version)
        free_text[version.id] = {q.id for q in definition.questions if q.type == "free_text"}
        for q in definition.questions:
            if q.type == "street":
                continue
            known = columns.get(q.id)
            columns[q.id] = QuestionColumn(q.id, known.label if known else q.short_label,
                                           (known is not None and known.free_text) or q.type == "free_text")
    return list(columns.values()), free_text


def start(filters, officer, fmt, original=False, reason=""):
    """Count and audit an export (committed before anything is written); returns the Export."""
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format {fmt}")
    if original and not (reason or "").strip():
        raise ExportError("Enter why you need the original text")
    ids = _responses(filters, officer).with_only_columns(Response.id).subquery()
    count, upto = db.session.execute(select(func.count(), func.max(ids.c.id))).one()
    questions, free_text = _questions(filters)
    detail = {"format": fmt, "filters": filters.args(), "rows": count, "original": bool(original)}
    if original:
        detail["reason"] = reason.strip()
    audit.record("export", officer, target="responses", **detail)
    db.session.commit()
    return Export(fmt, filters, bool(original), count, upto or 0, questions, free_text)


def _review_state(written, reviewers):
    if not written:
        return "No written answers"
    if not reviewers:
        return "Not reviewed"
    return f"Reviewed by {reviewers} officer{'s' if reviewers > 1 else ''}"


def _hour(value):
    if value is None:
        return ""
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    return f"{value.astimezone(LOCAL):%Y-%m-%d %H}:00"


def row_cells(export, officer):
    """Each response's cells (ints and text, not yet defused), in id order."""
    query = _responses(export.filters, officer).where(Response.id <= export.upto).order_by(Response.id)
    last = 0
    while True:
        batch = db.session.execute(query.where(Response.id > last).limit(BATCH)).all()
        if not batch:
            return
        yield from _batch_rows(export, batch)
        last = batch[-1][0]


def _batch_rows(export, batch):
    ids = [row[0] for row in batch]
    values, written = defaultdict(lambda: defaultdict(list)), set()
    versions = {row[0]: row[10] for row in batch}
    for rid, qid, value, redacted, analysis_id in db.session.execute(
            select(Answer.response_id, Answer.question_id, Answer.value, AnswerAnalysis.redacted_text,
                   AnswerAnalysis.id)
            .outerjoin(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
            .where(Answer.response_id.in_(ids)).order_by(Answer.id)):
        if qid in export.free_text.get(versions[rid], ()):
            written.add(rid)
            if not export.original:
                value = redacted if analysis_id is not None else NOT_ANALYSED
        values[rid][qid].append(value)
    themes = defaultdict(lambda: defaultdict(list))
    for rid, qid, theme, assigned_by, reviewed_by in db.session.execute(
            select(Answer.response_id, Answer.question_id, AnswerTag.theme_id, AnswerTag.assigned_by_id,
                   AnswerTag.reviewed_by_id)
            .join(Answer, Answer.id == AnswerTag.answer_id)
            .where(Answer.response_id.in_(ids), AnswerTag.active).order_by(AnswerTag.id)):
        who = "officer" if assigned_by is not None else ("machine, confirmed" if reviewed_by else "machine")
        themes[rid][qid].append(f"{theme} ({who})")
    flags = defaultdict(lambda: defaultdict(list))
    for rid, qid, category, status in db.session.execute(
            select(Answer.response_id, Answer.question_id, SafeguardingFlag.category, SafeguardingFlag.status)
            .join(Answer, Answer.id == SafeguardingFlag.answer_id)
            .where(Answer.response_id.in_(ids)).order_by(SafeguardingFlag.id)):
        flags[rid][qid].append(f"{category}: {status}")
    reviewers = dict(db.session.execute(
        select(Answer.response_id, func.count(func.distinct(AnswerReview.officer_id)))
        .join(Answer, Answer.id == AnswerReview.answer_id)
        .where(Answer.response_id.in_(ids)).group_by(Answer.response_id)).all())
    for rid, survey, number, round_, area, street, district, channel, entered_by, hour, _version in batch:
        cells = [rid, survey, number, round_, area, street, district, channel, entered_by or "", _hour(hour),
                 _review_state(rid in written, reviewers.get(rid, 0))]
        for q in export.questions:
            cells.append("; ".join(values[rid].get(q.id, ())))
            if q.free_text:
                cells.append("; ".join(themes[rid].get(q.id, ())))
                cells.append("; ".join(flags[rid].get(q.id, ())))
        yield cells


def csv_chunks(export, officer):
    """The CSV, as UTF-8 with a byte order mark (so Excel reads it as UTF-8), a batch at a time."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(export.header)
    for count, cells in enumerate(row_cells(export, officer), 1):
        writer.writerow([defuse(c) for c in cells])
        if count % BATCH == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _xlsx_cell(sheet, value, bold=False):
    if isinstance(value, int) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        cell = WriteOnlyCell(sheet, value=_NOT_XML.sub("", defuse(value)))
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_file(export, officer):
    """The workbook (sheets Responses, Columns, About), as a file at its start."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Responses")
    sheet.freeze_panes = "B2"
    sheet.append([_xlsx_cell(sheet, name, bold=True) for name in export.header])
    for cells in row_cells(export, officer):
        sheet.append([_xlsx_cell(sheet, c) for c in cells])
    about_columns = book.create_sheet("Columns")
    about_columns.append([_xlsx_cell(about_columns, h, bold=True) for h in ("Column", "What it holds")])
    for name, description in export.descriptions():
        about_columns.append([_xlsx_cell(about_columns, name), _xlsx_cell(about_columns, description)])
    about = book.create_sheet("About")
    facts = [("Exported", _hour(utcnow()) + " (UK time, to the hour)"),
             ("Exported from", current_app.config["FORCE_NAME"] + " StreetVoice"),
             ("Filters", ", ".join(f"{k}: {v}" for k, v in export.filters.args().items()) or "None: every response"),
             ("Responses", export.rows),
             ("Written answers", "Original text (audited)" if export.original else "Personal data removed"),
             ("Handling", "Criminal offence data: keep it on force systems and delete it when you no longer need it")]
    for name, value in facts:
        about.append([_xlsx_cell(about, name, bold=True), _xlsx_cell(about, value)])
    out = io.BytesIO()  # a few MB for thousands of rows; the rows themselves went to a temporary file
    book.save(out)
    out.seek(0)
    return out
