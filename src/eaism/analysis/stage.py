"""The organisation's maturity stage: what its practices show, and what its people can carry."""

from __future__ import annotations

from dataclasses import dataclass

from eaism.analysis.capacity import established
from eaism.analysis.organisation import Organisation
from eaism.model.schema import Edition, Stage

PRACTICES, DERIVED, NOT_REPORTED = "practices", "derived", "not reported"


@dataclass(frozen=True)
class IndicatorState:
    stage: int
    id: str
    statement: str
    met: bool
    source: str  # practices, derived (from people or inventory), or not reported


@dataclass(frozen=True)
class StageResult:
    number: int  # the stage the practices show
    workforce_stage: int  # the highest stage whose dominant level has established capacity
    indicators: tuple[IndicatorState, ...]
    why: tuple[str, ...]

    @property
    def can_carry(self) -> bool:
        return self.workforce_stage >= self.number

    def indicator(self, indicator_id: str) -> IndicatorState:
        return next(state for state in self.indicators if state.id == indicator_id)


def assess_stage(
    edition: Edition, organisation: Organisation, at_least: tuple[int, ...]
) -> StageResult:
    states = tuple(
        _indicator_state(
            stage.number,
            indicator.id,
            indicator.statement,
            indicator.derived_from,
            edition,
            organisation,
        )
        for stage in edition.stages
        for indicator in stage.indicators
    )
    share = edition.analysis.stage_indicator_share
    number, why = 1, []
    for stage in edition.stages:
        mine = [state for state in states if state.stage == stage.number]
        met = sum(state.met for state in mine)
        holds = met >= share * len(mine)
        why.append(
            f"Stage {stage.number} ({stage.name}): {met} of {len(mine)} indicators met"
            + ("." if holds else f", fewer than {share:.0%}.")
        )
        if not holds:
            break
        number = stage.number
    workforce_stage = _workforce_stage(edition, at_least)
    why.append(_carry_sentence(edition.stages[number - 1], number, workforce_stage, at_least))
    return StageResult(number, workforce_stage, states, tuple(why))


def derived_signal(edition: Edition, rule: str, organisation: Organisation) -> bool:
    """What the organisation's people and AI-system inventory say about an indicator."""
    production = organisation.systems_in("production")
    needed = edition.analysis.production_signals.get(rule)
    if needed is not None:  # the edition's own: every production system has these checks
        return bool(production) and all(set(needed) <= s.checks for s in production)
    signals = {
        "ai_users": bool((organisation.people.operating >= 1).any()),
        "pilots": bool(organisation.systems_in("pilot")),
        "production_systems": bool(production),
    }
    return signals.get(rule, False)


def _indicator_state(
    stage: int,
    indicator_id: str,
    statement: str,
    rule: str,
    edition: Edition,
    organisation: Organisation,
) -> IndicatorState:
    if indicator_id in organisation.practices:
        return IndicatorState(
            stage, indicator_id, statement, organisation.practices[indicator_id], PRACTICES
        )
    if rule:
        return IndicatorState(
            stage, indicator_id, statement, derived_signal(edition, rule, organisation), DERIVED
        )
    return IndicatorState(stage, indicator_id, statement, False, NOT_REPORTED)


def _workforce_stage(edition: Edition, at_least: tuple[int, ...]) -> int:
    reached = 0
    for stage in edition.stages:
        if not established(edition, stage.dominant_level, at_least):
            break
        reached = stage.number
    return max(reached, 1)


def _carry_sentence(
    stage: Stage, number: int, workforce_stage: int, at_least: tuple[int, ...]
) -> str:
    people = at_least[stage.dominant_level]
    if workforce_stage >= number:
        return f"The workforce carries stage {number}: {people} people work at Level {stage.dominant_level} or above."
    return (
        f"The workforce carries only stage {workforce_stage}: stage {number} is led by Level "
        f"{stage.dominant_level}, and {people} people work at that level or above."
    )
