"""Inviting and reminding a round's people by e-mail, and how many of them responded.

Queueing only writes outbox rows (fast, in one statement per thousand people); the background
worker sends them. Reminders go to invited people who have not started, or who started and did
not submit; never to deactivated people, never after submitting, and never twice to one person
within the round's reminder interval.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils import timezone

from eaism.analysis.response_rates import Counts, ResponseRates, response_rates
from eaism.web.assessments.models import Response, Round
from eaism.web.assessments.rounds import population
from eaism.web.audit.record import record
from eaism.web.input_error import InputError
from eaism.web.outbox.models import Message

DEFAULT_REMINDER_DAYS = 7
REMINDER_KINDS = (Message.Kind.NOT_STARTED, Message.Kind.NOT_SUBMITTED)
# An invitation counts once it is queued or sent; one that failed or was cancelled does not.
LIVE_STATES = (Message.State.QUEUED, Message.State.SENDING, Message.State.SENT)
BATCH = 1000


@dataclass(frozen=True)
class Queued:
    """What a request to send queued, and whom it left out and why."""

    queued: int
    without_address: int = 0
    already_invited: int = 0


def queue_invitations(
    round_: Round,
    team: str | None = None,
    person_ids: Sequence[str] | None = None,
    request: HttpRequest | None = None,
) -> Queued:
    """Invite a team, a selection, or (with neither) everyone of the round not yet invited.

    A selection is invited even when invited before: the admin asked for those people."""
    with transaction.atomic():
        _lock(round_)
        return _invite(round_, team, person_ids, request)


def _invite(
    round_: Round,
    team: str | None,
    person_ids: Sequence[str] | None,
    request: HttpRequest | None,
) -> Queued:
    _require_open(round_)
    people = population(round_)
    if team is not None:
        if not round_.organisation.teams.filter(name=team).exists():
            raise InputError("team", f"{team!r} is not a team of this organisation")
        people = people.filter(team__name=team)
    if person_ids is not None:
        people = people.filter(external_id__in=person_ids)
        found = set(people.values_list("external_id", flat=True))
        missing = [pid for pid in person_ids if pid not in found]
        if missing:
            raise InputError(
                "person_ids", f"not active people of this round: {', '.join(missing[:10])}"
            )
    rows = list(people.values_list("id", "email"))
    submitted = _submitted(round_)
    invited = set() if person_ids is not None else _invited(round_)
    chosen = [(pid, email) for pid, email in rows if pid not in invited and pid not in submitted]
    with_address = [(pid, email) for pid, email in chosen if email]
    _queue(round_, Message.Kind.INVITATION, with_address)
    queued = Queued(
        len(with_address),
        without_address=len(chosen) - len(with_address),
        already_invited=sum(1 for pid, _ in rows if pid in invited),
    )
    record(request, "invitations_queued", round_.organisation, round_.name, **asdict(queued))
    return queued


def queue_reminders(
    round_: Round, kind: str, scheduled: bool = False, request: HttpRequest | None = None
) -> Queued:
    """Remind invited people who have not started, or who have not submitted.

    A scheduled reminder also waits a full interval after the invitation itself."""
    with transaction.atomic():
        _lock(round_)
        return _remind(round_, kind, scheduled, request)


def _remind(round_: Round, kind: str, scheduled: bool, request: HttpRequest | None) -> Queued:
    if kind not in REMINDER_KINDS:
        raise InputError(
            "kind", f"{kind!r} is not a reminder; expected not_started or not_submitted"
        )
    _require_open(round_)
    rows = dict(population(round_).exclude(email="").values_list("id", "email"))
    started = set(
        Response.objects.filter(round=round_, source="self").values_list("person_id", flat=True)
    )
    submitted = _submitted(round_)
    if kind == Message.Kind.NOT_STARTED:
        targets = _invited(round_) - started
    else:
        targets = started - submitted
    kinds = (*REMINDER_KINDS, Message.Kind.INVITATION) if scheduled else REMINDER_KINDS
    recent = _messaged_since(round_, kinds, timezone.now() - _interval(round_))
    chosen = [(pid, rows[pid]) for pid in sorted(targets - recent) if pid in rows]
    _queue(round_, kind, chosen)
    if chosen or not scheduled:  # a schedule that found nobody to remind is not worth a line
        detail = {"kind": kind, "queued": len(chosen), "scheduled": scheduled}
        if request is None:
            detail["actor_label"] = "eaism (scheduled)"
        record(request, "reminders_queued", round_.organisation, round_.name, **detail)
    return Queued(len(chosen))


def scheduled_reminders(now: datetime | None = None) -> int:
    """Both kinds of reminder for every open round that has a schedule; returns how many."""
    moment = now or timezone.now()
    rounds = Round.objects.filter(status=Round.Status.OPEN, reminder_days__isnull=False)
    queued = 0
    for round_ in rounds.select_related("organisation"):
        if round_.is_open and (round_.closes_at is None or round_.closes_at > moment):
            for kind in REMINDER_KINDS:
                queued += queue_reminders(round_, kind, scheduled=True).queued
    return queued


def round_response_rates(round_: Round, team_ids: Iterable[int] | None = None) -> ResponseRates:
    """Invited, started and submitted per team; `team_ids` narrows them to a manager's teams.

    An open round is counted now, without deactivated people; a closed one as it closed."""
    if round_.closing_counts is None:
        counts = team_counts(round_, team_ids)
    else:
        kept = {team: Counts(*numbers) for team, numbers in round_.closing_counts.items()}
        if team_ids is not None:
            names = set(
                round_.organisation.teams.filter(id__in=list(team_ids)).values_list(
                    "name", flat=True
                )
            )
            kept = {team: found for team, found in kept.items() if team in names}
        counts = kept
    return response_rates(counts, round_.organisation.min_group_size)


def team_counts(round_: Round, team_ids: Iterable[int] | None = None) -> dict[str, Counts]:
    """Each team's counts, by the database in one query; deactivated people count nowhere.

    Anyone who started counts as invited: they could not have started otherwise."""
    people = population(round_)
    if team_ids is not None:
        people = people.filter(team_id__in=list(team_ids))
    invited = Message.objects.filter(
        round=round_, person=OuterRef("pk"), kind=Message.Kind.INVITATION, state__in=LIVE_STATES
    )
    responses = Response.objects.filter(round=round_, person=OuterRef("pk"), source="self")
    rows = (
        people.annotate(
            was_invited=Exists(invited),
            has_started=Exists(responses),
            has_submitted=Exists(responses.filter(submitted_at__isnull=False)),
        )
        .values("team__name")
        .annotate(
            invited=Count("pk", filter=Q(was_invited=True) | Q(has_started=True)),
            started=Count("pk", filter=Q(has_started=True)),
            submitted=Count("pk", filter=Q(has_submitted=True)),
        )
        .order_by()
    )
    counts: dict[str, Counts] = {}
    for row in rows:
        team = row["team__name"] or "no team"
        found = Counts(row["invited"], row["started"], row["submitted"])
        counts[team] = counts[team] + found if team in counts else found
    return counts


def messages_due_soon() -> None:
    """Make sure a worker will pick up what was just queued."""
    from eaism.web.outbox.tasks import deliver_messages, ensure_pending

    transaction.on_commit(lambda: ensure_pending(deliver_messages))


def _queue(round_: Round, kind: str, people: list[tuple[int, str]]) -> None:
    now = timezone.now()
    Message.objects.bulk_create(
        (
            Message(
                organisation_id=round_.organisation_id,
                round=round_,
                person_id=person_id,
                kind=kind,
                address=address,
                queued_at=now,
                available_at=now,
            )
            for person_id, address in people
        ),
        batch_size=BATCH,
    )
    if people:
        messages_due_soon()


def _lock(round_: Round) -> None:
    """Hold the round's row: two admins sending at once must not both see someone as not yet
    invited (or not yet reminded) and queue them twice."""
    list(Round.objects.select_for_update().filter(id=round_.id).values_list("id", flat=True))


def _require_open(round_: Round) -> None:
    if round_.status != Round.Status.OPEN:
        raise InputError("round", "the round is closed")


def _invited(round_: Round) -> set[int]:
    return set(
        Message.objects.filter(
            round=round_, kind=Message.Kind.INVITATION, state__in=LIVE_STATES
        ).values_list("person_id", flat=True)
    )


def _submitted(round_: Round) -> set[int]:
    return set(
        Response.objects.filter(
            round=round_, source="self", submitted_at__isnull=False
        ).values_list("person_id", flat=True)
    )


def _messaged_since(round_: Round, kinds: Sequence[str], since: datetime) -> set[int]:
    return set(
        Message.objects.filter(
            round=round_, kind__in=kinds, state__in=LIVE_STATES, queued_at__gt=since
        ).values_list("person_id", flat=True)
    )


def _interval(round_: Round) -> timedelta:
    return timedelta(days=round_.reminder_days or DEFAULT_REMINDER_DAYS)
