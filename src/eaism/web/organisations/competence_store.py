"""From the stored inventory, people, scores and answers to the core's competence inputs.

A record rests on one round: each involved person's levels are that round's stored Score (their
own demonstrated levels, and the levels reviewers gave), the evidence dates are the times of
their answers with evidence, and the measurement date is their submission. Everything is read
in a handful of queries, whatever the number of people.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from eaism.analysis.competence import CompetenceInputs, Involvement, PersonEvidence, PlannedAction
from eaism.model.schema import Edition
from eaism.web.assessments.models import Answer, Response, Round, Score
from eaism.web.organisations.models import (
    CompetenceAction,
    Organisation,
    Person,
    SystemInvolvement,
)
from eaism.web.organisations.requirements import raised_requirements
from eaism.web.organisations.store import analysed_edition, core_system


def measured_round(
    organisation: Organisation, wanted: int | None = None, closed_only: bool = False
) -> Round | None:
    """The round asked for (None when it is not the organisation's), else the latest round with
    a submitted response, else the latest round; `closed_only` looks at closed rounds alone."""
    rounds = organisation.rounds.all()
    if wanted is not None:
        return rounds.filter(id=wanted).first()
    if closed_only:
        rounds = rounds.filter(status=Round.Status.CLOSED)
    answered = rounds.filter(responses__source="self", responses__submitted_at__isnull=False)
    return answered.first() or rounds.first()


def competence_inputs(organisation: Organisation, round_: Round | None) -> CompetenceInputs:
    edition = analysed_edition(round_)
    involvements = SystemInvolvement.objects.filter(system__organisation=organisation)
    involved = involvements.values("person_id")
    return CompetenceInputs(
        systems=tuple(core_system(system) for system in organisation.systems.all()),
        people=_people(edition, round_, involved),
        involvements=tuple(
            Involvement(system_id, person_id, kind)
            for system_id, person_id, kind in involvements.order_by("id").values_list(
                "system__system_id", "person__external_id", "kind"
            )
        ),
        actions=tuple(
            PlannedAction(system_id, person_id, kind, planned_at, note)
            for system_id, person_id, kind, planned_at, note in CompetenceAction.objects.filter(
                system__organisation=organisation
            )
            .order_by("planned_at", "id")
            .values_list("system__system_id", "person__external_id", "kind", "planned_at", "note")
        ),
        max_age_months=organisation.record_max_age_months,
        raised=raised_requirements(organisation),
    )


def _people(
    edition: Edition, round_: Round | None, involved: QuerySet[SystemInvolvement, dict[str, int]]
) -> dict[str, PersonEvidence]:
    people = Person.objects.filter(id__in=involved).values_list("id", "external_id", "name", "kind")
    measured = _measurements(edition, round_, involved)
    evidence = _evidence_dates(edition, round_, involved)
    assessed = _submissions(round_, involved)
    return {
        external_id: PersonEvidence(
            person_id=external_id,
            name=name,
            kind=kind,
            demonstrated=measured.get(pk, ({}, {}))[0],
            reviewed=measured.get(pk, ({}, {}))[1],
            evidence_at=evidence.get(pk, {}),
            assessed_at=assessed.get(pk),
        )
        for pk, external_id, name, kind in people
    }


Levels = dict[str, int]


def _measurements(
    edition: Edition, round_: Round | None, involved: Iterable[object]
) -> dict[int, tuple[Levels, Levels]]:
    """Per person: their own demonstrated level per domain (0 where none), and the reviewed
    levels of the domains a reviewer rated."""
    if round_ is None:
        return {}
    scores = Score.objects.filter(round=round_, person_id__in=involved).values_list(
        "person_id", "levels", "self_levels", "reviewed_levels"
    )
    return {
        pk: (_by_domain(edition, own or combined), {d: int(v) for d, v in reviewed.items()})
        for pk, combined, own, reviewed in scores
    }


def _by_domain(edition: Edition, levels: list[int | None]) -> Levels:
    # A score stored before self-levels were kept has only the combined levels.
    return {
        domain_id: int(level or 0)
        for domain_id, level in zip(edition.domain_ids, levels, strict=False)
    }


def _evidence_dates(
    edition: Edition, round_: Round | None, involved: Iterable[object]
) -> dict[int, dict[str, date]]:
    """Per person and domain, the day of their latest positive answer with evidence."""
    if round_ is None:
        return {}
    domain_of = {item.id: domain.id for domain in edition.domains for item in domain.items}
    answers = (
        Answer.objects.filter(
            response__round=round_,
            response__source="self",
            response__submitted_at__isnull=False,
            response__person_id__in=involved,
            value__gt=0,
        )
        .exclude(evidence="")
        .values_list("response__person_id", "item_id", "answered_at")
    )
    latest: dict[int, dict[str, datetime]] = {}
    for pk, item_id, answered_at in answers.iterator(chunk_size=5000):
        domain_id = domain_of.get(item_id)
        if domain_id is None:
            continue  # an item the round's edition no longer has
        dates = latest.setdefault(pk, {})
        if domain_id not in dates or answered_at > dates[domain_id]:
            dates[domain_id] = answered_at
    return {pk: _days(dates) for pk, dates in latest.items()}


def _submissions(round_: Round | None, involved: Iterable[object]) -> dict[int, date | None]:
    if round_ is None:
        return {}
    submitted = Response.objects.filter(
        round=round_, source="self", person_id__in=involved, submitted_at__isnull=False
    ).values_list("person_id", "submitted_at")
    return {pk: _day(at) for pk, at in submitted}


def _days(dates: Mapping[str, datetime]) -> dict[str, date]:
    return {domain_id: timezone.localdate(at) for domain_id, at in dates.items()}


def _day(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localdate(moment)
