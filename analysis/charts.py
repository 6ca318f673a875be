"""Charts for the dashboard and for meetings: plotly Figures in one colour-blind-safe style.

Each function takes what :mod:`analysis.aggregate` returns and gives a :class:`Chart`: the
``figure`` (``plotly.graph_objects.Figure``, no HTML), its ``title`` stating the finding in
words, a ``text`` alternative (a sentence or two with the key numbers) and a ``table`` of the
chart's numbers, as display strings, for an accessible HTML table beside it.

One style for all: the Okabe-Ito palette (told apart with any colour vision), a light template,
type large enough for a projector at the back of a community centre, and a footer with the
source, the number of respondents and the share of theme tags an officer has checked.

A figure that is not shown is never drawn at a size: its bar has no length and a label says
"fewer than 5" or "[hidden]". Names that come from people (streets, areas, themes, rounds,
questions) are escaped before they go into a figure, because plotly.js renders some HTML tags in
its text; ``title``, ``text`` and ``table`` are plain text, for the page's template to escape.
"""
from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import plotly.graph_objects as go
import plotly.io as pio

from .aggregate import Change, Distribution, Grid, MapPoint, Review, Share, Trend, percent
from .disclosure import HIDDEN, NOT_ANSWERED, Count, Suppressed, display

__all__ = ["FONT_SIZE", "FREQUENCY_SCALE", "PALETTE", "SAFETY_SCALE", "Chart", "Footer", "Table", "change_chart",
           "frequency_chart", "heatmap_chart", "map_chart", "safety_chart", "themes_chart", "trend_chart"]

# Okabe & Ito (2008), with the grey R's palette.colors() adds to it.
PALETTE = {"black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73",
           "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999"}
FONT_SIZE = 20
SAFETY_SCALE = (("very_unsafe", "Very unsafe", PALETTE["vermillion"]), ("fairly_unsafe", "Fairly unsafe", PALETTE["orange"]),
                ("neither", "Neither safe nor unsafe", PALETTE["grey"]),
                ("fairly_safe", "Fairly safe", PALETTE["sky_blue"]), ("very_safe", "Very safe", PALETTE["blue"]))
FREQUENCY_SCALE = (("never", "Never", PALETTE["grey"]), ("once_or_twice", "Once or twice", PALETTE["sky_blue"]),
                   ("weekly", "About once a week", PALETTE["blue"]),
                   ("several_weekly", "Several times a week", PALETTE["orange"]),
                   ("daily", "Every day or almost every day", PALETTE["vermillion"]))

_TEMPLATE = go.layout.Template(pio.templates["plotly_white"])
_TEMPLATE.layout.colorway = list(PALETTE.values())
_TEMPLATE.layout.font = dict(family="Arial, Helvetica, sans-serif", size=FONT_SIZE, color=PALETTE["black"])


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    figure: go.Figure
    title: str  # the finding, plain text
    text: str   # the text alternative, plain text
    table: Table


@dataclass(frozen=True, slots=True)
class Footer:
    """What every chart says under it: where the figures come from and how many people."""

    source: str  # "StreetVoice street impact survey, Autumn 2026"
    respondents: Count
    review: Review | None = None

    @property
    def text(self) -> str:
        n = self.respondents
        people = f"{display(n)} respondent{'' if n == 1 else 's'}"
        parts = [f"Source: {self.source}", people] + ([self.review.display] if self.review else [])
        return ". ".join(parts) + "."


def _esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def _title(text: str, width: int = 64) -> str:
    """Escaped, and broken over lines: plotly does not wrap titles."""
    return "<br>".join(_esc(line) for line in textwrap.wrap(text, width) or [""])


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_LEGEND = dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", traceorder="normal")


def _left(labels: Sequence[str]) -> int:
    """Room for the longest label on the left, in pixels (about 11 per character at 20px)."""
    return 30 + 11 * max((len(label) for label in labels), default=0)


def _explained(values) -> list[str]:
    """What the markers among ``values`` mean, one line each, for under the chart."""
    markers = {v.reason: v.k for v in values if isinstance(v, Suppressed)}
    notes = []
    if "small" in markers:
        k = markers["small"]
        notes.append(f"fewer than {k} (<{k}): fewer than {k} people, not shown so that no one can be singled out.")
    if "secondary" in markers:
        notes.append(f"{HIDDEN} (hidden): not shown so that a smaller number elsewhere cannot be worked out.")
    return notes


def _figure(title: str, footer: Footer, *, rows: int, left: int, top: int = 0, notes: Sequence[str] = (),
            row_height: int = 48, values=()) -> go.Figure:
    """A figure in the house style: the title on top, ``top`` pixels more above the plot (for a
    legend or the heatmap's column names), and under it the notes, what the markers among
    ``values`` mean, and the footer."""
    lines = [wrapped for line in (*notes, *_explained(values), footer.text) for wrapped in textwrap.wrap(line, 95)]
    title_lines = len(textwrap.wrap(title, 64)) or 1
    margin = dict(l=left, r=40, t=40 + 34 * title_lines + top, b=110 + 22 * len(lines))
    fig = go.Figure()
    fig.update_layout(template=_TEMPLATE, height=margin["t"] + margin["b"] + row_height * max(rows, 3),
                      title=dict(text=_title(title), x=0, xanchor="left", y=1, yanchor="top", yref="container",
                                 pad=dict(t=20, l=10), font=dict(size=FONT_SIZE + 6)),
                      margin=margin, showlegend=False)
    fig.add_annotation(text="<br>".join(_esc(line) for line in lines), xref="paper", yref="paper", x=0, y=0,
                       xanchor="left", yanchor="top", xshift=10 - left, yshift=-80, align="left", showarrow=False,
                       font=dict(size=FONT_SIZE - 4, color=PALETTE["black"]))
    return fig


def _marker(text: str, **where) -> dict:
    """The label where a figure that is not shown would have been drawn (add with _add_markers)."""
    return dict(text=_esc(text), showarrow=False, font=dict(size=FONT_SIZE - 4, color=PALETTE["black"]), **where)


def _add_markers(fig: go.Figure, markers: list[dict]) -> None:
    """All of a chart's markers in one step: adding annotations one by one re-checks every earlier
    one each time, which grows with the square of the hidden cells (a heatmap has many)."""
    if markers:
        fig.update_layout(annotations=[*fig.layout.annotations, *markers])


def themes_chart(shares: Sequence[Share], labels: Mapping[str, str], footer: Footer) -> Chart:
    """Themes overall: a horizontal bar per theme, its share of respondents, most raised on top."""
    names = [labels.get(s.key, s.key) for s in shares]
    shown = [(s, name) for s, name in zip(shares, names) if s.shown]
    if shown:
        top = max(percent(s.share) for s, _ in shown if s.share == max(x.share for x, _ in shown))
        tied = [name for s, name in shown if percent(s.share) == top]
        verb = "is the concern" if len(tied) == 1 else "are the concerns"
        title = f"{_join(tied)} {verb} most often raised, by {top} of respondents"
    else:
        title = "Concerns raised: too few answers to show"
    fig = _figure(title, footer, rows=len(shares), left=_left(names), values=[s.share for s in shares])
    fig.add_trace(go.Bar(x=[s.share * 100 if s.shown else 0 for s in shares], y=[_esc(n) for n in names],
                         orientation="h", marker_color=PALETTE["blue"], cliponaxis=False,
                         text=[s.display if s.shown else "" for s in shares], textposition="outside",
                         customdata=[s.display for s in shares], hovertemplate="%{y}: %{customdata}<extra></extra>"))
    _add_markers(fig, [_marker(s.display, x=0, y=_esc(name), xanchor="left", xshift=6)
                       for s, name in zip(shares, names) if not s.shown])
    widest = max((s.share * 100 for s, _ in shown), default=0)
    fig.update_xaxes(title_text="Share of respondents", ticksuffix="%", range=[0, widest * 1.25 + 8])
    fig.update_yaxes(autorange="reversed", automargin=True)
    others = [f"{name} ({s.display})" for s, name in shown[len(tied) if shown else 0:][:2]]
    text = f"{title}." + (f" Next: {_join(others)}." if others else "") + \
        f" Out of {display(footer.respondents)} respondents; one person can raise several concerns."
    rows = tuple((name, s.count_display, s.display) for s, name in zip(shares, names))
    return Chart(fig, title, text, Table(title, ("Concern", "Respondents who raised it", "Share of respondents"), rows))


def heatmap_chart(grid: Grid, labels: Mapping[str, str], footer: Footer) -> Chart:
    """Places by themes: each cell the share of the place's respondents who raised the theme."""
    themes = [labels.get(t, t) for t in grid.theme_ids]
    places = [p.label for p in grid.places]
    best = max(((c.share, p, t) for p, row in zip(places, grid.cells) for t, c in zip(themes, row) if c.shown),
               key=lambda x: x[0], default=None)
    level = "street" if grid.places and grid.places[0].street is not None else "area"
    if best:
        title = f"{best[2]} is raised most in {best[1]}, by {percent(best[0])} of its respondents"
    else:
        title = f"Concerns by {level}: too few answers to show"
    fig = _figure(title, footer, rows=len(places), left=_left(places), row_height=44,
                  top=20 + 8 * max((len(t) for t in themes), default=0),  # the column names, at 45 degrees
                  values=[c.share for row in grid.cells for c in row])
    fig.add_trace(go.Heatmap(
        z=[[c.share * 100 if c.shown else None for c in row] for row in grid.cells],
        x=[_esc(t) for t in themes], y=[_esc(p) for p in places],
        text=[[c.display if c.shown else "" for c in row] for row in grid.cells], texttemplate="%{text}",
        customdata=[[c.display for c in row] for row in grid.cells], zmin=0,
        colorscale=[[0, "#FFFFFF"], [1, PALETTE["sky_blue"]]], showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y}, %{x}: %{customdata}<extra></extra>", textfont=dict(color=PALETTE["black"])))
    # A cell is narrow: "<5" and "hidden" fit where "fewer than 5" would spill over.
    _add_markers(fig, [_marker(c.share.short if isinstance(c.share, Suppressed) else c.display, x=_esc(t), y=_esc(p))
                       for p, row in zip(places, grid.cells) for t, c in zip(themes, row) if not c.shown])
    fig.update_xaxes(side="top", tickangle=-45)
    fig.update_yaxes(autorange="reversed", automargin=True)
    text = f"{title}. Each cell is the share of that {level}'s respondents who raised the concern."
    rows = tuple((p, display(n), *(c.display for c in row)) for p, n, row in zip(places, grid.respondents, grid.cells))
    return Chart(fig, title, text, Table(title, (level.capitalize(), "Respondents", *themes), rows))


def change_chart(changes: Sequence[Change], before: str, after: str, footer: Footer, *,
                 labels: Mapping[str, str] | None = None, theme: str | None = None) -> Chart:
    """Round against round: a pair of bars per theme (or per area, for one ``theme``), the
    share of respondents in ``before`` and in ``after`` (the rounds' names)."""
    names = [(labels or {}).get(c.key, c.key) for c in changes]
    moved = [(c, n) for c, n in zip(changes, names) if c.change is not None]
    most = round(abs(moved[0][0].change)) if moved else 0
    tied = [n for c, n in moved if round(abs(c.change)) == most]
    if most >= 1 and len(tied) > 1:
        where = f"{theme} changed the most in {_join(tied)}" if theme else f"{_join(tied)} changed the most"
        title = f"{where} since {before}, by {most} points each"
    elif most >= 1:
        c, name = moved[0]
        way = "rose" if c.change > 0 else "fell"
        what = f"{theme} {way} the most in {name}" if theme else f"{name} {way} the most"
        title = f"{what} since {before}, from {c.before.display} to {c.after.display} of respondents"
    elif moved:
        title = f"Little changed between {before} and {after}"
    else:
        title = f"What changed between {before} and {after}: too few answers to show"
    fig = _figure(title, footer, rows=len(changes), left=_left(names), top=50, row_height=64,
                  values=[s.share for c in changes for s in (c.before, c.after)])
    for when, colour, side in ((before, PALETTE["sky_blue"], "before"), (after, PALETTE["blue"], "after")):
        shares = [getattr(c, side) for c in changes]
        fig.add_trace(go.Bar(name=_esc(when), x=[s.share * 100 if s.shown else 0 for s in shares],
                             y=[_esc(n) for n in names], orientation="h", marker_color=colour, cliponaxis=False,
                             text=[s.display if s.shown else "" for s in shares], textposition="outside",
                             customdata=[s.display for s in shares],
                             hovertemplate=f"%{{y}}, {_esc(when)}: %{{customdata}}<extra></extra>"))
    fig.update_layout(barmode="group", showlegend=True, legend=_LEGEND)
    _add_markers(fig, [_marker(share.display, x=0, y=_esc(name), xanchor="left", xshift=6, yshift=shift)
                       for c, name in zip(changes, names)
                       for share, shift in ((c.before, 14), (c.after, -14)) if not share.shown])  # on its own bar
    widest = max((s.share * 100 for c in changes for s in (c.before, c.after) if s.shown), default=0)
    fig.update_xaxes(title_text="Share of respondents", ticksuffix="%", range=[0, widest * 1.25 + 8])
    fig.update_yaxes(autorange="reversed", automargin=True)
    text = f"{title}." + "".join(f" {n}: {c.before.display} then {c.after.display}." for c, n in moved[1:3])
    first = "Area" if theme else "Concern"
    rows = tuple((n, c.before.display, c.after.display, c.display) for c, n in zip(changes, names))
    return Chart(fig, title, text, Table(title, (first, before, after, "Change"), rows))


def _not_shown(rows: Sequence[tuple[str, Distribution]], scale) -> list[str]:
    """Per row, the answers not shown (their bars have no length), for a note under the chart."""
    notes = []
    for name, dist in rows:
        missing = [f"{label} {dist.get(key).display}" for key, label, _ in scale
                   if dist.get(key) is not None and not dist.get(key).shown]
        if missing:
            notes.append(f"{name}, not shown: {'; '.join(missing)}.")
    return notes


def _stacked(fig: go.Figure, rows: Sequence[tuple[str, Distribution]], scale, centre: bool) -> None:
    """Stacked bars of each row's answers in scale order, diverging from the middle option if
    ``centre`` (half of it each side); an answer not shown has no length."""
    middle = len(scale) // 2 if centre and len(scale) % 2 else None
    low = range(len(scale) // 2 - 1, -1, -1) if centre else ()
    high = range(len(scale) // 2 + (middle is not None), len(scale)) if centre else range(len(scale))
    names = [_esc(name) for name, _ in rows]
    # Relative bars stack outwards in trace order: from the middle out, on each side.
    for i in ([middle] if middle is not None else []) + [*low, *high]:
        key, label, colour = scale[i]
        shares = [dist.get(key) for _, dist in rows]
        value = [s.share * 100 if s is not None and s.shown else 0 for s in shares]
        sides = [(0.5, 1), (0.5, -1)] if i == middle else [(1, -1 if i in low else 1)]
        for j, (part, sign) in enumerate(sides):
            fig.add_trace(go.Bar(name=_esc(label), x=[sign * part * v for v in value], y=names, orientation="h",
                                 marker_color=colour, legendgroup=key, legendrank=i, showlegend=j == 0,
                                 customdata=[s.display if s is not None else "" for s in shares],
                                 hovertemplate=f"%{{y}}, {_esc(label)}: %{{customdata}}<extra></extra>"))
    # Where the visible stack ends on a side with answers not shown, say so.
    labels = []
    for name, (_, dist) in zip(names, rows):
        centre_half = dist.get(scale[middle][0]) if middle is not None else None
        for side, keys in ((-1, [scale[i][0] for i in sorted(low)]), (1, [scale[i][0] for i in high])):
            present = [s for s in map(dist.get, keys) if s is not None]
            hidden = [s for s in present if not s.shown]
            if hidden:
                end = sum(s.share * 100 for s in present if s.shown)
                end += centre_half.share * 50 if centre_half is not None and centre_half.shown else 0
                markers = ", ".join(dict.fromkeys(s.display for s in hidden))
                labels.append(_marker(f"+ {markers}" if side > 0 else f"{markers} +", x=side * end, y=name,
                                      xanchor="left" if side > 0 else "right", xshift=4 * side))
    _add_markers(fig, labels)
    fig.update_layout(barmode="relative" if centre else "stack", showlegend=True, legend=_LEGEND)
    fig.update_yaxes(autorange="reversed", automargin=True)


def _sum(dist: Distribution, keys: Sequence[str]) -> float | None:
    """The total share of some answers, or None if any of them is not shown."""
    shares = [dist.get(k) for k in keys]
    if any(s is not None and not s.shown for s in shares):
        return None
    return sum(s.share for s in shares if s is not None)


def _answer_table(title: str, rows: Sequence[tuple[str, Distribution]], scale, first: str) -> Table:
    skipped = any(d.get(NOT_ANSWERED) is not None for _, d in rows)
    headers = (first, *(label for _, label, _ in scale), *(("Not answered",) if skipped else ()))
    keys = [key for key, _, _ in scale] + ([NOT_ANSWERED] if skipped else [])
    body = tuple((name, *(d.get(k).display if d.get(k) else "" for k in keys)) for name, d in rows)
    return Table(title, headers, body)


def safety_chart(day: Distribution, dark: Distribution, footer: Footer, scale=SAFETY_SCALE,
                 names: tuple[str, str] = ("During the day", "After dark")) -> Chart:
    """How safe people feel, by day and after dark: bars diverging from "neither", unsafe to the
    left, safe to the right. ``scale``: (option, label, colour), unsafe first."""
    unsafe_keys = [key for key, _, _ in scale[:len(scale) // 2]]
    by_day, by_dark = _sum(day, unsafe_keys), _sum(dark, unsafe_keys)
    if by_day is None or by_dark is None:
        title = f"How safe people feel {names[0].lower()} and {names[1].lower()}"
    else:
        more = "More" if by_dark > by_day else "Fewer" if by_dark < by_day else "As many"
        than = "than" if more != "As many" else "as"
        title = f"{more} people feel unsafe {names[1].lower()} ({percent(by_dark)}) {than} {names[0].lower()} ({percent(by_day)})"
    rows = [(names[0], day), (names[1], dark)]
    notes = _not_shown(rows, scale)
    fig = _figure(title, footer, rows=2, left=_left(names), top=80, row_height=90, notes=notes,
                  values=[s.share for _, d in rows for s in d.shares])
    _stacked(fig, rows, scale, centre=True)
    fig.update_xaxes(range=[-100, 100], tickvals=[-100, -50, 0, 50, 100], ticktext=["100%", "50%", "0", "50%", "100%"],
                     zeroline=True, zerolinecolor=PALETTE["black"], title_text="Share of respondents (unsafe to the left, safe to the right)")
    text = f"{title}." + (" " + " ".join(notes) if notes else "")
    return Chart(fig, title, text, _answer_table(title, rows, scale, ""))


def frequency_chart(distributions: Sequence[Distribution], questions: Mapping[str, str], footer: Footer,
                    scale=FREQUENCY_SCALE, often_from: str = "weekly") -> Chart:
    """How often each impact was seen: a bar per question, its answers stacked from "Never" to
    "Every day", the most often seen on top. ``questions``: question id -> its short label."""
    often = [key for key, _, _ in scale[[k for k, _, _ in scale].index(often_from):]]
    scored = [(_sum(d, often), d) for d in distributions]
    scored.sort(key=lambda x: (x[0] is None, -(x[0] or 0)))
    rows = [(questions.get(d.question, d.question), d) for _, d in scored]
    label = dict((k, lab) for k, lab, _ in scale)[often_from].lower()
    if scored and scored[0][0] is not None:
        top = percent(scored[0][0])
        tied = [name for (name, _), (x, _) in zip(rows, scored) if x is not None and percent(x) == top]
        verb = "is the impact" if len(tied) == 1 else "are the impacts"
        title = f"{_join(tied)} {verb} seen most often: {top} saw {'it' if len(tied) == 1 else 'each'} {label} or more"
    else:
        title = "How often each impact was seen"
    notes = _not_shown(rows, scale)
    fig = _figure(title, footer, rows=len(rows), left=_left([n for n, _ in rows]), top=80, row_height=60,
                  notes=notes, values=[s.share for _, d in rows for s in d.shares])
    _stacked(fig, rows, scale, centre=False)
    fig.update_xaxes(range=[0, 100], ticksuffix="%", title_text="Share of respondents")
    first = len(tied) if scored and scored[0][0] is not None else 0
    others = [f"{name} ({percent(x)})" for (name, _), (x, _) in zip(rows[first:first + 2], scored[first:first + 2])
              if x is not None]
    text = f"{title}." + (f" Next: {_join(others)}." if others else "")
    return Chart(fig, title, text, _answer_table(title, rows, scale, "Impact"))


def trend_chart(trend: Trend, round_names: Mapping[str, str], footer: Footer) -> Chart:
    """Responses by week, with a line where each round begins."""
    weeks = trend.weeks
    shown = [w for w in weeks if not isinstance(w.value, Suppressed)]
    most = max((w.value for w in shown), default=0)
    peaks = [f"{w.week.day} {w.week:%B %Y}" for w in shown if w.value == most]
    if most and len(peaks) == 1:
        title = f"Most responses came in the week of {peaks[0]}: {most:,}"
    elif most:
        title = f"Most responses came in the weeks of {_join(peaks)}: {most:,} each"
    else:
        title = "Responses by week"
    withheld = [round_names.get(r, r) for r in trend.withheld]
    notes = [f"Weekly figures for {_join(withheld)} are not shown: too few responses to protect them."] if withheld else []
    fig = _figure(title, footer, rows=6, left=90, top=40, row_height=60, notes=notes,
                  values=[w.value for w in weeks])
    fig.add_trace(go.Bar(x=[w.week for w in weeks], y=[0 if isinstance(w.value, Suppressed) else w.value for w in weeks],
                         marker_color=PALETTE["blue"], customdata=[w.display for w in weeks],
                         hovertemplate="Week of %{x|%-d %B %Y}: %{customdata}<extra></extra>"))
    _add_markers(fig, [_marker(w.display, x=w.week, y=0, yanchor="bottom", textangle=-90)
                       for w in weeks if isinstance(w.value, Suppressed)])
    for start, r in trend.boundaries:
        # Each bar is centred on its Monday: the line goes just before the round's first week.
        line = datetime.combine(start - timedelta(days=start.weekday()), time()) - timedelta(hours=84)
        fig.add_vline(x=line, line_dash="dash", line_color=PALETTE["black"], line_width=2)
        fig.add_annotation(x=line, y=1, yref="paper", text=_esc(round_names.get(r, r)), showarrow=False,
                           xanchor="left", yanchor="bottom", font=dict(size=FONT_SIZE - 4))
    if weeks:  # a little room before the first round's line
        fig.update_xaxes(range=[weeks[0].week - timedelta(days=8), weeks[-1].week + timedelta(days=5)])
    # A date axis even with no week shown, or plotly.js cannot place the round lines (NaN).
    fig.update_xaxes(title_text="Week beginning", tickformat="%-d %b", type="date")
    fig.update_yaxes(title_text="Responses", rangemode="tozero")
    text = f"{title}." + (" " + notes[0] if notes else "") + \
        "".join(f" {round_names.get(r, r)} began on {d.day} {d:%B %Y}." for d, r in trend.boundaries)
    rows = tuple((f"{w.week.day} {w.week:%B %Y}", round_names.get(w.round, w.round), w.display) for w in weeks)
    return Chart(fig, title, text, Table(title, ("Week beginning", "Round", "Responses"), rows))


def map_chart(points: Sequence[MapPoint], footer: Footer, measure: str = "respondents") -> Chart:
    """Places where they are, sized by their figure, drawn on plain axes: no map tiles or
    boundaries, which would be fetched from the internet (meetings are often offline)."""
    shown = [p for p in points if not isinstance(p.value, Suppressed)]
    top = max(shown, key=lambda p: p.value, default=None)
    title = f"{top.label} has the most {measure}: {top.value:,}" if top and top.value else f"{measure.capitalize()} by place"
    fig = _figure(title, footer, rows=10, left=30, row_height=50, values=[p.value for p in points])
    biggest = max((p.value for p in shown), default=1) or 1
    fig.add_trace(go.Scatter(
        x=[p.lon for p in shown], y=[p.lat for p in shown], mode="markers+text",
        text=[f"{_esc(p.label)}: {display(p.value)}" for p in shown], textposition="top center",
        marker=dict(size=[14 + 46 * math.sqrt(p.value / biggest) for p in shown], color=PALETTE["blue"],
                    opacity=0.8, line=dict(color=PALETTE["black"], width=1)),
        hovertemplate=f"%{{text}} {_esc(measure)}<extra></extra>"))
    hidden = [p for p in points if isinstance(p.value, Suppressed)]
    if hidden:
        fig.add_trace(go.Scatter(
            x=[p.lon for p in hidden], y=[p.lat for p in hidden], mode="markers+text",
            text=[f"{_esc(p.label)}: {p.value.display}" for p in hidden], textposition="top center",
            marker=dict(size=14, symbol="circle-open", color=PALETTE["grey"], line=dict(width=2)),
            hovertemplate="%{text}<extra></extra>"))
    middle = sum(p.lat for p in points) / len(points) if points else 0
    fig.update_xaxes(visible=False)
    # A degree of longitude is cos(latitude) of a degree of latitude: equal distances look equal.
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(middle)))
    text = f"{title}." + "".join(f" {p.label}: {display(p.value)}." for p in sorted(
        shown, key=lambda p: -p.value)[1:3])
    rows = tuple((p.label, display(p.value)) for p in points)
    return Chart(fig, title, text, Table(title, ("Place", measure.capitalize()), rows))
