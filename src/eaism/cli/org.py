"""`eaism org`: analyse an organisation, try what-if scenarios, get an empty people sheet."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from eaism.cli.common import (
    AS_OF_OPTION,
    EDITION_OPTION,
    dump_json,
    load_edition,
    moment,
    report,
    reports_errors,
    write_output,
)
from eaism.errors import UsageError

if TYPE_CHECKING:
    from eaism.analysis.document_types import AnalysisDocument
    from eaism.analysis.whatif import Change
    from eaism.io.organisation import LoadedOrganisation
    from eaism.model.schema import Edition

app = typer.Typer(
    help="Analyse an organisation: workforce, stage, diagnostics, hiring, what-if.",
    no_args_is_help=True,
)

PROGRESS_FROM_ROWS = 5_000
PEOPLE_OPTION = typer.Option(
    None, "--people", help="A people sheet (CSV or XLSX) to add to the file's people."
)
STRICT_OPTION = typer.Option(
    False, "--strict", help="Refuse the input on any bad row instead of skipping it."
)
GROUP_OPTION = typer.Option(
    None,
    "--min-group-size",
    help="Smallest team shown on its own (default from the edition; at least 3).",
)


class OrgFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class TrainingFormat(StrEnum):
    markdown = "markdown"
    json = "json"


class SheetKind(StrEnum):
    levels = "levels"
    answers = "answers"


@app.command("analyze")
@reports_errors
def analyze_command(
    path: Path = typer.Argument(..., help="Organisation file (JSON or YAML)."),
    people: Path | None = PEOPLE_OPTION,
    format: OrgFormat = typer.Option(OrgFormat.table, "--format", help="table, json or markdown."),
    strict: bool = STRICT_OPTION,
    min_group_size: int | None = GROUP_OPTION,
    as_of: datetime | None = AS_OF_OPTION,
    out: Path | None = typer.Option(
        None, "--out", help="Write to this file instead of standard output."
    ),
) -> None:
    """Analyse an organisation: pyramid, heatmap, stage, diagnostics, hiring phase, training.

    Example: eaism org analyze examples/organisations/level3-bottleneck.yaml
    """
    from eaism.analysis.document import analysis_document
    from eaism.analysis.report import analyse

    loaded = _load(path, people, strict, as_of)
    document = analysis_document(
        loaded.edition, analyse(loaded.edition, loaded.organisation, min_group_size)
    )
    _render(document, format, out)


@app.command("whatif")
@reports_errors
def whatif_command(
    path: Path = typer.Argument(..., help="Organisation file (JSON or YAML)."),
    hire: list[str] = typer.Option(
        [], "--hire", help="LEVEL=COUNT: add COUNT people at LEVEL, e.g. 3=2."
    ),
    upskill: list[str] = typer.Option(
        [], "--upskill", help="DOMAIN:FROM->TO=COUNT, e.g. evaluation:2->3=4."
    ),
    promote_pilot: list[str] = typer.Option(
        [], "--promote-pilot", help="Move this pilot to production with every check."
    ),
    people: Path | None = PEOPLE_OPTION,
    format: OrgFormat = typer.Option(OrgFormat.table, "--format", help="table, json or markdown."),
    strict: bool = STRICT_OPTION,
    min_group_size: int | None = GROUP_OPTION,
    as_of: datetime | None = AS_OF_OPTION,
) -> None:
    """Compare the analysis before and after hypothetical hires, upskilling and promotions.

    Example: eaism org whatif examples/organisations/level3-bottleneck.yaml --hire 3=4 --upskill 'evaluation:2->3=6'
    """
    from eaism.analysis.document import comparison_document
    from eaism.analysis.whatif import what_if

    loaded = _load(path, people, strict, as_of)
    changes = parse_changes(loaded.edition, hire, upskill, promote_pilot)
    comparison = what_if(loaded.edition, loaded.organisation, changes, min_group_size)
    document = comparison_document(loaded.edition, comparison)
    if format is OrgFormat.json:
        write_output(dump_json(document), None)
    elif format is OrgFormat.markdown:
        from eaism.reports.organisation_markdown import comparison_markdown

        write_output(comparison_markdown(document), None)
    else:
        from eaism.cli.org_view import print_comparison

        print_comparison(document)


@app.command("training")
@reports_errors
def training_command(
    path: Path = typer.Argument(..., help="Organisation file (JSON or YAML)."),
    people: Path | None = PEOPLE_OPTION,
    format: TrainingFormat = typer.Option(
        TrainingFormat.markdown, "--format", help="markdown or json."
    ),
    list_people: bool = typer.Option(
        False, "--list-people", help="Name each cohort's members (personal data)."
    ),
    minimum: int = typer.Option(
        1, "--min-cohort", min=1, help="Leave out cohorts smaller than this."
    ),
    strict: bool = STRICT_OPTION,
    as_of: datetime | None = AS_OF_OPTION,
) -> None:
    """A training plan: cohorts of people one step from each cell, the Level 3 layer first.

    Example: eaism org training examples/organisations/level3-bottleneck.yaml --min-cohort 5
    """
    from eaism.planning.document import training_document
    from eaism.planning.training import training_plan

    loaded = _load(path, people, strict, as_of)
    document = training_document(
        training_plan(loaded.edition, loaded.organisation.people, minimum), list_people
    )
    if format is TrainingFormat.json:
        write_output(dump_json(document), None)
    else:
        from eaism.reports.planning_markdown import training_markdown

        write_output(training_markdown(document), None)


@app.command("template")
@reports_errors
def template_command(
    out: Path = typer.Argument(..., help="The sheet to write: a .csv or .xlsx file."),
    kind: SheetKind = typer.Option(
        SheetKind.levels, "--kind", help="levels (one column per domain) or answers (per item)."
    ),
    edition_id: str | None = EDITION_OPTION,
) -> None:
    """Write an empty people sheet with the right columns, to fill in and pass to --people.

    Example: eaism org template people.xlsx --kind answers
    """
    from eaism.io.people_table import write_people_template

    if out.suffix.lower() not in {".csv", ".xlsx"}:
        raise UsageError(f"{out}: the sheet must end in .csv or .xlsx")
    write_people_template(out, load_edition(edition_id), kind.value)
    typer.echo(f"Wrote {out}")


def parse_changes(
    edition: Edition, hires: list[str], upskills: list[str], pilots: list[str]
) -> tuple[Change, ...]:
    """The what-if changes named on the command line, their levels checked against `edition`."""
    from eaism.analysis.whatif import PromotePilot

    levels = tuple(level.number for level in edition.levels)
    changes: list[Change] = [_hire(text, edition.id, levels) for text in hires]
    changes += [_upskill(text, edition.id, levels) for text in upskills]
    changes += [PromotePilot(system_id) for system_id in pilots]
    if not changes:
        raise UsageError("name at least one change: --hire, --upskill or --promote-pilot")
    return tuple(changes)


def _hire(text: str, edition_id: str, levels: tuple[int, ...]) -> Change:
    from eaism.analysis.whatif import Hire

    match = re.fullmatch(r"(\d+)=([1-9]\d*)", text.strip())
    if not match:
        raise UsageError(f"--hire {text!r}: expected LEVEL=COUNT, such as 3=2")
    _check_level(f"--hire {text!r}", int(match[1]), levels, edition_id)
    return Hire(int(match[1]), int(match[2]))


def _upskill(text: str, edition_id: str, levels: tuple[int, ...]) -> Change:
    from eaism.analysis.whatif import Upskill

    match = re.fullmatch(r"([a-z_]+):(\d+)->(\d+)=([1-9]\d*)", text.strip())
    if not match or int(match[3]) <= int(match[2]):
        raise UsageError(
            f"--upskill {text!r}: expected DOMAIN:FROM->TO=COUNT rising, such as evaluation:2->3=4"
        )
    _check_level(f"--upskill {text!r}", int(match[2]), (0, *levels), edition_id)  # 0: below 1
    _check_level(f"--upskill {text!r}", int(match[3]), levels, edition_id)
    return Upskill(match[1], int(match[2]), int(match[3]), int(match[4]))


def _check_level(option: str, level: int, allowed: tuple[int, ...], edition_id: str) -> None:
    if level not in allowed:
        listed = ", ".join(map(str, allowed))
        raise UsageError(
            f"{option}: {level} is not a level of edition {edition_id}; expected one of: {listed}"
        )


def _load(
    path: Path, people: Path | None, strict: bool, as_of: datetime | None
) -> LoadedOrganisation:
    from eaism.io.organisation import read_organisation

    with _progress(people) as progress:
        loaded = read_organisation(path, load_edition, people, strict, moment(as_of), progress)
    if loaded.problems:
        from eaism.errors import DataError

        report(DataError(list(loaded.problems)))
        typer.echo(
            f"Entries left out because of a problem: {loaded.skipped}. "
            "With --strict the input is refused instead.",
            err=True,
        )
    return loaded


def _render(document: AnalysisDocument, format: OrgFormat, out: Path | None) -> None:
    if format is OrgFormat.json:
        write_output(dump_json(document), out)
    elif format is OrgFormat.markdown:
        from eaism.reports.organisation_markdown import analysis_markdown

        write_output(analysis_markdown(document), out)
    else:
        from eaism.cli.org_view import print_analysis

        print_analysis(document, out)


def _progress(people: Path | None) -> AbstractContextManager[Callable[[int], None] | None]:
    """A progress bar on stderr while a large people sheet is read; a no-op for small ones."""
    from eaism.io.sheets import count_rows

    total = count_rows(people) if people is not None and people.exists() else 0
    if total < PROGRESS_FROM_ROWS:
        return nullcontext(None)
    from eaism.cli.progress import row_progress

    return row_progress(total)
