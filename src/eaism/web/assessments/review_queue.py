"""A reviewer's queue: the people they review in a round, each with the state of the review.

A reviewer sees the people assigned to them (and in the round); an admin or owner sees the
whole population of the round. The status is the viewer's own review for a reviewer, and every
review of the person for an admin, who oversees them all. The page and the API share it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from eaism.scoring.answers import Answer as CoreAnswer
from eaism.scoring.review_policy import ReviewPlan, review_plan
from eaism.web.assessments.models import Answer, ItemReview, Response, Review, Round
from eaism.web.assessments.reviews import round_policy
from eaism.web.assessments.rounds import population
from eaism.web.assessments.scoring import round_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.access import Access
from eaism.web.organisations.models import Person, Role

NOT_SUBMITTED = "not_submitted"
SUBMITTED = "submitted"
IN_REVIEW = "in_review"
REVIEWED = "reviewed"
STATUSES = {
    NOT_SUBMITTED: "Not submitted",
    SUBMITTED: "Submitted",
    IN_REVIEW: "In review",
    REVIEWED: "Reviewed",
}


@dataclass(frozen=True, slots=True)
class QueueRow:
    person: Person
    status: str  # one of STATUSES
    claims_to_review: int  # what the round's review policy asks a reviewer to check
    second_reviewer: bool  # drawn for a second, independent review
    open_requests: int  # requests for evidence the person has not answered yet
    answered_requests: int

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]


@dataclass(frozen=True, slots=True)
class Queue:
    round: Round
    rows: tuple[QueueRow, ...]  # after the filters, by name
    total: int  # before the filters
    counts: dict[str, int]  # people per status, before the filters


def may_review(access: Access) -> bool:
    """Reviewers and administrators have a queue; other roles review no one."""
    return access.is_admin or access.role == Role.REVIEWER


def people_to_review(access: Access, round_: Round) -> list[Person]:
    """The people the viewer reviews in the round, by name."""
    people = population(round_).select_related("team")
    if not access.is_admin:
        people = people.filter(id__in=access.membership.reviews.values("id"))
    people = people.exclude(user_id=access.membership.user_id)  # no one reviews themself
    return sorted(people, key=lambda person: (str(person).lower(), person.external_id))


def review_queue(access: Access, round_: Round, status: str = "", team: str = "") -> Queue:
    """The viewer's queue; `status` (a key of STATUSES) and `team` (a team id) filter it."""
    if status and status not in STATUSES:
        raise InputError(
            "status", f"{status!r} is not a status; expected one of: {', '.join(STATUSES)}"
        )
    people = people_to_review(access, round_)
    team_ids = {str(person.team_id) for person in people if person.team_id}
    if team and not (team.isdigit() and team in team_ids):
        raise InputError("team", f"{team!r} is not a team of the people you review")
    rows = _rows(access, round_, people)
    counts = {key: sum(1 for row in rows if row.status == key) for key in STATUSES}
    chosen = tuple(
        row
        for row in rows
        if (not status or row.status == status) and (not team or str(row.person.team_id) == team)
    )
    return Queue(round_, chosen, len(rows), counts)


def _rows(access: Access, round_: Round, people: list[Person]) -> list[QueueRow]:
    ids = [person.id for person in people]
    submitted = set(
        Response.objects.filter(
            round=round_, person_id__in=ids, source="self", submitted_at__isnull=False
        ).values_list("person_id", flat=True)
    )
    reviews = Review.objects.filter(round=round_, person_id__in=ids).exclude(
        kind=Review.Kind.RESOLUTION
    )
    if not access.is_admin:
        reviews = reviews.filter(reviewer_id=access.membership.user_id)
    states: dict[int, list[bool]] = defaultdict(list)
    for person_id, completed_at in reviews.values_list("person_id", "completed_at"):
        states[person_id].append(completed_at is not None)
    plans = _plans(round_, people)
    requests = _requests(round_, ids)
    return [
        QueueRow(
            person=person,
            status=_status(person.id in submitted, states.get(person.id, [])),
            claims_to_review=len(plans[person.id].items),
            second_reviewer=plans[person.id].double,
            open_requests=requests[person.id][0],
            answered_requests=requests[person.id][1],
        )
        for person in people
    ]


def _status(submitted: bool, reviews_done: list[bool]) -> str:
    if reviews_done and all(reviews_done):
        return REVIEWED
    if reviews_done:
        return IN_REVIEW
    return SUBMITTED if submitted else NOT_SUBMITTED


def _plans(round_: Round, people: list[Person]) -> dict[int, ReviewPlan]:
    """Every person's review plan from one query of the round's self-answers."""
    answers: dict[int, dict[str, CoreAnswer]] = defaultdict(dict)
    found = Answer.objects.filter(
        response__round=round_,
        response__source="self",
        response__person_id__in=[person.id for person in people],
    ).values_list("response__person_id", "item_id", "value", "evidence", "answered_at")
    for person_id, item_id, value, evidence, answered_at in found:
        answers[person_id][item_id] = CoreAnswer(value, evidence, answered_at)
    edition, policy = round_edition(round_), round_policy(round_)
    return {
        person.id: review_plan(
            edition, policy, str(round_.id), person.external_id, answers.get(person.id, {})
        )
        for person in people
    }


def _requests(round_: Round, ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per person: (open, answered) requests for evidence, one per item asked about."""
    asked: dict[int, dict[str, bool]] = defaultdict(dict)
    found = ItemReview.objects.filter(
        review__round=round_,
        review__person_id__in=ids,
        decision=ItemReview.Decision.REQUEST_EVIDENCE,
    ).values_list("review__person_id", "item_id", "replied_at")
    for person_id, item_id, replied_at in found:
        asked[person_id][item_id] = asked[person_id].get(item_id, False) or replied_at is not None
    counts: dict[int, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for person_id, items in asked.items():
        answered = sum(items.values())
        counts[person_id] = (len(items) - answered, answered)
    return counts
