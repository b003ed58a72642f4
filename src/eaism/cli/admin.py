"""`eaism admin`: setting up the web app's organisations from the command line."""

from __future__ import annotations

import os

import typer

from eaism.cli.common import reports_errors

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
) -> None:
    """Create an organisation and print the one-time link its owner uses to join.

    Uses the same database as `eaism serve` (EAISM_DATA_DIR or DATABASE_URL).

    Example: eaism admin create-org "Example Ltd" --owner cio@example.com
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eaism.web.settings")
    from eaism.web.server import prepare

    prepare(demo=False, echo=typer.echo)
    from eaism.web.organisations.setup import create_organisation

    organisation, token = create_organisation(name, owner, slug, min_group_size)
    typer.echo(f"Created {organisation.name} ({organisation.slug}).")
    typer.echo(f"Send this one-time link to {owner}: {base_url.rstrip('/')}/invite/{token}/")
