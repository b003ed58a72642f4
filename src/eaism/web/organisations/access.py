"""Who may see what. Every view and API endpoint asks here; nothing crosses organisations.

A request for another organisation's data gets the same 404 as a request for something that
does not exist, so nothing about other organisations is revealed; within one's own organisation
a page the role does not allow gets a plain 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from eaism.web.accounts.models import User

if TYPE_CHECKING:
    from eaism.web.assessments.models import Round
from eaism.web.organisations.models import (
    ADMIN_ROLES,
    AGGREGATE_ROLES,
    Membership,
    Organisation,
    Person,
    Role,
)


@dataclass(frozen=True)
class Access:
    """A signed-in account's standing in one organisation."""

    membership: Membership

    @property
    def organisation(self) -> Organisation:
        return self.membership.organisation

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def is_admin(self) -> bool:
        return self.role in ADMIN_ROLES

    @property
    def sees_all_aggregates(self) -> bool:
        return self.role in AGGREGATE_ROLES

    @property
    def sees_aggregates(self) -> bool:
        return self.sees_all_aggregates or self.role == Role.MANAGER

    def managed_team_ids(self) -> list[int] | None:
        """None means every team; a manager sees their own teams only."""
        if self.sees_all_aggregates:
            return None
        if self.role == Role.MANAGER:
            return list(self.membership.teams.values_list("id", flat=True))
        return []

    def round(self, round_id: int) -> Round:
        """One of the organisation's rounds; any other id is the uniform 404."""
        from eaism.web.assessments.models import Round

        found = Round.objects.filter(id=round_id, organisation=self.organisation).first()
        if found is None:
            raise Http404("not found")
        return found

    def require_own_person(self) -> Person:
        """The signed-in account's person record here; an account without one gets a 403."""
        person = self.own_person()
        if person is None:
            raise PermissionDenied("no person record")
        return person

    def own_person(self) -> Person | None:
        """The account's active person record; a person deactivated by an import has none."""
        return Person.objects.filter(
            organisation=self.organisation, user=self.membership.user, active=True
        ).first()

    def may_see_person(self, person: Person) -> bool:
        if person.organisation_id != self.organisation.id:
            return False
        if self.is_admin or person.user_id == self.membership.user_id:
            return True
        return self.role == Role.REVIEWER and self.membership.reviews.filter(id=person.id).exists()


def access_for(user: User, slug: str) -> Access:
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(user=user, organisation__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404("not found")
    return Access(membership)


def require(condition: bool) -> None:
    """Refuse with a plain 403 when the role does not allow the page."""
    if not condition:
        raise PermissionDenied("not allowed")
