"""Rounds on a newer edition: the admin chooses the edition, last round's answers are offered as
the migration carries them, and trends across editions compare only what stays comparable."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from eaism.model.loader import load_edition
from eaism.web.assessments.models import Answer, Response, Round
from eaism.web.assessments.rounds import RoundRequest, open_round
from eaism.web.organisations.models import Organisation, Person
from tests.web.answering import base, member_person
from tests.web.test_dashboard_shapes import scored_round

SignedIn = Callable[[str], Client]
OLD, NEW = "2026.1", "2026.2"
# 2026.1 items and what 2026.2's migration file does with them (migration.yaml).
UNCHANGED = "prompting.l2.reusable_templates"
SHOWN = "rag_retrieval.l2.vector_search"  # carried, and asked first in its domain
REPLACED = "prompting.l1.everyday_prompting"  # -> prompting.l1.delegating_tasks, not carried
REPLACEMENT = "prompting.l1.delegating_tasks"
REMOVED = "apis_integration.l1.ai_enabled_apps"
MERGED = ("apis_integration.l3.retries_fallbacks", "apis_integration.l3.async_pipeline")
MERGED_INTO = "apis_integration.l3.resilient_pipelines"
SPLIT = "security.l4.policy_and_red_teaming"
SPLIT_INTO = ("security.l4.security_policy", "security.l4.red_teaming")
ADDED = "apis_integration.l1.connected_assistants"
LINK = "https://example.com/pull/7"


def submitted_round(organisation: Organisation, edition: str, values: dict[str, float]) -> Round:
    """A closed round on `edition` in which the member submitted these answers 100 days ago."""
    earlier = Round.objects.create(
        organisation=organisation, name="Spring 2026", edition=edition, status=Round.Status.CLOSED
    )
    given_at = timezone.now() - timedelta(days=100)
    person = Person.objects.get(organisation=organisation, external_id="p-member")
    response = Response.objects.create(
        round=earlier, person=person, source="self", submitted_at=given_at
    )
    Answer.objects.bulk_create(
        Answer(response=response, item_id=item_id, value=value, evidence=LINK, answered_at=given_at)
        for item_id, value in values.items()
    )
    return earlier


def every_old_item(**changed: float) -> dict[str, float]:
    """Every 2026.1 item answered fully, but for `changed` (keys with dots written as __)."""
    values = dict.fromkeys(load_edition(OLD).item_index, 1.0)
    values.update({key.replace("__", "."): value for key, value in changed.items()})
    return values


def round_on(organisation: Organisation, edition: str, name: str = "Winter 2026") -> Round:
    return open_round(organisation, RoundRequest(name=name, drafts="keep"), edition)


def own_answers(round_: Round) -> dict[str, Answer]:
    answers = Answer.objects.filter(response__round=round_, response__source="self")
    return {answer.item_id: answer for answer in answers}


# --- choosing the edition ---------------------------------------------------------------------


def test_the_open_form_offers_each_bundled_edition_with_what_a_newer_one_carries(
    client_for: SignedIn, demo: Organisation
) -> None:
    page = client_for("owner").get(f"/o/{demo.slug}/rounds/").content.decode()
    assert 'name="edition" value="2026.1"' in page
    assert re.search(r'value="2026.1"[^>]*checked', page), "the current edition is the default"
    assert "2026.1: Enterprise AI Skills Maturity Model, published 2026-11-01" in page
    assert "2026.2: Enterprise AI Skills Maturity Model, published 2026-12-01" in page
    # The title line of 2026.2's CHANGES.md, and what its migration file carries from 2026.1.
    assert "the agentic shift" in page
    assert "37 of the 41 items of 2026.1 carry their answers; 11 questions start unanswered" in page


def test_a_round_opens_on_the_edition_chosen_and_on_the_current_one_by_default(
    client_for: SignedIn, demo: Organisation
) -> None:
    owner = client_for("owner")
    chosen = owner.post(
        f"/o/{demo.slug}/rounds/", {"name": "Next", "drafts": "keep", "edition": NEW}
    )
    assert chosen.status_code == 302
    assert demo.rounds.get(name="Next").edition == NEW
    plain = owner.post(f"/o/{demo.slug}/rounds/", {"name": "Plain", "drafts": "keep"})
    assert plain.status_code == 302
    assert demo.rounds.get(name="Plain").edition == OLD


def test_an_unknown_edition_is_refused_next_to_its_field_with_the_input_kept(
    client_for: SignedIn, demo: Organisation
) -> None:
    refused = client_for("owner").post(
        f"/o/{demo.slug}/rounds/", {"name": "Odd", "drafts": "keep", "edition": "1999.9"}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'id="id_edition-error"' in page
    assert "1999.9 is not one of the available" in page
    assert 'value="Odd"' in page
    assert not demo.rounds.filter(name="Odd").exists()


# --- last round's answers in a round on the newer edition ---------------------------------------


def test_the_questionnaire_offers_only_what_the_migration_carries_and_lists_the_open_questions(
    client_for: SignedIn, demo: Organisation
) -> None:
    submitted_round(demo, OLD, every_old_item(apis_integration__l3__async_pipeline=0.5))
    newer = round_on(demo, NEW)
    page = client_for("member").get(f"{base(newer)}/assess/").content.decode()
    notice = re.search(r'<section class="notice carried".*?</section>', page, re.S)
    assert notice, "no offer of last round's answers"
    text = notice.group(0)
    assert "Your answers from Spring 2026 (edition 2026.1)" in text
    # 37 old items carry into 37 new ones (the split makes two); the merge's two answers differ.
    assert "36 of your answers carry to edition 2026.2" in text
    assert "Start from these answers" in text
    needed = re.findall(r'#item-([a-z_.0-9]+)">[^<]*</a> \(([^)]*)\)', text)
    reasons = dict(needed)
    assert reasons[ADDED] == "new in edition 2026.2"
    assert reasons[REPLACEMENT].startswith("changed since edition 2026.1")
    assert (
        reasons[MERGED_INTO] == "it joins questions of edition 2026.1 that you answered differently"
    )
    assert UNCHANGED not in reasons
    assert SPLIT_INTO[0] not in reasons
    assert len(needed) == 12  # 8 added, 3 replaced and the merge whose answers differ


def test_starting_from_carried_answers_stores_them_as_they_were_and_marks_them(
    client_for: SignedIn, demo: Organisation
) -> None:
    earlier = submitted_round(demo, OLD, every_old_item(security__l4__policy_and_red_teaming=0.5))
    newer = round_on(demo, NEW)
    member = client_for("member")
    started = member.post(f"{base(newer)}/carried/", {"domain": "prompting"})
    assert started.status_code == 302
    assert started["Location"].endswith("/assess/?domain=prompting")
    answers = own_answers(newer)
    given_at = Answer.objects.filter(response__round=earlier).first().answered_at  # type: ignore[union-attr]
    assert answers[UNCHANGED].value == 1.0
    assert answers[UNCHANGED].evidence == LINK
    assert answers[UNCHANGED].answered_at == given_at
    assert [answers[item].value for item in SPLIT_INTO] == [0.5, 0.5]  # the split carries both
    assert answers[MERGED_INTO].value == 1.0  # both old answers agree
    for absent in (REPLACEMENT, ADDED, REMOVED, REPLACED, *MERGED, SPLIT):
        assert absent not in answers, absent
    assert set(answers) <= set(load_edition(NEW).item_index)
    assert Response.objects.get(round=newer, source="self").carried_from_id == earlier.id
    page = member.get(f"{base(newer)}/assess/?domain=rag_retrieval").content.decode()
    marked = re.search(rf'id="item-{re.escape(SHOWN)}".*?</form>', page, re.S)
    assert marked
    assert "carried from Spring 2026 (edition 2026.1)" in marked.group(0)
    assert "Start from these answers" not in page  # nothing left to take up


def test_an_answer_given_again_is_no_longer_marked_and_a_new_question_can_be_answered(
    client_for: SignedIn, demo: Organisation
) -> None:
    submitted_round(demo, OLD, every_old_item())
    newer = round_on(demo, NEW)
    member = client_for("member")
    member.post(f"{base(newer)}/carried/")
    again = member.post(f"{base(newer)}/answers/", {"item_id": SHOWN, "value": "1"})
    assert again.status_code == 302
    # An item only 2026.2 has: refused before, when answers were checked against the current one.
    new_item = member.post(f"{base(newer)}/answers/", {"item_id": REPLACEMENT, "value": "0.5"})
    assert new_item.status_code == 302
    page = member.get(f"{base(newer)}/assess/?domain=rag_retrieval").content.decode()
    block = re.search(rf'id="item-{re.escape(SHOWN)}".*?</form>', page, re.S)
    assert block
    assert "carried from" not in block.group(0)
    assert f"#item-{REPLACEMENT}" not in page  # answered: no longer listed as open
    assert f"#item-{ADDED}" in page
    # Taking up the carried answers again adds nothing and keeps what was answered since.
    assert member.post(f"{base(newer)}/carried/").status_code == 302
    assert own_answers(newer)[REPLACEMENT].value == 0.5


def test_a_round_on_the_same_edition_offers_no_carried_answers(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    submitted_round(demo, OLD, every_old_item())
    member = client_for("member")
    page = member.get(f"{base(demo_round)}/assess/").content.decode()
    assert "notice carried" not in page
    assert "carried from" not in page
    refused = member.post(f"{base(demo_round)}/carried/")
    assert refused.status_code == 400
    assert "no answers of an earlier edition to carry" in refused.content.decode()
    assert own_answers(demo_round) == {}


def test_a_submitted_response_is_not_changed_by_carrying(
    client_for: SignedIn, demo: Organisation
) -> None:
    submitted_round(demo, OLD, every_old_item())
    newer = round_on(demo, NEW)
    person = member_person(newer)
    Response.objects.create(round=newer, person=person, source="self", submitted_at=timezone.now())
    member = client_for("member")
    assert "notice carried" not in member.get(f"{base(newer)}/assess/").content.decode()
    refused = member.post(f"{base(newer)}/carried/")
    assert refused.status_code == 400
    assert "already submitted" in refused.content.decode()
    assert own_answers(newer) == {}


def test_drafts_carried_over_into_a_round_on_the_newer_edition_follow_the_migration(
    demo: Organisation, demo_round: Round
) -> None:
    person = member_person(demo_round)
    draft = Response.objects.create(round=demo_round, person=person, source="self")
    for item_id in (UNCHANGED, REPLACED, REMOVED):
        Answer.objects.create(
            response=draft, item_id=item_id, value=1.0, answered_at=timezone.now()
        )
    newer = open_round(demo, RoundRequest(name="Agentic", drafts="carry_over"), NEW)
    assert set(own_answers(newer)) == {UNCHANGED}
    assert Response.objects.get(round=newer, person=person).carried_from_id == demo_round.id


# --- trends across editions ---------------------------------------------------------------------


def test_a_trend_across_editions_compares_only_the_levels_whose_questions_carried_unchanged(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    newer = scored_round(demo, NEW)
    analyst = client_for("analyst")
    twin = json.loads(
        analyst.get(f"/o/{demo.slug}/dashboard/?round={newer.id}&format=json").content
    )
    trend = twin["trend"]
    assert trend["previous_round"] == "Autumn 2026"
    assert trend["editions"] == {"before": OLD, "now": NEW}
    for left_out in ("stage", "by_level", "resolved", "new"):
        assert left_out not in trend
    # RAG & Retrieval is unchanged; Strategy gained an item at Level 5, Governance at 4,
    # Evaluation at 3; Prompting, APIs & Integration and Security changed at Level 1 and
    # Observability at Level 2 (its first), so they are not compared at all.
    assert trend["compared_up_to"] == {
        "rag_retrieval": 5,
        "evaluation": 2,
        "governance": 3,
        "strategy": 4,
    }
    assert list(trend["by_domain"]["strategy"]) == ["1", "2", "3", "4"]
    assert list(trend["by_domain"]["governance"]) == ["3"]
    assert trend["by_domain"]["rag_retrieval"]["5"]["now"] == 20
    assert trend["changed_items"] == 14
    assert trend["items"] == 48
    page = analyst.get(f"/o/{demo.slug}/dashboard/?round={newer.id}").content.decode()
    assert (
        "Round Autumn 2026 used edition 2026.1 and round Spring 2027 2026.2; 14 of the 48 items"
        " of 2026.2 are new or changed, so the stage, the operating levels and the diagnostics"
        " are not compared."
    ) in page
    assert "Strategy up to level 4" in page
    assert "People per operating level, then and now" not in page


def test_a_trend_on_the_same_edition_is_as_before(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    newer = scored_round(demo, OLD)
    analyst = client_for("analyst")
    trend = json.loads(
        analyst.get(f"/o/{demo.slug}/dashboard/?round={newer.id}&format=json").content
    )["trend"]
    assert set(trend) == {"previous_round", "stage", "by_level", "withheld", "resolved", "new"}
    assert trend["by_level"]["5"] == {"before": 0, "now": 20}
    page = analyst.get(f"/o/{demo.slug}/dashboard/?round={newer.id}").content.decode()
    assert "People per operating level, then and now" in page
    assert "trend-note" not in page


def test_a_round_on_another_edition_is_analysed_with_that_edition(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    newer = scored_round(demo, NEW)  # the app serves 2026.1; this round was opened on 2026.2
    analyst = client_for("analyst")
    now = json.loads(analyst.get(f"/o/{demo.slug}/dashboard/?round={newer.id}&format=json").content)
    assert now["edition"] == NEW
    stages = {stage.number: stage.name for stage in load_edition(NEW).stages}
    assert now["stage"]["name"] == stages[now["stage"]["number"]]
    before = json.loads(
        analyst.get(f"/o/{demo.slug}/dashboard/?round={demo_round.id}&format=json").content
    )
    assert before["edition"] == OLD
