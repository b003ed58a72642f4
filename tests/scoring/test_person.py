"""Scoring one person: the rules of docs/scoring.md, one by one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eaism.model.schema import Edition
from eaism.scoring.answers import Answer, Response
from eaism.scoring.profile import score_person
from tests.factories import answers_up_to, response


def own(edition: Edition, answers: dict[str, Answer]) -> Response:
    return response(answers, edition_id=edition.id)


def first_applicable(edition: Edition, domain_id: str) -> int:
    return edition.domain(domain_id).applicable_levels[0]


def test_full_answers_with_evidence_up_to_k_give_level_k(any_edition: Edition) -> None:
    for k in any_edition.level_numbers:
        result = score_person(any_edition, [own(any_edition, answers_up_to(any_edition, k))])
        for domain_id, domain in result.domains.items():
            expected = k if first_applicable(any_edition, domain_id) <= k else 0
            assert domain.level == expected, (k, domain_id)
        assert result.operating.demonstrated == k
        assert result.operating.claimed == k


def test_without_evidence_only_level_one_is_demonstrated(any_edition: Edition) -> None:
    for k in any_edition.level_numbers:
        with_evidence = score_person(any_edition, [own(any_edition, answers_up_to(any_edition, k))])
        without = score_person(
            any_edition, [own(any_edition, answers_up_to(any_edition, k, evidence=""))]
        )
        assert without.operating.demonstrated == 1
        assert without.operating.claimed == with_evidence.operating.claimed == k
        for domain_id, domain in without.domains.items():
            assert domain.claimed_level == with_evidence.domains[domain_id].claimed_level
            assert domain.level == (1 if first_applicable(any_edition, domain_id) == 1 else 0)


def test_an_empty_response_scores_zero_everywhere(any_edition: Edition) -> None:
    result = score_person(any_edition, [own(any_edition, {})])
    assert list(result.domains) == list(any_edition.domain_ids)
    assert {domain.level for domain in result.domains.values()} == {0}
    assert result.operating.demonstrated == 0
    assert result.operating.next_level == any_edition.level_numbers[0]


def test_a_cell_is_met_at_the_threshold_and_not_below(edition: Edition) -> None:
    base = answers_up_to(edition, 2)
    evaluation_l3 = [item.id for item in edition.domain("evaluation").items_at(3)]
    assert len(evaluation_l3) == 2
    met = {**base, evaluation_l3[0]: Answer(1.0, "suite"), evaluation_l3[1]: Answer(0.5, "bench")}
    short = {
        **base,
        evaluation_l3[0]: Answer(1.0, "suite"),
        evaluation_l3[1]: Answer(0.25, "bench"),
    }
    assert score_person(edition, [response(met)]).domains["evaluation"].level == 3
    result = score_person(edition, [response(short)]).domains["evaluation"]
    assert result.level == 2
    assert result.mark == "2+"
    assert result.progress == pytest.approx(0.625)


def test_a_domain_level_is_gated_by_the_levels_below(edition: Edition) -> None:
    answers = {
        item.id: Answer(1.0, "done") for item in edition.domain("security").items if item.level != 2
    }
    result = score_person(edition, [response(answers)]).domains["security"]
    assert result.level == 1
    assert result.claimed_level == 1
    assert result.next_level == 2


def test_stale_evidence_counts_toward_the_claimed_level_only(edition: Edition) -> None:
    old = datetime(2020, 1, 1, tzinfo=UTC)
    answers = {item_id: Answer(1.0, "shipped", old) for item_id in answers_up_to(edition, 2)}
    result = score_person(edition, [response(answers)], as_of=datetime(2026, 11, 1, tzinfo=UTC))
    assert result.operating.demonstrated == 1
    assert result.operating.claimed == 2
    fresh = score_person(edition, [response(answers)], as_of=datetime(2021, 1, 1, tzinfo=UTC))
    assert fresh.operating.demonstrated == 2


def test_a_reviewer_rating_wins_and_the_gap_is_reported(edition: Edition) -> None:
    own = response(answers_up_to(edition, 3))
    lowered = {item.id: Answer(0.0) for item in edition.domain("evaluation").items_at(3)}
    reviewed = response(lowered, source="reviewer")
    result = score_person(edition, [own, reviewed])
    assert result.domains["evaluation"].level == 2
    assert result.domains["evaluation"].source == "reviewer"
    assert result.domains["security"].source == "self"
    assert result.calibration == {"evaluation": 1}
    assert [profile.source for profile in result.profiles] == ["self", "reviewer"]
    assert result.profiles[0].domains["evaluation"].level == 3


def test_a_reviewer_changes_only_the_items_it_rated(edition: Edition) -> None:
    own = response(answers_up_to(edition, 3))
    first = edition.domain("security").items_at(3)[0]
    reviewed = response({first.id: Answer(1.0)}, source="reviewer")
    result = score_person(edition, [own, reviewed])
    assert result.domains["security"].source == "reviewer"
    assert result.domains["security"].level == 3  # the other items keep the person's answers
    assert result.domains["evaluation"].source == "self"
    assert result.calibration == {"security": 0}


def test_a_rating_without_a_note_keeps_the_persons_evidence_and_its_date(edition: Edition) -> None:
    old = datetime(2020, 1, 1, tzinfo=UTC)
    item = edition.domain("security").items_at(2)[0]
    own = response({item.id: Answer(1.0, "the gateway's audit log", old)})
    noted = response({item.id: Answer(0.5)}, source="reviewer")
    profile = score_person(edition, [own, noted]).profiles[1]
    merged = profile.domains["security"].cell(2).items[0]
    assert (merged.value, merged.status) == (0.5, "counted")
    stale = score_person(edition, [own, noted], as_of=datetime(2026, 1, 1, tzinfo=UTC))
    assert stale.profiles[1].domains["security"].cell(2).items[0].status == "stale_evidence"


def test_a_domain_level_given_by_a_reviewer_sets_that_domain(edition: Edition) -> None:
    own = response(answers_up_to(edition, 3))
    reviewed = Response(
        edition="2026.1", respondent=own.respondent, source="reviewer", levels={"prompting": 1}
    )
    result = score_person(edition, [own, reviewed])
    prompting = result.domains["prompting"]
    assert (prompting.level, prompting.source, prompting.given) == (1, "reviewer", True)
    assert prompting.next_level == 2
    assert prompting.progress == 0.0
    assert result.operating.demonstrated == 1  # prompting defines levels 1 and 2
    assert result.calibration == {"prompting": 2}
    assert result.profiles[0].domains["prompting"].level == 3  # the self-rating stays beside it


def test_two_responses_from_the_same_source_are_refused(edition: Edition) -> None:
    from eaism.errors import DataError

    with pytest.raises(DataError, match="a second 'self' response"):
        score_person(edition, [response({}), response({})])


def test_the_explanation_names_what_would_lift_the_operating_level(edition: Edition) -> None:
    answers = answers_up_to(edition, 3)
    for item in edition.domain("evaluation").items_at(3):
        answers[item.id] = Answer(1.0, "")
    result = score_person(edition, [response(answers)])
    assert result.operating.demonstrated == 2
    assert result.operating.claimed == 3
    [gap] = result.operating.gaps
    assert gap.domain_id == "evaluation"
    assert {item.status for item in gap.items} == {"needs_evidence"}
    assert result.operating.more_domains_needed == 0
    assert any(
        "Level 3 (AI Systems Engineer) does not hold" in reason for reason in result.operating.why
    )


def test_share_rule_asks_for_more_domains_when_defining_ones_are_not_enough(
    edition: Edition,
) -> None:
    answers = answers_up_to(edition, 1)
    for domain_id in ("prompting", "apis_integration"):
        for item in edition.domain(domain_id).items_at(2):
            answers[item.id] = Answer(1.0, "shipped")
    result = score_person(edition, [response(answers)])
    assert result.operating.demonstrated == 1
    assert result.operating.next_level == 2
    assert result.operating.gaps == ()
    assert result.operating.more_domains_needed == 2
    assert len(result.operating.candidates) == 2
    assert "2 of 7 domains with a level-2 cell" in result.operating.why[-1]
