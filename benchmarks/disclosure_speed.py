"""How long disclosure control takes: the demo survey, then synthetic surveys up to 100,000 responses.

    python benchmarks/disclosure_speed.py                 # demo data, 10,000/100 and 100,000/500
    python benchmarks/disclosure_speed.py --responses 100000 --streets 500 --repeat 3

Prints CPU and wall seconds of ``disclosure.protect`` (the counts are made up front, as the portal's
SQL would return them; wall time is CPU time on an idle machine), and how many figures are shown,
"fewer than k" or "[hidden]": for the demo by level (the survey, a round, an area, a street),
audience and measure, for the synthetic surveys only the hidden respondent and theme figures for
all audiences. The synthetic survey: 2 rounds, residents
and businesses (about 1 in 12), areas of about 20 streets whose sizes are skewed (a few long
streets, many short ones), 14 themes from common to rare and 8 questions of 5 options, each
sometimes left unanswered.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import disclosure  # noqa: E402
from analysis.disclosure import ALL, RESPONDENTS, Suppressed  # noqa: E402

DEMO = Path(__file__).resolve().parents[1] / "tests" / "analysis" / "data" / "demo_counts.json"
THEMES = [f"theme_{i:02d}" for i in range(14)]
PREVALENCE = [0.35, 0.3, 0.25, 0.2, 0.15, 0.12, 0.1, 0.08, 0.06, 0.05, 0.03, 0.02, 0.01, 0.005]
QUESTIONS = {f"q{i}": ["o1", "o2", "o3", "o4", "o5"] for i in range(8)}


def synthetic(responses: int, streets: int, seed: int = 0) -> dict:
    """Counts as the portal's GROUP BY queries return them (cells of zero left out)."""
    rng = np.random.default_rng(seed)
    areas = max(1, streets // 20)
    size = rng.pareto(1.2, streets) + 0.2
    per_street = rng.multinomial(responses, size / size.sum())
    rounds, audiences = ["before", "after"], ["resident", "business"]
    respondents, themes, likert = [], [], []
    for s, n in enumerate(per_street):
        area, street = f"Area {s % areas:02d}", f"Street {s:03d}"
        split = rng.multinomial(n, [0.55 * 11 / 12, 0.55 / 12, 0.45 * 11 / 12, 0.45 / 12])
        for (r, a), m in zip([(r, a) for r in rounds for a in audiences], split):
            if not m:
                continue
            respondents.append((r, a, area, street, int(m)))
            for theme, p in zip(THEMES, PREVALENCE):
                if y := int(rng.binomial(m, p)):
                    themes.append((r, a, area, street, theme, y))
            for q, options in QUESTIONS.items():
                shares = rng.dirichlet(np.ones(len(options) + 1) * 2)
                for option, c in zip(options, rng.multinomial(m, shares)[:-1]):  # the last: not answered
                    if c:
                        likert.append((r, a, area, street, q, option, int(c)))
    return dict(respondents=respondents, themes=themes, likert=likert, rounds=rounds, audiences=audiences,
                theme_ids=THEMES, likert_options=QUESTIONS)


def demo() -> dict:
    data = json.loads(DEMO.read_text())
    return {key: data[key] for key in ("respondents", "themes", "likert", "rounds", "audiences", "theme_ids",
                                       "likert_options")}


def hidden_by_level(cube) -> Counter:
    """Figures by (level, audience, measure, what is shown): level "total" (the whole survey, all
    rounds), "round" (the whole survey, one round), "area" or "street" (any round); audience "all"
    or "one"; measure respondents, themes or answers; shown, "fewer than k" or "[hidden]"."""
    counts: Counter = Counter()
    for row in cube.rows():
        level = "round" if row.place.level == "total" and row.round is not ALL else row.place.level
        measure = "respondents" if row.measure == RESPONDENTS else "answers" if row.question else "themes"
        value = row.value
        shown = "shown" if not isinstance(value, Suppressed) else "[hidden]" if value.reason == "secondary" else "fewer"
        counts[level, "all" if row.audience is ALL else "one", measure, shown] += 1
    return counts


def report(counts: Counter) -> None:
    print(f"  {'level':7}{'audience':10}{'measure':13}{'shown':>7}{'fewer':>7}{'[hidden]':>9}")
    for level in ("total", "round", "area", "street"):
        for audience in ("all", "one"):
            for measure in ("respondents", "themes", "answers"):
                row = [counts[level, audience, measure, s] for s in ("shown", "fewer", "[hidden]")]
                if any(row):
                    print(f"  {level:7}{audience:10}{measure:13}{row[0]:>7}{row[1]:>7}{row[2]:>9}")


def run(name: str, survey: dict, repeat: int, detail: bool = False) -> None:
    cpu, wall = [], []
    for _ in range(repeat):
        t0, w0 = time.process_time(), time.perf_counter()
        cube = disclosure.protect(**survey)
        cpu.append(time.process_time() - t0)
        wall.append(time.perf_counter() - w0)
    n = sum(row[-1] for row in survey["respondents"])
    places = len({(row[2], row[3]) for row in survey["respondents"]})
    print(f"{name}: {n:,} responses over {places} streets: protect() best of {repeat}: "
          f"{min(cpu):.2f} s CPU, {min(wall):.2f} s wall")
    counts = hidden_by_level(cube)
    if detail:
        report(counts)
    else:
        hidden = {(level, measure): counts[level, "all", measure, "[hidden]"]
                  for level in ("total", "round", "area", "street") for measure in ("respondents", "themes")}
        print("  hidden (all audiences, respondents/themes):", ", ".join(
            f"{level} {hidden[level, 'respondents']}/{hidden[level, 'themes']}"
            for level in ("total", "round", "area", "street")))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--responses", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--streets", type=int, nargs="*", default=[100, 500])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if DEMO.exists():
        run("demo survey", demo(), args.repeat, detail=True)
    for responses, streets in zip(args.responses, args.streets):
        repeat = max(1, args.repeat - 2) if responses > 50_000 else args.repeat  # a big one: fewer times
        run("synthetic", synthetic(responses, streets, args.seed), repeat)


if __name__ == "__main__":
    main()
