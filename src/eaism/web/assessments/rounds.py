"""A round's life: opened for a population with a schedule, closed by hand or when it is due.

A person has one open round at a time. Opening a round while another is open for some of the
same people needs a decision about their drafts: keep the earlier round open until it closes
(the new one reaches them after it), or close it and start each person's new response from
their earlier answers, marked as carried over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from eaism.model.loader import bundled_editions
from eaism.web.assessments.carried import carried_answers
from eaism.web.assessments.models import Answer, Response, Round
from eaism.web.assessments.reviews import calibration_drawn
from eaism.web.assessments.scoring import core_response
from eaism.web.audit.record import record
from eaism.web.edition import current_edition, edition_with_id
from eaism.web.input_error import InputError
from eaism.web.organisations.models import Organisation, Person, Team
from eaism.web.organisations.store import organisation_changed

DRAFT_CHOICES = {
    "keep": "Keep the earlier round open until it closes",
    "carry_over": "Close the earlier round and start from each person's earlier answers",
}
MAX_REMINDER_DAYS = 90
DEFAULT_REVIEW_SHARE = 0.10  # of the claims below the review level, and of people reviewed


@dataclass(frozen=True)
class RoundRequest:
    """What an admin asks for when opening a round, from a form or the API."""

    name: str
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    teams: Sequence[str] = ()
    reminder_days: int | None = None
    drafts: str = ""
    # The review policy and the calibration share, each a share from 0 to 1; None: the default
    # (10 %, 10 % and the edition's calibration share).
    review_share: float | None = None
    double_review_share: float | None = None
    calibration_share: float | None = None


def population(round_: Round) -> QuerySet[Person]:
    """The active people a round is for: its teams, or the whole organisation."""
    people = Person.objects.filter(organisation_id=round_.organisation_id, active=True)
    team_ids = [team.id for team in round_.teams.all()]
    return people.filter(team_id__in=team_ids) if team_ids else people


def open_round(
    organisation: Organisation,
    wanted: RoundRequest,
    edition_id: str,
    request: HttpRequest | None = None,
) -> Round:
    """Create the round after checking its name, dates, teams and what happens to drafts."""
    name = wanted.name.strip()
    if not name:
        raise InputError("name", "give the round a name")
    teams = _teams(organisation, wanted.teams)
    _check_schedule(wanted)
    _check_edition(edition_id)
    with transaction.atomic():
        overlapping = _overlapping(organisation, teams)
        if overlapping and wanted.drafts not in DRAFT_CHOICES:
            names = ", ".join(f"'{round_.name}'" for round_, _ in overlapping)
            count = sum(shared for _, shared in overlapping)
            raise InputError(
                "drafts",
                f"{names} is still open for {count} of these people: choose whether to keep it "
                "open until it closes or to close it and carry their drafts over",
            )
        created = Round.objects.create(
            organisation=organisation,
            name=name[:200],
            edition=edition_id,
            review_share=_share(wanted, "review_share", DEFAULT_REVIEW_SHARE),
            double_review_share=_share(wanted, "double_review_share", DEFAULT_REVIEW_SHARE),
            calibration_share=_share(
                wanted, "calibration_share", edition_with_id(edition_id).validity.calibration_share
            ),
            opens_at=wanted.opens_at,
            closes_at=wanted.closes_at,
            reminder_days=wanted.reminder_days,
        )
        created.teams.set(teams)
        carried = 0
        if wanted.drafts == "carry_over":
            for earlier, _ in overlapping:
                carried += _carry_drafts(earlier, created)
                close_round(earlier, request, reason="replaced")
        record(
            request,
            "round_opened",
            organisation,
            created.name,
            round=created.id,
            teams=[team.name for team in teams],
            carried_over=carried,
        )
    organisation_changed(organisation.id)
    return created


def close_round(round_: Round, request: HttpRequest | None = None, reason: str = "by hand") -> bool:
    """Close an open round and cancel its unsent messages; False when it was already closed."""
    from eaism.web.assessments.outreach import team_counts
    from eaism.web.outbox.models import Message

    with transaction.atomic():
        counts = {
            team: [c.invited, c.started, c.submitted] for team, c in team_counts(round_).items()
        }
        closed = Round.objects.filter(id=round_.id, status=Round.Status.OPEN).update(
            status=Round.Status.CLOSED, closed_at=timezone.now(), closing_counts=counts
        )
        if not closed:
            return False
        Message.objects.filter(round=round_, state=Message.State.QUEUED).update(
            state=Message.State.CANCELLED, error="not sent: the round is closed"
        )
        round_.refresh_from_db()
        detail = {"round": round_.id, "reason": reason}
        if request is None:
            detail["actor_label"] = "eaism (scheduled)"
        record(request, "round_closed", round_.organisation, round_.name, **detail)
    freeze_scores(round_)
    organisation_changed(round_.organisation_id)
    return True


def freeze_scores(round_: Round) -> None:
    """Score again, as of the closing time, every submitted response whose score that moment
    changes, so the stored scores (and the dashboards) say what the closed round's results
    pages say, for good.

    Only evidence can change with the moment of scoring, and only by growing too old; so only
    responses with an answer older than the age limit at closing need it, seldom more than a few.
    """
    from eaism.scoring.person import oldest_accepted
    from eaism.web.assessments.scoring import round_edition, store_score

    oldest = oldest_accepted(round_edition(round_), round_.closed_at)
    if oldest is None:
        return
    aged = (
        Response.objects.filter(
            round=round_, source="self", submitted_at__isnull=False, answers__answered_at__lt=oldest
        )
        .distinct()
        .select_related("person")
    )
    for response in aged:
        store_score(round_, response.person)


def close_due_rounds(now: datetime | None = None) -> int:
    """Close every open round whose closing time has come; returns how many were closed."""
    due = Round.objects.filter(
        status=Round.Status.OPEN, closes_at__lte=now or timezone.now()
    ).select_related("organisation")
    return sum(close_round(round_, reason="closing date") for round_ in due)


def current_round_for(person: Person) -> Round | None:
    """The round a person answers now: the earliest open round that has started and is for
    them, else the latest round they answered in."""
    now = timezone.now()
    rounds = Round.objects.filter(organisation_id=person.organisation_id)
    for round_ in rounds.filter(status=Round.Status.OPEN).order_by("opened_at", "id"):
        started = round_.opens_at is None or round_.opens_at <= now
        if started and population(round_).filter(id=person.id).exists():
            return round_
    return rounds.filter(responses__person=person).first()


def _teams(organisation: Organisation, names: Sequence[str]) -> list[Team]:
    wanted = [name.strip() for name in names if name.strip()]
    found = {team.name: team for team in organisation.teams.filter(name__in=wanted)}
    unknown = [name for name in wanted if name not in found]
    if unknown:
        raise InputError("teams", f"{', '.join(map(repr, unknown))} is not a team here")
    return [found[name] for name in dict.fromkeys(wanted)]


def _check_schedule(wanted: RoundRequest) -> None:
    now = timezone.now()
    if wanted.closes_at is not None:
        if wanted.closes_at <= now:
            raise InputError("closes_at", "the closing date must be in the future")
        if wanted.opens_at is not None and wanted.closes_at <= wanted.opens_at:
            raise InputError("closes_at", "the closing date must come after the opening date")
    days = wanted.reminder_days
    if days is not None and not 1 <= days <= MAX_REMINDER_DAYS:
        raise InputError("reminder_days", f"remind every 1 to {MAX_REMINDER_DAYS} days, or never")


def _check_edition(edition_id: str) -> None:
    known = [current_edition().id, *(name for name in bundled_editions())]
    if edition_id not in known:
        choices = ", ".join(dict.fromkeys(known))
        raise InputError("edition", f"{edition_id!r} is not an edition here; one of: {choices}")


def _share(wanted: RoundRequest, field: str, default: float) -> float:
    chosen = getattr(wanted, field)
    if chosen is None:
        return default
    if not 0 <= chosen <= 1:
        raise InputError(field, f"a share from 0 to 100 %; {chosen:.0%} is outside")
    return float(chosen)


def _overlapping(organisation: Organisation, teams: list[Team]) -> list[tuple[Round, int]]:
    """Open rounds that share people with a round for these teams, with how many they share."""
    wanted = Person.objects.filter(organisation=organisation, active=True)
    if teams:
        wanted = wanted.filter(team__in=teams)
    wanted_ids = set(wanted.values_list("id", flat=True))
    found = []
    for round_ in organisation.rounds.filter(status=Round.Status.OPEN).prefetch_related("teams"):
        shared = len(wanted_ids & set(population(round_).values_list("id", flat=True)))
        if shared:
            found.append((round_, shared))
    return found


def _carry_drafts(earlier: Round, created: Round) -> int:
    """Start the new round's responses from the earlier round's unsubmitted answers."""
    people = set(population(created).values_list("id", flat=True))
    drafts = Response.objects.filter(
        round=earlier, source="self", submitted_at__isnull=True, person_id__in=people
    ).select_related("person__team", "round")
    carried = 0
    target = edition_with_id(created.edition)
    for draft in drafts:
        # A draft of another edition brings only the answers its migration carries.
        answers = carried_answers(core_response(draft), target)
        response = Response.objects.create(
            round=created,
            person_id=draft.person_id,
            source="self",
            carried_from=earlier,
            calibration=calibration_drawn(created, draft.person),
        )
        Answer.objects.bulk_create(
            Answer(
                response=response,
                item_id=item_id,
                value=answer.value,
                evidence=answer.evidence,
                answered_at=answer.answered_at or created.opened_at,
            )
            for item_id, answer in answers.items()
        )
        carried += 1
    return carried
