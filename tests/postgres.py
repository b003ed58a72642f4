"""A throwaway PostgreSQL 15 server for the test run, when EAISM_TEST_DATABASE=postgres.

Loaded with `-p tests.postgres` (pytest's addopts). Before Django's settings are read, it creates
a data folder in a fresh temporary directory, starts a server on a free port of 127.0.0.1 and
points DATABASE_URL at it; the settings then use PostgreSQL instead of SQLite. The server is
stopped and its folder removed at the end of the run, also when tests fail or the run is
interrupted. Without the variable this plugin does nothing.

As root the server runs as the `postgres` user (`runuser -u postgres --`); as anyone else it
runs as that user.
"""

from __future__ import annotations

import atexit
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

import pytest

VARIABLE = "EAISM_TEST_DATABASE"
BINARIES = Path(os.environ.get("EAISM_POSTGRES_BIN", "/usr/lib/postgresql/15/bin"))
ROLE = "eaism"
DATABASE = "eaism"
START_ATTEMPTS = 3


class PostgresError(RuntimeError):
    """The test server could not be set up; the message carries the server's own words."""


@dataclass
class Server:
    folder: Path
    port: int
    password: str
    running: bool = False

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def url(self) -> str:
        return f"postgres://{ROLE}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"


def wanted() -> bool:
    value = os.environ.get(VARIABLE, "")
    if value not in {"", "sqlite", "postgres"}:
        raise pytest.UsageError(f"{VARIABLE}={value!r}: expected 'postgres' or 'sqlite'")
    return value == "postgres"


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> Generator[None]:
    """Runs around pytest-django's hook of the same name, which reads the settings."""
    options = early_config.known_args_namespace
    if not wanted() or options.help or options.version:
        return (yield)
    server = start()
    early_config.add_cleanup(lambda: stop(server))
    atexit.register(stop, server)  # an early crash skips pytest's clean-up; atexit still runs
    os.environ["DATABASE_URL"] = server.url
    early_config.stash[SERVER] = server
    try:
        result = yield
    except BaseException:
        stop(server)
        raise
    check_engine()
    return result


SERVER = pytest.StashKey[Server]()


def pytest_report_header(config: pytest.Config) -> str | None:
    server = config.stash.get(SERVER, None)
    if server is None:
        return None
    return f"database: PostgreSQL test server on 127.0.0.1:{server.port} ({server.folder})"


def start() -> Server:
    """initdb into a new folder, start the server (pg_ctl -w waits until it takes connections)."""
    if not (BINARIES / "pg_ctl").exists():
        raise PostgresError(
            f"{VARIABLE}=postgres needs the PostgreSQL 15 server programs in {BINARIES} "
            "(Debian: apt-get install postgresql-15); set EAISM_POSTGRES_BIN to look elsewhere"
        )
    folder = Path(tempfile.mkdtemp(prefix="eaism-pg-"))
    server = Server(folder, 0, secrets.token_urlsafe(16))
    try:
        _give_to_server_user(folder)
        # The socket folder is the server's own (mode 0700): only its user may connect there,
        # so local connections are trusted; TCP connections need the role's password.
        _run(
            "initdb",
            f"--pgdata={server.data}",
            "--username=postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
            "--no-instructions",
        )
        _start_on_a_free_port(server)
        local = (f"--host={folder}", f"--port={server.port}", "--username=postgres")
        _run(
            "psql",
            *local,
            "--dbname=postgres",
            "--quiet",
            "--set=ON_ERROR_STOP=1",
            f"--command=CREATE ROLE {ROLE} LOGIN CREATEDB PASSWORD '{server.password}'",
        )
        _run("createdb", *local, f"--owner={ROLE}", DATABASE)
    except BaseException:
        stop(server)
        raise
    return server


def _start_on_a_free_port(server: Server) -> None:
    """A port can be taken between finding it free and binding it: then try another."""
    for attempt in range(1, START_ATTEMPTS + 1):
        server.port = _free_port()
        options = (
            f"-p {server.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={server.folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        try:
            _run(
                "pg_ctl",
                *("-w", "-D", str(server.data), "-l", str(server.log), "-o", options, "start"),
                log=server.log,
            )
        except PostgresError:
            if attempt == START_ATTEMPTS or "could not bind" not in _read(server.log):
                raise
            continue
        server.running = True
        return


def stop(server: Server) -> None:
    """Stop the server and remove its folder; safe to call more than once."""
    if server.running:
        server.running = False
        subprocess.run(
            _command("pg_ctl", "-w", "-D", str(server.data), "-m", "fast", "stop"),
            cwd=tempfile.gettempdir(),
            capture_output=True,
            check=False,
        )
    shutil.rmtree(server.folder, ignore_errors=True)


def check_engine() -> None:
    """The settings must really have switched: a test run on SQLite by mistake proves nothing."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        raise PostgresError(
            f"{VARIABLE}=postgres started a server, but the settings use {engine}; "
            "the settings must read DATABASE_URL"
        )


def _run(program: str, *arguments: str, log: Path | None = None) -> None:
    completed = subprocess.run(
        _command(program, *arguments),
        cwd=tempfile.gettempdir(),  # the server user may not enter the current folder
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        server_log = f"\nserver log:\n{_read(log)}" if log else ""
        raise PostgresError(
            f"{program} failed with exit code {completed.returncode}:\n"
            f"{completed.stdout}{completed.stderr}{server_log}"
        )


def _command(program: str, *arguments: str) -> list[str]:
    """A server program with its arguments, run as the `postgres` user when we are root."""
    as_server_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return [*as_server_user, str(BINARIES / program), *arguments]


def _give_to_server_user(path: Path) -> None:
    if os.geteuid() != 0:
        return
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresError(
            "running as root, the test server needs a 'postgres' user to run as "
            "(it comes with Debian's postgresql-15 package)"
        ) from None
    os.chown(path, account.pw_uid, account.pw_gid)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""
