"""The framework editions the web app serves, each loaded once per process."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings

from eaism.model.loader import load_edition, read_migration
from eaism.model.migration import Migration
from eaism.model.schema import Edition


def current_edition() -> Edition:
    """The edition new rounds are opened with (the `EAISM_EDITION` setting)."""
    return edition_named(settings.EAISM_EDITION)


@functools.cache
def edition_named(name: str) -> Edition:
    """A bundled edition by id (or a path to one); a round is always scored with its own."""
    configured = settings.EAISM_CACHE_DIR
    cache = Path(configured) if configured and configured != "off" else None
    return load_edition(name, cache_dir=cache)


def edition_with_id(edition_id: str) -> Edition:
    """The edition a round was opened with, by its id: the current one, or a bundled one."""
    current = current_edition()
    return current if current.id == edition_id else edition_named(edition_id)


@functools.cache
def migration_between(first_id: str, second_id: str) -> Migration | None:
    """The migration file of either edition that joins the two, read and checked once."""
    for name, other in ((second_id, first_id), (first_id, second_id)):
        migration = read_migration(name, edition_with_id(name), edition_with_id(other))
        if migration is not None and migration.connects(first_id, second_id):
            return migration
    return None
