"""The planning documents have exactly the shapes `document_types.py` declares, key for key.

Each document is built by its real builder from the example files, the labelled job ads and
generated inputs, on every edition, and every variant is reached: no steps, a warning, a
target beyond the role's, cells not applicable, no ratings, a disagreement, no AI skill
recognised, a title that claims nothing, edits to add and to drop, cohorts with and without
their members, and none at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from eaism.analysis.organisation import Organisation
from eaism.io.organisation import read_organisation
from eaism.io.scorecards import read_scorecards
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.planning.document import (
    job_description_document,
    roadmap_document,
    rubric_document,
    scorecard_document,
    training_document,
)
from eaism.planning.document_types import (
    JobAdOutlineDocument,
    JobDescriptionDocument,
    RoadmapDocument,
    RubricDocument,
    ScorecardDocument,
    TrainingDocument,
)
from eaism.planning.job_ad_outline import job_ad_outline, job_ad_outline_document
from eaism.planning.job_description import check_job_description
from eaism.planning.roadmap import Profile, profile_in, profile_of, roadmap
from eaism.planning.rubric import rubric
from eaism.planning.scorecard import Rating, Scorecard, combine
from eaism.planning.training import training_plan
from eaism.scoring.person import operating_level
from eaism.scoring.profile import score_person
from tests.conftest import ROOT
from tests.document_shapes import assert_shape
from tests.factories import HEALTHY_PRACTICES, answers_up_to, people_at, pilot, response
from tests.strategies import answer_sets, domain_levels, levels

EXAMPLES = ROOT / "examples"
ADS = sorted((EXAMPLES / "job-descriptions").glob("*.txt"))
LABELLED = ROOT / "tests" / "fixtures" / "job_ads" / "labelled.yaml"
STORY = EXAMPLES / "organisations" / "level3-bottleneck.yaml"


def roadmaps(edition: Edition) -> Iterator[RoadmapDocument]:
    """A roadmap for every role from a person at every level, a start made on the next one,
    with and without evidence."""
    for level in (0, *edition.level_numbers):
        for evidence in ("shipped", ""):
            started = answers_up_to(edition, level + 1, value=0.25, evidence=evidence)
            answers = started | answers_up_to(edition, level, evidence=evidence)
            result = score_person(edition, [response(answers, edition_id=edition.id)])
            for role in edition.roles:
                yield roadmap_document(edition, roadmap(edition, profile_of(result), role.id))


def test_every_roadmap_has_the_declared_shape(any_edition: Edition) -> None:
    documents = list(roadmaps(any_edition))
    for document in documents:
        assert_shape(document, RoadmapDocument)
    assert any(not document["steps"] for document in documents)
    assert any(document["beyond_target"] for document in documents)
    items = [item for document in documents for step in document["steps"] for item in step["items"]]
    statuses = {item["status"] for item in items}
    assert {"counted", "unanswered", "needs_evidence"} <= statuses


def test_a_roadmap_with_the_prompting_warning_has_the_declared_shape(
    any_edition: Edition,
) -> None:
    levels = dict.fromkeys(any_edition.domain_ids, 0) | {"prompting": 2}
    plan = roadmap(any_edition, Profile(levels, {}, 0, {}), any_edition.roles[0].id)
    document = roadmap_document(any_edition, plan)
    assert document["warnings"]
    assert_shape(document, RoadmapDocument)


@given(st.data())
def test_a_roadmap_from_any_answers_has_the_declared_shape(
    any_edition: Edition, data: st.DataObject
) -> None:
    answers = data.draw(answer_sets(any_edition))
    role = data.draw(st.sampled_from([role.id for role in any_edition.roles]))
    result = score_person(any_edition, [response(answers, edition_id=any_edition.id)])
    document = roadmap_document(any_edition, roadmap(any_edition, profile_of(result), role))
    assert_shape(document, RoadmapDocument)


@given(st.data())
def test_a_roadmap_from_any_levels_has_the_declared_shape(
    any_edition: Edition, data: st.DataObject
) -> None:
    levels = data.draw(domain_levels(any_edition))
    role = data.draw(st.sampled_from([role.id for role in any_edition.roles]))
    profile = Profile(levels, {}, operating_level(any_edition, levels), {})
    assert_shape(
        roadmap_document(any_edition, roadmap(any_edition, profile, role)), RoadmapDocument
    )


def test_a_roadmap_for_a_person_of_the_example_organisation_has_the_declared_shape() -> None:
    loaded = read_organisation(STORY, lambda edition, overlays: load_edition(edition, overlays))
    people = loaded.organisation.people
    for row in range(0, len(people.ids), 25):
        profile = profile_in(loaded.edition, people, row)
        plan = roadmap(loaded.edition, profile, people.roles[row] or "software_engineer")
        assert_shape(roadmap_document(loaded.edition, plan), RoadmapDocument)


def test_every_rubric_has_the_declared_shape(any_edition: Edition) -> None:
    documents = [
        rubric_document(rubric(any_edition, level, role.id))
        for level in any_edition.level_numbers
        for role in any_edition.roles
    ]
    for document in documents:
        assert_shape(document, RubricDocument)
    sections = [section for document in documents for section in document["sections"]]
    assert any(not section["applicable"] for section in sections)
    assert any(section["applicable"] for section in sections)


def test_a_rubric_names_other_frameworks_where_the_crosswalk_does(edition: Edition) -> None:
    documents = [rubric_document(rubric(edition, level, "software_engineer")) for level in (1, 3)]
    for document in documents:
        assert_shape(document, RubricDocument)
    see_also = [section["see_also"] for document in documents for section in document["sections"]]
    assert [] in see_also
    assert any(see_also)


def test_the_example_scorecards_combine_into_the_declared_shape(edition: Edition) -> None:
    files = [EXAMPLES / "scorecards" / name for name in ("dana.yaml", "lee.yaml")]
    for chosen in (files, files[:1]):
        document = scorecard_document(combine(edition, read_scorecards(chosen, edition)))
        assert_shape(document, ScorecardDocument)


@given(st.data(), st.integers(1, 4))
def test_any_ratings_combine_into_the_declared_shape(
    any_edition: Edition, data: st.DataObject, interviewers: int
) -> None:
    """Some domains rated by nobody, some by interviewers two levels apart."""
    cards = []
    for index in range(interviewers):
        rated = data.draw(
            st.dictionaries(st.sampled_from(any_edition.domain_ids), levels(any_edition))
        )
        ratings = {domain: Rating(f"i{index}", level, "") for domain, level in rated.items()}
        cards.append(Scorecard("c1", f"i{index}", 1, any_edition.roles[0].id, ratings))
    assert_shape(scorecard_document(combine(any_edition, cards)), ScorecardDocument)


def test_a_disagreement_and_an_unrated_domain_have_the_declared_shape(
    any_edition: Edition,
) -> None:
    first, top = any_edition.domain_ids[0], any_edition.level_numbers[-1]
    cards = [
        Scorecard("c1", name, 1, any_edition.roles[0].id, {first: Rating(name, level, "notes")})
        for name, level in (("low", 0), ("high", top))
    ]
    document = scorecard_document(combine(any_edition, cards))
    assert document["domains"][first]["disagreement"] is not None
    assert document["domains"][any_edition.domain_ids[1]]["ratings"] == []
    assert_shape(document, ScorecardDocument)


def job_description(
    edition: Edition, text: str, title: str | None = None
) -> JobDescriptionDocument:
    return job_description_document(edition, check_job_description(edition, text, title))


@pytest.mark.parametrize("path", ADS, ids=[path.stem for path in ADS])
def test_the_example_ads_check_into_the_declared_shape(any_edition: Edition, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_shape(job_description(any_edition, text), JobDescriptionDocument)
    assert_shape(job_description(any_edition, text, "Plumber"), JobDescriptionDocument)


def test_the_labelled_ads_check_into_the_declared_shape(edition: Edition) -> None:
    ads = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["ads"]
    documents = [job_description(edition, ad["text"], ad["title"]) for ad in ads]
    for document in documents:
        assert_shape(document, JobDescriptionDocument)
    assert any(document["level_name"] is None for document in documents)
    assert any(document["title_level"] is None for document in documents)
    actions = {edit["action"] for document in documents for edit in document["suggestions"]}
    assert actions == {"add", "drop"}
    assert any(document["flags"] for document in documents)


@given(text=st.text(max_size=300), title=st.none() | st.text(max_size=40))
def test_any_text_checks_into_the_declared_shape(
    any_edition: Edition, text: str, title: str | None
) -> None:
    assert_shape(job_description(any_edition, text, title), JobDescriptionDocument)


def test_every_job_ad_outline_has_the_declared_shape(any_edition: Edition) -> None:
    documents = [
        job_ad_outline_document(job_ad_outline(any_edition, level, role.id))
        for level in any_edition.level_numbers
        for role in any_edition.roles
    ]
    for document in documents:
        assert_shape(document, JobAdOutlineDocument)


def test_a_job_ad_outline_whose_title_claims_no_level_has_the_declared_shape(
    edition: Edition,
) -> None:
    document = job_ad_outline_document(job_ad_outline(edition, 1, "business_role"))
    assert document["title_level"] is None
    assert_shape(document, JobAdOutlineDocument)


def organisation(edition: Edition) -> Organisation:
    levels = [level for level in (0, *edition.level_numbers) for _ in range(4)]
    return Organisation(
        people=people_at(edition, levels),
        systems=(pilot("agent", months=9),),
        practices=dict(HEALTHY_PRACTICES),
    )


@pytest.mark.parametrize("with_members", [False, True])
def test_a_training_plan_has_the_declared_shape(any_edition: Edition, with_members: bool) -> None:
    people = organisation(any_edition).people
    document = training_document(training_plan(any_edition, people), with_members)
    assert document["cohorts"]
    assert all(("members" in cohort) is with_members for cohort in document["cohorts"])
    assert_shape(document, TrainingDocument)
    empty = training_document(training_plan(any_edition, people, len(people.ids) + 1), with_members)
    assert empty["cohorts"] == []
    assert_shape(empty, TrainingDocument)


def test_the_example_organisations_training_plan_has_the_declared_shape() -> None:
    loaded = read_organisation(STORY, lambda edition, overlays: load_edition(edition, overlays))
    for with_members in (False, True):
        plan = training_plan(loaded.edition, loaded.organisation.people, 5)
        assert_shape(training_document(plan, with_members), TrainingDocument)
