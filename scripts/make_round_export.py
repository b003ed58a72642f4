"""Write examples/round-export.json: a realistic, seeded round for the validity report.

About 300 people answer the adaptive path of edition 2026.1 (a level's items are asked only
once the level below is met), 15 of them the whole item bank; a third are reviewed, and
reviewers lower Security by a level more often than not, so the report has inflation to read.
Run: .venv/bin/python scripts/make_round_export.py [--people N] [--calibration N] [--out FILE]
The benchmark (bench/validity.py) calls `simulated_round` for larger rounds.
"""

from __future__ import annotations

import argparse
import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from eaism.analysis.validity import ValidityResponse
from eaism.io.round_export import round_export_document
from eaism.model.loader import load_edition
from eaism.model.schema import Domain, Edition

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026
INFLATED_DOMAIN = "security"  # where self-ratings run above reviews in the example
CLOSES_AT = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)


def simulated_round(
    edition: Edition, people: int, calibration: int, reviewed_share: float, seed: int = SEED
) -> list[ValidityResponse]:
    """People with a general skill and a skill per domain, answering as the ladder assumes."""
    random = np.random.default_rng(seed)
    general = random.normal(1.8, 1.2, people)
    calibrated = set(random.choice(people, calibration, replace=False).tolist())
    responses = []
    for person in range(people):
        answers: dict[str, float] = {}
        levels: dict[str, int] = {}
        for domain in edition.domains:
            skill = general[person] + random.normal(0, 0.4)
            domain_answers = _answer_domain(edition, domain, skill, person in calibrated, random)
            answers.update(domain_answers)
            levels[domain.id] = _level(edition, domain, domain_answers)
        reviewed = (
            _review(levels, len(edition.levels), random) if random.random() < reviewed_share else {}
        )
        responses.append(
            ValidityResponse(f"p-{person + 1:05d}", person in calibrated, answers, levels, reviewed)
        )
    return responses


def _answer_domain(
    edition: Edition, domain: Domain, skill: float, whole_bank: bool, random: np.random.Generator
) -> dict[str, float]:
    answers: dict[str, float] = {}
    for level in domain.applicable_levels:
        for item in domain.items_at(level):
            chance = 1 / (1 + math.exp(-3.0 * (skill - level + 0.6)))
            answers[item.id] = _value(random.random(), chance)
        met = _cell_met(edition, [answers[item.id] for item in domain.items_at(level)])
        if not met and not whole_bank:
            break  # the adaptive path asks no further in this domain
    return answers


def _value(draw: float, chance: float) -> float:
    """Met with `chance`; otherwise a pilot, learning or not yet, in falling proportions."""
    for value, upper in ((1.0, chance), (0.5, chance + 0.2), (0.25, chance + 0.35)):
        if draw < upper:
            return value
    return 0.0


def _level(edition: Edition, domain: Domain, answers: dict[str, float]) -> int:
    reached = 0
    for level in domain.applicable_levels:
        values = [answers.get(item.id, 0.0) for item in domain.items_at(level)]
        if not _cell_met(edition, values):
            break
        reached = level
    return reached


def _cell_met(edition: Edition, values: list[float]) -> bool:
    return bool(values) and sum(values) / len(values) >= edition.scoring.cell_met_threshold


def _review(levels: dict[str, int], top: int, random: np.random.Generator) -> dict[str, int]:
    reviewed = {}
    for domain, level in levels.items():
        if domain == INFLATED_DOMAIN:
            lowered = (
                level - (1 if random.random() < 0.75 else 0) - (1 if random.random() < 0.1 else 0)
            )
        else:
            lowered = level + int(random.choice([-1, 0, 0, 0, 0, 0, 0, 1]))
        reviewed[domain] = max(0, min(top, lowered))
    return reviewed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--calibration", type=int, default=15)
    parser.add_argument("--reviewed-share", type=float, default=0.35)
    parser.add_argument("--out", type=Path, default=ROOT / "examples" / "round-export.json")
    options = parser.parse_args()
    edition = load_edition("2026.1")
    responses = simulated_round(
        edition, options.people, options.calibration, options.reviewed_share
    )
    document = round_export_document(edition, "Autumn 2026", CLOSES_AT, 5, responses)
    options.out.write_text(export_text(document), encoding="utf-8")


def export_text(document: dict[str, Any]) -> str:
    """Indented JSON with one response a line: short, and a problem's line names its person."""
    head = json.dumps({**document, "responses": []}, indent=2)[: -len("[]\n}")]
    rows = ",\n".join(
        "    " + json.dumps(row, separators=(", ", ": ")) for row in document["responses"]
    )
    return f"{head}[\n{rows}\n  ]\n}}\n"


if __name__ == "__main__":
    main()
