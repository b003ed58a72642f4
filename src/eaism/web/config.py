"""Settings that need checking: the secret key and the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY = "eaism-development-key-not-for-production-use-0123456789"
PLACEHOLDERS = {"", "changeme", "change-me", "secret", DEVELOPMENT_KEY}
MIN_KEY_LENGTH = 50


def secret_key(configured: str, production: bool) -> str:
    """The development key outside production; in production a long, real key or no start."""
    if not production:
        return configured or DEVELOPMENT_KEY
    if configured in PLACEHOLDERS or len(configured) < MIN_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"EAISM_SECRET_KEY must be set to a random value of at least {MIN_KEY_LENGTH} characters "
            "in production; generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    return configured


def database_settings(url: str, data_dir: Path, parse: Callable[..., Any]) -> dict[str, Any]:
    """PostgreSQL from DATABASE_URL, else SQLite in write-ahead-log mode in the data folder."""
    if url:
        return dict(parse(url, conn_max_age=60, conn_health_checks=True))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": data_dir / "eaism.sqlite3",
        "OPTIONS": {
            # WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at the
            # start of a transaction, so concurrent writers queue instead of failing mid-way.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }
