"""Disclosure control: hand-computed cases, then an attacker who sees every published figure."""
import itertools
import json
import os
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from analysis.disclosure import (ALL, HIDDEN, NOT_ANSWERED, RESPONDENTS, TOTAL, NotPublished, Place, Suppressed,
                                 _Suppressor, display, protect, protect_trend)

K = 5
SMALL, SECONDARY = Suppressed("small"), Suppressed("secondary")


def shown(cube, measure=RESPONDENTS, **filters):
    return cube.figure(measure, **filters).value


# -- hand-computed cases ------------------------------------------------------------------------

def test_a_small_theme_count_is_protected_by_the_cheapest_street_of_its_row():
    # Drugs on s1 (3 of 10) is small. Published as they are, the area's 16 minus s2's 7 and s3's 6
    # would give it away, so one more street's figure is hidden: s3's 6, the smaller of the two.
    cube = protect([("r1", "resident", "A", "s1", 10), ("r1", "resident", "A", "s2", 12),
                    ("r1", "resident", "A", "s3", 8)],
                   [("r1", "resident", "A", "s1", "drugs", 3), ("r1", "resident", "A", "s2", "drugs", 7),
                    ("r1", "resident", "A", "s3", "drugs", 6)])
    for r in (ALL, "r1"):  # every view is a slice of the same protected cube
        assert shown(cube, "drugs", round=r, area="A", street="s1") == SMALL
        assert shown(cube, "drugs", round=r, area="A", street="s3") == SECONDARY
        assert shown(cube, "drugs", round=r, area="A", street="s2") == 7
        assert shown(cube, "drugs", round=r, area="A") == 16
        assert shown(cube, round=r, area="A", street="s1") == 10
    assert cube.figure("drugs", area="A", street="s3").display == HIDDEN
    assert cube.figure("drugs", area="A", street="s1").display == "fewer than 5"


def test_answers_protect_rows_and_columns_and_add_up_to_the_respondents():
    # Areas A1 (17: 3, 6, 8) and A2 (22: 7, 9, 6). A1's 3 needs a partner in its row and one in
    # its column, and then the fourth corner: o3 (8 + 7 + 6 = 21) is cheaper than o2 (6 + 7 + 9).
    answers = {"A1": (3, 6, 8), "A2": (7, 9, 6)}
    cube = protect([("r1", "resident", area, f"{area} street", sum(n)) for area, n in answers.items()],
                   likert=[("r1", "resident", area, f"{area} street", "safe_dark", option, count)
                           for area, n in answers.items() for option, count in zip(("o1", "o2", "o3"), n)],
                   likert_options={"safe_dark": ["o1", "o2", "o3"]})
    for r, a in itertools.product((ALL, "r1"), (ALL, "resident")):
        rows = {(row.place.label, row.measure): row.value
                for place in (*cube.areas(), TOTAL)
                for row in cube.likert("safe_dark", round=r, audience=a, place=place)}
        assert rows == {("A1", "o1"): SMALL, ("A1", "o2"): 6, ("A1", "o3"): SECONDARY,
                        ("A2", "o1"): SECONDARY, ("A2", "o2"): 9, ("A2", "o3"): SECONDARY,
                        ("All areas", "o1"): 10, ("All areas", "o2"): 15, ("All areas", "o3"): 14}
    # Nobody skipped the question, so there is no "not answered" row; the options add up.
    total = cube.likert("safe_dark")
    assert [row.measure for row in total] == ["o1", "o2", "o3"]
    assert sum(row.value for row in total) == shown(cube) == 39


def test_a_street_of_k_minus_one_is_merged_and_one_of_k_is_shown():
    cube = protect([("r1", "resident", "A", "four", 4), ("r1", "resident", "A", "one", 1),
                    ("r1", "resident", "A", "five", 5), ("r1", "resident", "A", "nine", 9)])
    group = Place("A", "Other streets in A", merged=True)
    assert cube.streets("A") == (Place("A", "five"), Place("A", "nine"), group)
    assert cube.place("A", "four") == cube.place("A", "one") == group
    assert shown(cube, area="A", street="five") == 5
    assert shown(cube, area="A", street="four") == 5  # the group: four + one
    assert cube.figure(area="A", street="four").place.label == "Other streets in A"


def test_a_group_below_k_takes_in_the_smallest_named_street():
    cube = protect([("r1", "resident", "B", "three", 3), ("r1", "resident", "B", "six", 6),
                    ("r1", "resident", "B", "eight", 8)])
    assert [p.label for p in cube.streets("B")] == ["eight", "Other streets in B"]
    assert shown(cube, area="B", street="six") == 9  # "fewer than 5" on its own would be hidden anyway


def test_an_area_below_k_is_merged_into_other_areas_without_its_streets():
    cube = protect([("r1", "resident", "Big", "x", 20), ("r1", "resident", "Small", "y", 3),
                    ("r1", "resident", "Tiny", "z", 2)])
    others = Place("Other areas", merged=True)
    assert cube.areas() == (Place("Big"), others)
    assert cube.place("Small") == cube.place("Tiny", "z") == others
    assert cube.streets("Small") == ()
    assert shown(cube, area="Small") == 5
    # Alone, a small area would make a small group: the smallest other area joins it.
    alone = protect([("r1", "resident", "Big", "x", 20), ("r1", "resident", "Mid", "m", 7),
                     ("r1", "resident", "Small", "y", 3)])
    assert alone.areas() == (Place("Big"), others)
    assert shown(alone, area="Mid") == 10


def test_zeros_are_shown_as_zero_but_not_inside_a_group_of_fewer_than_k():
    cube = protect([("r1", "resident", "A", "s", 9), ("r2", "resident", "A", "s", 3)],
                   [("r1", "resident", "A", "s", "drugs", 6)], theme_ids=["drugs", "noise_disturbance"])
    assert shown(cube, "noise_disturbance", area="A") == 0
    assert cube.figure("noise_disturbance", round="r1", area="A").display == "0"
    # Three people answered in r2: what none of them said is not shown either.
    assert shown(cube, round="r2", area="A") == SMALL
    assert shown(cube, "drugs", round="r2", area="A") == SMALL
    assert shown(cube, "noise_disturbance", round="r2", area="A") == SMALL


def test_a_theme_total_of_k_over_small_parts_is_published_since_fewer_than_k_may_be_0():
    # Five people over four areas and two rounds raised crime: every part is "fewer than 5". Were
    # a theme's "fewer than 5" always 1 to 4, publishing the 5 would pin them all down (four areas
    # of at least 1 adding up to 5, and A at least 2 from its two rounds: A is 2, the rest 1).
    # A theme's 0 may be shown as "fewer than 5" when a certificate needs it, so to someone who has
    # read the code it is 0 to 4, and the total can be shown.
    rows = [(r, "resident", area, area.lower(), 10) for r in ("r1", "r2") for area in "ABCD"]
    themes = [("r1", "resident", "A", "a", "crime", 1), ("r2", "resident", "A", "a", "crime", 1),
              ("r1", "resident", "B", "b", "crime", 1), ("r2", "resident", "C", "c", "crime", 1),
              ("r2", "resident", "D", "d", "crime", 1)]
    cube = protect(rows, themes, rounds=["r1", "r2"])
    assert shown(cube, "crime") == 5
    assert [shown(cube, "crime", area=area) for area in "ABCD"] == [SMALL] * 4
    assert [shown(cube, "crime", round=r) for r in ("r1", "r2")] == [SMALL, SMALL]
    assert shown(cube, "crime", round="r1", area="C") == 0
    assert shown(cube) == 80
    assert_no_small_count_is_pinned(cube, dict(respondents=rows, themes=themes, likert=[]))


def test_theme_counts_do_not_add_up_but_each_protects_its_other_half():
    # 6 of 8 raised drugs: publishing both would say that 2 did not.
    cube = protect([("r1", "resident", "A", "s", 8), ("r1", "resident", "A", "t", 20)],
                   [("r1", "resident", "A", "s", "drugs", 6), ("r1", "resident", "A", "t", "drugs", 10),
                    ("r1", "resident", "A", "s", "noise_disturbance", 8)])
    s = dict(area="A", street="s")
    assert shown(cube, **s) == 8
    assert shown(cube, "drugs", **s) == SECONDARY
    assert shown(cube, "noise_disturbance", **s) == 8  # all of them: nobody to single out
    # The rows a heatmap would draw: every street, then the area.
    table = cube.table(area="A")
    assert [(r.place.label, r.measure, r.display) for r in table][:3] == [
        ("s", RESPONDENTS, "8"), ("s", "drugs", HIDDEN), ("s", "noise_disturbance", "8")]
    assert table[-3].place == Place("A")


def test_audiences_and_answers_are_published_for_areas_not_streets():
    cube = protect([("r1", "resident", "A", "s", 30), ("r1", "business", "A", "s", 6)],
                   likert=[("r1", "resident", "A", "s", "safe_day", "safe", 30),
                           ("r1", "business", "A", "s", "safe_day", "safe", 6)])
    assert shown(cube, audience="business", area="A") == 6
    assert shown(cube, area="A", street="s") == 36
    with pytest.raises(NotPublished, match="not for single streets"):
        cube.figure(audience="business", area="A", street="s")
    with pytest.raises(NotPublished, match="question"):
        cube.likert("safe_day", area="A", street="s")
    assert all(row.place.level != "street" or row.audience is ALL for row in cube.rows())


def test_not_answered_counts_whoever_skipped_a_question():
    cube = protect([("r1", "resident", "A", "s", 12)],
                   likert=[("r1", "resident", "A", "s", "safe_day", "safe", 6)],
                   likert_options={"safe_day": ["safe", "unsafe"]})
    assert cube.questions["safe_day"] == ("safe", "unsafe", NOT_ANSWERED)
    assert {r.measure: r.value for r in cube.likert("safe_day")} == {"safe": 6, "unsafe": 0, NOT_ANSWERED: 6}


@pytest.mark.parametrize("rows, themes, message", [
    ([("r1", "resident", "A", "s", 3), ("r1", "resident", "A", "s", 4)], [], "appears twice"),
    ([("r1", "resident", "A", "s", -1)], [], "whole number"),
    ([("r1", "resident", "A", "s", 2.5)], [], "whole number"),
    ([("r1", "resident", "A", "s")], [], "5 values"),
    ([("r1", "resident", None, "s", 3)], [], "area and street"),
    ([("r1", "resident", "A", "s", 3)], [("r1", "resident", "A", "s", "drugs", 4)], "more than the 3"),
])
def test_malformed_counts_are_refused(rows, themes, message):
    with pytest.raises(ValueError, match=message):
        protect(rows, themes)


def test_unknown_rounds_options_and_a_reserved_option_are_refused():
    with pytest.raises(ValueError, match="unknown round 'r9'"):
        protect([("r9", "resident", "A", "s", 3)], rounds=["r1"])
    with pytest.raises(ValueError, match="not_answered"):
        protect([("r1", "resident", "A", "s", 3)], likert_options={"q": ["a", NOT_ANSWERED]})
    with pytest.raises(ValueError, match="adds up to 4"):
        protect([("r1", "resident", "A", "s", 3)], likert=[("r1", "resident", "A", "s", "q", "a", 2),
                                                            ("r1", "resident", "A", "s", "q", "b", 2)])


def test_markers_read_as_the_footnotes_say():
    assert display(1234) == "1,234"
    assert display(Suppressed("small", 10)) == "fewer than 10"
    assert (SMALL.short, SECONDARY.short) == ("<5", "hidden")
    cube = protect([("r1", "resident", "A", "s", 3)], k=10)
    assert cube.figure().display == "fewer than 10"
    assert any("fewer than 10: a count from 1 to 9" in note for note in cube.footnotes)
    assert any(note.startswith(HIDDEN) for note in cube.footnotes)


# -- the weekly trend ---------------------------------------------------------------------------

def _survey(*counts):
    return protect([(r, "resident", "A", "s", n) for r, n in counts], rounds=[r for r, _ in counts])


def test_weekly_trend_fills_empty_weeks_and_protects_a_small_week_under_the_round_total():
    cube = _survey(("r1", 30))
    trend = protect_trend(cube, [("r1", date(2026, 9, 2), 20), ("r1", "2026-09-23", 7), ("r1", date(2026, 9, 16), 3)])
    assert [(w.week, w.display) for w in trend.rows] == [
        (date(2026, 8, 31), "20"), (date(2026, 9, 7), "0"), (date(2026, 9, 14), "fewer than 5"),
        (date(2026, 9, 21), HIDDEN)]  # the 7 goes too: else 30 - 20 - 7 = 3
    assert trend.withheld == ()


def test_weekly_trend_withholds_a_round_whose_total_is_not_published():
    # r2's 3 is small, and r3's 20 is hidden to protect it (33 + 20 - 30 would give it away).
    cube = _survey(("r1", 30), ("r2", 3), ("r3", 20))
    assert cube.figure(round="r3").value == SECONDARY
    trend = protect_trend(cube, [("r1", "2026-09-07", 30), ("r2", "2026-11-02", 2), ("r2", "2026-11-09", 1),
                                 ("r3", "2027-01-04", 20)])
    assert trend.withheld == ("r2", "r3")
    assert {w.round for w in trend.rows} == {"r1"}


def test_weekly_trend_must_add_up_to_the_cube():
    with pytest.raises(ValueError, match="adds up to 29, the cube has 30"):
        protect_trend(_survey(("r1", 30)), [("r1", "2026-09-07", 29)])


# -- an attacker who sees everything ------------------------------------------------------------

@st.composite
def surveys(draw, areas=3, streets=3):
    """Small random surveys: up to 2 rounds, 2 audiences, 3 areas of up to 3 streets, 2 themes and
    one question, with counts around k so that small cells, merging and totals all happen."""
    rounds = ["r1", "r2"][:draw(st.integers(1, 2))]
    audiences = ["resident", "business"][:draw(st.integers(1, 2))]
    streets = [(f"A{a}", f"s{a}{s}") for a in range(draw(st.integers(1, areas)))
               for s in range(draw(st.integers(1, streets)))]
    themes = ["drugs", "noise"][:draw(st.integers(0, 2))]
    options = ["o1", "o2", "o3"][:draw(st.integers(0, 3))]
    count = st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 8, 12])
    respondents, raised, answered = [], [], []
    for r, a, (area, street) in itertools.product(rounds, audiences, streets):
        n = draw(count)
        if not n:
            continue
        respondents.append((r, a, area, street, n))
        raised += [(r, a, area, street, t, y) for t in themes if (y := draw(st.integers(0, n)))]
        left = n - draw(st.integers(0, 1))
        for option in options:
            c = draw(st.integers(0, left))
            left -= c
            if c:
                answered.append((r, a, area, street, "q", option, c))
    return dict(respondents=respondents, themes=raised, likert=answered, rounds=rounds, audiences=audiences,
                theme_ids=themes, likert_options={"q": options} if options else {})


class Truth:
    """The true count behind any figure, from the raw rows (the attacker's target, not its input)."""

    def __init__(self, cube, survey):
        self.counts = defaultdict(int)

        def add(row, measure, question, n):
            leaf = cube.place(row[2], row[3])
            places = {leaf, cube.place(leaf.area) if leaf.street is not None else leaf, TOTAL}
            for r, a, place in itertools.product((ALL, row[0]), (ALL, row[1]), places):
                self.counts[(r, a, place, measure, question)] += n

        for row in survey["respondents"]:
            add(row, RESPONDENTS, None, row[-1])
            for q in cube.questions:
                add(row, NOT_ANSWERED, q, row[-1])
        for row in survey["themes"]:
            add(row, row[-2], None, row[-1])
        for row in survey["likert"]:
            add(row, row[-2], row[4], row[-1])
            add(row, NOT_ANSWERED, row[4], -row[-1])

    def __call__(self, r, a, place, measure, question):
        return self.counts.get((r, a, place, measure, question), 0)


def _cells(cube):
    places = [TOTAL, *cube.areas(), *(s for a in cube.areas() for s in cube.streets(a))]
    measures = [(RESPONDENTS, None), *((t, None) for t in cube.theme_ids),
                *((o, q) for q in cube.questions for o in cube.questions[q])]
    return list(itertools.product([ALL, *cube.rounds], [ALL, *cube.audiences], places, measures))


def _nested(cube, r, a, place):
    """Every (round, audience, place) whose population contains this one's."""
    places = [TOTAL] if place == TOTAL else [place, TOTAL] if place.street is None else [
        place, cube.place(place.area), TOTAL]
    return itertools.product({r, ALL}, {a, ALL}, places)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(surveys())
def test_no_published_figure_alone_or_differenced_with_a_nested_one_reveals_a_small_count(survey):
    cube = protect(**survey, k=K)
    published = {(row.round, row.audience, row.place, row.measure, row.question): row.value
                 for row in cube.rows() if not isinstance(row.value, Suppressed)}
    truth = Truth(cube, survey)
    for row in cube.rows():  # the markers do not lie: "fewer than k" is below k ("[hidden]": k-1 or more)
        n = truth(row.round, row.audience, row.place, row.measure, row.question)
        if row.value == SMALL:  # and the respondents' own 0 is always shown
            assert (1 if row.measure == RESPONDENTS else 0) <= n < K, (row, n)
        elif row.value == SECONDARY:
            assert n >= K - 1, (row, n)
        else:
            assert n == row.value, (row, n)
    for (r, a, place, measure, question), value in published.items():
        assert value == 0 or value >= K
        for outer in _nested(cube, r, a, place):
            for m in {(measure, question), (RESPONDENTS, None)}:  # the same measure, or all respondents
                other = published.get((*outer, *m))
                if other is not None and (*outer, *m) != (r, a, place, measure, question):
                    assert not 1 <= other - value < K, ((r, a, place, measure), (outer, m), value, other)


def _attacker(cube):
    """The linear system an attacker can write from the published views, with its bounds."""
    cells = _cells(cube)
    at = {cell: i for i, cell in enumerate(cells)}
    halves = {cell: len(at) + i for i, cell in enumerate(c for c in cells if c[3][1] is None and c[3][0] != RESPONDENTS)}
    equations = []
    rounds, audiences = [ALL, *cube.rounds], [ALL, *cube.audiences]
    for r, a, place, m in cells:
        if r is ALL:
            equations.append((at[(r, a, place, m)], [at[(x, a, place, m)] for x in cube.rounds]))
        if a is ALL:
            equations.append((at[(r, a, place, m)], [at[(r, x, place, m)] for x in cube.audiences]))
        parts = cube.areas() if place == TOTAL else cube.streets(place) if place.street is None else ()
        if parts:
            equations.append((at[(r, a, place, m)], [at[(r, a, p, m)] for p in parts]))
    for r, a, place in itertools.product(rounds, audiences, {c[2] for c in cells}):
        n = at[(r, a, place, (RESPONDENTS, None))]
        equations += [(n, [at[(r, a, place, (o, q))] for o in cube.questions[q]]) for q in cube.questions]
        equations += [(n, [at[(r, a, place, (t, None))], halves[(r, a, place, (t, None))]]) for t in cube.theme_ids]
    rows, cols, data = [], [], []
    for e, (total, parts) in enumerate(equations):
        rows += [e] * (len(parts) + 1)
        cols += [total, *parts]
        data += [-1] + [1] * len(parts)
    a_eq = coo_matrix((data, (rows, cols)), shape=(len(equations), len(at) + len(halves))).tocsr()
    bounds = [(0, None)] * (len(at) + len(halves))  # unpublished: 0 or more
    for row in cube.rows():
        key = (row.round, row.audience, row.place, (row.measure, row.question))
        if not isinstance(row.value, Suppressed):
            bounds[at[key]] = (row.value, row.value)
        elif row.value.reason == "small":  # a theme's or an answer's 0 may be shown so; never the respondents'
            bounds[at[key]] = (0 if row.measure != RESPONDENTS else 1, K - 1)
        else:  # a published figure hidden (k or more), or a "fewer than k" relabelled (k - 1)
            bounds[at[key]] = (K - 1, None)
    return at, halves, a_eq, bounds


def assert_no_small_count_is_pinned(cube, survey, seed=0):
    """Every view of every filter, every sum between them and every displayed bound, solved as a
    linear programme: the range left for each count of 1 to k-1 that is not shown (a figure, a
    street's audience, the "did not raise" half of a theme) holds at least two whole numbers.

    The true counts satisfy every equation and bound (the displays do not lie), and the range of
    solutions is convex, so a solution in which a count is 1 more or 1 less than the truth proves
    that its range holds two whole numbers. Solutions pushing many counts at once settle most of
    them; the rest get their own minimum and maximum."""
    truth = Truth(cube, survey)
    at, halves, a_eq, bounds = _attacker(cube)
    true = np.zeros(a_eq.shape[1])
    for (r, a, p, m), i in at.items():
        true[i] = truth(r, a, p, *m)
    for (r, a, p, m), i in halves.items():
        true[i] = truth(r, a, p, RESPONDENTS, None) - truth(r, a, p, *m)
    assert not np.abs(a_eq @ true).any(), "the attacker's sums do not hold for the true counts"
    for i, (low, high) in enumerate(bounds):
        assert low <= true[i] and (high is None or true[i] <= high), (i, true[i], low, high)
    published = {(r.round, r.audience, r.place, (r.measure, r.question)) for r in cube.rows()
                 if not isinstance(r.value, Suppressed)}
    hidden = [i for (r, a, p, m), i in at.items() if (r, a, p, m) not in published] + list(halves.values())
    left = {i for i in hidden if 1 <= true[i] < K}
    b_eq = np.zeros(a_eq.shape[0])
    weights = np.random.default_rng(seed).uniform(1, 2, a_eq.shape[1])
    while left:
        settled = set()
        for direction in (1, -1):
            objective = np.zeros(a_eq.shape[1])
            objective[list(left)] = -direction * weights[list(left)]
            found = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            if found.status == 0:
                settled |= {i for i in left if direction * (found.x[i] - true[i]) >= 1 - 1e-6}
            elif found.status == 3:  # unbounded: settle them one by one
                break
        if not settled:
            break
        left -= settled
        weights = np.roll(weights, 1)
    for i in sorted(left):
        objective = np.zeros(a_eq.shape[1])
        objective[i] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0 and high.status in (0, 3), (low.message, high.message)
        top = -high.fun if high.status == 0 else np.inf
        assert np.floor(top + 1e-6) - np.ceil(low.fun - 1e-6) >= 1, (i, true[i], low.fun, top)


# Each example solves a few hundred linear programmes; DISCLOSURE_AUDIT_EXAMPLES=200 for a long run.
@settings(max_examples=int(os.environ.get("DISCLOSURE_AUDIT_EXAMPLES", 6)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(surveys(areas=2, streets=2))
def test_an_attacker_with_every_published_figure_cannot_pin_down_any_small_count(survey):
    assert_no_small_count_is_pinned(protect(**survey, k=K), survey)


def _needs_linear_programmes():
    """Found by search: no hypercube protects some of its counts, so linear programmes must (one
    among the cells already not shown, one that hides more)."""
    return dict(respondents=[("r1", "res", "A1", "s10", 12), ("r1", "bus", "A0", "s00", 3),
                             ("r2", "res", "A0", "s00", 2), ("r2", "bus", "A1", "s10", 1)],
                themes=[("r1", "res", "A1", "s10", "t1", 4), ("r1", "res", "A1", "s10", "t2", 8),
                        ("r1", "bus", "A0", "s00", "t2", 2), ("r2", "res", "A0", "s00", "t1", 2),
                        ("r2", "res", "A0", "s00", "t2", 1), ("r2", "bus", "A1", "s10", "t2", 1)],
                likert=[("r1", "res", "A1", "s10", "q", "o1", 6), ("r1", "bus", "A0", "s00", "q", "o1", 2),
                        ("r2", "res", "A0", "s00", "q", "o1", 1)],
                rounds=["r1", "r2"], audiences=["res", "bus"], theme_ids=["t1", "t2"],
                likert_options={"q": ["o1"]})


def _sparse_survey():
    """Found by search: without linear programmes, some of its counts need rows withheld."""
    n = {("r1", "res"): (1, 2, 6), ("r1", "bus"): (6, 0, 0), ("r2", "res"): (5, 4, 0), ("r2", "bus"): (1, 8, 4)}
    themes = {("r1", "res"): ((1, 0), (1, 2), (4, 0)), ("r1", "bus"): ((6, 6), (0, 0), (0, 0)),
              ("r2", "res"): ((3, 0), (1, 0), (0, 0)), ("r2", "bus"): ((1, 0), (2, 8), (4, 4))}
    answers = {("r1", "res"): ((1, 0), (0, 0), (1, 4)), ("r1", "bus"): ((4, 1), (0, 0), (0, 0)),
               ("r2", "res"): ((2, 2), (1, 1), (0, 0)), ("r2", "bus"): ((0, 0), (6, 1), (1, 2))}
    streets = ["s00", "s01", "s02"]
    return dict(respondents=[(r, a, "A0", street, c) for (r, a), counts in n.items()
                             for street, c in zip(streets, counts) if c],
                themes=[(r, a, "A0", street, t, c) for (r, a), rows in themes.items()
                        for street, row in zip(streets, rows) for t, c in zip(("t1", "t2"), row) if c],
                likert=[(r, a, "A0", street, "q", o, c) for (r, a), rows in answers.items()
                        for street, row in zip(streets, rows) for o, c in zip(("o1", "o2"), row) if c],
                rounds=["r1", "r2"], audiences=["res", "bus"], theme_ids=["t1", "t2"],
                likert_options={"q": ["o1", "o2"]})


def test_counts_no_hypercube_protects_are_protected_by_linear_programmes(monkeypatch):
    used = []
    solve = _Suppressor._solve
    monkeypatch.setattr(_Suppressor, "_solve", lambda self, cell, hide=False: used.append(hide) or solve(self, cell, hide))
    survey = _needs_linear_programmes()
    cube = protect(**survey)
    assert False in used and True in used
    assert_no_small_count_is_pinned(cube, survey)


def test_withholding_rows_protects_when_nothing_else_does(monkeypatch):
    monkeypatch.setattr(_Suppressor, "_solve", lambda self, cell, hide=False: False)
    survey = _sparse_survey()
    cube = protect(**survey)
    withheld = [(r, a, p) for r, a, p, _ in _cells(cube) if _raises(cube, round=r, audience=a, place=p)]
    assert withheld
    with pytest.raises(NotPublished, match="Too few responses"):
        cube.figure(round=withheld[0][0], audience=withheld[0][1], place=withheld[0][2])
    assert_no_small_count_is_pinned(cube, survey)


def _raises(cube, **selection):
    try:
        cube.figure(**selection)
    except NotPublished as error:
        return "Too few responses" in str(error)
    return False


# -- the portal's demo survey ---------------------------------------------------------------------

DEMO = Path(__file__).parent / "data" / "demo_counts.json"


@pytest.fixture(scope="module")
def demo():
    """The counts the portal passes to protect() for its demo survey (fictional): 360 responses
    over 40 streets, 2 rounds, 2 audiences, 14 themes and 8 questions, mostly small counts."""
    data = json.loads(DEMO.read_text())
    survey = {key: data[key] for key in ("respondents", "themes", "likert", "rounds", "audiences", "theme_ids",
                                         "likert_options")}
    return survey, protect(**survey), data["weeks"]


def test_the_demo_survey_shows_its_totals_and_every_theme_that_is_not_small(demo):
    survey, cube, weeks = demo
    assert shown(cube) == 360
    assert [shown(cube, round=r) for r in cube.rounds] == [195, 165]
    assert {area.label: shown(cube, place=area) for area in cube.areas()} == {
        "Gresham": 78, "Middlefield": 97, "Newport Quays": 87, "St Hilda's": 98}
    for theme in cube.theme_ids:  # the dashboard's main chart, "Concerns raised"
        n = sum(row[-1] for row in survey["themes"] if row[4] == theme)
        assert shown(cube, theme) == (n if n >= K or n == 0 else SMALL), theme
    # the base of every share with the audience filter on
    assert [shown(cube, round=r, audience=a) for r in (ALL, *cube.rounds) for a in cube.audiences] == [
        328, 32, 179, 16, 149, 16]
    assert not any(isinstance(row.value, int) and 1 <= row.value < K for row in cube.rows())
    # every round's total is shown, so its weeks are too
    assert protect_trend(cube, weeks).withheld == ()


def test_the_demo_survey_pins_down_no_small_count(demo):
    survey, cube, _ = demo
    assert_no_small_count_is_pinned(cube, survey)
