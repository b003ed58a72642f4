"""A person's result document has exactly the keys and types that document_types.py declares,
in every variant: no next step, level 0, domains not assessed, candidates, every item status,
every source, raters who give levels, overlays and a respondent with only an id."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.io.responses import load_responses
from eaism.model.loader import load_edition
from eaism.model.schema import SOURCES, Edition
from eaism.scoring.answers import Answer, Respondent, Response
from eaism.scoring.document import person_document
from eaism.scoring.document_types import PersonDocument
from eaism.scoring.profile import score_person
from tests.conftest import ROOT
from tests.document_shapes import assert_shape
from tests.factories import answers_up_to, response
from tests.strategies import answer_sets

EXAMPLES = ROOT / "examples" / "responses"
FRESH = datetime(2026, 12, 1, tzinfo=UTC)
STALE = datetime(2029, 12, 1, tzinfo=UTC)  # the examples' evidence is older than 24 months


def example_document(names: tuple[str, ...], as_of: datetime) -> PersonDocument:
    edition, responses = load_responses([EXAMPLES / name for name in names], load_edition)
    question_set = edition.question_set(responses[0].respondent.role)
    return person_document(edition, score_person(edition, responses, as_of, question_set))


def statuses(document: PersonDocument) -> set[str]:
    next_step = document["operating_level"]["next"]
    gaps = [*next_step["gaps"], *next_step["candidates"]] if next_step else []
    items = [item for gap in gaps for item in gap["items"]]
    items += [item for domain in document["domains"].values() for item in domain["to_next_level"]]
    return {item["status"] for item in items}


@pytest.mark.parametrize("as_of", [FRESH, STALE], ids=["fresh", "stale"])
@pytest.mark.parametrize(
    "names",
    [
        ("builder.json",),
        ("builder.json", "builder-reviewed.json"),
        ("systems-engineer.yaml",),
    ],
)
def test_the_example_files_give_documents_of_the_declared_shape(
    names: tuple[str, ...], as_of: datetime
) -> None:
    assert_shape(example_document(names, as_of), PersonDocument)


def test_the_examples_between_them_show_every_status_a_calibration_and_references() -> None:
    reviewed = example_document(("builder.json", "builder-reviewed.json"), FRESH)
    stale = example_document(("builder.json",), STALE)
    assert statuses(reviewed) | statuses(stale) == {
        "counted",
        "unanswered",
        "needs_evidence",
        "stale_evidence",
    }
    assert reviewed["calibration"]
    assert set(reviewed["profiles"]) == {"self", "reviewer"}
    assert reviewed["profiles"]["reviewer"]["rater"] is not None
    assert any(domain["see_also"] for domain in reviewed["domains"].values())
    assert set(reviewed["respondent"]) == {"id", "role", "name", "team", "title"}


@pytest.mark.parametrize("top", [False, True], ids=["level-0", "top-level"])
def test_level_0_and_the_top_level_on_any_edition(any_edition: Edition, top: bool) -> None:
    level = any_edition.level_numbers[-1] if top else 0
    answers = answers_up_to(any_edition, level)
    result = score_person(any_edition, [response(answers, edition_id=any_edition.id)])
    document = person_document(any_edition, result)
    operating = document["operating_level"]
    assert operating["demonstrated"] == level
    if top:
        assert operating["next"] is None
        assert all(domain["next_level"] is None for domain in document["domains"].values())
    else:
        assert operating["name"] is None
        assert operating["scope"] is None
    assert_shape(document, PersonDocument)


def test_domains_outside_the_question_set_have_no_level(any_edition: Edition) -> None:
    first = any_edition.domain_ids[0]
    answers = answers_up_to(any_edition, any_edition.level_numbers[-1])
    result = score_person(
        any_edition, [response(answers, edition_id=any_edition.id)], FRESH, {first: 1}
    )
    document = person_document(any_edition, result)
    outside = [domain for key, domain in document["domains"].items() if key != first]
    assert outside
    assert all(domain["level"] is None for domain in outside)
    assert all(domain["mark"] is None and domain["see_also"] == [] for domain in outside)
    assert_shape(document, PersonDocument)


def test_candidates_for_the_share_rule() -> None:
    # Only prompting at level 1: the defining domain is there, the share rule needs one more.
    edition = load_edition("2026.1")
    answers = {"prompting.l1.everyday_prompting": Answer(1.0, "")}
    document = person_document(edition, score_person(edition, [response(answers)]))
    next_step = document["operating_level"]["next"]
    assert next_step is not None
    assert next_step["gaps"] == []
    assert next_step["more_domains_needed"] == 1
    assert next_step["candidates"]
    assert_shape(document, PersonDocument)


def test_every_source_a_given_level_an_overlay_and_only_an_id() -> None:
    edition = load_edition("2026.1", ("agentic",))
    own = answers_up_to(edition, 2)
    responses = [
        Response(
            edition="2026.1",
            respondent=Respondent(id="p-1"),
            source=source,
            answers=own if source == "self" else {},
            levels={} if source == "self" else {"prompting": 1},
            overlays=("agentic",),
            rater=None if source == "self" else f"{source}-1",
        )
        for source in SOURCES
    ]
    document = person_document(edition, score_person(edition, responses, FRESH))
    assert document["overlays"] == ["agentic"]
    assert document["respondent"] == {"id": "p-1"}
    assert set(document["profiles"]) == set(SOURCES)
    assert document["domains"]["prompting"]["source"] == "reviewer"
    assert_shape(document, PersonDocument)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_answers_and_question_set_give_the_declared_shape(
    any_edition: Edition, data: st.DataObject
) -> None:
    answers = data.draw(answer_sets(any_edition))
    asked = st.dictionaries(
        st.sampled_from(any_edition.domain_ids), st.integers(0, any_edition.level_numbers[-1])
    )
    question_set = data.draw(st.none() | asked)
    source = data.draw(st.sampled_from(SOURCES))
    result = score_person(
        any_edition,
        [response(answers, source=source, edition_id=any_edition.id)],
        FRESH,
        question_set,
    )
    assert_shape(person_document(any_edition, result), PersonDocument)
