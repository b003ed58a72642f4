"""Response rates per team, shown only as counts and only for teams at the threshold or above."""

from __future__ import annotations

from collections import Counter
from typing import Any

from eaism.analysis.privacy import group_teams
from eaism.web.assessments.models import Response, Round
from eaism.web.organisations.models import Person


def response_rates(round_: Round) -> dict[str, Any]:
    organisation = round_.organisation
    people = Person.objects.filter(organisation=organisation, active=True)
    sizes = Counter(team or "no team" for team in people.values_list("team__name", flat=True))
    submitted = Counter(
        team or "no team"
        for team in Response.objects.filter(
            round=round_, source="self", submitted_at__isnull=False
        ).values_list("person__team__name", flat=True)
    )
    grouping = group_teams(sizes, organisation.min_group_size)
    teams = [
        {"team": team, "people": sizes[team], "submitted": submitted[team]}
        for team in grouping.shown
    ]
    if grouping.pool_shown:
        teams.append(
            {
                "team": "other teams",
                "people": sum(sizes[t] for t in grouping.pooled),
                "submitted": sum(submitted[t] for t in grouping.pooled),
            }
        )
    return {"people": sum(sizes.values()), "submitted": sum(submitted.values()), "teams": teams}
