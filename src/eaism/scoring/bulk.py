"""Scoring many people at once with NumPy, giving exactly the per-person results.

Answers are held as a matrix (people x items) of values and a matrix of "evidence counts"
flags. Cell sums come from one matrix product with a 0/1 membership matrix; since answers are
exact quarters the sums are exact, and every comparison mirrors `scoring.person` bit for bit.

A question set per person comes as an `assessed` matrix (people x domains): the highest level
asked, 0 when the domain is not asked. A domain not assessed has level -1 in the level arrays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from eaism.model.schema import Edition

LevelArray = npt.NDArray[np.int8]
FloatArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class AnswerMatrix:
    """Answers of many people: `values[p, i]` for item `item_ids[i]`, 0 when unanswered.

    `evidence[p, i]` is true when the answer carries current evidence; it only matters from the
    edition's evidence level up.
    """

    item_ids: tuple[str, ...]
    values: FloatArray
    evidence: BoolArray

    @property
    def people(self) -> int:
        return int(self.values.shape[0])


@dataclass(frozen=True)
class BulkScores:
    """Per person and domain (columns in edition order): levels, claimed levels, progress."""

    levels: LevelArray
    claimed_levels: LevelArray
    progress: FloatArray
    operating: LevelArray
    claimed_operating: LevelArray


SLOTS = 8  # cell columns per domain: levels 1-5, then padding, so a domain's flags fill one byte
PADDING = 7  # a padding column: never met, sum 0, used as "no next cell"
CHUNK = 16_384  # rows scored together


@dataclass(frozen=True)
class _Layout:
    """The edition's cells as matrices, built once per scoring call.

    Cell columns run domain by domain, `SLOTS` columns each: levels 1 to 5, then padding that is
    never met. That lets `numpy.packbits` turn each domain's met flags into one byte.
    """

    membership: FloatArray  # items x cell columns, 1 where the item belongs to the cell
    inverse_counts: FloatArray  # per cell column, 1 / number of items (1 for padding)
    needed: FloatArray | npt.NDArray[np.float64]  # per column, the sum that meets it (inf if none)
    needs_evidence: BoolArray  # per item


def score_matrix(
    edition: Edition, matrix: AnswerMatrix, assessed: LevelArray | None = None
) -> BulkScores:
    """Score every row; work goes in chunks so temporaries stay small and in cache.

    `assessed` (people x domains, see `assessed_matrix`) limits each row to its question set.
    """
    layout = _layout(edition, matrix.item_ids)
    ladder = _Ladder.for_edition(edition)
    people, domains = matrix.people, len(edition.domains)
    levels = np.zeros((people, domains), dtype=np.int8)
    claimed_levels = np.zeros((people, domains), dtype=np.int8)
    progress = np.zeros((people, domains), dtype=np.float32)
    cell_levels = np.tile(np.arange(1, SLOTS + 1, dtype=np.int8), domains)  # per cell column
    for start in range(0, people, CHUNK):
        rows = slice(start, start + CHUNK)
        values = matrix.values[rows].astype(np.float32, copy=False)
        counted_sums = (
            values * (matrix.evidence[rows] | ~layout.needs_evidence)
        ) @ layout.membership
        counted_met = counted_sums >= layout.needed
        claimed_met = (values @ layout.membership) >= layout.needed
        asked = None
        if assessed is not None:
            asked = cell_levels <= np.repeat(assessed[rows], SLOTS, axis=1)
            counted_met &= asked
            claimed_met &= asked
        levels[rows], next_cells = ladder.climb(counted_met)
        claimed_levels[rows], _ = ladder.climb(claimed_met)
        next_sums = np.take_along_axis(counted_sums, next_cells, axis=1)
        progress[rows] = next_sums * layout.inverse_counts[next_cells]
        if asked is not None:
            progress[rows] *= np.take_along_axis(asked, next_cells, axis=1)
    if assessed is not None:
        levels[assessed <= 0] = -1
        claimed_levels[assessed <= 0] = -1
    return BulkScores(
        levels=levels,
        claimed_levels=claimed_levels,
        progress=progress,
        operating=operating_levels(edition, levels, assessed),
        claimed_operating=operating_levels(edition, claimed_levels, assessed),
    )


def assessed_matrix(
    edition: Edition, question_sets: Sequence[Mapping[str, int] | None]
) -> LevelArray:
    """Per person (one question set each, None for the whole bank) and domain: the top level asked."""
    top = max(level.number for level in edition.levels)
    return np.array(
        [
            [
                top if chosen is None else chosen.get(domain_id, 0)
                for domain_id in edition.domain_ids
            ]
            for chosen in question_sets
        ],
        dtype=np.int8,
    ).reshape(len(question_sets), len(edition.domains))


def operating_levels(
    edition: Edition, levels: LevelArray, assessed: LevelArray | None = None
) -> LevelArray:
    """The operating level of every row of domain levels (people x domains).

    A level of -1 is a domain not assessed. `assessed` gives the highest level asked per person
    and domain; without it, a domain is assessed at every level unless its level is -1.
    """
    if assessed is None and levels.size and int(levels.min()) < 0:
        top = max(level.number for level in edition.levels)
        assessed = np.where(levels < 0, 0, top).astype(np.int8)
    column = {domain_id: index for index, domain_id in enumerate(edition.domain_ids)}
    share = edition.scoring.min_share_of_applicable_domains
    holds_so_far = np.ones(levels.shape[0], dtype=bool)
    operating = np.zeros(levels.shape[0], dtype=np.int8)
    for level in edition.levels:
        number = level.number
        defining = [column[d] for d in edition.scoring.defining_domains[number]]
        applicable = [column[d.id] for d in edition.domains if d.cell(number).applicable]
        defining_hold = (levels[:, defining] >= number).all(axis=1)
        reached = levels[:, applicable] >= number
        if assessed is None:  # the whole bank: fewer arrays, which is most of the time
            holds = defining_hold & (reached.sum(axis=1) >= share * len(applicable))
        else:
            asked = assessed[:, applicable] >= number
            defining_hold &= (assessed[:, defining] >= number).all(axis=1)
            holds = defining_hold & ((reached & asked).sum(axis=1) >= share * asked.sum(axis=1))
        holds_so_far &= holds
        operating += holds_so_far.astype(np.int8)
    return operating


@dataclass(frozen=True)
class _Ladder:
    """Lookup tables from a domain's met flags (one byte) to its level and next cell column."""

    levels: LevelArray  # domains x 256
    next_cells: npt.NDArray[np.intp]  # domains x 256: column of the first unmet cell, or padding

    @classmethod
    def for_edition(cls, edition: Edition) -> _Ladder:
        count = len(edition.domains)
        levels = np.zeros((count, 256), dtype=np.int8)
        next_cells = np.array([[d * SLOTS + PADDING] * 256 for d in range(count)], dtype=np.intp)
        for d, domain in enumerate(edition.domains):
            for bits in range(256):
                for level in domain.applicable_levels:
                    if not bits >> (level - 1) & 1:
                        next_cells[d, bits] = d * SLOTS + level - 1
                        break
                    levels[d, bits] = level
        return cls(levels, next_cells)

    def climb(self, met: BoolArray) -> tuple[LevelArray, npt.NDArray[np.intp]]:
        flags = np.packbits(met, axis=1, bitorder="little")
        domains = np.arange(self.levels.shape[0])
        return self.levels[domains, flags], self.next_cells[domains, flags]


def _layout(edition: Edition, item_ids: tuple[str, ...]) -> _Layout:
    position = {item_id: index for index, item_id in enumerate(item_ids)}
    columns = len(edition.domains) * SLOTS
    membership = np.zeros((len(item_ids), columns), dtype=np.float32)
    inverse_counts = np.ones(columns, dtype=np.float32)
    needed = np.full(columns, np.inf)
    for d, domain in enumerate(edition.domains):
        for cell in domain.cells:
            if not cell.applicable:
                continue
            column = d * SLOTS + cell.level - 1
            items = domain.items_at(cell.level)
            inverse_counts[column] = 1 / len(items)
            needed[column] = edition.scoring.cell_met_threshold * len(items)
            for item in items:
                if item.id in position:
                    membership[position[item.id], column] = 1
    evidence_from = edition.scoring.evidence_required_from_level
    needs = np.array([edition.item_index[i].level >= evidence_from for i in item_ids], dtype=bool)
    return _Layout(membership, inverse_counts, _narrowest(needed), needs)


def _narrowest(needed: npt.NDArray[np.float64]) -> FloatArray | npt.NDArray[np.float64]:
    """float32 when every threshold is exact in it (comparisons are then twice as fast)."""
    narrow = needed.astype(np.float32)
    return narrow if np.array_equal(narrow.astype(np.float64), needed) else needed
