"""From stored people, scores and inventory to the core's Organisation, for the analysis."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from eaism.analysis.organisation import Organisation as CoreOrganisation
from eaism.analysis.organisation import People
from eaism.analysis.organisation import PlannedHire as CorePlannedHire
from eaism.analysis.organisation import System as CoreSystem
from eaism.scoring.bulk import operating_levels
from eaism.web.assessments.models import Round, Score
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Organisation, Person


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
    """Each active person's score in the round, or their given levels when they have no score."""
    edition = current_edition()
    people = Person.objects.filter(organisation=organisation, active=True)
    if team_ids is not None:
        people = people.filter(team_id__in=list(team_ids))
    rows = list(
        people.values_list("id", "external_id", "team__name", "role", "title", "given_levels")
    )
    scores = {}
    if round_ is not None:
        scores = {
            person_id: (levels, progress)
            for person_id, levels, progress in Score.objects.filter(round=round_).values_list(
                "person_id", "levels", "progress"
            )
        }
    kept, levels, progress = [], [], []
    for person_id, external_id, team, role, title, given in rows:
        if person_id in scores:
            levels.append(scores[person_id][0])
            progress.append(scores[person_id][1])
        elif given:
            levels.append([int(given.get(domain_id, 0)) for domain_id in edition.domain_ids])
            progress.append([0.0] * len(edition.domain_ids))
        else:
            continue
        kept.append((external_id, team or "no team", role or "", title or ""))
    if not kept:
        return People.empty(len(edition.domains))
    level_array = np.array(levels, dtype=np.int8)
    ids, teams, roles, titles = (tuple(column) for column in zip(*kept, strict=True))
    return People(
        ids,
        teams,
        roles,
        titles,
        level_array,
        operating_levels(edition, level_array),
        np.array(progress, dtype=np.float32),
    )
