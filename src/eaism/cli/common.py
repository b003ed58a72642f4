"""What every command shares: settings and limits from the environment, errors, output."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ParamSpec, TypeVar

import typer

from eaism.errors import DataError, EaismError, UsageError
from eaism.limits import applied, limits_from

if TYPE_CHECKING:
    from eaism.model.schema import Edition

P = ParamSpec("P")
R = TypeVar("R")


def cache_dir() -> Path | None:
    """Where validated editions are cached; EAISM_CACHE_DIR=off disables the cache."""
    configured = os.environ.get("EAISM_CACHE_DIR")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eaism"


def moment(as_of: datetime | None) -> datetime:
    """The time to judge evidence age at: the given one (UTC when it names no zone), else now."""
    if as_of is None:
        return datetime.now(UTC)
    return as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)


# Shared by the commands that take no edition from their input file; None is the default one.
EDITION_OPTION = typer.Option(
    None, "--edition", help="A bundled edition id, or a path to one (default: the default edition)."
)
AS_OF_OPTION = typer.Option(None, "--as-of", help="Judge evidence age at this time (default: now).")


def load_edition(name: str | None, overlays: tuple[str, ...] = ()) -> Edition:
    """The named edition (the default one when None), from the cache where it can be."""
    from eaism.model.loader import DEFAULT_EDITION
    from eaism.model.loader import load_edition as load

    return load(name or DEFAULT_EDITION, overlays, cache_dir=cache_dir())


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Print an eaism error on stderr, without a traceback, and exit with its code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with applied(limits_from(os.environ)):
                return command(*args, **kwargs)
        except EaismError as error:
            report(error)
            raise typer.Exit(error.exit_code) from None

    return wrapper


def report(error: EaismError) -> None:
    lines = (
        [str(problem) for problem in error.problems]
        if isinstance(error, DataError)
        else [str(error)]
    )
    for line in lines:
        print(f"error: {line}", file=sys.stderr)
    if isinstance(error, DataError) and len(lines) > 1:
        print(f"{len(lines)} problems found.", file=sys.stderr)


def write_output(text: str, out: Path | None) -> None:
    """Write to a file when asked, else to standard output."""
    text = text if text.endswith("\n") else text + "\n"
    if out is None:
        sys.stdout.write(text)
        return
    try:
        content = text.encode("utf-8")
    except UnicodeEncodeError as error:
        message = (
            f"--out {out}: the output holds {error.object[error.start]!r}, which is not a character"
        )
        raise UsageError(message) from None
    write_bytes(content, out)


def write_bytes(content: bytes, out: Path) -> None:
    """Replace `out` with `content` whole: a failure leaves no empty or partial file behind."""
    with replaced(out) as file:
        file.write(content)


@contextmanager
def replaced(out: Path) -> Iterator[BinaryIO]:
    """A file written beside `out` that takes its place only when the block succeeds."""
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as file:
            yield file
        os.replace(temporary, out)
    except OSError as error:
        raise UsageError(f"--out {out}: cannot be written ({error.strerror or error})") from None
    finally:
        temporary.unlink(missing_ok=True)


def console(width: int | None = None) -> Any:
    from rich.console import Console

    return Console(width=width or int(os.environ.get("EAISM_WIDTH", "0")) or None, highlight=False)


def dump_json(data: Any) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False)
