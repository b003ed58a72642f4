"""`eaism report`: the organisation report and the personal report as documents."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path

import typer

from eaism.cli.common import load_edition, moment, reports_errors, write_bytes, write_output
from eaism.errors import UsageError

app = typer.Typer(
    help="Board-ready and personal reports as HTML, PDF, Markdown or XLSX.", no_args_is_help=True
)


class OrgReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    markdown = "markdown"
    xlsx = "xlsx"


class PersonReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"


@app.command("org")
@reports_errors
def organisation_command(
    path: Path = typer.Argument(..., help="Organisation file (JSON or YAML)."),
    format: OrgReportFormat = typer.Option(
        OrgReportFormat.html, "--format", help="html, pdf, markdown or xlsx."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="The file to write (needed for pdf and xlsx)."
    ),
    people: Path | None = typer.Option(
        None, "--people", help="A people sheet (CSV or XLSX) to add."
    ),
    min_group_size: int | None = typer.Option(
        None, "--min-group-size", help="Smallest group shown (at least 3)."
    ),
    as_of: datetime | None = typer.Option(
        None, "--as-of", help="Judge evidence age, and date the report, at this time."
    ),
    validity: Path | None = typer.Option(
        None, "--validity", help="A round export: its validity report becomes an appendix."
    ),
) -> None:
    """The organisation report: summary, pyramid, heatmap, diagnostics, hiring, training, systems, method.

    Example: eaism report org examples/organisations/level3-bottleneck.yaml --format pdf --out report.pdf
    """
    from eaism.analysis.document import analysis_document
    from eaism.analysis.report import analyse
    from eaism.io.organisation import read_organisation
    from eaism.planning.document import training_document
    from eaism.planning.training import training_plan

    _need_out(format.value, out)
    when = moment(as_of)
    loaded = read_organisation(path, load_edition, people, as_of=when)
    edition = loaded.edition
    document = analysis_document(edition, analyse(edition, loaded.organisation, min_group_size))
    training = training_document(
        training_plan(edition, loaded.organisation.people, document["workforce"]["min_group_size"]),
        False,
    )
    appendix = validity_appendix(validity, format.value) if validity else None
    if format is OrgReportFormat.markdown:
        from eaism.reports.organisation_markdown import analysis_markdown

        write_output(analysis_markdown(document) + (f"\n{appendix}" if appendix else ""), out)
    elif format is OrgReportFormat.xlsx:
        from eaism.reports.spreadsheet import analysis_sheets, workbook_bytes

        _write_bytes(workbook_bytes(analysis_sheets(document, training)), out)
    else:
        from eaism.reports.organisation_report import organisation_report_html

        html = organisation_report_html(edition, document, training, when.date(), appendix)
        _html_or_pdf(html, format.value, out)


def validity_appendix(path: Path, format: str) -> str | None:
    """A round export's validity report, as Markdown or an HTML section (none for a workbook)."""
    from eaism.analysis.validity import validity_report
    from eaism.io.round_export import read_round_export

    loaded = read_round_export(path, load_edition)
    report = validity_report(loaded.edition, loaded.responses, loaded.min_group_size)
    if format == "markdown":
        from eaism.reports.validity_markdown import validity_markdown

        return validity_markdown(loaded.edition, report, loaded.name, loaded.closes_at)
    if format == "xlsx":
        return None
    from eaism.reports.validity_html import validity_html

    return str(validity_html(loaded.edition, report, loaded.name, loaded.closes_at))


@app.command("person")
@reports_errors
def person_command(
    files: list[Path] = typer.Argument(
        ..., help="Response files about one person: self, reviewer, ..."
    ),
    format: PersonReportFormat = typer.Option(
        PersonReportFormat.html, "--format", help="html or pdf."
    ),
    out: Path | None = typer.Option(None, "--out", help="The file to write (needed for pdf)."),
    role: str | None = typer.Option(
        None, "--role", help="The role for the roadmap (default: the file's)."
    ),
    as_of: datetime | None = typer.Option(
        None, "--as-of", help="Judge evidence age, and date the report, at this time."
    ),
) -> None:
    """The personal report: radar, operating level and why, claimed vs demonstrated, reviewer, roadmap.

    Example: eaism report person examples/responses/builder.json --format pdf --out me.pdf
    """
    from eaism.io.responses import load_responses
    from eaism.planning.document import roadmap_document
    from eaism.planning.roadmap import profile_of, roadmap
    from eaism.reports.person_report import person_report_html
    from eaism.scoring.document import person_document
    from eaism.scoring.profile import score_person

    _need_out(format.value, out)
    when = moment(as_of)
    edition, responses = load_responses(files, load_edition)
    question_set = edition.question_set(responses[0].respondent.role)  # the role's, if any
    result = score_person(edition, responses, when, question_set)
    chosen = role or result.respondent.role
    plan = (
        roadmap_document(edition, roadmap(edition, profile_of(result), chosen)) if chosen else None
    )
    html = person_report_html(edition, person_document(edition, result), plan, when.date())
    _html_or_pdf(html, format.value, out)


def _need_out(format: str, out: Path | None) -> None:
    if format in {"pdf", "xlsx"} and out is None:
        raise UsageError(f"--out: a {format} report is a binary file; name the file to write")


def _html_or_pdf(html: str, format: str, out: Path | None) -> None:
    if format == "html":
        write_output(html, out)
        return
    from eaism.reports.pdf import html_to_pdf

    _write_bytes(html_to_pdf(html), out)


def _write_bytes(content: bytes, out: Path | None) -> None:
    assert out is not None
    write_bytes(content, out)
    typer.echo(f"Wrote {out}", err=True)
