"""The board-ready organisation report: one document from the analysis, as HTML or PDF.

Every number comes from the analysis document (`eaism org analyze --format json`), so the report
says exactly what the dashboard and the JSON say. Figures for fewer people than the reporting
threshold are replaced by a note.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup

from eaism.charts.bars import debt_svg
from eaism.charts.heatmap import heatmap_svg
from eaism.charts.ladder import ladder_svg
from eaism.charts.pyramid import pyramid_svg
from eaism.model.schema import Edition
from eaism.reports.rendering import render, stylesheet, svg
from eaism.reports.styles import REPORT_CSS

if TYPE_CHECKING:
    from eaism.analysis.document_types import AnalysisDocument, ShownFigures, ShownTrainingPlan
    from eaism.planning.document_types import TrainingDocument

    # The CLI renders the analysis as it is; the web app the published one, withheld cells shown.
    ReportDocument = AnalysisDocument | ShownFigures
    ReportTraining = TrainingDocument | ShownTrainingPlan

SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}
COHORTS_SHOWN = 12


def organisation_report_html(
    edition: Edition,
    document: ReportDocument,
    training: ReportTraining,
    generated: date,
    appendix: str | None = None,
) -> str:
    """The board-ready report; `appendix` (an HTML section, such as a round's validity report)
    goes after the method."""
    suppressed = document["workforce"]["people"] < document["workforce"]["min_group_size"]
    return render(
        "organisation.html.j2",
        css=stylesheet(REPORT_CSS),
        document=document,
        edition=edition,
        generated=generated.isoformat(),
        suppressed=suppressed,
        summary=executive_summary(document),
        charts=None if suppressed else _charts(edition, document),
        cohorts=training["cohorts"][:COHORTS_SHOWN],
        parameters=_method(edition, document),
        appendix=Markup(appendix) if appendix else None,
    )


def executive_summary(document: ReportDocument) -> list[str]:
    """Three plain sentences: the stage, the constraint that matters most, the next hire."""
    stage = document["stage"]
    carry = (
        "and its people can carry it"
        if stage["can_carry"]
        else f"but its people carry only stage {stage['workforce_stage']}"
    )
    sentences = [f"The organisation is at stage {stage['number']}, {stage['name']}, {carry}."]
    ranked = sorted(document["diagnostics"], key=lambda d: SEVERITY_ORDER[d["severity"]])
    if ranked:
        sentences.append(
            f"The constraint that matters most: {ranked[0]['title']}. {ranked[0]['summary']}"
        )
    else:
        sentences.append("No known failure pattern shows in the data.")
    hiring = document["hiring"]
    if hiring["next_phase"] is None:
        sentences.append("Every phase of the hiring sequence has its capacity in place.")
    else:
        wanted = (
            "; ".join(f"{r['count']} at Level {r['level']}" for r in hiring["recommended"])
            or "no new hires, as planned hires cover it"
        )
        sentences.append(f"Next in the hiring sequence is phase {hiring['next_phase']}: {wanted}.")
    return sentences


def _charts(edition: Edition, document: ReportDocument) -> dict[str, Markup | None]:
    levels = [0, *(level.number for level in edition.levels)]
    by_level = [document["workforce"]["by_level"][str(level)] for level in levels]
    names = [edition.below_first_level, *(level.name for level in edition.levels)]
    heat = document["heatmap"]
    stalled = document["prototype_debt"]["stalled"]
    return {
        "pyramid": svg(pyramid_svg(by_level, names)),
        "heatmap": svg(
            heatmap_svg(
                list(heat),
                [[heat[domain][str(level)] for level in levels[1:]] for domain in heat],
                document["workforce"]["people"],
            )
        ),
        "ladder": svg(
            ladder_svg(
                [stage.name for stage in edition.stages],
                document["stage"]["number"],
                document["stage"]["workforce_stage"],
            )
        ),
        "debt": svg(debt_svg([(s["name"], s["months"], s["monthly_cost"]) for s in stalled]))
        if stalled
        else None,
    }


def _method(edition: Edition, document: ReportDocument) -> list[tuple[str, str]]:
    workforce = document["workforce"]
    return [
        ("Edition", f"{edition.title} {edition.id}"),
        ("People in the analysis", str(workforce["people"])),
        ("Reporting threshold", f"groups of at least {workforce['min_group_size']} people"),
        ("Teams withheld for privacy", str(workforce["suppressed_teams"])),
        ("A cell is met at", f"a mean answer of {edition.scoring.cell_met_threshold:g}"),
        (
            "Evidence",
            f"required from level {edition.scoring.evidence_required_from_level}; older than {edition.scoring.evidence_max_age_months} months counts as claimed only",
        ),
        ("Stalled pilot", f"{edition.analysis.stalled_pilot_months:g} months or more in pilot"),
        ("Production-grade success rate", f"{edition.analysis.success_rate_target:.1%}"),
    ]
