"""`eaism score`: a person's profile, operating level and what would lift it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path

import typer

from eaism.cli.common import dump_json, load_edition, moment, reports_errors, write_output


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


@reports_errors
def score_command(
    files: list[Path] = typer.Argument(
        ..., help="Response files about one person: self, reviewer, ..."
    ),
    format: ScoreFormat = typer.Option(
        ScoreFormat.table, "--format", help="table, json or markdown."
    ),
    as_of: datetime | None = typer.Option(
        None, "--as-of", help="Judge evidence age at this time (default: now)."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Write to this file instead of standard output."
    ),
) -> None:
    """Score a response file: per-domain levels, the operating level and why.

    Several files about the same person (self, reviewer, interviewer, peer) are kept side by
    side; a reviewer's rating wins where present and the gap to the self-rating is shown.

    Example: eaism score examples/responses/builder.json --format json
    """
    from eaism.io.responses import load_responses
    from eaism.scoring.document import person_document
    from eaism.scoring.profile import score_person

    edition, responses = load_responses(files, load_edition)
    question_set = edition.question_set(responses[0].respondent.role)  # the role's, if it has one
    result = score_person(edition, responses, moment(as_of), question_set)
    document = person_document(edition, result)
    if format is ScoreFormat.json:
        write_output(dump_json(document), out)
    elif format is ScoreFormat.markdown:
        from eaism.reports.person_markdown import person_markdown

        write_output(person_markdown(document), out)
    else:
        from eaism.cli.person_view import person_text

        write_output(person_text(document, edition.level_numbers[-1]), out)
