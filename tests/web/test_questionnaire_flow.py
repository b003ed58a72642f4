"""The questionnaire's resume position, progress line, evidence limit, inline errors, reopening a
submitted response, and answers that still need evidence. Reviewing: tests/web/test_reviewing.py."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client

from eaism.web.assessments.answers import MAX_EVIDENCE
from eaism.web.assessments.models import Answer, Response, Round, Score
from eaism.web.audit.models import AuditEvent
from eaism.web.edition import current_edition
from tests.web.answering import base, give, member_person

SignedIn = Callable[[str], Client]
FIRST = "prompting.l1.everyday_prompting"
LEVEL_2 = "prompting.l2.reusable_templates"
TOO_LONG = "x" * 20_000


def progress(page: bytes) -> str:
    match = re.search(r'<p id="progress">([^<]*)</p>', page.decode())
    assert match, "no progress line"
    return match.group(1)


def test_the_questionnaire_resumes_at_the_first_open_question(
    client_for: SignedIn, demo_round: Round
) -> None:
    give(demo_round, FIRST, 0.0)  # level 1 not met: prompting asks nothing more
    page = client_for("member").get(f"{base(demo_round)}/assess/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<h2 id="domain-heading">APIs &amp; Integration</h2>' in html
    first_open = "apis_integration.l1.ai_enabled_apps"
    assert f'id="item-{first_open}"' in html
    radios = re.findall(r"<input type=\"radio\"[^>]*>", html)
    focused = [radio for radio in radios if "autofocus" in radio]
    assert len(focused) == 1
    assert f'data-item="{first_open}"' in focused[0]
    assert f'href="?domain=apis_integration#item-{first_open}"' in html  # the anchor to it


def test_a_chosen_domain_focuses_its_first_open_question(
    client_for: SignedIn, demo_round: Round
) -> None:
    give(demo_round, FIRST, 1.0)
    html = client_for("member").get(f"{base(demo_round)}/assess/?domain=prompting").content
    focused = [r for r in re.findall(rb"<input type=\"radio\"[^>]*>", html) if b"autofocus" in r]
    assert len(focused) == 1
    assert f'data-item="{LEVEL_2}"'.encode() in focused[0]


def test_the_save_buttons_are_hidden_once_javascript_runs(
    client_for: SignedIn, demo_round: Round
) -> None:
    html = client_for("member").get(f"{base(demo_round)}/assess/").content.decode()
    assert 'class="save">Save answer</button>' in html  # there without JavaScript
    script = re.search(r'<script src="([^"]*enhance\.js)"></script>', html)
    assert script, "the enhancement script is not loaded"
    client = Client()
    code = b"".join(client.get(script.group(1)))
    assert b'classList.add("js")' in code
    css = b"".join(client.get("/static/eaism/site.css"))
    assert b".js .item .save { display: none; }" in css


def test_the_progress_line_never_says_none_to_go_while_questions_are_open(
    client_for: SignedIn, demo_round: Round
) -> None:
    """All answered, then a lower answer lowered: the old count went below zero here."""
    edition = current_edition()
    for item_id in edition.item_index:
        give(demo_round, item_id, 1.0, "shipped")
    give(demo_round, FIRST, 0.0)  # prompting now asks level 1 only; levels 2-5 stay stored
    Answer.objects.filter(item_id="security.l1.data_hygiene").delete()
    member = client_for("member")
    line = progress(member.get(f"{base(demo_round)}/assess/").content)
    assert line.endswith("answered, 1 to go"), line
    give(demo_round, "security.l1.data_hygiene", 1.0)
    done = progress(member.get(f"{base(demo_round)}/assess/").content)
    assert done.endswith("none left to answer"), done


def test_the_progress_line_gives_a_range_when_the_count_is_not_known(
    client_for: SignedIn, demo_round: Round
) -> None:
    line = progress(client_for("member").get(f"{base(demo_round)}/assess/").content)
    items = len(current_edition().item_index)
    assert line == f"Domain 1 of 8 · 0 answered, between 8 and {items} to go"


def test_too_long_evidence_is_refused_on_the_page_with_the_text_kept(
    client_for: SignedIn, demo_round: Round
) -> None:
    member = client_for("member")
    give(demo_round, FIRST, 1.0)  # level 2 is asked
    data = {"item_id": LEVEL_2, "value": "1", "evidence": TOO_LONG, "domain": "prompting"}
    page = member.post(f"{base(demo_round)}/answers/", data)
    assert page.status_code == 400
    html = page.content.decode()
    assert "<main" in html
    assert f"at most {MAX_EVIDENCE} characters; this has 20000" in html
    assert 'id="error-evidence-prompting-2"' in html  # next to the level's evidence field
    assert 'aria-invalid="true"' in html
    assert f">{TOO_LONG}</textarea>" in html  # what was typed is kept
    assert re.search(rf'value="1.0" checked[^>]*data-item="{re.escape(LEVEL_2)}"', html)
    assert list(Answer.objects.values_list("item_id", flat=True)) == [FIRST]


def test_too_long_evidence_is_refused_by_htmx_with_only_the_panel(
    client_for: SignedIn, demo_round: Round
) -> None:
    data = {"item_id": LEVEL_2, "value": "1", "evidence": TOO_LONG, "domain": "prompting"}
    panel = client_for("member").post(f"{base(demo_round)}/answers/", data, HTTP_HX_REQUEST="true")
    assert panel.status_code == 400
    html = panel.content.decode()
    assert html.startswith('<div id="domain-panel">')
    assert "<main" not in html
    assert f">{TOO_LONG}</textarea>" in html
    assert not Answer.objects.exists()


def test_too_long_evidence_is_refused_by_the_api(client_for: SignedIn, demo_round: Round) -> None:
    slug = demo_round.organisation.slug
    response = client_for("member").post(
        f"/api/organisations/{slug}/rounds/{demo_round.id}/answers",
        {"item_id": LEVEL_2, "value": 1, "evidence": TOO_LONG},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "evidence"
    assert not Answer.objects.exists()


def test_the_form_limit_and_the_server_limit_agree_on_line_breaks(
    client_for: SignedIn, demo_round: Round
) -> None:
    """A browser counts a line break as one character but sends CR LF: the full box is saved."""
    member = client_for("member")
    give(demo_round, FIRST, 1.0)
    give(demo_round, LEVEL_2, 1.0)  # claimed: the level's evidence field is shown
    html = member.get(f"{base(demo_round)}/assess/?domain=prompting").content.decode()
    assert f'maxlength="{MAX_EVIDENCE}"' in html
    full = "line\r\n" * (MAX_EVIDENCE // 5)  # 4,000 characters as the form counts them
    data = {"domain": "prompting", "level": "2", "evidence": full}
    assert member.post(f"{base(demo_round)}/answers/", data).status_code == 302
    assert Answer.objects.get(item_id=LEVEL_2).evidence == full.replace("\r\n", "\n").strip()
    data["evidence"] = full + "x"
    assert member.post(f"{base(demo_round)}/answers/", data).status_code == 400


def test_submitting_nothing_is_an_inline_error(client_for: SignedIn, demo_round: Round) -> None:
    page = client_for("member").post(f"{base(demo_round)}/submit/")
    assert page.status_code == 400
    assert 'id="panel-error">nothing to submit in an open round</p>' in page.content.decode()


def submit(member: Client, round_: Round) -> None:
    give(round_, FIRST, 1.0)
    give(round_, LEVEL_2, 1.0, "a prompt library")
    assert member.post(f"{base(round_)}/submit/").status_code == 302


def test_a_submitted_response_is_reopened_audited_and_not_counted_until_submitted_again(
    client_for: SignedIn, demo_round: Round
) -> None:
    member = client_for("member")
    submit(member, demo_round)
    person = member_person(demo_round)
    assert Score.objects.filter(round=demo_round, person=person).exists()
    results = member.get(f"{base(demo_round)}/results/").content.decode()
    assert f'action="{base(demo_round)}/reopen/"' in results
    assert "Reopen my answers" in results

    assert member.get(f"{base(demo_round)}/reopen/").status_code == 405  # a change: POST only
    reopened = member.post(f"{base(demo_round)}/reopen/")
    assert reopened.status_code == 302
    assert reopened["Location"] == f"{base(demo_round)}/assess/"
    assert Response.objects.get(round=demo_round, person=person).submitted_at is None
    assert not Score.objects.filter(round=demo_round, person=person).exists()
    event = AuditEvent.objects.get(action="response_reopened")
    assert event.target == "p-member"
    assert event.detail == {"round": demo_round.id}
    assert "Reopen my answers" not in member.get(f"{base(demo_round)}/results/").content.decode()

    # A review meanwhile does not count the reopened response either.
    reviewer = client_for("reviewer")
    review = {"domain": "prompting", "level": "1", "note": ""}
    reviewed = reviewer.post(f"{base(demo_round)}/people/p-member/review/", review)
    assert reviewed.status_code == 302
    assert not Score.objects.filter(round=demo_round, person=person).exists()

    data = {"item_id": "prompting.l3.eval_driven_optimisation", "value": "0.5"}
    assert member.post(f"{base(demo_round)}/answers/", data).status_code == 302  # open again
    assert member.post(f"{base(demo_round)}/submit/").status_code == 302
    score = Score.objects.get(round=demo_round, person=person)
    assert score.levels[0] == 1  # the review is applied on the new submission


def test_reopening_what_is_not_submitted_is_an_inline_error(
    client_for: SignedIn, demo_round: Round
) -> None:
    member = client_for("member")
    give(demo_round, FIRST, 1.0)
    page = member.post(f"{base(demo_round)}/reopen/")
    assert page.status_code == 400
    assert "not submitted, so there is nothing to reopen" in page.content.decode()
    assert not AuditEvent.objects.filter(action="response_reopened").exists()


def test_a_closed_round_cannot_be_reopened(client_for: SignedIn, demo_round: Round) -> None:
    member = client_for("member")
    submit(member, demo_round)
    Round.objects.filter(id=demo_round.id).update(status=Round.Status.CLOSED)
    page = member.post(f"{base(demo_round)}/reopen/")
    assert page.status_code == 400
    assert "the round is closed" in page.content.decode()
    assert Score.objects.filter(round=demo_round).exists()


def test_the_api_reopens_a_submitted_response(client_for: SignedIn, demo_round: Round) -> None:
    member = client_for("member")
    submit(member, demo_round)
    url = f"/api/organisations/{demo_round.organisation.slug}/rounds/{demo_round.id}/reopen"
    first = member.post(url)
    assert first.status_code == 200
    assert first.json() == {"submitted_at": None, "reopened": True}
    assert AuditEvent.objects.filter(action="response_reopened").count() == 1
    again = member.post(url)
    assert again.status_code == 400
    assert again.json()["field"] == "response"


def test_answers_without_evidence_show_as_claimed_and_needing_evidence(
    client_for: SignedIn, demo_round: Round
) -> None:
    give(demo_round, FIRST, 1.0)
    give(demo_round, LEVEL_2, 1.0)  # level 2 without evidence: claimed only
    html = client_for("member").get(f"{base(demo_round)}/results/").content.decode()
    row = re.search(r"<tr><th scope=\"row\">Prompting</th>.*?</tr>", html)
    assert row, "no prompting row"
    assert '<td>1</td><td>2: <span class="claimed">claimed, needs evidence</span></td>' in row[0]
    assert '<h2 id="needs-evidence">Claimed, needs evidence</h2>' in html
    listed = re.search(rf'<li id="needs-{re.escape(LEVEL_2)}">(.*?)</li>', html)
    assert listed
    assert "Prompting, level 2" in listed[1]
    assert "needs evidence" in listed[1]


def test_answers_with_evidence_need_none(client_for: SignedIn, demo_round: Round) -> None:
    give(demo_round, FIRST, 1.0)
    give(demo_round, LEVEL_2, 1.0, "a prompt library")
    html = client_for("member").get(f"{base(demo_round)}/results/").content.decode()
    assert "claimed, needs evidence" not in html
    assert 'id="needs-evidence"' not in html
