"""The dashboard's one result object: the analysis document, narrowed to what the viewer may see."""

from __future__ import annotations

import copy
from typing import Literal

from django.core.cache import cache

from eaism.analysis.document import analysis_document
from eaism.analysis.protection import protect, shown
from eaism.analysis.report import analyse
from eaism.analysis.response_rates import ResponseRates, rates_document
from eaism.charts.heatmap import BREAKS, shade_step
from eaism.charts.pyramid import pyramid_svg
from eaism.web.assessments.models import Round, Score
from eaism.web.assessments.outreach import round_response_rates
from eaism.web.edition import edition_with_id
from eaism.web.organisations.access import Access
from eaism.web.organisations.dashboard_types import (
    Basis,
    CachedFigures,
    DashboardDocument,
    DashboardFigures,
    DraftFigures,
    EditionTrend,
    HeatmapRow,
    LegendEntry,
    PublishedFigures,
    RoundEntry,
    SuppressedDashboard,
    Trend,
)
from eaism.web.organisations.edition_trends import edition_trend
from eaism.web.organisations.publication import published, view_key, waiting
from eaism.web.organisations.store import analysed_edition, core_organisation


def dashboard_document(
    access: Access, round_: Round | None, rates: ResponseRates | None = None
) -> DashboardDocument:
    """The published analysis the viewer may see; a group below the threshold shows no figures.

    Every aggregate page, endpoint, report and export takes its figures from here. They are the
    view's published state (organisations.publication), cached per organisation version: any
    change to the organisation's data bumps its version, so the check for changes runs again.
    `rates` are the round's live response rates when the caller already has them.
    """
    teams = access.managed_team_ids()
    organisation = access.organisation
    key = (
        f"dashboard:{organisation.id}:{organisation.version}:{organisation.min_group_size}:"
        f"{view_key(round_, teams)}"
    )
    cached = cache.get(key)
    if cached is None:
        cached = _published(access, round_)
        cache.set(key, cached, CACHE_SECONDS)
    document: DashboardDocument = copy.deepcopy(cached)
    if not document["suppressed"]:
        # Outside the cache: invitations change these counts without changing the data.
        if round_ is not None and rates is None:
            rates = round_response_rates(round_, access.managed_team_ids())
        document["basis"] = basis(access, round_, rates)
        if rates is not None:
            document["response_rates"] = rates_document(rates)
    return document


def _published(access: Access, round_: Round | None) -> CachedFigures | SuppressedDashboard:
    """The published state, and its trend where it shows figures (the basis is added later)."""
    teams = access.managed_team_ids()
    found = published(access.organisation, round_, teams, lambda: _document(access, round_))
    if found is None:
        withheld = _withheld(access, round_, "awaiting_responses")
        withheld["responses_needed"] = waiting(access.organisation, round_, teams)
        return withheld
    if found["suppressed"]:
        return found
    return {**found, "trend": _trend(access, round_, found)}


def basis(access: Access, round_: Round | None, rates: ResponseRates | None) -> Basis:
    """What the figures rest on: N responses of M invited (X %), plus K given levels."""
    teams = access.managed_team_ids()
    people = access.organisation.people.filter(active=True)
    if teams is not None:
        people = people.filter(team_id__in=teams)
    scored = (
        Score.objects.filter(round=round_, person__in=people) if round_ else Score.objects.none()
    )
    responses = scored.count()
    given = people.exclude(given_levels__isnull=True).exclude(scores__in=scored).count()
    invited = rates.overall.invited if rates is not None else 0
    invited = max(invited, responses)
    return {
        "responses": responses,
        "invited": invited,
        "share": responses / invited if invited else None,
        "given_levels": given,
    }


def _document(access: Access, round_: Round | None) -> DraftFigures | SuppressedDashboard:
    """The figures as they are now, with small cells withheld: what a publication stores."""
    organisation = access.organisation
    teams = access.managed_team_ids()
    core = core_organisation(organisation, round_, teams)
    minimum = organisation.min_group_size
    if len(core.people) < minimum:
        return _withheld(access, round_, "too_few_people")
    edition = analysed_edition(round_)
    document = protect(
        edition, analysis_document(edition, analyse(edition, core, minimum)), minimum
    )
    return {
        **document,
        "format": "eaism.dashboard/1",
        "suppressed": False,
        "round": _round(round_),
        "scope": "teams" if teams is not None else "organisation",
    }


def _withheld(
    access: Access, round_: Round | None, reason: Literal["too_few_people", "awaiting_responses"]
) -> SuppressedDashboard:
    return {
        "format": "eaism.dashboard/1",
        "suppressed": True,
        "reason": reason,
        "people": None,
        "min_group_size": access.organisation.min_group_size,
        "round": _round(round_),
        "scope": "teams" if access.managed_team_ids() is not None else "organisation",
    }


def _trend(
    access: Access, round_: Round | None, now: PublishedFigures
) -> Trend | EditionTrend | None:
    """The round before as it was published, when there is one and it shows figures."""
    if round_ is None:
        return None
    earlier = (
        access.organisation.rounds.filter(opened_at__lt=round_.opened_at)
        .order_by("-opened_at")
        .first()
    )
    if earlier is None:
        return None
    teams = access.managed_team_ids()
    before = published(access.organisation, earlier, teams, lambda: _document(access, earlier))
    if before is None or before["suppressed"]:
        return None
    if earlier.edition != round_.edition:  # compare only what the migration keeps comparable
        return edition_trend(
            earlier.name, earlier.edition, round_.name, round_.edition, before, now
        )
    codes_before = {d["code"] for d in before["diagnostics"]}
    codes_now = {d["code"] for d in now["diagnostics"]}
    return {
        "previous_round": earlier.name,
        "stage": {"before": before["stage"]["number"], "now": now["stage"]["number"]},
        "by_level": {
            level: {"before": count, "now": now["workforce"]["by_level"][level]}
            for level, count in before["workforce"]["by_level"].items()
        },
        "withheld": {"before": before["withheld"]["by_level"], "now": now["withheld"]["by_level"]},
        "resolved": sorted(codes_before - codes_now),
        "new": sorted(codes_now - codes_before),
    }


CACHE_SECONDS = 600


def pyramid_for(document: DashboardFigures) -> str:
    edition = edition_with_id(document["edition"])
    names = [edition.below_first_level, *(level.name for level in edition.levels)]
    levels = [0, *(level.number for level in edition.levels)]
    by_level = shown(document)["workforce"]["by_level"]
    return pyramid_svg([by_level[str(level)] for level in levels], names)


def heatmap_rows(document: DashboardFigures) -> list[HeatmapRow]:
    """The heatmap as table rows: each cell's count and its shade, 0 (light) to 4 (dark).

    A withheld cell has no shade either: its share of the people would give its count away.
    """
    people = document["workforce"]["people"]
    withheld = document.get("withheld", {}).get("heatmap", {})
    return [
        {
            "domain": domain,
            "cells": [
                {"level": int(level), "withheld": True, "count": None, "shade": None}
                if level in withheld.get(domain, ())
                else {"level": int(level), "count": count, "shade": shade_step(count, people)}
                for level, count in counts.items()
            ],
        }
        for domain, counts in document["heatmap"].items()
    ]


def heatmap_legend() -> list[LegendEntry]:
    """What each shade means, as shares of the people in view: below 3 %, 3 to 10 %, ..."""
    edges = (0.0, *BREAKS)
    return [
        {"shade": step, "low": low, "high": edges[step + 1] if step + 1 < len(edges) else None}
        for step, low in enumerate(edges)
    ]


def _round(round_: Round | None) -> RoundEntry | None:
    if round_ is None:
        return None
    return {
        "id": round_.id,
        "name": round_.name,
        "status": round_.status,
        "edition": round_.edition,
    }
