"""Evidence: why a theme or a safeguarding category was assigned to a text.

Shared by the tagger, the learned model and the safeguarding screen, so an officer
always sees the same shape of explanation: the words matched and where they are in the
ORIGINAL text (character offsets, end exclusive), and what kind of match it was.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Evidence"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One matched word or phrase.

    Attributes:
        term: the codebook term (keyword, phrase...) or model feature that matched.
        start: offset of the first matched character in the original text.
        end: offset just after the last matched character (``text[start:end]``).
        source: what produced it: ``"keyword"``, ``"phrase"``, ``"label"``,
            ``"description"``, ``"example"``, ``"null_answer"`` (an answer saying there is
            nothing, where the codebook has a ``null_answer_theme``), ``"model"`` or
            ``"safeguarding:<category>"``.
    """

    term: str
    start: int
    end: int
    source: str

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"Evidence offsets must satisfy 0 <= start <= end, got {self.start}, {self.end}")

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict: ``{"term", "start", "end", "source"}``."""
        return {"term": self.term, "start": self.start, "end": self.end, "source": self.source}
