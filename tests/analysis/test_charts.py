"""Charts: inspect the Figures (traces, titles, what is drawn, escaping, colours) and their tables."""
from datetime import date

import html

import plotly.graph_objects as go
import pytest

import analysis
from analysis import aggregate
from analysis.aggregate import Change, Distribution, Grid, MapPoint, Review, Share, Trend
from analysis.charts import (FREQUENCY_SCALE, PALETTE, SAFETY_SCALE, Footer, change_chart, frequency_chart,
                             heatmap_chart, map_chart, safety_chart, themes_chart, trend_chart)
from analysis.disclosure import Place, Suppressed, WeekRow, protect

SMALL, SECONDARY = Suppressed("small"), Suppressed("secondary")
NAUGHTY = ["<script>alert(1)</script>", "<b>x</b>"]
FOOTER = Footer("StreetVoice street impact survey, Autumn 2026", 120, Review(90, 30))


@pytest.fixture(scope="module")
def labels():
    return {t.id: t.label for t in analysis.load_codebook().themes}


def strings(value):
    """Every string anywhere in a figure."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def colours(fig: go.Figure):
    found = set()
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        colour = getattr(marker, "color", None) if marker else None
        if colour is not None:
            found.update([colour] if isinstance(colour, str) else colour)
        if trace.type == "heatmap":
            found.update(c for _, c in trace.colorscale)
    return found


def annotations(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def check_house_style(chart, footer=FOOTER):
    """What every chart must do, whatever it shows."""
    fig = chart.figure.to_plotly_json()
    assert {t["type"] for t in fig["data"]} <= {"bar", "heatmap", "scatter"}
    assert not {"geo", "mapbox", "map"} & set(fig["layout"])  # nothing that fetches tiles or topojson
    assert colours(chart.figure) <= set(PALETTE.values()) | {"#FFFFFF"}
    assert chart.title and chart.text.startswith(chart.title)
    # The footer: source, respondents and the share reviewed, after any notes, escaped and wrapped.
    assert annotations(chart.figure)[0].replace("<br>", " ").endswith(html.escape(footer.text, quote=False))
    assert all(isinstance(cell, str) for row in chart.table.rows for cell in row)
    assert len(chart.table.headers) == len(chart.table.rows[0])
    for text in strings(fig):
        assert "<script" not in text and "<b>x</b>" not in text


def test_themes_chart_states_the_top_concern_and_draws_no_hidden_bar(labels):
    shares = [Share("drugs", 54, 120), Share("kerb_crawling", 30, 120), Share("noise_disturbance", SMALL, 120),
              Share("crime_property", SECONDARY, 120)]
    chart = themes_chart(shares, labels, FOOTER)
    check_house_style(chart)
    assert chart.title == "Drugs and drug dealing is the concern most often raised, by 45% of respondents"
    assert "Next: Kerb crawling and being approached (25%)" in chart.text
    bar = chart.figure.data[0]
    assert bar.orientation == "h" and list(bar.x) == [45.0, 25.0, 0, 0]
    assert bar.marker.color == PALETTE["blue"]
    assert {"fewer than 5", "[hidden]"} <= set(annotations(chart.figure))
    under = annotations(chart.figure)[0].replace("<br>", " ")
    assert "fewer than 5 (&lt;5): fewer than 5 people" in under and "[hidden] (hidden): not shown so that a smaller" in under
    assert chart.table.headers == ("Concern", "Respondents who raised it", "Share of respondents")
    assert chart.table.rows[2] == ("Noise and disturbance", "fewer than 5", "fewer than 5")


def test_themes_chart_names_every_concern_tied_at_the_top(labels):
    chart = themes_chart([Share("drugs", 30, 120), Share("kerb_crawling", 30, 120)], labels, FOOTER)
    assert chart.title.startswith("Drugs and drug dealing and Kerb crawling and being approached are the concerns")


def test_names_from_people_are_escaped_in_the_figure_and_plain_in_the_table():
    shares = [Share(NAUGHTY[0], 40, 120), Share(NAUGHTY[1], SMALL, 120)]
    footer = Footer(NAUGHTY[1], 120, Review(3, 1))
    chart = themes_chart(shares, {}, footer)
    check_house_style(chart, footer)
    figure = list(strings(chart.figure.to_plotly_json()))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chart.figure.data[0].y
    assert any("&lt;b&gt;x&lt;/b&gt;" in s for s in figure)  # in the footer's source
    assert chart.table.rows[0][0] == NAUGHTY[0]  # the page's template escapes it
    assert chart.title.startswith(NAUGHTY[0])


def test_heatmap_leaves_hidden_cells_empty_with_their_label(labels):
    places = (Place("Middlefield", NAUGHTY[0]), Place("Middlefield", "Grange Road"))
    cells = ((Share("drugs", 10, 40), Share("kerb_crawling", SMALL, 40)),
             (Share("drugs", 6, 30), Share("kerb_crawling", SECONDARY, 30)))
    chart = heatmap_chart(Grid(places, ("drugs", "kerb_crawling"), cells, (40, 30)), labels, FOOTER)
    check_house_style(chart)
    assert chart.title == f"Drugs and drug dealing is raised most in {NAUGHTY[0]}, by 25% of its respondents"
    heat = chart.figure.data[0]
    assert [list(row) for row in heat.z] == [[25.0, None], [20.0, None]]
    assert list(heat.y) == ["&lt;script&gt;alert(1)&lt;/script&gt;", "Grange Road"]
    assert {"&lt;5", "hidden"} <= set(annotations(chart.figure))  # short, to fit a cell
    assert chart.table.headers == ("Street", "Respondents", "Drugs and drug dealing", "Kerb crawling and being approached")
    assert chart.table.rows[1] == ("Grange Road", "30", "20%", "[hidden]")


def test_change_chart_says_what_changed_since_the_first_round(labels):
    changes = [Change("kerb_crawling", Share("kerb_crawling", 50, 100), Share("kerb_crawling", 24, 120)),
               Change("drugs", Share("drugs", 30, 100), Share("drugs", 36, 120)),
               Change("noise_disturbance", Share("noise_disturbance", SMALL, 100), Share("noise_disturbance", 12, 120))]
    chart = change_chart(changes, "Autumn 2026", "Winter 2026 to 2027", FOOTER, labels=labels)
    check_house_style(chart)
    assert chart.title == ("Kerb crawling and being approached fell the most since Autumn 2026, "
                           "from 50% to 20% of respondents")
    before, after = chart.figure.data
    assert (before.name, after.name) == ("Autumn 2026", "Winter 2026 to 2027")
    assert list(before.x) == [50.0, 30.0, 0] and list(after.x) == [20.0, 30.0, 10.0]
    assert (before.marker.color, after.marker.color) == (PALETTE["sky_blue"], PALETTE["blue"])
    assert "fewer than 5" in annotations(chart.figure)
    assert chart.table.rows[0] == ("Kerb crawling and being approached", "50%", "20%", "down 30 points")
    assert chart.table.rows[2][-1] == "not shown"


def test_change_chart_by_area_for_one_theme():
    changes = [Change("Middlefield", Share("Middlefield", 10, 40), Share("Middlefield", 20, 40)),
               Change("Gresham", Share("Gresham", 10, 50), Share("Gresham", 10, 50))]
    chart = change_chart(changes, "Autumn 2026", "Winter 2026 to 2027", FOOTER, theme="Drugs and drug dealing")
    assert chart.title == "Drugs and drug dealing rose the most in Middlefield since Autumn 2026, from 25% to 50% of respondents"
    assert chart.table.headers[0] == "Area"


def _answers(question, counts, base):
    return Distribution(question, base, tuple(Share(key, n, base) for key, n in counts.items()))


def test_safety_diverges_from_neither_and_compares_day_with_dark():
    day = _answers("safe_day", {"very_unsafe": SMALL, "fairly_unsafe": SECONDARY, "neither": 20, "fairly_safe": 50,
                                "very_safe": 44}, 120)
    dark = _answers("safe_dark", {"very_unsafe": 24, "fairly_unsafe": 24, "neither": 24, "fairly_safe": 24,
                                  "very_safe": 24}, 120)
    chart = safety_chart(day, dark, FOOTER)
    check_house_style(chart)
    assert chart.title == "How safe people feel during the day and after dark"  # day's unsafe share is not shown
    by_name = {}
    for trace in chart.figure.data:
        by_name.setdefault(trace.name, []).append(list(trace.x))
    assert by_name["Very unsafe"] == [[0, -20.0]]  # hidden: no length
    assert by_name["Very safe"] == [[pytest.approx(44 / 1.2), 20.0]]
    assert by_name["Neither safe nor unsafe"] == [[pytest.approx(20 / 2.4), 10.0], [pytest.approx(-20 / 2.4), -10.0]]
    assert [t.marker.color for t in chart.figure.data if t.name == "Very unsafe"] == [SAFETY_SCALE[0][2]]
    assert any("fewer than 5, [hidden] +" == a for a in annotations(chart.figure))
    assert "During the day, not shown: Very unsafe fewer than 5; Fairly unsafe [hidden]." in \
        annotations(chart.figure)[0].replace("<br>", " ")
    assert chart.table.rows[0] == ("During the day", "fewer than 5", "[hidden]", "17%", "42%", "37%")

    known = _answers("safe_day", {"very_unsafe": 0, "fairly_unsafe": 12, "neither": 20, "fairly_safe": 50,
                                  "very_safe": 38}, 120)
    assert safety_chart(known, dark, FOOTER).title == "More people feel unsafe after dark (40%) than during the day (10%)"


def test_frequency_chart_puts_the_impact_seen_most_often_first():
    scale = [key for key, _, _ in FREQUENCY_SCALE]
    noise = _answers("seen_noise_night", dict(zip(scale, (60, 20, 20, 10, 10))), 120)
    kerb = _answers("seen_kerb_crawling", dict(zip(scale, (20, 10, 30, 30, 30))), 120)
    drugs = _answers("seen_drugs", dict(zip(scale, (SMALL, 50, SECONDARY, 30, 30))), 120)
    names = {"seen_noise_night": "Noise at night", "seen_kerb_crawling": "Kerb crawling", "seen_drugs": "Drug dealing or use"}
    chart = frequency_chart([noise, kerb, drugs], names, FOOTER)
    check_house_style(chart)
    assert chart.title == "Kerb crawling is the impact seen most often: 75% saw it about once a week or more"
    assert [row[0] for row in chart.table.rows] == ["Kerb crawling", "Noise at night", "Drug dealing or use"]
    assert chart.figure.layout.barmode == "stack"
    never = next(t for t in chart.figure.data if t.name == "Never")
    assert list(never.x) == [pytest.approx(20 / 1.2), 50.0, 0]
    assert "+ [hidden]" not in annotations(chart.figure) and "fewer than 5, [hidden] +" not in annotations(chart.figure)
    assert any(a.startswith("fewer than 5") or a.startswith("+ fewer than 5") for a in annotations(chart.figure))


def test_trend_marks_round_boundaries_and_withheld_rounds():
    weeks = (WeekRow("r1", date(2026, 9, 7), 30), WeekRow("r1", date(2026, 9, 14), SMALL),
             WeekRow("r1", date(2026, 9, 21), SECONDARY), WeekRow("r2", date(2026, 11, 2), 25))
    trend = Trend(weeks, ((date(2026, 9, 7), "r1"), (date(2026, 11, 2), "r2")), ("r3",))
    chart = trend_chart(trend, {"r1": "Autumn 2026", "r2": NAUGHTY[1], "r3": "Spring 2027"}, FOOTER)
    check_house_style(chart)
    assert chart.title == "Most responses came in the week of 7 September 2026: 30"
    assert list(chart.figure.data[0].y) == [30, 0, 0, 25]
    assert len([s for s in chart.figure.layout.shapes if s.type == "line"]) == 2
    notes = annotations(chart.figure)
    assert "&lt;b&gt;x&lt;/b&gt;" in notes and {"fewer than 5", "[hidden]"} <= set(notes)
    assert "Weekly figures for Spring 2027 are not shown" in chart.text
    assert chart.table.rows[1] == ("14 September 2026", "Autumn 2026", "fewer than 5")


def test_map_is_plain_scatter_on_longitude_and_latitude_with_equal_distances():
    points = [MapPoint("Middlefield", 54.57, -1.239, 80), MapPoint(NAUGHTY[0], 54.56, -1.22, 20),
              MapPoint("Gresham", 54.565, -1.25, SMALL)]
    chart = map_chart(points, FOOTER)
    check_house_style(chart)
    assert chart.title == "Middlefield has the most respondents: 80"
    shown, hidden = chart.figure.data
    assert list(shown.x) == [-1.239, -1.22] and list(shown.y) == [54.57, 54.56]
    assert shown.marker.size[0] > shown.marker.size[1]
    assert hidden.marker.symbol == "circle-open" and hidden.marker.size == 14  # not sized by its count
    assert list(hidden.text) == ["Gresham: fewer than 5"]
    assert chart.figure.layout.yaxis.scaleanchor == "x"
    assert chart.figure.layout.yaxis.scaleratio == pytest.approx(1 / 0.5802, rel=1e-3)


def test_charts_from_a_protected_survey_end_to_end(labels):
    streets = {"Grange Road": (54.570, -1.2396), "Albert Terrace": (54.568, -1.2360), NAUGHTY[0]: (54.572, -1.2404)}
    respondents = [("autumn", "resident", "Middlefield", s, n) for s, n in zip(streets, (40, 30, 25))]
    themes = [("autumn", "resident", "Middlefield", s, t, n) for s, counts in zip(streets, ((20, 3), (6, 12), (5, 10)))
              for t, n in zip(("drugs", "kerb_crawling"), counts)]
    cube = protect(respondents, themes, theme_ids=["drugs", "kerb_crawling"])
    footer = Footer("StreetVoice street impact survey, Autumn 2026", cube.respondents().value, Review(90, 30))
    grid = heatmap_chart(aggregate.theme_grid(cube, area="Middlefield"), labels, footer)
    check_house_style(grid, footer)
    assert [row[0] for row in grid.table.rows] == [NAUGHTY[0], "Albert Terrace", "Grange Road"]
    top = themes_chart(aggregate.theme_shares(cube), labels, footer)
    assert top.title == "Drugs and drug dealing is the concern most often raised, by 33% of respondents"
    where = map_chart(aggregate.map_points(cube, {("Middlefield", s): c for s, c in streets.items()},
                                           area="Middlefield"), footer)
    check_house_style(where, footer)
    assert len(where.figure.data[0].x) == 3
