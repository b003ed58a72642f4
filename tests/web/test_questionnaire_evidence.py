"""Evidence that is quick to give: one piece per level (cell) shared by its statements, a link
being enough, optional where it cannot change a level, and last round's evidence offered again
with "Still true?". On the page, through htmx, and through the API."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eaism.web.assessments.models import Answer, Response, Round, Score
from tests.web.answering import base, give, member_person

SignedIn = Callable[[str], Client]
FIRST = "prompting.l1.everyday_prompting"
LEVEL_2 = "prompting.l2.reusable_templates"
LEVEL_3 = "prompting.l3.eval_driven_optimisation"
# A level with two statements: they share one piece of evidence.
PAIR = ("apis_integration.l3.retries_fallbacks", "apis_integration.l3.async_pipeline")
LINK = "https://example.com/pull/42"


def stored(*item_ids: str) -> list[str]:
    """The evidence saved in open rounds: a closed earlier round's answers to the same items
    would otherwise stand in, in whatever order the database returns them."""
    answers = Answer.objects.exclude(response__round__status=Round.Status.CLOSED)
    evidence = dict(answers.values_list("item_id", "evidence"))
    return [evidence.get(item_id, "(no answer)") for item_id in item_ids]


def cell_form(domain: str, level: int, evidence: str = "", **extra: str) -> dict[str, str]:
    return {"domain": domain, "level": str(level), "evidence": evidence, **extra}


def evidence_block(html: str, cell: str) -> str:
    match = re.search(rf'<form[^>]*id="evidence-{cell}".*?</form>', html, re.S)
    assert match, f"no evidence form for {cell}"
    return match.group(0)


def earlier_round(round_: Round, evidence: dict[str, str]) -> Round:
    """A closed round before `round_` in which the member submitted these answers."""
    earlier = Round.objects.create(
        organisation=round_.organisation, name="Spring 2026", status=Round.Status.CLOSED
    )
    given_at = timezone.now() - timedelta(days=200)
    response = Response.objects.create(
        round=earlier, person=member_person(round_), source="self", submitted_at=given_at
    )
    for item_id, text in evidence.items():
        Answer.objects.create(
            response=response, item_id=item_id, value=1.0, evidence=text, answered_at=given_at
        )
    return earlier


def test_one_piece_of_evidence_reaches_every_answer_of_its_level_given_before_or_after(
    client_for: SignedIn, demo_round: Round
) -> None:
    member = client_for("member")
    give(demo_round, PAIR[0], 1.0)
    saved = member.post(f"{base(demo_round)}/answers/", cell_form("apis_integration", 3, LINK))
    assert saved.status_code == 302
    assert stored(*PAIR) == [LINK, "(no answer)"]
    # The level's second statement, answered afterwards on the page (no evidence field of its
    # own), takes the level's evidence.
    later = member.post(f"{base(demo_round)}/answers/", {"item_id": PAIR[1], "value": "0.5"})
    assert later.status_code == 302
    assert stored(*PAIR) == [LINK, LINK]
    give(demo_round, PAIR[0], 0.5)  # answered again without evidence: the evidence stays
    assert stored(*PAIR) == [LINK, LINK]
    give(demo_round, FIRST, 1.0)  # another level's answers are untouched
    assert stored(FIRST) == [""]


def test_new_evidence_replaces_it_on_every_answer_of_the_level_dated_now(
    client_for: SignedIn, demo_round: Round
) -> None:
    member = client_for("member")
    give(demo_round, PAIR[0], 1.0, "the first text")
    give(demo_round, PAIR[1], 1.0)
    Answer.objects.update(answered_at=timezone.now() - timedelta(days=900))  # too old to count
    before = timezone.now()
    replaced = cell_form("apis_integration", 3, "the runbook: " + LINK)
    assert member.post(f"{base(demo_round)}/answers/", replaced).status_code == 302
    answers = Answer.objects.filter(item_id__in=PAIR)
    assert {answer.evidence for answer in answers} == {"the runbook: " + LINK}
    assert all(answer.answered_at >= before for answer in answers)
    # An answer saved with evidence of its own (as API clients do) replaces it for the level.
    give(demo_round, PAIR[1], 1.0, "a newer text")
    assert stored(*PAIR) == ["a newer text", "a newer text"]
    # An empty evidence field clears the level's evidence.
    cleared = member.post(f"{base(demo_round)}/answers/", cell_form("apis_integration", 3))
    assert cleared.status_code == 302
    assert stored(*PAIR) == ["", ""]


def test_a_link_alone_is_evidence_that_counts(client_for: SignedIn, demo_round: Round) -> None:
    member = client_for("member")
    give(demo_round, FIRST, 1.0)
    give(demo_round, LEVEL_2, 1.0)
    assert (
        member.post(f"{base(demo_round)}/answers/", cell_form("prompting", 2, LINK)).status_code
        == 302
    )
    assert member.post(f"{base(demo_round)}/submit/").status_code == 302
    assert Score.objects.get(round=demo_round).levels[0] == 2  # prompting demonstrated at 2
    results = member.get(f"{base(demo_round)}/results/").content.decode()
    assert "claimed, needs evidence" not in results


def test_the_evidence_field_appears_once_the_levels_statements_are_answered_and_claimed(
    client_for: SignedIn, demo_round: Round
) -> None:
    member = client_for("member")
    page = f"{base(demo_round)}/assess/?domain=apis_integration"
    give(demo_round, "apis_integration.l1.ai_enabled_apps", 1.0)
    give(demo_round, "apis_integration.l2.function_calling", 0.0)
    html = member.get(page).content.decode()
    assert 'id="evidence-apis_integration-2"' not in html  # "not yet" claims nothing
    assert "<textarea" not in html  # level 1 asks for no evidence
    give(demo_round, "apis_integration.l2.function_calling", 1.0)
    give(demo_round, PAIR[0], 1.0)
    html = member.get(page).content.decode()
    assert 'id="evidence-apis_integration-3"' not in html  # its second statement is open
    give(demo_round, PAIR[1], 0.5)
    html = member.get(page).content.decode()
    assert html.count("<textarea") == 2  # one per level, not one per statement
    pair = evidence_block(html, "apis_integration-3")
    assert "Evidence for these 2 statements" in pair
    assert "A link is enough, or a sentence on what shipped" in pair
    assert "<details" not in pair  # the level can still be met: the field is asked for
    assert pair.count("<li>") == 2  # both statements' prompts, under one field
    assert 'class="save">Save evidence</button>' in pair  # posts without JavaScript


def test_evidence_is_optional_where_the_answers_cannot_meet_the_level(
    client_for: SignedIn, demo_round: Round
) -> None:
    give(demo_round, FIRST, 1.0)
    give(demo_round, LEVEL_2, 1.0, LINK)
    give(demo_round, LEVEL_3, 0.5)  # done in a pilot: below the level's met threshold
    html = client_for("member").get(f"{base(demo_round)}/assess/?domain=prompting").content
    optional = evidence_block(html.decode(), "prompting-3")
    assert "<details>" in optional
    assert "Add evidence (optional: these answers do not meet this level)" in optional
    assert "<details" not in evidence_block(html.decode(), "prompting-2")


def test_still_true_keeps_last_rounds_evidence_and_dates_it_now(
    client_for: SignedIn, demo_round: Round
) -> None:
    earlier_round(demo_round, {LEVEL_2: "Prompt library used by support", FIRST: ""})
    member = client_for("member")
    give(demo_round, FIRST, 1.0)
    give(demo_round, LEVEL_2, 1.0)
    html = member.get(f"{base(demo_round)}/assess/?domain=prompting").content.decode()
    offer = evidence_block(html, "prompting-2")
    assert "Your evidence from Spring 2026" in offer
    assert "<q>Prompt library used by support</q>" in offer
    assert 'name="still_true" value="1"' in offer
    before = timezone.now()
    kept = member.post(f"{base(demo_round)}/answers/", cell_form("prompting", 2, still_true="1"))
    assert kept.status_code == 302
    answer = Answer.objects.get(response__round=demo_round, item_id=LEVEL_2)
    assert answer.evidence == "Prompt library used by support"
    assert answer.answered_at >= before  # dated now, so it counts as current evidence
    html = member.get(f"{base(demo_round)}/assess/?domain=prompting").content.decode()
    block = evidence_block(html, "prompting-2")
    assert "Saved: kept from Spring 2026" in block
    assert "Still true" not in block
    assert ">Prompt library used by support</textarea>" in block
    # Replaced afterwards like any evidence.
    replaced = cell_form("prompting", 2, "A new prompt library: " + LINK)
    assert member.post(f"{base(demo_round)}/answers/", replaced).status_code == 302
    assert stored(LEVEL_2) == ["A new prompt library: " + LINK]
    block = evidence_block(
        member.get(f"{base(demo_round)}/assess/?domain=prompting").content.decode(), "prompting-2"
    )
    assert "kept from" not in block


def test_still_true_is_offered_only_for_levels_with_earlier_evidence(
    client_for: SignedIn, demo_round: Round
) -> None:
    earlier_round(demo_round, {LEVEL_3: "Eval suite in CI"})
    member = client_for("member")
    give(demo_round, FIRST, 1.0)
    give(demo_round, LEVEL_2, 1.0)
    html = member.get(f"{base(demo_round)}/assess/?domain=prompting").content.decode()
    assert "Still true" not in evidence_block(html, "prompting-2")
    refused = member.post(
        f"{base(demo_round)}/answers/", cell_form("prompting", 2, "typed", still_true="1")
    )
    assert refused.status_code == 400
    block = evidence_block(refused.content.decode(), "prompting-2")
    assert 'id="error-evidence-prompting-2">there is no earlier evidence for this level' in block
    assert ">typed</textarea>" in block  # what was typed is kept
    assert stored(LEVEL_2) == [""]


def test_evidence_before_any_answer_of_its_level_is_refused_with_the_text_kept(
    client_for: SignedIn, demo_round: Round
) -> None:
    give(demo_round, FIRST, 1.0)
    member = client_for("member")
    page = member.post(f"{base(demo_round)}/answers/", cell_form("prompting", 2, LINK))
    assert page.status_code == 400
    block = evidence_block(page.content.decode(), "prompting-2")
    assert "answer a statement of Prompting level 2 first" in block
    assert 'aria-invalid="true"' in block
    assert "autofocus" in block
    assert f">{LINK}</textarea>" in block
    panel = member.post(
        f"{base(demo_round)}/answers/", cell_form("prompting", 2, LINK), HTTP_HX_REQUEST="true"
    )
    assert panel.status_code == 400
    assert panel.content.decode().startswith('<div id="domain-panel">')


def test_a_level_or_domain_that_does_not_exist_names_the_field(
    client_for: SignedIn, demo_round: Round
) -> None:
    member = client_for("member")
    give(demo_round, FIRST, 1.0)
    level = member.post(f"{base(demo_round)}/answers/", cell_form("rag_retrieval", 1, "x"))
    assert level.status_code == 400
    assert (
        "&#x27;1&#x27; is not a level of RAG &amp; Retrieval with questions; one of: 2, 3, 4, 5"
        in level.content.decode()
    )
    domain = member.post(f"{base(demo_round)}/answers/", cell_form("nope", 2, "x"))
    assert domain.status_code == 400
    assert "&#x27;nope&#x27; is not a domain of edition" in domain.content.decode()
    assert stored(FIRST) == [""]


def api_url(round_: Round) -> str:
    return f"/api/organisations/{round_.organisation.slug}/rounds/{round_.id}/evidence"


def test_the_api_saves_a_levels_evidence_for_all_its_answers(
    client_for: SignedIn, demo_round: Round
) -> None:
    member = client_for("member")
    give(demo_round, PAIR[0], 1.0)
    give(demo_round, PAIR[1], 0.5)
    body = {"domain": "apis_integration", "level": 3, "evidence": LINK}
    saved = member.post(api_url(demo_round), body, content_type="application/json")
    assert saved.status_code == 200, saved.content
    document = saved.json()
    assert document["item_ids"] == sorted(PAIR)
    assert (document["domain"], document["level"], document["evidence"]) == (
        "apis_integration",
        3,
        LINK,
    )
    assert stored(*PAIR) == [LINK, LINK]
    # The item form of the API keeps the level's evidence when it sends none.
    item = {"item_id": PAIR[1], "value": 1}
    answers_url = api_url(demo_round).replace("/evidence", "/answers")
    assert member.post(answers_url, item, content_type="application/json").status_code == 200
    assert stored(*PAIR) == [LINK, LINK]


def test_the_api_names_the_field_of_refused_evidence(
    client_for: SignedIn, demo_round: Round
) -> None:
    member = client_for("member")
    give(demo_round, FIRST, 1.0)
    cases = [
        ({"domain": "nope", "level": 2}, "domain"),
        ({"domain": "rag_retrieval", "level": 1}, "level"),
        ({"domain": "prompting", "level": 2, "evidence": "x" * 4001}, "evidence"),
        ({"domain": "prompting", "level": 2, "evidence": LINK}, "evidence"),  # nothing answered
        ({"domain": "prompting", "level": 1, "still_true": True}, "still_true"),
    ]
    for body, field in cases:
        refused = member.post(api_url(demo_round), body, content_type="application/json")
        assert refused.status_code == 400, (body, refused.content)
        assert refused.json()["field"] == field, (body, refused.json())
    Round.objects.filter(id=demo_round.id).update(status=Round.Status.CLOSED)
    closed = member.post(
        api_url(demo_round), {"domain": "prompting", "level": 1}, content_type="application/json"
    )
    assert closed.status_code == 400
    assert closed.json()["field"] == "round"


def test_the_openapi_document_describes_the_evidence_form(client_for: SignedIn) -> None:
    document = client_for("member").get("/api/openapi.json").json()
    operation = document["paths"]["/api/organisations/{slug}/rounds/{round_id}/evidence"]["post"]
    assert {"200", "400", "401", "403", "404"} <= set(operation["responses"])
    schema = document["components"]["schemas"]["CellEvidenceIn"]
    assert schema["required"] == ["domain", "level"]
    assert schema["properties"]["evidence"]["maxLength"] == 4000
    assert "prompting" in schema["properties"]["domain"]["enum"]


# Saves in one two-statement level, in any order: after each one, every answer of the level
# carries the same evidence, the last piece given (an answer without evidence changes none).
SAVES = st.lists(
    st.tuples(
        st.sampled_from(("item", "cell")),
        st.sampled_from(PAIR),
        st.sampled_from((0.0, 0.5, 1.0)),
        st.sampled_from(("", "a sentence on what shipped", LINK)),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(saves=SAVES)
def test_a_level_never_holds_two_pieces_of_evidence(
    saves: list[tuple[str, str, float, str]], client_for: SignedIn, demo_round: Round
) -> None:
    Response.objects.filter(round=demo_round).delete()
    member = client_for("member")
    expected = ""
    for kind, item_id, value, evidence in saves:
        if kind == "item":
            give(demo_round, item_id, value, evidence)
            expected = evidence or expected
        else:
            response = member.post(
                f"{base(demo_round)}/answers/", cell_form("apis_integration", 3, evidence)
            )
            if Answer.objects.filter(item_id__in=PAIR).exists():
                assert response.status_code == 302
                expected = evidence
            else:
                assert response.status_code == 400
        texts = {text for text in stored(*PAIR) if text != "(no answer)"}
        assert not texts or texts == {expected}
