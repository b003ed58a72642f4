"""Where the organisation stands in the hiring sequence, and whom to hire next and why."""

from __future__ import annotations

from dataclasses import dataclass

from eaism.analysis.capacity import established, needed_for_capacity
from eaism.analysis.organisation import PlannedHire
from eaism.model.schema import Edition


@dataclass(frozen=True)
class PhaseState:
    number: int
    name: str
    target_level: int
    people_at_or_above: int
    needed: int
    established: bool


@dataclass(frozen=True)
class Recommendation:
    level: int
    count: int
    why: str


@dataclass(frozen=True)
class HiringResult:
    current_phase: int | None  # the last phase whose capacity is established
    next_phase: int | None
    phases: tuple[PhaseState, ...]
    recommended: tuple[Recommendation, ...]
    planned: tuple[PlannedHire, ...]


def assess_hiring(
    edition: Edition, at_least: tuple[int, ...], planned: tuple[PlannedHire, ...]
) -> HiringResult:
    phases = tuple(
        PhaseState(
            phase.number,
            phase.name,
            phase.target_level,
            at_least[phase.target_level],
            needed_for_capacity(edition, phase.target_level, at_least[0]),
            established(edition, phase.target_level, at_least),
        )
        for phase in edition.hiring_phases
    )
    completed = 0
    for state in phases:
        if not state.established:
            break
        completed = state.number
    next_phase = completed + 1 if completed < len(phases) else None
    recommended = () if next_phase is None else _recommend(edition, phases[next_phase - 1], planned)
    return HiringResult(completed or None, next_phase, phases, recommended, planned)


def _recommend(
    edition: Edition, state: PhaseState, planned: tuple[PlannedHire, ...]
) -> tuple[Recommendation, ...]:
    already = sum(hire.count for hire in planned if hire.level == state.target_level)
    missing = state.needed - state.people_at_or_above - already
    if missing <= 0:
        return ()
    phase = edition.hiring_phases[state.number - 1]
    why = (
        f"Phase {phase.number} ({phase.name}) needs {state.needed} people at Level {state.target_level} "
        f"or above; there are {state.people_at_or_above}"
        + (f" and {already} planned" if already else "")
        + f". {' '.join(phase.rationale.split())}"
    )
    return (Recommendation(state.target_level, missing, why),)
