"""The framework edition the web app serves, loaded once per process."""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings

from eaism.model.loader import load_edition
from eaism.model.schema import Edition


@functools.cache
def current_edition() -> Edition:
    configured = settings.EAISM_CACHE_DIR
    cache = Path(configured) if configured and configured != "off" else None
    return load_edition(settings.EAISM_EDITION, cache_dir=cache)
