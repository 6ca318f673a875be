#!/usr/bin/env python3
"""Themes, safeguarding and personal-data figures on labelled resident-answer sets, several
sets at once, each scored on its own and pooled.

    .venv/bin/python benchmarks/resident_eval.py                 # the development sets
    .venv/bin/python benchmarks/resident_eval.py --show-misses   # and what went wrong on them
    .venv/bin/python benchmarks/resident_eval.py --csv A.csv B.csv

The development sets are those that may be read and tuned on (benchmarks/README.md): the
fourth writer's set in data/dev/ and the older hold-outs, all scored once already.
`fresh_sets_eval.py` scores the sealed sets with these same functions.

Per set: theme micro-F1 (precision, recall) where the set labels themes; disclosures found
among the answers labelled with a safeguarding category; false flags among the answers
labelled with none; personal data removed (every letter and digit of a labelled piece inside
a placeholder) and answers without personal data that lost a word. Sets that label no
disclosure at all (the theme and personal-data hold-outs) count for themes and personal data
only. Figures, not a test.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis import metrics  # noqa: E402
from analysis.redact import redact  # noqa: E402
from analysis.safeguarding import screen  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
# Theme-labelled sets first; a *_safeguarding.csv set's themes column is no label.
DEV_SETS = [DATA / "dev" / "writer_d_themes.csv", DATA / "theme_answers_holdout.csv",
            DATA / "theme_answers_holdout2.csv", DATA / "dev" / "writer_d_safeguarding.csv",
            DATA / "resident_answers_holdout10.csv", DATA / "resident_answers_holdout11.csv",
            DATA / "buried_disclosures_holdout.csv", DATA / "ordinary_answers_holdout.csv",
            DATA / "personal_data_holdout.csv", DATA / "personal_data_holdout2.csv"]


# Written to hold no disclosure at all, so every flag on it is false.
ALL_ORDINARY = {"ordinary_answers_holdout.csv"}


def split(value: str | None, sep: str) -> list[str]:
    return [v.strip() for v in (value or "").split(sep) if v.strip()]


def labels_themes(path: Path, rows: list[dict]) -> bool:
    return "themes" in rows[0] and not path.stem.endswith("_safeguarding") and any(r["themes"] for r in rows)


@dataclass
class Figures:
    name: str
    theme_gold: list = field(default_factory=list)
    theme_pred: list = field(default_factory=list)
    disclosures: int = 0
    found: int = 0
    rules_found: int = 0
    others: int = 0
    false_flags: int = 0
    rules_false: int = 0
    pii: int = 0
    pii_removed: int = 0
    clean: int = 0
    clean_lost: int = 0
    category_total: Counter = field(default_factory=Counter)
    category_found: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)
    false: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    theme_errors: list = field(default_factory=list)

    def add(self, other: "Figures") -> None:
        for name in ("theme_gold", "theme_pred", "misses", "false", "kept", "theme_errors"):
            getattr(self, name).extend(getattr(other, name))
        for name in ("disclosures", "found", "rules_found", "others", "false_flags", "rules_false", "pii",
                     "pii_removed", "clean", "clean_lost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.category_total.update(other.category_total)
        self.category_found.update(other.category_found)


def removed(text: str, piece: str, spans) -> bool:
    at = text.find(piece)
    return at >= 0 and all(not ch.isalnum() or any(s.start <= at + i < s.end for s in spans)
                           for i, ch in enumerate(piece))


def score(path: Path, codebook) -> Figures:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    fig = Figures(path.name)
    results = analysis.tag([r["text"] for r in rows], codebook)
    themed = labels_themes(path, rows)
    # A set that labels no disclosure at all was not written to test the screen (the theme
    # and personal-data hold-outs hold real disclosures nobody labelled): its flags are not
    # counted as false.
    sg_labelled = any(r.get("safeguarding") for r in rows) or path.name in ALL_ORDINARY
    for row, result in zip(rows, results):
        text = row["text"]
        if themed:
            gold = split(row["themes"], ";")
            fig.theme_gold.append(gold)
            fig.theme_pred.append(list(result.themes))
            if set(gold) != set(result.themes):
                fig.theme_errors.append((sorted(set(gold) - set(result.themes)),
                                         sorted(set(result.themes) - set(gold)), text))
        if sg_labelled:
            gold_sg = set(split(row["safeguarding"], ";"))
            rules = screen(text).flagged
            if gold_sg:
                fig.disclosures += 1
                fig.found += bool(result.safeguarding)
                fig.rules_found += rules
                for c in gold_sg:
                    fig.category_total[c] += 1
                    fig.category_found[c] += c in result.safeguarding
                if not result.safeguarding:
                    fig.misses.append((sorted(gold_sg), text))
            else:
                fig.others += 1
                fig.false_flags += bool(result.safeguarding)
                fig.rules_false += rules
                if result.safeguarding:
                    source = {e.source for e in result.safeguarding_evidence}
                    fig.false.append((sorted(result.safeguarding), "model" if source == {"model"} else "rules", text))
        if "pii" in row:
            pieces = split(row["pii"], " | ")
            redaction = redact(text)
            if pieces:
                for piece in pieces:
                    fig.pii += 1
                    if removed(text, piece, redaction.spans):
                        fig.pii_removed += 1
                    else:
                        fig.kept.append((piece, redaction.text))
            else:
                fig.clean += 1
                fig.clean_lost += bool(redaction.spans)
    return fig


def micro(fig: Figures, codebook) -> dict | None:
    if not fig.theme_gold:
        return None
    return metrics.scores(fig.theme_gold, fig.theme_pred, codebook.theme_ids)


def row(fig: Figures, codebook) -> str:
    m = micro(fig, codebook)
    themes = (f"{m['micro']['f1']:.3f} ({m['micro']['precision']:.2f}/{m['micro']['recall']:.2f})"
              if m else "-")
    sg = f"{fig.found}/{fig.disclosures}" if fig.disclosures else "-"
    ff = f"{fig.false_flags}/{fig.others}" if fig.others else "-"
    rules = f"{fig.rules_found}/{fig.disclosures}, {fig.rules_false}/{fig.others}" if fig.disclosures or fig.others else "-"
    pii = f"{fig.pii_removed}/{fig.pii}" if fig.pii else "-"
    clean = f"{fig.clean_lost}/{fig.clean}" if fig.clean else "-"
    return f"{fig.name[:34]:<35}{themes:>20}{sg:>9}{ff:>9}{rules:>16}{pii:>9}{clean:>9}"


def report(figures: list[Figures], codebook, show_misses: bool = False, per_theme: bool = True) -> Figures:
    print(f"{'set':<35}{'themes F1 (P/R)':>20}{'found':>9}{'false':>9}{'rules alone':>16}{'pii':>9}{'clean':>9}")
    pooled = Figures("pooled")
    for fig in figures:
        print(row(fig, codebook))
        pooled.add(fig)
    print(row(pooled, codebook))
    m = micro(pooled, codebook)
    if m and per_theme:
        print("\npooled themes:")
        for theme, t in m["themes"].items():
            print(f"  {theme:24s} F1 {t['f1']:.2f}  (P {t['precision']:.2f}, R {t['recall']:.2f}, n {t['support']})")
    if pooled.category_total:
        print("categories found: " + ", ".join(f"{c} {pooled.category_found[c]}/{n}"
                                                for c, n in sorted(pooled.category_total.items())))
    if show_misses:
        print("\nmissed disclosures:", *(f"{c} {t}" for c, t in pooled.misses), sep="\n  ")
        print("\nfalse flags:", *(f"{c} [{s}] {t}" for c, s, t in pooled.false), sep="\n  ")
        print("\npersonal data kept:", *(f"{p!r} in {t!r}" for p, t in pooled.kept), sep="\n  ")
        print("\ntheme errors (missed, extra, text):",
              *(f"-{m} +{x} {t}" for m, x, t in pooled.theme_errors), sep="\n  ")
    return pooled


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", type=Path, nargs="+", default=DEV_SETS)
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    codebook = analysis.load_codebook()
    report([score(p, codebook) for p in args.csv], codebook, args.show_misses)


if __name__ == "__main__":
    main()
