"""From stored people, scores and inventory to the core's Organisation, for the analysis."""

from __future__ import annotations

import json
from collections.abc import Iterable

import numpy as np
from django.db.models import F, TextField
from django.db.models.functions import Cast

from eaism.analysis.organisation import Organisation as CoreOrganisation
from eaism.analysis.organisation import People
from eaism.analysis.organisation import PlannedHire as CorePlannedHire
from eaism.analysis.organisation import System as CoreSystem
from eaism.scoring.bulk import operating_levels
from eaism.web.assessments.models import Round, Score
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Organisation, Person


def organisation_changed(organisation_id: int) -> None:
    """Mark the organisation's data as changed, so cached analyses of it are not reused."""
    Organisation.objects.filter(id=organisation_id).update(version=F("version") + 1)


def core_organisation(
    organisation: Organisation, round_: Round | None, team_ids: Iterable[int] | None = None
) -> CoreOrganisation:
    """The organisation as the analysis sees it; `team_ids` narrows it to some teams."""
    return CoreOrganisation(
        people=_people(organisation, round_, team_ids),
        systems=tuple(
            CoreSystem(
                system.system_id,
                system.name,
                system.kind,
                system.status,
                system.months_in_status,
                system.users,
                system.monthly_cost,
                system.success_rate,
                system.checks,
            )
            for system in organisation.systems.all()
        ),
        practices={
            practice.indicator_id: practice.value for practice in organisation.practices.all()
        },
        planned_hires=tuple(
            CorePlannedHire(h.level, h.count, h.title) for h in organisation.planned_hires.all()
        ),
        name=organisation.name,
    )


def _people(
    organisation: Organisation, round_: Round | None, team_ids: Iterable[int] | None
) -> People:
    """Each active person's score in the round, or their given levels when they have no score.

    JSON columns are read as text and decoded in one call: decoding tens of thousands of small
    documents one by one costs more than the rest of the dashboard together.
    """
    domain_ids = current_edition().domain_ids
    people = Person.objects.filter(organisation=organisation, active=True)
    if team_ids is not None:
        people = people.filter(team_id__in=list(team_ids))
    rows = list(
        people.values_list(
            "id", "external_id", "team__name", "role", "title", Cast("given_levels", TextField())
        )
    )
    scores: dict[int, tuple[list[int], list[float]]] = {}
    if round_ is not None:
        stored = list(
            Score.objects.filter(round=round_).values_list(
                "person_id", Cast("levels", TextField()), Cast("progress", TextField())
            )
        )
        decoded = json.loads(
            "[" + ",".join(f"[{levels},{progress}]" for _, levels, progress in stored) + "]"
        )
        scores = {
            person_id: (pair[0], pair[1])
            for (person_id, _, _), pair in zip(stored, decoded, strict=True)
        }
    given_text = [given for *_, given in rows if given and given != "null"]
    given_decoded = iter(json.loads("[" + ",".join(given_text) + "]"))
    kept, levels, progress = [], [], []
    zeros = [0.0] * len(domain_ids)
    for person_id, external_id, team, role, title, given in rows:
        given_levels = next(given_decoded) if given and given != "null" else None
        if person_id in scores:
            levels.append(scores[person_id][0])
            progress.append(scores[person_id][1])
        elif given_levels:
            levels.append([int(given_levels.get(domain_id, 0)) for domain_id in domain_ids])
            progress.append(zeros)
        else:
            continue
        kept.append((external_id, team or "no team", role or "", title or ""))
    if not kept:
        return People.empty(len(domain_ids))
    level_array = np.array(levels, dtype=np.int8)
    ids, teams, roles, titles = (tuple(column) for column in zip(*kept, strict=True))
    return People(
        ids,
        teams,
        roles,
        titles,
        level_array,
        operating_levels(current_edition(), level_array),
        np.array(progress, dtype=np.float32),
    )
