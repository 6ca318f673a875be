"""Disclosure control for every published figure: small counts, merged places, secondary suppression.

A chart of a short street with three answers can point at one household, and the people at a
neighbourhood meeting may live on the streets shown. So every figure that leaves the officer
review pages goes through this module, once, and every chart, table, export and page is a view
of what it returns. (One module on purpose, hence its length: the engine below is private.)

Usage (rows as the portal's SQL ``GROUP BY`` returns them; a count of zero may be left out)::

    cube = protect(
        respondents=[("autumn-2026", "resident", "Middlefield", "Grange Road", 23), ...],
        themes=[("autumn-2026", "resident", "Middlefield", "Grange Road", "drugs", 9), ...],
        likert=[("autumn-2026", "resident", "Middlefield", "Grange Road", "safe_dark", "very_unsafe", 7), ...],
        rounds=["autumn-2026", "winter-2026"], theme_ids=codebook.theme_ids,
        likert_options={"safe_dark": ["very_safe", ..., "very_unsafe"]}, k=5)
    row = cube.figure("drugs", round="autumn-2026", area="Middlefield")   # ALL (None): every round
    row.value      # an int, or Suppressed("small") / Suppressed("secondary")
    row.display    # "12", "fewer than 5" or "[hidden]"
    cube.table(area="Middlefield")  # each street of the area, then the area: respondents and themes
    cube.likert("safe_dark", audience="resident", area="Middlefield")
    cube.footnotes                  # what the markers mean, for under every table and chart

What is published
-----------------
- A count of 1 to k-1 is never shown: ``Suppressed("small")``, displayed "fewer than k". A true
  zero is shown as 0, except inside a group of fewer than k people: such a group (a row whose
  respondents are "fewer than k") is not broken down, and all its theme and answer figures read
  "fewer than k", zeros too, since a 0 there would tell the room what none of them said. A
  theme's or an answer's 0 may also read "fewer than k" where secondary suppression needs it (a
  certificate, below, that moves it up), so that someone who has read this code takes a theme's
  or an answer's "fewer than k" for 0 to k-1, never for 1 to k-1. That is what lets a total be
  shown over parts that are all small: five people over four areas who raised a theme, each area
  "fewer than 5", would otherwise pin every area down (four areas of at least 1 adding up to 5).
  The respondents' own 0 is always shown.
- A street with fewer than k respondents in the whole survey (all rounds, all audiences) is
  merged into "Other streets in <area>"; while that group is itself 1 to k-1, the area's smallest
  named street joins it. An area below k is merged into "Other areas" the same way, and its
  streets are not shown at all.
- By street, the figures are for all audiences together, and there are no Likert answers: the
  resident/business split and the answer distributions are published for areas and the whole
  survey. (A business is one of very few on its street, and a street's answers would be almost
  all "fewer than 5".) Asking for them raises :class:`NotPublished`, with a message to show.
- Secondary suppression: a figure withheld so that a small count elsewhere cannot be worked out
  is ``Suppressed("secondary")``, displayed "[hidden]", never "fewer than k" (it is usually
  large). It may also be a k-1 whose "fewer than k" would itself give it away (two "fewer than
  5" adding up to a published 8 can only be 4 and 4), relabelled: so "[hidden]" means "k-1 or
  more", and the footnote says so. A figure inside a small group is never relabelled (there a
  hidden figure could only be that k-1).
- In the rare case where no suppression protects a count, whole rows (one round, audience and
  place: every figure of it, zeros too) are withheld, and asking for them raises
  :class:`Withheld`, a :class:`NotPublished` ("Too few responses to show figures for this
  selection."); lists of places (``aggregate``) leave such a place out.
- A theme count is "respondents who raised T": a respondent can raise several, so themes do not
  add up, but each theme splits the respondents in two (raised T, did not), and the "did not"
  half, never published, is protected too (8 respondents of whom 6 raised drugs tells you that 2
  did not). A question's options, with "not answered", add up to the respondents.

Why no filter can become a differencing attack
----------------------------------------------
The dashboard's filters are survey (fixed), round (one or all), audience (one or all), area and
street (select rows) and theme (selects columns). Protection is decided once, on the whole cube
round x audience x place x measure, where every dimension carries its totals: "all rounds" is
the sum of the rounds, "all audiences" of the audiences, an area of its streets (named and
merged), "all areas" of the areas, and the respondents of each question's options. What is
merged and what is published at which level is decided once too, so no filter changes a row. A
filter only picks cells of that one protected cube; it never computes a new figure. Everything
an attacker can collect by trying every combination of filters is therefore the published cells
of one table, and differencing two views is a sum of its cells along its own relations, the very
relations suppression was decided against. Then:

1. Every published count is 0 or at least k.
2. Any two published figures whose populations nest (all rounds and one round, all audiences and
   one, an area and one of its streets, the total and a part, the respondents and a theme or an
   option, and every combination of these) differ by 0 or by at least k.
3. Where a total is published, the figures withheld among its parts add up to 0 or at least k.
4. No count from 1 to k-1 that is not shown (a suppressed figure, the "did not raise T" half of
   a theme, a street's figure for one audience) can be worked out exactly, even by someone who
   has every published figure, every sum, and every bound the displays imply to someone who has
   read this code ("fewer than k": 1 to k-1 for respondents, 0 to k-1 for a theme or an
   answer; "[hidden]": k-1 or more; not published: 0 or more). For each such count the
   algorithm finds a certificate: a change to it and to other cells not shown that keeps all of
   these true, so two whole-number data sets consistent with everything published differ on
   that count. Most certificates come from the hypercube method (as in tau-ARGUS's GHMITER):
   per small count, the cheapest "hypercube" of cells, one step each with alternating signs, in
   the four dimensions (a pair of rounds or a round and "all"; the same for audiences; two
   streets of an area, or a path through the areas; two options of the question, or the
   respondents with one option of every question), where hiding a figure costs more the more
   it summarises, a k-1 that must move up is relabelled "[hidden]", and a theme's or an
   answer's 0 that must move up is shown "fewer than k" (at twice the cost of hiding a figure
   there). The figures a page leads with, the survey's respondents, each round's and each
   area's, and each theme's for the whole survey, cost a thousand times more to hide: a
   certificate that would hide one is first looked for among changes of any shape by the
   linear programme below, so they are hidden only when nothing else will do. The other
   figures of the main charts (for all audiences: the survey's by round and its answers, each
   area's respondents by round, its themes and its answers; and the survey's respondents for
   each audience, the base of its shares) cost twenty times more, so that hiding falls on the
   audiences by place and on the streets first. When no hypercube will do, a linear
   programme looks for the smallest whole-number change of any shape, first among the cells
   already not shown, then letting it hide published figures; when even that fails, whole rows
   are withheld (nothing about a withheld row is published, and moving up, it is never in the
   way of a chain of totals, so a certificate then always exists). A cell a certificate moved
   down is never relabelled "[hidden]" afterwards (a relabelled k-1 could only move up), and
   every other later step only hides, shows a 0 as "fewer than k" or withholds, each of which
   leaves possible every value an earlier certificate needs: earlier certificates stay true.
   So does, whatever is done later, a certificate that moves only cells already not shown and
   no k-1 that could still be relabelled: it costs nothing and needs nothing done. Most small
   counts have one; for the rows of every street they are found at once, before the others are
   certified one by one.

Not covered: a sum of two or more withheld cells can sometimes be narrowed down by combining
three or more figures (each count on its own stays uncertain); mean tones
(``aggregate.tone_by_theme`` shows a mean only where its count is published); and figures from
different data. Protect once per publication (the public page: closed rounds only) and serve every
view from that cube, never a cube per request: two cubes over data that changed in between can
be differenced. That is also a matter of time: protecting the demo survey (360 responses over
40 streets) takes about half a second of CPU, 100,000 responses over 500 streets about 6
seconds (``benchmarks/disclosure_speed.py``); keep the cube until the data change.

The weekly trend (:func:`protect_trend`) is for the whole survey (every area and audience, no
filters). A round's weeks are shown only if the cube publishes the round's total, and are then
protected as a table of their own under that total, so the cube's certificates still hold.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, hstack

__all__ = ["ALL", "DEFAULT_K", "HIDDEN", "NOT_ANSWERED", "RESPONDENTS", "TOTAL", "Count", "NotPublished", "Place",
           "ProtectedCube", "ProtectedTrend", "Row", "Suppressed", "WeekRow", "Withheld", "display",
           "protect", "protect_trend"]

DEFAULT_K = 5
ALL = None  # every round, or every audience
RESPONDENTS = "respondents"
NOT_ANSWERED = "not_answered"
HIDDEN = "[hidden]"
OTHER_AREAS = "Other areas"


class NotPublished(LookupError):
    """A figure the cube never publishes at that level; the message says which, for the page."""


class Withheld(NotPublished):
    """A selection (round, audience, place) withheld whole: a list of places can leave it out."""


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A figure that is not shown, and why: ``"small"`` (a count of 1 to k-1; 0 to k-1 inside a
    group of fewer than k) or ``"secondary"`` (withheld so that a small count elsewhere cannot be
    worked out: a figure of k or more, or a k-1 whose "fewer than k" would have given it away)."""

    reason: str
    k: int = DEFAULT_K

    @property
    def display(self) -> str:
        return f"fewer than {self.k}" if self.reason == "small" else HIDDEN

    @property
    def short(self) -> str:
        """For CSV cells: ``<5`` or ``hidden``."""
        return f"<{self.k}" if self.reason == "small" else "hidden"

    def __str__(self) -> str:
        return self.display


Count = int | Suppressed


def display(value: Count) -> str:
    """A count as shown to people: ``1,234``, ``fewer than 5`` or ``[hidden]``."""
    return value.display if isinstance(value, Suppressed) else f"{value:,}"


@dataclass(frozen=True, slots=True)
class Place:
    """A row of the geography: all areas (``area`` None), an area (``street`` None), or a street.
    ``merged`` marks a group: "Other streets in <area>" (its ``street``) or "Other areas"."""

    area: str | None = None
    street: str | None = None
    merged: bool = False

    @property
    def label(self) -> str:
        if self.area is None:
            return "All areas"
        return self.area if self.street is None else self.street

    @property
    def level(self) -> str:
        return "total" if self.area is None else "area" if self.street is None else "street"


TOTAL = Place()


@dataclass(frozen=True, slots=True)
class Row:
    """One published figure: respondents, a theme (``measure`` its id) or a Likert option
    (``measure`` the option, ``question`` set), for one round, audience and place."""

    round: str | None
    audience: str | None
    place: Place
    measure: str
    value: Count
    question: str | None = None

    @property
    def display(self) -> str:
        return display(self.value)


@dataclass(frozen=True, slots=True)
class WeekRow:
    round: str
    week: date  # the Monday
    value: Count

    @property
    def display(self) -> str:
        return display(self.value)


@dataclass(frozen=True, slots=True)
class ProtectedTrend:
    """Respondents per week, whole survey. ``withheld``: rounds whose weeks are not shown."""

    rows: tuple[WeekRow, ...]
    withheld: tuple[str, ...]
    k: int = DEFAULT_K


# ---------------------------------------------------------------------------------------------
# The suppression engine: a table of D tree dimensions plus one column dimension, where column 0
# is the respondents and each group of columns (a question's options) adds up to column 0.

_PUB, _SMALL, _HIDDEN, _UNPUB = 0, 1, 2, 3
_RELABEL = 0.25  # cost of showing a "fewer than k" figure as "[hidden]": it was not shown anyway
_ZERO = 2.0  # showing a theme's or an answer's 0 as "fewer than k" costs twice hiding a figure there
_MARK = 1e-3  # moving down a "fewer than k" k-1 that could still be relabelled
_DOWN = 8  # an area's (or the total's) largest streets its patterns go down through
_BATCH = 64  # places with more patterns than this (areas, the total) are costed one row at a time
_HEADLINE = 1000.0  # hiding a headline figure costs as much as hiding this many others like it
_LEAD = 20.0  # and a figure of the main charts, this many
_FAR = 4  # leaves tried per branch beyond a node's siblings
_ENOUGH = 4.0  # a near certificate costing no more (a few streets' figures) is not bettered far away


class _Tree:
    """One dimension: node 0 is the total; every other node's figure is the sum of its children's."""

    def __init__(self, parent: Sequence[int], size: Sequence[int] | None = None):
        n = len(parent)
        self.size = list(size) if size is not None else [0] * n  # to prefer big partners far away
        self.children: list[list[int]] = [[] for _ in range(n)]
        for node in range(1, n):
            self.children[parent[node]].append(node)
        self.up: list[tuple[int, ...]] = []  # node, its parent, ..., 0
        for node in range(n):
            chain = [node]
            while chain[-1] != 0:
                chain.append(parent[chain[-1]])
            self.up.append(tuple(chain))
        leaves = [i for i in range(n) if not self.children[i]]
        self.leaves_under = [[leaf for leaf in leaves if node in self.up[leaf]] for node in range(n)]
        self.leaves = leaves
        self._cache: dict[tuple[int, bool], _Patterns] = {}

    def patterns(self, node: int, local: bool) -> _Patterns:
        """Ways to change ``node`` by one and keep every sum: (nodes that move with it, nodes that
        move against it). From a leaf under ``node`` up through it, then either on up to the
        total, or across to another leaf through their lowest common ancestor (which stays put).
        ``local`` keeps only the total and the leaves under ``node``'s siblings; further away,
        only the largest few leaves of each branch are tried."""
        key = (node, local)
        if key not in self._cache:
            above = self.up[node][1:]

            def largest(branch):  # a sibling street is itself; a sibling area, its largest streets
                return sorted(self.leaves_under[branch], key=lambda m: -self.size[m])[:_FAR]

            near = [m for s in self.children[above[0]] if s != node for m in largest(s)] if above else []
            far = [m for a, below in zip(above[1:], above) for s in self.children[a] if s != below
                   for m in largest(s)]
            if local and far:
                others = near
            elif not local and not far:  # nothing further away: the same patterns
                return self.patterns(node, True)
            else:
                others = near + far
            found = []
            for leaf in sorted(self.leaves_under[node], key=lambda m: -self.size[m])[:_DOWN]:
                down = self.up[leaf][:self.up[leaf].index(node) + 1]
                found.append((down + above, ()))
                for other in () if node == 0 else others:
                    chain = self.up[other]
                    at = next(i for i, a in enumerate(chain) if a in above)
                    found.append((down + above[:above.index(chain[at])], chain[:at]))
            self._cache[key] = _Patterns(found)
        return self._cache[key]


    def stacked(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every node's local patterns at once, for a small tree (rounds, audiences): the nodes
        moving with and against it, (node, pattern, slot) with n (the padding) in unused slots,
        and which (node, pattern) exist."""
        found = [self.patterns(node, True).found for node in range(len(self.up))]
        n, most = len(found), max(len(f) for f in found)
        plus = np.full((n, most, max(len(p) for f in found for p, _ in f)), n)
        minus = np.full((n, most, max([len(m) for f in found for _, m in f] + [1])), n)
        valid = np.zeros((n, most), bool)
        for node, patterns in enumerate(found):
            for i, (p, m) in enumerate(patterns):
                plus[node, i, :len(p)], minus[node, i, :len(m)], valid[node, i] = p, m, True
        return plus, minus, valid


class _Patterns:
    """Patterns of one node, with the index arrays the vectorised cost needs."""

    def __init__(self, found: list[tuple[tuple[int, ...], tuple[int, ...]]]):
        self.found = found
        nodes = sorted({n for plus, minus in found for n in plus + minus})
        self.box = np.array(nodes + [-1])  # -1: the padding slot, last on every axis
        where = {n: i for i, n in enumerate(nodes)}
        pad = len(nodes)
        self.plus = np.full((len(found), max(len(p) for p, _ in found)), pad)
        self.minus = np.full((len(found), max((len(m) for _, m in found), default=0)), pad)
        for i, (plus, minus) in enumerate(found):
            self.plus[i, :len(plus)] = [where[n] for n in plus]
            self.minus[i, :len(minus)] = [where[n] for n in minus]


def _contract(c0: np.ndarray, c1: np.ndarray, pats: Sequence[_Patterns]):
    """Sum cell costs over every hypercube: c0 is a cell's cost if it moves up, c1 if down; a node
    that moves against the primary swaps them for the rest of the hypercube. The last slot of
    every axis is the padding (cost 0)."""
    for axis, pat in enumerate(pats):
        up0 = np.take(c0, pat.plus, axis=axis).sum(axis=axis + 1)
        up1 = np.take(c1, pat.plus, axis=axis).sum(axis=axis + 1)
        c0, c1 = (up0 + np.take(c1, pat.minus, axis=axis).sum(axis=axis + 1),
                  up1 + np.take(c0, pat.minus, axis=axis).sum(axis=axis + 1))
    return c0, c1


class _Suppressor:
    def __init__(self, x: np.ndarray, published: np.ndarray, trees: Sequence[_Tree],
                 groups: Sequence[Sequence[int]], k: int, fixed: np.ndarray | None = None,
                 keep_certificates: bool = False, premium: np.ndarray | None = None):
        self.x, self.trees, self.groups, self.k = x, trees, [list(g) for g in groups], k
        self.withheld: set[tuple[int, ...]] = set()  # rows not published at all (see _withhold)
        self._sums = None  # every sum as sparse rows over the cells, if _solve needs them
        # A group of fewer than k people is not broken down: every figure of its row is "fewer
        # than k", zeros too (a 0 there would say what none of them answered), so the figures
        # of such a row may be 0 and can move down to it.
        self.loose = np.repeat((x[..., :1] >= 1) & (x[..., :1] < k), x.shape[-1], axis=-1)
        self.loose[..., 0] = False  # the respondents themselves are "fewer than k": 1 to k-1
        small = ((x >= 1) & (x < k)) | self.loose
        self.state = np.where(published, np.where(small, _SMALL, _PUB), _UNPUB).astype(np.int8)
        self.fixed = np.zeros(x.shape, bool) if fixed is None else fixed
        self.option = np.broadcast_to(np.arange(x.shape[-1]) != 0, x.shape)
        self.lowered = np.zeros(x.shape, bool)  # moved down by a certificate: never relabelled
        # Hiding a figure costs more the more it summarises: the grand total summarises every
        # leaf of every dimension and is hidden only when nothing else protects a small count.
        weight = np.ones(x.shape[:-1] + (1,))
        for axis, tree in enumerate(trees):
            shape = [1] * weight.ndim
            shape[axis] = -1
            weight = weight * np.array([len(leaves) for leaves in tree.leaves_under], float).reshape(shape)
        self.weight = weight * np.where(np.arange(x.shape[-1]) == 0, 10.0, 1.0)  # respondents: every share's base
        # ``premium``: what hiding a figure costs on top of that. The headline figures (a premium of
        # _HEADLINE) are hidden only when nothing else will do: a certificate that would hide one
        # (costing ``costly`` or more) is first looked for among changes of any shape, by _solve.
        self.costly = np.inf
        if premium is not None:
            self.weight = premium * self.weight
            if (premium >= _HEADLINE).any():
                self.costly = float(self.weight[premium >= _HEADLINE].min())
        self.scale = 2.0 * (float(x.max(initial=0)) + 1)
        self.group_of = {c: i for i, g in enumerate(self.groups) for c in g}
        self.certificates: dict[tuple, dict[tuple, int]] | None = {} if keep_certificates else None
        # The cost arrays have one more slot per tree axis, of cost 0, for the patterns' padding.
        self.up = np.zeros(tuple(n + 1 for n in x.shape[:-1]) + x.shape[-1:], np.float32)
        self.down = np.zeros_like(self.up)
        self.version = 0  # how many times costs have changed
        self._set(tuple(slice(0, n) for n in x.shape), self.state)

    def _set(self, cells, state) -> None:
        """Set cells' state and what it costs for each to move up, or down, by one in a
        certificate (inf: it cannot), given what its display tells someone who knows this code:
        "fewer than k" is 1 to k-1 for the respondents, 0 to k-1 for a theme or an option;
        "[hidden]" is a published figure (k or more) or a relabelled k-1; unpublished is 0 or
        more."""
        self.state[cells] = state
        self.version += 1
        x, state, fixed = self.x[cells], self.state[cells], self.fixed[cells]
        loose, option = self.loose[cells], self.option[cells]
        new = np.where(fixed, np.inf, self.weight[cells] * (1.0 + x / self.scale))  # newly hidden
        # A k-1 may be relabelled "[hidden]" to move up, so "[hidden]" means k-1 or more. Not an
        # option inside a small group, though: its respondents are "fewer than k", so a hidden
        # figure there could only be that k-1. Nor a figure a certificate moved down.
        relabel = np.where((~option | ~loose) & ~self.lowered[cells], _RELABEL, np.inf)
        # A theme's or an answer's 0 may be shown as "fewer than k" to move up, so "fewer than k"
        # is 0 to k-1 for them (the respondents' own 0 is always shown: 1 to k-1).
        zero = np.where(option & ~fixed, _ZERO * self.weight[cells], np.inf)
        self.up[cells] = np.select([state == _PUB, state == _SMALL], [np.where(x >= 1, new, zero),
                                   np.where(x >= self.k - 1, relabel, 0.0)], 0.0)
        floor = np.select([state == _SMALL, state == _UNPUB], [np.where(option, 1, 2), 1], self.k)
        # Moving down a k-1 that could still be relabelled costs a little, so that the certificate
        # is applied (``run`` skips those that cost nothing) and the cell marked as moved down.
        mark = (state == _SMALL) & (x >= self.k - 1) & np.isfinite(relabel)
        self.down[cells] = np.where(x >= floor, np.where(state == _PUB, new, np.where(mark, _MARK, 0.0)), np.inf)

    def run(self) -> bool:
        """Suppress; False if some small count cannot be protected (only when cells are fixed)."""
        small = (self.x >= 1) & (self.x < self.k)
        rows: dict[tuple, list[int]] = defaultdict(list)
        for cell in np.argwhere(small).tolist():
            rows[tuple(cell[:-1])].append(cell[-1])
        # Rows nearer the totals first: their certificates are the widest, and later ones reuse them.
        # A cell whose certificate costs nothing needs nothing done, and stays so (see _free): at
        # the start and then whenever the rows reach a level nearer the streets, such cells are
        # found all at once and left out.
        level, seen = None, -1
        for coords in sorted(rows, key=lambda c: (-sum(i == 0 for i in c), c)):
            if level != sum(i == 0 for i in coords) and seen < self.version and self.certificates is None:
                level, seen = sum(i == 0 for i in coords), self.version
                small[...] = False
                for row, cols in rows.items():
                    if sum(i == 0 for i in row) <= level:
                        small[row + (cols,)] = True
                free = self._free(small)
                for row in list(rows):
                    if sum(i == 0 for i in row) <= level:
                        rows[row] = [c for c in rows[row] if not free[row + (c,)]]
            costs: dict[tuple, tuple | None] = {}  # per row, until something is hidden
            # The options of every question with a small count in this row, costed together.
            needed = tuple(sorted({c for col in rows[coords] if col for c in self.groups[self.group_of[col]]}))
            for col in rows[coords]:  # the respondents (column 0) first
                best = self._certificate(coords, col, needed, costs)
                if best is not None and best[0] >= self.costly and self._solve(coords + (col,), hide=True):
                    costs.clear()
                    continue
                if best is None and (self._solve(coords + (col,)) or self._solve(coords + (col,), hide=True)):
                    costs.clear()
                    continue
                if best is None and not self.fixed.any():
                    best = self._withhold(coords, col)
                    costs.clear()
                if best is None:
                    return False
                if best[0] > 0 or self.certificates is not None or coords in self.withheld:
                    self._apply(coords + (col,), *best[1:])
                    costs.clear()
        self._protect_sums()
        self._protect_pairs()
        return True

    def _free(self, cells: np.ndarray) -> np.ndarray:
        """Which of ``cells`` (a mask) have a local certificate that costs nothing: one moving only
        cells not shown, none of them a k-1 that could still be relabelled. ``_certificate`` would
        find it and do nothing; nothing done later makes it cost more (a k-1 is relabelled only if
        no certificate moved it down), so those cells are settled here, all at once: every row of
        one place together, every round and audience pattern, by the same contraction as
        ``_contract`` with "costs nothing" for the costs."""
        free = np.zeros(cells.shape, bool)
        stacks = [tree.stacked() for tree in self.trees[:-1]]  # the small trees: every node at once
        last = len(self.trees) - 1  # the places: one node at a time
        valid = np.ones((), bool)
        for plus, minus, exists in stacks:
            valid = np.multiply.outer(valid, exists)
        valid = valid[..., None, None]
        order = [*range(0, 2 * last, 2), *range(1, 2 * last, 2), 2 * last, 2 * last + 1]
        starts = [g[0] for g in self.groups]
        group = np.zeros(self.x.shape[-1], int)
        for i, g in enumerate(self.groups):
            group[g] = i
        counted = np.arange(self.x.shape[-1]) != 0  # the columns in a group: all but the respondents
        up0, down0 = self.up == 0, self.down == 0
        for node in np.flatnonzero(cells.any(axis=tuple(i for i in range(cells.ndim) if i != last))):
            pats = self.trees[last].patterns(int(node), True)
            if len(pats.found) > _BATCH:
                continue  # an area's or the total's: few rows, left to _certificate
            f0, f1 = np.take(up0, pats.box, axis=last), np.take(down0, pats.box, axis=last)
            for axis, plus, minus in [(last, pats.plus, pats.minus),
                                      *((i, p, m) for i, (p, m, _) in reversed(list(enumerate(stacks))))]:
                def moving(f, index):  # every cell of the pattern's slots can move that way
                    return np.take(f, index, axis=axis).all(axis=axis + index.ndim - 1)
                f0, f1 = moving(f0, plus) & moving(f1, minus), moving(f1, plus) & moving(f0, minus)
            # (a node, its pattern) per small tree, then the place's pattern and the column: whether
            # the cell can move up (f0) or down (f1) with every other cell of that hypercube free to
            # move as it must. Rows (nodes of the small trees) first, then every pattern in one axis.
            f0, f1 = (np.transpose(f & valid, order) for f in (f0, f1))
            f0, f1 = (f.reshape(f.shape[:last] + (-1, f.shape[-1])) for f in (f0, f1))
            if self.groups:
                n0 = np.add.reduceat(f0, starts, axis=-1, dtype=np.int8)  # per group, how many can move up
                n1 = np.add.reduceat(f1, starts, axis=-1, dtype=np.int8)
                g0, g1 = n0[..., group], n1[..., group]
                # two columns of a group against each other (the respondents stay put) ...
                ok = (((f0 & (g1 - f1 > 0)) | (f1 & (g0 - f0 > 0))) & counted).any(axis=-2)
                # ... or the respondents with one column of every group (the cell's own for its own)
                for f, n in ((f0, n0), (f1, n1)):
                    every = (n > 0).sum(axis=-1, keepdims=True)
                    others = np.where(counted, every - (n[..., group] > 0), every)
                    ok |= (f[..., :1] & f & (others == len(self.groups) - counted)).any(axis=-2)
            else:
                ok = np.zeros(f0.shape[:-2] + f0.shape[-1:], bool)
                ok[..., 0] = (f0[..., 0] | f1[..., 0]).any(axis=-1)
            index = (slice(None),) * last + (node,)
            free[index] = ok & cells[index]
        return free

    def _certificate(self, coords, col, needed, costs):
        """The cheapest certificate for a cell: (cost, patterns, pattern per axis, columns with
        their signs, t), or None. Near patterns first, then wider ones if those cost more than a
        few streets' figures; two options of the cell's question first, then the respondents with
        one option of every question."""
        def contracted(local, cols):
            if (local, cols) not in costs:
                costs[(local, cols)] = self._contracted(coords, local, cols)
            return costs[(local, cols)]

        best = None
        for local in (True, False):
            found = []
            if col != 0:
                group = self.groups[self.group_of[col]]
                if (pair := contracted(local, needed)) is not None:
                    found.append(self._pair(col, group, needed, *pair))
            if not found or found[0] is None or found[0][0] > 0:
                if (every := contracted(local, None)) is not None:
                    found.append(self._linked(col, *every))
            for candidate in found:
                if candidate is not None and (best is None or candidate[0] < best[0]):
                    best = candidate
            if best is not None and best[0] <= _ENOUGH:
                break
        return best

    def _solve(self, cell, hide: bool = False) -> bool:
        """When no hypercube does, look for any certificate: the smallest change to the cells
        not shown that keeps every sum and displayed bound and moves ``cell`` by one, by linear
        programming: for an option, among its question's columns first; near the cell first (its
        area, the areas and their largest streets), then everywhere. With ``hide``, published
        figures may change too, at what hiding them costs, and those that do are hidden (a
        theme's or an option's 0 is shown "fewer than k"). The sums are along trees, so the
        optimum is usually whole numbers, and then it is a certificate (its cells moved down are
        never relabelled). A scope's certificate that hides a headline figure is kept only if no
        wider scope finds a cheaper one. True if one was found."""
        x, state, k = self.x.ravel().astype(float), self.state.ravel(), self.k
        option = self.option.ravel()
        zero = hide & (state == _PUB) & (x == 0) & option & ~self.fixed.ravel()  # may become "fewer than k"
        shown = (state == _PUB) & ~(hide & (x >= 1) & ~self.fixed.ravel()) & ~zero  # stays as it is
        low = np.select([shown, zero | (state == _SMALL), state == _UNPUB], [x, np.where(option, 0, 1), 0], k - 1)
        high = np.where(shown, x, np.where(zero | (state == _SMALL), k - 1, np.inf))
        weight = self.weight.ravel()
        price = np.where(zero, _ZERO * weight, np.where(state == _PUB, weight * (1 + x / self.scale), 1e-3))
        geography = self.trees[-1]
        area = geography.up[cell[-2]][-2] if cell[-2] else 0
        near = {0, *geography.children[0], *(n for n in range(len(geography.up)) if area in geography.up[n]),
                *(leaf for a in geography.children[0] for leaf in
                  sorted(geography.leaves_under[a], key=lambda m: -geography.size[m])[:_FAR])}
        target = np.ravel_multi_index(cell, self.x.shape)
        places = np.indices(self.x.shape)[-2].ravel()
        columns = np.indices(self.x.shape)[-1].ravel()
        # An option's own question first (the respondents stay put), then every column.
        question = [self.groups[self.group_of[cell[-1]]]] if cell[-1] else []
        scopes = [np.isin(columns, cols) & where for cols in (*question, range(self.x.shape[-1]))
                  for where in (np.isin(places, list(near)), np.ones(self.x.size, bool))]
        best = None
        for scope in scopes:
            free = np.flatnonzero(scope & (high > low))
            where = np.flatnonzero(free == target)
            sums = self._sums_matrix()[:, free]
            sums = sums[sums.getnnz(axis=1) > 0]
            for direction in (1, -1):
                up, down = high[free] - x[free], x[free] - low[free]
                if not len(where) or (up if direction > 0 else down)[where[0]] < 1:
                    continue
                need_up, need_down = np.zeros(len(free)), np.zeros(len(free))
                (need_up if direction > 0 else need_down)[where[0]] = 1
                (down if direction > 0 else up)[where[0]] = 0
                bounds = list(zip(np.concatenate([need_up, need_down]),
                                  [None if np.isinf(b) else b for b in np.concatenate([up, down])]))
                found = linprog(np.tile(price[free], 2), A_eq=hstack([sums, -sums]), b_eq=np.zeros(sums.shape[0]),
                                bounds=bounds, method="highs")
                if found.status != 0:
                    continue
                change = found.x[:len(free)] - found.x[len(free):]
                if np.abs(change - np.round(change)).max() > 1e-7:
                    continue  # not whole numbers: no certificate
                if best is None or found.fun < best[0]:
                    best = (found.fun, {tuple(int(i) for i in np.unravel_index(free[j], self.x.shape)):
                                        int(round(change[j])) for j in np.flatnonzero(np.round(change))})
            if best is not None and best[0] < self.costly:
                break  # hides no headline figure: wider scopes would not do much better
        if best is None:
            return False
        moved = best[1]
        for value, now in ((True, _HIDDEN), (False, _SMALL)):  # a 0 is shown as "fewer than k"
            newly = tuple(np.array(i) for i in zip(*(c for c in moved
                                                     if self.state[c] == _PUB and (self.x[c] >= 1) == value)))
            if newly:
                self._set(newly, now)
        lowered = tuple(np.array(i) for i in zip(*(c for c, d in moved.items() if d < 0)))
        if lowered:
            self.lowered[lowered] = True
            self._set(lowered, self.state[lowered])
        if self.certificates is not None:
            self.certificates[tuple(cell)] = moved
        return True

    def _sums_matrix(self):
        """Every sum of the table as a sparse row over its cells (built once, if ever needed)."""
        if self._sums is None:
            index = np.arange(self.x.size).reshape(self.x.shape)
            lines = [(np.take(index, parent, axis=axis), [np.take(index, c, axis=axis) for c in kids])
                     for axis, tree in enumerate(self.trees) for parent, kids in enumerate(tree.children) if kids]
            lines += [(index[..., 0], [index[..., c] for c in group]) for group in self.groups]
            rows, cols, data, at = [], [], [], 0
            for total, parts in lines:
                span = np.arange(at, at + total.size)
                rows += [span] * (len(parts) + 1)
                cols += [total.ravel()] + [part.ravel() for part in parts]
                data += [np.full(total.size, -1.0)] + [np.ones(total.size)] * len(parts)
                at += total.size
            self._sums = coo_matrix((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))),
                                    shape=(at, self.x.size)).tocsc()
        return self._sums

    def _withhold(self, coords, col):
        """The last resort, for a count no certificate protects (labels can pin counts: two
        "fewer than 5" adding up to a published 8 are 4 and 4, and a 4 moved down by one
        certificate cannot be relabelled for another): withhold whole rows, one round, audience
        and place, every figure and zeros too, so that nothing about them is published, not even
        which of their figures was in the way. The certificate is a chain of totals from the
        count up to "all" (through a leaf below it), all moving up or all down, with one option
        of every question; of all such chains, the one whose rows in the way summarise least.
        Moving up, an unpublished cell is never in the way, so there always is one."""
        x, best = self.x, None
        weight = self.weight[..., -1]  # an option's weight: what the row summarises
        for t, costs in ((1, self.up), (-1, self.down)):
            for deepest in itertools.product(*(tree.leaves_under[c] for tree, c in zip(self.trees, coords))):
                if x[deepest + (col,)] < 1:
                    continue
                rows = list(itertools.product(*(tree.up[leaf] for tree, leaf in zip(self.trees, deepest))))

                def in_the_way(c):
                    return {row for row in rows if not np.isfinite(costs[row + (c,)])}

                def hard(c):  # moving down, a 0 cannot be helped by withholding its row
                    return t < 0 and any(x[row + (c,)] < 1 for row in rows)

                choice, way = [], in_the_way(0) | in_the_way(col)
                if hard(0) or hard(col):
                    continue
                for group in self.groups:
                    options = [col] if col in group else [c for c in group if not hard(c)]
                    if not options:
                        break
                    pick = min(options, key=lambda c: sum(weight[r] for r in in_the_way(c) - way))
                    choice.append(pick)
                    way |= in_the_way(pick)
                else:
                    score = sum(weight[r] for r in way)
                    if best is None or score < best[0]:
                        best = (score, rows, deepest, choice, t)
        _, rows, deepest, choice, t = best
        self._unpublish({row for c in [0, *choice] for row in rows
                         if not np.isfinite((self.up if t > 0 else self.down)[row + (c,)])})
        pats = [_Patterns([(tree.up[leaf], ())]) for tree, leaf in zip(self.trees, deepest)]
        return 0.0, pats, (0,) * len(pats), [(0, 1)] + [(c, 1) for c in choice], t

    def _unpublish(self, rows) -> None:
        for row in rows:
            self.withheld.add(tuple(row))
            cells = tuple(np.full(self.x.shape[-1], i) for i in row) + (np.arange(self.x.shape[-1]),)
            self._set(cells, np.full(self.x.shape[-1], _UNPUB, np.int8))

    def _contracted(self, coords, local, cols):
        """The patterns of a row and, for the columns ``cols`` (None: all), what each hypercube of
        them costs (c0: the cell moves up, c1: down); None if ``local=False`` finds nothing new."""
        pats = [tree.patterns(c, local) for tree, c in zip(self.trees, coords)]
        if not local and all(p is t.patterns(c, True) for p, t, c in zip(pats, self.trees, coords)):
            return None  # nothing the local search did not already try
        def box(costs):  # the cells the patterns use, axis by axis (the padding slot last)
            for axis, p in sorted(enumerate(pats), key=lambda a: len(a[1].box) / costs.shape[a[0]]):
                if len(p.box) < costs.shape[axis] or p.box[0] != 0 or p.box[-2] != len(p.box) - 2:
                    costs = costs.take(p.box, axis=axis)  # the axis cut most first
            return costs if cols is None else costs.take(cols, axis=-1)
        return (pats, *_contract(box(self.up), box(self.down), pats))

    def _pair(self, col, group, columns, pats, c0, c1):
        """Two options of the same question move against each other: the respondents stay put.
        ``columns``: the columns ``c0`` and ``c1`` were costed for."""
        at = columns.index(col)
        others = [c for c in group if c != col]
        index = [columns.index(c) for c in others]
        found = _cheapest(c0[..., at:at + 1] + c1[..., index], c1[..., at:at + 1] + c0[..., index])
        if not found:
            return None
        cost, where, j, t = found
        return cost, pats, where, [(col, 1), (others[j], -1)], t

    def _linked(self, col, pats, c0, c1):
        """The respondents move, with one option of every question (the cell's own for its own)."""
        own = self.group_of.get(col)
        totals = []
        for c in (c0, c1):
            mins = (np.minimum.reduceat(c[..., 1:], [g[0] - 1 for g in self.groups], axis=-1)
                    if self.groups else np.zeros(c.shape[:-1] + (0,)))
            if own is not None:
                mins[..., own] = c[..., col]
            totals.append((c[..., 0] + mins.sum(axis=-1))[..., None])
        found = _cheapest(*totals)
        if not found:
            return None
        cost, where, _, t = found
        costs = (c0 if t > 0 else c1)[where]
        choice = [col if g == own else group[int(np.argmin(costs[group]))] for g, group in enumerate(self.groups)]
        return cost, pats, where, [(0, 1)] + [(c, 1) for c in choice], t

    def _apply(self, cell, pats, at, cols, t) -> None:
        """Hide the certificate's published cells; relabel a "fewer than k" k-1 it moves up."""
        axes = [[(n, 1) for n in pat.found[i][0]] + [(n, -1) for n in pat.found[i][1]]
                for pat, i in zip(pats, at)]
        moves = {}
        for combo in itertools.product(*axes, cols):
            sign = t
            for _, s in combo:
                sign *= s
            moves[tuple(n for n, _ in combo)] = sign
        index = tuple(np.array(i) for i in zip(*moves))
        sign = np.array(list(moves.values()))
        state, x = self.state[index], self.x[index]
        relabel = (state == _SMALL) & (sign > 0) & (x >= self.k - 1)
        state = np.where(((state == _PUB) & (x >= 1)) | relabel, _HIDDEN,
                         np.where(state == _PUB, _SMALL, state))  # a 0 it moves up: "fewer than k"
        self.lowered[tuple(i[sign < 0] for i in index)] = True
        self._set(index, state.astype(np.int8))
        if self.certificates is not None:
            self.certificates[tuple(cell)] = moves

    def _protect_sums(self) -> None:
        """Where a total is published, what is withheld among its parts adds up to 0 or >= k."""
        lines = [(axis, parent, kids) for axis, tree in enumerate(self.trees)
                 for parent, kids in enumerate(tree.children) if kids]
        lines += [(self.x.ndim - 1, 0, g) for g in self.groups]
        for axis, parent, kids in lines:
            kx = np.moveaxis(np.take(self.x, kids, axis=axis), axis, -1)
            ks = np.moveaxis(np.take(self.state, kids, axis=axis), axis, -1)
            withheld = np.where(ks != _PUB, kx, 0).sum(axis=-1)
            bad = (np.take(self.state, parent, axis=axis) == _PUB) & (withheld >= 1) & (withheld < self.k)
            for where in zip(*np.nonzero(bad)):
                # The smallest published part joins them (there is one: the total is >= k).
                j = int(np.argmin(np.where((ks[where] == _PUB) & (kx[where] >= 1), kx[where], np.inf)))
                cell = list(where)
                cell.insert(axis, kids[j])
                self._set(tuple(np.array([i]) for i in cell), _HIDDEN)

    def _protect_pairs(self) -> None:
        """Two published figures whose populations nest differ by 0 or >= k: else hide the smaller."""
        pairs = [[(i, j) for i in range(len(tree.up)) for j in tree.up[i]] for tree in self.trees]
        last = np.array(pairs[-1])
        changed = True
        while changed:
            changed = False
            for combo in itertools.product(*pairs[:-1]):
                small = tuple(i for i, _ in combo) + (last[:, 0],)
                big = tuple(j for _, j in combo) + (last[:, 1],)
                xs, xb = self.x[small], self.x[big]
                ps, pb = self.state[small] == _PUB, self.state[big] == _PUB
                gap = xb - xs
                same = (gap >= 1) & (gap < self.k) & ps & pb
                if all(i == j for i, j in combo):
                    same[last[:, 0] == last[:, 1]] = False
                part = xb[:, :1] - xs  # the respondents against a theme or an option
                nested = (part >= 1) & (part < self.k) & ps & pb[:, :1]
                nested[:, 0] = False
                rows, cols = np.nonzero(same | nested)
                if len(rows):
                    self._set(tuple(np.full(len(rows), i) for i, _ in combo) + (last[rows, 0], cols), _HIDDEN)
                    changed = True


def _cheapest(c0: np.ndarray, c1: np.ndarray):
    """(cost, pattern index per axis, last index, t) of the cheapest finite entry, or None."""
    costs = np.stack([c0, c1])
    flat = int(np.argmin(costs))
    if not np.isfinite(costs.flat[flat]):
        return None
    where = np.unravel_index(flat, costs.shape)
    return float(costs.flat[flat]), tuple(int(i) for i in where[1:-1]), int(where[-1]), 1 if where[0] == 0 else -1


# ---------------------------------------------------------------------------------------------
# The cube: rounds x audiences x places x measures, every dimension with its totals.

def _read(rows: Iterable[Sequence], width: int, name: str) -> dict[tuple, int]:
    counts: dict[tuple, int] = {}
    for row in rows:
        row = tuple(row)
        if len(row) != width:
            raise ValueError(f"{name}: each row has {width} values, got {row!r}")
        *key, n = row
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
            raise ValueError(f"{name}: the count must be a whole number of 0 or more, got {row!r}")
        key = tuple(key)
        if key in counts:
            raise ValueError(f"{name}: {key!r} appears twice")
        counts[key] = int(n)
    return counts


def _order(given: Sequence[str] | None, seen: Iterable[str], what: str) -> tuple[str, ...]:
    seen = list(dict.fromkeys(seen))
    if given is None:
        return tuple(seen)
    unknown = [s for s in seen if s not in given]
    if unknown:
        raise ValueError(f"unknown {what} {unknown[0]!r} (expected one of {list(given)})")
    return tuple(given)


def _merge(totals: dict[str, int], k: int) -> tuple[list[str], list[str]]:
    """(shown, grouped): names below k are grouped; while the group is 1 to k-1 the smallest
    shown name joins it, so a group is never itself a small count that must be hidden."""
    shown = sorted((n for n in totals if totals[n] >= k), key=lambda n: (totals[n], n))
    grouped = [n for n in totals if totals[n] < k]
    while shown and 0 < sum(totals[n] for n in grouped) < k:
        grouped.append(shown.pop(0))
    return sorted(shown), grouped


def _geography(street_totals: dict[tuple[str, str], int], k: int):
    by_area: dict[str, dict[str, int]] = defaultdict(dict)
    for (area, street), n in street_totals.items():
        by_area[area][street] = n
    places, parents, leaf_of = [TOTAL], [-1], {}

    def add(place: Place, parent: int) -> int:
        places.append(place)
        parents.append(parent)
        return len(places) - 1

    shown, grouped = _merge({a: sum(s.values()) for a, s in by_area.items()}, k)
    for area in shown:
        node = add(Place(area), 0)
        named, small = _merge(by_area[area], k)
        for street in named:
            leaf_of[(area, street)] = add(Place(area, street), node)
        if small:
            group = add(Place(area, f"Other streets in {area}", merged=True), node)
            leaf_of.update({(area, street): group for street in small})
    if grouped:
        group = add(Place(OTHER_AREAS, merged=True), 0)
        leaf_of.update({(area, street): group for area in grouped for street in by_area[area]})
    return places, parents, leaf_of


def protect(respondents: Iterable[Sequence], themes: Iterable[Sequence] = (), likert: Iterable[Sequence] = (), *,
            k: int = DEFAULT_K, rounds: Sequence[str] | None = None, audiences: Sequence[str] | None = None,
            theme_ids: Sequence[str] | None = None,
            likert_options: Mapping[str, Sequence[str]] | None = None) -> ProtectedCube:
    """Apply disclosure control to a survey's counts, once, and return the views of the result.

    Args:
        respondents: rows ``(round, audience, area, street, respondents)``.
        themes: rows ``(round, audience, area, street, theme, respondents who raised it)``.
        likert: rows ``(round, audience, area, street, question, option, respondents)``; whoever
            did not answer a question is counted under ``NOT_ANSWERED``.
        k: the threshold: counts of 1 to k-1 are never shown.
        rounds, audiences: their order (chronological for rounds); by default as first seen.
        theme_ids: every theme (a theme nobody raised is a true 0); by default those seen.
        likert_options: each question's options in order; by default those seen.

    Raises ValueError for a malformed row, a duplicate, an unknown round, audience, theme or
    option, a theme count above its respondents or options adding up to more than them.
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number of 1 or more, got {k!r}")
    totals = _read(respondents, 5, "respondents")
    raised = _read(themes, 6, "themes")
    answered = _read(likert, 7, "likert")
    rounds = _order(rounds, (key[0] for key in (*totals, *raised, *answered)), "round")
    audiences = _order(audiences, (key[1] for key in (*totals, *raised, *answered)), "audience")
    theme_ids = _order(theme_ids, (key[4] for key in raised), "theme")
    seen_options: dict[str, list[str]] = defaultdict(list)
    for key in answered:
        seen_options[key[4]].append(key[5])
    options = {q: _order(None if likert_options is None or q not in likert_options else likert_options[q],
                         seen_options.get(q, ()), f"option of {q}")
               for q in dict.fromkeys((*(likert_options or {}), *seen_options))}
    for q, opts in options.items():
        if NOT_ANSWERED in opts:
            raise ValueError(f"{q}: '{NOT_ANSWERED}' is counted by protect(), do not pass it")
    for key in (*totals, *raised, *answered):
        if not all(isinstance(name, str) and name for name in key[2:4]):
            raise ValueError(f"area and street must be names (non-empty text), got {key!r}")
    used: dict[tuple, int] = defaultdict(int)
    for key, n in raised.items():
        if n > totals.get(key[:4], 0):
            raise ValueError(f"themes: {key!r} counts {n}, more than the {totals.get(key[:4], 0)} respondents")
    for key, n in answered.items():
        used[key[:5]] += n
    for key, n in used.items():
        if n > totals.get(key[:4], 0):
            raise ValueError(f"likert: {key!r} adds up to {n}, more than the {totals.get(key[:4], 0)} respondents")

    street_totals: dict[tuple[str, str], int] = defaultdict(int)
    for (_, _, area, street), n in totals.items():
        street_totals[(area, street)] += n
    places, parents, leaf_of = _geography(street_totals, k)

    columns: list[tuple[str, str | None]] = [(RESPONDENTS, None)]
    published, groups, where = [True], [], {}
    for theme in theme_ids:
        where[(theme, None)] = len(columns)
        groups.append([len(columns), len(columns) + 1])
        columns += [(theme, None), (theme, "did not raise")]
        published += [True, False]
    for q, opts in options.items():
        groups.append(list(range(len(columns), len(columns) + len(opts) + 1)))
        for option in (*opts, NOT_ANSWERED):
            where[(option, q)] = len(columns)
            columns.append((option, q))
            published.append(True)

    r_at = {r: i for i, r in enumerate(rounds, 1)}
    a_at = {a: i for i, a in enumerate(audiences, 1)}
    x = np.zeros((len(rounds) + 1, len(audiences) + 1, len(places), len(columns)), dtype=np.int64)
    for (r, a, area, street), n in totals.items():
        x[r_at[r], a_at[a], leaf_of[(area, street)], 0] += n
    for (r, a, area, street, theme), n in raised.items():
        x[r_at[r], a_at[a], leaf_of[(area, street)], where[(theme, None)]] += n
    for (r, a, area, street, q, option), n in answered.items():
        x[r_at[r], a_at[a], leaf_of[(area, street)], where[(option, q)]] += n
    for group in groups:  # the unpublished half of a theme, and whoever did not answer
        x[..., group[-1]] = x[..., 0] - x[..., group[:-1]].sum(axis=-1)
    x[0] = x[1:].sum(axis=0)
    x[:, 0] = x[:, 1:].sum(axis=1)
    geography = _Tree(parents, [int(sum(n for (area, street), n in street_totals.items()
                                        if leaf_of[(area, street)] == node)) for node in range(len(places))])
    for node in reversed(range(len(places))):  # children come after their parent
        if geography.children[node]:
            x[:, :, node] = x[:, :, geography.children[node]].sum(axis=2)

    trees = [_Tree([-1] + [0] * len(rounds)), _Tree([-1] + [0] * len(audiences)), geography]
    shown = np.zeros(x.shape, bool)
    shown[...] = np.array(published)
    streets = [i for i, place in enumerate(places) if place.street is not None]
    likert_cols = [c for group in groups[len(theme_ids):] for c in group]
    shown[np.ix_(range(x.shape[0]), range(x.shape[1]), streets, likert_cols)] = False
    shown[:, 1:, streets, :] = False
    # What hiding costs on top of how much a figure summarises: most for the figures a page leads
    # with, more for those of the main charts (all audiences: the survey by round, its answers,
    # the areas), so that secondary suppression falls on the audiences and the streets first.
    premium = np.ones(x.shape)
    areas = geography.children[0]
    premium[:, 0, 0] = _LEAD  # the survey's figures, each round's
    premium[:, 1:, 0, 0] = _LEAD  # the survey's respondents by audience (the base of its shares)
    premium[:, 0, areas, 0] = _LEAD  # each area's respondents, each round's
    premium[0, 0, areas] = np.where(published, _LEAD, 1.0)  # each area's themes and answers
    premium[:, 0, 0, 0] = _HEADLINE  # the survey's respondents and each round's
    premium[0, 0, areas, 0] = _HEADLINE  # each area's
    premium[0, 0, 0, [where[(theme, None)] for theme in theme_ids]] = _HEADLINE  # each theme's, whole survey
    engine = _Suppressor(x, shown, trees, groups, k, premium=premium)
    if not engine.run():
        raise AssertionError("a small count could not be protected")  # cannot happen: no cell is fixed
    return ProtectedCube(k=k, rounds=rounds, audiences=audiences, theme_ids=theme_ids,
                         questions={q: (*opts, NOT_ANSWERED) for q, opts in options.items()},
                         places=places, tree=geography, leaf_of=leaf_of, columns=where,
                         values=x, state=engine.state, withheld=engine.withheld)


class ProtectedCube:
    """The protected figures of one survey, and every view the portal may show of them.

    Filters: ``round`` and ``audience`` (ALL for every one), ``area`` and ``street`` (select
    rows; a street or area that was merged resolves to its group, which the returned rows'
    ``place`` names). Every view is a slice of the same protected cells.
    """

    def __init__(self, *, k, rounds, audiences, theme_ids, questions, places, tree, leaf_of, columns,
                 values, state, withheld=frozenset()):
        self._withheld = frozenset(withheld)
        self.k = k
        self.rounds: tuple[str, ...] = rounds
        self.audiences: tuple[str, ...] = audiences
        self.theme_ids: tuple[str, ...] = theme_ids
        self.questions: dict[str, tuple[str, ...]] = questions
        self._places, self._tree, self._leaf_of, self._columns = places, tree, leaf_of, columns
        self._node = {p: i for i, p in enumerate(places)}
        self._round = {ALL: 0, **{r: i for i, r in enumerate(rounds, 1)}}
        self._audience = {ALL: 0, **{a: i for i, a in enumerate(audiences, 1)}}
        self._values, self._state = values, state
        self._values.setflags(write=False)
        self._state.setflags(write=False)

    @property
    def footnotes(self) -> tuple[str, ...]:
        """What the markers mean, for under every table and chart that may show them."""
        k = self.k
        return (f"fewer than {k}: a count from 1 to {k - 1}, not shown so that no one can be singled out. "
                "For a concern or an answer it may also be 0: where fewer than "
                f"{k} people answered, none of their answers is broken down, and elsewhere a 0 is shown "
                "so when it would give away a smaller number.",
                f"{HIDDEN}: not shown so that a smaller number elsewhere cannot be worked out from the "
                f"totals; it is {k - 1} or more.",
                f"Streets with fewer than {k} responses are grouped as 'Other streets in' their area, and "
                f"areas with fewer than {k} as '{OTHER_AREAS}'. Figures for residents and businesses "
                "separately, and answers to the questions, are shown for areas, not single streets.")

    def areas(self) -> tuple[Place, ...]:
        """The areas shown, "Other areas" last if there is one."""
        return tuple(self._places[i] for i in self._tree.children[0])

    def streets(self, area: str | Place) -> tuple[Place, ...]:
        """The streets shown for an area, "Other streets in <area>" last; none for "Other areas"."""
        node = self._node[area] if isinstance(area, Place) else self._find(area, None)
        return tuple(self._places[i] for i in self._tree.children[node])

    def place(self, area: str | None = None, street: str | None = None) -> Place:
        """Where a filter's area and street are shown: themselves, or the group they were merged into."""
        return self._places[self._find(area, street)]

    def contains(self, place: Place, area: str, street: str) -> bool:
        """Whether ``place`` counts the respondents of a street (for figures summed elsewhere)."""
        leaf = self._leaf_of.get((area, street))
        return leaf is not None and self._node[place] in self._tree.up[leaf]

    def _find(self, area, street) -> int:
        if street is not None:
            if (area, street) not in self._leaf_of:
                raise KeyError(f"no respondents from {street!r} in {area!r}")
            return self._leaf_of[(area, street)]
        if area is None:
            return 0
        leaves = [leaf for (a, _), leaf in self._leaf_of.items() if a == area]
        if not leaves:
            raise KeyError(f"no respondents from the area {area!r}")
        return self._tree.up[leaves[0]][-2]

    def figure(self, measure: str = RESPONDENTS, *, round: str | None = ALL, audience: str | None = ALL,
               area: str | None = None, street: str | None = None, question: str | None = None,
               place: Place | None = None) -> Row:
        """One figure: the respondents, a theme's respondents, or a Likert ``question``'s option."""
        node = self._node[place] if place is not None else self._find(area, street)
        if round not in self._round:
            raise KeyError(f"unknown round {round!r}")
        if audience not in self._audience:
            raise KeyError(f"unknown audience {audience!r}")
        col = 0 if measure == RESPONDENTS and question is None else self._columns.get((measure, question))
        if col is None:
            raise KeyError(f"unknown measure {measure!r}" + (f" of {question!r}" if question else ""))
        cell = (self._round[round], self._audience[audience], node, col)
        state, value = self._state[cell], int(self._values[cell])
        if cell[:3] in self._withheld:
            raise Withheld("Too few responses to show figures for this selection.")
        if state == _UNPUB:
            what = "Answers to this question are" if question else "Figures by audience are"
            raise NotPublished(f"{what} published for areas and the whole survey, not for single streets.")
        shown: Count = (value if state == _PUB else Suppressed("small" if state == _SMALL else "secondary", self.k))
        return Row(round, audience, self._places[node], measure, shown, question)

    def respondents(self, **filters) -> Row:
        return self.figure(RESPONDENTS, **filters)

    def themes(self, theme_ids: Sequence[str] | None = None, **filters) -> list[Row]:
        """Each theme's respondents for one selection, in the order of ``theme_ids``."""
        return [self.figure(t, **filters) for t in (self.theme_ids if theme_ids is None else theme_ids)]

    def likert(self, question: str, **filters) -> list[Row]:
        """A question's options for one selection; "not answered" only if anyone did not answer."""
        total = (0, 0, 0, self._columns[(NOT_ANSWERED, question)])
        anyone = self._values[total] > 0 or self._state[total] != _PUB  # a 0 shown as "fewer than k" too
        return [self.figure(o, question=question, **filters) for o in self.questions[question]
                if o != NOT_ANSWERED or anyone]

    def places(self, area: str | None = None) -> tuple[Place, ...]:
        """The rows of a table filtered on ``area``: its streets, or the areas if None."""
        return self.areas() if area is None else self.streets(area)

    def table(self, *, round: str | None = ALL, audience: str | None = ALL, area: str | None = None,
              theme_ids: Sequence[str] | None = None) -> list[Row]:
        """Respondents and each theme for every row of the selection, then for its total."""
        rows = []
        total = self.place(area)
        for place in (*self.places(area), total):
            rows.append(self.figure(RESPONDENTS, round=round, audience=audience, place=place))
            rows += self.themes(theme_ids, round=round, audience=audience, place=place)
        return rows

    def rows(self) -> Iterator[Row]:
        """Every figure the cube publishes, shown or not (for an export or an audit)."""
        for r, a, place in itertools.product(self._round, self._audience, self._places):
            f = dict(round=r, audience=a, place=place)
            measures = [(RESPONDENTS, None), *((t, None) for t in self.theme_ids),
                        *((o, q) for q in self.questions for o in self.questions[q])]
            for measure, question in measures:
                try:
                    yield self.figure(measure, question=question, **f)
                except NotPublished:
                    pass


def _monday(week: date | str) -> date:
    day = date.fromisoformat(week) if isinstance(week, str) else week
    day = day.date() if isinstance(day, datetime) else day
    return day - timedelta(days=day.weekday())


def protect_trend(cube: ProtectedCube, weeks: Iterable[Sequence]) -> ProtectedTrend:
    """Protect respondents per week, whole survey: rows ``(round, week, respondents)`` with the
    week as a date (or ISO string) in it; missing weeks between a round's first and last are 0.

    A round's weeks must add up to the cube's respondents for that round. They are shown only if
    the cube publishes that total, and then protected under it (it is never hidden), so nothing
    here changes what the cube's figures let anyone work out; if they cannot be, the round is
    ``withheld``.
    """
    by_round: dict[str, dict[date, int]] = defaultdict(dict)
    for key, n in _read(((r, _monday(w), n) for r, w, n in weeks), 3, "weeks").items():
        r, week = key
        if r not in cube.rounds:
            raise ValueError(f"weeks: unknown round {r!r}")
        by_round[r][week] = n
    rows, withheld = [], []
    for r in cube.rounds:
        counts = by_round.get(r, {})
        total = cube._values[cube._round[r], 0, 0, 0]
        if sum(counts.values()) != total:
            raise ValueError(f"weeks: round {r!r} adds up to {sum(counts.values())}, the cube has {total}")
        if not counts:
            continue
        first, last = min(counts), max(counts)
        days = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
        if cube._state[cube._round[r], 0, 0, 0] != _PUB:
            withheld.append(r)
            continue
        x = np.array([[total]] + [[counts.get(d, 0)] for d in days], dtype=np.int64)
        fixed = np.zeros(x.shape, bool)
        fixed[0] = True
        engine = _Suppressor(x, np.ones(x.shape, bool), [_Tree([-1] + [0] * len(days))], [], cube.k, fixed)
        if not engine.run():
            withheld.append(r)
            continue
        for i, d in enumerate(days, 1):
            s = engine.state[i, 0]
            rows.append(WeekRow(r, d, int(x[i, 0]) if s == _PUB else
                                Suppressed("small" if s == _SMALL else "secondary", cube.k)))
    return ProtectedTrend(tuple(rows), tuple(withheld), cube.k)
