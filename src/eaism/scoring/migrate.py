"""Carrying a response from one edition to another along a migration, without guessing.

An answer is carried along each route the migration file says is carried: unchanged from one
old item, or from several (a merge) only when all of them are answered with the same value.
Everything else is reported with the reason: new items left unanswered, removed items
dropped, answers the file says belong to another question, merged answers that differ. The
same file read backwards migrates a response of the new edition to the old one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from eaism.errors import UsageError
from eaism.model.migration import Migration, Route
from eaism.model.schema import Edition
from eaism.scoring.answers import Answer, Response

EVIDENCE_SEPARATOR = "\n\n"

# Why an item of the edition migrated to is left unanswered.
UnansweredReason = Literal["new", "replaced", "answers_differ", "partly_answered"]
# Why an answer to the edition migrated from goes nowhere.
DroppedReason = Literal["removed", "not_carried", "not_mapped"]


@dataclass(frozen=True, slots=True)
class CarriedAnswer:
    """An item of the edition migrated to, answered from these items of the other."""

    item: str
    sources: tuple[str, ...]
    value: float


@dataclass(frozen=True, slots=True)
class UnansweredItem:
    """An item of the edition migrated to that the migrated response leaves unanswered."""

    item: str
    reason: UnansweredReason
    sources: tuple[str, ...] = ()  # the items it would come from, or relates to when replaced
    values: tuple[float | None, ...] = ()  # their answers, None where unanswered
    notes: tuple[str, ...] = ()  # the migration file's notes on why a replaced item is not carried


@dataclass(frozen=True, slots=True)
class DroppedAnswer:
    """An answer of the response migrated whose item carries into nothing."""

    item: str
    value: float
    reason: DroppedReason
    related: tuple[str, ...] = ()  # items of the other edition it relates to, not carried
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MigrationReport:
    """What was carried, and what was not and why."""

    respondent: str
    source_edition: str
    target_edition: str
    carried: tuple[CarriedAnswer, ...]
    unanswered: tuple[UnansweredItem, ...]
    dropped: tuple[DroppedAnswer, ...]
    dropped_levels: tuple[str, ...] = ()  # domains a rater levelled directly against the old cells
    dropped_role: str | None = None  # a role the edition migrated to does not have


@dataclass(frozen=True, slots=True)
class Migrated:
    response: Response
    report: MigrationReport


def migrate_response(response: Response, migration: Migration, target: Edition) -> Migrated:
    """`response` on edition `target`, carried along `migration` in whichever direction joins them."""
    if not migration.connects(response.edition, target.id) or response.edition == target.id:
        raise UsageError(
            f"the migration from {migration.source_edition} to {migration.target_edition}"
            f" does not lead from edition {response.edition} to {target.id}"
        )
    forward = response.edition == migration.source_edition
    routes = migration.routes(forward)
    answers, carried, unanswered = _carry(
        routes, response.answers, migration.unmatched_targets(forward)
    )
    role = response.respondent.role
    kept_role = role if role is None or role in {known.id for known in target.roles} else None
    report = MigrationReport(
        respondent=response.respondent.id,
        source_edition=response.edition,
        target_edition=target.id,
        carried=carried,
        unanswered=unanswered,
        dropped=_dropped(response, routes, migration.unmatched_sources(forward)),
        dropped_levels=tuple(response.levels),
        dropped_role=role if kept_role != role else None,
    )
    migrated = replace(
        response,
        edition=target.id,
        respondent=replace(response.respondent, role=kept_role),
        answers=answers,
        levels={},
        overlays=(),
    )
    return Migrated(migrated, report)


def _carry(
    routes: tuple[Route, ...], answers: dict[str, Answer], new_items: tuple[str, ...]
) -> tuple[dict[str, Answer], tuple[CarriedAnswer, ...], tuple[UnansweredItem, ...]]:
    """The answers the routes carry, what each came from, and the items left unanswered."""
    kept: dict[str, Answer] = {}
    carried, unanswered = [], []
    for route in routes:
        outcome = _follow(route, answers, new_items)
        if isinstance(outcome, Answer):
            kept[route.target] = outcome
            carried.append(CarriedAnswer(route.target, route.sources, outcome.value))
        elif outcome is not None:
            unanswered.append(outcome)
    return kept, tuple(carried), tuple(unanswered)


def _follow(
    route: Route, answers: dict[str, Answer], new_items: tuple[str, ...]
) -> Answer | UnansweredItem | None:
    """The answer a route carries; else why the item is unanswered, or None if nothing was lost."""
    if not route.sources and route.related:
        values = _values(route.related, answers)
        return UnansweredItem(route.target, "replaced", route.related, values, route.notes)
    if not route.sources:
        return UnansweredItem(route.target, "new") if route.target in new_items else None
    found = [answers.get(item_id) for item_id in route.sources]
    values = _values(route.sources, answers)
    given = [answer for answer in found if answer is not None]
    if not given:
        return None
    if len(given) < len(found):
        return UnansweredItem(route.target, "partly_answered", route.sources, values)
    if len(set(values)) > 1:
        return UnansweredItem(route.target, "answers_differ", route.sources, values)
    return _combined(given)


def _values(item_ids: tuple[str, ...], answers: dict[str, Answer]) -> tuple[float | None, ...]:
    return tuple(answers[item_id].value if item_id in answers else None for item_id in item_ids)


def _combined(answers: list[Answer]) -> Answer:
    """One answer from several of the same value: their distinct evidence, the oldest time.

    The oldest time keeps the age rule for evidence as strict as it was for every part.
    """
    if len(answers) == 1:
        return answers[0]
    evidence = dict.fromkeys(answer.evidence for answer in answers if answer.has_evidence)
    times = [answer.answered_at for answer in answers if answer.answered_at is not None]
    return Answer(
        answers[0].value, EVIDENCE_SEPARATOR.join(evidence), min(times) if times else None
    )


def _dropped(
    response: Response, routes: tuple[Route, ...], removed: tuple[str, ...]
) -> tuple[DroppedAnswer, ...]:
    """Answers whose item no carried route starts from, with the reason."""
    carried_from = {item_id for route in routes for item_id in route.sources}
    related: dict[str, list[Route]] = {}
    for route in routes:
        for item_id in route.related:
            related.setdefault(item_id, []).append(route)
    dropped = []
    for item_id, answer in response.answers.items():
        if item_id in carried_from:
            continue
        if item_id in removed:
            dropped.append(DroppedAnswer(item_id, answer.value, "removed"))
        elif item_id in related:
            targets = tuple(route.target for route in related[item_id])
            notes = tuple(note for route in related[item_id] for note in route.notes)
            dropped.append(DroppedAnswer(item_id, answer.value, "not_carried", targets, notes))
        else:
            dropped.append(DroppedAnswer(item_id, answer.value, "not_mapped"))
    return tuple(dropped)
