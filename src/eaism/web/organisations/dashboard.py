"""The dashboard's one result object: the analysis document, narrowed to what the viewer may see."""

from __future__ import annotations

from typing import Any

from eaism.analysis.document import analysis_document
from eaism.analysis.report import analyse
from eaism.charts.pyramid import pyramid_svg
from eaism.web.assessments.models import Round
from eaism.web.edition import current_edition
from eaism.web.organisations.access import Access
from eaism.web.organisations.store import core_organisation


def dashboard_document(access: Access, round_: Round | None) -> dict[str, Any]:
    """The analysis the viewer may see; a group below the threshold shows no figures at all."""
    organisation = access.organisation
    teams = access.managed_team_ids()
    core = core_organisation(organisation, round_, teams)
    minimum = organisation.min_group_size
    if len(core.people) < minimum:
        return {
            "format": "eaism.dashboard/1",
            "suppressed": True,
            "people": None,
            "min_group_size": minimum,
            "round": _round(round_),
            "scope": "teams" if teams is not None else "organisation",
        }
    edition = current_edition()
    document = analysis_document(edition, analyse(edition, core, minimum))
    document.update(
        format="eaism.dashboard/1",
        suppressed=False,
        round=_round(round_),
        scope="teams" if teams is not None else "organisation",
    )
    return document


def pyramid_for(document: dict[str, Any]) -> str:
    edition = current_edition()
    names = ["Not yet at Level 1", *(level.name for level in edition.levels)]
    counts = [document["workforce"]["by_level"][str(level)] for level in range(6)]
    return pyramid_svg(counts, names)


def _round(round_: Round | None) -> dict[str, Any] | None:
    if round_ is None:
        return None
    return {
        "id": round_.id,
        "name": round_.name,
        "status": round_.status,
        "edition": round_.edition,
    }
