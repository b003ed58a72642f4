"""`eaism admin`: setting up the web app's organisations from the command line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from eaism.cli.common import reports_errors
from eaism.errors import DataError, Location, Problem, UsageError

if TYPE_CHECKING:
    from eaism.web.organisations.roster import ImportPlan, ImportSummary

app = typer.Typer(help="Set up organisations in the web app's database.", no_args_is_help=True)


@app.command("create-org")
@reports_errors
def create_organisation_command(
    name: str = typer.Argument(..., help="The organisation's name."),
    owner: str = typer.Option(..., "--owner", help="The owner's e-mail address."),
    slug: str = typer.Option(
        "", "--slug", help="The short name in its web addresses (default: from the name)."
    ),
    min_group_size: int = typer.Option(
        5, "--min-group-size", help="Smallest group whose figures are shown (at least 3)."
    ),
    base_url: str = typer.Option(
        "http://127.0.0.1:8000", "--base-url", help="Where the web app is reached."
    ),
    currency: str = typer.Option(
        "EUR", "--currency", help="ISO 4217 code of the currency money is shown in."
    ),
) -> None:
    """Create an organisation and print the one-time link its owner uses to join.

    Uses the same database as `eaism serve` (EAISM_DATA_DIR or DATABASE_URL).

    Example: eaism admin create-org "Example Ltd" --owner cio@example.com
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eaism.web.settings")
    from eaism.web.server import prepare

    prepare(demo=False, echo=typer.echo)
    from eaism.web.organisations.setup import create_organisation

    organisation, token = create_organisation(name, owner, slug, min_group_size, currency)
    typer.echo(f"Created {organisation.name} ({organisation.slug}).")
    typer.echo(f"Send this one-time link to {owner}: {base_url.rstrip('/')}/invite/{token}/")


@app.command("import-people")
@reports_errors
def import_people_command(
    organisation: str = typer.Argument(..., help="The organisation's short name (its slug)."),
    file: Path = typer.Argument(..., help="A CSV or XLSX roster: id, team, name, email, ..."),
    mode: str = typer.Option(
        "update",
        "--mode",
        help="add: new people only; update: create and change, never deactivate; "
        "sync: the file is the whole roster, people missing are deactivated.",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; apply nothing."),
    yes_deactivate: int | None = typer.Option(
        None, "--yes-deactivate", metavar="N", help="Confirm a sync that deactivates N people."
    ),
    yes_large: bool = typer.Option(
        False, "--yes-large", help="Confirm a sync that deactivates over 20 % of the active people."
    ),
) -> None:
    """Import an organisation's people from a sheet: the same rules as the web page.

    Uses the same database as `eaism serve` (EAISM_DATA_DIR or DATABASE_URL). Exit codes: 1 when
    the file has problems (each named by row and column), 2 when a confirmation is missing.

    Example: eaism admin import-people harbor-retail people.csv --mode sync --yes-deactivate 3
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eaism.web.settings")
    from eaism.web.server import prepare

    prepare(demo=False, echo=typer.echo)
    from eaism.web.input_error import InputError
    from eaism.web.organisations.roster import import_path

    try:
        plan, summary = import_path(
            organisation, file, mode, dry_run, str(yes_deactivate or ""), yes_large
        )
    except InputError as error:
        raise UsageError(f"{file}: {error.field.replace('_', '-')}: {error.message}") from None
    if plan.errors:
        raise DataError([Problem(Location(str(file), e.row), str(e)) for e in plan.errors])
    typer.echo(import_text(plan, summary))


def import_text(plan: ImportPlan, summary: ImportSummary) -> str:
    """What an import did, or would do on a dry run, one line per count and per deactivation."""
    verb = "Would import" if summary.dry_run else "Imported"
    lines = [
        f"{verb} ({plan.mode}): {summary.created} created, {summary.updated} updated, "
        f"{summary.deactivated} deactivated, {summary.teams_created} teams created."
    ]
    lines += [f"  deactivate {person.id} {person.name}".rstrip() for person in plan.deactivate]
    if not summary.dry_run:
        lines.append("Undo it on the People page: Undo the last import.")
    return "\n".join(lines)
