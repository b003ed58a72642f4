"""Cell suppression: no published cell of 1 to threshold-1 people, none recoverable by
subtraction from a published total, the same answer every time, and nothing withheld needlessly."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from eaism.analysis.disclosure import (
    Line,
    at_least_is_derivable,
    changed_contributions,
    line_is_safe,
    may_publish,
    withheld_cells,
    withheld_cumulative,
)
from eaism.analysis.document import analysis_document
from eaism.analysis.organisation import Organisation
from eaism.analysis.protection import protect
from eaism.analysis.report import analyse
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from tests.factories import people_at

EDITION = load_edition()
thresholds = st.integers(3, 8)
counts = st.integers(0, 40)
small_or_zero_heavy = st.one_of(st.integers(0, 3), counts)


def _table(draw: Any, rows: int, columns: int, threshold: int) -> tuple[list[int], list[Line]]:
    """A pyramid (the column totals) over team rows of at least `threshold` people each, as in
    the workforce: cells, then team sizes, then the pyramid, and its lines."""
    grid = [[draw(small_or_zero_heavy) for _ in range(columns)] for _ in range(rows)]
    for row in grid:
        if sum(row) < threshold:
            row[0] += threshold
    values = [cell for row in grid for cell in row]
    sizes = [sum(row) for row in grid]
    pyramid = [sum(row[column] for row in grid) for column in range(columns)]
    size_at, pyramid_at = len(values), len(values) + rows
    values += sizes + pyramid
    lines = [Line(tuple(range(pyramid_at, pyramid_at + columns)))]
    lines += [
        Line(tuple(r * columns + c for c in range(columns)), size_at + r) for r in range(rows)
    ]
    lines += [
        Line(tuple(r * columns + c for r in range(rows)), pyramid_at + c) for c in range(columns)
    ]
    lines.append(Line(tuple(range(size_at, size_at + rows))))
    return values, lines


@st.composite
def tables(draw: Any) -> tuple[list[int], list[Line], int]:
    threshold = draw(thresholds)
    values, lines = _table(draw, draw(st.integers(1, 5)), 6, threshold)
    return values, lines, threshold


@given(tables())
def test_no_published_cell_holds_fewer_than_the_threshold(table: Any) -> None:
    values, lines, threshold = table
    withheld = withheld_cells(values, lines, threshold)
    assert all(not 0 < values[i] < threshold for i in range(len(values)) if i not in withheld)


@given(tables())
def test_no_withheld_cell_follows_from_a_published_total(table: Any) -> None:
    """Each line with a shown total has no withheld cell, or at least two holding at least the
    threshold together; as withheld cells are never 0, none of them is pinned down."""
    values, lines, threshold = table
    withheld = withheld_cells(values, lines, threshold)
    assert all(line_is_safe(line, values, withheld, threshold) for line in lines)
    assert all(values[index] > 0 for index in withheld)


@given(tables())
def test_suppression_is_deterministic(table: Any) -> None:
    values, lines, threshold = table
    assert withheld_cells(values, lines, threshold) == withheld_cells(
        list(values), lines, threshold
    )


@given(st.lists(st.one_of(st.just(0), st.integers(8, 50)), min_size=1, max_size=12), thresholds)
def test_nothing_is_withheld_when_every_cell_is_zero_or_large_enough(
    cells: list[int], threshold: int
) -> None:
    values = [*cells, sum(cells)]
    line = Line(tuple(range(len(cells))), len(cells))
    assert withheld_cells(values, [line], threshold) == frozenset()


@st.composite
def domain_rows(draw: Any) -> tuple[list[int | None], int, int]:
    """A heatmap row: people at or above each level (None: no such cell), and everyone."""
    threshold = draw(thresholds)
    exactly = [draw(small_or_zero_heavy) for _ in range(6)]  # at domain level 0..5
    present = [draw(st.booleans()) or level == 5 for level in range(1, 6)]
    people = max(sum(exactly), threshold)
    exactly[0] += people - sum(exactly)
    row = [sum(exactly[level:]) if present[level - 1] else None for level in range(1, 6)]
    return row, people, threshold


@given(domain_rows())
def test_a_heatmap_row_gives_no_small_difference_away(case: Any) -> None:
    """Between any two shown neighbours (and from everyone down to the lowest shown cell) the
    difference, which anyone can work out, is 0 or at least the threshold; so is each cell."""
    row, people, threshold = case
    withheld = withheld_cumulative(row, people, threshold)
    shown = [row[p] for p in range(len(row)) if row[p] is not None and p not in withheld]
    cuts = [people, *shown, 0]
    assert all(not 0 < high - low < threshold for high, low in itertools.pairwise(cuts))
    assert withheld_cumulative(row, people, threshold) == withheld


@given(st.lists(st.integers(0, 30), min_size=6, max_size=6), thresholds)
def test_people_at_or_above_is_shown_only_when_the_shown_levels_give_it(
    by_level: list[int], threshold: int
) -> None:
    values = [*by_level]
    withheld = withheld_cells(values, [Line(tuple(range(6)))], threshold)
    for level in range(6):
        if at_least_is_derivable(withheld, level, 6):
            above = all(other not in withheld for other in range(level, 6))
            below = all(other not in withheld for other in range(level))
            assert above or below


@given(
    st.dictionaries(st.sampled_from("abcdefghij"), st.sampled_from("xyz")),
    st.dictionaries(st.sampled_from("abcdefghij"), st.sampled_from("xyz")),
)
def test_changed_contributions_count_each_person_once(before: Any, now: Any) -> None:
    changed = changed_contributions(before, now)
    assert changed == len({p for p in before.keys() | now.keys() if before.get(p) != now.get(p)})
    assert changed_contributions(now, now) == 0


@given(st.integers(0, 50), st.integers(0, 50), st.booleans(), thresholds)
def test_published_figures_change_only_after_the_threshold_of_changes(
    changed: int, responses: int, context_changed: bool, threshold: int
) -> None:
    again = may_publish(True, changed, responses, context_changed, threshold)
    assert again == (changed >= threshold or (changed == 0 and context_changed))
    first = may_publish(False, changed, responses, context_changed, threshold)
    assert first == (responses == 0 or responses >= threshold)


def _cells(document: dict[str, Any]) -> list[int | None]:
    workforce = document["workforce"]
    found = list(workforce["by_level"].values())
    found += [count for team in workforce["teams"] for count in team["by_level"].values()]
    found += [count for row in document["heatmap"].values() for count in row.values()]
    found += [n["one_step_away"] for n in document["training"]]
    found += [n["in_progress"] for n in document["training"]]
    found += [phase["people_at_or_above"] for phase in document["hiring"]["phases"]]
    return found


@given(st.data(), thresholds)
def test_a_protected_analysis_publishes_no_small_cell(
    any_edition: Edition, data: st.DataObject, threshold: int
) -> None:
    """Pyramid, team rows, heatmap, training needs and hiring phases alike."""
    level = st.sampled_from((0, *any_edition.level_numbers))
    people = data.draw(st.lists(st.tuples(level, st.sampled_from(["a", "b", "c"])), max_size=60))
    if len(people) < threshold:
        return
    found = people_at(any_edition, [level for level, _ in people], [team for _, team in people])
    analysis = analyse(any_edition, Organisation(people=found), threshold)
    protected = protect(any_edition, analysis_document(any_edition, analysis), threshold)
    assert not [c for c in _cells(protected) if c is not None and 0 < c < threshold]
    for level, count in enumerate(analysis.workforce.by_level):
        if 0 < count < threshold:
            assert str(level) in protected["withheld"]["by_level"]


def test_a_level_of_one_person_is_withheld_and_so_is_the_next_smallest() -> None:
    values = [0, 40, 30, 1, 9, 0]
    withheld = withheld_cells(values, [Line(tuple(range(6)))], 5)
    assert withheld == {3, 4}  # the 1, and the 9 so that 40 + 30 + 0 + 0 do not give the 1 away
