"""`eaism admin import-people`: the installed command on its own SQLite database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHEET = "id,team,name,email\na1,ops,Ann One,ann@x.example\na2,ops,Bo Two,\na3,lab,Cy Three,\n"


@pytest.fixture
def eaism(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run the installed `eaism` on a database in `tmp_path`; returns (code, stdout, stderr)."""
    command = shutil.which("eaism", path=str(Path(sys.executable).parent))
    assert command is not None
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("EAISM_") and name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment |= {"EAISM_DATA_DIR": str(tmp_path / "data"), "EAISM_CACHE_DIR": "off"}

    def run(*arguments: str) -> tuple[int, str, str]:
        done = subprocess.run(
            [command, "admin", *arguments], capture_output=True, text=True, env=environment
        )
        return done.returncode, done.stdout, done.stderr

    assert run("create-org", "CLI Org", "--owner", "o@x.example", "--slug", "cli-org")[0] == 0
    return run


def test_import_people_dry_runs_applies_and_asks_before_deactivating(
    eaism,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    code, out, err = eaism("import-people", "cli-org", str(sheet), "--dry-run")
    assert (code, err) == (0, "")
    assert out.endswith(
        "Would import (update): 3 created, 0 updated, 0 deactivated, 2 teams created.\n"
    )
    code, out, _ = eaism("import-people", "cli-org", str(sheet))
    assert "Imported (update): 3 created, 0 updated, 0 deactivated, 2 teams created." in out
    sheet.write_text("id,team\na1,ops\n", encoding="utf-8")
    code, _, err = eaism("import-people", "cli-org", str(sheet), "--mode", "sync")
    assert code == 2
    assert "confirm-deactivate: type 3 to deactivate 3 people" in err
    code, out, err = eaism(
        "import-people", "cli-org", str(sheet), "--mode", "sync", "--yes-deactivate", "3",
        "--yes-large",
    )  # fmt: skip
    assert code == 0, err
    assert "3 deactivated" in out
    assert "  deactivate a2 Bo Two" in out


def test_import_people_names_each_problem_and_exits_1(
    eaism,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("id,team,email\nb1,ops,not-mail\nb1,ops,\n", encoding="utf-8")
    code, out, err = eaism("import-people", "cli-org", str(sheet))
    assert code == 1
    assert out == ""
    assert f"error: {sheet}:2: row 2, column 'email': 'not-mail' is not an e-mail address" in err
    assert "row 3, column 'id': 'b1' is a duplicate id (first on row 2)" in err
    picture = tmp_path / "photo.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, _, err = eaism("import-people", "cli-org", str(picture))
    assert code == 2
    assert "not a CSV or XLSX file" in err
    code, _, err = eaism("import-people", "no-such-org", str(sheet))
    assert code == 2
    assert "no organisation 'no-such-org'" in err
