"""`eaism serve`: migrate the database and run the web app."""

from __future__ import annotations

import os

import typer

from eaism.cli.common import reports_errors


@reports_errors
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    demo: bool = typer.Option(
        False, "--demo", help="Load the demo organisation and print its logins."
    ),
    workers: int = typer.Option(2, "--workers", min=1, help="Web worker processes."),
    background: bool = typer.Option(
        True,
        "--background-worker/--no-background-worker",
        help="Also run one background worker for e-mail, reminders and closing rounds.",
    ),
) -> None:
    """Run the web app: SQLite in ./eaism-data by default, PostgreSQL when DATABASE_URL is set.

    Set EAISM_ENV=production and EAISM_SECRET_KEY for a real deployment. One background
    worker runs beside the web workers unless --no-background-worker is given.

    Example: eaism serve --demo
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eaism.web.settings")
    from eaism.web.server import prepare, run

    prepare(demo=demo, echo=typer.echo)
    typer.echo(f"eaism is running at http://{host}:{port}/  (Ctrl+C to stop)")
    run(host, port, workers, background)
