"""The questionnaire in the web app: answers saved at once, adaptive, submitted, scored."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from eaism.web.assessments.models import Answer, Round, Score
from eaism.web.edition import current_edition


def answer(client: Client, round_: Round, item_id: str, value: str, evidence: str = "") -> int:
    url = f"/o/{round_.organisation.slug}/rounds/{round_.id}/answers/"
    return client.post(url, {"item_id": item_id, "value": value, "evidence": evidence}).status_code


def test_an_answer_is_saved_the_moment_it_is_given(
    client_for: Callable[[str], Client], demo_round: Round
) -> None:
    member = client_for("member")
    assert answer(member, demo_round, "prompting.l1.everyday_prompting", "1") == 302
    stored = Answer.objects.get(item_id="prompting.l1.everyday_prompting")
    assert stored.value == 1.0
    page = member.get(
        f"/o/{demo_round.organisation.slug}/rounds/{demo_round.id}/assess/?domain=prompting"
    )
    assert page.status_code == 200
    assert b"prompting.l2.reusable_templates" in page.content  # level 1 met: level 2 is asked
    assert page["Cache-Control"] == "no-store"


def test_bad_answers_get_a_400_page_with_the_error_inline(
    client_for: Callable[[str], Client], demo_round: Round
) -> None:
    member = client_for("member")
    url = f"/o/{demo_round.organisation.slug}/rounds/{demo_round.id}/answers/"
    unknown = member.post(url, {"item_id": "nope.l1.x", "value": "1"})
    assert unknown.status_code == 400
    assert unknown["Content-Type"].startswith("text/html")
    assert "&#x27;nope.l1.x&#x27; is not an item" in unknown.content.decode()
    off_scale = member.post(url, {"item_id": "prompting.l1.everyday_prompting", "value": "0.3"})
    assert off_scale.status_code == 400
    page = off_scale.content.decode()
    assert 'id="error-prompting.l1.everyday_prompting"' in page  # next to its item
    assert "&#x27;0.3&#x27; is not on the answer scale" in page
    assert "<main" in page  # inside the site layout, not a bare text page
    assert not Answer.objects.exists()


def test_submitting_scores_the_person(
    client_for: Callable[[str], Client], demo_round: Round
) -> None:
    member = client_for("member")
    edition = current_edition()
    for item_id in edition.item_index:
        if edition.item_index[item_id].level <= 2:
            answer(member, demo_round, item_id, "1", "shipped to the support team")
    response = member.post(f"/o/{demo_round.organisation.slug}/rounds/{demo_round.id}/submit/")
    assert response.status_code == 302
    score = Score.objects.get(round=demo_round)
    assert score.operating_level == 2
    results = member.get(response["Location"])
    assert b"Operating level 2" in results.content
    assert b"<svg" in results.content
    assert (
        answer(member, demo_round, "prompting.l3.eval_driven_optimisation", "1") == 400
    )  # frozen once submitted


def test_a_closed_round_takes_no_answers(
    client_for: Callable[[str], Client], demo_round: Round
) -> None:
    demo_round.status = Round.Status.CLOSED
    demo_round.save()
    assert answer(client_for("member"), demo_round, "prompting.l1.everyday_prompting", "1") == 400
