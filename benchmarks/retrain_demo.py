#!/usr/bin/env python3
"""Retraining on the demo data: agreement with officers before and after, and how long it took.

    .venv/bin/python benchmarks/retrain_demo.py                 # officers review 200 answers
    .venv/bin/python benchmarks/retrain_demo.py --reviewed 100 --seed 3

On a fresh SQLite database in a temporary directory it does what `streetvoice db upgrade`,
`streetvoice demo load` and `streetvoice analysis run` do (the same functions, in this process,
so it can see which sentences the demo wrote into each answer), then simulates officers
reviewing N answers, retrains (`portal.codebooks.retrain.retrain`, what `streetvoice analysis
retrain` runs) and prints the agreement figures the service stored, before and after, and the
seconds retraining took.

How the simulated officer decides (deterministic; a documented rule, not a person):
the demo builds every answer from hand-written sentences, each from a topic pool of
surveys/demo/phrases.yaml ("impact: kerb_crawling", "improve: lighting", ...). TOPICS below
gives each pool the themes a careful officer would always want (`must`) and the ones they
would accept if the machine suggested them (`may`): a sentence about men in cars is
kerb crawling, and may also fairly be tagged feeling unsafe. The officer takes the machine's
tags on an answer, removes those no sentence supports, and adds every `must` theme missing:
    decided = must(answer) | (machine(answer) & (must(answer) | may(answer)))
Answers are reviewed a response at a time, responses picked by a seeded shuffle.

It also scores the answers no officer reviewed (against the same rule, with the machine's
tags from before retraining standing in for "what the machine suggested"), before and after
the re-analysis with the new model: a check on answers the model never saw at all.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# (section, pool) -> (must, may). Theme ids of the default codebook.
TOPICS = {
    ("impact", "kerb_crawling"): ({"kerb_crawling"}, {"vehicles_parking", "feeling_unsafe", "children_young_people"}),
    ("impact", "soliciting"): ({"street_sex_work"}, {"antisocial_behaviour", "welfare_of_workers", "noise_disturbance"}),
    ("impact", "discarded"): ({"discarded_items"}, {"drugs", "children_young_people", "environment_lighting"}),
    ("impact", "drugs"): ({"drugs"}, {"antisocial_behaviour", "vehicles_parking"}),
    ("impact", "noise"): ({"noise_disturbance"}, {"vehicles_parking", "antisocial_behaviour", "feeling_unsafe"}),
    ("impact", "vehicles"): ({"vehicles_parking"}, {"kerb_crawling", "environment_lighting"}),
    ("impact", "fear"): ({"feeling_unsafe"}, {"children_young_people", "environment_lighting"}),
    ("impact", "family"): ({"children_young_people"}, {"feeling_unsafe", "discarded_items", "street_sex_work"}),
    ("impact", "property"): ({"area_reputation"}, {"crime_property", "environment_lighting"}),
    ("impact", "compassion"): ({"welfare_of_workers"}, {"street_sex_work", "kerb_crawling", "drugs", "police_response"}),
    ("impact", "police_praise"): ({"police_response"}, {"welfare_of_workers"}),
    ("impact", "police_criticism"): ({"police_response"}, {"street_sex_work"}),
    ("impact", "improved"): (set(), {"police_response", "kerb_crawling", "vehicles_parking", "noise_disturbance",
                                     "discarded_items", "feeling_unsafe"}),
    ("impact", "business"): (set(), {"feeling_unsafe", "kerb_crawling", "discarded_items", "area_reputation",
                                     "environment_lighting"}),
    ("impact", "mild"): (set(), {"kerb_crawling", "vehicles_parking", "noise_disturbance"}),
    ("impact", "openers"): (set(), set()),
    ("impact", "closers"): (set(), {"welfare_of_workers"}),
    ("impact", "short"): (set(), set()),
    ("improve", "lighting"): ({"environment_lighting"}, set()),
    ("improve", "cctv"): ({"environment_lighting"}, {"police_response"}),
    ("improve", "patrols"): ({"police_response"}, set()),
    ("improve", "gates"): ({"environment_lighting"}, {"vehicles_parking"}),
    ("improve", "cleaning"): ({"discarded_items"}, {"environment_lighting", "antisocial_behaviour", "drugs"}),
    ("improve", "buyers"): ({"kerb_crawling"}, {"police_response", "welfare_of_workers", "vehicles_parking"}),
    ("improve", "support"): ({"welfare_of_workers"}, {"drugs"}),
    ("improve", "traffic"): ({"vehicles_parking"}, {"kerb_crawling"}),
    ("improve", "landlords"): (set(), {"area_reputation", "environment_lighting"}),
    ("improve", "community"): (set(), {"police_response", "children_young_people", "antisocial_behaviour"}),
    ("improve", "keep_going"): ({"police_response"}, set()),
    ("improve", "short"): (set(), set()),
}
# The planted personal-data and safeguarding sentences, in the file's order.
PERSONAL_DATA = [(set(), {"kerb_crawling", "vehicles_parking"}), (set(), {"drugs", "street_sex_work", "antisocial_behaviour"}),
                 (set(), set()), ({"vehicles_parking"}, {"kerb_crawling"}), ({"drugs"}, set()), (set(), set()),
                 (set(), {"vehicles_parking", "kerb_crawling"}), ({"kerb_crawling"}, {"vehicles_parking"})]
SAFEGUARDING = [({"children_young_people", "street_sex_work"}, {"kerb_crawling", "welfare_of_workers"}),
                ({"crime_property", "feeling_unsafe"}, {"children_young_people", "police_response"}),
                ({"welfare_of_workers"}, {"street_sex_work", "crime_property"}),
                ({"welfare_of_workers"}, {"kerb_crawling", "street_sex_work", "feeling_unsafe", "crime_property"}),
                ({"drugs", "children_young_people"}, {"feeling_unsafe", "crime_property"}),
                (set(), {"feeling_unsafe"})]


def sentence_themes():
    """template sentence -> (must, may), from the demo's phrase pools."""
    from surveys.demo import PHRASES_FILE

    phrases = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))
    out = {}
    for section in ("impact", "improve"):
        for pool, sentences in phrases[section].items():
            for sentence in sentences:
                out[sentence] = TOPICS[(section, pool)]
    for sentence, themes in zip(phrases["personal_data"], PERSONAL_DATA):
        out[sentence] = themes
    for sentence, themes in zip(phrases["safeguarding"], SAFEGUARDING):
        out[sentence] = themes
    short = set(phrases["impact"]["short"]) | set(phrases["improve"]["short"])
    return out, short


def load_demo_watching(seed, responses):
    """`streetvoice demo load`, noting which template sentences made each answer's text."""
    from surveys import demo

    written = defaultdict(list)
    original = demo._Writer._voice

    def voice(self, sentences, light=False):
        text = original(self, sentences, light)
        written[text].append(list(sentences))
        return text

    demo._Writer._voice = voice
    try:
        counts = demo.load_demo(seed=seed, responses=responses)
    finally:
        demo._Writer._voice = original
    return counts, written


def truth_for(text, written, themes_of, short):
    """(must, may) for one stored answer, or None if its sentences are not known."""
    if text in short:
        return set(), set()
    if text not in written:
        return None
    must, may = set(), set()
    for sentences in written[text]:
        for sentence in sentences:
            m, y = themes_of[sentence]
            must |= m
            may |= y
    return must, may


def fmt(value):
    return "  n/a" if value is None else f"{value:.3f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviewed", type=int, default=200, help="answers the officers review (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="which responses they review")
    parser.add_argument("--demo-seed", type=int, default=2026)
    parser.add_argument("--responses", type=int, default=360)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="retrain-demo-")
    os.environ.update(STREETVOICE_ENV="development", DATABASE_URL=f"sqlite:///{workdir}/demo.db")
    os.environ.setdefault("RETRAIN_MIN_REVIEWED", "20")
    from flask_migrate import upgrade
    from sqlalchemy import select

    from portal import create_app
    from portal.auth.demo import demo_accounts
    from portal.auth.services import by_email
    from portal.cli import retrain_report
    from portal.codebooks import services as codebooks
    from portal.codebooks.learning import measure
    from portal.codebooks.retrain import retrain
    from portal.extensions import db
    from portal.review import services as review
    from portal.review.models import AnswerAnalysis, AnswerTag
    from portal.tagging import analyse_pending
    from surveys.models import Answer, Response

    app = create_app()
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        counts, written = load_demo_watching(args.demo_seed, args.responses)
        demo_accounts()
        analysed = analyse_pending()
        print(f"Demo database {workdir}/demo.db: {counts['responses']} responses, {analysed['analysed']} written "
              f"answers analysed ({time.perf_counter() - started:.1f} s to load and analyse)")

        themes_of, short = sentence_themes()
        book = codebooks.codebook_of(codebooks.current_row())
        known = set(book.theme_ids)
        rows = db.session.execute(select(Answer.id, Answer.response_id, Answer.value)
                                  .join(AnswerAnalysis, AnswerAnalysis.answer_id == Answer.id)
                                  .order_by(Answer.id)).all()
        machine = defaultdict(set)
        for answer_id, theme in db.session.execute(select(AnswerTag.answer_id, AnswerTag.theme_id)
                                                   .where(AnswerTag.assigned_by_id.is_(None))):
            machine[answer_id].add(theme)
        truth, unknown = {}, 0
        for answer_id, _rid, text in rows:
            found = truth_for(text, written, themes_of, short)
            if found is None:
                unknown += 1
                continue
            must, may = found
            truth[answer_id] = sorted((must | (machine[answer_id] & (must | may))) & known)
        print(f"Ground truth known for {len(truth)} of {len(rows)} answers ({unknown} unknown, left unreviewed "
              f"and unscored)")

        by_response = defaultdict(list)
        for answer_id, response_id, _text in rows:
            by_response[response_id].append(answer_id)
        order = sorted(by_response)
        random.Random(args.seed).shuffle(order)
        officer = by_email("officer@example.police.uk")
        reviewed, changes, responses_reviewed = [], defaultdict(int), 0
        for response_id in order:
            if len(reviewed) >= args.reviewed:
                break
            ids = by_response[response_id]
            if any(a not in truth for a in ids):
                continue
            decisions = {a: set(truth[a]) for a in ids}
            result = review.save_review(db.session.get(Response, response_id), officer, decisions, known)
            for key in ("confirmed", "removed", "added"):
                changes[key] += result[key]
            reviewed += ids
            responses_reviewed += 1
        print(f"Officers reviewed {len(reviewed)} answers in {responses_reviewed} responses: {changes['confirmed']} machine tags confirmed, {changes['removed']} removed, "
              f"{changes['added']} themes added")

        held_out = [a for a in truth if a not in set(reviewed)]
        before_held = measure([truth[a] for a in held_out], [sorted(machine[a] & known) for a in held_out], book)

        started = time.perf_counter()
        result = retrain()
        total = time.perf_counter() - started
        print()
        for line in retrain_report(result):
            print(line)
        print(f"Seconds: {result.seconds} to train, cross-validate and store; {total:.1f} including the "
              f"re-analysis of {result.reanalysed.get('reanalysed', 0)} answers")

        after_machine = defaultdict(set)
        for answer_id, theme in db.session.execute(select(AnswerTag.answer_id, AnswerTag.theme_id)
                                                   .where(AnswerTag.assigned_by_id.is_(None), AnswerTag.active)):
            after_machine[answer_id].add(theme)
        after_held = measure([truth[a] for a in held_out], [sorted(after_machine[a] & known) for a in held_out], book)
        print()
        print(f"Answers no officer reviewed (n={len(held_out)}), against the same rule:")
        print(f"  micro precision {fmt(before_held['micro']['precision'])} -> {fmt(after_held['micro']['precision'])}, "
              f"recall {fmt(before_held['micro']['recall'])} -> {fmt(after_held['micro']['recall'])}, "
              f"F1 {fmt(before_held['micro']['f1'])} -> {fmt(after_held['micro']['f1'])}, "
              f"alpha {fmt(before_held['alpha'])} -> {fmt(after_held['alpha'])}")
        from flask import current_app

        from portal.codebooks import learning

        current_app.extensions.pop("streetvoice.learning", None)
        started = time.perf_counter()
        learning.summary()
        print(f"The overview's agreement figures took {1000 * (time.perf_counter() - started):.0f} ms to compute "
              "(then cached until the next review, retrain or codebook edit)")
        print(f"Codebook {book.id} version {book.version}; demo seed {args.demo_seed}, review seed {args.seed}")


if __name__ == "__main__":
    main()
