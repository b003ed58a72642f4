"""Child processes with eaism's own settings, on a database of their own: a SQLite file in a
temporary folder, or the test PostgreSQL server's main database when DATABASE_URL is set."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def child_environment(tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment of a child process; `settings` are more EAISM_* variables."""
    (tmp_path / "data").mkdir(exist_ok=True)
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="eaism.web.settings",
        EAISM_DATA_DIR=str(tmp_path / "data"),
        DATABASE_URL=os.environ.get("DATABASE_URL", ""),
        **settings,
    )
    return environment


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
