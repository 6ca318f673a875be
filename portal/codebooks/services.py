"""The stored codebook: reading the version in use, and saving analysts' edits as new versions.

Each save stores the whole codebook as a new version (the number goes up by one), so past tags
keep the version they were made with and nothing is lost: a retired theme stays in the
versions that had it, and `theme_labels()` still names it. A merge also records which theme
went into which, so counts (and retraining) can follow a theme into the one it became. A
theme's id never changes: a rename changes its label, so past tags show the new name.

The first time anything needs a codebook and none is stored, the file one
(`ANALYSIS_CODEBOOK`, or the default street-impact codebook) is stored as the first version.

Every edit says which version it was made from (`based_on`): if someone else saved a version
in between, the edit is refused instead of silently undoing theirs.
"""
import re
import unicodedata

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer, joinedload

import analysis
from analysis import parse_codebook
from portal import audit
from portal.codebooks.models import CodebookVersion, ThemeModel
from portal.extensions import db
from surveys.forms import clean_text

LABEL_MAX, DESCRIPTION_MAX = 100, 1000
# A keyword of words found together in one sentence ("car|van + slow|crawl + ask|offer", as the
# default codebook has them) runs longer than a phrase.
KEYWORD_MAX, KEYWORDS_MAX = 200, 300
EXAMPLE_MAX, EXAMPLES_MAX = 500, 50
CONFLICT = ("Someone else saved a new version of the codebook (now version {version}) since you opened this "
            "page. Check the themes and save again.")


class CodebookEditError(ValueError):
    """An edit the codebook cannot take; the message is shown to the analyst as it is, against
    `field` (a form field name) when one is to blame."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def current_row():
    """The stored version in use (the newest), storing the file codebook first if none is."""
    row = _newest()
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
        return _newest()
    return row


def _newest():
    return db.session.scalar(select(CodebookVersion).order_by(CodebookVersion.id.desc()).limit(1))


def codebook_of(row):
    """The analysis Codebook of a stored version (parsed once per app: a stored row never changes)."""
    cache = current_app.extensions.setdefault("streetvoice.codebooks", {})
    if row.id not in cache:
        if len(cache) > 8:
            cache.clear()
        cache[row.id] = parse_codebook(row.document, f"stored codebook {row.codebook_id} version {row.version}")
    return cache[row.id]


def current_model_row(codebook_row):
    """The newest model trained with this codebook version, or None. Its bytes (a few hundred
    kilobytes) load only when read, so asking which model is in use stays cheap."""
    return db.session.scalar(select(ThemeModel).options(defer(ThemeModel.data))
                             .where(ThemeModel.codebook_version_id == codebook_row.id)
                             .order_by(ThemeModel.id.desc()).limit(1))


def _document(book):
    doc = {"codebook": book.id, "version": book.version, "title": book.title,
           "themes": [{"id": t.id, "label": t.label, "description": t.description,
                       "keywords": list(t.keywords), "examples": list(t.examples)} for t in book.themes]}
    if book.null_answer_theme:
        doc["null_answer_theme"] = book.null_answer_theme
    return doc


def _history():
    """[(row id, version number, [(theme id, label)], merged)] for every stored version, oldest
    first. Versions are only ever added, so each app keeps the list and reads only the rows
    stored since it last looked (one small query a call)."""
    cache = current_app.extensions.setdefault("streetvoice.codebook_history", [])
    seen = cache[-1][0] if cache else 0
    rows = db.session.execute(select(CodebookVersion.id, CodebookVersion.version, CodebookVersion.document,
                                     CodebookVersion.merged)
                              .where(CodebookVersion.id > seen).order_by(CodebookVersion.id)).all()
    cache.extend((r.id, r.version, [(t["id"], t["label"]) for t in r.document.get("themes", ())], r.merged or {})
                 for r in rows)
    return cache


def theme_labels():
    """Every theme id ever stored -> its latest label, current themes first, with whether it
    is still in use: {id: (label, current)}. Past tags of a retired theme are still named."""
    current = codebook_of(current_row())
    labels = {t.id: (t.label, True) for t in current.themes}
    for _id, _number, themes, _merged in reversed(_history()):
        for theme_id, label in themes:
            labels.setdefault(theme_id, (label, False))
    return labels


def past_themes():
    """Themes no longer in the codebook, newest change first: [{id, label, last_version,
    merged_into (id or None)}]. Their past tags keep them; retraining maps merged ones."""
    current = set(codebook_of(current_row()).theme_ids)
    last = {}
    for _id, number, themes, _merged in _history():
        for theme_id, label in themes:
            last[theme_id] = (label, number)
    targets = merged_into()
    gone = [{"id": tid, "label": label, "last_version": number, "merged_into": targets.get(tid)}
            for tid, (label, number) in last.items() if tid not in current]
    return sorted(gone, key=lambda t: (-t["last_version"], t["label"].casefold()))


def merged_into():
    """{old theme id: the theme it was merged into}, following chains of merges."""
    mapping = {}
    for _id, _number, _themes, merged in _history():
        mapping.update(merged)
    resolved = {}
    for source in mapping:
        target, seen = mapping[source], {source}
        while target in mapping and target not in seen:
            seen.add(target)
            target = mapping[target]
        resolved[source] = target
    return resolved


def versions():
    """Every stored version, newest first, with who saved it (documents not loaded)."""
    return db.session.scalars(select(CodebookVersion).options(defer(CodebookVersion.document),
                                                              joinedload(CodebookVersion.created_by))
                              .order_by(CodebookVersion.id.desc())).all()


def version_row(number):
    """The stored version with this number (of the codebook in use), or None."""
    row = current_row()
    return db.session.scalar(select(CodebookVersion).where(CodebookVersion.codebook_id == row.codebook_id,
                                                           CodebookVersion.version == number))


def theme(theme_id, row=None):
    """The theme with this id in the codebook in use (or in `row`), or None."""
    for t in codebook_of(row or current_row()).themes:
        if t.id == theme_id:
            return t
    return None


# --- Editing -------------------------------------------------------------------------------

def _save(row, document, officer, note, merged=None):
    """Validate and store `document` as the version after `row`; returns the new row."""
    number = (db.session.scalar(select(func.max(CodebookVersion.version))
                                .where(CodebookVersion.codebook_id == row.codebook_id)) or 0) + 1
    document = {**document, "version": number}
    try:
        book = parse_codebook(document, "codebook")
    except analysis.CodebookError as exc:
        raise CodebookEditError(str(exc).removeprefix("codebook: ")) from None
    new = CodebookVersion(codebook_id=book.id, version=book.version, document=document,
                          fingerprint=book.fingerprint, note=note, merged=merged or {},
                          created_by_id=officer.id if officer else None)
    db.session.add(new)
    audit.record("codebook_changed", officer, target=f"codebook:{book.id}", version=number, change=note)
    try:
        db.session.commit()
    except IntegrityError:  # another analyst saved the same version number a moment before
        db.session.rollback()
        raise CodebookEditError(CONFLICT.format(version=_newest().version)) from None
    return new


def _base(based_on):
    """The version in use, refusing an edit made from an older one."""
    row = current_row()
    if based_on is not None and str(based_on) != str(row.version):
        raise CodebookEditError(CONFLICT.format(version=row.version))
    return row


def _themes(row):
    return [dict(t) for t in row.document["themes"]]


def _find(themes, theme_id):
    for theme_ in themes:
        if theme_["id"] == theme_id:
            return theme_
    raise CodebookEditError("There is no theme with that id in the codebook in use: it may have been "
                            "retired or merged by someone else")


def _has(text, categories):
    return any(unicodedata.category(c)[0] in categories for c in text)


def _key(text):
    return " ".join(text.casefold().split())


def _label(value, themes, own_id=None):
    label = " ".join((clean_text(value) or "").split())
    if not label or not _has(label, "LNPS"):
        raise CodebookEditError("Enter a name for the theme", "label")
    if len(label) > LABEL_MAX:
        raise CodebookEditError(f"Name must be {LABEL_MAX} characters or fewer", "label")
    for other in themes:
        if other["id"] != own_id and _key(other["label"]) == _key(label):
            raise CodebookEditError("A theme with this name is already in the codebook: choose another name",
                                    "label")
    return label


def _description(value):
    description = clean_text(value) or ""
    if len(description) > DESCRIPTION_MAX:
        raise CodebookEditError(f"Description must be {DESCRIPTION_MAX:,} characters or fewer", "description")
    return description


def _keywords(value):
    """Keywords and phrases, one a line or separated by commas -> a clean list, duplicates dropped."""
    items = value if isinstance(value, (list, tuple)) else re.split(r"[\n,]", clean_text(value) or "")
    out, seen = [], set()
    items = [" ".join((clean_text(i) or "").split()) for i in items]
    for number, item in enumerate((i for i in items if i), start=1):
        if not _has(item, "LN"):
            raise CodebookEditError(f"Keyword {number} must contain a letter or a number", "keywords")
        if len(item) > KEYWORD_MAX:
            raise CodebookEditError(f"Keyword {number} must be {KEYWORD_MAX} characters or fewer", "keywords")
        if _key(item) not in seen:
            seen.add(_key(item))
            out.append(item)
    if not out:
        raise CodebookEditError("Enter at least one keyword or phrase", "keywords")
    if len(out) > KEYWORDS_MAX:
        raise CodebookEditError(f"Enter {KEYWORDS_MAX} keywords or fewer", "keywords")
    return out


def _examples(value):
    items = value if isinstance(value, (list, tuple)) else (clean_text(value) or "").split("\n")
    out = []
    items = [clean_text(i) or "" for i in items]
    for number, item in enumerate((i for i in items if i), start=1):
        if not _has(item, "LN"):
            raise CodebookEditError(f"Example {number} must contain a letter or a number", "examples")
        if len(item) > EXAMPLE_MAX:
            raise CodebookEditError(f"Example {number} must be {EXAMPLE_MAX} characters or fewer", "examples")
        if item not in out:
            out.append(item)
    if len(out) > EXAMPLES_MAX:
        raise CodebookEditError(f"Enter {EXAMPLES_MAX} examples or fewer", "examples")
    return out


def theme_id_for(label, taken=()):
    """A new theme's id from its name: ASCII letters, digits and underscores, never one any
    version ever used (so a past tag never changes meaning)."""
    folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")[:60] or "theme"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base[:55]}_{n}", n + 1
    return candidate


def _few(items, limit=5):
    quoted = [f"'{item}'" for item in items[:limit]]
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(quoted) + more


def _sentence(parts):
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def add_theme(officer, label, description, keywords, examples, based_on=None):
    row = _base(based_on)
    themes = _themes(row)
    label = _label(label, themes)
    new = {"id": theme_id_for(label, set(theme_labels())), "label": label, "description": _description(description),
           "keywords": _keywords(keywords), "examples": _examples(examples)}
    themes.append(new)
    return _save(row, {**row.document, "themes": themes}, officer, f"Added theme '{label}'")


def edit_theme(officer, theme_id, label, description, keywords, examples, based_on=None):
    """Change a theme's name, description, keywords and phrases, or examples."""
    row = _base(based_on)
    themes = _themes(row)
    old = _find(themes, theme_id)
    new = {"label": _label(label, themes, theme_id), "description": _description(description),
           "keywords": _keywords(keywords), "examples": _examples(examples)}
    name = new["label"]
    changes = []
    if name != old["label"]:
        changes.append(f"renamed '{old['label']}' to '{name}'")
    if new["description"] != (old.get("description") or ""):
        changes.append(f"changed the description of '{name}'")
    before = old.get("keywords") or []
    added = [k for k in new["keywords"] if k not in before]
    removed = [k for k in before if k not in new["keywords"]]
    if added:
        changes.append(f"added {_few(added)} to the keywords of '{name}'")
    if removed:
        changes.append(f"removed {_few(removed)} from the keywords of '{name}'")
    if not added and not removed and new["keywords"] != before:
        changes.append(f"reordered the keywords of '{name}'")
    if new["examples"] != (old.get("examples") or []):
        changes.append(f"changed the examples of '{name}'")
    if not changes:
        raise CodebookEditError("You have not changed anything. Change the theme, or go back to the codebook",
                                "label")
    old.update(new)
    return _save(row, {**row.document, "themes": themes}, officer, _sentence(changes))


def retire_theme(officer, theme_id, based_on=None):
    """Take a theme out of the codebook: the machine stops suggesting it, past tags keep it."""
    row = _base(based_on)
    themes = _themes(row)
    gone = _find(themes, theme_id)
    if len(themes) == 1:
        raise CodebookEditError("A codebook needs at least one theme")
    document = {**row.document, "themes": [t for t in themes if t["id"] != theme_id]}
    if document.get("null_answer_theme") == theme_id:
        document.pop("null_answer_theme")
    return _save(row, document, officer, f"Retired theme '{gone['label']}' (past tags keep it)")


def merge_themes(officer, source_id, target_id, based_on=None):
    """Merge `source_id` into `target_id`: its name, keywords and examples join the target's."""
    if not target_id:
        raise CodebookEditError("Select the theme to merge it into", "target")
    if source_id == target_id:
        raise CodebookEditError("Select a different theme to merge it into", "target")
    row = _base(based_on)
    themes = _themes(row)
    source = _find(themes, source_id)
    try:
        target = _find(themes, target_id)
    except CodebookEditError:
        raise CodebookEditError("Select a theme from the list", "target") from None
    keywords = {_key(k) for k in target.get("keywords", [])}
    for keyword in [source["label"], *source.get("keywords", [])]:
        if _key(keyword) not in keywords and _has(keyword, "LN") and len(keyword) <= KEYWORD_MAX:
            keywords.add(_key(keyword))
            target["keywords"] = [*target.get("keywords", []), keyword]
    target["examples"] = list(dict.fromkeys(target.get("examples", []) + source.get("examples", [])))
    document = {**row.document, "themes": [t for t in themes if t["id"] != source_id]}
    if document.get("null_answer_theme") == source_id:
        document["null_answer_theme"] = target_id
    return _save(row, document, officer, f"Merged '{source['label']}' into '{target['label']}'",
                 {source_id: target_id})
