"""Competence records: the example organisation's pack against hand counts, and the rules as
properties over random inventories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.analysis.competence import (
    INVOLVEMENTS,
    RISK_CLASSES,
    CompetenceInputs,
    Involvement,
    PersonEvidence,
    competence_pack,
    compliance_document,
    effective_requirements,
)
from eaism.analysis.organisation import System
from eaism.io.organisation import read_organisation
from eaism.model.loader import load_edition, read_edition
from eaism.model.schema import Edition, Requirement
from tests.conftest import ROOT
from tests.small_edition import write_small_edition

EXAMPLE = ROOT / "examples" / "organisations" / "compliance.yaml"
AS_OF = date(2026, 6, 30)
EDITION = load_edition("2026.1")


def example_pack(path: Path = EXAMPLE) -> tuple[Edition, Any]:
    loaded = read_organisation(path, lambda e, o: load_edition(e, o), strict=True)
    return loaded.edition, competence_pack(loaded.edition, loaded.competence, AS_OF)


def test_the_example_pack_matches_the_hand_count() -> None:
    # Counted from examples/organisations/compliance.yaml, system by system, with the 2026.1
    # requirements (and the file's raise of operate/limited to evaluation 2), at 2026-06-30 with
    # records current from 2025-06-30:
    #   claims-triage (high, changed 2026-02-01): p01 build ok; p02 build gap (apis, evaluation,
    #     observability, security 2 of 3, governance 0 of 3: 7 levels); p05 operate ok; c01
    #     operate due (never measured); p08 oversee gap (reviewed evaluation 2, security 2).
    #   credit-scoring (high, no overseer): p01 build ok.
    #   support-chat (limited): p02 build ok; p05 operate ok; p06 operate due (2025-05-01 is
    #     older than 12 months); c02 operate gap (security 1 of 2); p07 oversee ok.
    #   doc-search (minimal): p03 build ok; p06 and c01 operate due.
    #   hr-screening (not assessed, held to high): p04 build ok.
    #   forecast (high, changed 2026-05-01): p03 build due (measured 2026-03-01); p07 ok.
    edition, pack = example_pack()
    statuses = [(r.system.id, r.person.person_id, r.involvement, r.status) for r in pack.records]
    assert len(statuses) == 17
    assert sum(status == "ok" for *_, status in statuses) == 9
    assert [s[:3] for s in statuses if s[3] == "gap"] == [
        ("claims-triage", "p02", "build"),
        ("claims-triage", "p08", "oversee"),
        ("support-chat", "c02", "operate"),
    ]
    due = {(r.system.id, r.person.person_id): r.due_reason for r in pack.due}
    assert due == {
        ("claims-triage", "c01"): "never_measured",
        ("support-chat", "p06"): "older_than_max_age",
        ("doc-search", "p06"): "older_than_max_age",
        ("doc-search", "c01"): "never_measured",
        ("forecast", "p03"): "before_system_change",
    }
    # Ten people are involved (p09 is not); p01, p04, p05 and p07 have only ok records.
    assert len(pack.involved) == 10
    assert "p09" not in pack.involved
    assert pack.covered == {"p01", "p04", "p05", "p07"}
    assert pack.coverage == 0.4
    shortfalls = {(item.system.id, item.reason, item.overseers_short) for item in pack.shortfalls}
    assert shortfalls == {
        ("claims-triage", "overseer_short", 1),
        ("credit-scoring", "no_overseer", 0),
    }
    outcomes = {
        (r.person.person_id, item.action.kind): item.outcome
        for r in pack.records
        for item in r.actions
    }
    # p04 measured 2026-04-15 after training on 2026-01-10, no gap now; c02 measured after the
    # training, still short; p08's mentoring (2026-06-01) came after the last measurement.
    assert outcomes == {
        ("p04", "training"): "closed",
        ("c02", "training"): "open",
        ("p08", "mentor"): "not_measured_yet",
    }
    document = compliance_document(edition, pack, True, 5)
    assert document["summary"]["people"] == {
        "involved": 10,
        "covered": 4,
        "not_covered": 6,
        "employees": 8,
        "contractors": 2,
    }
    assert document["summary"]["by_status"] == {"ok": 9, "gap": 3, "due": 5}
    assert document["summary"]["due"] == {
        "never_measured": 2,
        "before_system_change": 1,
        "older_than_max_age": 2,
    }
    # evaluation.3 and security.3: p02 and p08; the rest one person each.
    assert {(g["domain"], g["level"]): g["people"] for g in document["gaps"]} == {
        ("evaluation", 3): 2,
        ("security", 3): 2,
        ("apis_integration", 3): 1,
        ("governance", 3): 1,
        ("observability", 3): 1,
        ("security", 2): 1,
    }
    records = document["records"]
    assert records is not None
    assert records[0]["person"] == "p08"
    assert records[0]["name"] == "Hugo Brandt"


def test_without_names_the_pack_holds_counts_only() -> None:
    edition, pack = example_pack()
    document = compliance_document(edition, pack, False, 5)
    text = repr(document)
    for person in ("Ana Ribeiro", "Hugo Brandt", "Iris Vale", "'p08'", "'c01'"):
        assert person not in text
    assert document["records"] is None
    # gap 3 is small; due 5 goes with it so the two cannot be told apart from the 17 records.
    assert document["summary"]["by_status"] == {"ok": 9, "gap": None, "due": None}
    assert "summary.by_status.gap" in document["withheld"]
    assert document["summary"]["coverage"] is None
    assert all(system["by_status"] is None for system in document["systems"])


def test_changing_a_system_marks_its_people_due(tmp_path: Path) -> None:
    edition, pack = example_pack()
    before = {(r.system.id, r.person.person_id): r.status for r in pack.records}
    changed = [
        replace(system, changed_at=date(2026, 6, 1)) if system.id == "support-chat" else system
        for system in pack.systems
    ]
    loaded = read_organisation(EXAMPLE, lambda e, o: load_edition(e, o), strict=True)
    after = competence_pack(edition, replace(loaded.competence, systems=tuple(changed)), AS_OF)
    for record in after.records:
        if record.system.id == "support-chat":
            assert record.status == "due", record.person.person_id
        else:
            assert record.status == before[(record.system.id, record.person.person_id)]


def test_a_raised_requirement_is_the_higher_of_the_two() -> None:
    raised = (Requirement("oversee", "high", {"governance": 4, "strategy": 3}),)
    found = {(r.involvement, r.risk_class): r for r in effective_requirements(EDITION, raised)}
    oversight = found[("oversee", "high")]
    assert oversight.cells == {"evaluation": 3, "security": 3, "governance": 4, "strategy": 3}
    assert oversight.raised == {"governance", "strategy"}


# Properties over random inventories.

DOMAINS = EDITION.domain_ids
LEVELS = {domain.id: (0, *domain.applicable_levels) for domain in EDITION.domains}
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def people(draw: st.DrawFn, person_id: str) -> PersonEvidence:
    levels = {domain: draw(st.sampled_from(LEVELS[domain])) for domain in DOMAINS}
    rated = draw(st.sets(st.sampled_from(DOMAINS), max_size=3))
    reviewed = {domain: draw(st.sampled_from(LEVELS[domain])) for domain in sorted(rated)}
    kind = draw(st.sampled_from(("employee", "contractor")))
    return PersonEvidence(person_id, "", kind, levels, reviewed, {}, draw(st.none() | DAYS))


@st.composite
def inputs(draw: st.DrawFn) -> CompetenceInputs:
    systems = tuple(
        System(
            f"s{index}",
            f"System {index}",
            risk_class=draw(st.sampled_from(RISK_CLASSES)),
            changed_at=draw(st.none() | DAYS),
        )
        for index in range(draw(st.integers(1, 4)))
    )
    ids = [f"p{index}" for index in range(draw(st.integers(1, 12)))]
    evidence = {person_id: draw(people(person_id)) for person_id in ids}
    pairs = st.tuples(
        st.sampled_from([s.id for s in systems]),
        st.sampled_from(ids),
        st.sampled_from(INVOLVEMENTS),
    )
    involvements = tuple(Involvement(*pair) for pair in draw(st.lists(pairs, max_size=30)))
    return CompetenceInputs(systems, evidence, involvements)


@settings(max_examples=60, deadline=None)
@given(inputs(), st.data())
def test_raising_a_level_never_adds_a_gap(
    given_inputs: CompetenceInputs, data: st.DataObject
) -> None:
    before = competence_pack(EDITION, given_inputs, AS_OF)
    person_id = data.draw(st.sampled_from(sorted(given_inputs.people)))
    person = given_inputs.people[person_id]
    domain = data.draw(st.sampled_from(DOMAINS))
    higher = [level for level in LEVELS[domain] if level >= person.demonstrated[domain]]
    raised_person = replace(
        person,
        demonstrated={**person.demonstrated, domain: data.draw(st.sampled_from(higher))},
        reviewed={d: level for d, level in person.reviewed.items() if d != domain},
    )
    if domain in person.reviewed and person.reviewed[domain] > raised_person.demonstrated[domain]:
        return  # dropping a higher review would lower the level that counts
    after = competence_pack(
        EDITION,
        replace(given_inputs, people={**given_inputs.people, person_id: raised_person}),
        AS_OF,
    )
    for old, new in zip(before.records, after.records, strict=True):
        assert new.gap <= old.gap
        assert not (old.status == "ok" and new.status != "ok")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.builds(
            Requirement,
            st.sampled_from(INVOLVEMENTS),
            st.sampled_from(RISK_CLASSES),
            st.dictionaries(st.sampled_from(DOMAINS), st.integers(0, 5), max_size=3),
        ),
        max_size=5,
    )
)
def test_a_raised_requirement_never_lowers_one(raised: list[Requirement]) -> None:
    base = {(r.involvement, r.risk_class): r.cells for r in effective_requirements(EDITION)}
    for requirement in effective_requirements(EDITION, raised):
        for domain, level in base[(requirement.involvement, requirement.risk_class)].items():
            assert requirement.cells[domain] >= level


@settings(max_examples=60, deadline=None)
@given(inputs())
def test_coverage_lies_between_0_and_1(given_inputs: CompetenceInputs) -> None:
    pack = competence_pack(EDITION, given_inputs, AS_OF)
    assert pack.coverage is None or 0 <= pack.coverage <= 1
    assert (pack.coverage is None) == (not pack.records)


@settings(max_examples=60, deadline=None)
@given(inputs())
def test_a_record_measured_before_the_system_changed_is_due(given_inputs: CompetenceInputs) -> None:
    for record in competence_pack(EDITION, given_inputs, AS_OF).records:
        assessed, changed = record.person.assessed_at, record.system.changed_at
        if assessed is None or (changed is not None and assessed < changed):
            assert record.status == "due"
        if record.status == "ok":
            assert assessed is not None
            assert assessed >= AS_OF - timedelta(days=366)


@settings(max_examples=60, deadline=None)
@given(inputs(), st.integers(3, 8))
def test_no_shown_count_is_below_the_threshold(
    given_inputs: CompetenceInputs, threshold: int
) -> None:
    pack = competence_pack(EDITION, given_inputs, AS_OF)
    document = compliance_document(EDITION, pack, False, threshold)
    summary = document["summary"]
    counts = [
        *summary["by_status"].values(),
        *summary["due"].values(),
        *(summary["people"][key] for key in ("covered", "not_covered", "employees", "contractors")),
        *(summary["actions"][key] for key in ("closed", "open", "not_measured_yet")),
        *(gap["people"] for gap in document["gaps"]),
        *(item["overseers_short"] for item in document["shortfalls"]),
    ]
    assert all(count is None or count == 0 or count >= threshold for count in counts)
    shown = {
        f"summary.{group}.{key}": value
        for group in ("by_status", "due", "people", "actions")
        for key, value in summary[group].items()
    }  # type: ignore[literal-required]
    shown["summary.coverage"] = summary["coverage"]
    for path in document["withheld"]:
        if path.startswith("summary."):
            assert shown[path] is None, path


@pytest.mark.parametrize("edition_id", ["2026.1", "2026.2"])
def test_every_involvement_and_risk_class_has_a_requirement(edition_id: str) -> None:
    edition = load_edition(edition_id)
    pairs = {(r.involvement, r.risk_class) for r in edition.competence.requirements}
    assert pairs == {(i, r) for i in INVOLVEMENTS for r in RISK_CLASSES}
    assert edition.competence.record_max_age_months == 12
    assert {ref.id for ref in edition.competence.references} >= {"Article 4", "Article 26(2)"}


def test_the_pack_takes_its_cells_from_a_smaller_edition(tmp_path: Path) -> None:
    edition = read_edition(write_small_edition(tmp_path))
    assert "governance" not in edition.domain_ids
    system = System("bot", "Bot", risk_class="high")
    person = PersonEvidence("p1", "", "employee", {"evaluation": 3}, {}, {}, AS_OF)
    inputs = CompetenceInputs((system,), {"p1": person}, (Involvement("bot", "p1", "oversee"),))
    [record] = competence_pack(edition, inputs, AS_OF).records
    assert [(cell.domain, cell.required) for cell in record.cells] == [("evaluation", 3)]
    assert record.status == "ok"
