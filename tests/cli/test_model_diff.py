"""`eaism model diff` and `eaism model migrate`: three renderings, files written whole, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from eaism.cli.app import app
from eaism.io.responses import read_response
from eaism.model.loader import read_edition
from tests import next_edition as next_
from tests.conftest import ROOT
from tests.next_edition import migration_data, write_next_edition
from tests.small_edition import write_small_edition

BUILDER = ROOT / "examples" / "responses" / "builder.json"
runner = CliRunner()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_next_edition(tmp_path_factory.mktemp("editions"))


def run(*arguments: str) -> Result:
    return runner.invoke(app, ["model", *arguments], env={"EAISM_WIDTH": "200"})


def ok(*arguments: str) -> str:
    result = run(*arguments)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def items(document: dict[str, Any], kind: str) -> list[tuple[list[str], list[str]]]:
    return [
        (change["old"], change["new"]) for change in document["items"] if change["kind"] == kind
    ]


# The diff.


def test_the_diff_lists_each_kind_of_change_by_the_migration(folder: Path) -> None:
    document = json.loads(ok("diff", "2026.1", str(folder), "--format", "json"))
    assert (document["format"], document["old"], document["new"]) == (
        "eaism.diff/1",
        "2026.1",
        "2099.1",
    )
    assert document["matched_by"] == "migration"
    assert document["counts"] == {
        "added": 1,
        "removed": 1,
        "changed": 1,
        "renamed": 1,
        "replaced": 1,
        "split": 2,
        "merged": 1,
        "regrouped": 0,
        "unchanged": 33,
    }
    assert items(document, "merged") == [(list(next_.MERGED[0]), [next_.MERGED[1]])]
    assert items(document, "split")[0] == ([next_.SPLIT[0]], list(next_.SPLIT[1]))
    assert items(document, "renamed") == [([next_.RENAMED[0]], [next_.RENAMED[1]])]
    assert items(document, "removed") == [([next_.REMOVED], [])]
    assert items(document, "added") == [([], [next_.ADDED])]
    [changed] = [change for change in document["items"] if change["kind"] == "changed"]
    assert (changed["old"], changed["fields"]) == ([next_.REWORDED], ["statement"])
    [replaced] = [change for change in document["items"] if change["kind"] == "replaced"]
    assert replaced["not_carried"][0]["note"] == "a different question"
    assert document["levels"] == [{"kind": "changed", "subject": "3", "fields": ["summary"]}]
    assert document["cells"] == [
        {"kind": "changed", "subject": "evaluation.2", "fields": ["descriptor"]}
    ]
    assert document["domains"] == []


def test_newest_first_the_diff_reads_the_file_backwards(folder: Path) -> None:
    document = json.loads(ok("diff", str(folder), "2026.1", "--format", "json"))
    assert document["matched_by"] == "migration"
    assert items(document, "merged")[0] == (list(next_.SPLIT[1]), [next_.SPLIT[0]])
    assert items(document, "split") == [([next_.MERGED[1]], list(next_.MERGED[0]))]
    assert items(document, "added") == [([], [next_.REMOVED])]


def test_without_a_migration_items_levels_and_domains_are_matched_by_id(tmp_path: Path) -> None:
    small = write_small_edition(tmp_path)
    document = json.loads(ok("diff", "2026.1", str(small), "--format", "json"))
    assert document["matched_by"] == "id"
    assert document["levels"] == [{"kind": "removed", "subject": "5", "fields": []}]
    assert [change["subject"] for change in document["domains"]] == ["security", "governance"]
    assert {change["kind"] for change in document["domains"]} == {"removed"}
    removed = {item_id for old, _ in items(document, "removed") for item_id in old}
    assert "security.l1.data_hygiene" in removed
    assert all(kind == "removed" for kind in {change["kind"] for change in document["cells"]})
    assert items(document, "added") == []


def test_the_markdown_diff_has_a_section_per_part(folder: Path) -> None:
    lines = ok("diff", "2026.1", str(folder), "--format", "markdown").splitlines()
    assert lines[0] == "# Changes from edition 2026.1 to 2099.1"
    assert lines[2].startswith("Items matched by the migration file; items: 1 added, 1 removed")
    for heading in ("## Levels", "## Domains", "## Cells", "## Items"):
        assert heading in lines
    assert lines[lines.index("## Domains") + 2] == "No changes."
    assert "| merged | " + "<br>".join(next_.MERGED[0]) + f" | {next_.MERGED[1]} |  |" in lines
    assert (
        f"| replaced | {next_.REPLACED[0]} | {next_.REPLACED[1]} | changed: statement; not carried:"
        f" {next_.REPLACED[0]} → {next_.REPLACED[1]} (a different question) |"
    ) in lines


def test_the_table_diff_names_the_editions_and_the_changes(folder: Path) -> None:
    text = ok("diff", "2026.1", str(folder))
    assert text.startswith("Changes from edition 2026.1 to 2099.1\n")
    assert "Domains: no changes" in text
    assert next_.MERGED[1] in text


def test_diffing_an_edition_that_does_not_exist_is_a_usage_error() -> None:
    result = run("diff", "2026.1", "9999.9")
    assert result.exit_code == 2
    assert "9999.9: not a bundled edition" in result.stderr


# Migrating a response.


def test_a_migrated_response_is_written_and_reads_on_the_new_edition(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "builder-next.json"
    document = json.loads(
        ok("migrate", str(BUILDER), "--to", str(folder), "--out", str(out), "--format", "json")
    )
    assert document["format"] == "eaism.migration/1"
    assert (document["source_edition"], document["target_edition"]) == ("2026.1", "2099.1")
    assert document["written_to"] == str(out)
    migrated = read_response(out, read_edition(folder))
    assert migrated.edition == "2099.1"
    assert set(migrated.answers) == {answer["item"] for answer in document["carried"]}
    assert document["response"]["answers"].keys() == migrated.answers.keys()
    reasons = {item["item"]: item["why"] for item in document["unanswered"]}
    assert reasons[next_.ADDED] == "no counterpart in edition 2026.1"
    assert reasons[next_.MERGED[1]].startswith("not carried: the old answers differ (")


def test_a_migrated_response_goes_back_with_its_edition_given_as_a_path(
    folder: Path, tmp_path: Path
) -> None:
    there, back = tmp_path / "there.yaml", tmp_path / "back.json"
    ok("migrate", str(BUILDER), "--to", str(folder), "--out", str(there))
    assert yaml.safe_load(there.read_text(encoding="utf-8"))["edition"] == "2099.1"
    text = ok(
        "migrate", str(there), "--edition", str(folder), "--to", "2026.1", "--out", str(back),
        "--format", "markdown",
    )  # fmt: skip
    assert text.startswith("# p-0042: answers carried from edition 2099.1 to 2026.1\n")
    original = json.loads(BUILDER.read_text(encoding="utf-8"))["answers"]
    returned = json.loads(back.read_text(encoding="utf-8"))["answers"]
    merged = set(next_.MERGED[0])  # the builder's two answers differ, so they stay behind
    assert returned == {key: value for key, value in original.items() if key not in merged}


def test_without_out_the_report_says_nothing_was_written(folder: Path) -> None:
    text = ok("migrate", str(BUILDER), "--to", str(folder))
    assert "not written (give --out FILE)" in text
    assert "Left to answer" in text
    lines = ok("migrate", str(BUILDER), "--to", str(folder), "--format", "markdown").splitlines()
    assert lines[2] == (
        "21 answers carried, 4 items left to answer, 0 answers dropped; not written (give --out FILE)."
    )
    assert f"| {next_.ADDED} | no counterpart in edition 2026.1 |" in lines


def test_a_response_of_an_edition_that_is_not_bundled_needs_its_path(
    folder: Path, tmp_path: Path
) -> None:
    there = tmp_path / "there.json"
    ok("migrate", str(BUILDER), "--to", str(folder), "--out", str(there))
    result = run("migrate", str(there), "--to", "2026.1")
    assert result.exit_code == 1
    assert f"error: {there}:3: edition: '2099.1' is not a bundled edition" in result.stderr
    assert "give its path with --edition" in result.stderr


def test_editions_no_migration_joins_are_refused(tmp_path: Path) -> None:
    small = write_small_edition(tmp_path)
    out = tmp_path / "small.json"
    result = run("migrate", str(BUILDER), "--to", str(small), "--out", str(out))
    assert result.exit_code == 2
    assert "no migration file joins edition 2026.1 and test-4x6" in result.stderr
    assert not out.exists()


def test_a_response_already_on_the_edition_is_refused() -> None:
    result = run("migrate", str(BUILDER), "--to", "2026.1")
    assert result.exit_code == 2
    assert "is already on edition 2026.1" in result.stderr


def test_an_output_that_cannot_be_written_leaves_nothing_behind(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "missing-folder" / "out.json"
    result = run("migrate", str(BUILDER), "--to", str(folder), "--out", str(out))
    assert result.exit_code == 2
    assert f"--out {out}: cannot be written" in result.stderr
    assert not out.parent.exists()


def test_a_broken_migration_file_keeps_the_old_output_and_names_its_line(tmp_path: Path) -> None:
    data = migration_data()
    data["added"].append("security.l4.nothing")
    broken = write_next_edition(tmp_path, {"migration": data})
    out = tmp_path / "out.json"
    out.write_text("{}\n", encoding="utf-8")
    result = run("migrate", str(BUILDER), "--to", str(broken), "--out", str(out))
    assert result.exit_code == 1
    assert "migration.yaml:" in result.stderr
    assert (
        "migration.added[1]: 'security.l4.nothing' is not an item of edition 2099.1"
        in result.stderr
    )
    assert out.read_text(encoding="utf-8") == "{}\n"
    validated = run("validate", str(broken))
    assert validated.exit_code == 1
    assert "migration.added[1]" in validated.stderr
