#!/usr/bin/env python3
"""How the built-in theme model does on a writer it never saw: leave one writer out.

    .venv/bin/python benchmarks/builtin_lowo.py            # every writer in turn
    .venv/bin/python benchmarks/builtin_lowo.py --only C E F

The built-in model (analysis/builtin.py) is trained on every labelled resident-answer set in
benchmarks/data, so scoring it on any of them measures its memory, not its reading. This
script trains it again once per writer, on all the other writers' sets, and scores that
writer's set with the codebook alone and with the model, so every figure is on wording the
model never saw. The codebook itself was tuned on some of these writers (README: the older
sets, A, B and D), so its own figure flatters on those; C, E and F it was never tuned on.

WRITERS is also the build list: `python -m analysis builtin` is given these same files
(benchmarks/README.md).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import analysis  # noqa: E402
from analysis import metrics  # noqa: E402
from analysis.builtin import read_labelled  # noqa: E402
from analysis.pipeline import ThemeEngine  # noqa: E402
from analysis.training import train_model  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
# One group per writer (or per batch of older hold-outs by the same hand), theme-labelled only.
WRITERS = {
    # (hold-outs 6 to 11 label safeguarding only: their empty themes column is no label)
    "older": [DATA / "resident_answers.csv", DATA / "resident_answers_holdout.csv",
              *(DATA / f"resident_answers_holdout{n}.csv" for n in range(2, 6))],
    "theme_holdouts": [DATA / "theme_answers_holdout.csv", DATA / "theme_answers_holdout2.csv"],
    "D": [DATA / "dev" / "writer_d_themes.csv"],
    "A": [DATA / "sealed" / "writer_a_themes.csv"],
    "B": [DATA / "sealed" / "writer_b_themes.csv"],
    "C": [DATA / "sealed" / "writer_c_themes.csv"],
    "E": [DATA / "sealed2" / "writer_e_themes.csv"],
    "F": [DATA / "sealed2" / "writer_f_themes.csv"],
    "G": [DATA / "sealed3" / "writer_g_themes.csv"],
    "H": [DATA / "sealed3" / "writer_h_themes.csv"],
    "I": [DATA / "sealed3" / "writer_i_themes.csv"],
    "M": [DATA / "sealed4" / "writer_m_themes.csv"],
    "N": [DATA / "sealed4" / "writer_n_themes.csv"],
    "O": [DATA / "sealed4" / "writer_o_themes.csv"],
    "P": [DATA / "sealed5" / "writer_p_themes.csv"],
    "Q": [DATA / "sealed5" / "writer_q_themes.csv"],
    "R": [DATA / "sealed5" / "writer_r_themes.csv"],
    "J": [DATA / "training" / "writer_j_themes.csv"],
    "K": [DATA / "training" / "writer_k_themes.csv"],
    "L": [DATA / "training" / "writer_l_themes.csv"],
    "S": [DATA / "sealed6" / "writer_s_themes.csv"],
    "T": [DATA / "sealed6" / "writer_t_themes.csv"],
    "U": [DATA / "sealed6" / "writer_u_themes.csv"],
    "V": [DATA / "sealed7" / "writer_v_themes.csv"],
    "W": [DATA / "sealed7" / "writer_w_themes.csv"],
    "X": [DATA / "sealed7" / "writer_x_themes.csv"],
    "AA": [DATA / "sealed8" / "writer_aa_themes.csv"],
    "AB": [DATA / "sealed8" / "writer_ab_themes.csv"],
    "AC": [DATA / "sealed8" / "writer_ac_themes.csv"],
    "AD": [DATA / "sealed9" / "writer_ad_themes.csv"],
    "AE": [DATA / "sealed9" / "writer_ae_themes.csv"],
    "AF": [DATA / "sealed9" / "writer_af_themes.csv"],
    "AG": [DATA / "sealed10" / "writer_ag_themes.csv"],
    "AH": [DATA / "sealed10" / "writer_ah_themes.csv"],
    "AI": [DATA / "sealed10" / "writer_ai_themes.csv"],
    "Y": [DATA / "training2" / "writer_y_themes.csv"],
    "Z": [DATA / "training2" / "writer_z_themes.csv"],
}


def build_files() -> list[Path]:
    """Every file the built-in model is built from, in WRITERS order."""
    return [p for paths in WRITERS.values() for p in paths if p.exists()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="+", help="writers to leave out in turn (default: all)")
    args = ap.parse_args()
    codebook = analysis.load_codebook()
    sets = {w: read_labelled([p for p in paths if p.exists()], codebook)[:2] for w, paths in WRITERS.items()}
    sets = {w: s for w, s in sets.items() if s[0]}
    zero_shot = ThemeEngine(codebook)
    print(f"{'writer left out':<16}{'answers':>8}{'trained on':>11}{'codebook F1':>13}{'model F1':>10}{'train s':>9}")
    for writer in args.only or list(sets):
        texts, gold = sets[writer]
        train_texts = [t for w, s in sets.items() if w != writer for t in s[0]]
        train_labels = [y for w, s in sets.items() if w != writer for y in s[1]]
        before = metrics.scores(gold, [r.themes for r in zero_shot.tag_batch(texts)], codebook.theme_ids)
        started = time.process_time()
        model = train_model(train_texts, train_labels, codebook)
        seconds = time.process_time() - started
        after = metrics.scores(gold, [r.themes for r in ThemeEngine(codebook, model).tag_batch(texts)],
                               codebook.theme_ids)
        print(f"{writer:<16}{len(texts):>8}{len(train_texts):>11}{before['micro']['f1']:>13.3f}"
              f"{after['micro']['f1']:>10.3f}{seconds:>9.1f}", flush=True)


if __name__ == "__main__":
    main()
