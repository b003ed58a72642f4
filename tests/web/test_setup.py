"""Creating an organisation: its owner joins through the printed one-time link."""

from __future__ import annotations

import pytest
from django.test import Client

from eaism.errors import UsageError
from eaism.web.organisations.models import Membership
from eaism.web.organisations.setup import create_organisation


def test_the_owner_joins_through_the_link(db: None) -> None:
    organisation, token = create_organisation("Example Ltd", "CIO@example.com")
    assert organisation.slug == "example-ltd"
    client = Client()
    joined = client.post(
        f"/invite/{token}/",
        {"new_password1": "a long passphrase 3", "new_password2": "a long passphrase 3"},
    )
    assert joined.status_code == 302
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user.email, membership.role) == ("cio@example.com", "owner")
    assert client.get(f"/o/{organisation.slug}/dashboard/").status_code == 200


def test_a_group_size_below_three_is_refused(db: None) -> None:
    with pytest.raises(UsageError, match="min_group_size"):
        create_organisation("Tiny", "a@example.com", min_group_size=2)


def test_an_organisation_is_created_with_its_currency(db: None) -> None:
    organisation, _ = create_organisation("Pounds Ltd", "cfo@example.com", currency="gbp")
    assert organisation.currency == "GBP"
    with pytest.raises(UsageError, match="not a three-letter ISO 4217 code"):
        create_organisation("Odd Ltd", "cfo@example.com", currency="pounds")
