"""Upgrading keeps every system's readiness checks when the columns become one list of ids."""

from __future__ import annotations

from itertools import product

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("organisations", "0006_person_email_lower")]
AFTER = [("organisations", "0007_system_readiness_checks")]
# The columns as 0001_initial made them, in edition 2026.1's order.
COLUMNS = ("evaluation", "monitoring", "fallback", "security_review", "cost_controls", "versioning")


@pytest.mark.django_db(transaction=True)
def test_every_combination_of_checks_survives_the_upgrade_and_the_way_back() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("organisations", "Organisation").objects.create(
        name="Upgrade Ltd", slug="upgrade-ltd"
    )
    systems = old.get_model("organisations", "System").objects
    combinations = list(product((False, True), repeat=len(COLUMNS)))  # all 64
    for number, flags in enumerate(combinations):
        systems.create(
            organisation=organisation,
            system_id=f"system-{number:02d}",
            name=f"System {number}",
            **dict(zip(COLUMNS, flags, strict=True)),
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    upgraded = new.get_model("organisations", "System").objects.order_by("system_id")
    assert [system.readiness_checks for system in upgraded] == [
        [column for column, flag in zip(COLUMNS, flags, strict=True) if flag]
        for flags in combinations
    ]

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    back = executor.loader.project_state(BEFORE).apps
    downgraded = back.get_model("organisations", "System").objects.order_by("system_id")
    assert [tuple(getattr(system, c) for c in COLUMNS) for system in downgraded] == combinations

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
