"""Erasing an account: its answers and personal details go; closed rounds keep their counts."""

from __future__ import annotations

from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest

from eaism.web.accounts.models import User
from eaism.web.assessments.models import Answer, Response, Review, Score
from eaism.web.audit.record import record
from eaism.web.organisations.models import Person
from eaism.web.organisations.store import organisation_changed


def erase_account(user: User, request: HttpRequest) -> None:
    """Delete the account, its answers and reviews, and the scores of open rounds; sign out."""
    with transaction.atomic():
        for person in user.people.all():
            erase_person(person)
        record(request, "account_deleted", target=f"account {user.id}")
        logout(request)
        user.delete()


def erase_person(person: Person) -> None:
    """Delete one person's answers and reviews and the scores of open rounds, and blank their
    details (a SCIM DELETE does this for one organisation)."""
    Answer.objects.filter(response__person=person).delete()
    Response.objects.filter(person=person).delete()
    Review.objects.filter(person=person).delete()  # its items and domains with it
    Score.objects.filter(person=person, round__status="open").delete()
    # The person stays, nameless, so closed rounds keep their counts; without answers or given
    # levels they count nowhere else.
    person.name = person.email = person.title = ""
    person.user_name = None
    person.user = None
    person.given_levels = None
    person.external_id = f"erased-{person.id}"
    person.save()
    organisation_changed(person.organisation_id)
