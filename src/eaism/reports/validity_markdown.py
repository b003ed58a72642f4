"""A round's validity report as Markdown, and the wording of a figure that every view shares."""

from __future__ import annotations

from datetime import datetime

from eaism.analysis.validity import DomainFigures, Figure, ItemFigures, ValidityReport
from eaism.model.schema import Edition

FLAG = "!"  # beside a figure beyond the edition's threshold for it


def figure_text(figure: Figure, digits: int = 2, signed: bool = False) -> str:
    """'0.82', '0.82 !' when flagged, 'needs 3 more' when withheld, or 'undefined'."""
    if figure.status == "too_few":
        return f"needs {figure.missing} more"
    if figure.value is None:
        return "undefined"
    text = f"{figure.value:+.{digits}f}" if signed else f"{figure.value:.{digits}f}"
    return f"{text} {FLAG}" if figure.flagged else text


def interval_text(figure: Figure, digits: int = 2) -> str:
    if figure.low is None or figure.high is None:
        return ""
    return f"{figure.low:.{digits}f} to {figure.high:.{digits}f}"


def heading(report: ValidityReport, name: str, closes_at: datetime | None) -> str:
    closed = f" (closed {closes_at.date().isoformat()})" if closes_at else ""
    return f"Validity report: {name or 'round'}{closed}"


def summary(report: ValidityReport) -> str:
    return (
        f"Edition {report.edition}; {report.respondents} responses, {report.reviewed} reviewed, "
        f"{report.calibration} on the whole item bank; a figure needs at least "
        f"{report.min_group_size} responses."
    )


def flag_legend(edition: Edition) -> str:
    rule = edition.validity
    return (
        f"{FLAG} beyond the edition's threshold: kappa below {rule.kappa_min:g}, a gap of "
        f"{rule.inflation_reading:g} levels or more, reproducibility below "
        f"{rule.reproducibility_min:g}, H below {rule.scalability_min:g}, alpha below "
        f"{rule.alpha_min:g}, item-rest below {rule.item_rest_min:g}, met by under "
        f"{rule.difficulty_min:.0%} or over {rule.difficulty_max:.0%}. Intervals are "
        f"{rule.confidence_level:.0%}."
    )


def agreement_row(domain: DomainFigures) -> list[str]:
    return [
        domain.name,
        str(domain.reviewed),
        figure_text(domain.kappa),
        interval_text(domain.kappa),
        figure_text(domain.inflation, signed=True),
    ]


def ladder_row(domain: DomainFigures) -> list[str]:
    return [
        domain.name,
        str(domain.calibration),
        figure_text(domain.reproducibility),
        figure_text(domain.scalability),
        figure_text(domain.alpha),
        interval_text(domain.alpha),
    ]


def item_row(item: ItemFigures) -> list[str]:
    return [
        item.label,
        str(item.level),
        str(item.asked),
        figure_text(item.difficulty),
        figure_text(item.item_rest),
    ]


AGREEMENT_HEADERS = ["Domain", "Reviewed", "Kappa", "Interval", "Self minus reviewed"]
LADDER_HEADERS = ["Domain", "People", "Reproducibility", "H", "Alpha", "Interval"]
ITEM_HEADERS = ["Item", "Level", "Asked", "Met", "Item-rest"]


def validity_markdown(
    edition: Edition, report: ValidityReport, name: str = "", closes_at: datetime | None = None
) -> str:
    lines = [f"# {heading(report, name, closes_at)}", "", summary(report), "", "## Readings", ""]
    lines += [f"- {reading.text}" for reading in report.readings]
    lines += ["", "## Self-ratings against reviews", ""]
    lines += _table(AGREEMENT_HEADERS, [agreement_row(domain) for domain in report.domains])
    lines += ["", "## The ladder, on the calibration share", ""]
    lines += _table(LADDER_HEADERS, [ladder_row(domain) for domain in report.domains])
    lines += ["", "## Items", ""]
    lines += _table(ITEM_HEADERS, [item_row(item) for item in report.items])
    lines += ["", flag_legend(edition)]
    return "\n".join(lines) + "\n"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(headers) + " |",
        "|" + "---|" * len(headers),
        *("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows),
    ]
