"""Child processes with eaism's own settings, on a database of their own: a SQLite file in a
temporary folder, or a new database on the test PostgreSQL server when DATABASE_URL is set, so
that no two tests see each other's rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def child_environment(tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment of a child process; `settings` are more EAISM_* variables."""
    (tmp_path / "data").mkdir(exist_ok=True)
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="eaism.web.settings",
        EAISM_DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL=_fresh_database(os.environ.get("DATABASE_URL", "")),
        **settings,
    )
    return environment


def _fresh_database(url: str) -> str:
    """A new, empty database on the server of `url`; an empty url (SQLite) stays empty."""
    if not url:
        return ""
    import psycopg

    parts = urlsplit(url)
    name = f"child_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def run_python(script: str, *arguments: str, environment: dict[str, str]) -> object:
    """Run a script to its end; its last line of output, as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_eaism(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The installed `eaism` command as an operator runs it, with no terminal to answer prompts."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "eaism"), *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        check=False,
    )
