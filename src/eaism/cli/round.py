"""`eaism round`: what a round's own answers say about how well it measured."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from eaism.cli.common import dump_json, load_edition, reports_errors, write_output

app = typer.Typer(help="Look at an assessment round: its validity report.", no_args_is_help=True)


class ValidityFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command("validity")
@reports_errors
def validity_command(
    export: Path = typer.Argument(..., help="A round export file (eaism.round-export/1)."),
    format: ValidityFormat = typer.Option(
        ValidityFormat.table, "--format", help="table, json or markdown."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Write to this file instead of standard output."
    ),
) -> None:
    """A round's validity report: item difficulty and item-rest correlation, self versus
    reviewer kappa and inflation, and on the calibration share Guttman's reproducibility,
    Loevinger's H and Cronbach's alpha, each withheld below the reporting threshold.

    Example: eaism round validity examples/round-export.json
    """
    from eaism.analysis.validity import round_validity_document, validity_report
    from eaism.io.round_export import read_round_export

    loaded = read_round_export(export, load_edition)
    report = validity_report(loaded.edition, loaded.responses, loaded.min_group_size)
    if format is ValidityFormat.json:
        document = round_validity_document(loaded.edition, report, loaded.name, loaded.closes_at)
        write_output(dump_json(document), out)
    elif format is ValidityFormat.markdown:
        from eaism.reports.validity_markdown import validity_markdown

        write_output(validity_markdown(loaded.edition, report, loaded.name, loaded.closes_at), out)
    else:
        from eaism.cli.round_view import validity_text

        write_output(validity_text(loaded.edition, report, loaded.name, loaded.closes_at), out)
