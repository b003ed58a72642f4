"""The declared document shapes (`*_types.py`) as a whole: names the API can tell apart, and a
start-up that does not pay for them."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import typing_extensions

SOURCE = Path(__file__).resolve().parent.parent / "src"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "responses" / "builder.json"


def _type_modules() -> list[str]:
    return sorted(
        ".".join(path.relative_to(SOURCE).with_suffix("").parts)
        for path in (SOURCE / "eaism").rglob("*_types.py")
    )


def test_every_declared_shape_has_a_name_of_its_own() -> None:
    # django-ninja names an OpenAPI component by its class name alone, and a second class of
    # the same name silently replaces the first in the document.
    owners: dict[str, set[str]] = {}
    for module_name in _type_modules():
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if typing_extensions.is_typeddict(value) and value.__module__ == module_name:
                owners.setdefault(name, set()).add(module_name)
    assert len(owners) > 50  # the modules were found and read
    shared = {name: sorted(modules) for name, modules in owners.items() if len(modules) > 1}
    assert not shared


def test_scoring_a_response_imports_neither_the_shapes_nor_typing_extensions(
    tmp_path: Path,
) -> None:
    # The shapes are for the type checker and the API; `eaism score` has a 0.3 s budget.
    environment = os.environ | {"EAISM_CACHE_DIR": str(tmp_path)}
    command = [sys.executable, "-X", "importtime", "-m", "eaism", "score", str(EXAMPLE)]
    subprocess.run(command, env=environment, capture_output=True, check=True)  # fills the cache
    run = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()}
    assert "eaism.scoring.person" in imported  # importtime did list the imports
    assert "typing_extensions" not in imported
    assert not {name for name in imported if name.startswith("eaism.") and name.endswith("_types")}
