#!/usr/bin/env python3
"""The safeguarding screen on a writer its learned second opinion never saw: leave one out.

    .venv/bin/python benchmarks/safeguarding_lowo.py            # writers A to L in turn
    .venv/bin/python benchmarks/safeguarding_lowo.py --only J K

The shipped second opinion (analysis/models/safeguarding.zip) is trained on every labelled
file it names, so scoring it on one of them measures its memory. This script trains it again
once per writer, on every other file the shipped model was built from, with the shipped
model's thresholds, vetoes and settings, and screens that writer's answers as the pipeline does
(the rules, and the model where they find nothing or where it vetoes their flag). The rules were
written with some of these writers' mistakes in view (benchmarks/README.md says which), so their
share flatters.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.risk_model import default_risk_model, read_labelled, train_risk_model, writer_of  # noqa: E402
from analysis.safeguarding import screen  # noqa: E402

DATA = ROOT / "benchmarks" / "data"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", help="writers (letters) to leave out in turn (default: every writer_X)")
    ap.add_argument("--no-veto", action="store_true", help="let every flag of the rules stand, as before issue 11's vetoes")
    ap.add_argument("--show-misses", action="store_true", help="print each missed disclosure and false flag")
    args = ap.parse_args()
    shipped = default_risk_model()
    files = {p.name: p for p in DATA.rglob("*.csv")}
    sources = [files[name] for name in shipped.sources]
    writers = sorted({writer_of(p) for p in sources if p.name.startswith("writer_")})
    if args.only:
        writers = [f"writer_{w.lower()}" for w in args.only]
    print(f"threshold {shipped.threshold}, sentences {shipped.sentence_threshold}, "
          f"vetoes {'none' if args.no_veto else shipped.veto}")
    print(f"{'writer left out':<16}{'disclosures found':>19}{'by rules':>10}{'false flags':>18}{'by rules':>10}")
    pooled = [0, 0, 0, 0, 0, 0]
    for writer in writers:
        held = [p for p in sources if writer_of(p) == writer]
        texts, cats, _ = read_labelled([p for p in sources if p not in held])
        model = train_risk_model(texts, cats, threshold=shipped.threshold,
                                 sentence_threshold=shipped.sentence_threshold,
                                 veto={} if args.no_veto else shipped.veto)
        figures = [0, 0, 0, 0, 0, 0]  # found, by rules, disclosures, false, by rules, others
        held_texts, held_cats, _ = read_labelled(held)
        for text, categories in zip(held_texts, held_cats):
            rules = screen(text)
            by_rules = rules.flagged
            flagged = model.review(text, rules).flagged
            if args.show_misses and flagged != bool(categories):
                by = f"rules {';'.join(rules.categories)}" if by_rules else "model"
                risk = model.risk(text)
                print(f"  {'MISSED' if categories else 'FALSE'} {';'.join(categories)} [{by}, risk {risk:.2f}]: {text}")
            if categories:
                figures[0] += flagged
                figures[1] += by_rules
                figures[2] += 1
            else:
                figures[3] += flagged
                figures[4] += by_rules
                figures[5] += 1
        pooled = [a + b for a, b in zip(pooled, figures)]
        print(_row(writer, figures), flush=True)
    print(_row("pooled", pooled))


def _row(name: str, f: list[int]) -> str:
    found = f"{f[0]}/{f[2]} ({f[0] / max(f[2], 1):.3f})"
    false = f"{f[3]}/{f[5]} ({f[3] / max(f[5], 1):.1%})"
    return f"{name:<16}{found:>19}{f[1]:>10}{false:>18}{f[4]:>10}"


if __name__ == "__main__":
    main()
