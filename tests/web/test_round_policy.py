"""A round's calibration share answers the whole item bank instead of the adaptive path."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from eaism.web.assessments.answers import parse_answer, save_answer
from eaism.web.assessments.models import Response, Round
from eaism.web.assessments.scoring import person_result, round_edition
from eaism.web.organisations.models import Person

SignedIn = Callable[[str], Client]
FIRST = "prompting.l1.everyday_prompting"


def member(round_: Round) -> Person:
    return Person.objects.get(organisation=round_.organisation, external_id="p-member")


def prompting_page(client: Client, round_: Round) -> str:
    url = f"/o/{round_.organisation.slug}/rounds/{round_.id}/assess/?domain=prompting"
    return client.get(url).content.decode()


def test_a_person_in_the_calibration_share_is_asked_every_level(
    client_for: SignedIn, demo_round: Round
) -> None:
    Round.objects.filter(id=demo_round.id).update(calibration_share=1.0)
    demo_round.refresh_from_db()
    save_answer(demo_round, member(demo_round), parse_answer(FIRST, 0.0, ""))
    assert Response.objects.get(round=demo_round, person=member(demo_round)).calibration
    html = prompting_page(client_for("member"), demo_round)
    for item in round_edition(demo_round).domain("prompting").items:
        assert f'id="item-{item.id}"' in html  # level 1 unmet, and still every level is asked
    result = person_result(demo_round, member(demo_round))
    assert result is not None
    assert all(domain.assessed_up_to == 5 for domain in result.domains.values())


def test_everyone_else_takes_the_adaptive_path(client_for: SignedIn, demo_round: Round) -> None:
    Round.objects.filter(id=demo_round.id).update(calibration_share=0.0)
    demo_round.refresh_from_db()
    save_answer(demo_round, member(demo_round), parse_answer(FIRST, 0.0, ""))
    assert not Response.objects.get(round=demo_round, person=member(demo_round)).calibration
    html = prompting_page(client_for("member"), demo_round)
    assert 'id="item-prompting.l2.reusable_templates"' not in html


def test_a_round_opens_with_its_policy_from_the_page_and_the_api(
    client_for: SignedIn, demo_round: Round
) -> None:
    slug = demo_round.organisation.slug
    owner = client_for("owner")
    page = owner.post(
        f"/o/{slug}/rounds/",
        {"name": "Policy round", "drafts": "keep", "review_share": "25", "calibration_share": ""},
    )
    assert page.status_code == 302, page.content.decode()
    made = Round.objects.get(name="Policy round")
    assert (made.review_share, made.double_review_share, made.calibration_share) == (
        0.25,
        0.10,
        round_edition(made).validity.calibration_share,
    )
    detail = owner.get(f"/o/{slug}/rounds/{made.id}/").content.decode()
    assert "25%" in detail
    assert "How well this round measured" in detail
    api = owner.post(
        f"/api/organisations/{slug}/rounds",
        {"name": "API policy", "drafts": "keep", "double_review_share": 0.5},
        content_type="application/json",
    )
    assert api.status_code == 201
    assert api.json()["double_review_share"] == 0.5
    refused = owner.post(
        f"/api/organisations/{slug}/rounds",
        {"name": "Too much", "drafts": "keep", "calibration_share": 1.5},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "calibration_share" in refused.json()["field"]
    too_high = owner.post(f"/o/{slug}/rounds/", {"name": "Form too much", "review_share": "150"})
    assert too_high.status_code == 400
    assert 'name="review_share"' in too_high.content.decode()
    assert not Round.objects.filter(name__in=["Too much", "Form too much"]).exists()
