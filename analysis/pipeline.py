"""The whole per-answer pipeline: themes, safeguarding screen, redaction and tone.

Streaming by design: ``Pipeline.run`` takes any iterable of texts and yields one result per
text, holding at most one batch in memory (batches only exist so a learned model can
vectorise many texts in one call). A text that makes any stage fail comes back with
``error`` set, never dropped, so row counts in and out always match.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from .codebook import Codebook
from .evidence import Evidence
from .model import BATCH, Model
from .tagger import CodebookTagger, ThemeTags, uncertainty
from .text import is_null_answer, tokens

__all__ = ["TagResult", "ThemeEngine", "Pipeline", "OUTPUT_COLUMNS"]

OUTPUT_COLUMNS = ("themes", "scores", "evidence", "safeguarding", "redacted_text", "tone")


@dataclass(frozen=True, slots=True)
class TagResult:
    """Everything the pipeline found in one answer.

    ``evidence`` maps each assigned theme to the words that triggered it;
    ``safeguarding_evidence`` does the same for the safeguarding screen. ``error`` is set
    (and the other fields left empty) when the answer could not be processed.
    """

    themes: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    safeguarding: tuple[str, ...] = ()
    safeguarding_evidence: tuple[Evidence, ...] = ()
    redacted_text: str = ""
    tone: float | None = None
    error: str | None = None
    uncertainty: float = 0.0

    def to_row(self) -> dict[str, str]:
        """The six output columns of ``python -m analysis tag``: text, and the tone as a number."""
        if self.evidence or self.safeguarding_evidence or self.error:
            evidence = {"themes": {t: [_evidence_dict(e) for e in evs] for t, evs in self.evidence.items()},
                        "safeguarding": [_evidence_dict(e) for e in self.safeguarding_evidence]}
            if self.error:
                evidence["error"] = self.error
            evidence_json = _encode_evidence(evidence)
        else:
            evidence_json = _NO_EVIDENCE
        return {
            "themes": ";".join(self.themes),
            "scores": json.dumps(self.scores),  # in codebook order
            "evidence": evidence_json,
            "safeguarding": ";".join(self.safeguarding),
            "redacted_text": self.redacted_text,
            "tone": "" if self.tone is None else round(self.tone, 4),  # a number: it stays one in a spreadsheet
        }


_NO_EVIDENCE = json.dumps({"themes": {}, "safeguarding": []})
# json.dumps(..., ensure_ascii=False) builds a new encoder on every call; one is enough.
_encode_evidence = json.JSONEncoder(ensure_ascii=False).encode


def _evidence_dict(e: Evidence) -> dict[str, object]:
    # Evidence.to_dict() inlined: this runs for every piece of evidence of every answer.
    return {"term": e.term, "start": e.start, "end": e.end, "source": e.source}


def _as_text(value: object) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    # Lone surrogates (from undecodable input) would break encoding later; NULs break csv.
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")


class ThemeEngine:
    """Themes only: the codebook tagger, plus the learned model when one is given."""

    def __init__(self, codebook: Codebook, model: Model | None = None):
        if model is not None:
            model.check_codebook(codebook)
        self.codebook, self.model = codebook, model
        self.tagger = CodebookTagger(codebook)

    def tag_batch(self, texts: list[str]) -> list[ThemeTags]:
        """Themes of each text, in order."""
        if self.model is None:
            return [self.tagger.tag(t) for t in texts]
        # An answer that says nothing ("n/a", "-", "Nothing.") has no theme and nothing to be
        # unsure about: the codebook decides those, the model has no words to go on. (Unless
        # the codebook gives such answers a theme of their own: then the model learned it too.)
        if self.codebook.null_answer_theme is None:
            empty = [is_null_answer(t) for t in texts]
            if any(empty):
                rest = iter(self._with_model([t for t, e in zip(texts, empty) if not e]))
                return [self.tagger.tag(t) if e else next(rest) for t, e in zip(texts, empty)]
        return self._with_model(texts)

    def _with_model(self, texts: list[str]) -> list[ThemeTags]:
        if not texts:
            return []
        scored = [self.tagger.score(t) for t in texts]
        zero_shot = np.array([s for s, _ in scored], dtype=np.float32).reshape(len(texts), -1)
        blended = self.model.blended(texts, zero_shot)
        ids, thresholds = self.codebook.theme_ids, self.model.thresholds.tolist()
        out = []
        for text, row, chosen, (_, raw) in zip(texts, blended.tolist(), self.model.decide(blended), scored):
            evidence = {ids[i]: self.tagger.evidence(text, raw, i) or self._model_evidence(text, i)
                        for i in chosen}
            out.append(ThemeTags(tuple(ids[i] for i in chosen),
                                 {ids[i]: round(s, 4) for i, s in enumerate(row) if s >= 0.01},
                                 evidence, uncertainty((s, t) for s, t in zip(row, thresholds) if s >= 0.01)))
        return out

    def _model_evidence(self, text: str, theme: int) -> tuple[Evidence, ...]:
        # The codebook found nothing, so show the words the model leaned on most.
        toks = list(tokens(text))
        top = self.model.top_words(theme, [t.key for t in toks])
        return tuple(Evidence(t.text, t.start, t.end, "model") for t in toks if t.key in top)


class Pipeline:
    """Themes + safeguarding + redaction + tone for a stream of answers."""

    def __init__(self, codebook: Codebook, model: Model | None = None, batch_size: int = BATCH):
        # Imported here, not at module level, so `import analysis` (and the themes-only
        # commands) never depend on the heavier screening modules being importable.
        from .redact import redact
        from .risk_model import default_risk_model
        from .safeguarding import screen
        from .tone import tone
        self._screen, self._redact, self._tone = screen, redact, tone
        self._risk = default_risk_model()  # second opinion: where the rules find nothing, or only words
        self.themes = ThemeEngine(codebook, model)
        self.batch_size = batch_size

    @property
    def safeguarding_model_version(self) -> str | None:
        """First 16 hex digits of the learned safeguarding model's file hash (provenance)."""
        return self._risk.fingerprint[:16] if self._risk.fingerprint else None

    def run(self, texts: Iterable[object]) -> Iterator[TagResult]:
        """Yield one TagResult per input text, in order."""
        it = iter(texts)
        while batch := [_as_text(t) for t in islice(it, self.batch_size)]:
            try:
                themes: list[ThemeTags | Exception] = list(self.themes.tag_batch(batch))
            except Exception:  # noqa: BLE001 - isolate the failing text, keep the rest
                themes = [self._one_theme(t) for t in batch]
            for text, theme in zip(batch, themes):
                yield self._finish(text, theme)

    def _one_theme(self, text: str) -> ThemeTags | Exception:
        try:
            return self.themes.tag_batch([text])[0]
        except Exception as exc:  # noqa: BLE001
            return exc

    def _finish(self, text: str, theme: ThemeTags | Exception) -> TagResult:
        # Each stage fails alone: a theme error must not cost the safeguarding screen.
        errors: list[str] = []
        if isinstance(theme, Exception):
            errors.append(_describe("themes", theme))
            theme = _NO_THEMES
        try:
            screening = self._risk.review(text, self._screen(text))
            categories, screen_evidence = tuple(screening.categories), tuple(screening.evidence)
        except Exception as exc:  # noqa: BLE001 - reported on the row, never dropped
            errors.append(_describe("safeguarding", exc))
            categories, screen_evidence = (), ()
        try:
            redacted = self._redact(text).text
        except Exception as exc:  # noqa: BLE001
            errors.append(_describe("redact", exc))
            redacted = ""  # never fall back to the raw text
        try:
            tone: float | None = float(self._tone(text))
        except Exception as exc:  # noqa: BLE001
            errors.append(_describe("tone", exc))
            tone = None
        return TagResult(theme.themes, theme.scores, theme.evidence, categories, screen_evidence,
                         redacted, tone, "; ".join(errors) if errors else None, theme.uncertainty)


_NO_THEMES = ThemeTags(())


def _describe(stage: str, exc: BaseException) -> str:
    return f"{stage}: {exc.__class__.__name__}: {exc}"[:200]
