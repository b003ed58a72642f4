"""The database the suite runs on is the one asked for: SQLite by default, PostgreSQL 15 with
EAISM_TEST_DATABASE=postgres (the server that tests/postgres.py starts)."""

from __future__ import annotations

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_asked_for() -> None:
    if os.environ.get("EAISM_TEST_DATABASE") == "postgres":
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version_num")
            (version,) = cursor.fetchone()
        assert int(version) // 10000 == 15
        assert connection.settings_dict["HOST"] == "127.0.0.1"
    else:
        assert connection.vendor == "sqlite"
