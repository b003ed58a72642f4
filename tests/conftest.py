"""Shared fixtures: the bundled edition and builders of responses."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from eaism.model.loader import EDITIONS_ROOT, load_edition
from eaism.model.schema import Edition

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def edition() -> Edition:
    return load_edition()


@pytest.fixture
def edition_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled edition folder, to break on purpose."""
    target = tmp_path / "edition"
    shutil.copytree(EDITIONS_ROOT / "2026.1", target)
    return target


def pytest_configure(config: pytest.Config) -> None:
    # Commands under test must not write into the tester's own cache folder.
    os.environ["EAISM_CACHE_DIR"] = "off"
