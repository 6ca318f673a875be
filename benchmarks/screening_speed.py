#!/usr/bin/env python3
"""Microseconds per answer for the safeguarding screen, redaction and tone.

    .venv/bin/python benchmarks/screening_speed.py [--n 20000] [--csv PATH]

Two sets of answers of 3 to 80 words, built from the hand-written resident answers:
"sentences" joins real answers end to end (realistic), "random words" draws words at random
from them (more trigger words per answer than real text: a pessimistic case). Each function
runs over every answer three times and the best run is reported, since other processes on
the machine add noise. Tone's cache is cleared before each run so repeats are not free.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import tone as tone_module  # noqa: E402
from analysis.redact import redact  # noqa: E402
from analysis.safeguarding import screen  # noqa: E402
from analysis.tone import tone  # noqa: E402


def answers(texts: list[str], n: int, rng: random.Random) -> dict[str, list[str]]:
    words = [w for t in texts for w in t.split()]
    sentences, random_words = [], []
    for _ in range(n):
        length = rng.randint(3, 80)
        random_words.append(" ".join(rng.choice(words) for _ in range(length)))
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < length:
            parts.append(rng.choice(texts))
        sentences.append(" ".join(" ".join(parts).split()[:length]))
    return {"sentences": sentences, "random words": random_words}


def best_us_per_text(fn, data: list[str], before=lambda: None) -> float:
    best = float("inf")
    for _ in range(3):
        before()
        start = time.perf_counter()
        for text in data:
            fn(text)
        best = min(best, time.perf_counter() - start)
    return best / len(data) * 1e6


def baseline_us_per_text(data: list[str]) -> float:
    """Reading a CSV of the answers, RegexpTokenizer on each, writing a CSV: the yardstick
    the whole tagging pipeline is held to (it must run at no less than a fifth of this speed)."""
    from nltk.tokenize import RegexpTokenizer

    source = io.StringIO()
    writer = csv.writer(source)
    writer.writerow(["text"])
    writer.writerows([t] for t in data)
    tokenizer = RegexpTokenizer(r"\w+")
    best = float("inf")
    for _ in range(3):
        source.seek(0)
        start = time.perf_counter()
        out = io.StringIO()
        w = csv.writer(out)
        for row in csv.DictReader(source):
            w.writerow([row["text"], " ".join(tokenizer.tokenize(row["text"]))])
        best = min(best, time.perf_counter() - start)
    return best / len(data) * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--csv", type=Path, default=ROOT / "benchmarks" / "data" / "resident_answers.csv")
    args = ap.parse_args()
    with args.csv.open(newline="", encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f) if row["text"].strip()]
    tone("warm up")  # builds the analyser (~50 ms) outside the timing
    for name, data in answers(texts, args.n, random.Random(0)).items():
        mean_words = sum(len(t.split()) for t in data) / len(data)
        print(f"{name}: {len(data)} answers, {mean_words:.0f} words on average")
        base = baseline_us_per_text(data)
        times = {
            "screen": best_us_per_text(screen, data),
            "redact": best_us_per_text(redact, data),
            "tone": best_us_per_text(tone, data, tone_module._tone.cache_clear),
        }
        for name_, us in times.items():
            print(f"  {name_:7s} {us:6.1f} us/text")
        total = sum(times.values())
        print(f"  all three {total:6.1f} us/text = {total / base:.1f}x the CSV+RegexpTokenizer baseline ({base:.1f} us/text);"
              f" the whole pipeline may take 5x")


if __name__ == "__main__":
    main()
