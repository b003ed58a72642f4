"""The reviewer's workspace and the person's side of a review, on the pages and through the API:
the queue with statuses and filters, each decision, errors by field with the input kept, the
independence of a second reviewer, disagreements decided by an admin, the audit of every view
of another person's answers, and the e-mail on "done" through a real SMTP server."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.models import DomainReview, ItemReview, Review, Round, Score
from eaism.web.assessments.review_sheet import anchor
from eaism.web.assessments.reviews import disagreements, review_plan_for
from eaism.web.audit.models import AuditEvent
from eaism.web.organisations.demo import DEMO_PASSWORD
from eaism.web.organisations.models import Membership, Organisation, Person, Role, Team
from eaism.web.outbox.delivery import deliver_due
from tests.mail_server import MailServer, link_in, subject_of

SignedIn = Callable[[str], Client]
FIRST = "prompting.l1.everyday_prompting"
SECOND = "prompting.l2.reusable_templates"
THIRD = "prompting.l3.eval_driven_optimisation"
LINK = "https://wiki.example/prompt-library"


def base(round_: Round) -> str:
    return f"/o/{round_.organisation.slug}/rounds/{round_.id}"


def sam(round_: Round) -> Person:
    return Person.objects.get(organisation=round_.organisation, external_id="p-member")


def answered(round_: Round, submit: bool = True) -> Person:
    """Sam's answers: level 1 done, level 2 relied on (with a link), level 3 at pilot."""
    person = sam(round_)
    save_answer(round_, person, parse_answer(FIRST, 1, "I draft replies to customers every day"))
    save_answer(round_, person, parse_answer(SECOND, 1, f"Our team's templates: {LINK}"))
    save_answer(round_, person, parse_answer(THIRD, 0.5, "<b>tuned</b> prompts on an eval set"))
    if submit:
        submit_response(round_, person)
    return person


def review_url(round_: Round) -> str:
    return f"{base(round_)}/people/p-member/review/"


def second_reviewer(organisation: Organisation) -> Client:
    """Another reviewer account assigned to Sam."""
    user = User.objects.create_user("second@demo.example", DEMO_PASSWORD)
    membership = Membership.objects.create(user=user, organisation=organisation, role=Role.REVIEWER)
    membership.reviews.add(Person.objects.get(organisation=organisation, external_id="p-member"))
    client = Client()
    client.force_login(user)
    return client


def row_of(html: str, external_id: str) -> str:
    found = re.search(rf'<tr id="person-{external_id}">.*?</tr>', html, re.S)
    assert found, f"no row for {external_id}"
    return found[0]


# --- the queue ------------------------------------------------------------------------------------


def test_the_queue_shows_each_status_of_the_reviewers_own_review(
    client_for: SignedIn, demo_round: Round
) -> None:
    reviewer = client_for("reviewer")
    queue = f"{base(demo_round)}/reviews/"

    def status() -> str:
        page = reviewer.get(queue)
        assert page.status_code == 200
        return row_of(page.content.decode(), "p-member")

    assert "Sam Rivera</a>" in status()
    assert ">Not submitted</span>" in status()
    person = answered(demo_round)
    assert ">Submitted</span>" in status()
    claims = len(review_plan_for(demo_round, person).items)
    assert claims >= 1  # the level-3 claim is always reviewed
    assert f'<td class="number">{claims}</td>' in status()
    assert (
        reviewer.post(review_url(demo_round), {"action": "confirm", "item_id": THIRD}).status_code
        == 302
    )
    assert ">In review</span>" in status()
    assert reviewer.post(review_url(demo_round), {"action": "done"}).status_code == 302
    assert ">Reviewed</span>" in status()
    assert "p-member<" not in reviewer.get(queue).content.decode(), "a name, never a bare id"


def test_the_queue_counts_open_and_answered_requests_and_marks_a_second_reviewer(
    client_for: SignedIn, demo_round: Round
) -> None:
    Round.objects.filter(id=demo_round.id).update(double_review_share=1.0)
    answered(demo_round)
    reviewer, member = client_for("reviewer"), client_for("member")
    reviewer.post(review_url(demo_round), {"action": "request_evidence", "item_id": THIRD})
    row = row_of(reviewer.get(f"{base(demo_round)}/reviews/").content.decode(), "p-member")
    assert "1 open, 0 answered" in row
    assert "second reviewer" in row
    member.post(f"{base(demo_round)}/requests/{THIRD}/", {"evidence": "eval set: evals/v3.csv"})
    row = row_of(reviewer.get(f"{base(demo_round)}/reviews/").content.decode(), "p-member")
    assert "0 open, 1 answered" in row


def test_an_admin_sees_the_whole_round_and_filters_by_status_and_team(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    answered(demo_round)
    owner = client_for("owner")
    queue = f"{base(demo_round)}/reviews/"
    everyone = owner.get(queue).content.decode()
    assert everyone.count('<tr id="person-') == Person.objects.filter(organisation=demo).count()
    submitted = owner.get(queue + "?status=submitted").content.decode()
    assert submitted.count('<tr id="person-') == 1
    assert "Sam Rivera" in submitted
    legal = Team.objects.get(organisation=demo, name="legal")
    by_team = owner.get(queue + f"?team={legal.id}").content.decode()
    assert by_team.count('<tr id="person-') == legal.people.count()
    assert "Sam Rivera" not in by_team
    assert f'<option value="{legal.id}" selected>legal</option>' in by_team


def test_an_unknown_filter_is_an_inline_error(client_for: SignedIn, demo_round: Round) -> None:
    page = client_for("reviewer").get(f"{base(demo_round)}/reviews/?status=lost&team=")
    assert page.status_code == 400
    html = page.content.decode()
    assert (
        '<p class="error" role="alert" id="error-status">&#x27;lost&#x27; is not a status' in html
    )
    assert "Sam Rivera" in html, "the whole queue is shown under the error"


def test_the_old_home_of_a_reviewer_sends_them_to_the_queue(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    home = client_for("reviewer").get(f"/o/{demo.slug}/")
    assert home.status_code == 302
    assert home["Location"] == f"{base(demo_round)}/reviews/"


# --- the review page ------------------------------------------------------------------------------


def test_the_review_page_shows_answers_and_evidence_for_the_reviewer_and_is_audited(
    client_for: SignedIn, demo_round: Round
) -> None:
    answered(demo_round)
    page = client_for("reviewer").get(review_url(demo_round))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Reviewing Sam Rivera's answers</h1>" in html
    assert "Your roadmap" not in html
    assert f'<a href="{LINK}" rel="noopener noreferrer nofollow">{LINK}</a>' in html
    assert "&lt;b&gt;tuned&lt;/b&gt; prompts" in html, "evidence is text, never markup"
    assert 'class="badge warn">review required</span>' in html  # the level-3 claim
    third = re.search(
        rf'<article class="item review-item" id="{anchor(THIRD)}">.*?</article>', html, re.S
    )
    assert third, "no row for the level-3 item"
    assert "<dd>Done in a prototype or pilot</dd>" in third[0] or "pilot" in third[0]
    lower = re.search(r"<select name=\"value\"[^>]*>(.*?)</select>", third[0], re.S)
    assert lower, "no Lower to select"
    assert re.findall(r'<option value="([^"]*)"', lower[1]) == ["", "0", "0.25"]
    levels = re.search(
        r'<select name="level" id="domain-prompting-level"[^>]*>(.*?)</select>', html, re.S
    )
    assert levels, "no level select"
    assert "1: AI Consumer" in levels[1], "levels by name, not a typed number"
    event = AuditEvent.objects.get(action="answers_viewed")
    assert (event.target, event.detail, event.actor_label) == (
        "p-member",
        {"round": demo_round.id},
        "reviewer@demo.example",
    )


def test_the_evidence_check_flags_are_shown_to_the_reviewer_and_the_person(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    answered(demo_round, submit=False)
    copied = "We used AI tools for our work and it was useful for the whole team overall"
    for external_id in ("p-member", "p0001"):
        person = Person.objects.get(organisation=demo, external_id=external_id)
        save_answer(
            demo_round, person, parse_answer("apis_integration.l2.function_calling", 1, copied)
        )
    reviewer_page = client_for("reviewer").get(review_url(demo_round)).content.decode()
    shared = "The same text comes from 2 people, so it may not show this person&#x27;s own work."
    assert "Evidence check</dt>" in reviewer_page
    assert shared in reviewer_page
    own_page = client_for("member").get(f"{base(demo_round)}/results/").content.decode()
    assert "<h3>The evidence check</h3>" in own_page
    assert shared in own_page


def test_each_decision_counts_at_once_and_is_audited(
    client_for: SignedIn, demo_round: Round
) -> None:
    person = answered(demo_round)
    reviewer = client_for("reviewer")
    before = Score.objects.get(round=demo_round, person=person).levels[0]
    confirmed = reviewer.post(
        review_url(demo_round), {"action": "confirm", "item_id": FIRST, "note": "seen it"}
    )
    assert confirmed.status_code == 302
    assert confirmed["Location"] == review_url(demo_round) + "#" + anchor(FIRST)
    reviewer.post(
        review_url(demo_round),
        {"action": "lower", "item_id": SECOND, "value": "0.25", "note": "a draft only"},
    )
    reviewer.post(review_url(demo_round), {"action": "request_evidence", "item_id": THIRD})
    decisions = {d.item_id: (d.decision, d.value) for d in ItemReview.objects.all()}
    assert decisions == {
        FIRST: ("confirm", 1.0),
        SECOND: ("lower", 0.25),
        THIRD: ("request_evidence", None),
    }
    assert before == 2
    assert Score.objects.get(round=demo_round, person=person).levels[0] == 1, "the lowering counts"
    events = AuditEvent.objects.filter(action="item_reviewed").order_by("id")
    assert [(e.detail["item"], e.detail["decision"]) for e in events] == [
        (FIRST, "confirm"),
        (SECOND, "lower"),
        (THIRD, "request_evidence"),
    ]
    html = reviewer.get(review_url(demo_round)).content.decode()
    assert "Lowered to “" in html
    assert ": a draft only" in html


def test_htmx_swaps_only_the_items_row(client_for: SignedIn, demo_round: Round) -> None:
    answered(demo_round)
    reviewer = client_for("reviewer")
    data = {"action": "confirm", "item_id": FIRST}
    swapped = reviewer.post(review_url(demo_round), data, headers={"HX-Request": "true"})
    assert swapped.status_code == 200
    html = swapped.content.decode()
    assert html.startswith(f'<article class="item review-item" id="{anchor(FIRST)}">')
    assert "<html" not in html
    assert "Your decision</dt>" in html
    assert "Confirmed" in html
    refused = reviewer.post(
        review_url(demo_round),
        {"action": "lower", "item_id": FIRST},
        headers={"HX-Request": "true"},
    )
    assert refused.status_code == 400
    assert refused.content.decode().startswith("<article")
    assert f'id="{anchor(FIRST)}-error"' in refused.content.decode()


def test_refused_decisions_are_shown_next_to_their_form_with_the_input_kept(
    client_for: SignedIn, demo_round: Round
) -> None:
    answered(demo_round)
    reviewer = client_for("reviewer")
    url = review_url(demo_round)
    no_value = reviewer.post(url, {"action": "lower", "item_id": SECOND, "note": "kept note"})
    assert no_value.status_code == 400
    html = no_value.content.decode()
    assert f'<p class="error" role="alert" id="{anchor(SECOND)}-error">' in html
    assert "is not a lower value on the scale" in html
    assert ">kept note</textarea>" in html
    long_note = reviewer.post(url, {"action": "confirm", "item_id": SECOND, "note": "n" * 2001})
    assert long_note.status_code == 400
    assert 'aria-invalid="true"' in long_note.content.decode()
    assert "at most 2000 characters" in long_note.content.decode()
    domain = reviewer.post(
        url, {"action": "domain", "domain": "prompting", "level": "", "note": "why"}
    )
    assert domain.status_code == 400
    assert 'id="domain-prompting-error"' in domain.content.decode()
    assert ">why</textarea>" in domain.content.decode()
    action = reviewer.post(url, {"action": "approve"})
    assert action.status_code == 400
    assert "&#x27;approve&#x27; is not an action" in action.content.decode()
    assert not ItemReview.objects.exists()
    assert not DomainReview.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["item_reviewed", "domain_reviewed"]).exists()


def test_the_old_domain_form_still_works(client_for: SignedIn, demo_round: Round) -> None:
    answered(demo_round)
    saved = client_for("reviewer").post(
        review_url(demo_round), {"domain": "prompting", "level": "1", "note": "ok"}
    )
    assert saved.status_code == 302
    assert saved["Location"].endswith("#domain-prompting")
    rated = DomainReview.objects.get()
    assert (rated.domain, rated.level, rated.note) == ("prompting", 1, "ok")
    assert AuditEvent.objects.filter(action="domain_reviewed", target="p-member").exists()
    assert Score.objects.get(person__external_id="p-member").levels[0] == 1


def test_a_closed_round_takes_no_review(client_for: SignedIn, demo_round: Round) -> None:
    answered(demo_round)
    Round.objects.filter(id=demo_round.id).update(status=Round.Status.CLOSED)
    reviewer = client_for("reviewer")
    page = reviewer.post(review_url(demo_round), {"action": "confirm", "item_id": FIRST})
    assert page.status_code == 400
    assert 'id="error-round">the round is closed; its results are frozen' in page.content.decode()
    shown = reviewer.get(review_url(demo_round)).content.decode()
    assert "The round is closed" in shown
    assert 'name="action"' not in shown


def test_no_one_reviews_themself_or_someone_not_assigned(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    answered(demo_round)
    assert client_for("member").get(review_url(demo_round)).status_code == 403
    assert client_for("reviewer").get(f"{base(demo_round)}/people/p0001/review/").status_code == 403
    assert client_for("analyst").get(f"{base(demo_round)}/reviews/").status_code == 403
    assert not AuditEvent.objects.filter(action="answers_viewed").exists()


# --- independence and disagreements ---------------------------------------------------------------


def test_a_second_reviewer_sees_the_first_review_only_once_both_are_done(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    Round.objects.filter(id=demo_round.id).update(double_review_share=1.0)
    answered(demo_round)
    first, second = client_for("reviewer"), second_reviewer(demo)
    first.post(
        review_url(demo_round),
        {"action": "lower", "item_id": SECOND, "value": "0.5", "note": "first's note"},
    )
    hidden = second.get(review_url(demo_round)).content.decode()
    assert "first&#x27;s note" not in hidden
    assert "reviewer@demo.example" not in hidden
    assert "only once both of you have marked your review done" in hidden
    first.post(review_url(demo_round), {"action": "done"})
    assert "first&#x27;s note" not in second.get(review_url(demo_round)).content.decode()
    second.post(review_url(demo_round), {"action": "lower", "item_id": SECOND, "value": "0.5"})
    second.post(review_url(demo_round), {"action": "done"})
    shown = second.get(review_url(demo_round)).content.decode()
    assert "first&#x27;s note" in shown
    assert "Review by reviewer@demo.example" in shown


def test_a_disagreement_counts_for_neither_until_an_admin_decides(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    Round.objects.filter(id=demo_round.id).update(double_review_share=1.0)
    person = answered(demo_round)
    first, second, owner = client_for("reviewer"), second_reviewer(demo), client_for("owner")
    first.post(review_url(demo_round), {"action": "lower", "item_id": SECOND, "value": "0.5"})
    second.post(review_url(demo_round), {"action": "confirm", "item_id": SECOND})
    assert [d.key for d in disagreements(demo_round, person)] == [SECOND]
    page = owner.get(review_url(demo_round)).content.decode()
    assert "Disagreements to decide" in page
    assert "reviewer@demo.example: " in page
    assert "second@demo.example: " in page
    resolve = {"action": "resolve", "item_id": SECOND, "value": "0.25", "note": "asked the team"}
    assert first.post(review_url(demo_round), resolve).status_code == 403
    assert owner.post(review_url(demo_round), resolve).status_code == 302
    assert disagreements(demo_round, person) == ()
    resolution = Review.objects.get(kind="resolution")
    assert resolution.items.get().value == 0.25
    event = AuditEvent.objects.get(action="disagreement_resolved")
    assert event.detail == {"round": demo_round.id, "item": SECOND, "value": 0.25}
    assert "Disagreements to decide" not in owner.get(review_url(demo_round)).content.decode()


# --- the person's side ----------------------------------------------------------------------------


def test_the_person_sees_the_review_and_answers_a_request(
    client_for: SignedIn, demo_round: Round
) -> None:
    answered(demo_round)
    reviewer, member = client_for("reviewer"), client_for("member")
    reviewer.post(review_url(demo_round), {"action": "confirm", "item_id": FIRST})
    reviewer.post(
        review_url(demo_round),
        {"action": "lower", "item_id": SECOND, "value": "0.5", "note": "pilot only"},
    )
    reviewer.post(
        review_url(demo_round),
        {"action": "request_evidence", "item_id": THIRD, "note": "which eval set?"},
    )
    reviewer.post(
        review_url(demo_round),
        {"domain": "rag_retrieval", "level": "0", "note": "no retrieval yet"},
    )
    html = member.get(f"{base(demo_round)}/results/").content.decode()
    section = re.search(r'<section id="your-review".*?</section>', html, re.S)
    assert section, "no Your review section"
    text = section[0]
    assert "<li>Confirmed</li>" in text
    assert "Lowered to “" in text
    assert "Note: pilot only" in text
    assert "More evidence asked for. Note: which eval set?" in text
    assert "RAG &amp; Retrieval</strong>: reviewed level 0" in text
    assert "no retrieval yet" in text
    assert "Review a domain" not in html, "the reviewer's forms left the person's page"
    form = f'action="{base(demo_round)}/requests/{THIRD}/"'
    assert form in text

    empty = member.post(f"{base(demo_round)}/requests/{THIRD}/", {"evidence": "  "})
    assert empty.status_code == 400
    assert 'id="request-prompting-l3-eval_driven_optimisation-error"' in empty.content.decode()
    sent = member.post(
        f"{base(demo_round)}/requests/{THIRD}/", {"evidence": "evals/v3.csv, 412 cases"}
    )
    assert sent.status_code == 302
    assert sent["Location"] == f"{base(demo_round)}/results/#your-review"
    assert AuditEvent.objects.filter(action="evidence_request_answered", target="p-member").exists()
    seen = reviewer.get(review_url(demo_round)).content.decode()
    assert "Sam Rivera answered on" in seen
    assert "evals/v3.csv, 412 cases" in seen


def test_a_request_cannot_be_answered_once_the_round_closes_or_where_none_was_made(
    client_for: SignedIn, demo_round: Round
) -> None:
    answered(demo_round)
    member = client_for("member")
    none_asked = member.post(f"{base(demo_round)}/requests/{FIRST}/", {"evidence": "more"})
    assert none_asked.status_code == 400
    assert "no reviewer asked for more evidence" in none_asked.content.decode()
    client_for("reviewer").post(
        review_url(demo_round), {"action": "request_evidence", "item_id": FIRST}
    )
    Round.objects.filter(id=demo_round.id).update(status=Round.Status.CLOSED)
    closed = member.post(f"{base(demo_round)}/requests/{FIRST}/", {"evidence": "more"})
    assert closed.status_code == 400
    assert "the round is closed" in closed.content.decode()
    assert (
        "more evidence can no longer be added"
        in member.get(f"{base(demo_round)}/results/").content.decode()
    )


def test_a_reviewer_opening_results_is_linked_to_the_review_page(
    client_for: SignedIn, demo_round: Round
) -> None:
    answered(demo_round)
    html = client_for("reviewer").get(f"{base(demo_round)}/people/p-member/").content.decode()
    assert f'href="{review_url(demo_round)}"' in html
    assert 'id="your-review"' not in html


def test_marking_done_tells_the_person_through_a_real_smtp_server(
    client_for: SignedIn, demo_round: Round, smtp_settings: MailServer
) -> None:
    person = answered(demo_round)
    person.email = "sam@demo.example"
    person.save(update_fields=["email"])
    reviewer = client_for("reviewer")
    reviewer.post(review_url(demo_round), {"action": "request_evidence", "item_id": THIRD})
    assert reviewer.post(review_url(demo_round), {"action": "done"}).status_code == 302
    assert AuditEvent.objects.filter(action="review_completed", target="p-member").exists()
    assert deliver_due() == 1
    [message] = smtp_settings.to("sam@demo.example")
    assert "was reviewed" in subject_of(message)
    body = message.get_payload(decode=True).decode()
    assert "ask for more evidence" in body
    assert link_in(message).endswith(f"{base(demo_round)}/results/")


# --- the API --------------------------------------------------------------------------------------


def bearer(email: str) -> Client:
    _, secret = ApiToken.issue(User.objects.get(email=email), "test")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def api_review(round_: Round) -> str:
    return (
        f"/api/organisations/{round_.organisation.slug}/rounds/{round_.id}/people/p-member/review"
    )


def test_the_api_queue_has_the_pages_statuses(demo: Organisation, demo_round: Round) -> None:
    answered(demo_round)
    reviewer = bearer("reviewer@demo.example")
    url = f"/api/organisations/{demo.slug}/reviews?round={demo_round.id}"
    queue = reviewer.get(url)
    assert queue.status_code == 200
    body = queue.json()
    assert body["round"] == demo_round.id
    assert body["total"] == 1
    [entry] = body["people"]
    assert entry["name"] == "Sam Rivera"
    assert entry["status"] == "submitted"
    assert entry["claims_to_review"] == len(review_plan_for(demo_round, sam(demo_round)).items)
    assert reviewer.get(url + "&status=reviewed").json()["people"] == []
    bad = reviewer.get(url + "&status=lost")
    assert bad.status_code == 400
    assert bad.json()["field"] == "status"
    assert bearer("member@demo.example").get(url).status_code == 403


def test_the_api_review_is_all_or_nothing_and_returns_the_result(
    demo: Organisation, demo_round: Round
) -> None:
    answered(demo_round)
    reviewer = bearer("reviewer@demo.example")
    wrong = {
        "items": {
            FIRST: {"value": 1.0},
            SECOND: {"value": 1.0, "note": "x"},
            THIRD: {"value": 1.0},
        },
        "domains": {"prompting": {"level": 1}},
    }
    refused = reviewer.post(api_review(demo_round), wrong, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["field"] == f"items.{THIRD}.value"
    assert "not a lower value on the scale" in refused.json()["detail"]
    assert not ItemReview.objects.exists()
    assert not DomainReview.objects.exists()
    assert not AuditEvent.objects.filter(action="item_reviewed").exists()

    good = {
        "items": {
            FIRST: {"value": 1.0, "note": "seen"},
            SECOND: {"value": 0.5},
            THIRD: {"request_evidence": True, "note": "which eval set?"},
        },
        "domains": {"rag_retrieval": {"level": 0, "note": "none yet"}},
        "done": True,
    }
    saved = reviewer.post(api_review(demo_round), good, content_type="application/json")
    assert saved.status_code == 200
    document = saved.json()
    assert document["format"] == "eaism.person-result/1"
    assert "reviewer" in document["sources"]
    decisions = {d.item_id: d.decision for d in ItemReview.objects.all()}
    assert decisions == {FIRST: "confirm", SECOND: "lower", THIRD: "request_evidence"}
    assert Review.objects.get().completed_at is not None
    same = bearer("member@demo.example").get(
        f"/api/organisations/{demo.slug}/rounds/{demo_round.id}/results"
    )
    assert same.json() == document
    events = AuditEvent.objects.filter(
        action__in=["item_reviewed", "domain_reviewed", "review_completed"]
    )
    assert events.count() == 5
    assert all(event.detail["via"] == "api" for event in events)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "items"),
        ({"items": {"nope.l1.x": {"value": 0.5}}}, "items.nope.l1.x"),
        ({"items": {FIRST: {}}}, f"items.{FIRST}"),
        ({"items": {FIRST: {"value": 0.5, "request_evidence": True}}}, f"items.{FIRST}"),
        ({"items": {FIRST: {"value": 0.5, "note": "n" * 2001}}}, f"items.{FIRST}.note"),
        ({"domains": {"nope": {"level": 1}}}, "domains.nope"),
        ({"domains": {"rag_retrieval": {"level": 1}}}, "domains.rag_retrieval.level"),
    ],
)
def test_the_api_names_the_field_at_fault(
    demo_round: Round, body: dict[str, object], field: str
) -> None:
    answered(demo_round)
    refused = bearer("reviewer@demo.example").post(
        api_review(demo_round), body, content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["field"] == field


def test_the_api_reply_is_for_ones_own_requests(demo: Organisation, demo_round: Round) -> None:
    answered(demo_round)
    reviewer, member = bearer("reviewer@demo.example"), bearer("member@demo.example")
    reviewer.post(
        api_review(demo_round),
        {"items": {THIRD: {"request_evidence": True}}},
        content_type="application/json",
    )
    url = f"/api/organisations/{demo.slug}/rounds/{demo_round.id}/requests/{THIRD}"
    assert reviewer.post(url, {"evidence": "x"}, content_type="application/json").status_code == 403
    empty = member.post(url, {"evidence": " "}, content_type="application/json")
    assert empty.status_code == 400
    assert empty.json()["field"] == "evidence"
    replied = member.post(url, {"evidence": "evals/v3.csv"}, content_type="application/json")
    assert replied.status_code == 200
    assert replied.json()["item_id"] == THIRD
    assert replied.json()["evidence"] == "evals/v3.csv"
    assert ItemReview.objects.get().reply == "evals/v3.csv"
