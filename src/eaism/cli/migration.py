"""`eaism model diff` and `eaism model migrate`: moving between editions along a migration file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from eaism.cli.common import console, dump_json, load_edition, reports_errors, write_output
from eaism.errors import DataError, UsageError

if TYPE_CHECKING:
    from eaism.io.response_types import ResponseDocument
    from eaism.model.migration import Migration
    from eaism.model.schema import Edition
    from eaism.scoring.answers import Response


class MigrationFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    json = "json"


FORMAT_OPTION = typer.Option(MigrationFormat.table, "--format", help="table, markdown or json.")


@reports_errors
def diff_command(
    old: str = typer.Argument(..., help="The older edition: a bundled id or a path."),
    new: str = typer.Argument(..., help="The newer edition: a bundled id or a path."),
    format: MigrationFormat = FORMAT_OPTION,
) -> None:
    """List what changed between two editions: levels, domains, cells and items.

    Items are matched by the newer edition's migration file (added, removed, changed, renamed,
    replaced, split, merged); without one joining the two, by id.

    Example: eaism model diff 2026.1 2026.2 --format markdown
    """
    from eaism.cli import migration_view
    from eaism.model.diff import diff_document, diff_editions

    before, after = load_edition(old), load_edition(new)
    diff = diff_editions(before, after, joining(old, before, new, after))
    if format is MigrationFormat.json:
        write_output(dump_json(diff_document(diff)), None)
    elif format is MigrationFormat.markdown:
        write_output(migration_view.diff_markdown(diff), None)
    else:
        console().print(migration_view.diff_table(diff))


@reports_errors
def migrate_command(
    response: Path = typer.Argument(..., help="A response file (JSON or YAML)."),
    to: str = typer.Option(
        ..., "--to", help="The edition to carry the answers to: a bundled id or a path."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Write the migrated response here (JSON, or YAML for .yaml)."
    ),
    edition: str | None = typer.Option(
        None,
        "--edition",
        help="The response's edition as a path, where it is not the bundled one the file names.",
    ),
    format: MigrationFormat = FORMAT_OPTION,
) -> None:
    """Carry a response's answers to another edition along its migration file, either way.

    Prints what was carried and what was not, and why: new items left unanswered, removed
    items dropped, merged items whose old answers differ. Nothing is guessed. With --out the
    migrated response is written whole, or not at all.

    Example: eaism model migrate me.json --to 2026.2 --out me-2026.2.json
    """
    from eaism.cli import migration_view
    from eaism.io.responses import response_document
    from eaism.scoring.migrate import migrate_response

    source_name, parsed = _read_response(response, edition)
    target = load_edition(to)
    if target.id == parsed.edition:
        raise UsageError(f"--to {to}: {response} is already on edition {target.id}")
    source = load_edition(source_name)
    migration = joining(source_name, source, to, target)
    if migration is None:
        raise UsageError(
            f"--to {to}: no migration file joins edition {source.id} and {target.id}"
            " (the newer edition's migration.yaml names the edition it follows)"
        )
    migrated = migrate_response(parsed, migration, target)
    document = response_document(migrated.response)
    if out is not None:
        write_output(_response_text(document, out), out)
    written_to = None if out is None else str(out)
    report = migrated.report
    if format is MigrationFormat.json:
        view = migration_view.report_document(report, document, written_to)
        write_output(dump_json(view), None)
    elif format is MigrationFormat.markdown:
        write_output(migration_view.report_markdown(report, written_to), None)
    else:
        console().print(migration_view.report_table(report, written_to))


def joining(first_name: str, first: Edition, second_name: str, second: Edition) -> Migration | None:
    """The migration file of either edition that leads from the other one, if there is one."""
    from eaism.model.loader import read_migration

    for name, edition, other in ((second_name, second, first), (first_name, first, second)):
        migration = read_migration(name, edition, other)
        if migration is not None and migration.connects(first.id, second.id):
            return migration
    return None


def _read_response(path: Path, edition: str | None) -> tuple[str, Response]:
    """The response and the name of its edition: the --edition given, else the one it names."""
    from eaism.io.responses import edition_of, parse_response, read_document
    from eaism.model.loader import bundled_editions

    document = read_document(path)
    edition_id, overlays = edition_of(document)
    if edition is None and edition_id not in bundled_editions():
        known = ", ".join(bundled_editions())
        message = f"{edition_id!r} is not a bundled edition ({known}); give its path with --edition"
        raise DataError([document.problem(("edition",), message)])
    name = edition or edition_id
    return name, parse_response(document, load_edition(name, overlays))


def _response_text(document: ResponseDocument, out: Path) -> str:
    if out.suffix in {".yaml", ".yml"}:
        import yaml

        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    return dump_json(document)
