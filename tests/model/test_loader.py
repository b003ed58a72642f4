"""Loading editions and overlays: every broken input is reported with file, line and path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eaism.errors import DataError, UsageError
from eaism.model.export import edition_document
from eaism.model.json_schema import edition_json_schema, overlay_json_schema
from eaism.model.loader import PACKAGE_ROOT, load_edition, read_edition, read_model_file
from eaism.model.schema import Edition, Overlay


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_edition(path)
    return [str(problem) for problem in caught.value.problems]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    lines = [number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return lines[occurrence - 1]


def test_a_level_off_the_scale_names_file_line_and_path(edition_copy: Path) -> None:
    domain_file = edition_copy / "domains" / "evaluation.yaml"
    replace_in(domain_file, "level: 3\n    statement", "level: 6\n    statement")
    line = line_of(domain_file, "level: 6")
    assert problems_of(edition_copy) == [
        f"domains/evaluation.yaml:{line}: items[1].level: 6 is not a level (1-5)"
    ]


def test_an_item_on_a_not_applicable_cell_is_refused(edition_copy: Path) -> None:
    domain_file = edition_copy / "domains" / "governance.yaml"
    replace_in(domain_file, "level: 3\n    statement", "level: 2\n    statement")
    problems = problems_of(edition_copy)
    assert any(
        problem.startswith("domains/governance.yaml:")
        and problem.endswith("items[0].level: governance has no cell at level 2")
        for problem in problems
    )
    assert any(problem.endswith("level 3 has 0 items; expected 1 to 3") for problem in problems)


def test_bad_yaml_names_the_line(edition_copy: Path) -> None:
    (edition_copy / "levels.yaml").write_text("levels:\n  - number: 1\n   name: [unclosed\n")
    [problem] = problems_of(edition_copy)
    assert problem.startswith("levels.yaml:3: not valid YAML")


def test_an_unknown_field_lists_the_allowed_ones(edition_copy: Path) -> None:
    replace_in(edition_copy / "myths.yaml", "    claim:", "    claims: oops\n    claim:")
    [problem] = problems_of(edition_copy)
    assert "myths.yaml:" in problem
    assert "myths[0].claims: unknown field; expected one of: id, code, claim" in problem


def test_a_missing_part_file_is_named(edition_copy: Path) -> None:
    (edition_copy / "domains" / "strategy.yaml").unlink()
    [problem] = problems_of(edition_copy)
    assert "edition.yaml:" in problem
    assert "domains/strategy.yaml is missing" in problem


def test_every_problem_is_listed_not_only_the_first(edition_copy: Path) -> None:
    replace_in(
        edition_copy / "domains" / "prompting.yaml",
        "level: 2\n    statement",
        "level: 9\n    statement",
    )
    replace_in(edition_copy / "roles.yaml", "target_level: 3", "target_level: 0")
    problems = problems_of(edition_copy)
    assert len(problems) == 2
    assert any("roles.yaml" in problem and "0 is not a level" in problem for problem in problems)


def test_unknown_defining_domain_is_refused(edition_copy: Path) -> None:
    replace_in(
        edition_copy / "edition.yaml", "5: [governance, strategy]", "5: [governance, vision]"
    )
    [problem] = problems_of(edition_copy)
    line = line_of(edition_copy / "edition.yaml", "5: [governance, vision]")
    assert problem.startswith(
        f"edition.yaml:{line}: scoring.defining_domains[5][1]: 'vision' is not a domain"
    )


def test_duplicate_item_ids_are_refused(edition_copy: Path) -> None:
    replace_in(
        edition_copy / "domains" / "evaluation.yaml",
        "evaluation.l3.task_benchmarks",
        "evaluation.l3.automated_suite",
    )
    [problem] = problems_of(edition_copy)
    assert "'evaluation.l3.automated_suite' is already used" in problem


def test_export_validates_again_as_a_single_file_edition(edition: Edition, tmp_path: Path) -> None:
    exported = tmp_path / "edition.json"
    exported.write_text(json.dumps(edition_document(edition)))
    assert read_edition(exported) == edition


def test_the_agentic_overlay_adds_items_without_touching_the_core(edition: Edition) -> None:
    extended = load_edition(overlays=("agentic",))
    added = set(extended.item_index) - set(edition.item_index)
    assert len(added) == 5
    assert all(
        edition.item_index[item_id] == extended.item_index[item_id]
        for item_id in edition.item_index
    )
    assert extended.overlays == ("agentic",)


def test_an_overlay_on_a_missing_cell_is_refused(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(
        "id: mine\nname: Mine\nsummary: Test.\nedition: '2026.1'\ncells:\n"
        "  - domain: governance\n    level: 1\n    descriptor: Nothing.\n"
    )
    with pytest.raises(DataError) as caught:
        read_model_file(overlay)
    assert [str(problem) for problem in caught.value.problems] == [
        "overlay.yaml:7: cells[0].level: governance has no cell at level 1"
    ]


def test_read_model_file_tells_overlays_from_editions(edition_copy: Path) -> None:
    assert isinstance(read_model_file(edition_copy), Edition)
    assert isinstance(read_model_file(PACKAGE_ROOT / "overlays" / "agentic.yaml"), Overlay)


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        read_model_file(tmp_path / "nothing.yaml")


def test_the_cache_gives_back_an_equal_edition(edition: Edition, tmp_path: Path) -> None:
    first = load_edition(cache_dir=tmp_path)
    assert list(tmp_path.glob("edition-*.pickle"))
    assert load_edition(cache_dir=tmp_path) == first == edition


def test_a_damaged_cache_is_ignored(edition: Edition, tmp_path: Path) -> None:
    load_edition(cache_dir=tmp_path)
    for cached in tmp_path.glob("edition-*.pickle"):
        cached.write_bytes(b"not a pickle")
    assert load_edition(cache_dir=tmp_path) == edition


def test_shipped_json_schemas_are_current() -> None:
    schemas = PACKAGE_ROOT / "schemas"
    assert json.loads((schemas / "edition.schema.json").read_text()) == edition_json_schema()
    assert json.loads((schemas / "overlay.schema.json").read_text()) == overlay_json_schema()


def test_an_overlay_may_not_overfill_a_cell(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    items = "".join(
        f"      - id: evaluation.l3.extra_{n}\n        level: 3\n        statement: S.\n        evidence_prompt: E.\n"
        for n in range(2)
    )
    overlay.write_text(
        "id: mine\nname: Mine\nsummary: Test.\nedition: '2026.1'\ncells:\n"
        f"  - domain: evaluation\n    level: 3\n    items:\n{items}"
    )
    with pytest.raises(DataError, match="the cell would hold 4 items; at most 3 are allowed"):
        read_model_file(overlay)


def test_a_bad_question_set_names_the_role_and_the_domain(edition_copy: Path) -> None:
    roles = edition_copy / "roles.yaml"
    replace_in(roles, "      security: 1\n", "      security: 1\n      rag_retrieval: 1\n")
    replace_in(roles, "      strategy: 2\n", "      strategys: 2\n")
    rag, strategy = line_of(roles, "rag_retrieval: 1"), line_of(roles, "strategys: 2")
    problems = problems_of(edition_copy)
    assert problems == [
        f"roles.yaml:{rag}: roles[3].question_set.rag_retrieval: rag_retrieval has no cell at "
        "level 1; its levels are 2, 3, 4, 5",
        f"roles.yaml:{strategy}: roles[3].question_set.strategys: 'strategys' is not a domain; "
        "expected one of: prompting, apis_integration, rag_retrieval, evaluation, observability, "
        "security, governance, strategy",
    ]


def test_the_business_role_is_asked_a_question_set(edition: Edition) -> None:
    assert edition.question_set("business_role") == {
        "prompting": 2,
        "apis_integration": 2,
        "security": 1,
        "strategy": 2,
    }
    assert edition.question_set("software_engineer") is None
    assert edition.question_set("no_such_role") is None
    assert edition.question_set(None) is None
