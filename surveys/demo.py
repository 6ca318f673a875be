"""Demo data: the fictional town of Northbridge and a few hundred synthetic responses.

For development, tests and rehearsing a neighbourhood meeting; never for a live database.
Everything is invented: the streets, the answers, and the personal data and safeguarding
disclosures planted in a few free-text answers so the officer review can be shown.

Two rounds tell a believable story: before the operation the hotspot streets see kerb
crawling and soliciting most nights and feel unsafe after dark; afterwards they are clearly
better, and other streets slightly better. The same seed always gives the same answers.
"""
import csv
import random
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml
from sqlalchemy import func, select

from surveys.database import db
from surveys.definitions import load_file
from surveys.models import Answer, Response, Round, Street
from surveys.services import definition_for, store_definition
from surveys.streets import import_streets

DEMO_DIR = Path(__file__).parent / "demo"
STREETS_CSV = DEMO_DIR / "streets.csv"
PHRASES_FILE = DEMO_DIR / "phrases.yaml"

# Street names are unique within streets.csv.
HOTSPOTS = frozenset({
    "Grange Road", "Back Grange Road", "Cannon Street",                 # Middlefield
    "Cleveland Street", "Back Cleveland Street", "Dock Street",         # St Hilda's
    "Ayresome Street", "Back Abingdon Road",                            # Gresham
    "Union Street", "Back Union Street",                                # Newport Quays
})
# Only one to three responses each, so small-number suppression has something to do.
QUIET = frozenset({"Tees Wharf Court", "Linthorpe Mews", "Beech Grove", "Feversham Street"})

HOTSPOT_WEIGHT = 5          # a hotspot street gets about this many times the responses of another
BEFORE_SHARE = 0.55         # share of responses in the first round
ASSISTED_SHARE = 0.15
BUSINESS_SHARE = 0.08
AGE_SKIP_SHARE = 0.20
IMPACT_SHARE, IMPROVE_SHARE = 0.70, 0.60
PERSONAL_DATA_SHARE, SAFEGUARDING_SHARE = 0.015, 0.01

# Typical level of each problem, 0 (never / very safe) to 1 (daily / very unsafe).
STREET_LEVEL = {"hotspot": 0.74, "street": 0.30, "quiet": 0.10}
QUESTION_OFFSET = {"seen_kerb_crawling": 0.05, "seen_soliciting": 0.0, "seen_discarded": -0.02,
                   "seen_drugs": -0.08, "seen_noise_night": 0.02, "seen_vehicles_circling": 0.03,
                   "safe_day": -0.25, "safe_dark": 0.10}
# How much better the second round is, per question, in hotspot streets and elsewhere.
AFTER_EFFECT = {
    "hotspot": {"seen_kerb_crawling": 0.22, "seen_soliciting": 0.18, "seen_vehicles_circling": 0.18,
                "safe_dark": 0.18, "safe_day": 0.08, "seen_noise_night": 0.12,
                "seen_discarded": 0.08, "seen_drugs": 0.05},
    "elsewhere": {"seen_kerb_crawling": 0.06, "seen_soliciting": 0.05, "seen_vehicles_circling": 0.05,
                  "safe_dark": 0.05, "safe_day": 0.02, "seen_noise_night": 0.02,
                  "seen_discarded": 0.02, "seen_drugs": 0.02},
}
# Which impact sentences a frequent sighting prompts.
TOPIC_OF = {"seen_kerb_crawling": "kerb_crawling", "seen_soliciting": "soliciting",
            "seen_discarded": "discarded", "seen_drugs": "drugs", "seen_noise_night": "noise",
            "seen_vehicles_circling": "vehicles"}
AGE_WEIGHTS = {"16-24": 7, "25-34": 16, "35-49": 27, "50-64": 25, "65+": 19, "prefer_not": 6}
# Local hours of the day people answer: mostly evenings online, daytime when an officer helps.
ONLINE_HOURS = {7: 2, 8: 3, 9: 3, 10: 3, 11: 3, 12: 5, 13: 4, 14: 3, 15: 3, 16: 4, 17: 7,
                18: 10, 19: 13, 20: 14, 21: 12, 22: 9, 23: 5, 0: 2, 1: 1}
ASSISTED_HOURS = {10: 3, 11: 4, 12: 3, 13: 3, 14: 4, 15: 4, 16: 4, 17: 5, 18: 5, 19: 3}
PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"

try:
    from zoneinfo import ZoneInfo
    LOCAL = ZoneInfo("Europe/London")
except (ImportError, KeyError):  # no time zone database: treat local time as UTC
    LOCAL = UTC


def load_demo(seed: int = 2026, responses: int = 360) -> dict:
    """Load the demo streets, the default survey and `responses` synthetic responses.

    Returns the counts in the database afterwards. Does nothing (and says "skipped") if any
    response exists already, so it is safe to run twice and never mixes with real answers.
    """
    if db.session.scalar(select(Response.id).limit(1)) is not None:
        return _counts(skipped=True)
    with STREETS_CSV.open(encoding="utf-8", newline="") as stream:
        report = import_streets(stream)
    if report.rejected:
        raise ValueError(f"{STREETS_CSV}: rows rejected: {report.rejected}")
    version, _created = store_definition(load_file())
    definition = definition_for(version)
    by_slug = {r.slug: r for r in db.session.scalars(select(Round).where(Round.survey_id == version.survey_id))}
    rounds = [by_slug[spec.id] for spec in sorted(definition.rounds, key=lambda spec: spec.opens)]
    phrases = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))
    rng = random.Random(seed)

    slots = _allocate(rng, _demo_streets(), responses, len(rounds))
    n_personal = _share(len(slots), PERSONAL_DATA_SHARE)
    n_safeguarding = _share(len(slots), SAFEGUARDING_SHARE)
    specials = rng.sample(range(len(slots)), min(len(slots), n_personal + n_safeguarding))
    # Dealt without replacement, so the planted answers differ from one another.
    decks = {kind: rng.sample(phrases[kind], len(phrases[kind])) for kind in ("personal_data", "safeguarding")}
    special = {i: ("personal_data", decks["personal_data"][k % len(decks["personal_data"])]) if k < n_personal
               else ("safeguarding", decks["safeguarding"][(k - n_personal) % len(decks["safeguarding"])])
               for k, i in enumerate(specials)}
    levels = {}
    rows = []
    for index, (street, phase) in enumerate(slots):
        profile = _profile(street.name)
        if street.id not in levels:
            levels[street.id] = STREET_LEVEL[profile] + rng.uniform(-0.06, 0.06)
        writer = _Writer(rng, phrases, profile, phase, *special.get(index, (None, None)))
        rows.append(_response(rng, definition, version, rounds[phase], street, levels[street.id], writer))
    db.session.add_all(rows)
    db.session.commit()
    return _counts(skipped=False)


def _counts(skipped):
    def count(model):
        return db.session.scalar(select(func.count()).select_from(model))
    return {"streets": count(Street), "responses": count(Response), "answers": count(Answer),
            "skipped": skipped}


def _share(total, share):
    return max(1, round(total * share)) if total else 0


def _profile(name):
    return "hotspot" if name in HOTSPOTS else "quiet" if name in QUIET else "street"


def _demo_streets():
    """The streets of streets.csv, in file order (so ids never change the draw)."""
    with STREETS_CSV.open(encoding="utf-8", newline="") as stream:
        keys = [(row["street"], row["postcode_district"]) for row in csv.DictReader(stream)]
    found = {(s.name, s.postcode_district): s for s in db.session.scalars(
        select(Street).where(Street.name.in_([name for name, _ in keys])))}
    return [found[key] for key in keys]


def _allocate(rng, streets, total, n_rounds):
    """(street, round index) for each response, shuffled."""
    picks = []
    for street in streets:
        if street.name in QUIET and len(picks) < total:
            picks.extend([street] * min(rng.randint(1, 3), total - len(picks)))
    others = [s for s in streets if s.name not in QUIET]
    weights = [HOTSPOT_WEIGHT if s.name in HOTSPOTS else 1 for s in others]
    picks.extend(rng.choices(others, weights=weights, k=total - len(picks)))
    slots = [(s, 0 if n_rounds == 1 or rng.random() < BEFORE_SHARE else 1) for s in picks]
    rng.shuffle(slots)
    return slots


def _response(rng, definition, version, round_, street, level, writer):
    assisted = rng.random() < ASSISTED_SHARE
    audience_values = [o.value for o in definition.audiences]
    business = rng.random() < BUSINESS_SHARE and "business" in audience_values
    audience = "business" if business else audience_values[0]
    person = level + rng.gauss(0, 0.12)
    effect = AFTER_EFFECT["hotspot" if writer.profile == "hotspot" else "elsewhere"] if writer.phase else {}
    levels = {}
    values = {}
    for question in definition.questions:
        options = [o.value for o in question.options]
        if question.type == "street":
            values[question.id] = str(street.id)
        elif question.type == "audience":
            values[question.id] = audience
        elif question.type == "likert":
            # Scales are ordered from best to worst (never ... daily, very safe ... very unsafe).
            x = person + QUESTION_OFFSET.get(question.id, 0) - effect.get(question.id, 0) + rng.gauss(0, 0.15)
            if business and question.id == "seen_noise_night":
                x -= 0.15
            index = min(len(options) - 1, max(0, int(x * len(options))))
            levels[question.id] = index / max(1, len(options) - 1)
            values[question.id] = options[index]
        elif question.type == "single_choice":
            if question.required or rng.random() >= AGE_SKIP_SHARE:
                weights = [AGE_WEIGHTS.get(v, 5) for v in options]
                values[question.id] = rng.choices(options, weights=weights)[0]
        elif question.type == "multiple_choice":
            values[question.id] = rng.sample(options, rng.randint(1, min(2, len(options))))
    writer.levels, writer.business = levels, business
    for question in definition.questions:
        if question.type == "free_text":
            values[question.id] = writer.write(question.id)
    answers = [Answer(question_id=qid, value=str(v))
               for qid, value in values.items()
               for v in (value if isinstance(value, list) else [value]) if v not in (None, "")]
    return Response(survey_version_id=version.id, round_id=round_.id, street_id=street.id,
                    audience=audience, channel="assisted" if assisted else "online",
                    submitted_hour=_submitted_hour(rng, round_, assisted), answers=answers)


def _submitted_hour(rng, round_, assisted):
    """An aware UTC datetime on the hour within the round; more answers in its first weeks.

    A round still open ends today, so no demo answer is dated in the future.
    """
    last = min(round_.closes_on, max(round_.opens_on, date.today() - timedelta(days=1)))
    days = (last - round_.opens_on).days + 1
    day = round_.opens_on + timedelta(days=int(days * rng.random() ** 1.6))
    hours = ASSISTED_HOURS if assisted else ONLINE_HOURS
    hour = rng.choices(list(hours), weights=list(hours.values()))[0]
    local = datetime(day.year, day.month, day.day, hour, tzinfo=LOCAL)
    utc = local.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    # Just after midnight on the first day in summer time is still the day before in UTC.
    return utc + timedelta(hours=1) if utc.date() < round_.opens_on else utc


class _Writer:
    """Free-text answers in a resident's voice, built from the sentence pools."""

    def __init__(self, rng, phrases, profile, phase, special, planted_sentence):
        self.rng, self.phrases, self.profile, self.phase = rng, phrases, profile, phase
        self.special, self.planted_sentence = special, planted_sentence
        self.levels, self.business = {}, False
        # A planted answer always has an impact answer; personal data sometimes goes in `improve`.
        self.special_in = "improve" if special == "personal_data" and rng.random() < 0.3 else "impact"

    def write(self, question_id):
        rng = self.rng
        planted = self.special if self.special_in == question_id else None
        share = IMPACT_SHARE if question_id == "impact" else IMPROVE_SHARE
        if planted is None and (question_id not in ("impact", "improve") or rng.random() >= share):
            return None
        pool = self.phrases["impact" if question_id != "improve" else "improve"]
        if planted == "safeguarding":
            sentences = [] if rng.random() < 0.5 else self._impact(pool)[:1]
            return self._voice(sentences + [self.planted_sentence], light=True)
        if planted is None and rng.random() < 0.12:
            return rng.choice(pool["short"])
        sentences = self._impact(pool) if question_id != "improve" else self._improve(pool)
        if planted == "personal_data":
            sentences.insert(rng.randint(0, len(sentences)), self.planted_sentence)
        # Planted answers stay as written so the officer review can be shown finding them.
        return self._voice(sentences, light=planted is not None)

    def _impact(self, pool):
        rng, levels = self.rng, self.levels
        worst = max(levels.values(), default=0)
        if worst < 0.5 and rng.random() < 0.8:
            picks = [rng.choice(pool["mild"])]
            if rng.random() < 0.3:
                picks.append(rng.choice(pool["compassion" if rng.random() < 0.5 else "police_criticism"]))
            return picks
        topics = [TOPIC_OF[q] for q, level in levels.items() if q in TOPIC_OF and level >= 0.75]
        topics += ["fear"] * (levels.get("safe_dark", 0) >= 0.75)
        extras = [("compassion", 0.25), ("police_praise" if self.phase else "police_criticism", 0.22),
                  ("police_criticism" if self.phase else "police_praise", 0.06)]
        if self.business:
            topics.insert(0, "business")
        else:
            extras += [("family", 0.18), ("property", 0.10)]
        topics += [name for name, p in extras if rng.random() < p]
        rng.shuffle(topics)
        topics = topics[:rng.randint(1, 3)] or [rng.choice(["fear", "compassion", "noise", "discarded"])]
        if self.phase and rng.random() < (0.55 if self.profile == "hotspot" else 0.12):
            topics.insert(0, "improved")
        picks = [rng.choice(pool[t]) for t in dict.fromkeys(topics)]
        if rng.random() < 0.15:
            picks.insert(0, rng.choice(pool["openers"]))
        if rng.random() < 0.3:
            picks.append(rng.choice(pool["closers"]))
        return picks

    def _improve(self, pool):
        rng = self.rng
        weights = {"lighting": 3, "cctv": 3, "patrols": 4, "gates": 2, "cleaning": 3, "buyers": 3,
                   "support": 3, "traffic": 2, "landlords": 1, "community": 2}
        if self.profile == "hotspot":
            weights.update(buyers=6, patrols=6, gates=4, cctv=4)
        themes = list(dict.fromkeys(rng.choices(list(weights), weights=list(weights.values()), k=rng.randint(1, 3))))
        if self.phase and rng.random() < (0.4 if self.profile == "hotspot" else 0.12):
            themes.insert(0, "keep_going")
        return [rng.choice(pool[t]) for t in themes]

    def _fill(self, sentence):
        rng, fill = self.rng, self.phrases["fill"]
        plate = (rng.choice(PLATE_LETTERS) + rng.choice(PLATE_LETTERS) + f"{rng.randint(51, 74)} "
                 + rng.choice(PLATE_LETTERS) + "Q" + rng.choice(PLATE_LETTERS))
        values = {"phone": f"07700 900{rng.randrange(1000):03d}", "plate": plate,
                  "number": str(rng.randint(2, 60)), **{k: rng.choice(v) for k, v in fill.items()}}
        text = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], sentence)
        return text[:1].upper() + text[1:]

    def _voice(self, sentences, light=False):
        """Join sentences as people type on a phone: lower case, lost apostrophes, typos."""
        rng = self.rng
        text = (" " if rng.random() < 0.85 else " ... ").join(self._fill(s) for s in sentences)
        if light:
            return text
        if rng.random() < 0.12:
            text = text.lower()
        if rng.random() < 0.25:
            text = text.replace("'", "")
        if rng.random() < 0.15:
            words = text.split(" ")
            long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
            if long_words:
                i = rng.choice(long_words)
                j = rng.randrange(1, len(words[i]) - 2)
                w = words[i]
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
                text = " ".join(words)
        ending = rng.random()
        if ending < 0.2:
            text = text.rstrip(".")
        elif ending < 0.25:
            text = text.rstrip(".") + "!!"
        return text
