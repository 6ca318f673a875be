#!/usr/bin/env python3
"""Write benchmarks/data/demo_complaints.csv: ordinary resident answers with no disclosure,
as training negatives for the learned safeguarding model (analysis/risk_model.py).

    .venv/bin/python benchmarks/make_demo_complaints.py

The sentences come from the demo's hand-written phrase pools (surveys/demo/phrases.yaml),
every section except ``safeguarding``: each sentence once, then answers of two to four
sentences joined the way the demo joins them, since multi-sentence complaints ("needles in
the lane ... my daughter ... the men in cars") are where a bag-of-words model over-flags.
Deterministic (fixed seed), so the file, and the model's record of its sha256, only change
when the phrases do.
"""
from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PHRASES = ROOT / "surveys" / "demo" / "phrases.yaml"
OUT = ROOT / "benchmarks" / "data" / "demo_complaints.csv"
COMPOSITES = 400


def sentences(data: dict) -> list[str]:
    out: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for item in node.values():
                walk(item)

    for section, node in data.items():
        if section not in ("fill", "safeguarding"):
            walk(node)
    return out


def main() -> None:
    data = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    rng = random.Random(2026)
    fill = data["fill"]

    def filled(sentence: str) -> str:
        values = {"phone": "07700 900123", "plate": "NK67 QAB", "number": str(rng.randint(2, 60)),
                  **{k: rng.choice(v) for k, v in fill.items()}}
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), sentence)

    pool = sentences(data)
    answers = [filled(s) for s in pool]
    for _ in range(COMPOSITES):
        answers.append(" ".join(filled(s) for s in rng.sample(pool, rng.randint(2, 4))))
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["text", "themes", "safeguarding", "pii"])
        writer.writerows([a, "", "", ""] for a in answers)
    print(f"{len(answers)} answers ({len(pool)} sentences, {COMPOSITES} composites) -> {OUT}")


if __name__ == "__main__":
    main()
