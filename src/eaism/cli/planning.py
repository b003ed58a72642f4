"""`eaism roadmap`, `eaism rubric`, `eaism scorecard` and `eaism jd check`."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from eaism.cli.common import dump_json, load_edition, reports_errors, write_output
from eaism.errors import UsageError

jd_app = typer.Typer(help="Check job descriptions against the framework.", no_args_is_help=True)


class PlanFormat(StrEnum):
    markdown = "markdown"
    json = "json"


class RubricFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    json = "json"


FORMAT_OPTION = typer.Option(PlanFormat.markdown, "--format", help="markdown or json.")
OUT_OPTION = typer.Option(None, "--out", help="Write to this file instead of standard output.")


@reports_errors
def roadmap_command(
    file: Path = typer.Argument(
        ..., help="A response file, or an organisation file with --person."
    ),
    role: str | None = typer.Option(
        None, "--role", help="The role to plan for (default: the file's)."
    ),
    person: str | None = typer.Option(
        None, "--person", help="The person's id in an organisation file."
    ),
    format: PlanFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
) -> None:
    """A career roadmap: the role's target level and ordered steps with the evidence to collect.

    Example: eaism roadmap examples/responses/builder.json --role software_engineer
    """
    from eaism.planning.document import roadmap_document
    from eaism.planning.roadmap import roadmap

    edition, profile, file_role = _profile(file, person)
    chosen = role or file_role or ""
    roles = [model_role.id for model_role in edition.roles]
    if chosen not in roles:
        raise UsageError(f"--role: {chosen!r} is not a role; expected one of: {', '.join(roles)}")
    document = roadmap_document(edition, roadmap(edition, profile, chosen))
    _write(document, format.value, out, "roadmap_markdown")


@reports_errors
def rubric_command(
    level: int = typer.Option(..., "--level", min=1, max=5, help="The target level, 1-5."),
    role: str = typer.Option(..., "--role", help="The role, e.g. software_engineer."),
    format: RubricFormat = typer.Option(
        RubricFormat.markdown, "--format", help="markdown, html or json."
    ),
    out: Path | None = OUT_OPTION,
) -> None:
    """A hiring rubric: per domain the expected cell, anchors, questions and evidence to ask for.

    Example: eaism rubric --level 3 --role software_engineer --format html --out rubric.html
    """
    from eaism.planning.document import rubric_document
    from eaism.planning.rubric import rubric

    edition = load_edition("2026.1")
    roles = [model_role.id for model_role in edition.roles]
    if role not in roles:
        raise UsageError(f"--role: {role!r} is not a role; expected one of: {', '.join(roles)}")
    document = rubric_document(rubric(edition, level, role))
    if format is RubricFormat.html:
        from eaism.reports.rubric_html import rubric_html

        write_output(rubric_html(document), out)
        return
    _write(document, format.value, out, "rubric_markdown")


@reports_errors
def scorecard_command(
    files: list[Path] = typer.Argument(
        ..., help="One scorecard file per interviewer, same candidate."
    ),
    format: PlanFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
) -> None:
    """Combine interviewers' scorecards: per-domain level, spread, disagreements, target met.

    Example: eaism scorecard examples/scorecards/dana.yaml examples/scorecards/lee.yaml
    """
    from eaism.io.scorecards import read_scorecards
    from eaism.planning.document import scorecard_document
    from eaism.planning.scorecard import combine

    edition = load_edition("2026.1")
    document = scorecard_document(combine(edition, read_scorecards(files, edition)))
    _write(document, format.value, out, "scorecard_markdown")


@jd_app.command("check")
@reports_errors
def job_description_command(
    file: Path = typer.Argument(
        ..., help="A plain-text job description; its first line is the title."
    ),
    title: str | None = typer.Option(
        None, "--title", help="The title, when it is not the first line."
    ),
    format: PlanFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
) -> None:
    """Check a job ad: the domains and levels it really asks for, title mismatch, myth flags.

    Example: eaism jd check examples/job-descriptions/prompt-engineer.txt
    """
    from eaism.planning.document import job_description_document
    from eaism.planning.job_description import check_job_description

    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{file}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{file}: cannot be read as UTF-8 text ({error})") from None
    edition = load_edition("2026.1")
    document = job_description_document(edition, check_job_description(edition, text, title))
    _write(document, format.value, out, "job_description_markdown")


def _profile(file: Path, person: str | None) -> tuple[Any, Any, str | None]:
    """The scored profile in a response file, or of one person in an organisation file."""
    from eaism.io.responses import read_document
    from eaism.planning.roadmap import profile_of

    document = read_document(file)
    if "people" in document.data:
        return _organisation_profile(file, person)
    if person is not None:
        raise UsageError("--person: only for organisation files; this is a response file")
    from eaism.io.responses import load_responses
    from eaism.scoring.profile import score_person

    edition, responses = load_responses([file], load_edition)
    result = score_person(edition, responses, datetime.now(UTC))
    return edition, profile_of(result), result.respondent.role


def _organisation_profile(file: Path, person: str | None) -> tuple[Any, Any, str | None]:
    from eaism.io.organisation import read_organisation
    from eaism.planning.roadmap import profile_in

    if person is None:
        raise UsageError("--person: name the person in this organisation file")
    loaded = read_organisation(file, load_edition, strict=True, as_of=datetime.now(UTC))
    people = loaded.organisation.people
    if person not in people.ids:
        raise UsageError(f"--person: {person!r} is not in {file}")
    row = people.ids.index(person)
    return loaded.edition, profile_in(loaded.edition, people, row), people.roles[row] or None


def _write(document: dict[str, Any], format: str, out: Path | None, renderer: str) -> None:
    if format == "json":
        write_output(dump_json(document), out)
        return
    from eaism.reports import planning_markdown

    write_output(getattr(planning_markdown, renderer)(document), out)
