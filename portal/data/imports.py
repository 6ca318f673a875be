"""Paper returns: the CSV template, and importing a filled-in copy as "paper" responses.

The template is made from the survey's current definition: one column per question (the
street as two columns, its name and postcode district, and the round by its id first), and a
second row of help saying what each column takes. Rows whose first cell starts with "#" are
help and are skipped, so the help row can stay in the file (round ids never start with "#").

A file is imported whole or not at all: every row is checked first, every problem is
reported with its line number, and only a file without any problem is stored, in one
transaction, each response with a ResponseEntry saying which analyst entered it. Free text is
analysed after the commit, as answers sent online are.

What the file may hold:
- UTF-8 (Excel's "CSV UTF-8"), with or without a byte order mark; comma separated.
- The columns of the template, in any order (header names are not case-sensitive).
- A choice as its value or its label from the help row (not case-sensitive); several choices
  of a multiple-choice question separated by ";".
- Blank rows (every cell empty) are skipped. Fewer cells than the header means the last
  answers are empty; more cells than the header is a problem.
- At most IMPORT_MAX_ROWS responses and IMPORT_MAX_BYTES bytes.
"""
import csv
import io
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import insert, select

from analysis import safe_csv_cell
from portal import audit
from portal.extensions import db
from portal.review.models import ResponseEntry
from portal.tagging import analyse_pending
from surveys.forms import clean_text
from surveys.database import this_hour
from surveys.models import Answer, Response, Street
from surveys.services import answer_values, definition_for, latest_version, normalise_district, response_columns

HELP_MARK = "#"
LEADING = ("round", "street", "postcode_district")
MULTIPLE_SEPARATOR = ";"
_SHOWN_VALUE = 40  # characters of a wrong value quoted back in a message


class ImportRejected(ValueError):
    """The file cannot be imported; `problems` is [(line number or None, reason)]."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    responses: int
    answers: int
    analysed: int
    flagged: int
    analysis_failed: bool


def columns(definition):
    """The template's columns, in order."""
    return list(LEADING) + [q.id for q in definition.questions if q.type != "street"]


def _help(definition, rounds):
    cells = {
        "round": f"{HELP_MARK} Help row: keep or delete it. Round id, one of: " + ", ".join(r.slug for r in rounds),
        "street": "Street name as on the street list, like Grange Road",
        "postcode_district": "Postcode district of the street, like TS1",
    }
    for question in definition.questions:
        if question.type == "street":
            continue
        need = "Required" if question.required else "Optional, may be left empty"
        if question.type == "free_text":
            text = f"{need}. Written answer, up to {question.max_length:,} characters"
        else:
            allowed = "; ".join(f"{o.value} ({o.label})" for o in question.options)
            several = " Several allowed, separated by ;." if question.type == "multiple_choice" else ""
            text = f"{need}. {question.short_label}. One of: {allowed}.{several}"
        cells[question.id] = text
    return [cells[name] for name in columns(definition)]


def template_csv(slug):
    """The template for a survey's current definition, as text (with a byte order mark, so
    Excel reads it as UTF-8); None if there is no such survey."""
    version = latest_version(slug)
    if version is None:
        return None
    definition = definition_for(version)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(definition))
    writer.writerow([safe_csv_cell(cell) for cell in _help(definition, version.survey.rounds)])
    return "\ufeff" + out.getvalue()


def _shown(value):
    value = clean_text(value) or ""
    return value if len(value) <= _SHOWN_VALUE else value[:_SHOWN_VALUE] + "…"


def _key(text):
    return " ".join((text or "").split()).casefold()


def _decode(data):
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ImportRejected([(None, "The selected file is empty")])
    if data.startswith(b"PK\x03\x04") or b"\x00" in data[:4096]:
        raise ImportRejected([(None, "The selected file must be a CSV file. In Excel, use Save As and "
                                     "choose 'CSV UTF-8 (Comma delimited)'")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise ImportRejected([(line, "The file must be saved as UTF-8: this line has a character that is not UTF-8. "
                                     "In Excel, use Save As and choose 'CSV UTF-8 (Comma delimited)'")]) from None


def _records(text):
    """(first line number, cells) for each row of the file, the header included."""
    reader = csv.reader(io.StringIO(text, newline=""))
    previous = 0
    try:
        for cells in reader:
            yield previous + 1, cells
            previous = reader.line_num
    except csv.Error as exc:
        raise ImportRejected([(previous + 1, f"The file cannot be read as CSV here ({exc})")]) from None


def _check_header(header, definition):
    names = [_key(name) for name in header]
    expected = columns(definition)
    problems = []
    missing = [name for name in expected if name not in names]
    unknown = [name for name in names if name not in expected]
    twice = sorted({name for name in names if names.count(name) > 1 and name})
    if missing:
        problems.append((1, "The file is missing the columns " + ", ".join(missing)
                         + ". Download the template and copy your rows into it"))
    if unknown:
        problems.append((1, "The file has columns this survey does not have: "
                         + ", ".join(_shown(n) or "(a column with no name)" for n in unknown)))
    if twice:
        problems.append((1, "The file has these columns more than once: " + ", ".join(twice)))
    if problems:
        raise ImportRejected(problems)
    return names


class _RowChecker:
    """Checks one row's cells against the survey; collects its problems."""

    def __init__(self, definition, rounds, today):
        self.definition = definition
        self.rounds = {r.slug: r for r in rounds}
        self.today = today
        self.streets = {(_key(name), district): sid for sid, name, district in
                        db.session.execute(select(Street.id, Street.name, Street.postcode_district))}

    def check(self, values):
        """(answers for surveys.services.answer_values, round, problems)."""
        problems, answers = [], {}
        round_ = self._round(values.get("round", ""), problems)
        street_id = self._street(values.get("street", ""), values.get("postcode_district", ""), problems)
        for question in self.definition.questions:
            if question.type == "street":
                answers[question.id] = str(street_id) if street_id else ""
                continue
            value = self._answer(question, values.get(question.id, ""), problems)
            if value not in (None, "", []):
                answers[question.id] = value
        return answers, round_, problems

    def _round(self, value, problems):
        value = (value or "").strip()
        round_ = self.rounds.get(value)
        choices = ", ".join(self.rounds)
        if not value:
            problems.append(f"round is empty: enter the round's id, one of {choices}")
        elif round_ is None:
            problems.append(f"round '{_shown(value)}' is not a round of this survey: use one of {choices}")
        elif round_.opens_on > self.today:
            problems.append(f"round '{value}' has not opened yet")
            return None
        return round_

    def _street(self, name, district, problems):
        if not _key(name):
            problems.append("street is empty: enter the street's name, like Grange Road")
            return None
        if not normalise_district(district):
            problems.append("postcode_district is empty: enter the street's postcode district, like TS1")
            return None
        street_id = self.streets.get((_key(name), normalise_district(district)))
        if street_id is None:
            problems.append(f"street '{_shown(name)}' in '{_shown(district)}' is not on the street list")
        return street_id

    def _answer(self, question, raw, problems):
        if question.type == "free_text":
            text = clean_text(raw) or ""
            if not text and question.required:
                problems.append(f"{question.id} is empty: it must be answered")
            elif len(text) > question.max_length:
                problems.append(f"{question.id} must be {question.max_length:,} characters or fewer "
                                f"(it has {len(text):,})")
            return text
        parts = [raw] if question.type != "multiple_choice" else raw.split(MULTIPLE_SEPARATOR)
        parts = [p for p in (_key(p) for p in parts) if p]
        if not parts:
            if question.required:
                problems.append(f"{question.id} is empty: it must be one of {self._allowed(question)}")
            return None
        chosen = []
        for part in parts:
            option = next((o for o in question.options if part in (o.value.casefold(), _key(o.label))), None)
            if option is None:
                problems.append(f"{question.id} '{_shown(part)}' is not one of {self._allowed(question)}")
            elif option.value not in chosen:
                chosen.append(option.value)
        return chosen if question.type == "multiple_choice" else (chosen[0] if chosen else None)

    @staticmethod
    def _allowed(question):
        return ", ".join(o.value for o in question.options)


def read(slug, data, today=None):
    """Check a whole file; returns (version, definition, [(answers, round)]) or raises
    ImportRejected with every problem found."""
    version = latest_version(slug)
    if version is None:
        raise ImportRejected([(None, "Select a survey")])
    definition = definition_for(version)
    max_rows = current_app.config["IMPORT_MAX_ROWS"]
    records = _records(_decode(data))
    first = next(records, None)
    if first is None or not any(cell.strip() for cell in first[1]):
        raise ImportRejected([(1, "The first line must be the header row of the template")])
    names = _check_header(first[1], definition)
    checker = _RowChecker(definition, version.survey.rounds, today or date.today())
    rows, problems = [], []
    for line, cells in records:
        if not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith(HELP_MARK):
            continue
        if len(rows) >= max_rows:
            raise ImportRejected([(line, f"The file has more than {max_rows:,} responses: split it into "
                                         "smaller files and import each")])
        if len(cells) > len(names):
            problems.append((line, f"this row has {len(cells)} cells but the header has {len(names)}: "
                                   "check for a comma in an answer that is not inside quotes"))
            rows.append(None)
            continue
        values = dict(zip(names, cells + [""] * (len(names) - len(cells))))
        answers, round_, row_problems = checker.check(values)
        problems += [(line, p) for p in row_problems]
        rows.append((answers, round_))
    if problems:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([(None, "The file has no responses in it: add one row for each paper form "
                                     "under the header row")])
    return version, definition, rows


def import_file(slug, data, officer, today=None):
    """Import a file of paper returns, all or nothing, then analyse their written answers."""
    version, definition, rows = read(slug, data, today)
    hour = this_hour()
    # Bulk INSERTs (three statements' worth of batches), not one ORM object per answer: a
    # full file is some 70,000 answers.
    ids = db.session.scalars(
        insert(Response).returning(Response.id, sort_by_parameter_order=True),
        [{"survey_version_id": version.id, "round_id": round_.id, "channel": "paper", "submitted_hour": hour,
          **response_columns(definition, answers)} for answers, round_ in rows]).all()
    answer_rows = [{"response_id": rid, "question_id": qid, "value": value}
                   for rid, (answers, _round) in zip(ids, rows) for qid, value in answer_values(definition, answers)]
    db.session.execute(insert(Answer), answer_rows)
    db.session.execute(insert(ResponseEntry), [{"response_id": rid, "officer_id": officer.id, "method": "paper"}
                                               for rid in ids])
    rounds = sorted({r.slug for _a, r in rows})
    audit.record("import", officer, target=f"survey:{slug}", responses=len(ids), answers=len(answer_rows),
                 survey_version=version.number, rounds=rounds)
    db.session.commit()
    return ImportResult(len(ids), len(answer_rows), *_analyse())


def _analyse():
    """(answers analysed, answers flagged, failed): the file is already stored; if analysis
    fails, `streetvoice analysis run` catches up, as for answers sent online."""
    try:
        counts = analyse_pending()
    except Exception:  # noqa: BLE001 - the responses are safe; report, do not lose them
        db.session.rollback()
        current_app.logger.exception("Analysis of imported paper responses failed; it will be retried")
        return 0, 0, True
    return counts["analysed"], counts["flagged"], False
