"""The schema a database or a backup is at: its applied migrations, and the models of that state.

Rows are read and written with the models as they were at the backup's migrations (Django's
historical models), not today's: a database that this eaism has not migrated yet backs up as
it is, and an older backup restores at its own schema before it is migrated forward.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

from eaism.errors import EaismError, UsageError
from eaism.web.backup.file import Migration

# Tables that every `migrate` fills from the code itself; a database holding only these is empty.
MADE_BY_MIGRATE = frozenset({"django_content_type", "auth_permission"})


class NewerSchemaError(EaismError):
    """The database or backup has migrations this version of eaism does not have."""

    exit_code = 3


def applied(connection: BaseDatabaseWrapper) -> frozenset[Migration]:
    return frozenset(MigrationRecorder(connection).applied_migrations())


def code_migrations(connection: BaseDatabaseWrapper) -> MigrationLoader:
    return MigrationLoader(connection, ignore_no_migrations=True)


def unknown(migrations: Iterable[Migration], loader: MigrationLoader) -> list[Migration]:
    return sorted(set(migrations) - set(loader.graph.nodes))


def describe(migrations: Iterable[Migration]) -> str:
    return ", ".join(f"{app}.{name}" for app, name in sorted(migrations))


def leaves(migrations: frozenset[Migration], loader: MigrationLoader) -> list[Migration]:
    """Each app's last migrations in the set: those that no later one of the same app follows."""
    nodes = loader.graph.node_map
    return sorted(
        key
        for key in migrations
        if not any(
            child.key in migrations and child.key[0] == key[0] for child in nodes[key].children
        )
    )


def models_at(migrations: frozenset[Migration], loader: MigrationLoader) -> list[type[Model]]:
    """Every table's model at that state, many-to-many tables included, one per table."""
    state = loader.project_state(leaves(migrations, loader), at_end=True)
    tables: dict[str, type[Model]] = {}
    for model in state.apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.setdefault(model._meta.db_table, model)
    return [tables[name] for name in sorted(tables)]


def migrate_to(connection: BaseDatabaseWrapper, migrations: frozenset[Migration]) -> None:
    """Apply (or unapply) migrations until the database is at exactly that set."""
    executor = MigrationExecutor(connection)
    chosen = leaves(migrations, executor.loader)
    present = {app for app, _ in chosen}
    every_app = {app for app, _ in executor.loader.graph.nodes}
    targets: list[tuple[str, str | None]] = [*chosen]
    targets += [(app, None) for app in sorted(every_app - present)]  # apps the backup predates
    plan = executor.migration_plan(targets)
    backwards = [migration for migration, undo in plan if undo]
    irreversible = [
        migration
        for migration in backwards
        if any(not operation.reversible for operation in migration.operations)
    ]
    if irreversible or 0 < len(backwards) < len(plan):
        named = describe((m.app_label, m.name) for m in irreversible) or "forwards and backwards"
        raise UsageError(
            f"{database_name(connection)}: is set up at another schema than the backup and "
            f"cannot be taken back to it ({named}); restore into a new database that no "
            "`eaism serve` or `eaism admin migrate` has set up"
        )
    executor.migrate(targets, plan=plan)


def database_name(connection: BaseDatabaseWrapper) -> str:
    """The database as an operator knows it: the SQLite file, or PostgreSQL's name and host."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite database {settings['NAME']}"
    host = settings.get("HOST") or "localhost"
    return f"PostgreSQL database {settings['NAME']} on {host}:{settings.get('PORT') or 5432}"
