"""`eaism roadmap`, `eaism rubric`, `eaism scorecard`, `eaism jd check` and `eaism jd write`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from eaism.cli.common import (
    AS_OF_OPTION,
    EDITION_OPTION,
    dump_json,
    load_edition,
    moment,
    reports_errors,
    write_output,
)
from eaism.errors import UsageError

if TYPE_CHECKING:
    from eaism.model.schema import Edition
    from eaism.planning.roadmap import Profile

# A planning document: each command renders it with its own Markdown function, or as JSON.
Document = TypeVar("Document")

jd_app = typer.Typer(
    help="Check job descriptions against the framework, or write one from it.", no_args_is_help=True
)


class PlanFormat(StrEnum):
    markdown = "markdown"
    json = "json"


class RubricFormat(StrEnum):
    markdown = "markdown"
    html = "html"
    json = "json"


FORMAT_OPTION = typer.Option(PlanFormat.markdown, "--format", help="markdown or json.")
OUT_OPTION = typer.Option(None, "--out", help="Write to this file instead of standard output.")
ROLE_OPTION = typer.Option(..., "--role", help="The role, e.g. software_engineer.")
RUBRIC_FORMAT_OPTION = typer.Option(
    RubricFormat.markdown, "--format", help="markdown, html or json."
)


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
    as_of: datetime | None = AS_OF_OPTION,
) -> None:
    """A career roadmap: the role's target level and ordered steps with the evidence to collect.

    Example: eaism roadmap examples/responses/builder.json --role software_engineer
    """
    from eaism.planning.document import roadmap_document
    from eaism.planning.roadmap import roadmap
    from eaism.reports.planning_markdown import roadmap_markdown

    edition, profile, file_role = _profile(file, person, moment(as_of))
    chosen = role or file_role or ""
    _check_role(edition, chosen)
    document = roadmap_document(edition, roadmap(edition, profile, chosen))
    _write(document, format.value, out, roadmap_markdown)


@reports_errors
def rubric_command(
    level: int = typer.Option(..., "--level", help="The target level, e.g. 3."),
    role: str = ROLE_OPTION,
    format: RubricFormat = RUBRIC_FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
    edition_id: str | None = EDITION_OPTION,
) -> None:
    """A hiring rubric: per domain the expected cell, anchors, questions and evidence to ask for.

    Example: eaism rubric --level 3 --role software_engineer --format html --out rubric.html
    """
    from eaism.planning.document import rubric_document
    from eaism.planning.rubric import rubric
    from eaism.reports.planning_markdown import rubric_markdown

    edition = load_edition(edition_id)
    check_level(edition, level)
    _check_role(edition, role)
    document = rubric_document(rubric(edition, level, role))
    if format is RubricFormat.html:
        from eaism.reports.rubric_html import rubric_html

        write_output(rubric_html(document), out)
        return
    _write(document, format.value, out, rubric_markdown)


@reports_errors
def scorecard_command(
    files: list[Path] = typer.Argument(
        ..., help="One scorecard file per interviewer, same candidate."
    ),
    format: PlanFormat = FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
    edition_id: str | None = EDITION_OPTION,
) -> None:
    """Combine interviewers' scorecards: per-domain level, spread, disagreements, target met.

    Example: eaism scorecard examples/scorecards/dana.yaml examples/scorecards/lee.yaml
    """
    from eaism.io.scorecards import read_scorecards
    from eaism.planning.document import scorecard_document
    from eaism.planning.scorecard import combine
    from eaism.reports.planning_markdown import scorecard_markdown

    edition = load_edition(edition_id)
    document = scorecard_document(combine(edition, read_scorecards(files, edition)))
    _write(document, format.value, out, scorecard_markdown)


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
    edition_id: str | None = EDITION_OPTION,
) -> None:
    """Check a job ad: the domains and levels it really asks for, title mismatch, myth flags.

    Example: eaism jd check examples/job-descriptions/prompt-engineer.txt
    """
    from eaism.io.job_ad_text import job_ad_from_bytes
    from eaism.planning.document import job_description_document
    from eaism.planning.job_description import check_job_description
    from eaism.reports.planning_markdown import job_description_markdown

    text = job_ad_from_bytes(_ad_bytes(file), str(file))
    edition = load_edition(edition_id)
    document = job_description_document(edition, check_job_description(edition, text, title))
    _write(document, format.value, out, job_description_markdown)


@jd_app.command("write")
@reports_errors
def job_ad_write_command(
    level: int = typer.Option(..., "--level", help="The level the ad asks for, e.g. 3."),
    role: str = ROLE_OPTION,
    format: RubricFormat = RUBRIC_FORMAT_OPTION,
    out: Path | None = OUT_OPTION,
    edition_id: str | None = EDITION_OPTION,
) -> None:
    """Write a job-ad outline from the rubric: per domain the responsibilities and requirements.

    Example: eaism jd write --level 3 --role software_engineer --out ad.md
    """
    from eaism.planning.job_ad_outline import job_ad_outline, job_ad_outline_document
    from eaism.reports.job_ad_outline import job_ad_outline_html, job_ad_outline_markdown

    edition = load_edition(edition_id)
    check_level(edition, level)
    _check_role(edition, role)
    outline = job_ad_outline(edition, level, role)
    if format is RubricFormat.json:
        write_output(dump_json(job_ad_outline_document(outline)), out)
    elif format is RubricFormat.html:
        write_output(job_ad_outline_html(outline), out)
    else:
        write_output(job_ad_outline_markdown(outline), out)


def _ad_bytes(file: Path) -> bytes:
    """The file's bytes, one past the size limit at most: enough to refuse a huge file."""
    from eaism.limits import current

    try:
        with file.open("rb") as opened:
            return opened.read(current().job_ad_bytes + 1)
    except FileNotFoundError:
        raise UsageError(f"{file}: no such file") from None
    except OSError as error:
        raise UsageError(f"{file}: cannot be read ({error.strerror or error})") from None


def check_level(edition: Edition, level: int) -> None:
    """Refuse a level the edition does not have, naming the ones it has."""
    levels = [str(model_level.number) for model_level in edition.levels]
    if str(level) not in levels:
        raise UsageError(f"--level: {level} is not a level; expected one of: {', '.join(levels)}")


def _check_role(edition: Edition, role: str) -> None:
    """Refuse a role the edition does not have, naming the ones it has."""
    roles = [model_role.id for model_role in edition.roles]
    if role not in roles:
        raise UsageError(f"--role: {role!r} is not a role; expected one of: {', '.join(roles)}")


def _profile(file: Path, person: str | None, at: datetime) -> tuple[Edition, Profile, str | None]:
    """The scored profile in a response file, or of one person in an organisation file."""
    from eaism.io.responses import read_document
    from eaism.planning.roadmap import profile_of

    document = read_document(file)
    if "people" in document.data:
        return _organisation_profile(file, person, at)
    if person is not None:
        raise UsageError("--person: only for organisation files; this is a response file")
    from eaism.io.responses import load_responses
    from eaism.scoring.profile import score_person

    edition, responses = load_responses([file], load_edition)
    result = score_person(edition, responses, at)
    return edition, profile_of(result), result.respondent.role


def _organisation_profile(
    file: Path, person: str | None, at: datetime
) -> tuple[Edition, Profile, str | None]:
    from eaism.io.organisation import read_organisation
    from eaism.planning.roadmap import profile_in

    if person is None:
        raise UsageError("--person: name the person in this organisation file")
    loaded = read_organisation(file, load_edition, strict=True, as_of=at)
    people = loaded.organisation.people
    if person not in people.ids:
        raise UsageError(f"--person: {person!r} is not in {file}")
    row = people.ids.index(person)
    return loaded.edition, profile_in(loaded.edition, people, row), people.roles[row] or None


def _write(
    document: Document, format: str, out: Path | None, markdown: Callable[[Document], str]
) -> None:
    write_output(dump_json(document) if format == "json" else markdown(document), out)
