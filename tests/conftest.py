"""Shared fixtures: the bundled edition and builders of responses."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from eaism.model.loader import EDITIONS_ROOT, load_edition
from eaism.model.schema import Edition
from tests.small_edition import write_small_edition

ROOT = Path(__file__).resolve().parent.parent
# No per-example time limit: on a busy two-core machine a first example can take a second
# without anything being wrong. Speed is measured by the benchmarks in bench/, not by tests.
settings.register_profile("eaism", deadline=None)
settings.load_profile("eaism")
# The editions a test of a rule runs on: both bundled ones and the test-only four-level,
# six-domain one, so that nothing assumes five levels or eight domains (issue 13).
EDITIONS = ("2026.1", "2026.2", "test-4x6")


@pytest.fixture(scope="session")
def edition() -> Edition:
    return load_edition()


@pytest.fixture(scope="session")
def small_edition_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test-only edition with four levels and six domains, written once per session."""
    return write_small_edition(tmp_path_factory.mktemp("editions"))


@pytest.fixture(scope="session", params=EDITIONS)
def any_edition(request: pytest.FixtureRequest, small_edition_path: Path) -> Edition:
    """Each edition in turn, for tests whose assertions hold for any edition."""
    name = str(small_edition_path) if request.param == "test-4x6" else request.param
    return load_edition(name)


@pytest.fixture
def edition_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled edition folder, to break on purpose."""
    target = tmp_path / "edition"
    shutil.copytree(EDITIONS_ROOT / "2026.1", target)
    return target


def pytest_configure(config: pytest.Config) -> None:
    # Commands under test must not write into the tester's own cache folder.
    os.environ["EAISM_CACHE_DIR"] = "off"
