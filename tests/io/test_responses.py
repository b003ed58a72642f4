"""Response files: reading validates everything and names the file, line and field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from eaism.errors import DataError, UsageError
from eaism.io.responses import read_response, write_response
from eaism.model.schema import Edition
from eaism.scoring.answers import Answer, Respondent, Response

GOOD = {
    "edition": "2026.1",
    "respondent": {"id": "p1", "role": "software_engineer"},
    "source": "self",
    "answers": {
        "prompting.l1.everyday_prompting": {"value": 1},
        "prompting.l2.reusable_templates": {
            "value": 0.5,
            "evidence": "what shipped, or a link",
            "answered_at": "2026-11-02T10:00:00Z",
        },
    },
}


def write(tmp_path: Path, data: object, name: str = "me.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2) if not isinstance(data, str) else data)
    return path


def problems(path: Path, edition: Edition) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_response(path, edition)
    return [str(problem) for problem in caught.value.problems]


def test_the_documented_shape_reads(tmp_path: Path, edition: Edition) -> None:
    result = read_response(write(tmp_path, GOOD), edition)
    assert result.respondent == Respondent(id="p1", role="software_engineer")
    answer = result.answers["prompting.l2.reusable_templates"]
    assert answer == Answer(0.5, "what shipped, or a link", datetime(2026, 11, 2, 10, tzinfo=UTC))


def test_a_plain_value_is_shorthand_for_an_answer(tmp_path: Path, edition: Edition) -> None:
    data = {**GOOD, "answers": {"prompting.l1.everyday_prompting": 0.25}}
    assert (
        read_response(write(tmp_path, data), edition)
        .answers["prompting.l1.everyday_prompting"]
        .value
        == 0.25
    )


def test_an_unknown_item_is_named_with_its_line(tmp_path: Path, edition: Edition) -> None:
    data = {**GOOD, "answers": {"prompting.l9.nothing": {"value": 1}}}
    path = write(tmp_path, data)
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if "prompting.l9" in text
    )
    assert problems(path, edition) == [
        f"{path}:{line}: answers[\"prompting.l9.nothing\"]: 'prompting.l9.nothing' is not an item of edition 2026.1"
    ]


def test_a_value_off_the_scale_is_named(tmp_path: Path, edition: Edition) -> None:
    data = {**GOOD, "answers": {"prompting.l1.everyday_prompting": {"value": 0.3}}}
    [problem] = problems(write(tmp_path, data), edition)
    assert problem.endswith(
        'answers["prompting.l1.everyday_prompting"].value: 0.3 is not on the answer scale (0, 0.25, 0.5, 1)'
    )


def test_an_edition_mismatch_is_named(tmp_path: Path, edition: Edition) -> None:
    [problem] = problems(write(tmp_path, {**GOOD, "edition": "2024.1"}), edition)
    assert problem.endswith("edition: '2024.1' does not match edition '2026.1'")


def test_every_problem_is_reported_together(tmp_path: Path, edition: Edition) -> None:
    data = {
        **GOOD,
        "source": "boss",
        "respondent": {"id": "p1", "role": "wizard"},
        "answers": {"prompting.l1.everyday_prompting": {"value": 2, "note": "x"}},
    }
    found = problems(write(tmp_path, data), edition)
    assert len(found) == 4
    assert any("respondent.role: 'wizard' is not a role" in problem for problem in found)
    assert any("source: 'boss' is not a source" in problem for problem in found)
    assert any(
        ".note: unknown field; expected one of: value, evidence, answered_at" in problem
        for problem in found
    )


def test_broken_json_names_the_line(tmp_path: Path, edition: Edition) -> None:
    path = write(tmp_path, '{\n  "edition": "2026.1",\n  "answers": {,}\n}')
    assert problems(path, edition) == [
        f"{path}:3: not valid JSON: Expecting property name enclosed in double quotes"
    ]


def test_yaml_responses_read_too(tmp_path: Path, edition: Edition) -> None:
    path = write(
        tmp_path,
        "edition: '2026.1'\nrespondent: {id: p1}\nanswers:\n  security.l1.data_hygiene: 7\n",
        "me.yaml",
    )
    assert problems(path, edition) == [
        f'{path}:4: answers["security.l1.data_hygiene"].value: 7 is not on the answer scale (0, 0.25, 0.5, 1)'
    ]


def test_a_missing_file_is_a_usage_error(tmp_path: Path, edition: Edition) -> None:
    with pytest.raises(UsageError, match="no such file"):
        read_response(tmp_path / "absent.json", edition)


@pytest.mark.parametrize("name", ["saved.json", "saved.yaml"])
def test_writing_then_reading_gives_the_same_response(
    tmp_path: Path, edition: Edition, name: str
) -> None:
    original = Response(
        edition="2026.1",
        respondent=Respondent(id="p1", role="product_manager", team="growth"),
        source="reviewer",
        rater="m1",
        answers={
            "evaluation.l2.manual_spot_checks": Answer(
                1.0, "sheet", datetime(2026, 1, 2, tzinfo=UTC)
            )
        },
        started_at=datetime(2026, 1, 2, tzinfo=UTC),
    )
    write_response(tmp_path / name, original)
    assert read_response(tmp_path / name, edition) == original
    assert list(tmp_path.iterdir()) == [tmp_path / name]


def test_a_raters_domain_levels_are_read_and_written_back(tmp_path: Path) -> None:
    from eaism.io.responses import read_response, write_response
    from eaism.model.loader import load_edition

    edition = load_edition()
    path = tmp_path / "reviewer.json"
    path.write_text(
        '{"format": "eaism.response/1", "edition": "2026.1", "respondent": {"id": "p1"},'
        ' "source": "reviewer", "levels": {"prompting": 1}}'
    )
    response = read_response(path, edition)
    assert response.levels == {"prompting": 1}
    write_response(tmp_path / "again.json", response)
    assert read_response(tmp_path / "again.json", edition) == response


def test_a_bad_domain_level_is_named_by_its_field(tmp_path: Path) -> None:
    from eaism.errors import DataError
    from eaism.io.responses import read_response
    from eaism.model.loader import load_edition

    path = tmp_path / "reviewer.json"
    path.write_text(
        '{"format": "eaism.response/1", "edition": "2026.1", "respondent": {"id": "p1"},'
        ' "source": "reviewer", "levels": {"prompting": 7, "cooking": 1}}'
    )
    with pytest.raises(DataError) as raised:
        read_response(path, load_edition())
    text = str(raised.value)
    assert "levels.prompting" in text
    assert "7 is not a level of this domain" in text
    assert "'cooking' is not a domain" in text
