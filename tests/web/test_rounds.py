"""Running a round: opening it for teams with dates, invitations and reminders by e-mail through a
real SMTP server, single-use links, closing on time, and response rates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from eaism.analysis.response_rates import Counts
from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.models import Response, Round
from eaism.web.assessments.outreach import queue_invitations, queue_reminders, round_response_rates
from eaism.web.assessments.rounds import RoundRequest, close_due_rounds, close_round, open_round
from eaism.web.audit.models import AuditEvent
from eaism.web.input_error import InputError
from eaism.web.organisations.models import Organisation, Person
from eaism.web.outbox.delivery import deliver_due
from eaism.web.outbox.models import Message
from eaism.web.outbox.tasks import tick
from tests.mail_server import MailServer, link_in, subject_of

ANSWER = parse_answer("prompting.l1.everyday_prompting", 1, "")


@pytest.fixture
def addressed(demo: Organisation) -> Organisation:
    """The demo's people in the data and platform teams get e-mail addresses."""
    for person in Person.objects.filter(organisation=demo, team__name__in=["data", "platform"]):
        person.email = f"{person.external_id}@demo.example"
        person.save(update_fields=["email"])
    return demo


def a_round(organisation: Organisation, **wanted: object) -> Round:
    chosen: dict[str, object] = {
        "name": "Spring 2027",
        "closes_at": timezone.now() + timedelta(days=21),
        "teams": ("data", "platform"),
        "drafts": "keep",
    }
    request = RoundRequest(**(chosen | wanted))  # type: ignore[arg-type]
    return open_round(organisation, request, "2026.1")


def person(organisation: Organisation, external_id: str) -> Person:
    return Person.objects.get(organisation=organisation, external_id=external_id)


def test_a_round_is_for_its_teams_and_checks_its_dates(addressed: Organisation) -> None:
    round_ = a_round(addressed)
    assert {team.name for team in round_.teams.all()} == {"data", "platform"}
    with pytest.raises(InputError, match="closing date must be in the future") as past:
        open_round(
            addressed,
            RoundRequest("Late", closes_at=timezone.now() - timedelta(days=1)),
            "2026.1",
        )
    assert past.value.field == "closes_at"
    with pytest.raises(InputError, match="'ops' is not a team") as unknown:
        open_round(addressed, RoundRequest("Odd", teams=("ops",)), "2026.1")
    assert unknown.value.field == "teams"


def test_opening_over_an_open_round_asks_what_happens_to_drafts(addressed: Organisation) -> None:
    first = addressed.rounds.get()
    member = person(addressed, "p-member")
    save_answer(first, member, ANSWER)
    with pytest.raises(InputError, match="still open") as undecided:
        open_round(addressed, RoundRequest("Winter"), "2026.1")
    assert undecided.value.field == "drafts"
    assert addressed.rounds.count() == 1, "nothing is opened before the admin decides"
    second = open_round(addressed, RoundRequest("Winter", drafts="carry_over"), "2026.1")
    first.refresh_from_db()
    assert first.status == Round.Status.CLOSED
    carried = Response.objects.get(round=second, person=member)
    assert carried.carried_from == first
    assert [a.item_id for a in carried.answers.all()] == [ANSWER.item_id]


def test_invitations_reach_a_real_smtp_server_with_single_use_links(
    addressed: Organisation, smtp_settings: MailServer, client: Client
) -> None:
    round_ = a_round(addressed)
    queued = queue_invitations(round_)
    people = Person.objects.filter(organisation=addressed, team__name__in=["data", "platform"])
    assert queued.queued == people.count() == 43
    assert deliver_due() == 43
    assert len(smtp_settings.received) == 43
    message = smtp_settings.to("p0250@demo.example")
    assert len(message) == 1
    assert "Harbor Retail (demo)" in subject_of(message[0])
    assert message[0]["From"] == '"Harbor Retail (demo)" <eaism@localhost>'
    body = message[0].get_payload(decode=True).decode()
    assert "about 10 minutes" in body
    assert "closes on" in body
    path = "/" + link_in(message[0]).split("/", 3)[3]
    assert client.get(path).status_code == 200
    form = {"new_password1": "a-long-pass-phrase", "new_password2": "a-long-pass-phrase"}
    assert client.post(path, form).status_code == 302
    used = Client().get(path)
    assert used.status_code == 404
    assert b"already been used" in used.content
    assert queue_invitations(round_).queued == 0, "everyone is invited once"


def test_an_expired_link_says_so(addressed: Organisation, smtp_settings: MailServer) -> None:
    round_ = a_round(addressed)
    queue_invitations(round_, person_ids=["p0250"])
    deliver_due()
    message = Message.objects.get(person__external_id="p0250")
    assert message.invitation is not None
    message.invitation.expires_at = timezone.now() - timedelta(minutes=1)
    message.invitation.save(update_fields=["expires_at"])
    path = "/" + link_in(smtp_settings.received[0]).split("/", 3)[3]
    expired = Client().get(path)
    assert expired.status_code == 404
    assert b"expired" in expired.content


def test_reminders_reach_only_those_they_are_for(
    addressed: Organisation, smtp_settings: MailServer
) -> None:
    round_ = a_round(addressed)
    queue_invitations(round_)
    deliver_due()
    starter, finisher = person(addressed, "p0251"), person(addressed, "p0252")
    for someone in (starter, finisher):
        save_answer(round_, someone, ANSWER)
    submit_response(round_, finisher)
    before = len(smtp_settings.received)
    assert queue_reminders(round_, "not_submitted").queued == 1
    deliver_due()
    assert [m["To"] for m in smtp_settings.received[before:]] == [starter.email]
    assert queue_reminders(round_, "not_submitted").queued == 0, "not twice within the interval"
    assert queue_reminders(round_, "not_started").queued == 41


def test_deactivated_people_get_nothing_and_count_nowhere(
    addressed: Organisation, smtp_settings: MailServer, client_for: Callable[[str], Client]
) -> None:
    round_ = a_round(addressed)
    queue_invitations(round_)
    Person.objects.filter(organisation=addressed, team__name="platform").update(active=False)
    deliver_due()
    assert len(smtp_settings.received) == 31
    cancelled = Message.objects.filter(state=Message.State.CANCELLED)
    assert cancelled.count() == 12
    rates = client_for("owner").get(
        f"/api/organisations/{addressed.slug}/rounds/{round_.id}/response-rates"
    )
    assert rates.json()["overall"] == {"invited": 31, "started": 0, "submitted": 0, "rate": 0.0}


def test_a_failed_delivery_is_retried_with_backoff_and_shown(
    addressed: Organisation, settings: object
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # type: ignore[attr-defined]  # nothing listens
    round_ = a_round(addressed)
    queue_invitations(round_, person_ids=["p0250"])
    assert deliver_due() == 0
    message = Message.objects.get()
    assert message.state == Message.State.QUEUED
    assert message.attempts == 1
    assert message.available_at > timezone.now() + timedelta(seconds=20)
    assert "ConnectionRefusedError" in message.error
    assert deliver_due() == 0, "not retried before its backoff ends"


def test_rounds_close_on_their_date_from_the_background_tick(addressed: Organisation) -> None:
    round_ = a_round(addressed)
    Round.objects.filter(id=round_.id).update(closes_at=timezone.now() - timedelta(seconds=1))
    assert tick.call() == {"closed": 1, "reminders": 0}
    round_.refresh_from_db()
    assert round_.status == Round.Status.CLOSED
    event = AuditEvent.objects.filter(action="round_closed").get()
    assert event.actor_label == "eaism (scheduled)"
    assert close_due_rounds() == 0


def test_scheduled_reminders_wait_a_full_interval(
    addressed: Organisation, smtp_settings: MailServer
) -> None:
    round_ = a_round(addressed, reminder_days=7)
    queue_invitations(round_)
    deliver_due()
    assert tick.call()["reminders"] == 0, "the invitation itself was just sent"
    Message.objects.update(queued_at=timezone.now() - timedelta(days=8))
    assert tick.call()["reminders"] == 43
    assert tick.call()["reminders"] == 0


def test_the_rounds_pages_open_invite_remind_and_show_rates(
    addressed: Organisation, client_for: Callable[[str], Client], smtp_settings: MailServer
) -> None:
    owner = client_for("owner")
    slug = addressed.slug
    bad = owner.post(f"/o/{slug}/rounds/", {"name": "Spring", "closes_at": "2001-01-01T10:00"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "the closing date must be in the future" in page
    assert 'value="Spring"' in page
    opened = owner.post(
        f"/o/{slug}/rounds/",
        {"name": "Spring", "teams": ["data", "platform"], "drafts": "keep"},
    )
    round_ = Round.objects.get(name="Spring")
    assert opened["Location"] == f"/o/{slug}/rounds/{round_.id}/"
    sent = owner.post(f"/o/{slug}/rounds/{round_.id}/invitations/", {"team": "data"}, follow=True)
    assert "31 invitations queued for sending." in sent.content.decode()
    deliver_due()
    detail = owner.get(f"/o/{slug}/rounds/{round_.id}/").content.decode()
    assert "0 submitted of 31 invited (0%)" in detail
    assert "below target" in detail
    wrong = owner.post(f"/o/{slug}/rounds/{round_.id}/reminders/", {"kind": "everyone"})
    assert wrong.status_code == 400
    assert "Select a valid choice" in wrong.content.decode()


def test_the_api_opens_invites_and_reminds(
    addressed: Organisation, client_for: Callable[[str], Client]
) -> None:
    owner = client_for("owner")
    base = f"/api/organisations/{addressed.slug}/rounds"
    closes = (timezone.now() + timedelta(days=14)).isoformat()
    made = owner.post(
        base,
        {"name": "API round", "closes_at": closes, "teams": ["data"], "drafts": "keep"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    round_id = made.json()["id"]
    assert made.json()["teams"] == ["data"]
    invited = owner.post(f"{base}/{round_id}/invitations", {}, content_type="application/json")
    assert invited.json() == {"queued": 31, "without_address": 0, "already_invited": 0}
    team = owner.post(
        f"{base}/{round_id}/invitations", {"team": "nope"}, content_type="application/json"
    )
    assert team.status_code == 400
    assert team.json()["field"] == "team"
    reminded = owner.post(
        f"{base}/{round_id}/reminders", {"kind": "not_started"}, content_type="application/json"
    )
    assert reminded.json()["queued"] == 31
    late = owner.post(
        base,
        {"name": "Late", "closes_at": "2001-01-01T00:00:00Z", "drafts": "keep"},
        content_type="application/json",
    )
    assert late.status_code == 400
    assert late.json()["field"] == "closes_at"


def test_the_api_opens_a_round_on_a_chosen_edition_and_names_an_unknown_one(
    addressed: Organisation, client_for: Callable[[str], Client]
) -> None:
    owner = client_for("owner")
    base = f"/api/organisations/{addressed.slug}/rounds"
    made = owner.post(
        base, {"name": "Agentic", "edition": "2026.2", "drafts": "keep"}, "application/json"
    )
    assert made.status_code == 201, made.content
    assert made.json()["edition"] == "2026.2"
    assert Round.objects.get(id=made.json()["id"]).edition == "2026.2"
    default = owner.post(base, {"name": "Plain", "drafts": "keep"}, "application/json")
    assert default.json()["edition"] == "2026.1"
    unknown = owner.post(
        base, {"name": "Odd", "edition": "1999.9", "drafts": "keep"}, "application/json"
    )
    assert unknown.status_code == 400
    assert unknown.json()["field"] == "edition"
    assert "2026.2" in unknown.json()["detail"]


def test_a_manager_sees_rates_of_own_teams_only_when_large_enough(
    addressed: Organisation, client_for: Callable[[str], Client]
) -> None:
    round_ = a_round(addressed, teams=(), name="Everyone")
    Round.objects.exclude(id=round_.id).update(status=Round.Status.CLOSED)
    for someone in Person.objects.filter(organisation=addressed):
        Message.objects.create(
            organisation=addressed, round=round_, person=someone, kind="invitation", address="x@y.z"
        )
    rates = client_for("manager").get(
        f"/api/organisations/{addressed.slug}/rounds/{round_.id}/response-rates"
    )
    assert rates.status_code == 200
    document = rates.json()
    assert document["overall"] is None, "three invited: even the total could point to a person"
    assert document["teams"] == []
    assert document["withheld_teams"] == 1


def test_people_ticked_on_the_people_list_are_invited(
    addressed: Organisation, client_for: Callable[[str], Client]
) -> None:
    owner = client_for("owner")
    round_ = a_round(addressed)
    listed = owner.get(f"/o/{addressed.slug}/people/?team=&q=p025").content.decode()
    assert 'form="invite-selected"' in listed
    sent = owner.post(
        f"/o/{addressed.slug}/rounds/{round_.id}/invitations/",
        {"person_ids": ["p0250", "p0251"]},
        follow=True,
    )
    assert "2 invitations queued for sending." in sent.content.decode()
    assert set(Message.objects.values_list("person__external_id", flat=True)) == {"p0250", "p0251"}


def test_a_closed_round_keeps_its_counts_when_people_leave(addressed: Organisation) -> None:
    round_ = a_round(addressed)
    queue_invitations(round_)
    save_answer(round_, person(addressed, "p0250"), ANSWER)
    close_round(round_)
    Person.objects.filter(organisation=addressed, team__name="data").update(active=False)
    round_.refresh_from_db()
    rates = round_response_rates(round_)
    assert rates.overall == Counts(43, 1, 0)
    assert [team.team for team in rates.teams] == ["data", "platform"]
