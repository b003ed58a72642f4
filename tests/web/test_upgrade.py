"""A database made by the previous release upgrades to today's code with every answer, score and
audit entry intact.

The fixture (tests/fixtures/upgrade/) was built by scripts/make_upgrade_fixture.py with the
release's own code; its manifest lists what the database holds. An operator upgrades a SQLite
file in place with `eaism admin migrate`, or moves the old database elsewhere (to PostgreSQL in
the PostgreSQL run) with `eaism admin backup` and `eaism admin restore`, which restores at the
old schema and migrates forward.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from scripts.make_upgrade_fixture import FIXTURES as FIXTURE
from scripts.make_upgrade_fixture import MANIFEST, RELEASE

from tests.web.children import child_environment, run_eaism, run_python

# What the database holds, read with today's models, in the manifest's shape.
READ = (
    """
import django, json
django.setup()
from eaism.web.assessments.models import Answer, Score
from eaism.web.audit.models import AuditEvent
"""
    + MANIFEST
)


def manifest() -> dict[str, object]:
    data = json.loads((FIXTURE / f"{RELEASE}.json").read_text(encoding="utf-8"))
    return {key: data[key] for key in ("answers", "scores", "audit")}


def old_database(folder: Path) -> dict[str, str]:
    """A copy of the release's SQLite file as the data folder of a child environment."""
    folder.mkdir()
    environment = child_environment(folder)
    environment["DATABASE_URL"] = ""
    shutil.copyfile(FIXTURE / f"{RELEASE}.sqlite3", folder / "data" / "eaism.sqlite3")
    return environment


def applied_migrations(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute("SELECT count(*) FROM django_migrations").fetchone()
    connection.close()
    return int(count)


def test_the_fixture_is_of_an_older_schema() -> None:
    # Otherwise the tests below would upgrade nothing.
    old = applied_migrations(FIXTURE / f"{RELEASE}.sqlite3")
    manifest_rows = manifest()
    assert old > 0
    assert all(manifest_rows[key] for key in ("answers", "scores", "audit"))
    assert not (FIXTURE / f"{RELEASE}.sqlite3-wal").exists()


def test_a_database_of_the_previous_release_upgrades_in_place(tmp_path: Path) -> None:
    environment = old_database(tmp_path / "old")
    database = tmp_path / "old" / "data" / "eaism.sqlite3"
    before = applied_migrations(database)

    done = run_eaism("admin", "migrate", environment=environment)

    assert done.returncode == 0, done.stderr
    assert applied_migrations(database) > before
    assert run_python(READ, environment=environment) == manifest()


def test_a_database_of_the_previous_release_moves_through_a_backup(tmp_path: Path) -> None:
    source = old_database(tmp_path / "old")
    database = tmp_path / "old" / "data" / "eaism.sqlite3"
    before = applied_migrations(database)
    backup = tmp_path / "old.backup"

    backed_up = run_eaism("admin", "backup", str(backup), environment=source)
    assert backed_up.returncode == 0, backed_up.stderr
    assert applied_migrations(database) == before  # a backup never migrates

    (tmp_path / "new").mkdir()
    target = child_environment(tmp_path / "new")  # PostgreSQL in the PostgreSQL run
    restored = run_eaism("admin", "restore", str(backup), environment=target)
    assert restored.returncode == 0, restored.stderr
    assert run_python(READ, environment=target) == manifest()


def test_an_old_backup_is_refused_by_a_database_already_set_up_by_this_version(
    tmp_path: Path,
) -> None:
    # Going back would undo migrations that cannot be undone: refused before any is touched.
    source = old_database(tmp_path / "old")
    backup = tmp_path / "old.backup"
    assert run_eaism("admin", "backup", str(backup), environment=source).returncode == 0
    (tmp_path / "new").mkdir()
    target = child_environment(tmp_path / "new") | {"DATABASE_URL": ""}
    assert run_eaism("admin", "migrate", environment=target).returncode == 0
    database = tmp_path / "new" / "data" / "eaism.sqlite3"
    before = applied_migrations(database)

    refused = run_eaism("admin", "restore", str(backup), environment=target)

    assert refused.returncode == 2
    assert "is set up at another schema than the backup and cannot be taken back" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert applied_migrations(database) == before
