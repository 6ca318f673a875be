#!/usr/bin/env python3
"""How the built-in theme model does on a writer it never saw: leave one writer out.

    .venv/bin/python benchmarks/builtin_lowo.py            # every writer in turn
    .venv/bin/python benchmarks/builtin_lowo.py --only C E F

The built-in model (analysis/builtin.py) is trained on every labelled resident-answer set in
benchmarks/data, so scoring it on any of them measures its memory, not its reading. This
script trains it again once per writer, on all the other writers' sets, and scores that
writer's set with the codebook alone and with the model, so every figure is on wording the
model never saw. The codebook itself was tuned on some of these writers (README: the older
sets, A, B and D), so its own figure flatters on those; C, E and F it was never tuned on.

WRITERS is also the build list: `python -m analysis builtin` is given these same files
(benchmarks/README.md).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis import metrics  # noqa: E402
from analysis.builtin import read_labelled  # noqa: E402
from analysis.pipeline import ThemeEngine  # noqa: E402
from analysis.training import train_model  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
# One group per writer (or per batch of older hold-outs by the same hand), theme-labelled only.
WRITERS = {
    # (hold-outs 6 to 11 label safeguarding only: their empty themes column is no label)
    "older": [DATA / "resident_answers.csv", DATA / "resident_answers_holdout.csv",
              *(DATA / f"resident_answers_holdout{n}.csv" for n in range(2, 6))],
    "theme_holdouts": [DATA / "theme_answers_holdout.csv", DATA / "theme_answers_holdout2.csv"],
    "D": [DATA / "dev" / "writer_d_themes.csv"],
}
# Each writer's theme set, folder by folder, in the order they joined the build. The eleventh
# fresh sets (sealed11) are spent but not yet trained on: the last measurement of this model.
_WRITER_SETS = [("sealed", "a b c"), ("sealed2", "e f"), ("sealed3", "g h i"), ("sealed4", "m n o"),
                ("sealed5", "p q r"), ("training", "j k l"), ("sealed6", "s t u"), ("sealed7", "v w x"),
                ("sealed8", "aa ab ac"), ("sealed9", "ad ae af"), ("sealed10", "ag ah ai"), ("training2", "y z"),
                ("sealed11", "aj ak al"), ("sealed12", "am an ao"),
                ("sealed13", "ap aq ar"), ("sealed14", "as at au"), ("sealed15", "av aw ax"),
                ("sealed16", "ay az ba")]
WRITERS.update({w.upper(): [DATA / folder / f"writer_{w}_themes.csv"]
                for folder, letters in _WRITER_SETS for w in letters.split()})


def build_files() -> list[Path]:
    """Every file the built-in model is built from, in WRITERS order."""
    return [p for paths in WRITERS.values() for p in paths if p.exists()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", help="writers to leave out in turn (default: all)")
    args = ap.parse_args()
    codebook = analysis.load_codebook()
    sets = {w: read_labelled([p for p in paths if p.exists()], codebook)[:2] for w, paths in WRITERS.items()}
    sets = {w: s for w, s in sets.items() if s[0]}
    zero_shot = ThemeEngine(codebook)
    print(f"{'writer left out':<16}{'answers':>8}{'trained on':>11}{'codebook F1':>13}{'model F1':>10}{'train s':>9}")
    for writer in args.only or list(sets):
        texts, gold = sets[writer]
        train_texts = [t for w, s in sets.items() if w != writer for t in s[0]]
        train_labels = [y for w, s in sets.items() if w != writer for y in s[1]]
        before = metrics.scores(gold, [r.themes for r in zero_shot.tag_batch(texts)], codebook.theme_ids)
        started = time.process_time()
        model = train_model(train_texts, train_labels, codebook)
        seconds = time.process_time() - started
        after = metrics.scores(gold, [r.themes for r in ThemeEngine(codebook, model).tag_batch(texts)],
                               codebook.theme_ids)
        print(f"{writer:<16}{len(texts):>8}{len(train_texts):>11}{before['micro']['f1']:>13.3f}"
              f"{after['micro']['f1']:>10.3f}{seconds:>9.1f}", flush=True)


if __name__ == "__main__":
    main()
