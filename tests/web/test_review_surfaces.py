"""One result on every surface: after a review lowers a domain, the results page, its JSON
twin, the API, the personal PDF, the stored score and the dashboard's figures agree."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable

import pytest
from django.test import Client
from pypdf import PdfReader

from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.models import Round, Score
from eaism.web.assessments.reviews import review_domain
from eaism.web.assessments.scoring import round_edition
from eaism.web.organisations.models import Person
from eaism.web.organisations.store import core_organisation

SignedIn = Callable[[str], Client]
REVIEWED = {"level": 0, "operating": 0}  # the reviewer sets prompting, which defines L1, to 0


@pytest.fixture
def reviewed(demo_round: Round) -> Person:
    """The member answers every item up to level 2 with evidence, submits, and a reviewer
    then sets prompting to 0."""
    person = Person.objects.get(organisation=demo_round.organisation, external_id="p-member")
    edition = round_edition(demo_round)
    for domain in edition.domains:
        for item in domain.items:
            if item.level <= 2:
                save_answer(demo_round, person, parse_answer(item.id, 1.0, "shipped, see the wiki"))
    submit_response(demo_round, person)
    score = Score.objects.get(round=demo_round, person=person)
    assert score.operating_level == 2  # before the review: the self-rating
    reviewer = User.objects.get(email="reviewer@demo.example")
    review_domain(demo_round, person, reviewer, "prompting", 0, "not seen in practice")
    return person


def results_url(round_: Round) -> str:
    return f"/o/{round_.organisation.slug}/rounds/{round_.id}/results/"


def test_the_results_page(client_for: SignedIn, demo_round: Round, reviewed: Person) -> None:
    html = client_for("member").get(results_url(demo_round)).content.decode()
    headline = re.search(r'<p class="headline" id="operating-level">([^<]*)</p>', html)
    assert headline
    assert headline.group(1).startswith(f"Operating level {REVIEWED['operating']}")
    row = re.search(r'<th scope="row">Prompting</th>(.*?)</tr>', html, re.S)
    assert row
    assert f"<td>{REVIEWED['level']}</td>" in row.group(1)


def test_the_json_twin(client_for: SignedIn, demo_round: Round, reviewed: Person) -> None:
    page = client_for("member").get(results_url(demo_round) + "?format=json")
    document = json.loads(page.content)
    assert document["operating_level"]["demonstrated"] == REVIEWED["operating"]
    assert document["domains"]["prompting"]["level"] == REVIEWED["level"]
    assert document["domains"]["prompting"]["source"] == "reviewer"
    assert document["profiles"]["self"]["domains"]["prompting"]["level"] == 2  # kept beside it


def test_the_api(demo_round: Round, reviewed: Person) -> None:
    _, secret = ApiToken.issue(User.objects.get(email="member@demo.example"), "tests")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    slug = demo_round.organisation.slug
    document = client.get(f"/api/organisations/{slug}/rounds/{demo_round.id}/results").json()
    assert document["operating_level"]["demonstrated"] == REVIEWED["operating"]
    assert document["domains"]["prompting"]["level"] == REVIEWED["level"]


def test_the_personal_pdf(client_for: SignedIn, demo_round: Round, reviewed: Person) -> None:
    pdf = client_for("member").get(results_url(demo_round) + "?format=pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert f"Operating level {REVIEWED['operating']}" in " ".join(text.split())
    assert "Reviewed" in text


def test_the_stored_score(demo_round: Round, reviewed: Person) -> None:
    score = Score.objects.get(round=demo_round, person=reviewed)
    prompting = round_edition(demo_round).domain_ids.index("prompting")
    assert score.levels[prompting] == REVIEWED["level"]
    assert score.operating_level == REVIEWED["operating"]


def test_the_dashboard_figures(demo_round: Round, reviewed: Person) -> None:
    people = core_organisation(demo_round.organisation, demo_round).people
    index = people.ids.index(reviewed.external_id)
    prompting = round_edition(demo_round).domain_ids.index("prompting")
    assert int(people.levels[index, prompting]) == REVIEWED["level"]
    assert int(people.operating[index]) == REVIEWED["operating"]


def test_a_second_reviewer_sees_only_their_own_ratings_until_both_are_done(
    demo_round: Round,
) -> None:
    from eaism.web.assessments.reviews import complete_review
    from eaism.web.organisations.models import Membership, Role

    Round.objects.filter(id=demo_round.id).update(review_share=1.0, double_review_share=1.0)
    demo_round.refresh_from_db()
    person = Person.objects.get(organisation=demo_round.organisation, external_id="p-member")
    for item in round_edition(demo_round).domain("prompting").items_at(1):
        save_answer(demo_round, person, parse_answer(item.id, 1.0, ""))
    submit_response(demo_round, person)
    first = User.objects.get(email="reviewer@demo.example")
    second = User.objects.create_user("second@demo.example", "a long enough password 1")
    membership = Membership.objects.create(
        user=second, organisation=demo_round.organisation, role=Role.REVIEWER
    )
    membership.reviews.add(person)
    review_domain(demo_round, person, first, "prompting", 0, "not seen")
    slug, path = demo_round.organisation.slug, f"rounds/{demo_round.id}/people/p-member"

    def seen_by(user: User) -> int:
        client = Client()
        client.force_login(user)
        document = client.get(f"/o/{slug}/{path}/?format=json").json()
        via_api = client.get(f"/api/organisations/{slug}/{path}").json()
        assert via_api["domains"]["prompting"] == document["domains"]["prompting"]
        return int(document["domains"]["prompting"]["level"])

    assert seen_by(second) == 1  # the first reviewer's 0 stays out of sight
    review_domain(demo_round, person, second, "prompting", 0, "agreed")
    complete_review(demo_round, person, second)
    assert seen_by(second) == 0  # their own rating
    complete_review(demo_round, person, first)
    assert seen_by(second) == 0
    assert Score.objects.get(round=demo_round, person=person).operating_level == 0
