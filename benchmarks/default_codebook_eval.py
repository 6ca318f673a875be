#!/usr/bin/env python3
"""Figures for the default street-impact codebook, the safeguarding screen and redaction
on hand-labelled resident answers (benchmarks/data/resident_answers.csv).

    .venv/bin/python benchmarks/default_codebook_eval.py [--csv PATH] [--show-misses]

Prints: theme micro-F1 of the default codebook (no model); safeguarding recall (answers
flagged / answers labelled with any category) and recall per category; false flags
(flagged answers labelled with none); the share of labelled personal-data substrings no
longer present in the redacted text, by kind. Figures, not a pass/fail test.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis import metrics  # noqa: E402
from analysis.redact import redact  # noqa: E402
from analysis.safeguarding import CATEGORIES, screen  # noqa: E402

DEFAULT_CSV = ROOT / "benchmarks" / "data" / "resident_answers.csv"

_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$", re.IGNORECASE)
_PLATE = re.compile(r"^[A-Z]{1,3}\s?[0-9]{1,4}\s?[A-Z]{0,3}$|^[A-Z][0-9]{1,3}\s?[A-Z]{3}$", re.IGNORECASE)
_ADDRESS = re.compile(r"\d|\b(?:number|no\.|flat)\b", re.IGNORECASE)


def pii_kind(substring: str) -> str:
    """The kind of a labelled personal-data substring, judged from the substring alone."""
    s = substring.strip()
    if s.startswith("@"):
        return "handle"
    if "@" in s:
        return "email"
    if s.lower().startswith(("http", "www.")) or re.search(r"\.(?:com|org|uk|net|io)\b", s):
        return "url"
    if sum(c.isdigit() for c in s) >= 9:
        return "phone"
    if _POSTCODE.match(s):
        return "postcode"
    if _PLATE.match(s) and any(c.isdigit() for c in s):
        return "vehicle"
    if _ADDRESS.search(s):
        return "address"
    return "name"


def split(value: str, sep: str) -> list[str]:
    return [v.strip() for v in value.split(sep) if v.strip()]


def theme_figures(rows: list[dict[str, str]], results, codebook) -> str:
    gold = [split(r["themes"], ";") for r in rows]
    figures = metrics.scores(gold, [r.themes for r in results], codebook.theme_ids)
    micro = figures["micro"]
    lines = [f"theme micro-F1 (default codebook, no model): {micro['f1']:.3f}  "
             f"(precision {micro['precision']:.3f}, recall {micro['recall']:.3f}; macro-F1 {figures['macro']['f1']:.3f})"]
    for theme, t in figures["themes"].items():
        lines.append(f"  {theme:24s} F1 {t['f1']:.2f}  (precision {t['precision']:.2f}, recall {t['recall']:.2f}, "
                     f"support {t['support']})")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--show-misses", action="store_true", help="print missed disclosures, false flags, kept PII")
    args = ap.parse_args()
    with args.csv.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(f"{len(rows)} labelled answers from {args.csv}")
    codebook = analysis.load_codebook()
    # One pass of the whole pipeline: themes, and safeguarding as the product screens it
    # (the rules, then the learned model where they find nothing).
    results = analysis.tag([r["text"] for r in rows], codebook)
    print()
    print(theme_figures(rows, results, codebook))

    disclosures = flagged = false_flags = unlabelled = 0
    cat_total: Counter[str] = Counter()
    cat_found: Counter[str] = Counter()
    misses, false = [], []
    pii_total: Counter[str] = Counter()
    pii_removed: Counter[str] = Counter()
    kept = []
    over_redacted = []
    rules_flagged = rules_false = 0
    for row, result in zip(rows, results):
        text = row["text"]
        gold = set(split(row["safeguarding"], ";"))
        got = set(result.safeguarding)
        by_rules = set(screen(text).categories)  # for the rules-alone figure
        rules_flagged += bool(gold and by_rules)
        rules_false += bool(by_rules and not gold)
        if gold:
            disclosures += 1
            flagged += bool(got)
            if not got:
                misses.append(text)
            for category in gold:
                cat_total[category] += 1
                cat_found[category] += category in got
        else:
            unlabelled += 1
            if got:
                false_flags += 1
                false.append((sorted(got), text))
        redaction = redact(text)
        redacted = redaction.text
        if not split(row["pii"], " | ") and redaction.spans:
            over_redacted.append(redacted)
        for substring in split(row["pii"], " | "):
            kind = pii_kind(substring)
            pii_total[kind] += 1
            # Removed means every letter and digit of it lies inside a placeholder's span
            # ("Sonia [NAME]" still shows a first name: not removed).
            at = text.find(substring)
            covered = at >= 0 and all(
                not ch.isalnum() or any(sp.start <= at + i < sp.end for sp in redaction.spans)
                for i, ch in enumerate(substring))
            if covered:
                pii_removed[kind] += 1
            else:
                kept.append((kind, substring, redacted))

    print()
    print(f"safeguarding recall (any category; rules + learned model): {flagged}/{disclosures} = "
          f"{flagged / max(disclosures, 1):.1%}   (rules alone: {rules_flagged}/{disclosures}, "
          f"{rules_false} false flags)")
    for category in CATEGORIES:
        total = cat_total[category]
        share = f"{cat_found[category] / total:.1%}" if total else "n/a"
        print(f"  {category:26s} {cat_found[category]}/{total} = {share}")
    print(f"false flags (flagged, labelled none): {false_flags}/{unlabelled} = {false_flags / max(unlabelled, 1):.1%}")

    print()
    total, removed = sum(pii_total.values()), sum(pii_removed.values())
    print(f"personal data removed: {removed}/{total} = {removed / max(total, 1):.1%}")
    for kind in sorted(pii_total):
        print(f"  {kind:10s} {pii_removed[kind]}/{pii_total[kind]} = {pii_removed[kind] / pii_total[kind]:.1%}")
    no_pii = sum(1 for row in rows if not split(row["pii"], " | "))
    print(f"answers with no personal data that still lost words: {len(over_redacted)}/{no_pii}")

    if args.show_misses:
        print("\nmissed disclosures:", *misses, sep="\n  ")
        print("\nfalse flags:", *(f"{c} {t}" for c, t in false), sep="\n  ")
        print("\npersonal data kept:", *(f"{k}: {s!r} in {r!r}" for k, s, r in kept), sep="\n  ")
        print("\nredacted without labelled personal data:", *over_redacted, sep="\n  ")


if __name__ == "__main__":
    main()
