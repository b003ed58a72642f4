"""`eaism report`: the organisation report and the personal report as documents."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from eaism.cli.common import (
    EDITION_OPTION,
    dump_json,
    load_edition,
    moment,
    reports_errors,
    write_bytes,
    write_output,
)
from eaism.errors import UsageError

if TYPE_CHECKING:
    from eaism.analysis.compliance_types import ComplianceDocument
    from eaism.model.schema import Edition

app = typer.Typer(
    help="Board-ready, personal and compliance reports as HTML, PDF, Markdown, XLSX or JSON.",
    no_args_is_help=True,
)


class OrgReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    markdown = "markdown"
    xlsx = "xlsx"


class PersonReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"


class ComplianceFormat(StrEnum):
    pdf = "pdf"
    xlsx = "xlsx"
    json = "json"
    markdown = "markdown"
    html = "html"


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


@app.command("compliance")
@reports_errors
def compliance_command(
    path: Path = typer.Argument(
        ..., help="Organisation file (JSON or YAML) with its systems' people."
    ),
    format: ComplianceFormat = typer.Option(
        ComplianceFormat.html, "--format", help="pdf, xlsx, json, markdown or html."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="The file to write (needed for pdf and xlsx)."
    ),
    as_of: datetime | None = typer.Option(
        None, "--as-of", help="Judge record and evidence age, and date the pack, at this time."
    ),
    names: bool = typer.Option(
        False, "--names/--no-names", help="Per-person records with names (default: counts only)."
    ),
    min_group_size: int | None = typer.Option(
        None, "--min-group-size", help="Smallest group a count is shown for (at least 3)."
    ),
    validity: Path | None = typer.Option(
        None, "--validity", help="A round export: its validity report goes with the method."
    ),
    edition: str | None = EDITION_OPTION,
) -> None:
    """The competence evidence pack: who builds, operates and oversees each AI system, their records, gaps, actions.

    Without --names it holds counts only, small ones withheld. It supports, and does not
    replace, the organisation's own legal assessment.

    Example: eaism report compliance examples/organisations/compliance.yaml --names --format pdf --out pack.pdf
    """
    from eaism.analysis.competence import competence_pack, compliance_document
    from eaism.io.organisation import read_organisation

    _need_out(format.value, out)
    when = moment(as_of)
    chosen = (lambda _name, overlays: load_edition(edition, overlays)) if edition else load_edition
    # Strict: a pack that silently left out a person or a system would mislead an auditor.
    loaded = read_organisation(path, chosen, strict=True, as_of=when)
    pack = competence_pack(loaded.edition, loaded.competence, when.date())
    threshold = min_group_size or loaded.edition.analysis.min_group_size
    document = compliance_document(loaded.edition, pack, names, threshold)
    _write_compliance(
        loaded.edition, document, format.value, out, loaded.organisation.name, validity
    )


def _write_compliance(
    edition: Edition,
    document: ComplianceDocument,
    format: str,
    out: Path | None,
    name: str,
    validity: Path | None,
) -> None:
    from eaism.reports import compliance_report as report

    appendix = validity_appendix(validity, format) if validity else None
    if format == "json":
        write_output(dump_json(document), out)
    elif format == "markdown":
        from eaism.reports.compliance_markdown import compliance_markdown

        write_output(
            compliance_markdown(document, name) + (f"\n{appendix}" if appendix else ""), out
        )
    elif format == "xlsx":
        from eaism.reports.spreadsheet import workbook_bytes

        _write_bytes(workbook_bytes(report.compliance_sheets(document)), out)
    else:
        as_of = date.fromisoformat(document["as_of"])
        html = report.compliance_report_html(edition, document, as_of, appendix, name)
        _html_or_pdf(html, format, out)


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
