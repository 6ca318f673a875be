"""An answer as an officer sees it: redacted, with the evidence for each theme or flag marked.

Evidence offsets point into the ORIGINAL text, so the redacted view is built from the
original and the redaction's spans together: each piece of personal data becomes its
placeholder, and a mark never shows characters that were redacted. The template renders the
segments with autoescaping, so nothing a resident typed is ever treated as markup.
"""
from dataclasses import dataclass

from analysis.redact import redact


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: str = "text"   # "text", "mark" (theme evidence), "risk" (safeguarding evidence), "placeholder"
    label: str = ""      # what the mark is evidence of, for screen readers and hover


def segments(text, marks=(), redacted=True):
    """Split `text` into segments. `marks` are (start, end, kind, label) in the original
    text; overlapping marks keep the first given (pass risk evidence first)."""
    text = text or ""
    owner = [None] * len(text)
    for start, end, kind, label in marks:
        for i in range(max(0, start), min(len(text), end)):
            if owner[i] is None:
                owner[i] = (kind, label)
    spans = redact(text).spans if redacted else ()
    out, i = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < i:
            continue
        out.extend(_marked(text, owner, i, span.start))
        out.append(Segment(span.placeholder, "placeholder", "removed personal data"))
        i = span.end
    out.extend(_marked(text, owner, i, len(text)))
    return out


def _marked(text, owner, start, end):
    out, i = [], start
    while i < end:
        j = i
        while j < end and owner[j] == owner[i]:
            j += 1
        kind, label = owner[i] if owner[i] else ("text", "")
        out.append(Segment(text[i:j], kind, label))
        i = j
    return out


def evidence_marks(evidence, kind, label):
    """(start, end, kind, label) for stored evidence dicts ({"term", "start", "end", "source"})."""
    out = []
    for item in evidence or ():
        try:
            out.append((int(item["start"]), int(item["end"]), kind, label))
        except (KeyError, TypeError, ValueError):
            continue  # evidence from an older format: shown without a mark
    return out


def evidence_words(text, evidence, limit=3):
    """The first `limit` evidence terms as the officer may read them: each cut from the answer
    by its offsets with personal data replaced by placeholders, as in the redacted view (a
    term can be a stretch of words around a plate or a phone number). A term without offsets,
    from an older format, is redacted on its own."""
    text = text or ""
    spans = sorted(redact(text).spans, key=lambda s: s.start)
    words = []
    for item in list(evidence or ())[:limit]:
        try:
            start, end = max(0, int(item["start"])), min(len(text), int(item["end"]))
        except (KeyError, TypeError, ValueError):
            words.append(redact(str(item.get("term", "")) if isinstance(item, dict) else "").text)
            continue
        pieces, i = [], start
        for span in spans:
            if span.end <= i or span.start >= end:
                continue
            pieces.append(text[i:max(i, span.start)])
            pieces.append(span.placeholder)
            i = max(i, span.end)
        pieces.append(text[i:end] if i < end else "")
        words.append("".join(pieces))
    return [w for w in words if w.strip()]
