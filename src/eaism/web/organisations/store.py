"""From stored people, scores and inventory to the core's Organisation, for the analysis."""

from __future__ import annotations

import json
from collections.abc import Iterable

import numpy as np
from django.db.models import F, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from eaism.analysis.organisation import Organisation as CoreOrganisation
from eaism.analysis.organisation import People
from eaism.analysis.organisation import PlannedHire as CorePlannedHire
from eaism.analysis.organisation import System as CoreSystem
from eaism.model.schema import Edition
from eaism.scoring.bulk import operating_levels
from eaism.web.assessments.models import Round, Score
from eaism.web.edition import current_edition, edition_with_id
from eaism.web.organisations.models import Organisation, Person, System


def organisation_changed(organisation_id: int) -> None:
    """Mark the organisation's data as changed, so cached analyses of it are not reused."""
    Organisation.objects.filter(id=organisation_id).update(version=F("version") + 1)


def analysed_edition(round_: Round | None) -> Edition:
    """The edition a round's scores are read and analysed with: its own; with no round (levels
    given in the roster only), the current one."""
    return edition_with_id(round_.edition) if round_ is not None else current_edition()


def core_organisation(
    organisation: Organisation, round_: Round | None, team_ids: Iterable[int] | None = None
) -> CoreOrganisation:
    """The organisation as the analysis sees it; `team_ids` narrows it to some teams."""
    return CoreOrganisation(
        people=_people(organisation, round_, team_ids),
        systems=tuple(core_system(system) for system in organisation.systems.all()),
        practices={
            practice.indicator_id: practice.value for practice in organisation.practices.all()
        },
        planned_hires=tuple(
            CorePlannedHire(h.level, h.count, h.title) for h in organisation.planned_hires.all()
        ),
        name=organisation.name,
    )


def core_system(system: System) -> CoreSystem:
    """An inventory entry as the core sees it, for the analysis and the competence records."""
    return CoreSystem(
        system.system_id,
        system.name,
        system.kind,
        system.status,
        system.months_in_status,
        system.users,
        system.monthly_cost,
        system.success_rate,
        system.checks,
        risk_class=system.risk_class,
        model=system.model,
        changed_at=None if system.changed_at is None else timezone.localdate(system.changed_at),
    )


def _people(
    organisation: Organisation, round_: Round | None, team_ids: Iterable[int] | None
) -> People:
    """Each active person's score in the round, or their given levels when they have no score.

    JSON columns are read as text and decoded in one call each, and the arrays are assembled
    with NumPy: per-row Python work on ten thousand people is what a dashboard would wait for.
    """
    edition = analysed_edition(round_)
    domain_ids = edition.domain_ids
    people = Person.objects.filter(organisation=organisation, active=True)
    if team_ids is not None:
        people = people.filter(team_id__in=list(team_ids))
    rows = list(
        people.values_list(
            "id", "external_id", "team__name", "role", "title", Cast("given_levels", TextField())
        )
    )
    scored_rows, scored = _scores(round_, len(domain_ids))
    score_row = [scored_rows.get(person_id, -1) for person_id, *_ in rows]
    given_at = [
        index
        for index, row in enumerate(rows)
        if score_row[index] < 0 and row[5] and row[5] != "null"
    ]
    given = json.loads("[" + ",".join(rows[index][5] for index in given_at) + "]")
    keep = sorted([index for index, found in enumerate(score_row) if found >= 0] + given_at)
    if not keep:
        return People.empty(len(domain_ids))
    levels = np.zeros((len(rows), len(domain_ids)), dtype=np.int8)
    progress = np.zeros((len(rows), len(domain_ids)), dtype=np.float32)
    from_scores = np.array([index for index in keep if score_row[index] >= 0], dtype=np.intp)
    if len(from_scores):
        picked = scored[np.array([score_row[index] for index in from_scores], dtype=np.intp)]
        levels[from_scores] = picked[:, : len(domain_ids)]
        progress[from_scores] = picked[:, len(domain_ids) :]
    if given_at:
        levels[given_at] = [
            [int(entry.get(domain_id, 0)) for domain_id in domain_ids] for entry in given
        ]
    kept = [rows[index] for index in keep]
    level_array = levels[keep]
    return People(
        tuple(row[1] for row in kept),
        tuple(row[2] or "no team" for row in kept),
        tuple(row[3] or "" for row in kept),
        tuple(row[4] or "" for row in kept),
        level_array,
        # -1 (not assessed) is left out of the rule; see bulk.operating_levels
        operating_levels(edition, level_array),
        progress[keep],
    )


def _scores(round_: Round | None, domains: int) -> tuple[dict[int, int], np.ndarray]:
    """Person id -> row, and one row per stored score: its levels, then its progress."""
    if round_ is None:
        return {}, np.zeros((0, 2 * domains), dtype=np.float32)
    stored = list(
        Score.objects.filter(round=round_).values_list(
            "person_id", Cast("levels", TextField()), Cast("progress", TextField())
        )
    )
    # A domain not assessed is stored as null: it becomes -1, "not assessed", in the arrays.
    text = ",".join(
        f"{levels[1:-1].replace('null', '-1')},{progress[1:-1]}" for _, levels, progress in stored
    )
    values = np.array(json.loads(f"[{text}]"), dtype=np.float32).reshape(len(stored), 2 * domains)
    return {person_id: row for row, (person_id, _, _) in enumerate(stored)}, values
