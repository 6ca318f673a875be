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

from analysis.redact import redact  # noqa: E402
from analysis.risk_model import default_risk_model  # noqa: E402
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


def theme_figures(rows: list[dict[str, str]]) -> str:
    try:
        import analysis

        codebook = analysis.load_codebook()
        results = analysis.tag([r["text"] for r in rows], codebook)
    except Exception as exc:  # the tagger belongs to another module; report, do not crash
        return f"theme tagger not available ({exc.__class__.__name__}: {exc})"
    tp = fp = fn = 0
    per_theme: Counter[tuple[str, str]] = Counter()
    for row, result in zip(rows, results):
        gold, got = set(split(row["themes"], ";")), set(result.themes)
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
        for t in gold & got:
            per_theme[(t, "tp")] += 1
        for t in got - gold:
            per_theme[(t, "fp")] += 1
        for t in gold - got:
            per_theme[(t, "fn")] += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    lines = [f"theme micro-F1 (default codebook, no model): {f1:.3f}  (precision {precision:.3f}, recall {recall:.3f}; "
             f"tp {tp}, fp {fp}, fn {fn})"]
    for theme in codebook.theme_ids:
        t_tp, t_fp, t_fn = per_theme[(theme, "tp")], per_theme[(theme, "fp")], per_theme[(theme, "fn")]
        t_f1 = 2 * t_tp / (2 * t_tp + t_fp + t_fn) if t_tp + t_fp + t_fn else 0.0
        lines.append(f"  {theme:24s} F1 {t_f1:.2f}  (tp {t_tp}, fp {t_fp}, fn {t_fn})")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--show-misses", action="store_true", help="print missed disclosures, false flags, kept PII")
    args = ap.parse_args()
    with args.csv.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(f"{len(rows)} labelled answers from {args.csv}")
    print()
    print(theme_figures(rows))

    disclosures = flagged = false_flags = unlabelled = 0
    cat_total: Counter[str] = Counter()
    cat_found: Counter[str] = Counter()
    misses, false = [], []
    pii_total: Counter[str] = Counter()
    pii_removed: Counter[str] = Counter()
    kept = []
    over_redacted = []
    risk = default_risk_model()
    rules_flagged = rules_false = 0
    for row in rows:
        text = row["text"]
        gold = set(split(row["safeguarding"], ";"))
        # As the pipeline screens: the rules, then the learned model where they find nothing.
        by_rules = set(screen(text).categories)
        got = by_rules or set(risk.screen(text).categories)
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
