"""The built-in theme model: the default codebook, taught by residents' own wording.

A codebook says what each theme means in an analyst's words; residents say it in theirs
("a car went round three times then stopped by the lass at the bus shelter", "the trade",
"blokes sniffing about"). Measured on writers whose answers it never saw, the codebook alone
gave theme micro-F1 0.65 to 0.75; a :class:`~analysis.model.Model` trained on the other
writers' labelled answers, layered on the same codebook, 0.75 to 0.82, and 0.78 on two rounds of
fresh writers (benchmarks/README.md, "The built-in theme model"). So the default codebook ships with such a model, used wherever no
model of an officer's own is given: by ``analysis.tag``, ``python -m analysis tag`` and the
portal.

It fits one codebook version (its id, version and fingerprint): after an analyst edits the
codebook, the tagger falls back to the codebook alone until the model is retrained, and the
portal's retraining starts from this model's labelled answers (:func:`seed_examples`), so
officers' corrections add to what it knows instead of replacing it.

Built by (see benchmarks/README.md)::

    python -m analysis builtin CSV...

from CSVs with ``text`` and ``themes`` columns (labels in the default codebook's ids). The zip
is a normal model file plus ``seed.json``, the labelled answers it was trained on, and the
sha256 of each CSV, which a test checks against the files in ``benchmarks/data``.
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from functools import lru_cache
from pathlib import Path

from .codebook import Codebook, load_codebook
from .model import Model, ModelError, load_model

__all__ = ["DEFAULT_PATH", "builtin_model", "seed_examples", "sources", "build"]

DEFAULT_PATH = Path(__file__).with_name("models") / "street_impact_themes.zip"
SEED = "seed.json"


@lru_cache(maxsize=4)
def _load(path: Path) -> Model | None:
    try:
        return load_model(path)
    except ModelError:
        return None


def builtin_model(codebook: Codebook, path: Path = DEFAULT_PATH) -> Model | None:
    """The built-in model if it was trained with exactly ``codebook``, else None."""
    model = _load(path)
    if model is None:
        return None
    try:
        model.check_codebook(codebook)
    except ModelError:
        return None
    return model


@lru_cache(maxsize=4)
def _seed(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as z:
            return json.loads(z.read(SEED))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return {"texts": [], "labels": [], "sources": {}}


def seed_examples(codebook: Codebook | None = None, path: Path = DEFAULT_PATH) -> tuple[list[str], list[list[str]]]:
    """The labelled answers the built-in model learned from. With ``codebook``, only those
    whose every theme is one of its themes (an answer labelled with a theme the codebook
    has since retired or merged would otherwise teach a wrong "not this theme")."""
    seed = _seed(path)
    texts, labels = list(seed["texts"]), [list(x) for x in seed["labels"]]
    if codebook is None:
        return texts, labels
    known = set(codebook.theme_ids)
    kept = [i for i, label in enumerate(labels) if set(label) <= known]
    return [texts[i] for i in kept], [labels[i] for i in kept]


def sources(path: Path = DEFAULT_PATH) -> dict[str, str]:
    """{CSV file name: sha256} of the files the built-in model was built from."""
    return dict(_seed(path).get("sources", {}))


def read_labelled(paths: list[Path], codebook: Codebook) -> tuple[list[str], list[list[str]], dict[str, str]]:
    """Texts, theme lists and {file name: sha256}, from CSVs with text and themes columns.
    A row with a theme the codebook does not have stops the build, naming file and line."""
    import csv

    known = set(codebook.theme_ids)
    texts, labels, hashes = [], [], {}
    for path in paths:
        data = path.read_bytes()
        hashes[path.name] = hashlib.sha256(data).hexdigest()
        for line, row in enumerate(csv.DictReader(io.StringIO(data.decode("utf-8"))), start=2):
            themes = [t.strip() for t in (row.get("themes") or "").split(";") if t.strip()]
            unknown = set(themes) - known
            if unknown:
                raise ValueError(f"{path.name} line {line}: unknown theme {sorted(unknown)[0]!r}")
            texts.append(row["text"])
            labels.append(themes)
    return texts, labels, hashes


def build(paths: list[Path], output: Path = DEFAULT_PATH, codebook: Codebook | None = None) -> Model:
    """Train on the CSVs with ``codebook`` (default: the street-impact one) and write the zip."""
    from .training import train_model

    codebook = codebook or load_codebook()
    texts, labels, hashes = read_labelled(paths, codebook)
    model = train_model(texts, labels, codebook)
    output.parent.mkdir(parents=True, exist_ok=True)
    model.save(output)
    with zipfile.ZipFile(output, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(SEED, json.dumps({"texts": texts, "labels": labels, "sources": hashes}))
    _load.cache_clear()
    _seed.cache_clear()
    return model
