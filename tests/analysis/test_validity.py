"""The round's validity report: figures, withholding below the threshold, readings, document."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.analysis.validity import (
    ValidityReport,
    ValidityResponse,
    validity_document,
    validity_report,
)
from eaism.io.round_export import read_round_export
from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES, Edition
from tests.conftest import ROOT

EDITION = load_edition()
PROMPTING = [item.id for item in EDITION.domain("prompting").items]
DOMAINS = EDITION.domain_ids


def person(
    number: int,
    answers: dict[str, float] | None = None,
    self_levels: dict[str, int] | None = None,
    reviewed: dict[str, int] | None = None,
    calibration: bool = False,
) -> ValidityResponse:
    return ValidityResponse(
        f"p{number:03d}", calibration, answers or {}, self_levels or {}, reviewed or {}
    )


def every_figure(report: ValidityReport) -> list[object]:
    figures: list[object] = []
    for item in report.items:
        figures += [item.difficulty, item.item_rest]
    for domain in report.domains:
        figures += [domain.kappa, domain.inflation, domain.reproducibility, domain.scalability]
        figures.append(domain.alpha)
    return figures


def responses_of(edition: Edition) -> st.SearchStrategy[list[ValidityResponse]]:
    prompting = [item.id for item in edition.domains[0].items]
    domains = edition.domain_ids
    level = st.sampled_from((0, *edition.level_numbers))
    return st.lists(
        st.builds(
            lambda answers, self_levels, reviewed, calibration: (
                answers,
                self_levels,
                reviewed,
                calibration,
            ),
            st.dictionaries(st.sampled_from(prompting), st.sampled_from(ANSWER_VALUES)),
            st.dictionaries(st.sampled_from(domains), level),
            st.dictionaries(st.sampled_from(domains), level),
            st.booleans(),
        ),
        max_size=30,
    ).map(
        lambda rows: [person(index, *row[:3], calibration=row[3]) for index, row in enumerate(rows)]
    )


responses = responses_of(EDITION)


@given(st.data(), st.integers(3, 12))
def test_every_figure_is_withheld_below_the_threshold(
    any_edition: Edition, data: st.DataObject, minimum: int
) -> None:
    people = data.draw(responses_of(any_edition))
    report = validity_report(any_edition, people[: minimum - 1], minimum)
    assert [domain.domain for domain in report.domains] == list(any_edition.domain_ids)
    for figure in every_figure(report):
        assert figure.status == "too_few"  # type: ignore[attr-defined]
        assert figure.value is None  # type: ignore[attr-defined]
        assert figure.missing == minimum - figure.basis > 0  # type: ignore[attr-defined]
    assert {reading.kind for reading in report.readings} == {"withheld"}


@settings(max_examples=40)
@given(responses, st.randoms(use_true_random=False))
def test_the_report_does_not_depend_on_the_order_of_responses(
    people: list[ValidityResponse], random: object
) -> None:
    shuffled = list(people)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert validity_report(EDITION, shuffled, 3) == validity_report(EDITION, people, 3)


def test_difficulty_is_the_share_of_those_asked_who_met_the_item() -> None:
    item = PROMPTING[0]
    # Six asked: four at 1 (met at the cell threshold 0.75), one at 0.5, one at 0; two not asked.
    values = [1.0, 1.0, 1.0, 1.0, 0.5, 0.0]
    people = [person(index, {item: value}) for index, value in enumerate(values)]
    people += [person(10), person(11)]
    figures = next(
        found for found in validity_report(EDITION, people, 5).items if found.item_id == item
    )
    assert figures.asked == 6
    assert figures.difficulty.value == pytest.approx(4 / 6)
    assert figures.difficulty.status == "shown"


def test_inflation_is_read_aloud_in_the_domains_own_name() -> None:
    people = [
        person(
            index,
            self_levels={"security": 3 if index % 2 else 2},
            reviewed={"security": 2 if index % 2 else 1},
        )
        for index in range(10)
    ]
    report = validity_report(EDITION, people, 5)
    security = next(domain for domain in report.domains if domain.domain == "security")
    assert security.inflation.value == pytest.approx(1.0)
    assert security.inflation.flagged
    texts = [reading.text for reading in report.readings if reading.kind == "inflation"]
    assert texts == [
        "Self-ratings in Security run 1.0 levels above reviews; treat Security figures as claimed."
    ]


def test_kappa_is_one_and_unflagged_when_reviews_confirm_every_self_rating() -> None:
    people = [
        person(index, self_levels={"evaluation": index % 4}, reviewed={"evaluation": index % 4})
        for index in range(8)
    ]
    evaluation = next(
        d for d in validity_report(EDITION, people, 5).domains if d.domain == "evaluation"
    )
    assert evaluation.kappa.value == pytest.approx(1.0)
    assert not evaluation.kappa.flagged
    assert evaluation.reviewed == 8


def test_the_ladder_figures_rest_on_the_calibration_share_alone() -> None:
    bank = dict.fromkeys(PROMPTING, 1.0)
    adaptive = [person(index, bank) for index in range(20)]
    calibrated = [person(100 + index, bank, calibration=True) for index in range(3)]
    prompting = validity_report(EDITION, adaptive + calibrated, 5).domains[0]
    assert prompting.calibration == 3
    assert prompting.reproducibility.status == "too_few"
    assert prompting.reproducibility.missing == 2
    assert prompting.reproducibility.reason == "rests on 3 of the 5 responses it needs (2 more)"


def test_thresholds_come_from_the_edition() -> None:
    people = [
        person(index, self_levels={"strategy": index % 3}, reviewed={"strategy": (index + 1) % 3})
        for index in range(12)
    ]
    strict = replace(
        EDITION, validity=replace(EDITION.validity, kappa_min=0.99, inflation_reading=5)
    )
    lenient = replace(
        EDITION, validity=replace(EDITION.validity, kappa_min=-1.0, inflation_reading=5)
    )

    def strategy(edition: Edition) -> bool:
        return next(
            d for d in validity_report(edition, people, 5).domains if d.domain == "strategy"
        ).kappa.flagged

    assert strategy(strict)
    assert not strategy(lenient)


def test_a_group_size_below_the_floor_is_refused() -> None:
    from eaism.errors import UsageError

    with pytest.raises(UsageError, match="may not be below 3"):
        validity_report(EDITION, [], 2)


def example_report() -> tuple[Edition, ValidityReport]:
    loaded = read_round_export(
        ROOT / "examples" / "round-export.json", lambda name, overlays: load_edition(name, overlays)
    )
    return loaded.edition, validity_report(loaded.edition, loaded.responses, loaded.min_group_size)


def test_the_example_round_shows_every_domain_figure_and_reads_security_as_claimed() -> None:
    _edition, report = example_report()
    for domain in report.domains:
        for figure in (domain.kappa, domain.inflation, domain.reproducibility, domain.alpha):
            assert figure.status == "shown", (domain.domain, figure)
    kinds = {(reading.kind, reading.domain) for reading in report.readings}
    assert ("inflation", "security") in kinds
    assert not any(kind == "inflation" and domain != "security" for kind, domain in kinds)


def test_the_document_is_json_with_every_figure_and_its_reason(tmp_path: Path) -> None:
    edition, report = example_report()
    document = json.loads(json.dumps(validity_document(edition, report)))
    assert document["format"] == "eaism.validity-report/1"
    assert document["thresholds"]["kappa_min"] == 0.61
    assert len(document["items"]) == len(edition.item_index)
    security = document["domains"]["security"]
    assert set(security["kappa"]) == {
        "status",
        "value",
        "low",
        "high",
        "flagged",
        "basis",
        "required",
        "missing",
        "reason",
    }
    assert security["kappa"]["low"] < security["kappa"]["value"] < security["kappa"]["high"]
    assert security["inflation"]["flagged"] is True
