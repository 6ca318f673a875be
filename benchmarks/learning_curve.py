#!/usr/bin/env python3
"""Does learning from officers' corrections pay off? Micro-F1 of the codebook alone, of
`train` on at most 20 labelled answers a theme, and on all of them, beside the TF-IDF +
logistic regression baseline of compare.py, without touching any benchmark's test split.

    .venv/bin/python benchmarks/learning_curve.py            # every set below
    .venv/bin/python benchmarks/learning_curve.py --only resident

Sets:
* newport, nhs_fft (../shared/benchmarks): train_all.csv split in two halves (fixed seed);
  the model learns from half A, is scored on half B. Each with the benchmark codebook and
  with a weak codebook (the same themes, labels only: no keywords, description or examples),
  the case of an analyst whose codebook says little, where learning must carry the result.
* resident: learns from the older resident sets (theme hold-outs 1 and 2, resident_answers.csv)
  and is scored on the fourth writer's development set, with the default codebook; and, as
  officers label answers from the stream they analyse, all four writers pooled and halved.
  (The default codebook was written reading these sets' misses, so its zero-shot figure here
  flatters it.)

"20 a theme" follows the shared README: at most 20 answers a theme from the training part,
plus 100 answers with no theme where there are any. Figures, not a test.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis.training import per_theme_sample  # noqa: E402
from analysis.codebook import Codebook, Theme  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
DATA = ROOT / "benchmarks" / "data"


def read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows], [[t for t in r["themes"].split(";") if t] for r in rows]


def weak(codebook: Codebook) -> Codebook:
    """The same themes with their labels only."""
    return Codebook(codebook.id + "-labels-only", codebook.version, codebook.title,
                    tuple(Theme(t.id, t.label) for t in codebook.themes), codebook.source, codebook.null_answer_theme)


def baseline(train, test, themes) -> float:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer
    mlb = MultiLabelBinarizer(classes=themes).fit([themes])
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    clf = OneVsRestClassifier(LogisticRegression(C=10, max_iter=1000, class_weight="balanced"))
    clf.fit(vec.fit_transform(train[0]), mlb.transform([[t for t in ls if t in themes] for ls in train[1]]))
    pred, gold = clf.predict(vec.transform(test[0])), mlb.transform([[t for t in ls if t in themes] for ls in test[1]])
    return float(f1_score(gold, pred, average="micro", zero_division=0))


def curve(name: str, codebook: Codebook, train, test) -> None:
    known = set(codebook.theme_ids)
    train = (train[0], [[t for t in ls if t in known] for ls in train[1]])
    test = (test[0], [[t for t in ls if t in known] for ls in test[1]])
    small = per_theme_sample(*train)
    zero = analysis.evaluate(*test, codebook)["micro"]["f1"]
    cells = [f"{name:<28}{zero:>8.3f}"]
    for part in (small, train):
        model = analysis.train(*part, codebook=codebook)
        trained = analysis.evaluate(*test, codebook, model)["micro"]["f1"]
        cells.append(f"{trained:>8.3f} / {baseline(part, test, list(codebook.theme_ids)):.3f}")
    print("".join(cells), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["newport", "nhs", "resident"])
    args = ap.parse_args()
    print(f"{'set / codebook':<28}{'zero':>8}{'20 a theme / baseline':>24}{'all / baseline':>18}")
    for key, folder, book in (("newport", "newport_seeclickfix", "newport.yaml"), ("nhs", "nhs_fft", "nhs_fft.yaml")):
        if args.only not in (None, key):
            continue
        if not (SHARED / folder).exists():
            print(f"{key}: ../shared not present, skipped")
            continue
        texts, labels = read(SHARED / folder / "train_all.csv")
        order = list(range(len(texts)))
        random.Random(1).shuffle(order)
        half = len(order) // 2
        a = ([texts[i] for i in order[:half]], [labels[i] for i in order[:half]])
        b = ([texts[i] for i in order[half:]], [labels[i] for i in order[half:]])
        codebook = analysis.load_codebook(ROOT / "benchmarks" / "codebooks" / book)
        curve(f"{key} halves, its codebook", codebook, a, b)
        curve(f"{key} halves, labels only", weak(codebook), a, b)
    if args.only in (None, "resident"):
        train = ([], [])
        for name in ("theme_answers_holdout.csv", "theme_answers_holdout2.csv", "resident_answers.csv"):
            t, l = read(DATA / name)
            train[0].extend(t)
            train[1].extend(l)
        test = read(DATA / "dev" / "writer_d_themes.csv")
        codebook = analysis.load_codebook()
        curve("resident -> writer d", codebook, train, test)
        curve("resident -> writer d, labels", weak(codebook), train, test)
        # officers label answers from the same stream they analyse: all four writers pooled, halves
        pooled = (train[0] + test[0], train[1] + test[1])
        order = list(range(len(pooled[0])))
        random.Random(1).shuffle(order)
        half = len(order) // 2
        a = ([pooled[0][i] for i in order[:half]], [pooled[1][i] for i in order[:half]])
        b = ([pooled[0][i] for i in order[half:]], [pooled[1][i] for i in order[half:]])
        curve("resident pooled halves", codebook, a, b)
        curve("resident pooled, labels", weak(codebook), a, b)


if __name__ == "__main__":
    main()
