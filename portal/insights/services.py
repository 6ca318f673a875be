"""Meeting insights: count in SQL, protect once, and draw every chart from the protected cube.

A `Publication` is one survey's counts after disclosure control (analysis.disclosure.protect),
with what the charts need besides (labels, rounds, coordinates, review state). Every chart,
table, slide, meeting pack and public figure is a view of one Publication, so no combination of
filters can difference out a small count (see analysis/disclosure.py for the argument).

Protecting costs more than counting (about 1.5 s on the demo data), so a Publication is kept per
process, keyed on a fingerprint of everything that goes into it (responses, tags, reviews, the
codebook version, the rounds). The cache is only a cache: any worker builds the same figures
from the same data. The public page uses the rounds an analyst has published.
"""
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import func, select

from analysis import aggregate, charts, disclosure
from analysis.disclosure import NotPublished
from portal.codebooks import services as codebooks
from portal.extensions import db
from portal.insights import queries
from portal.insights.models import Action, PublishedQuote, ResultsSnapshot
from portal.review.models import AnswerReview, AnswerTag
from portal.urlfilters import UrlFilters
from surveys.models import Answer, Area, Response, Street, Survey, SurveyVersion
from surveys.services import definition_for

CACHE_SIZE = 8
SAFETY_VALUES = {key for key, _label, _colour in charts.SAFETY_SCALE}
FREQUENCY_VALUES = {key for key, _label, _colour in charts.FREQUENCY_SCALE}


@dataclass(frozen=True)
class Selection(UrlFilters):
    """The dashboard's filters, as they appear in a shareable URL. Area and street are names
    (the protected cube's rows); theme focuses the area charts on one theme."""

    MAX_LENGTH = 120

    survey: str = ""
    round: str = ""
    audience: str = ""
    area: str = ""
    street: str = ""
    theme: str = ""

    def filters(self):
        """Keyword arguments for the cube's views (None means every round or audience)."""
        return {"round": self.round or None, "audience": self.audience or None,
                "area": self.area or None, "street": self.street or None}


@dataclass(frozen=True)
class SurveyInfo:
    id: int
    slug: str
    title: str


@dataclass(frozen=True)
class RoundInfo:
    id: int
    slug: str
    name: str
    opens_on: object


@dataclass
class Publication:
    """Plain data only (no database rows): it outlives the request that built it."""

    survey: SurveyInfo
    definition: object
    rounds: list           # RoundInfo of the rounds with data, in date order
    cube: object           # analysis.disclosure.ProtectedCube
    labels: dict           # theme id -> label
    questions: dict        # likert question id -> short label
    weeks: list
    tone: list
    coordinates: dict
    review: object         # analysis.aggregate.Review
    # Charts drawn for each selection, kept with the publication they are views of.
    drawn: dict = field(default_factory=dict, repr=False)
    counted_at: object = None  # when the counts were taken (UTC), for live figures

    @property
    def round_names(self):
        return {r.slug: r.name for r in self.rounds}

    def safety_questions(self):
        return [q for q in self.definition.questions if q.type == "likert"
                and {o.value for o in q.options} == SAFETY_VALUES]

    def frequency_questions(self):
        return [q for q in self.definition.questions if q.type == "likert"
                and {o.value for o in q.options} != SAFETY_VALUES]


class UnknownSelection(LookupError):
    """A filter names a survey, round, area or street with nothing published under it."""


def survey_by_slug(slug):
    return db.session.scalar(select(Survey).filter_by(slug=slug))


def _fingerprint(survey, round_ids):
    responses = (select(func.count(Response.id), func.max(Response.id)).join(SurveyVersion)
                 .where(SurveyVersion.survey_id == survey.id))
    tags = select(func.count(AnswerTag.id), func.max(AnswerTag.id), func.max(AnswerTag.reviewed_at))
    reviews = select(func.count(AnswerReview.id), func.max(AnswerReview.reviewed_at))
    return (survey.id, tuple(round_ids or ()), tuple(db.session.execute(responses).one()),
            tuple(db.session.execute(tags).one()), tuple(db.session.execute(reviews).one()),
            codebooks.current_row().id, current_app.config.get("DISCLOSURE_K", disclosure.DEFAULT_K))


def publication(survey, round_ids=None):
    """The protected figures for a survey (all its rounds, or only `round_ids`) as the data
    stands now, cached on the fingerprint of that data.

    While answers keep arriving (a launch evening) every fingerprint is new, and protecting
    again for each page view would cost seconds each time; so figures built less than
    INSIGHTS_MAX_AGE_SECONDS ago (60 by default; 0 in tests) are shown again, and the page
    says when they were counted. These pages are for officers only: the public page shows
    frozen snapshots."""
    cache = current_app.extensions.setdefault("streetvoice.publications", OrderedDict())
    latest = current_app.extensions.setdefault("streetvoice.latest_publications", {})
    scope = (survey.id, tuple(round_ids or ()))
    key = _fingerprint(survey, round_ids)
    if key not in cache:
        built = latest.get(scope)
        if built and time.monotonic() - built[0] < current_app.config.get("INSIGHTS_MAX_AGE_SECONDS", 60):
            return built[1]
        pub = from_rows(survey, counted_rows(survey, round_ids))
        pub.counted_at = datetime.now(UTC)
        cache[key] = pub
        latest[scope] = (time.monotonic(), pub)
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
    cache.move_to_end(key)
    return cache[key]


def counted_rows(survey, round_ids=None):
    """Everything a Publication is made from, as plain JSON-able data (the SQL counts, labels,
    coordinates): what a public snapshot stores."""
    version = survey.versions[-1]
    definition = definition_for(version)
    book = codebooks.codebook_of(codebooks.current_row())
    theme_ids, merged = list(book.theme_ids), codebooks.merged_into()
    likert = [q.id for q in definition.questions if q.type == "likert"]
    ids = [r.id for r in survey.rounds if round_ids is None or r.id in round_ids]
    respondents = queries.respondents(survey.id, ids)
    with_data = {row[0] for row in respondents}
    return {
        "version_id": version.id, "round_ids": [r.id for r in survey.rounds if r.id in ids and r.slug in with_data],
        "labels": {t.id: t.label for t in book.themes}, "theme_ids": theme_ids,
        "respondents": [list(r) for r in respondents],
        "themes": [list(r) for r in queries.themes(survey.id, theme_ids, merged, ids)],
        "likert": [list(r) for r in queries.likert(survey.id, likert, ids)],
        "weeks": [list(r) for r in queries.weekly(survey.id, ids)],
        "tone": [list(r) for r in queries.tone_by_theme(survey.id, theme_ids, merged, ids)],
        "review": list(queries.review_state(survey.id, ids)),
        "coordinates": [list(r) for r in db.session.execute(
            select(Area.name, Street.name, Street.lat, Street.lon).join(Area))],
    }


def from_rows(survey, data):
    """Protect counted rows (live, or from a snapshot) and gather what the charts need."""
    definition = definition_for(db.session.get(SurveyVersion, data["version_id"]))
    likert = [q for q in definition.questions if q.type == "likert"]
    rounds = [RoundInfo(r.id, r.slug, r.name, r.opens_on) for r in survey.rounds if r.id in data["round_ids"]]
    cube = disclosure.protect(
        [tuple(r) for r in data["respondents"]], [tuple(r) for r in data["themes"]],
        [tuple(r) for r in data["likert"]], k=current_app.config.get("DISCLOSURE_K", disclosure.DEFAULT_K),
        rounds=[r.slug for r in rounds], audiences=[a.value for a in definition.audiences],
        theme_ids=data["theme_ids"], likert_options={q.id: [o.value for o in q.options] for q in likert})
    coordinates = {(area, street): (lat, lon) if lat is not None and lon is not None else None
                   for area, street, lat, lon in data["coordinates"]}
    return Publication(SurveyInfo(survey.id, survey.slug, survey.title), definition, rounds, cube, data["labels"], {q.id: q.short_label for q in likert},
                       [tuple(r) for r in data["weeks"]], [tuple(r) for r in data["tone"]], coordinates,
                       aggregate.Review(*data["review"]))


def check(pub, selection):
    """Raise UnknownSelection unless every filter names something in the publication."""
    cube = pub.cube
    if selection.round and selection.round not in cube.rounds:
        raise UnknownSelection("There are no published answers for that round")
    if selection.audience and selection.audience not in cube.audiences:
        raise UnknownSelection("There is no such group of respondents")
    if selection.theme and selection.theme not in pub.labels:
        raise UnknownSelection("There is no such theme")
    too_few = UnknownSelection("That place is not shown on its own: it has too few respondents, so it is "
                               "counted with others")
    try:
        place = cube.place(selection.area or None, selection.street or None)
    except (KeyError, ValueError, LookupError):
        raise too_few from None
    # A quiet street (or area) resolves to the group it is counted in: say so rather than
    # showing the group's figures under the street's name.
    if (selection.street and (place.merged or place.street != selection.street)) or \
            (selection.area and place.area != selection.area):
        raise too_few


@dataclass(frozen=True)
class ChartView:
    name: str      # stable id: "themes", "heatmap", ...
    chart: object  # analysis.charts.Chart, or None with `missing` saying why
    missing: str = ""


def _footer(pub, selection):
    scope = pub.round_names.get(selection.round, "all rounds")
    where = selection.street or selection.area or "all areas"
    respondents = pub.cube.figure(disclosure.RESPONDENTS, **selection.filters()).value
    return charts.Footer(f"StreetVoice, {pub.survey.title}, {scope}, {where}", respondents, pub.review)


def chart_views(pub, selection):
    """Every chart for the selection, in the order a meeting goes through them (drawn once per
    publication and selection: the figures cannot change while the publication stands)."""
    key = tuple(sorted(selection.args().items()))
    if key not in pub.drawn:
        if len(pub.drawn) > 64:
            pub.drawn.clear()
        pub.drawn[key] = _draw(pub, selection)
    return pub.drawn[key]


def _draw(pub, selection):
    f = selection.filters()
    footer = _footer(pub, selection)
    views = [ChartView("themes", charts.themes_chart(aggregate.theme_shares(pub.cube, **f), pub.labels, footer))]
    if not selection.street:
        grid = aggregate.theme_grid(pub.cube, round=f["round"], audience=f["audience"], area=f["area"])
        views.append(ChartView("places", charts.heatmap_chart(grid, pub.labels, footer)))
    if len(pub.rounds) >= 2 and not selection.round:
        before, after = pub.rounds[0], pub.rounds[-1]
        changes = aggregate.theme_change(pub.cube, before.slug, after.slug, audience=f["audience"], area=f["area"],
                                         street=f["street"])
        views.append(ChartView("change", charts.change_chart(changes, before.name, after.name, footer,
                                                             labels=pub.labels)))
        if selection.theme and not selection.area:
            area_changes = aggregate.area_change(pub.cube, selection.theme, before.slug, after.slug,
                                                 audience=f["audience"])
            views.append(ChartView("change-by-area", charts.change_chart(
                area_changes, before.name, after.name, footer, theme=pub.labels[selection.theme])))
    views += _answer_views(pub, selection, footer)
    if not (selection.round or selection.audience or selection.area or selection.street):
        trend = aggregate.weekly_trend(pub.cube, pub.weeks, {r.slug: r.opens_on for r in pub.rounds})
        views.append(ChartView("trend", charts.trend_chart(trend, pub.round_names, footer)))
    if not selection.street:
        points = aggregate.map_points(pub.cube, pub.coordinates, round=f["round"], audience=f["audience"],
                                      area=f["area"])
        views.append(ChartView("map", charts.map_chart(points, footer) if points else None,
                               "" if points else "No place here has map coordinates and enough respondents to show."))
    return views


def _answer_views(pub, selection, footer):
    f = selection.filters()
    try:
        safety = pub.safety_questions()
        views = []
        if len(safety) >= 2:
            day, dark = (aggregate.distribution(pub.cube, q.id, **f) for q in safety[:2])
            views.append(ChartView("safety", charts.safety_chart(day, dark, footer)))
        frequency = pub.frequency_questions()
        if frequency:
            dists = [aggregate.distribution(pub.cube, q.id, **f) for q in frequency]
            views.append(ChartView("seen", charts.frequency_chart(dists, pub.questions, footer)))
        return views
    except NotPublished as refused:
        return [ChartView("safety", None, str(refused))]


def tone_rows(pub, selection):
    means = aggregate.tone_by_theme(pub.cube, pub.tone, **selection.filters())
    return [(pub.labels.get(m.theme, m.theme), disclosure.display(m.count), m.display) for m in means]


def latest_snapshot(survey=None):
    query = select(ResultsSnapshot).order_by(ResultsSnapshot.id.desc()).limit(1)
    if survey is not None:
        query = query.where(ResultsSnapshot.survey_id == survey.id)
    return db.session.scalar(query)


def public_publication(snapshot):
    """The public page's figures: the snapshot's stored counts, protected (cached per snapshot)."""
    cache = current_app.extensions.setdefault("streetvoice.snapshots", OrderedDict())
    if snapshot.id not in cache:
        cache[snapshot.id] = from_rows(db.session.get(Survey, snapshot.survey_id), snapshot.data)
        while len(cache) > 2:
            cache.popitem(last=False)
    return cache[snapshot.id]


def publication_labels():
    book = codebooks.codebook_of(codebooks.current_row())
    return {t.id: t.label for t in book.themes}


def published_round_ids_all():
    snapshot = latest_snapshot()
    return list(snapshot.round_ids) if snapshot else []


def actions(published_only=False, area=None):
    query = select(Action).order_by(Action.done_on.desc(), Action.id.desc())
    if published_only:
        query = query.where(Action.published)
    return db.session.scalars(query).all()


def quotes():
    return db.session.scalars(select(PublishedQuote).order_by(PublishedQuote.theme_id, PublishedQuote.id)).all()


def open_data_rows(pub):
    """round, area, street, theme, respondents: every figure of the public table, suppressed
    cells written "<5" (or "[hidden]"), for /results/data.csv."""
    rows = []
    for round_ in [None, *pub.cube.rounds]:
        for place in [disclosure.TOTAL, *pub.cube.areas(), *[s for a in pub.cube.areas() for s in pub.cube.streets(a)]]:
            for measure in [disclosure.RESPONDENTS, *pub.cube.theme_ids]:
                row = pub.cube.figure(measure, round=round_, place=place)
                value = row.value
                text = ("<" + str(pub.cube.k)) if isinstance(value, disclosure.Suppressed) and value.reason == "small" \
                    else disclosure.display(value)
                rows.append((pub.round_names.get(round_, "All rounds") if round_ else "All rounds",
                             place.area or "All areas", place.street or "",
                             "" if measure == disclosure.RESPONDENTS else pub.labels.get(measure, measure), text))
    return rows


def answer_is_publishable(answer_id):
    """A quote may come only from an answer with no safeguarding flag except ones cleared as
    not a disclosure."""
    return db.session.scalar(select(Answer.id).where(Answer.id == answer_id, queries._not_a_disclosure())) is not None
