"""`eaism report compliance`: counts only by default, names when asked, every format, errors
that say what was wrong."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eaism.cli.app import app
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "organisations" / "compliance.yaml"


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["report", "compliance", *arguments])
    return result.exit_code, result.stdout, result.stderr


def test_by_default_the_pack_holds_counts_only() -> None:
    code, out, _ = run(str(EXAMPLE), "--format", "json", "--as-of", "2026-06-30")
    assert code == 0
    document = json.loads(out)
    assert document["format"] == "eaism.compliance-pack/1"
    assert document["names"] is False
    assert document["records"] is None
    assert "Hugo Brandt" not in out
    assert document["min_group_size"] == 5


def test_names_and_a_smaller_group_size_when_asked() -> None:
    code, out, _ = run(
        str(EXAMPLE),
        "--format",
        "json",
        "--as-of",
        "2026-06-30",
        "--names",
        "--min-group-size",
        "3",
    )
    assert code == 0
    document = json.loads(out)
    assert {record["name"] for record in document["records"]} >= {"Hugo Brandt", "Iris Vale"}
    assert document["summary"]["coverage"] == 0.4


def test_every_format_is_written(tmp_path: Path) -> None:
    for format in ("pdf", "xlsx", "json", "markdown", "html"):
        out = tmp_path / f"pack.{format}"
        code, _, stderr = run(
            str(EXAMPLE), "--format", format, "--out", str(out), "--as-of", "2026-06-30"
        )
        assert code == 0, stderr
        assert out.stat().st_size > 1000
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF")


def test_the_as_of_date_decides_what_is_due() -> None:
    # A year later every measurement of the example is older than 12 months.
    code, out, _ = run(str(EXAMPLE), "--format", "json", "--as-of", "2027-07-01", "--names")
    assert code == 0
    assert {record["status"] for record in json.loads(out)["records"]} == {"due"}


def test_another_edition_can_be_named() -> None:
    code, out, _ = run(
        str(EXAMPLE), "--format", "json", "--edition", "2026.2", "--as-of", "2026-06-30"
    )
    assert code == 0
    assert json.loads(out)["edition"] == "2026.2"


def test_usage_errors_say_what_was_wrong(tmp_path: Path) -> None:
    code, _, stderr = run(str(EXAMPLE), "--format", "pdf")
    assert code == 2
    assert "name the file to write" in stderr
    code, _, stderr = run(str(EXAMPLE), "--format", "json", "--min-group-size", "2")
    assert code == 2
    assert "may not be below 3" in stderr


def test_an_unknown_person_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(EXAMPLE.read_text().replace("oversee: [p08]", "oversee: [p99]"))
    code, _, stderr = run(str(path), "--format", "json")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "p99" in text)
    assert code != 0
    assert (
        f"{path}:{line}: systems[0].people.oversee[0]: 'p99' is not a person in this file" in stderr
    )
    assert not (tmp_path / "pack.json").exists()
