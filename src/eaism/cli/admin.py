"""`eaism admin`: setting up the web app's organisations from the command line."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@app.command("scim-token")
@reports_errors
def scim_token_command(
    organisation: str = typer.Argument(..., help="The organisation's short name (its slug)."),
    name: str = typer.Option(
        "identity provider", "--name", help="What the token is for, such as the provider's name."
    ),
    revoke: str = typer.Option(
        "", "--revoke", metavar="PREFIX", help="Revoke the token whose secret starts so instead."
    ),
) -> None:
    """Create a SCIM provisioning token for an organisation and print it, this once.

    The identity provider sends it as `Authorization: Bearer TOKEN` to the SCIM base URL,
    EAISM_BASE_URL/scim/v2. Uses the same database as `eaism serve` (EAISM_DATA_DIR or
    DATABASE_URL). Exit code 2 when the organisation, the name or the token to revoke is wrong.

    Example: eaism admin scim-token harbor-retail --name "Microsoft Entra ID"
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eaism.web.settings")
    from eaism.web.server import prepare

    prepare(demo=False, echo=typer.echo)
    from django.conf import settings

    from eaism.web.input_error import InputError
    from eaism.web.organisations.models import Organisation
    from eaism.web.provisioning.tokens import SECRET_START, create_token, revoke_by_prefix

    found = Organisation.objects.filter(slug=organisation).first()
    try:
        if found is None:
            raise InputError("organisation", f"no organisation {organisation!r}")
        if revoke:
            token = revoke_by_prefix(found, revoke)
            typer.echo(f"Revoked the SCIM token {token.name!r} ({SECRET_START}{token.prefix}...).")
            return
        token, secret = create_token(None, found, name)
    except InputError as error:
        raise UsageError(f"{error.field}: {error.message}") from None
    typer.echo(f"SCIM token {token.name!r} for {found.name}; it is not shown again:")
    typer.echo(secret)
    typer.echo(f"SCIM base URL: {settings.EAISM_BASE_URL}/scim/v2")


@app.command("migrate")
@reports_errors
def migrate_command() -> None:
    """Apply the database migrations of this version of eaism (`eaism serve` does it at start).

    Uses the same database as `eaism serve` (EAISM_DATA_DIR or DATABASE_URL). Run it once after
    an upgrade, before starting the servers; back up first.

    Example: eaism admin migrate
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eaism.web.settings")
    from eaism.web.server import prepare

    prepare(demo=False, echo=typer.echo)
    typer.echo("The database is at the schema of this version of eaism.")


@app.command("backup")
@reports_errors
def backup_command(
    file: Path = typer.Argument(..., help="The backup file to write; replaced when complete."),
) -> None:
    """Back up the whole database to one file, from a consistent snapshot, while eaism runs.

    Uses the same database as `eaism serve` (EAISM_DATA_DIR or DATABASE_URL), SQLite or
    PostgreSQL, and never migrates it. The file restores into either engine with `eaism admin
    restore`. Exit codes: 2 when the file cannot be written, 3 when the database was migrated
    by a newer eaism.

    Example: eaism admin backup eaism-2026-05-01.backup
    """
    _set_up_django()
    from eaism.web.backup.dump import write_backup

    with _progress("Backing up") as advance:
        summary = write_backup(file, advance)
    typer.echo(f"Backed up {summary.rows} rows of {summary.tables} tables to {file}.")


@app.command("restore")
@reports_errors
def restore_command(
    file: Path = typer.Argument(..., help="A file written by `eaism admin backup`."),
    replace: bool = typer.Option(
        False, "--replace", help="Replace the rows of a database that is not empty."
    ),
    yes: bool = typer.Option(False, "--yes", help="Replace without asking (with --replace)."),
) -> None:
    """Restore a backup into an empty database, all of it or nothing, then migrate it forward.

    Uses the same database as `eaism serve` (EAISM_DATA_DIR or DATABASE_URL); stop the servers
    first. Exit codes: 1 when the file is damaged or not a backup (the line is named), 2 when
    the database is not empty (without --replace) or the replacement is not confirmed, 3 when
    the file comes from a newer eaism.

    Example: eaism admin restore eaism-2026-05-01.backup
    """
    _set_up_django()
    from eaism.web.backup.load import restore_backup

    def confirm(rows: int) -> bool:
        asked = f"Replace the {rows} rows in the database with {file}?"
        return yes or (sys.stdin.isatty() and typer.confirm(asked))

    with _progress("Restoring") as advance:
        summary = restore_backup(file, replace, confirm, advance)
    typer.echo(f"Restored {summary.rows} rows of {summary.tables} tables from {file}.")


def _set_up_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eaism.web.settings")
    from eaism.web.server import set_up

    set_up()


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A bar on stderr (when it is a terminal) whose total is known once the rows are counted."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    if not console.is_terminal:  # a log or a pipe gets the summary line only
        yield lambda done, total: None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)
