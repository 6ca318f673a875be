"""The command line as a user and other scripts see it: files, columns, exit codes."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import analysis
from analysis.__main__ import main
from tests.conftest import naughty_strings

ROOT = Path(__file__).resolve().parents[2]
csv.field_size_limit(16 * 1024 * 1024)  # the output holds a 1 MB answer


class Run:
    """What a user sees from one command: exit code, stdout, stderr."""

    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run_process(*args, check_rc=0):
    """The real `python -m analysis ...` in a child process (slow: used where it matters)."""
    proc = subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == check_rc, proc.stderr
    return proc


@pytest.fixture
def run(capsys):
    """The same command line run in-process through `analysis.__main__.main` (fast)."""
    def _run(*args, check_rc=0):
        capsys.readouterr()
        rc = main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert rc == check_rc, err
        return Run(rc, out, err)
    return _run


def write_csv(path, rows, header=("id", "text")):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


LABELLED = [
    ("Kerb crawlers every night asking how much", "kerb_crawling"),
    ("Needles and condoms in the back lane", "discarded_items"),
    ("Drug dealing on the corner all day", "drugs"),
    ("Men pulled up and asked my wife how much", "kerb_crawling"),
    ("Used needles left by the school", "discarded_items;children_young_people"),
    ("n/a", ""),
    ("Dealers selling crack outside my house", "drugs"),
    ("A car kept following me home, slowly", "kerb_crawling"),
    ("Condoms in my front garden every morning", "discarded_items"),
    ("Cannabis smell and people off their heads", "drugs"),
    ("Nothing to add", ""),
    ("Punters cruising round the block", "kerb_crawling"),
]


@pytest.fixture
def labelled(tmp_path):
    return write_csv(tmp_path / "labelled.csv", LABELLED, header=("text", "themes"))


def test_tag_keeps_every_column_and_adds_the_results(run, tmp_path):
    src = write_csv(tmp_path / "in.csv", [
        ("1", "Kerb crawlers pulled up and asked my 14 year old daughter how much, ring 07700 900123"),
        ("2", "n/a"),
        ("3", "=HYPERLINK(\"http://evil\") needles everywhere"),
        ("4", ""),
    ])
    out = tmp_path / "out.csv"
    proc = run_process("tag", "--input", src, "--output", out)
    assert proc.stderr == ""  # no progress bar when stderr is not a terminal
    rows = read_csv(out)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert list(rows[0]) == ["id", "text", "themes", "scores", "evidence", "safeguarding", "redacted_text", "tone"]
    first = rows[0]
    assert "kerb_crawling" in first["themes"].split(";")
    scores = json.loads(first["scores"])
    assert 0 < scores["kerb_crawling"] <= 1
    evidence = json.loads(first["evidence"])
    text = first["text"]
    assert all(text[e["start"]:e["end"]] == e["term"] for e in evidence["themes"]["kerb_crawling"])
    assert "child_at_risk" in first["safeguarding"].split(";")
    assert "07700" not in first["redacted_text"]
    assert -1.0 <= float(first["tone"]) <= 1.0
    assert rows[1]["themes"] == ""
    # Formula injection: the original text column and the redacted copy are both neutralised.
    assert rows[2]["text"].startswith("'=HYPERLINK")
    assert rows[2]["redacted_text"].startswith("'=")
    assert "discarded_items" in rows[2]["themes"]


def test_tag_with_custom_text_column_and_missing_column(run, tmp_path):
    src = write_csv(tmp_path / "in.csv", [("a", "needles in the alley")], header=("ref", "answer"))
    out = tmp_path / "out.csv"
    run("tag", "--input", src, "--text-column", "answer", "--output", out)
    assert "discarded_items" in read_csv(out)[0]["themes"]
    proc = run("tag", "--input", src, "--output", out, check_rc=2)
    assert proc.stderr.strip() == f"error: {src}: no column 'text' (columns found: ref, answer)"


@pytest.mark.parametrize("args, message", [
    (["tag", "--input", "missing.csv", "--output", "x.csv"], "missing.csv: file not found"),
    (["evaluate", "--input", "missing.csv"], "missing.csv: file not found"),
    (["phrases", "--input", "missing.csv"], "missing.csv: file not found"),
])
def test_missing_input_file_is_one_line_and_exit_2(run, args, message):
    proc = run(*args, check_rc=2)
    assert proc.stderr.strip() == f"error: {message}"
    assert "Traceback" not in proc.stderr


def test_bad_codebook_yaml_is_one_line_and_exit_2(run, tmp_path, labelled):
    bad = tmp_path / "bad.yaml"
    bad.write_text("codebook: [oops\n", encoding="utf-8")
    proc = run_process("evaluate", "--codebook", bad, "--input", labelled, check_rc=2)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: ") and "not valid YAML" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_unknown_theme_id_names_the_row(run, tmp_path):
    src = write_csv(tmp_path / "l.csv", [("needles", "discarded_items"), ("x", "drugs;made_up")],
                    header=("text", "themes"))
    for command in (["evaluate"], ["train", "--output", tmp_path / "m"]):
        proc = run(*command, "--input", src, check_rc=2)
        assert "row 2: unknown theme id 'made_up'" in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1


def test_evaluate_json_and_table(run, labelled):
    report = json.loads(run("evaluate", "--input", labelled, "--json").stdout)
    assert report["n"] == len(LABELLED)
    assert set(report["micro"]) == {"precision", "recall", "f1"} == set(report["macro"])
    assert report["themes"]["kerb_crawling"]["support"] == 4
    assert set(report["themes"]["drugs"]) == {"precision", "recall", "f1", "support"}
    table = run("evaluate", "--input", labelled).stdout
    assert "kerb_crawling" in table and "micro average" in table


def test_train_then_tag_and_evaluate_with_the_model(run, tmp_path, labelled):
    model = tmp_path / "model.svm"
    run("train", "--input", labelled, "--output", model)
    assert model.exists()
    report = json.loads(run("evaluate", "--model", model, "--input", labelled, "--json").stdout)
    assert report["micro"]["f1"] > 0.8  # it has seen these very rows
    src = write_csv(tmp_path / "in.csv", [("1", "Punters cruising round asking how much")])
    run("tag", "--model", model, "--input", src, "--output", tmp_path / "out.csv")
    assert "kerb_crawling" in read_csv(tmp_path / "out.csv")[0]["themes"]


def test_model_with_another_codebook_is_refused(run, tmp_path, labelled):
    model = tmp_path / "model.svm"
    run("train", "--input", labelled, "--output", model)
    edited = tmp_path / "edited.yaml"
    default = (ROOT / "analysis" / "codebooks" / "street_impact.yaml").read_text(encoding="utf-8")
    edited.write_text(default.replace("kerb crawling,", "kerb crawling, crawling,", 1), encoding="utf-8")
    proc = run("evaluate", "--codebook", edited, "--model", model, "--input", labelled, check_rc=2)
    version = analysis.load_codebook().version
    assert f"trained with codebook street-impact version {version}" in proc.stderr
    assert "content changed" in proc.stderr
    not_a_model = tmp_path / "junk.bin"
    not_a_model.write_bytes(b"\x80\x04junk")
    proc = run("evaluate", "--model", not_a_model, "--input", labelled, check_rc=2)
    assert "not a StreetVoice theme model" in proc.stderr


def test_tag_survives_naughty_huge_and_binary_texts(run, tmp_path):
    naughty = naughty_strings()
    rows = [(str(i), s) for i, s in enumerate(naughty)]
    rows.append(("huge", "needles in the alley and " * 40_000))
    src = write_csv(tmp_path / "in.csv", rows)
    with open(src, "ab") as f:  # a line of raw bytes that are not UTF-8, with a NUL
        f.write(b'binary,"\xff\xfe\x00\x9c garbage \xc3"\r\n')
    out = tmp_path / "out.csv"
    run_process("tag", "--input", src, "--output", out)
    result = read_csv(out)
    assert [r["id"] for r in result] == [r[0] for r in rows] + ["binary"]
    assert "discarded_items" in result[-2]["themes"]
    for r in result:
        json.loads(r["scores"]), json.loads(r["evidence"])
        assert r["text"][:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_phrases_lists_uncovered_collocations(run, tmp_path):
    rows = [(str(i), t) for i, t in enumerate([
        "The new takeaway shop opens till late", "That takeaway shop again", "takeaway shop smells",
        "needles again", "Dog fouling on the green", "the dog fouling is worse", "dog fouling by the church",
    ] * 2)]
    src = write_csv(tmp_path / "in.csv", rows)
    proc = run("phrases", "--input", src, "--top", "5")
    assert "takeaway shop" in proc.stdout
    assert "dog fouling" in proc.stdout
    assert "needles" not in proc.stdout


def test_tag_with_worker_processes_gives_the_same_file(tmp_path):
    texts = ["needles in the lane", "kerb crawlers", "n/a", "=1+2", "call 07700 900123"] * 300
    src = write_csv(tmp_path / "in.csv", [(str(i), t) for i, t in enumerate(texts)])
    run_process("tag", "--input", src, "--output", tmp_path / "one.csv", "--jobs", "1")
    run_process("tag", "--input", src, "--output", tmp_path / "two.csv", "--jobs", "2")
    one = (tmp_path / "one.csv").read_bytes()
    assert one == (tmp_path / "two.csv").read_bytes()
    assert len(read_csv(tmp_path / "two.csv")) == len(texts)


def test_progress_bar_only_on_a_terminal(run, tmp_path, monkeypatch):
    src = write_csv(tmp_path / "in.csv", [(str(i), "needles") for i in range(30)])
    quiet = run("tag", "--input", src, "--output", tmp_path / "a.csv")
    assert quiet.stderr == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    shown = run("tag", "--input", src, "--output", tmp_path / "b.csv")
    assert "30" in shown.stderr and "answers" in shown.stderr


def test_negative_tone_is_written_as_a_number(run, tmp_path):
    src = write_csv(tmp_path / "in.csv", [("1", "awful, terrible, disgusting street, I hate it")])
    out = tmp_path / "out.csv"
    run_process("tag", "--input", src, "--output", out)
    tone = read_csv(out)[0]["tone"]
    assert tone.startswith("-") and float(tone) < -0.5  # no "'" prefix: the column stays numeric


def test_evaluate_suggests_a_null_answer_theme_when_the_labels_give_nothing_one(run, tmp_path):
    rows = [("Nothing.", "kerb_crawling"), ("Nothing at all", "kerb_crawling"), ("none", "kerb_crawling"),
            ("Can't think of anything", "kerb_crawling")] * 3 + [("n/a", ""), ("Needles in the lane", "discarded_items")]
    labelled = write_csv(tmp_path / "nothing.csv", rows, header=("text", "themes"))
    out = run("evaluate", "--input", labelled).stdout
    assert "12 of the 12 answers that say there is nothing" in out
    assert "null_answer_theme: kerb_crawling" in out
    assert "null_answer_theme" not in run("evaluate", "--input", labelled, "--json").stdout
    plain = write_csv(tmp_path / "plain.csv", [("Nothing.", "")] * 12, header=("text", "themes"))
    assert "null_answer_theme" not in run("evaluate", "--input", plain).stdout
