"""Reviews as a source: the rules for combining reviewers, the review policy, and how a
reviewer's ratings lay over the person's own answers (hypothesis properties and examples)."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES, Edition
from eaism.scoring.answers import Respondent, Response
from eaism.scoring.profile import score_person
from eaism.scoring.review_policy import ReviewPolicy, drawn, in_calibration, review_plan
from eaism.scoring.reviews import Rating, ReviewRatings, combine_reviews, reviewer_response
from tests.strategies import answer_sets

EDITION = load_edition()
ITEM_IDS = tuple(sorted(EDITION.item_index))
RESPONDENT = Respondent(id="p1")
WHEN = datetime(2026, 11, 1, tzinfo=UTC)

EVIDENCE = ("", "shipped, see #42")
ratings = st.dictionaries(
    st.sampled_from(ITEM_IDS), st.builds(Rating, st.sampled_from(ANSWER_VALUES)), max_size=6
)
reviews = st.lists(
    st.builds(
        ReviewRatings,
        st.sampled_from(["ana", "ben", "chris"]),
        st.sampled_from(["first", "second", "resolution"]),
        ratings,
        st.dictionaries(
            st.sampled_from(EDITION.domain_ids), st.builds(Rating, st.sampled_from([0.0, 1.0, 2.0]))
        ),
    ),
    max_size=3,
)


@given(reviews, st.randoms())
def test_combining_does_not_depend_on_the_order_of_reviews(
    found: list[ReviewRatings], shuffle: st.SearchStrategy
) -> None:  # type: ignore[type-arg]
    again = list(found)
    shuffle.shuffle(again)  # type: ignore[attr-defined]
    assert combine_reviews(found) == combine_reviews(again)


@given(reviews)
def test_nothing_is_resolved_automatically(found: list[ReviewRatings]) -> None:
    combined = combine_reviews(found)
    for item_id in {key for review in found for key in review.items}:
        given_values = {r.items[item_id].value for r in found if item_id in r.items}
        resolved = [
            r.items[item_id] for r in found if r.kind == "resolution" and item_id in r.items
        ]
        if resolved:
            assert combined.items[item_id].value in {rating.value for rating in resolved}
        elif len(given_values) == 1:
            assert combined.items[item_id].value in given_values
        else:
            assert item_id not in combined.items
            assert any(d.key == item_id and not d.domain for d in combined.disagreements)


@given(ratings)
def test_one_review_is_taken_as_it_is(items: dict[str, Rating]) -> None:
    combined = combine_reviews([ReviewRatings("ana", items=items)])
    assert combined.items == items
    assert combined.disagreements == ()


@given(st.data())
def test_confirming_every_answer_changes_no_level(
    any_edition: Edition, data: st.DataObject
) -> None:
    own = data.draw(answer_sets(any_edition, EVIDENCE))
    self_response = Response(any_edition.id, RESPONDENT, answers=own)
    confirmed = {key: Rating(answer.value) for key, answer in own.items()}
    combined = combine_reviews([ReviewRatings("ana", items=confirmed)])
    reviewer = reviewer_response(any_edition.id, RESPONDENT, combined)
    alone = score_person(any_edition, [self_response], WHEN)
    both = score_person(any_edition, [self_response, reviewer], WHEN)
    assert {d: r.level for d, r in both.domains.items()} == {
        d: r.level for d, r in alone.domains.items()
    }
    assert both.operating == alone.operating
    assert set(both.calibration.values()) <= {0}


@given(st.data())
def test_a_domain_level_given_by_a_reviewer_is_the_domains_level(
    any_edition: Edition, data: st.DataObject
) -> None:
    own = data.draw(answer_sets(any_edition, EVIDENCE))
    domain_id = data.draw(st.sampled_from(any_edition.domain_ids))
    level = data.draw(st.sampled_from((0, *any_edition.domain(domain_id).applicable_levels)))
    reviewer = Response(any_edition.id, RESPONDENT, source="reviewer", levels={domain_id: level})
    result = score_person(
        any_edition, [Response(any_edition.id, RESPONDENT, answers=own), reviewer]
    )
    assert result.domains[domain_id].level == level
    assert result.domains[domain_id].source == "reviewer"
    # every other domain the person answered stays theirs
    answered = {
        domain.id for domain in any_edition.domains for item in domain.items if item.id in own
    }
    assert all(result.domains[d].source == "self" for d in answered - {domain_id})


@given(st.data(), st.floats(0, 1), st.text(max_size=6))
def test_the_policy_reviews_every_claim_from_the_review_level(
    any_edition: Edition, data: st.DataObject, share: float, round_key: str
) -> None:
    own = data.draw(answer_sets(any_edition, EVIDENCE))
    plan = review_plan(any_edition, ReviewPolicy(share=share), round_key, "p1", own)
    claims = {key for key, answer in own.items() if answer.value > 0}
    review_from = any_edition.scoring.review_from_level
    high = {key for key in claims if any_edition.item_index[key].level >= review_from}
    assert set(plan.required) == high
    assert high <= set(plan.items) <= claims
    again = review_plan(any_edition, ReviewPolicy(share=share), round_key, "p1", own)
    assert plan.items == again.items
    if not plan.items:
        assert not plan.double


@given(st.data())
def test_a_share_of_nothing_or_everything(any_edition: Edition, data: st.DataObject) -> None:
    own = data.draw(answer_sets(any_edition, EVIDENCE))
    claims = {key for key, answer in own.items() if answer.value > 0}
    every = ReviewPolicy(share=1.0, double_share=1.0)
    everything = review_plan(any_edition, every, "r", "p1", own)
    nothing = review_plan(any_edition, ReviewPolicy(share=0.0, double_share=0.0), "r", "p1", own)
    assert set(everything.items) == claims
    assert everything.double == bool(claims)
    assert set(nothing.items) == set(nothing.required)
    assert not nothing.double


def test_a_draw_hits_about_its_share() -> None:
    hits = sum(drawn(f"round-1:calibration:p{number}", 0.05) for number in range(4000))
    assert 150 <= hits <= 250  # 5 % of 4,000 is 200; this is about 3.6 standard deviations
    policy = ReviewPolicy(calibration_share=0.05)
    assert [in_calibration(policy, "1", f"p{n}") for n in range(50)] == [
        in_calibration(policy, "1", f"p{n}") for n in range(50)
    ]
