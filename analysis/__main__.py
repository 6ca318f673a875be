"""Command line: ``python -m analysis tag|train|evaluate|phrases|builtin``.

Every expected failure (missing file or column, bad YAML, unknown theme id, model trained
with another codebook) is one line on stderr and exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import csv
import gc
import json
import sys
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

from .api import emerging_phrases, evaluate, model_for, train
from .codebook import CodebookError, load_codebook
from .csvsafe import safe_csv_cell
from .builtin import DEFAULT_PATH, build
from .model import ModelError
from .parallel import default_jobs, tag_rows
from .pipeline import OUTPUT_COLUMNS, Pipeline
from .text import says_nothing

# Big enough for a 1 MB answer with room to spare; bounded so a file with no line breaks
# cannot make one "cell" take all memory.
csv.field_size_limit(64 * 1024 * 1024)


class UsageError(Exception):
    """An error the user can fix; printed as one line, exit code 2."""


@contextmanager
def _rows(path: str, *columns: str) -> Iterator[tuple[list[str], Iterator[dict[str, str]]]]:
    """Open a CSV and check its columns; yields (header, row iterator). Undecodable bytes
    and NULs are replaced, not fatal, so one corrupt answer does not stop a whole file."""
    try:
        f = open(path, newline="", encoding="utf-8-sig", errors="replace")
    except FileNotFoundError:
        raise UsageError(f"{path}: file not found") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot open ({exc.strerror})") from None
    with f:
        reader = csv.DictReader(line.replace("\x00", "") for line in f)
        try:
            header = list(reader.fieldnames or [])
        except csv.Error as exc:
            raise UsageError(f"{path}: not a readable CSV ({exc})") from None
        for column in columns:
            if column not in header:
                found = ", ".join(header) if header else "none (empty file)"
                raise UsageError(f"{path}: no column '{column}' (columns found: {found})")

        def rows() -> Iterator[dict[str, str]]:
            try:
                yield from reader
            except csv.Error as exc:
                raise UsageError(f"{path}: line {reader.line_num}: {exc}") from None
        yield header, rows()


def _labelled(args) -> tuple[list[str], list[list[str]]]:
    with _rows(args.input, args.text_column, args.labels_column) as (_, rows):
        texts, labels = [], []
        for row in rows:
            texts.append(row[args.text_column] or "")
            labels.append([t.strip() for t in (row[args.labels_column] or "").split(";") if t.strip()])
    return texts, labels


def _progress(iterable, **kwargs):
    if not sys.stderr.isatty():
        return iterable
    from tqdm import tqdm
    return tqdm(iterable, file=sys.stderr, unit=" answers", **kwargs)


def cmd_tag(args) -> None:
    codebook = load_codebook(args.codebook)
    # --model's model; else the built-in one where it fits the codebook, unless --codebook-only
    pipeline = Pipeline(codebook, model_for(args.model, codebook, not args.codebook_only))
    # Everything built so far (modules, codebook indices, the model) lives until exit. Frozen,
    # the cyclic garbage collector stops walking it again on every full collection of a long
    # run (a few per cent of its time on 100,000 answers), and forked workers leave its pages
    # shared.
    gc.collect()
    gc.freeze()
    with _rows(args.input, args.text_column) as (header, rows):
        out_columns = header + [c for c in OUTPUT_COLUMNS if c not in header]
        try:
            out = open(args.output, "w", newline="", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{args.output}: cannot write ({exc.strerror})") from None
        with out:
            writer = csv.writer(out)
            writer.writerow([safe_csv_cell(c) for c in out_columns])
            held: deque[dict[str, str]] = deque()

            def texts():  # keeps each batch's rows until their results come back
                for row in rows:
                    held.append(row)
                    yield row.get(args.text_column) or ""

            jobs = args.jobs or default_jobs(Path(args.input).stat().st_size)
            for output in _progress(tag_rows(pipeline, texts(), jobs)):
                row = held.popleft()
                row.update(output)
                # Every text cell, ours included, is neutralised; the tone is a number and
                # is written as one ("-0.38" is data, not a formula).
                writer.writerow([safe_csv_cell(row.get(c)) for c in out_columns])


def cmd_train(args) -> None:
    codebook = load_codebook(args.codebook)
    texts, labels = _labelled(args)
    if not texts:
        raise UsageError(f"{args.input}: no labelled rows to train on")
    try:
        model = train(texts, labels, codebook)  # checks the labels and names a bad row
    except ValueError as exc:
        raise UsageError(f"{args.input}: {exc}") from None
    try:
        model.save(args.output)
    except OSError as exc:
        raise UsageError(f"{args.output}: cannot write ({exc.strerror})") from None
    print(f"trained on {len(texts)} answers, {len(codebook.themes)} themes; saved {args.output}",
          file=sys.stderr)


def cmd_evaluate(args) -> None:
    codebook = load_codebook(args.codebook)
    model = model_for(args.model, codebook, not args.codebook_only)  # a bad model fails before the CSV is read
    texts, labels = _labelled(args)
    try:
        report = evaluate(texts, labels, codebook, model, builtin=False)  # model_for chose already
    except ValueError as exc:
        raise UsageError(f"{args.input}: {exc}") from None
    if args.json:
        print(json.dumps(report))
        return
    print(f"{'theme':<40}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}")
    for theme_id, s in report["themes"].items():
        print(f"{theme_id[:39]:<40}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}{s['support']:>9}")
    for avg in ("micro", "macro"):
        s = report[avg]
        print(f"{avg + ' average':<40}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}")
    print(f"{report['n']} answers")
    hint = _null_answer_hint(codebook, texts, labels)
    if hint:
        print(hint)


def _null_answer_hint(codebook, texts, labels) -> str | None:
    """A note when the labels give answers of "Nothing" a theme the codebook does not: to
    "What could we do better?" such an answer is praise, and the codebook can say so."""
    if codebook.null_answer_theme is not None:
        return None
    nothing = [set(label) for text, label in zip(texts, labels) if says_nothing(str(text or ""))]
    counts = Counter(theme for label in nothing for theme in label)
    if len(nothing) < 10 or not counts:
        return None
    theme, n = max(counts.items(), key=lambda item: (item[1], item[0]))
    if n < len(nothing) / 2:
        return None
    return (f"note: {n} of the {len(nothing)} answers that say there is nothing (\"Nothing\", \"None\") are labelled "
            f"{theme}. If the question asks what could be better, add 'null_answer_theme: {theme}' to the codebook.")


def cmd_phrases(args) -> None:
    codebook = load_codebook(args.codebook)
    with _rows(args.input, args.text_column) as (_, rows):
        phrases = emerging_phrases((r[args.text_column] or "" for r in rows), codebook, top=args.top)
    if not phrases:
        print("no frequent phrase outside the codebook's themes")
    for p in phrases:
        print(f"{p.count:>6}  {p.phrase}")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m analysis", description="StreetVoice text analysis")
    sub = ap.add_subparsers(dest="command", required=True)

    def add(name, help_text, *, model=False, output=False, labels=False):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--codebook", help="codebook YAML (default: the street-impact codebook)")
        if model:
            p.add_argument("--model", help="model file made by 'train' with the same codebook")
            p.add_argument("--codebook-only", action="store_true",
                           help="tag with the codebook alone (default: with the built-in model "
                                "where it was trained with this codebook)")
        p.add_argument("--input", required=True, help="CSV file of answers")
        p.add_argument("--text-column", default="text", help="column holding the answer (default: text)")
        if labels:
            p.add_argument("--labels-column", default="themes",
                           help="column of theme ids joined by ';' (default: themes)")
        if output:
            p.add_argument("--output", required=True)
        return p

    add("tag", "tag every answer: themes, scores, evidence, safeguarding, redacted text, tone",
        model=True, output=True).add_argument(
        "--jobs", type=int, default=0,
        help="worker processes (default: one per CPU, up to 4, for inputs over 2 MB; else 1)")
    add("train", "train a theme model from labelled answers", output=True, labels=True)
    add("evaluate", "compare the tagger with human labels", model=True, labels=True).add_argument(
        "--json", action="store_true", help="print one JSON object instead of a table")
    add("phrases", "frequent phrases no theme covers yet").add_argument(
        "--top", type=int, default=30, help="how many phrases (default: 30)")
    builtin = sub.add_parser("builtin", help="build the built-in theme model from labelled CSVs",
                             description="build the built-in theme model (analysis/builtin.py) from labelled CSVs")
    builtin.add_argument("--output", default=str(DEFAULT_PATH), help="model file (default: %(default)s)")
    builtin.add_argument("csv", nargs="+", help="CSVs with text and themes columns")
    return ap


def cmd_builtin(args) -> None:
    try:
        model = build([Path(p) for p in args.csv], Path(args.output))
    except FileNotFoundError as exc:
        raise UsageError(f"{exc.filename}: file not found") from None
    except (OSError, ValueError, KeyError) as exc:
        raise UsageError(str(exc)) from None
    print(f"trained on {model.n_train} answers; saved {args.output}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    command = {"tag": cmd_tag, "train": cmd_train, "evaluate": cmd_evaluate, "phrases": cmd_phrases,
               "builtin": cmd_builtin}
    try:
        command[args.command](args)
    except (UsageError, CodebookError, ModelError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenProcessPool:
        print("error: a worker process died (out of memory?); try again with --jobs 1", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`; nothing more to say
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
