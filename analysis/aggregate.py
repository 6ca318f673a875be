"""The numbers behind every chart and table, computed only from published (protected) figures.

The portal counts in SQL (``GROUP BY``), protects the counts once with
:func:`analysis.disclosure.protect`, and asks this module for shares, changes and
distributions; charts (:mod:`analysis.charts`) draw what comes out. Nothing here sees a
response or a count that was not published: a share is computed from a published count and a
published base, and a share whose count is not shown is not shown either (its value is the
count's :class:`~analysis.disclosure.Suppressed` marker). A share whose base is hidden is hidden
too, since the share and its count would give the base away.

    cube = disclosure.protect(...)
    theme_shares(cube, round="autumn-2026")                   # themes, most raised first
    theme_grid(cube, area="Middlefield")                      # streets x themes, for a heatmap
    theme_change(cube, "autumn-2026", "winter-2026")          # what changed, theme by theme
    distribution(cube, "safe_dark", area="Middlefield")       # one question's answers
    weekly_trend(cube, weeks)                                 # responses by week, round by round
    review([(True, 412), (False, 160)]).display               # "72% of theme tags checked by an officer"
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .disclosure import (ALL, RESPONDENTS, Count, Place, ProtectedCube, Suppressed, WeekRow, Withheld, display,
                         protect_trend)

__all__ = ["Change", "Distribution", "Grid", "MapPoint", "Review", "Share", "ToneMean", "Trend", "area_change",
           "distribution", "map_points", "percent", "place_shares", "review", "share_of", "theme_change",
           "theme_grid", "theme_shares", "tone_by_theme", "weekly_trend"]


def share_of(count: Count, base: Count) -> float | Suppressed:
    """``count / base`` (0 to 1), or the marker of whichever of them is not shown."""
    if isinstance(count, Suppressed):
        return count
    if isinstance(base, Suppressed):
        return Suppressed("secondary", base.k)  # with the count, the share would give the base away
    return count / base if base else 0.0


def percent(share: float | Suppressed) -> str:
    """``23%``, ``less than 1%``, or the marker's text."""
    if isinstance(share, Suppressed):
        return share.display
    if 0 < share < 0.005:
        return "less than 1%"
    return f"{int(share * 100 + 0.5)}%"


@dataclass(frozen=True, slots=True)
class Share:
    """A count out of a base: a theme's respondents out of all respondents, an option's answers."""

    key: str  # a theme id, an option, or a place's label
    count: Count
    base: Count
    place: Place | None = None

    @property
    def share(self) -> float | Suppressed:
        return share_of(self.count, self.base)

    @property
    def shown(self) -> bool:
        return not isinstance(self.share, Suppressed)

    @property
    def display(self) -> str:
        return percent(self.share)

    @property
    def count_display(self) -> str:
        return display(self.count)


def _filters(round, audience, area, street):
    return dict(round=round, audience=audience, area=area, street=street)


def _ranked(shares: list[Share]) -> list[Share]:
    """Largest share first; figures not shown last, in their given order."""
    ranked = sorted(enumerate(shares), key=lambda i_s: (not i_s[1].shown, -i_s[1].share if i_s[1].shown else 0, i_s[0]))
    return [s for _, s in ranked]


def theme_shares(cube: ProtectedCube, *, round: str | None = ALL, audience: str | None = ALL,
                 area: str | None = None, street: str | None = None,
                 theme_ids: Sequence[str] | None = None) -> list[Share]:
    """Each theme's share of the selection's respondents, the most raised first."""
    f = _filters(round, audience, area, street)
    base = cube.figure(RESPONDENTS, **f).value
    return _ranked([Share(row.measure, row.value, base) for row in cube.themes(theme_ids, **f)])


def _shown_places(cube: ProtectedCube, area: str | None, round, audience) -> list[Place]:
    """The places of a list (the areas, or the streets of ``area``) less any withheld whole."""
    places = []
    for place in cube.places(area):
        try:
            cube.figure(RESPONDENTS, round=round, audience=audience, place=place)
        except Withheld:
            continue
        places.append(place)
    return places


def place_shares(cube: ProtectedCube, theme: str, *, round: str | None = ALL, audience: str | None = ALL,
                 area: str | None = None) -> list[Share]:
    """The share raising ``theme`` in each area (or each street of ``area``), the highest first."""
    shares = []
    for place in _shown_places(cube, area, round, audience):
        f = dict(round=round, audience=audience, place=place)
        shares.append(Share(place.label, cube.figure(theme, **f).value, cube.figure(RESPONDENTS, **f).value, place))
    return _ranked(shares)


@dataclass(frozen=True, slots=True)
class Grid:
    """Places (rows) by themes (columns): each cell the share of the place's respondents."""

    places: tuple[Place, ...]
    theme_ids: tuple[str, ...]
    cells: tuple[tuple[Share, ...], ...]
    respondents: tuple[Count, ...]


def theme_grid(cube: ProtectedCube, *, round: str | None = ALL, audience: str | None = ALL,
               area: str | None = None, theme_ids: Sequence[str] | None = None) -> Grid:
    """Each area (or each street of ``area``) by each theme, for a heatmap and its table (a
    place withheld whole is left out)."""
    theme_ids = tuple(cube.theme_ids if theme_ids is None else theme_ids)
    places = _shown_places(cube, area, round, audience)
    cells, bases = [], []
    for place in places:
        f = dict(round=round, audience=audience, place=place)
        base = cube.figure(RESPONDENTS, **f).value
        bases.append(base)
        cells.append(tuple(Share(t, cube.figure(t, **f).value, base, place) for t in theme_ids))
    return Grid(tuple(places), theme_ids, tuple(cells), tuple(bases))


@dataclass(frozen=True, slots=True)
class Change:
    """A share in two rounds and the change between them, in percentage points."""

    key: str
    before: Share
    after: Share

    @property
    def change(self) -> float | None:
        """After minus before, in points; None when either share is not shown."""
        if not (self.before.shown and self.after.shown):
            return None
        return (self.after.share - self.before.share) * 100

    @property
    def display(self) -> str:
        change = self.change
        if change is None:
            return "not shown"
        points = int(abs(change) + 0.5)
        if points == 0:
            return "no change"
        return f"{'up' if change > 0 else 'down'} {points} point{'s' if points != 1 else ''}"


def theme_change(cube: ProtectedCube, before: str, after: str, *, audience: str | None = ALL,
                 area: str | None = None, street: str | None = None,
                 theme_ids: Sequence[str] | None = None) -> list[Change]:
    """Each theme's share in round ``before`` and round ``after``, the largest change first."""
    then = {s.key: s for s in theme_shares(cube, round=before, audience=audience, area=area, street=street,
                                           theme_ids=theme_ids)}
    now = theme_shares(cube, round=after, audience=audience, area=area, street=street, theme_ids=theme_ids)
    return _by_change([Change(s.key, then[s.key], s) for s in now], theme_ids or cube.theme_ids)


def area_change(cube: ProtectedCube, theme: str, before: str, after: str, *,
                audience: str | None = ALL) -> list[Change]:
    """The share raising ``theme`` in each area in two rounds, the largest change first."""
    then = {s.key: s for s in place_shares(cube, theme, round=before, audience=audience)}
    now = place_shares(cube, theme, round=after, audience=audience)
    return _by_change([Change(s.key, then[s.key], s) for s in now if s.key in then], [p.label for p in cube.areas()])


def _by_change(changes: list[Change], order: Sequence[str]) -> list[Change]:
    at = {key: i for i, key in enumerate(order)}
    return sorted(changes, key=lambda c: (c.change is None, -abs(c.change or 0), at.get(c.key, 0)))


@dataclass(frozen=True, slots=True)
class Distribution:
    """One question's answers for a selection: each option's share of the respondents."""

    question: str
    base: Count
    shares: tuple[Share, ...]

    def get(self, option: str) -> Share | None:
        return next((s for s in self.shares if s.key == option), None)


def distribution(cube: ProtectedCube, question: str, *, round: str | None = ALL,
                 audience: str | None = ALL, area: str | None = None,
                 street: str | None = None) -> Distribution:
    """A Likert or frequency question's options, in the survey's order (for safety by day and
    after dark, or how often an impact was seen). Raises NotPublished for a single street."""
    f = _filters(round, audience, area, street)
    base = cube.figure(RESPONDENTS, **f).value
    return Distribution(question, base, tuple(Share(r.measure, r.value, base) for r in cube.likert(question, **f)))


@dataclass(frozen=True, slots=True)
class ToneMean:
    """The mean tone (-1 negative to +1 positive) of the answers raising a theme."""

    theme: str
    count: Count
    mean: float | Suppressed

    @property
    def display(self) -> str:
        return self.mean.display if isinstance(self.mean, Suppressed) else f"{self.mean:+.2f}"


def tone_by_theme(cube: ProtectedCube, tone: Iterable[Sequence], *, round: str | None = ALL,
                  audience: str | None = ALL, area: str | None = None, street: str | None = None,
                  theme_ids: Sequence[str] | None = None) -> list[ToneMean]:
    """Mean tone per theme for a selection, from rows ``(round, audience, area, street, theme,
    answers, sum of their tones)``. A mean is shown only where the theme's count is published
    and at least k answers have a tone: the mean of a handful of answers describes them."""
    f = _filters(round, audience, area, street)
    place = cube.place(area, street)
    answers: dict[str, int] = {}
    sums: dict[str, float] = {}
    for r, a, row_area, row_street, theme, n, total in tone:
        if (round is ALL or r == round) and (audience is ALL or a == audience) \
                and cube.contains(place, row_area, row_street):
            answers[theme] = answers.get(theme, 0) + n
            sums[theme] = sums.get(theme, 0.0) + total
    means = []
    for row in cube.themes(theme_ids, **f):
        n = answers.get(row.measure, 0)
        if isinstance(row.value, Suppressed):
            mean: float | Suppressed = row.value
        elif n < cube.k:
            mean = Suppressed("small", cube.k)
        else:
            mean = sums[row.measure] / n
        means.append(ToneMean(row.measure, row.value, mean))
    return means


@dataclass(frozen=True, slots=True)
class Trend:
    """Respondents by week, the week each round starts, and rounds whose weeks are not shown."""

    weeks: tuple[WeekRow, ...]
    boundaries: tuple[tuple[date, str], ...]
    withheld: tuple[str, ...]


def weekly_trend(cube: ProtectedCube, weeks: Iterable[Sequence],
                 round_starts: Mapping[str, date] | None = None) -> Trend:
    """Protect respondents by week (rows ``(round, week, respondents)``, whole survey) and mark
    where each round begins: ``round_starts`` (the rounds' opening dates) or its first week."""
    protected = protect_trend(cube, weeks)
    firsts: dict[str, date] = {}
    for week in protected.rows:
        firsts.setdefault(week.round, week.week)
    starts = {**firsts, **(round_starts or {})}
    boundaries = tuple(sorted((starts[r], r) for r in cube.rounds if r in starts))
    return Trend(protected.rows, boundaries, protected.withheld)


@dataclass(frozen=True, slots=True)
class MapPoint:
    label: str
    lat: float
    lon: float
    value: Count
    place: Place | None = None


def map_points(cube: ProtectedCube, coordinates: Mapping[tuple[str, str], tuple[float, float] | None], *,
               measure: str = RESPONDENTS, round: str | None = ALL, audience: str | None = ALL,
               area: str | None = None) -> list[MapPoint]:
    """A point per area (or per street of ``area``), where its streets are on average, with its
    figure. ``coordinates``: (area, street) -> (lat, lon). A merged group ("Other streets in")
    has no place of its own and a place with no coordinates cannot be drawn: both are left out."""
    points = []
    for place in _shown_places(cube, area, round, audience):
        where = [c for (a, s), c in coordinates.items() if c is not None and cube.contains(place, a, s)]
        if place.merged or not where:
            continue
        value = cube.figure(measure, round=round, audience=audience, place=place).value
        points.append(MapPoint(place.label, sum(c[0] for c in where) / len(where),
                               sum(c[1] for c in where) / len(where), value, place))
    return points


@dataclass(frozen=True, slots=True)
class Review:
    """Theme tags an officer has checked, and those only the machine has assigned."""

    reviewed: int
    machine_only: int

    @property
    def share(self) -> float | None:
        total = self.reviewed + self.machine_only
        return self.reviewed / total if total else None

    @property
    def display(self) -> str:
        if self.share is None:
            return "no theme tags yet"
        return f"{percent(self.share)} of theme tags checked by an officer"


def review(counts: Iterable[Sequence]) -> Review:
    """From rows ``(reviewed, tags)`` as a ``GROUP BY`` on the review mark returns them. These
    count officers' work on tags, not people, so they need no disclosure control."""
    reviewed = machine = 0
    for checked, n in counts:
        if checked:
            reviewed += n
        else:
            machine += n
    return Review(reviewed, machine)
