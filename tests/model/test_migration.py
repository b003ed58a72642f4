"""Migration files: read and checked with located errors, and answers carried both ways."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.errors import DataError, UsageError
from eaism.model.loader import (
    EDITIONS_ROOT,
    bundled_editions,
    load_edition,
    read_edition,
    read_migration,
)
from eaism.model.migration import Migration
from eaism.model.schema import ANSWER_VALUES, Edition
from eaism.scoring.answers import Answer, Respondent, Response
from eaism.scoring.migrate import migrate_response
from tests import next_edition as next_
from tests.next_edition import migration_data, write_next_edition

EARLY = datetime(2026, 3, 1, tzinfo=UTC)
LATE = datetime(2026, 9, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Edition, Edition, Migration]:
    folder = write_next_edition(tmp_path_factory.mktemp("editions"))
    new = read_edition(folder)
    migration = read_migration(str(folder), new)
    assert migration is not None
    return load_edition(), new, migration


def response(edition: str, answers: dict[str, Answer], **fields: Any) -> Response:
    return Response(edition, Respondent("p-1", role="software_engineer"), answers=answers, **fields)


# Reading and checking the file.


def test_the_file_is_read_into_entries_removals_and_additions(
    pair: tuple[Edition, Edition, Migration],
) -> None:
    _, new, migration = pair
    assert (migration.source_edition, migration.target_edition) == ("2026.1", next_.NEXT_ID)
    assert migration.removed == (next_.REMOVED,)
    assert migration.added == (next_.ADDED,)
    merged = next(entry for entry in migration.entries if entry.target == next_.MERGED[1])
    assert merged.sources == next_.MERGED[0]
    assert merged.carried
    replaced = next(entry for entry in migration.entries if entry.target == next_.REPLACED[1])
    assert (replaced.carried, replaced.note) == (False, "a different question")
    assert len(migration.entries) + len(migration.added) == len(new.item_index)
    assert read_migration("2026.1") is None  # an edition without a file has no migration


def broken(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = migration_data()
    change(data)
    return {"migration": data}


def entry_to(data: dict[str, Any], target: str) -> dict[str, Any]:
    found: dict[str, Any] = next(entry for entry in data["map"] if entry["to"] == target)
    return found


def drop_entry(data: dict[str, Any], target: str) -> None:
    data["map"].remove(entry_to(data, target))


MERGED_AT = [entry["to"] for entry in migration_data()["map"]].index(next_.MERGED[1])
ENTRIES = len(migration_data()["map"])
# Each case: the change, the path and message of the one problem, and text on its line.
BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str, str, str]] = {
    "an old item unaccounted for": (
        lambda data: entry_to(data, next_.MERGED[1])["from"].pop(),
        "migration.removed",
        f"'{next_.MERGED[0][1]}' of edition 2026.1 is not accounted for; name it in a map"
        " entry's from or list it under removed",
        "removed:",
    ),
    "a new item unaccounted for": (
        lambda data: data["added"].clear(),
        "migration.added",
        f"'{next_.ADDED}' of edition 2099.1 is not accounted for; name it in a map entry's to"
        " or list it under added",
        "added: []",
    ),
    "a new item mapped twice": (
        lambda data: data["map"].append({"from": [next_.RENAMED[0]], "to": next_.MERGED[1]}),
        f"migration.map[{ENTRIES}].to",
        f"'{next_.MERGED[1]}' is already the to of map[{MERGED_AT}]; give each new item one entry",
        f"to: {next_.MERGED[1]}",
    ),
    "an old item both mapped and removed": (
        lambda data: data["removed"].append("prompting.l2.reusable_templates"),
        "migration.removed[1]",
        "'prompting.l2.reusable_templates' is also in a map entry's from; an old item is either"
        " mapped or removed",
        "- prompting.l2.reusable_templates",
    ),
    "a new item both mapped and added": (
        lambda data: data["added"].append(next_.MERGED[1]),
        "migration.added[1]",
        f"'{next_.MERGED[1]}' is also the to of map[{MERGED_AT}]; a new item is either mapped"
        " or added",
        f"- {next_.MERGED[1]}",
    ),
    "an id the old edition lacks": (
        lambda data: entry_to(data, next_.MERGED[1])["from"].append("observability.l3.nothing"),
        f"migration.map[{MERGED_AT}].from[2]",
        "'observability.l3.nothing' is not an item of edition 2026.1",
        "- observability.l3.nothing",
    ),
    "an id the new edition lacks": (
        lambda data: data["added"].append("security.l4.nothing"),
        "migration.added[1]",
        "'security.l4.nothing' is not an item of edition 2099.1",
        "- security.l4.nothing",
    ),
    "a misspelt field": (
        lambda data: entry_to(data, next_.MERGED[1]).update(carry=False),
        f"migration.map[{MERGED_AT}].carry",
        "unknown field; expected one of: from, to, carried, note",
        "carry: false",
    ),
    "carried that is not a yes or no": (
        lambda data: entry_to(data, next_.MERGED[1]).update(carried="sometimes"),
        f"migration.map[{MERGED_AT}].carried",
        "'sometimes' is not true or false",
        "carried: sometimes",
    ),
    "from as one id instead of a list": (
        lambda data: entry_to(data, next_.MERGED[1]).update({"from": next_.MERGED[0][0]}),
        f"migration.map[{MERGED_AT}].from",
        "expected a list of item ids, such as [prompting.l1.everyday_prompting]",
        f"from: {next_.MERGED[0][0]}",
    ),
    "a previous edition that does not exist": (
        lambda data: data.update({"from": "1999.1"}),
        "migration.from",
        "'1999.1' is neither an edition beside",
        "from: '1999.1'",
    ),
    "a migration from the edition itself": (
        lambda data: data.update({"from": next_.NEXT_ID}),
        "migration.from",
        "'2099.1' is this edition; name the previous one",
        "from: '2099.1'",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_is_refused_at_its_line(case: str, tmp_path: Path) -> None:
    change, path, message, text = BROKEN[case]
    folder = write_next_edition(tmp_path, broken(change))
    with pytest.raises(DataError) as raised:
        read_edition(folder)
    problems = raised.value.problems
    assert len(problems) == 1, [str(problem) for problem in problems]
    location = problems[0].location
    assert (location.source, location.path) == ("migration.yaml", path)
    assert problems[0].message.startswith(message)
    lines = (folder / "migration.yaml").read_text(encoding="utf-8").splitlines()
    assert location.line is not None
    assert lines[location.line - 1].strip().removeprefix("- ") == text.removeprefix("- ") or (
        lines[location.line - 1].strip() == text
    )


def test_every_problem_is_listed_together(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["removed"].append("nowhere.l1.item")
        data["added"].append("nowhere.l2.item")

    folder = write_next_edition(tmp_path, broken(change))
    with pytest.raises(DataError) as raised:
        read_edition(folder)
    assert [problem.location.path for problem in raised.value.problems] == [
        "migration.removed[1]",
        "migration.added[1]",
    ]


def test_a_file_without_the_migration_key_is_refused(tmp_path: Path) -> None:
    folder = write_next_edition(tmp_path, {"map": []})
    with pytest.raises(DataError) as raised:
        read_edition(folder)
    assert [str(problem) for problem in raised.value.problems] == [
        "migration.yaml:1: expected a mapping with the key 'migration'"
    ]


def test_a_previous_edition_beside_the_new_one_is_used_before_a_bundled_one(
    tmp_path: Path,
) -> None:
    folder = write_next_edition(tmp_path, broken(lambda data: data.update({"from": "2026.0"})))
    with pytest.raises(DataError, match=r"'2026\.0' is neither an edition beside"):
        read_edition(folder)
    older = tmp_path / "2026.0"
    older.mkdir()
    for path in (EDITIONS_ROOT / "2026.1").rglob("*"):
        if path.is_file():
            target = older / path.relative_to(EDITIONS_ROOT / "2026.1")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    edition_file = older / "edition.yaml"
    edition_file.write_text(
        edition_file.read_text(encoding="utf-8").replace('id: "2026.1"', 'id: "2026.0"'),
        encoding="utf-8",
    )
    migration = read_migration(str(folder))
    assert migration is not None
    assert migration.source_edition == "2026.0"


# Carrying answers.


def test_each_kind_of_entry_carries_what_it_says_and_reports_the_rest(
    pair: tuple[Edition, Edition, Migration],
) -> None:
    _, new, migration = pair
    first, second = next_.MERGED[0]
    answers = {
        next_.RENAMED[0]: Answer(1.0, "shipped the assistant", EARLY),
        first: Answer(0.5, "traces", LATE),
        second: Answer(0.5, "costs", EARLY),
        next_.SPLIT[0]: Answer(0.25),
        next_.PARTLY[0]: Answer(1.0, "masked"),
        next_.REPLACED[0]: Answer(1.0),
        next_.REMOVED: Answer(0.5),
    }
    source = response("2026.1", answers, levels={"security": 2}, source="reviewer")
    migrated = migrate_response(source, migration, new)
    result, report = migrated.response, migrated.report
    assert (result.edition, result.levels, result.overlays) == (next_.NEXT_ID, {}, ())
    assert result.respondent == source.respondent
    assert result.answers == {
        next_.RENAMED[1]: answers[next_.RENAMED[0]],
        next_.MERGED[1]: Answer(0.5, "traces\n\ncosts", EARLY),  # the oldest time
        next_.SPLIT[1][0]: answers[next_.SPLIT[0]],
        next_.SPLIT[1][1]: answers[next_.SPLIT[0]],
        next_.PARTLY[1][0]: answers[next_.PARTLY[0]],
    }
    assert {(item.item, item.reason) for item in report.unanswered} == {
        (next_.ADDED, "new"),
        (next_.REPLACED[1], "replaced"),
        (next_.PARTLY[1][1], "replaced"),
    }
    assert [(answer.item, answer.reason) for answer in report.dropped] == [
        (next_.REPLACED[0], "not_carried"),
        (next_.REMOVED, "removed"),
    ]
    assert report.dropped[0].related == (next_.REPLACED[1],)
    assert report.dropped[0].notes == ("a different question",)
    assert report.dropped_levels == ("security",)


def test_a_merge_is_carried_only_when_every_old_answer_agrees(
    pair: tuple[Edition, Edition, Migration],
) -> None:
    _, new, migration = pair
    first, second = next_.MERGED[0]
    differ = {first: Answer(0.5), second: Answer(1.0)}
    partly = {first: Answer(0.5)}
    for answers, reason, values in (
        (differ, "answers_differ", (0.5, 1.0)),
        (partly, "partly_answered", (0.5, None)),
    ):
        report = migrate_response(response("2026.1", answers), migration, new).report
        assert report.carried == ()
        [item] = [item for item in report.unanswered if item.item == next_.MERGED[1]]
        assert (item.reason, item.sources, item.values) == (reason, next_.MERGED[0], values)


def test_backwards_a_split_reads_as_a_merge(pair: tuple[Edition, Edition, Migration]) -> None:
    old, new, migration = pair
    retries, fallbacks = next_.SPLIT[1]
    agree = {retries: Answer(1.0, "retries"), fallbacks: Answer(1.0, "fallbacks")}
    back = migrate_response(response(new.id, agree), migration, old)
    assert back.response.edition == "2026.1"
    assert back.response.answers == {next_.SPLIT[0]: Answer(1.0, "retries\n\nfallbacks")}
    differ = {retries: Answer(1.0), fallbacks: Answer(0.0)}
    report = migrate_response(response(new.id, differ), migration, old).report
    assert [(item.item, item.reason) for item in report.unanswered][:1] == [
        (next_.SPLIT[0], "answers_differ")
    ]
    added = {next_.ADDED: Answer(1.0)}
    report = migrate_response(response(new.id, added), migration, old).report
    assert [(answer.item, answer.reason) for answer in report.dropped] == [(next_.ADDED, "removed")]
    assert (next_.REMOVED, "new") in {(item.item, item.reason) for item in report.unanswered}


def test_a_migration_that_does_not_join_the_editions_is_refused(
    pair: tuple[Edition, Edition, Migration],
) -> None:
    old, _, migration = pair
    with pytest.raises(UsageError, match=r"does not lead from edition 2026\.1 to 2026\.1"):
        migrate_response(response("2026.1", {}), migration, old)


def test_a_role_the_new_edition_lacks_is_left_out(pair: tuple[Edition, Edition, Migration]) -> None:
    _, new, migration = pair
    lone = Response("2026.1", Respondent("p-2", role="astronaut"))
    migrated = migrate_response(lone, migration, new)
    assert migrated.response.respondent.role is None
    assert migrated.report.dropped_role == "astronaut"


def test_an_overlay_item_the_file_does_not_map_is_dropped(
    pair: tuple[Edition, Edition, Migration],
) -> None:
    _, new, migration = pair
    overlay_item = "apis_integration.l3.agentic_orchestration"
    assert overlay_item in load_edition("2026.1", ("agentic",)).item_index
    answers = {overlay_item: Answer(1.0), next_.RENAMED[0]: Answer(0.5)}
    source = response("2026.1", answers, overlays=("agentic",))
    migrated = migrate_response(source, migration, new)
    assert migrated.response.overlays == ()
    assert set(migrated.response.answers) == {next_.RENAMED[1]}
    assert [(answer.item, answer.reason) for answer in migrated.report.dropped] == [
        (overlay_item, "not_mapped")
    ]


# The round trip, over random responses.


def carried_both_ways(migration: Migration, answers: dict[str, Answer], item_id: str) -> bool:
    """What the map says survives a round trip, read straight from its entries.

    An old answer comes back when some carried entry starts from it, and every carried entry
    that does has all of its old items answered with that same value.
    """
    entries = [entry for entry in migration.entries if entry.carried and item_id in entry.sources]
    value = answers[item_id].value
    return bool(entries) and all(
        source in answers and answers[source].value == value
        for entry in entries
        for source in entry.sources
    )


def bundled_pairs() -> list[str]:
    return [
        name for name in bundled_editions() if (EDITIONS_ROOT / name / "migration.yaml").exists()
    ]


def round_trip_property(old: Edition, new: Edition, migration: Migration) -> Any:
    item_ids = sorted(old.item_index)
    answer = st.builds(
        Answer,
        st.sampled_from(ANSWER_VALUES),
        st.sampled_from(["", "shipped it", "a link: https://example.org/pr/1"]),
        st.sampled_from([None, EARLY, LATE]),
    )

    @settings(max_examples=150, deadline=None)
    @given(st.dictionaries(st.sampled_from(item_ids), answer))
    def check(answers: dict[str, Answer]) -> None:
        there = migrate_response(response(old.id, answers), migration, new).response
        back = migrate_response(there, migration, old).response
        expected = {
            item_id for item_id in answers if carried_both_ways(migration, answers, item_id)
        }
        assert set(back.answers) == expected
        for item_id in expected:
            kept, original = back.answers[item_id], answers[item_id]
            assert kept.value == original.value
            assert original.evidence in kept.evidence
            entries = [entry for entry in migration.entries if item_id in entry.sources]
            if all(entry.sources == (item_id,) for entry in entries):
                assert kept == original  # carried one to one: evidence and time as they were

    return check


def test_a_round_trip_keeps_exactly_the_answers_the_map_carries(
    pair: tuple[Edition, Edition, Migration],
) -> None:
    round_trip_property(*pair)()


@pytest.mark.parametrize("name", bundled_pairs())
def test_a_round_trip_over_a_bundled_migration_keeps_what_it_carries(name: str) -> None:
    new = load_edition(name)
    migration = read_migration(name, new)
    assert migration is not None
    round_trip_property(load_edition(migration.source_edition), new, migration)()


def test_the_expected_set_is_not_everything(pair: tuple[Edition, Edition, Migration]) -> None:
    """The property could pass by carrying nothing or everything; these answers tell them apart."""
    _, _, migration = pair
    first, second = next_.MERGED[0]
    answers = {
        first: Answer(0.5),
        second: Answer(1.0),
        next_.RENAMED[0]: Answer(1.0),
        next_.REMOVED: Answer(1.0),
    }
    carried = {item_id for item_id in answers if carried_both_ways(migration, answers, item_id)}
    assert carried == {next_.RENAMED[0]}


def test_the_written_file_of_the_test_pair_reads_as_yaml(tmp_path: Path) -> None:
    folder = write_next_edition(tmp_path)
    data = yaml.safe_load((folder / "migration.yaml").read_text(encoding="utf-8"))
    assert data["migration"]["from"] == "2026.1"
