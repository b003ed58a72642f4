"""`eaism worker`: run the background worker (e-mail, reminders, closing rounds)."""

from __future__ import annotations

import os

import typer

from eaism.cli.common import reports_errors


@reports_errors
def worker_command(
    batch: bool = typer.Option(
        False, "--batch", help="Stop when no task is ready instead of waiting for more."
    ),
    interval: float = typer.Option(
        1.0, "--interval", min=0.1, help="Seconds to wait between looks for new tasks."
    ),
) -> None:
    """Send invitations and reminders, and close rounds on their closing date.

    Uses the same database as `eaism serve`, which starts one worker by itself; run more
    with this command. Stop it with Ctrl+C: it finishes the message in hand first.

    Example: eaism worker
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eaism.web.settings")
    from eaism.web.server import prepare

    prepare(demo=False, echo=typer.echo)
    from eaism.web.outbox.worker import run_worker

    if not batch:
        typer.echo("eaism worker is running: e-mail, reminders, closing rounds (Ctrl+C to stop)")
    run_worker(batch=batch, interval=interval)
