"""A role's question set in the web app: asked only the set, shown "Not assessed" elsewhere."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
from django.test import Client

from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.models import Answer, Round, Score
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Person
from eaism.web.organisations.store import core_organisation


def base(round_: Round) -> str:
    return f"/o/{round_.organisation.slug}/rounds/{round_.id}"


def business_member(round_: Round) -> Person:
    person = Person.objects.get(organisation=round_.organisation, external_id="p-member")
    person.role = "business_role"
    person.save(update_fields=["role"])
    return person


def test_a_business_role_is_asked_only_its_question_set_and_sees_not_assessed(
    client_for: Callable[[str], Client], demo_round: Round
) -> None:
    person = business_member(demo_round)
    member = client_for("member")
    edition = current_edition()
    question_set = edition.question_set("business_role") or {}
    # Answer everything fully: only the question set's items are asked.
    for _ in range(40):
        page = member.get(f"{base(demo_round)}/assess/")
        html = page.content.decode()
        asked = [i for i in edition.item_index if f'name="item_id" value="{i}"' in html]
        open_items = [i for i in asked if not Answer.objects.filter(item_id=i).exists()]
        if not open_items:
            break
        for item_id in open_items:
            url = f"{base(demo_round)}/answers/"
            member.post(url, {"item_id": item_id, "value": "1", "evidence": "shipped to sales"})
    answered = set(Answer.objects.values_list("item_id", flat=True))
    assert answered == {
        item.id
        for domain_id, top in question_set.items()
        for item in edition.domain(domain_id).items
        if item.level <= top
    }
    page = member.get(f"{base(demo_round)}/assess/?domain=evaluation").content.decode()
    assert "evaluation.l" not in page  # a domain not asked is not shown
    assert member.post(f"{base(demo_round)}/submit/").status_code == 302

    results = member.get(f"{base(demo_round)}/results/").content.decode()
    assert "Operating level 2" in results
    evaluation_row = results.split(">Evaluation<", 1)[1].split("</tr>", 1)[0]
    assert "Not assessed" in evaluation_row
    assert "<td>0</td>" not in evaluation_row

    _, secret = ApiToken.issue(User.objects.get(email="member@demo.example"), "tests")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    url = f"/api/organisations/{demo_round.organisation.slug}/rounds/{demo_round.id}/results"
    document = api.get(url).json()
    assert document["domains"]["evaluation"]["level"] is None
    assert document["domains"]["evaluation"]["assessed"] is False
    assert document["domains"]["prompting"]["level"] == 2

    score = Score.objects.get(round=demo_round, person=person)
    levels = dict(zip(edition.domain_ids, score.levels, strict=True))
    assert levels["evaluation"] is None
    assert levels["prompting"] == 2
    assert score.operating_level == 2
    people = core_organisation(demo_round.organisation, demo_round).people
    row = people.ids.index("p-member")
    assert people.levels[row, edition.domain_ids.index("evaluation")] == -1
    assert people.operating[row] == 2
    assert json.dumps(score.levels).count("null") == 4
    assert np.count_nonzero(people.levels[row] == -1) == 4
