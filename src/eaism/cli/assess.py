"""`eaism assess`: the adaptive self-assessment in the terminal, saved after every answer."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from pathlib import Path

import typer

from eaism.cli.common import load_edition, reports_errors


@reports_errors
def assess_command(
    out: Path = typer.Option(
        Path("eaism-response.json"),
        "--out",
        help="Response file to write; an existing one resumes.",
    ),
    role: str | None = typer.Option(
        None, "--role", help="Your role, e.g. software_engineer (asked when missing)."
    ),
    respondent: str | None = typer.Option(
        None, "--respondent", help="Your id (default: your user name)."
    ),
    edition: str = typer.Option("2026.1", "--edition", help="The bundled edition to answer."),
    overlay: list[str] = typer.Option(
        [], "--overlay", help="Add a bundled overlay's items, e.g. agentic."
    ),
) -> None:
    """Take the adaptive self-assessment: about ten minutes, one domain at a time.

    Each domain asks its next level only once the current one is met. Every answer is saved
    at once to --out; run the same command again to resume where you stopped. Type q to stop.

    Example: eaism assess --out me.json --role software_engineer
    """
    from eaism.cli.questionnaire import Questionnaire

    session = Questionnaire.open(
        out, lambda name, extra: load_edition(name, extra), edition, tuple(overlay)
    )
    session.ensure_respondent(respondent or _user_name(), role)
    finished = session.run(lambda: datetime.now(UTC))
    if finished:
        typer.echo(
            f"\nAll done. Your answers are in {out}. See your result with: eaism score {out}"
        )
    else:
        typer.echo(f"\nSaved to {out}. Run the same command again to continue.")


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"
