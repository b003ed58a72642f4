"""A system's readiness checks move from one column each to one list of check ids.

The edition defines the checks (analysis.yaml), so the columns could not follow an edition that
adds one. The six columns are those of edition 2026.1, written here as they were: a migration
is a record of the schema at its time, not of today's edition.
"""

from typing import Any

from django.db import migrations, models

# The columns of 0001_initial, in the order of edition 2026.1's readiness checks.
COLUMNS = ("evaluation", "monitoring", "fallback", "security_review", "cost_controls", "versioning")
BATCH = 500


def columns_to_list(apps: Any, schema_editor: Any) -> None:
    System = apps.get_model("organisations", "System")
    systems = System.objects.using(schema_editor.connection.alias).order_by("pk")
    batch = []
    for system in systems.iterator(chunk_size=BATCH):
        system.readiness_checks = [column for column in COLUMNS if getattr(system, column)]
        batch.append(system)
        if len(batch) == BATCH:
            System.objects.bulk_update(batch, ["readiness_checks"])
            batch = []
    System.objects.bulk_update(batch, ["readiness_checks"])


def list_to_columns(apps: Any, schema_editor: Any) -> None:
    # Back to the columns: a check that has no column of its own (a later edition's) is dropped.
    System = apps.get_model("organisations", "System")
    systems = System.objects.using(schema_editor.connection.alias).order_by("pk")
    batch = []
    for system in systems.iterator(chunk_size=BATCH):
        for column in COLUMNS:
            setattr(system, column, column in (system.readiness_checks or ()))
        batch.append(system)
        if len(batch) == BATCH:
            System.objects.bulk_update(batch, list(COLUMNS))
            batch = []
    System.objects.bulk_update(batch, list(COLUMNS))


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0006_person_email_lower"),
    ]

    operations = [
        migrations.AddField(
            model_name="system",
            name="readiness_checks",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(columns_to_list, list_to_columns, elidable=False),
        *(migrations.RemoveField(model_name="system", name=column) for column in COLUMNS),
    ]
