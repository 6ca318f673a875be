#!/usr/bin/env python3
"""Speed and memory of `python -m analysis tag` against simply reading, tokenising and
writing the same CSV.

    .venv/bin/python benchmarks/tag_speed.py [--rows 100000] [--model MODEL]

Generates N synthetic resident answers of 3 to 80 words (street-impact vocabulary mixed
with everyday words, some names, phone numbers and postcodes so that redaction and the
safeguarding screen do real work), then times, in one run:
  1. baseline: csv read -> nltk RegexpTokenizer -> csv write (id, text, tokens), in this process;
  2. the whole pipeline (themes + safeguarding + redaction + tone) as a child process,
     whose peak memory (ru_maxrss) is read with resource.getrusage(RUSAGE_CHILDREN).
Prints both times (wall and CPU), the ratios (baseline / tag: the target is at least 0.2) and peak MB.
"""
import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nltk.tokenize import RegexpTokenizer

ROOT = Path(__file__).resolve().parents[1]
TOPIC = ("kerb crawlers cars slowly needles condoms dealers drugs noise shouting at night unsafe "
         "children school police never came street lights alley back lane women selling sex "
         "vulnerable support house prices move away litter rubbish parked engines running "
         "burgled smashed window graffiti drinking gangs").split()
EVERYDAY = ("the a and it is was we my our they there every day week lately again really just "
            "still since last year been getting better worse than before round here outside house "
            "road corner neighbours people always sometimes never think feel like would want "
            "morning evening weekend bus stop shop park near end of").split()
EXTRAS = ["call me on 07700 900123", "I live at 14 Grange Road", "postcode SR1 2AB",
          "John Smith next door", "reg AB12 CDE", "email me at a.b@example.com", "", "",
          "my 13 year old daughter was approached", "I am scared he will hurt me"]


def _lexicon_words() -> list[str]:
    """Several thousand real English words (VADER's lexicon), so caches meet a realistic
    vocabulary rather than the same hundred words."""
    import vaderSentiment
    path = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    with open(path, encoding="utf-8") as f:
        return [line.split("\t")[0] for line in f if line[:1].isalpha()]


def make_answers(path: Path, rows: int, seed: int = 0) -> None:
    """About 8% street-impact words, 15% other English words, the rest everyday words."""
    rnd = random.Random(seed)
    lexicon = _lexicon_words()
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        for i in range(rows):
            n = rnd.randint(3, 80)
            words = []
            for _ in range(n):
                r = rnd.random()
                words.append(rnd.choice(TOPIC) if r < 0.08 else rnd.choice(lexicon) if r < 0.23
                             else rnd.choice(EVERYDAY))
            if rnd.random() < 0.1:
                words.insert(rnd.randint(0, n), rnd.choice(EXTRAS))
            w.writerow([i, " ".join(words).capitalize() + "."])


def baseline(src: Path, dst: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the plain read -> tokenise -> write pass."""
    tokenizer = RegexpTokenizer(r"\w+|[^\w\s]+")
    start, cpu = time.perf_counter(), time.process_time()
    with open(src, newline="", encoding="utf-8") as fin, open(dst, "w", newline="", encoding="utf-8") as fout:
        reader, writer = csv.DictReader(fin), csv.writer(fout)
        writer.writerow(["id", "text", "tokens"])
        for row in reader:
            writer.writerow([row["id"], row["text"], " ".join(tokenizer.tokenize(row["text"]))])
    return time.perf_counter() - start, time.process_time() - cpu


def _tree_memory_mb(pid: int) -> tuple[float, float]:
    """(sum of RSS, sum of PSS) in MB over a process and its children, from /proc (Linux).
    PSS splits pages shared after fork between the processes that share them."""
    pids, rss, pss = [pid], 0, 0
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            pids += [int(p) for p in f.read().split()]
    except OSError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss / 1024, pss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--model", help="also load this model (trained with the default codebook)")
    ap.add_argument("--jobs", type=int, help="passed to `analysis tag` (default: its own choice)")
    ap.add_argument("--codebook-only", action="store_true",
                    help="passed to `analysis tag`: without the built-in model (default: with it, as the product runs)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "answers.csv"
        make_answers(src, args.rows)
        base, base_cpu = baseline(src, Path(tmp) / "baseline.csv")
        command = [sys.executable, "-m", "analysis", "tag", "--input", str(src), "--output", str(Path(tmp) / "tagged.csv")]
        if args.model:
            command += ["--model", args.model]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        if args.codebook_only:
            command.append("--codebook-only")
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT)
        peak_rss_sum = peak_pss_sum = 0.0
        while proc.poll() is None:  # sample the whole process tree: workers included
            rss, pss = _tree_memory_mb(proc.pid)
            peak_rss_sum, peak_pss_sum = max(peak_rss_sum, rss), max(peak_pss_sum, pss)
            time.sleep(0.2)
        tag = time.perf_counter() - start
        if proc.returncode:
            sys.exit(f"analysis tag failed with exit code {proc.returncode}")
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_mb = child.ru_maxrss / 1024  # kB on Linux
        tag_cpu = child.ru_utime + child.ru_stime
        with open(Path(tmp) / "tagged.csv", newline="", encoding="utf-8") as f:
            out_rows = sum(1 for _ in csv.DictReader(f))
    print(f"rows:                 {args.rows:,} in, {out_rows:,} out")
    print(f"read+tokenise+write:  {base:.2f} s wall, {base_cpu:.2f} s CPU")
    print(f"analysis tag:         {tag:.2f} s wall, {tag_cpu:.2f} s CPU  ({args.rows / tag:,.0f} answers/s)")
    print(f"ratio (target >= 0.2): {base / tag:.3f} wall, {base_cpu / tag_cpu:.3f} CPU "
          "(CPU is the fairer figure on a busy machine)")
    print(f"peak memory of tag:   {peak_mb:.0f} MB largest process (ru_maxrss; target < 400); "
          f"whole tree with workers: {peak_pss_sum:.0f} MB PSS, {peak_rss_sum:.0f} MB summed RSS")


if __name__ == "__main__":
    main()
