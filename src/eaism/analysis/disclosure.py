"""Cell suppression: which counts of a published table are withheld.

A count of 1 to threshold-1 people could point to individuals, so it is withheld (primary
suppression). A withheld count must not come back by subtraction either: wherever the cells of a
line (a row, a column, a pyramid) add up to a total that is published, the withheld cells of that
line must be at least two, together holding at least the threshold, as `group_teams` asks of a
pool of teams. Where they are not, the smallest shown non-zero cell of the line is withheld too
(secondary suppression; one whose other lines already hold a withheld cell first), or the line's
own total when no such cell is left, until every line holds. Withheld cells are therefore never
0, and a line's withheld cells always sum to the threshold or more, so none of them can be
worked out from the published figures in one step.

Zero cells stay shown: "nobody at Level 5" points to no one, and withholding zeros as well would
hide most of a small organisation's pyramid without protecting anybody.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from eaism.analysis.privacy import check_group_size


@dataclass(frozen=True)
class Line:
    """Cells (indices into a table's values) that add up to a published total."""

    members: tuple[int, ...]
    total: int | None = None  # index of the cell holding the total; None: a total always shown


def is_small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def withheld_cells(values: Sequence[int], lines: Sequence[Line], threshold: int) -> frozenset[int]:
    """The indices of the cells to withhold; deterministic for the same values and lines."""
    check_group_size(threshold)
    withheld = {index for index, count in enumerate(values) if is_small(count, threshold)}
    changed = True
    while changed:
        changed = False
        for line in lines:
            complement = _complement(line, lines, values, withheld, threshold)
            if complement is not None:
                withheld.add(complement)
                changed = True
    return frozenset(withheld)


def line_is_safe(
    line: Line, values: Sequence[int], withheld: Collection[int], threshold: int
) -> bool:
    """No withheld cell of the line can be worked out from its shown cells and its total."""
    if line.total is not None and line.total in withheld:
        return True
    pool = [values[index] for index in line.members if index in withheld]
    return not pool or (len(pool) >= 2 and sum(pool) >= threshold)


def _complement(
    line: Line, lines: Sequence[Line], values: Sequence[int], withheld: set[int], threshold: int
) -> int | None:
    """The next cell to withhold so the line becomes safe, or None when it is safe already.

    The smallest shown non-zero cell, preferring one that leaves no other line with a single
    withheld cell (which would need a complement of its own there).
    """
    if line_is_safe(line, values, withheld, threshold):
        return None
    shown = sorted(
        (_opens_a_line(index, line, lines, withheld), values[index], index)
        for index in line.members
        if index not in withheld and values[index] > 0
    )
    if shown:
        return shown[0][2]
    return line.total  # None only when the line cannot be made safer: its total is always shown


def _opens_a_line(index: int, line: Line, lines: Sequence[Line], withheld: set[int]) -> bool:
    return any(
        other is not line
        and index in other.members
        and (other.total is None or other.total not in withheld)
        and not withheld.intersection(other.members)
        for other in lines
    )


def withheld_cumulative(
    counts: Sequence[int | None], people: int, threshold: int
) -> frozenset[int]:
    """Positions to withhold in a row of "at or above" counts (None: no such cell), highest last.

    Two shown neighbours give away the number between them by subtraction (and the lowest shown
    cell, taken from `people`, those below it), so a cell is shown only where every such
    difference is 0 or at least the threshold. Cells are kept from the top down, and dropped
    again from the bottom while the people below the lowest shown cell are too few.
    """
    check_group_size(threshold)
    shown: list[int] = []
    above = 0  # the count at the last shown cut, starting from the empty level above the top
    for position in sorted((p for p, c in enumerate(counts) if c is not None), reverse=True):
        count = counts[position]
        assert count is not None
        if not is_small(count - above, threshold):
            shown.append(position)
            above = count
    while shown and is_small(people - _count(counts, shown[-1]), threshold):
        shown.pop()
    present = {position for position, count in enumerate(counts) if count is not None}
    return frozenset(present - set(shown))


def _count(counts: Sequence[int | None], position: int) -> int:
    count = counts[position]
    assert count is not None
    return count


def at_least_is_derivable(withheld_levels: Collection[int], level: int, levels: int) -> bool:
    """Whether "people at `level` or above" follows from the shown per-level counts and the total
    (so showing it reveals nothing more): every level from it up is shown, or every level below."""
    return not any(other in withheld_levels for other in range(level, levels)) or not any(
        other in withheld_levels for other in range(level)
    )


def changed_contributions(before: Mapping[str, object], now: Mapping[str, object]) -> int:
    """How many people's contributions differ: newly in, no longer in, or changed."""
    return sum(1 for person in before.keys() | now.keys() if before.get(person) != now.get(person))


def may_publish(
    published: bool, changed: int, responses: int, context_changed: bool, threshold: int
) -> bool:
    """Whether a view's figures may be published again now (the rule across time).

    Figures change only once at least `threshold` people's contributions changed since they were
    published, so comparing two published states never isolates fewer people than a group. A
    change of the organisation's own data (inventory, practices, settings) is published at once
    only while no person's contribution has changed. A round's first figures wait until no one
    or at least `threshold` people responded, since a view without responses shows the levels
    given on import, and the difference to it would isolate the first few responses.
    """
    if not published:
        return responses == 0 or responses >= threshold
    return changed >= threshold or (changed == 0 and context_changed)
