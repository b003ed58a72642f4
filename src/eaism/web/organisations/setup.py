"""Creating an organisation with its first owner, who joins through an invitation link."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from eaism.errors import UsageError
from eaism.web.organisations.invitations import invite
from eaism.web.organisations.models import Organisation, Person, Role


@transaction.atomic
def create_organisation(
    name: str, owner_email: str, slug: str = "", min_group_size: int = 5, currency: str = "EUR"
) -> tuple[Organisation, str]:
    """The new organisation and the invitation token for its owner."""
    code = currency.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise UsageError(f"currency: {currency!r} is not a three-letter ISO 4217 code, such as EUR")
    organisation = Organisation(
        name=name.strip(),
        slug=slug or slugify(name)[:50],
        min_group_size=min_group_size,
        currency=code,
    )
    try:
        organisation.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise UsageError(f"{field}: {' '.join(messages)}") from None
    organisation.save()
    owner = Person.objects.create(
        organisation=organisation, external_id="owner", email=owner_email.strip().lower()
    )
    return organisation, invite(organisation, owner, Role.OWNER)
