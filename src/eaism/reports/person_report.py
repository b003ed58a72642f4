"""The personal report: radar, operating level and why, claimed vs demonstrated, review, roadmap."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from eaism.charts.radar import radar_svg
from eaism.model.crosswalk import FRAMEWORK_NAMES
from eaism.model.schema import Edition
from eaism.reports.rendering import render, stylesheet, svg
from eaism.reports.styles import REPORT_CSS

if TYPE_CHECKING:  # typing_extensions would slow the CLI's start-up
    from eaism.planning.document_types import RoadmapDocument
    from eaism.scoring.document_types import PersonDocument


def person_report_html(
    edition: Edition, result: PersonDocument, roadmap: RoadmapDocument | None, generated: date
) -> str:
    """`result` is a person document (eaism.person-result/1); `roadmap` an eaism.roadmap/1.

    With a reviewer among the sources, the radar draws the self-rating beside the result.
    """
    # Domains not assessed (no level) stay off the radar: it would draw them at 0.
    charted = {
        key: (domain["name"], level)
        for key, domain in result["domains"].items()
        if (level := domain["level"]) is not None
    }
    labels = [name for name, _ in charted.values()]
    reviewed = reviewed_levels(result)
    profiles = [("Demonstrated", [level for _, level in charted.values()])]
    if reviewed:
        profiles = [("Self-rated", self_levels(result, charted)), ("Reviewed", profiles[0][1])]
    respondent = result["respondent"].get("name") or result["respondent"]["id"]
    return render(
        "person.html.j2",
        css=stylesheet(REPORT_CSS),
        result=result,
        respondent=respondent,
        roadmap=roadmap,
        reviewed=reviewed or {},
        radar=svg(radar_svg(labels, profiles, edition.level_numbers[-1])),
        generated=generated.isoformat(),
        framework_names=FRAMEWORK_NAMES,
    )


def reviewed_levels(result: PersonDocument) -> dict[str, int]:
    """The levels of the domains a reviewer rated, from a person document."""
    reviewer = result["profiles"].get("reviewer")
    if reviewer is None:
        return {}
    return {
        key: level
        for key, domain in reviewer["domains"].items()
        if domain["rated"] and (level := domain["level"]) is not None  # a rated domain is assessed
    }


def self_levels(result: PersonDocument, domain_ids: Iterable[str]) -> list[int]:
    """The self-rated level of each domain, 0 where there is none (no self file, not assessed)."""
    own = result["profiles"].get("self")
    domains = own["domains"] if own is not None else {}
    return [(domains[key]["level"] or 0) if key in domains else 0 for key in domain_ids]
