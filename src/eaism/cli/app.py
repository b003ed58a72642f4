"""The `eaism` command: a thin face over the library.

Command modules import the library inside their functions, so `eaism --help` and simple
commands start without loading what they do not use.
"""

from __future__ import annotations

import typer

from eaism import __version__
from eaism.cli import admin, assess, model, org, planning, report, round, score, serve, worker

app = typer.Typer(
    name="eaism",
    help=(
        "Assess people and organisations against the Enterprise AI Skills Maturity Model.\n\n"
        "Example: eaism score examples/responses/builder.json"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(model.app, name="model")
app.add_typer(org.app, name="org")
app.add_typer(round.app, name="round")
app.command(name="assess")(assess.assess_command)
app.command(name="score")(score.score_command)
app.command(name="serve")(serve.serve_command)
app.command(name="worker")(worker.worker_command)
app.command(name="roadmap")(planning.roadmap_command)
app.command(name="rubric")(planning.rubric_command)
app.command(name="scorecard")(planning.scorecard_command)
app.add_typer(planning.jd_app, name="jd")
app.add_typer(report.app, name="report")
app.add_typer(admin.app, name="admin")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"eaism {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Assess people and organisations against the Enterprise AI Skills Maturity Model."""


def main() -> None:
    app()
