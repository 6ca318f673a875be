"""Theme codebooks: frozen, validated records loaded from YAML.

A codebook is data an analyst edits, so every validation error names the file, the theme
and the field, in one line a non-programmer can act on.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["Theme", "Codebook", "CodebookError", "load_codebook", "DEFAULT_CODEBOOK_PATH"]

DEFAULT_CODEBOOK_PATH = Path(__file__).with_name("codebooks") / "street_impact.yaml"
_ID_RE = re.compile(r"^[a-z0-9_]+$")


class CodebookError(ValueError):
    """A codebook file is missing, is not valid YAML, or breaks a rule."""


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme: what it is called and the words that signal it."""

    id: str
    label: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Codebook:
    """A versioned list of themes. ``fingerprint`` changes whenever any content changes,
    so a model trained on one codebook is never silently used with an edited one."""

    id: str
    version: int
    title: str
    themes: tuple[Theme, ...]
    source: str = "<memory>"
    # What an answer of "nothing" means depends on the question. To "What worries you about
    # your street?" it is no theme (the default); to "What could we do better?" it is praise,
    # and the codebook can name the theme it counts as.
    null_answer_theme: str | None = None

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    @property
    def fingerprint(self) -> str:
        """sha256 of the canonical content (not of the file, so comments do not count)."""
        content = {"codebook": self.id, "version": self.version, "title": self.title,
                   "themes": [[t.id, t.label, t.description, list(t.keywords), list(t.examples)]
                              for t in self.themes]}
        if self.null_answer_theme is not None:  # absent key: fingerprints of older codebooks hold
            content["null_answer_theme"] = self.null_answer_theme
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)


def _text_list(value, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list):
        raise CodebookError(f"{where}: field '{field}' must be a list of strings")
    out = []
    for item in value:
        if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
            raise CodebookError(f"{where}: field '{field}' must contain only non-empty strings, got {item!r}")
        out.append(str(item).strip())
    return tuple(out)


def _theme(raw, index: int, source: str) -> Theme:
    where = f"{source}: theme {index + 1}"
    if not isinstance(raw, dict):
        raise CodebookError(f"{where}: each theme must be a mapping with id, label, ...")
    theme_id = raw.get("id")
    if not isinstance(theme_id, str) or not _ID_RE.match(theme_id):
        raise CodebookError(f"{where}: field 'id' must match [a-z0-9_]+, got {theme_id!r}")
    where = f"{source}: theme '{theme_id}'"
    unknown = set(raw) - {"id", "label", "description", "keywords", "examples"}
    if unknown:
        raise CodebookError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise CodebookError(f"{where}: field 'label' is required and must be text")
    description = raw.get("description") or ""
    if not isinstance(description, str):
        raise CodebookError(f"{where}: field 'description' must be text")
    keywords = _text_list(raw.get("keywords"), where, "keywords")
    return Theme(theme_id, label.strip(), description.strip(), keywords,
                 _text_list(raw.get("examples"), where, "examples"))


def parse_codebook(data, source: str = "<memory>") -> Codebook:
    """Validate an already-parsed YAML document (a dict) and build a Codebook."""
    if not isinstance(data, dict):
        raise CodebookError(f"{source}: a codebook must be a mapping with codebook, version, title, themes")
    unknown = set(data) - {"codebook", "version", "title", "themes", "null_answer_theme"}
    if unknown:
        raise CodebookError(f"{source}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    cb_id = data.get("codebook")
    if not isinstance(cb_id, str) or not re.match(r"^[a-z0-9_-]+$", cb_id):
        raise CodebookError(f"{source}: field 'codebook' must be an id like street-impact, got {cb_id!r}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CodebookError(f"{source}: field 'version' must be a whole number of at least 1, got {version!r}")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise CodebookError(f"{source}: field 'title' is required and must be text")
    raw_themes = data.get("themes")
    if not isinstance(raw_themes, list) or not raw_themes:
        raise CodebookError(f"{source}: field 'themes' must be a non-empty list")
    themes = tuple(_theme(raw, i, source) for i, raw in enumerate(raw_themes))
    seen: set[str] = set()
    for t in themes:
        if t.id in seen:
            raise CodebookError(f"{source}: theme '{t.id}': field 'id' is used twice")
        seen.add(t.id)
    null_theme = data.get("null_answer_theme")
    if null_theme is not None and (not isinstance(null_theme, str) or null_theme not in seen):
        raise CodebookError(f"{source}: field 'null_answer_theme' must be one of the theme ids, got {null_theme!r}")
    return Codebook(cb_id, version, title.strip(), themes, source, null_theme)


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load and validate a codebook YAML file; ``None`` loads the default street-impact one.

    Raises CodebookError with a one-line message naming the file, theme and field.
    """
    path = Path(path) if path is not None else DEFAULT_CODEBOOK_PATH
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError(f"{path}: codebook file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError(f"{path}: cannot read codebook ({exc})") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise CodebookError(f"{path}: not valid YAML{at}") from None
    return parse_codebook(data, str(path))
