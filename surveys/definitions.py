"""Survey definitions as versioned YAML data: load, validate, and describe them.

A definition is validated completely before anything is stored; every problem is reported
as "FILE: question 'ID': problem" so whoever wrote the YAML can find it.
"""
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

QUESTION_TYPES = ("street", "audience", "single_choice", "multiple_choice", "likert", "free_text")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DEFAULT_DEFINITION = Path(__file__).parent / "definitions" / "street_impact.yaml"
MAX_FREE_TEXT = 5000


class DefinitionError(ValueError):
    """A survey definition that cannot be used; the message names file, question, problem."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    hint: str = ""
    required: bool = True
    options: tuple[Option, ...] = ()
    max_length: int = 0
    error: str = ""
    summary_label: str = ""

    @property
    def short_label(self):
        return self.summary_label or self.label

    def option_label(self, value):
        return next((o.label for o in self.options if o.value == value), value)


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    questions: tuple[Question, ...]
    hint: str = ""


@dataclass(frozen=True)
class RoundSpec:
    id: str
    name: str
    opens: date
    closes: date


@dataclass(frozen=True)
class SurveyDefinition:
    slug: str
    title: str
    intro: str
    audiences: tuple[Option, ...]
    pages: tuple[Page, ...]
    rounds: tuple[RoundSpec, ...]
    raw: dict = field(compare=False, repr=False)

    @property
    def questions(self):
        return tuple(q for p in self.pages for q in p.questions)

    def question(self, question_id):
        return next(q for q in self.questions if q.id == question_id)

    def page(self, page_id):
        return next((p for p in self.pages if p.id == page_id), None)

    @property
    def checksum(self):
        """Stable hash of the definition's content; a change makes a new version."""
        canonical = json.dumps(self.raw, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_file(path=DEFAULT_DEFINITION):
    """Read and validate a YAML survey definition file."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DefinitionError(f"{path}: file not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DefinitionError(f"{path}: not valid YAML ({_first_line(exc)})") from None
    return parse(raw, source=str(path))


def parse(raw, source="<definition>"):
    """Validate a definition already read into Python data (e.g. from the database)."""
    problems = _Problems(source)
    if not isinstance(raw, dict):
        raise DefinitionError(f"{source}: the file must be a mapping with survey, title, pages and rounds")
    slug = problems.identifier(raw.get("survey"), "survey")
    title = problems.text(raw.get("title"), "title")
    intro = raw.get("intro") or ""
    audiences = tuple(problems.options(raw.get("audiences"), "audiences"))
    scales = raw.get("scales") or {}
    if not isinstance(scales, dict):
        problems.add("scales must be a mapping of scale name to options")
        scales = {}
    pages, seen = [], set()
    raw_pages = raw.get("pages")
    if not isinstance(raw_pages, list) or not raw_pages:
        problems.add("pages must be a non-empty list")
        raw_pages = []
    for p_index, raw_page in enumerate(raw_pages, 1):
        if not isinstance(raw_page, dict):
            problems.add(f"page {p_index} must be a mapping")
            continue
        page_id = problems.identifier(raw_page.get("id"), f"page {p_index} id")
        questions = []
        for raw_q in raw_page.get("questions") or []:
            question = _question(raw_q, scales, audiences, problems, seen)
            if question:
                questions.append(question)
        if not questions:
            problems.add(f"page '{page_id}': has no questions")
        pages.append(Page(id=page_id, title=str(raw_page.get("title") or ""),
                          hint=str(raw_page.get("hint") or ""), questions=tuple(questions)))
    types = [q.type for p in pages for q in p.questions]
    for needed in ("street", "audience"):
        if types.count(needed) != 1:
            problems.add(f"needs exactly one question of type '{needed}' (found {types.count(needed)})")
    rounds = _rounds(raw.get("rounds"), problems)
    problems.raise_if_any()
    return SurveyDefinition(slug=slug, title=title, intro=str(intro), audiences=audiences,
                            pages=tuple(pages), rounds=tuple(rounds), raw=raw)


def _question(raw_q, scales, audiences, problems, seen):
    if not isinstance(raw_q, dict):
        problems.add(f"each question must be a mapping, not {raw_q!r}")
        return None
    qid = raw_q.get("id")
    where = f"question '{qid}'"
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        problems.add(f"{where}: id must be lower-case letters, digits, '-' or '_'")
        return None
    if qid in seen:
        problems.add(f"{where}: id is used twice")
    seen.add(qid)
    qtype = raw_q.get("type")
    if qtype not in QUESTION_TYPES:
        problems.add(f"{where}: type must be one of {', '.join(QUESTION_TYPES)}, not {qtype!r}")
        return None
    label = raw_q.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.add(f"{where}: label is missing")
        label = ""
    options = ()
    if qtype in ("single_choice", "multiple_choice"):
        options = tuple(problems.options(raw_q.get("options"), f"{where}: options"))
    elif qtype == "likert":
        scale = raw_q.get("scale")
        if scale not in scales:
            problems.add(f"{where}: scale {scale!r} is not defined under scales")
        else:
            options = tuple(problems.options(scales[scale], f"scale '{scale}'"))
    elif qtype == "audience":
        options = audiences
    max_length = 0
    if qtype == "free_text":
        max_length = raw_q.get("max_length", 2000)
        if not isinstance(max_length, int) or not 1 <= max_length <= MAX_FREE_TEXT:
            problems.add(f"{where}: max_length must be a whole number from 1 to {MAX_FREE_TEXT}")
            max_length = 1
    required = raw_q.get("required", True)
    if not isinstance(required, bool):
        problems.add(f"{where}: required must be true or false")
        required = True
    return Question(id=qid, type=qtype, label=label, hint=str(raw_q.get("hint") or ""),
                    required=required, options=options, max_length=max_length,
                    error=str(raw_q.get("error") or ""),
                    summary_label=str(raw_q.get("summary_label") or ""))


def _rounds(raw_rounds, problems):
    rounds = []
    if not isinstance(raw_rounds, list) or not raw_rounds:
        problems.add("rounds must be a non-empty list")
        return rounds
    for index, raw_r in enumerate(raw_rounds, 1):
        if not isinstance(raw_r, dict):
            problems.add(f"round {index} must be a mapping")
            continue
        rid = problems.identifier(raw_r.get("id"), f"round {index} id")
        opens, closes = _as_date(raw_r.get("opens")), _as_date(raw_r.get("closes"))
        if opens is None or closes is None:
            problems.add(f"round '{rid}': opens and closes must be dates written YYYY-MM-DD")
            continue
        if closes < opens:
            problems.add(f"round '{rid}': closes before it opens")
        rounds.append(RoundSpec(id=rid, name=str(raw_r.get("name") or rid), opens=opens, closes=closes))
    ids = [r.id for r in rounds]
    if len(ids) != len(set(ids)):
        problems.add("round ids must be unique")
    return rounds


def _as_date(value):
    """A date from YAML (already a date) or from stored JSON (an ISO string); else None."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


class _Problems:
    def __init__(self, source):
        self.source, self.items = source, []

    def add(self, message):
        self.items.append(message)

    def identifier(self, value, what):
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.add(f"{what} must be lower-case letters, digits, '-' or '_'")
            return str(value)
        return value

    def text(self, value, what):
        if not isinstance(value, str) or not value.strip():
            self.add(f"{what} is missing")
            return ""
        return value

    def options(self, raw, what):
        if not isinstance(raw, list) or not raw:
            self.add(f"{what} must be a non-empty list")
            return
        values = set()
        for item in raw:
            if isinstance(item, dict) and isinstance(item.get("value"), str) and isinstance(item.get("label"), str):
                value = item["value"]
                if value in values:
                    self.add(f"{what}: value '{value}' is used twice")
                values.add(value)
                yield Option(value=value, label=item["label"])
            else:
                self.add(f"{what}: each option needs a value and a label, not {item!r}")

    def raise_if_any(self):
        if self.items:
            raise DefinitionError("\n".join(f"{self.source}: {item}" for item in self.items))


def _first_line(exc):
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
