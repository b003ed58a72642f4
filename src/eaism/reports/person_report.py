"""The personal report: radar, operating level and why, claimed vs demonstrated, review, roadmap."""

from __future__ import annotations

from datetime import date
from typing import Any

from eaism.charts.radar import radar_svg
from eaism.model.crosswalk import FRAMEWORK_NAMES
from eaism.model.schema import Edition
from eaism.reports.rendering import render, svg
from eaism.reports.styles import REPORT_CSS


def person_report_html(
    edition: Edition, result: dict[str, Any], roadmap: dict[str, Any] | None, generated: date
) -> str:
    """`result` is a person document (eaism.person-result/1); `roadmap` an eaism.roadmap/1.

    With a reviewer among the sources, the radar draws the self-rating beside the result.
    """
    # Domains not assessed (no level) stay off the radar: it would draw them at 0.
    charted = {key: domain for key, domain in result["domains"].items() if domain["assessed"]}
    labels = [domain["name"] for domain in charted.values()]
    reviewed = reviewed_levels(result)
    profiles = [("Demonstrated", [domain["level"] for domain in charted.values()])]
    if reviewed:
        own = result["profiles"].get("self", {}).get("domains", {})
        self_levels = [own.get(key, {}).get("level") or 0 for key in charted]
        profiles = [("Self-rated", self_levels), ("Reviewed", profiles[0][1])]
    respondent = result["respondent"].get("name") or result["respondent"]["id"]
    return render(
        "person.html.j2",
        css=REPORT_CSS,
        result=result,
        respondent=respondent,
        roadmap=roadmap,
        reviewed=reviewed or {},
        radar=svg(radar_svg(labels, profiles, edition.level_numbers[-1])),
        generated=generated.isoformat(),
        framework_names=FRAMEWORK_NAMES,
    )


def reviewed_levels(result: dict[str, Any]) -> dict[str, int]:
    """The levels of the domains a reviewer rated, from a person document."""
    reviewer = result["profiles"].get("reviewer")
    if reviewer is None:
        return {}
    return {key: domain["level"] for key, domain in reviewer["domains"].items() if domain["rated"]}
