"""Web fixtures: the demo organisation in a real test database, and signed-in clients per role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from eaism.web.accounts.models import User
from eaism.web.assessments.models import Round
from eaism.web.organisations.demo import DEMO_PASSWORD, load_demo
from eaism.web.organisations.models import Membership, Organisation, Person, Role, Team

ROLE_EMAILS = {
    "owner": "owner@demo.example",
    "analyst": "analyst@demo.example",
    "manager": "manager@demo.example",
    "reviewer": "reviewer@demo.example",
    "member": "member@demo.example",
}


@pytest.fixture
def demo(db: None) -> Organisation:
    return load_demo(history=False)  # the earlier round has tests of its own


@pytest.fixture
def other_organisation(db: None) -> Organisation:
    """A second organisation with its own admin, people and round: nothing may leak across."""
    organisation = Organisation.objects.create(name="Other Org", slug="other-org")
    team = Team.objects.create(organisation=organisation, name="ops")
    admin = User.objects.create_user("admin@other.example", DEMO_PASSWORD)
    Membership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    Person.objects.create(
        organisation=organisation, team=team, external_id="x1", name="Someone Else", user=admin
    )
    Round.objects.create(organisation=organisation, name="Other round")
    return organisation


@pytest.fixture
def client_for(demo: Organisation) -> Callable[[str], Client]:
    """A client signed in as the demo account of a role (owner, analyst, manager, reviewer, member)."""

    def signed_in(role: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(email=ROLE_EMAILS[role]))
        return client

    return signed_in


@pytest.fixture
def demo_round(demo: Organisation) -> Round:
    return demo.rounds.get()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is right for production and slow by design; tests need no such protection."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts a fresh database, whose ids may repeat: cached analyses must not."""
    from django.core.cache import cache

    cache.clear()
