"""Shares, changes and distributions, computed only from published figures (by hand below)."""
from datetime import date

import pytest

from analysis.aggregate import (area_change, distribution, percent, place_shares, review, share_of, theme_change,
                                theme_grid, theme_shares, tone_by_theme, weekly_trend)
from analysis.disclosure import NotPublished, Place, ProtectedCube, Suppressed, Withheld, protect

SMALL, SECONDARY = Suppressed("small"), Suppressed("secondary")


@pytest.fixture
def street_cube():
    # Area A: s1 has 20 respondents (drugs 10, noise 3), s2 has 30 (drugs 6, noise 12).
    # Noise on s1 is small, so noise on s2 is hidden with it; the area's 15 stays.
    return protect([("r1", "resident", "A", "s1", 20), ("r1", "resident", "A", "s2", 30)],
                   [("r1", "resident", "A", "s1", "drugs", 10), ("r1", "resident", "A", "s2", "drugs", 6),
                    ("r1", "resident", "A", "s1", "noise", 3), ("r1", "resident", "A", "s2", "noise", 12)])


def _shown(shares):
    return [(s.key, s.count_display, s.display) for s in shares]


def test_theme_shares_by_hand(street_cube):
    assert _shown(theme_shares(street_cube, area="A")) == [("drugs", "16", "32%"), ("noise", "15", "30%")]
    assert _shown(theme_shares(street_cube, area="A", street="s1")) == [
        ("drugs", "10", "50%"), ("noise", "fewer than 5", "fewer than 5")]
    # A share whose count is not shown is not shown, and comes last.
    assert _shown(theme_shares(street_cube, area="A", street="s2")) == [
        ("drugs", "6", "20%"), ("noise", "[hidden]", "[hidden]")]


def test_place_shares_and_the_grid_use_each_place_as_its_own_base(street_cube):
    assert [(s.key, s.display) for s in place_shares(street_cube, "drugs", area="A")] == [("s1", "50%"), ("s2", "20%")]
    grid = theme_grid(street_cube, area="A")
    assert grid.places == (Place("A", "s1"), Place("A", "s2"))
    assert grid.theme_ids == ("drugs", "noise")
    assert grid.respondents == (20, 30)
    assert [[c.display for c in row] for row in grid.cells] == [["50%", "fewer than 5"], ["20%", "[hidden]"]]


def test_shares_come_only_from_published_figures(street_cube):
    for share in (*theme_shares(street_cube, area="A", street="s2"), *theme_grid(street_cube, area="A").cells[1]):
        if share.shown:
            assert isinstance(share.count, int) and isinstance(share.base, int)
        else:
            assert share.share == share.count


def test_share_of_and_percent():
    assert share_of(SMALL, 40) == SMALL
    assert share_of(12, SECONDARY) == SECONDARY
    assert share_of(12, SMALL) == SECONDARY  # a share and its count would give the base away
    assert share_of(0, 0) == 0.0
    assert [percent(x) for x in (0.234, 0.125, 0.004, 0.0, 0.996, 1.0)] == [
        "23%", "13%", "less than 1%", "0%", "100%", "100%"]
    assert percent(SMALL) == "fewer than 5"


def _two_rounds():
    # Before: 40 residents of A, 20 raised kerb crawling (50%); after: 50, 15 (30%).
    # B: 30 then 25, with 9 (30%) then 10 (40%). Noise in A after is 2: small.
    rows = [("before", "resident", "A", "a", 40), ("after", "resident", "A", "a", 50),
            ("before", "resident", "B", "b", 30), ("after", "resident", "B", "b", 25)]
    themes = [("before", "resident", "A", "a", "kerb", 20), ("after", "resident", "A", "a", "kerb", 15),
              ("before", "resident", "B", "b", "kerb", 9), ("after", "resident", "B", "b", "kerb", 10),
              ("before", "resident", "A", "a", "noise", 8), ("after", "resident", "A", "a", "noise", 2)]
    return protect(rows, themes, rounds=["before", "after"])


def test_theme_change_in_points_largest_first():
    cube = _two_rounds()
    changes = theme_change(cube, "before", "after", area="A")
    # Noise after is 2: its 8 before is hidden with it (else 10 - 8 would give it away).
    assert [(c.key, c.before.display, c.after.display, c.display) for c in changes] == [
        ("kerb", "50%", "30%", "down 20 points"), ("noise", "[hidden]", "fewer than 5", "not shown")]
    assert changes[0].change == pytest.approx(-20)
    # Whole survey: kerb 29 of 70 (41%) then 25 of 75 (33%).
    whole = theme_change(cube, "before", "after")
    assert (whole[0].key, whole[0].display) == ("kerb", "down 8 points")


def test_area_change_for_one_theme():
    changes = area_change(_two_rounds(), "kerb", "before", "after")
    assert [(c.key, c.display) for c in changes] == [("A", "down 20 points"), ("B", "up 10 points")]


def test_distribution_keeps_the_survey_order_and_shares_of_all_respondents():
    cube = protect([("r1", "resident", "A", "s", 40)],
                   likert=[("r1", "resident", "A", "s", "safe_dark", o, n)
                           for o, n in (("very_safe", 6), ("fairly_safe", 10), ("fairly_unsafe", 14), ("very_unsafe", 10))],
                   likert_options={"safe_dark": ["very_safe", "fairly_safe", "neither", "fairly_unsafe", "very_unsafe"]})
    dark = distribution(cube, "safe_dark", area="A")
    assert dark.base == 40
    assert [(s.key, s.display) for s in dark.shares] == [
        ("very_safe", "15%"), ("fairly_safe", "25%"), ("neither", "0%"), ("fairly_unsafe", "35%"), ("very_unsafe", "25%")]
    assert dark.get("neither").count == 0 and dark.get("nope") is None
    with pytest.raises(NotPublished):
        distribution(cube, "safe_dark", area="A", street="s")


def test_tone_is_a_mean_only_where_its_count_is_published_and_k_answers_have_one(street_cube):
    tone = [("r1", "resident", "A", "s1", "drugs", 10, -4.0), ("r1", "resident", "A", "s2", "drugs", 6, -1.0),
            ("r1", "resident", "A", "s1", "noise", 1, 0.3), ("r1", "resident", "A", "s2", "noise", 2, 2.0)]
    means = {m.theme: m for m in tone_by_theme(street_cube, tone, area="A")}
    assert means["drugs"].mean == pytest.approx(-5.0 / 16)
    assert means["drugs"].display == "-0.31"
    assert means["noise"].mean == SMALL  # 15 raised it, but only 3 answers have a tone
    street = {m.theme: m.mean for m in tone_by_theme(street_cube, tone, area="A", street="s2")}
    assert street == {"drugs": pytest.approx(-1 / 6), "noise": SECONDARY}


def test_weekly_trend_marks_round_boundaries():
    cube = protect([("r1", "resident", "A", "s", 30), ("r2", "resident", "A", "s", 20)], rounds=["r1", "r2"])
    weeks = [("r1", "2026-09-07", 18), ("r1", "2026-09-14", 12), ("r2", "2026-11-02", 20)]
    trend = weekly_trend(cube, weeks)
    assert trend.boundaries == ((date(2026, 9, 7), "r1"), (date(2026, 11, 2), "r2"))
    assert [w.display for w in trend.weeks] == ["18", "12", "20"]
    opened = weekly_trend(cube, weeks, round_starts={"r2": date(2026, 11, 1)})
    assert opened.boundaries[1] == (date(2026, 11, 1), "r2")


def test_review_share_of_theme_tags():
    assert review([(True, 412), (False, 160)]).display == "72% of theme tags checked by an officer"
    assert review([(False, 3)]).share == 0.0
    assert review([]).display == "no theme tags yet"


def test_lists_of_places_leave_out_a_place_withheld_whole(monkeypatch, street_cube):
    def withheld(self, measure="respondents", *, place=None, **filters):
        if place is not None and place.street == "s2":
            raise Withheld("Too few responses to show figures for this selection.")
        return figure(self, measure, place=place, **filters)
    figure = ProtectedCube.figure
    monkeypatch.setattr(ProtectedCube, "figure", withheld)
    assert [s.key for s in place_shares(street_cube, "drugs", area="A")] == ["s1"]
    assert theme_grid(street_cube, area="A").places == (Place("A", "s1"),)
