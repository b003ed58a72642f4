"""`eaism model`: show, export, validate the framework, and print its JSON Schema."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from eaism.cli.common import console, dump_json, load_edition, reports_errors, write_output
from eaism.cli.migration import diff_command, migrate_command

app = typer.Typer(help="Show, export and validate the framework itself.", no_args_is_help=True)

EDITION_OPTION = typer.Option("2026.1", "--edition", help="A bundled edition id, or a path to one.")
OVERLAY_OPTION = typer.Option(
    [], "--overlay", help="Apply a bundled overlay (e.g. agentic) or a file."
)


class ExportFormat(StrEnum):
    json = "json"
    yaml = "yaml"
    markdown = "markdown"


@app.command("show")
@reports_errors
def show_command(
    domain: str | None = typer.Option(None, "--domain", help="Show one domain's cells and items."),
    level: int | None = typer.Option(None, "--level", help="Show one level's cells and items."),
    edition: str = EDITION_OPTION,
    overlay: list[str] = OVERLAY_OPTION,
) -> None:
    """Show the skills matrix as a table.

    Example: eaism model show --domain evaluation
    """
    from eaism.cli.model_view import matrix_table
    from eaism.cli.planning import check_level

    model = load_edition(edition, tuple(overlay))
    if level is not None:
        check_level(model, level)  # the edition's levels, not a fixed range
    console().print(matrix_table(model, domain, level))


@app.command("export")
@reports_errors
def export_command(
    format: ExportFormat = typer.Option(
        ExportFormat.json, "--format", help="json, yaml or markdown."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Write to this file instead of standard output."
    ),
    edition: str = EDITION_OPTION,
    overlay: list[str] = OVERLAY_OPTION,
) -> None:
    """Export the whole edition: levels, domains, cells, items, stages, roles, phases, myths.

    Example: eaism model export --format yaml --out my-edition.yaml
    """
    from eaism.model.export import edition_document

    model = load_edition(edition, tuple(overlay))
    if format is ExportFormat.markdown:
        from eaism.reports.model_markdown import edition_markdown

        write_output(edition_markdown(model), out)
        return
    document = edition_document(model)
    if format is ExportFormat.yaml:
        import yaml

        write_output(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100), out)
    else:
        write_output(dump_json(document), out)


class CrosswalkFramework(StrEnum):
    esco = "esco"
    onet = "onet"
    nist_ai_rmf = "nist_ai_rmf"
    sfia = "sfia"


class CrosswalkFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"


@app.command("crosswalk")
@reports_errors
def crosswalk_command(
    to: CrosswalkFramework = typer.Option(
        ..., "--to", help="esco, onet, nist_ai_rmf or sfia: the framework to list."
    ),
    format: CrosswalkFormat = typer.Option(
        CrosswalkFormat.table, "--format", help="table, markdown or json."
    ),
    edition: str = EDITION_OPTION,
) -> None:
    """List the cells that reference another framework, with each identifier and its source.

    Example: eaism model crosswalk --to esco --format markdown
    """
    from eaism.cli import crosswalk_view
    from eaism.model.crosswalk import crosswalk_rows

    model = load_edition(edition)
    rows = crosswalk_rows(model, to.value)
    if format is CrosswalkFormat.json:
        write_output(dump_json(crosswalk_view.crosswalk_document(rows, to.value, model.id)), None)
    elif format is CrosswalkFormat.markdown:
        write_output(crosswalk_view.crosswalk_markdown(rows, to.value, model.id), None)
    else:
        console().print(crosswalk_view.crosswalk_table(rows, to.value, model.id))


app.command("diff")(diff_command)
app.command("migrate")(migrate_command)


@app.command("validate")
@reports_errors
def validate_command(
    path: Path = typer.Argument(
        ..., help="An edition folder, a single-file edition, or an overlay file."
    ),
) -> None:
    """Validate an edition or overlay; every problem is listed, and the exit code is 1 on any.

    Example: eaism model validate my-edition.yaml
    """
    from eaism.model.loader import read_model_file
    from eaism.model.schema import Edition

    model = read_model_file(path)
    if isinstance(model, Edition):
        items = sum(len(domain.items) for domain in model.domains)
        typer.echo(
            f"{path}: valid edition {model.id} ({len(model.domains)} domains, {items} items)"
        )
    else:
        items = sum(len(cell.items) for cell in model.cells)
        typer.echo(f"{path}: valid overlay {model.id} for edition {model.edition} ({items} items)")


@app.command("schema")
@reports_errors
def schema_command(
    overlay: bool = typer.Option(False, "--overlay", help="Print the overlay schema instead."),
) -> None:
    """Print the JSON Schema of a single-file edition (or of an overlay).

    Example: eaism model schema > edition.schema.json
    """
    from eaism.model.loader import PACKAGE_ROOT

    name = "overlay.schema.json" if overlay else "edition.schema.json"
    write_output((PACKAGE_ROOT / "schemas" / name).read_text(encoding="utf-8"), None)
