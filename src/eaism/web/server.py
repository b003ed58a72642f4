"""Starting the web app: settings, migrations, the demo, and gunicorn with threaded workers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import django
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from eaism.errors import UsageError


def set_up() -> None:
    """Settings and apps, without migrating (a backup must leave the database as it is)."""
    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise UsageError(str(error)) from None
    if str(settings.DATABASES["default"]["ENGINE"]).endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)


def prepare(demo: bool, echo: Callable[[str], None]) -> None:
    set_up()
    if demo and settings.PRODUCTION:
        raise UsageError(
            "--demo creates accounts whose password is published, so it is refused in "
            "production (EAISM_ENV=production); run the demo without EAISM_ENV"
        )
    call_command("migrate", interactive=False, verbosity=0)
    if demo:
        from eaism.web.organisations.demo import DEMO_PASSWORD, LOGINS, load_demo

        organisation = load_demo()
        echo(f"Demo organisation: {organisation.name}")
        echo(f"Sign in with any of these, password {DEMO_PASSWORD!r}:")
        for login in LOGINS:
            echo(f"  {login.email:<24} {login.role:<9} sees {login.what}")


def run(host: str, port: int, workers: int, background: bool = True) -> None:
    """Serve with gunicorn; with `background`, one `eaism worker` process runs beside it."""
    worker = _start_worker() if background else None
    try:
        _serve(host, port, workers)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)


def _start_worker() -> subprocess.Popen[bytes]:
    # A process of its own: gunicorn forks its web workers, and the task worker must not be one.
    return subprocess.Popen([sys.executable, "-m", "eaism", "worker"])


def _serve(host: str, port: int, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    from eaism.web.wsgi import application

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", 4)
            self.cfg.set("accesslog", "-")

        def load(self) -> object:
            return application

    Server().run()
