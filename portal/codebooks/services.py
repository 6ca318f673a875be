"""The stored codebook: reading the version in use, and saving analysts' edits as new versions.

Each save stores the whole codebook as a new version (the number goes up by one), so past tags
keep the version they were made with and nothing is lost: a retired theme stays in the
versions that had it, and `theme_labels()` still names it. A merge also records which theme
went into which, so counts can follow a theme across versions.

The first time anything needs a codebook and none is stored, the file one
(`ANALYSIS_CODEBOOK`, or the default street-impact codebook) is stored as the first version.
"""
import re

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

import analysis
from analysis import parse_codebook
from portal import audit
from portal.codebooks.models import CodebookVersion, ThemeModel
from portal.extensions import db

THEME_FIELDS = ("id", "label", "description", "keywords", "examples")


class CodebookEditError(ValueError):
    """An edit the codebook cannot take; the message is shown to the analyst as it is."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def current_row():
    """The stored version in use (the newest), storing the file codebook first if none is."""
    row = db.session.scalar(select(CodebookVersion).order_by(CodebookVersion.id.desc()).limit(1))
    if row is not None:
        return row
    book = analysis.load_codebook(current_app.config.get("ANALYSIS_CODEBOOK") or None)
    row = CodebookVersion(codebook_id=book.id, version=book.version, document=_document(book),
                          fingerprint=book.fingerprint, note="First stored version, from the codebook file")
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:  # another worker stored it first
        db.session.rollback()
        return db.session.scalar(select(CodebookVersion).order_by(CodebookVersion.id.desc()).limit(1))
    return row


def codebook_of(row):
    """The analysis Codebook of a stored version."""
    return parse_codebook(row.document, f"stored codebook {row.codebook_id} version {row.version}")


def current_model_row(codebook_row):
    """The newest model trained with this codebook version, or None."""
    return db.session.scalar(select(ThemeModel).where(ThemeModel.codebook_version_id == codebook_row.id)
                             .order_by(ThemeModel.id.desc()).limit(1))


def _document(book):
    doc = {"codebook": book.id, "version": book.version, "title": book.title,
           "themes": [{"id": t.id, "label": t.label, "description": t.description,
                       "keywords": list(t.keywords), "examples": list(t.examples)} for t in book.themes]}
    if book.null_answer_theme:
        doc["null_answer_theme"] = book.null_answer_theme
    return doc


def theme_labels():
    """Every theme id ever stored -> its latest label, current themes first, with whether it
    is still in use: {id: (label, current)}. Past tags of a retired theme are still named."""
    current = codebook_of(current_row())
    labels = {t.id: (t.label, True) for t in current.themes}
    for (document,) in db.session.execute(select(CodebookVersion.document).order_by(CodebookVersion.id.desc())):
        for theme in document.get("themes", ()):
            labels.setdefault(theme["id"], (theme["label"], False))
    return labels


def versions():
    return db.session.scalars(select(CodebookVersion).order_by(CodebookVersion.id.desc())).all()


def _save(document, officer, note, merged=None):
    """Validate and store `document` as the next version; returns the new row."""
    row = current_row()
    number = (db.session.scalar(select(func.max(CodebookVersion.version))
                                .where(CodebookVersion.codebook_id == row.codebook_id)) or 0) + 1
    document = {**document, "version": number}
    try:
        book = parse_codebook(document, "codebook")
    except analysis.CodebookError as exc:
        raise CodebookEditError(str(exc).removeprefix("codebook: ")) from None
    new = CodebookVersion(codebook_id=book.id, version=book.version, document=document,
                          fingerprint=book.fingerprint, note=note, merged=merged or {}, created_by_id=officer.id)
    db.session.add(new)
    audit.record("codebook_changed", officer, target=f"codebook:{book.id}", version=number, change=note)
    db.session.commit()
    return new


def _themes(row):
    return [dict(t) for t in row.document["themes"]]


def _find(themes, theme_id):
    for theme in themes:
        if theme["id"] == theme_id:
            return theme
    raise CodebookEditError("There is no theme with that id in the current codebook")


def _terms(text):
    """Keywords or examples typed one a line (or comma-separated keywords) -> a clean list."""
    return [term.strip() for term in (text or "").splitlines() if term.strip()]


def theme_id_for(label):
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:60]


def add_theme(officer, label, description, keywords, examples):
    row = current_row()
    themes = _themes(row)
    theme_id = theme_id_for(label)
    if not theme_id:
        raise CodebookEditError("Enter a name with at least one letter or number", "label")
    if any(t["id"] == theme_id for t in themes) or theme_id in theme_labels():
        raise CodebookEditError("A theme with this name exists already, or existed before: choose another name",
                                "label")
    themes.append({"id": theme_id, "label": label, "description": description,
                   "keywords": _terms(keywords), "examples": _terms(examples)})
    return _save({**row.document, "themes": themes}, officer, f"Added theme '{label}'")


def edit_theme(officer, theme_id, label, description, keywords, examples):
    row = current_row()
    themes = _themes(row)
    theme = _find(themes, theme_id)
    changes = []
    if label != theme["label"]:
        changes.append(f"renamed '{theme['label']}' to '{label}'")
    new = {"label": label, "description": description, "keywords": _terms(keywords), "examples": _terms(examples)}
    if any(new[k] != theme.get(k) for k in ("description", "keywords", "examples")):
        changes.append(f"changed the wording of '{label}'")
    if not changes:
        raise CodebookEditError("Nothing was changed")
    theme.update(new)
    return _save({**row.document, "themes": themes}, officer, "; ".join(changes).capitalize())


def retire_theme(officer, theme_id):
    row = current_row()
    themes = _themes(row)
    theme = _find(themes, theme_id)
    if len(themes) == 1:
        raise CodebookEditError("A codebook needs at least one theme")
    document = {**row.document, "themes": [t for t in themes if t["id"] != theme_id]}
    if document.get("null_answer_theme") == theme_id:
        document.pop("null_answer_theme")
    return _save(document, officer, f"Retired theme '{theme['label']}' (past tags keep it)")


def merge_themes(officer, source_id, target_id):
    """Merge `source_id` into `target_id`: its keywords, examples and wording join the target."""
    if source_id == target_id:
        raise CodebookEditError("Choose two different themes to merge", "target")
    row = current_row()
    themes = _themes(row)
    source, target = _find(themes, source_id), _find(themes, target_id)
    for field in ("keywords", "examples"):
        target[field] = list(dict.fromkeys(target.get(field, []) + source.get(field, []) + (
            [source["label"]] if field == "keywords" else [])))
    document = {**row.document, "themes": [t for t in themes if t["id"] != source_id]}
    if document.get("null_answer_theme") == source_id:
        document["null_answer_theme"] = target_id
    return _save(document, officer, f"Merged '{source['label']}' into '{target['label']}'",
                 {source_id: target_id})


def merged_into():
    """{old theme id: the current theme it was merged into}, following chains of merges."""
    mapping = {}
    for row in db.session.scalars(select(CodebookVersion).order_by(CodebookVersion.id)):
        mapping.update(row.merged or {})
    resolved = {}
    for source in mapping:
        target, seen = mapping[source], {source}
        while target in mapping and target not in seen:
            seen.add(target)
            target = mapping[target]
        resolved[source] = target
    return resolved
