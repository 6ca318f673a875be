"""StreetVoice text analysis: theme tagging, safeguarding screening, redaction and tone.

Pure Python (no web framework, no database), usable alone::

    import analysis
    codebook = analysis.load_codebook()              # the default street-impact codebook
    results = analysis.tag(["Kerb crawlers every night"], codebook)
    results[0].themes, results[0].evidence

or from the shell: ``python -m analysis tag|train|evaluate|phrases`` (see ``--help``).

Public API:
    load_codebook(path=None) -> Codebook; parse_codebook(dict, source) -> Codebook (a document in memory)
    tag(texts, codebook=None, model=None) -> list[TagResult]; iter_tag(...) is the lazy form
    Pipeline(codebook, model=None).run(texts): the same, built once and reused (servers)
    train(texts, labels, codebook=None) -> Model; load_model(path, codebook=None) -> Model
    builtin_model(codebook) -> Model | None: the model shipped with the default codebook, which
        tag, evaluate and the portal use when given no model; seed_examples() its training answers
    evaluate(texts, labels, codebook=None, model=None) -> dict of precision/recall/F1
    emerging_phrases(texts, codebook=None, top=30) -> list[Phrase]
    agreement(labels_a, labels_b, codebook=None) -> dict with F1 and Krippendorff's alpha
    safe_csv_cell(value) -> str, for any CSV export of resident text
"""
from .builtin import builtin_model, seed_examples
from .api import agreement, check_labels, emerging_phrases, evaluate, iter_tag, tag, train
from .codebook import Codebook, CodebookError, Theme, load_codebook, parse_codebook
from .csvsafe import safe_csv_cell
from .evidence import Evidence
from .model import Model, ModelError, load_model
from .phrases import Phrase
from .pipeline import Pipeline, TagResult

__all__ = [
    "Codebook", "CodebookError", "Evidence", "Model", "ModelError", "Phrase", "Pipeline", "TagResult", "Theme",
    "agreement", "builtin_model", "check_labels", "emerging_phrases", "evaluate", "iter_tag", "load_codebook",
    "load_model", "parse_codebook", "safe_csv_cell", "seed_examples", "tag", "train",
]
