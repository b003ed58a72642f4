"""The evidence check: its precision and recall on the labelled set, and its time per piece.

Precision and recall are printed per flag and over all flags, for the tuning part of
tests/fixtures/evidence/labelled.yaml and for its held-out part (never used for tuning); each
part is checked as one batch. Time: the median over rounds of the whole labelled set, per piece
(budget: under 5 ms), against a baseline that only lower-cases and splits the same texts.
Run with `make bench` or `.venv/bin/python bench/evidence_check.py`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from eaism.analysis.evidence_check import FLAG_CODES, EvidencePiece, check_evidence
from eaism.model.loader import load_edition
from eaism.model.schema import Edition

LABELLED = (
    Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "evidence" / "labelled.yaml"
)
BUDGET_SECONDS = 0.005
ROUNDS = 25
OVERALL = "overall"


@dataclass(frozen=True)
class Labelled:
    id: str
    piece: EvidencePiece
    flags: frozenset[str]
    held_out: bool


@dataclass(frozen=True)
class Agreement:
    """Counts of one flag over a part: flagged and expected, flagged only, expected only."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def labelled_set(path: Path = LABELLED) -> list[Labelled]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Labelled(
            entry["id"],
            EvidencePiece(entry["person"], entry["item"], entry["text"]),
            frozenset(entry["flags"]),
            bool(entry.get("held_out", False)),
        )
        for entry in document["pieces"]
    ]


def found_flags(edition: Edition, part: Sequence[Labelled]) -> dict[str, frozenset[str]]:
    """Labelled id -> the codes the check raises, with the part checked as one batch."""
    found = check_evidence(edition, [entry.piece for entry in part])
    return {
        entry.id: frozenset(
            flag.code for flag in found[(entry.piece.person_id, entry.piece.item_id)]
        )
        for entry in part
    }


def agreement(edition: Edition, part: Sequence[Labelled]) -> dict[str, Agreement]:
    """Per flag code and overall (micro-averaged over codes)."""
    found = found_flags(edition, part)
    counts = {code: [0, 0, 0] for code in (*FLAG_CODES, OVERALL)}
    for entry in part:
        for code in FLAG_CODES:
            flagged, expected = code in found[entry.id], code in entry.flags
            column = 0 if flagged and expected else 1 if flagged else 2 if expected else None
            if column is not None:
                counts[code][column] += 1
                counts[OVERALL][column] += 1
    return {code: Agreement(*values) for code, values in counts.items()}


def parts(entries: Sequence[Labelled]) -> dict[str, list[Labelled]]:
    return {
        "tuning": [entry for entry in entries if not entry.held_out],
        "held out": [entry for entry in entries if entry.held_out],
    }


def print_agreement(name: str, part: Sequence[Labelled], scores: dict[str, Agreement]) -> None:
    print(f"{name} part: {len(part)} pieces")
    print(f"  {'flag':<22} {'precision':>9} {'recall':>7}  (flagged right / wrong / missed)")
    for code, score in scores.items():
        counts = f"{score.true_positives} / {score.false_positives} / {score.false_negatives}"
        print(f"  {code:<22} {score.precision:>9.2f} {score.recall:>7.2f}  ({counts})")


def main() -> None:
    from timing import median_seconds  # beside this script; the tests import the rest only

    edition = load_edition()
    entries = labelled_set()
    for name, part in parts(entries).items():
        print_agreement(name, part, agreement(edition, part))
    pieces = [entry.piece for entry in entries]
    check_evidence(edition, pieces)  # warm the word caches, as a running service would

    def baseline() -> object:
        return [piece.text.lower().split() for piece in pieces]

    base = median_seconds(baseline, ROUNDS) / len(pieces)
    checked = median_seconds(lambda: check_evidence(edition, pieces), ROUNDS) / len(pieces)
    print(f"lower-case and split (baseline): {base * 1e6:8.1f} µs per piece")
    print(
        f"check_evidence:                  {checked * 1e6:8.1f} µs per piece"
        f"  ({checked / base:.0f}x baseline)"
    )
    print(f"budget 5 ms per piece: {'met' if checked < BUDGET_SECONDS else 'MISSED'}")
    sys.exit(0 if checked < BUDGET_SECONDS else 1)


if __name__ == "__main__":
    main()
