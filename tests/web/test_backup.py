"""`eaism admin backup` and `eaism admin restore`, run for real in child processes.

Each database is a child environment's own (a SQLite file in a temporary folder, or a fresh
database on the test PostgreSQL server in the PostgreSQL run). A database is filled through the
app's own functions, backed up, restored into an empty database, and compared table by table,
row by row, for every model Django knows (a new table is covered without a change here).
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.errors import DataError
from eaism.web.backup.file import Header, Table, backup_writer, plain, rows, verify
from tests.web.children import child_environment, run_eaism, run_python
from tests.web.test_concurrency import (
    REQUEST_SECONDS,
    prepare_site,
    running_server,
    save_all,
    stored_answers,
)

# Real data through the app's own functions: the demo organisation, answers, submitted scores,
# a review, invitations in the outbox, an API token, audit entries, a second organisation.
FILL = """
import django, json
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.outreach import queue_invitations
from eaism.web.assessments.reviews import review_domain, review_item
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.organisations.demo import load_demo
from eaism.web.organisations.setup import create_organisation
organisation = load_demo()
round_ = organisation.rounds.get(status="open")
edition = current_edition()
items = list(edition.item_index)
people = list(organisation.people.filter(active=True).order_by("external_id")[:8])
for number, person in enumerate(people):
    person.email = f"person{number}@demo.example"
    person.save(update_fields=["email"])
    for n, item in enumerate(items[number : number + 10]):
        evidence = f"shipped it, person {number} \\u2713 \\"quoted\\"" if n % 2 else ""
        save_answer(round_, person, parse_answer(item, (0, 0.25, 0.5, 1)[(number + n) % 4], evidence))
    if number % 2 == 0:
        submit_response(round_, person)
reviewer = User.objects.get(email="reviewer@demo.example")
review_domain(round_, people[0], reviewer, edition.domain_ids[0], 1, "seen in production")
review_item(round_, people[0], reviewer, items[0], "request_evidence", note="which system?")
queue_invitations(round_)
ApiToken.issue(reviewer, "backup test")
record(None, "export", organisation, target="people.csv", note="\\u00fcber", numbers=[1, 2.5])
create_organisation("Second Ltd", "owner@second.example")
print(json.dumps({"people": len(people)}))
"""

# Every table of today's models, every row in id order, as JSON.
TABLES = """
import django, json
django.setup()
from django.apps import apps
tables = {}
for model in apps.get_models(include_auto_created=True):
    names = [field.attname for field in model._meta.concrete_fields]
    rows = model._base_manager.order_by("pk").values_list(*names)
    tables[model._meta.db_table] = json.loads(json.dumps(list(rows), default=str, sort_keys=True))
print(json.dumps(tables))
"""

# After a restore, new rows get ids of their own: PostgreSQL's sequences were moved on.
AFTER = """
import django, json
django.setup()
from eaism.web.audit.record import record
from eaism.web.organisations.models import Organisation
from eaism.web.organisations.setup import create_organisation
organisation, _ = create_organisation("Made After", "owner@after.example")
record(None, "after_restore", organisation)
print(json.dumps({"organisations": Organisation.objects.count()}))
"""

NO_TABLES = """
import django, json
django.setup()
from django.db import connection
print(json.dumps(connection.introspection.table_names()))
"""

ORGANISATIONS = """
import django, json
django.setup()
from eaism.web.organisations.models import Organisation
print(json.dumps(sorted(Organisation.objects.values_list("slug", flat=True))))
"""

ALWAYS_FILLED = (
    "organisations_organisation",
    "organisations_person",
    "organisations_membership_teams",
    "assessments_answer",
    "assessments_score",
    "assessments_review",
    "assessments_itemreview",
    "assessments_domainreview",
    "audit_auditevent",
    "outbox_message",
    "accounts_apitoken",
)


def environment(folder: Path, **settings: str) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    return child_environment(folder, **settings)


def tables(environment: dict[str, str]) -> dict[str, Any]:
    found = run_python(TABLES, environment=environment)
    assert isinstance(found, dict)
    return found


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path]:
    """A database filled with real data and its backup; tests copy it, never change it."""
    folder = tmp_path_factory.mktemp("filled")
    source = environment(folder / "source")
    run_python(FILL, environment=source)
    backup = folder / "filled.backup"
    done = run_eaism("admin", "backup", str(backup), environment=source)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Backed up ")
    return source, backup


def test_a_restore_has_every_row_of_every_table_and_replaces_data_only_when_confirmed(
    filled: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    source, backup = filled
    target = environment(tmp_path / "target")
    expected = tables(source)
    assert all(expected[table] for table in ALWAYS_FILLED)

    done = run_eaism("admin", "restore", str(backup), environment=target)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Restored ")
    assert tables(target) == expected
    assert run_python(AFTER, environment=target) == {"organisations": 3}

    refused = run_eaism("admin", "restore", str(backup), environment=target)
    unconfirmed = run_eaism("admin", "restore", "--replace", str(backup), environment=target)
    assert "made-after" in run_python(ORGANISATIONS, environment=target)
    replaced = run_eaism("admin", "restore", "--replace", "--yes", str(backup), environment=target)

    assert refused.returncode == 2
    assert "rows already; restore into an empty database, or pass --replace" in refused.stderr
    assert unconfirmed.returncode == 2
    assert "was not confirmed; nothing was changed" in unconfirmed.stderr
    assert replaced.returncode == 0, replaced.stderr
    assert tables(target) == expected


def test_a_backup_moves_between_sqlite_and_postgresql(
    filled: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs the PostgreSQL test server (EAISM_TEST_DATABASE=postgres)")
    source, backup = filled  # on PostgreSQL
    on_sqlite = environment(tmp_path / "sqlite") | {"DATABASE_URL": ""}
    assert run_eaism("admin", "restore", str(backup), environment=on_sqlite).returncode == 0
    again = tmp_path / "from-sqlite.backup"
    assert run_eaism("admin", "backup", str(again), environment=on_sqlite).returncode == 0
    on_postgres = environment(tmp_path / "postgres")
    assert run_eaism("admin", "restore", str(again), environment=on_postgres).returncode == 0

    expected = tables(source)
    assert tables(on_sqlite) == expected
    assert tables(on_postgres) == expected


def rewrite(backup: Path, target: Path, change: Any) -> None:
    """A copy of a backup with its lines changed by `change(lines)`, checksum made right."""
    with gzip.open(backup, "rb") as stream:
        lines = stream.read().splitlines(keepends=True)[:-1]
    lines = change(lines)
    digest = hashlib.sha256(b"".join(lines)).hexdigest()
    trailer = json.dumps({"rows": len(lines) - 1, "sha256": digest}).encode() + b"\n"
    with gzip.open(target, "wb") as stream:
        stream.writelines([*lines, trailer])


def test_a_backup_of_a_newer_schema_is_refused_and_changes_nothing(
    filled: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    _, backup = filled
    newer = tmp_path / "newer.backup"

    def add_migration(lines: list[bytes]) -> list[bytes]:
        header = json.loads(lines[0])
        header["migrations"].append(["assessments", "9999_from_the_future"])
        return [json.dumps(header).encode() + b"\n", *lines[1:]]

    rewrite(backup, newer, add_migration)
    target = environment(tmp_path / "target")
    done = run_eaism("admin", "restore", str(newer), environment=target)

    assert done.returncode == 3
    assert f"error: {newer}: was written by a newer eaism" in done.stderr
    assert "assessments.9999_from_the_future" in done.stderr
    assert run_python(NO_TABLES, environment=target) == []


def test_a_damaged_backup_is_refused_with_its_line_and_nothing_is_restored(
    filled: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    _, backup = filled
    data = backup.read_bytes()
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(data[: len(data) // 2])
    edited = tmp_path / "edited.backup"
    with gzip.open(backup, "rb") as stream:
        lines = stream.read().splitlines(keepends=True)
    lines[5] = lines[5].replace(b"1", b"2", 1)
    with gzip.open(edited, "wb") as stream:
        stream.writelines(lines)
    target = environment(tmp_path / "target")

    cut = run_eaism("admin", "restore", str(truncated), environment=target)
    changed = run_eaism("admin", "restore", str(edited), environment=target)
    not_gzip = run_eaism("admin", "restore", str(Path(__file__)), environment=target)

    assert cut.returncode == 1
    assert f"error: {truncated}:" in cut.stderr
    assert "truncated or damaged" in cut.stderr
    assert changed.returncode == 1
    assert f"error: {edited}:{len(lines)}: checksum mismatch" in changed.stderr
    assert not_gzip.returncode == 1
    assert "not an eaism backup: expected a gzip file" in not_gzip.stderr
    assert "Traceback" not in cut.stderr + changed.stderr + not_gzip.stderr
    assert run_python(NO_TABLES, environment=target) == []


def test_rows_that_do_not_hold_together_are_not_restored_at_all(
    filled: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    _, backup = filled
    broken = tmp_path / "broken.backup"

    def orphan_answer(lines: list[bytes]) -> list[bytes]:
        header = json.loads(lines[0])
        line = 1
        for table in header["tables"]:
            if table["table"] == "assessments_answer":
                row = json.loads(lines[line])
                row[table["columns"].index("response_id")] = 999_999
                lines[line] = json.dumps(row).encode() + b"\n"
                return lines
            line += table["rows"]
        raise AssertionError("no answers in the backup")

    rewrite(backup, broken, orphan_answer)
    target = environment(tmp_path / "target")
    done = run_eaism("admin", "restore", str(broken), environment=target)

    assert done.returncode == 1
    assert "the rows do not hold together" in done.stderr
    assert "nothing was restored" in done.stderr
    assert run_python(ORGANISATIONS, environment=target) == []


PEOPLE = 20
ANSWERS_EACH = 30


def test_a_backup_taken_while_people_save_answers_is_one_consistent_state(
    tmp_path: Path,
) -> None:
    database_url = environment(tmp_path / "urls")["DATABASE_URL"]
    site = prepare_site(tmp_path / "site", PEOPLE, database_url)
    backup = tmp_path / "during.backup"
    started = threading.Event()
    before: list[tuple[str, str, float]] = []

    # Early, so that the saving goes on through the whole backup, start-up included.
    def early(acknowledged: list[tuple[str, str, float]]) -> None:
        if not started.is_set() and len(acknowledged) >= PEOPLE * ANSWERS_EACH // 40:
            before.extend(acknowledged)
            started.set()

    backed_up = threading.Event()

    # Round after round of the same answers (saved again, the same values) until the backup is
    # done: however long the backup takes on a busy machine, people are saving throughout it.
    def keep_saving(port: int) -> None:
        while not backed_up.is_set():
            save_all(site, port, ANSWERS_EACH, early)

    with running_server(site) as server:
        saving = threading.Thread(target=keep_saving, args=(server.port,))
        saving.start()
        assert started.wait(timeout=REQUEST_SECONDS * 2)
        done = run_eaism("admin", "backup", str(backup), environment=site.environment)
        still_saving = saving.is_alive()
        backed_up.set()
        saving.join(timeout=REQUEST_SECONDS * (ANSWERS_EACH + 2))
    assert done.returncode == 0, done.stderr
    assert still_saving, "the saving stopped before the backup was done: nothing was tested"

    target = environment(tmp_path / "target")
    restored = run_eaism("admin", "restore", str(backup), environment=target)
    assert restored.returncode == 0, restored.stderr  # the foreign keys hold: one state
    in_backup = stored_answers(
        dataclasses.replace(site, data_dir=Path(target["EAISM_DATA_DIR"]), environment=target)
    )
    assert set(before) <= in_backup <= stored_answers(site)


# The file format alone, without a database.

HEADER = Header(
    eaism="test",
    engine="sqlite",
    created_at="2026-05-01T09:00:00+00:00",
    migrations=(("audit", "0001_initial"),),
    tables=(Table("audit.auditevent", "audit_auditevent", ("id", "action"), 3),),
)


def small_backup(path: Path) -> Path:
    with backup_writer(path, HEADER) as put:
        for number in range(3):
            put([number + 1, f"action {number}"])
    return path


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_cut_backup_is_refused_and_a_changed_one_never_reads_differently(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("format")
    whole = small_backup(folder / "whole.backup")
    content = whole.read_bytes()
    position = data.draw(st.integers(0, len(content) - 1))
    damaged = folder / "damaged.backup"
    cut = data.draw(st.booleans())
    if cut:
        damaged.write_bytes(content[:position])
    else:
        flip = data.draw(st.integers(1, 255))
        changed = bytes([content[position] ^ flip])
        damaged.write_bytes(content[:position] + changed + content[position + 1 :])
    try:
        header = verify(damaged)
    except DataError as error:
        refused = str(error)
    else:
        refused = ""
    if refused:
        assert refused.startswith(f"{damaged}")
        return
    # Only gzip's own metadata (time, system, text flag) may change without harm.
    assert not cut
    assert header == HEADER
    assert list(rows(damaged, header)) == list(rows(whole, HEADER))


def test_a_backup_that_fails_midway_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "failed.backup"

    def fail_midway() -> None:
        with backup_writer(target, HEADER) as put:
            put([1, "one"])
            raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        fail_midway()
    assert list(tmp_path.iterdir()) == []


@given(
    moment=st.datetimes(
        min_value=datetime(1970, 1, 2),
        max_value=datetime(2200, 1, 1),
        timezones=st.sampled_from([UTC, None]),
    ),
    gap=st.timedeltas(min_value=-timedelta(days=9999), max_value=timedelta(days=9999)),
    number=st.floats(allow_nan=False),
)
def test_values_come_back_exactly_from_their_plain_form(
    moment: datetime, gap: timedelta, number: float
) -> None:
    from django.db import models

    def again(field: models.Field[Any, Any], value: Any) -> Any:
        return field.to_python(json.loads(json.dumps(plain(value))))

    assert again(models.DateTimeField(), moment) == moment
    assert again(models.DurationField(), gap) == gap
    assert again(models.FloatField(), number) == number
    assert again(models.BinaryField(), b"\x00\xffbytes") == b"\x00\xffbytes"
