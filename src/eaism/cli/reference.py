"""docs/cli.md, generated from the commands' own --help so the two never drift apart."""

from __future__ import annotations

from typing import Any

import typer

from eaism.cli.app import app

HEADER = """# The `eaism` command

Generated from `--help` by `make generated`; a test fails when this file is out of date.
"""


def cli_reference() -> str:
    root = typer.main.get_command(app)
    sections = [HEADER]
    for path, command in _walk(root, ["eaism"]):
        sections.append(f"## `{' '.join(path)}`\n\n```text\n{_help(command, path)}```\n")
    return "\n".join(sections)


def _walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    found = [(path, command)]
    children = getattr(command, "commands", {})
    for name in sorted(children):
        found += _walk(children[name], [*path, name])
    return found


def _help(command: Any, path: list[str]) -> str:
    context = typer.Context(
        command, info_name=" ".join(path), terminal_width=100, max_content_width=100
    )
    return str(command.get_help(context)) + "\n"
