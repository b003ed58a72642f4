"""Adding and changing an AI system of the inventory: one function for page and API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from eaism.web.audit.record import record
from eaism.web.input_error import InputError
from eaism.web.organisations.forms import SystemForm
from eaism.web.organisations.models import Organisation, System
from eaism.web.organisations.store import organisation_changed


def save_system(
    organisation: Organisation,
    data: Mapping[str, Any],
    system: System | None = None,
    request: HttpRequest | None = None,
    **audit: Any,
) -> System:
    """Add a system (or change `system`) from form or API data; InputError names bad fields."""
    before = None if system is None else (system.status, system.model)
    form = SystemForm(data, instance=system, organisation=organisation)
    if not form.is_valid():
        raise InputError.from_form(form)
    with transaction.atomic():
        saved = form.save(commit=False)
        saved.organisation = organisation
        if before != (saved.status, saved.model):  # its people's records are due again
            saved.changed_at = timezone.now()
        saved.save()
        action = "system_added" if system is None else "system_changed"
        record(request, action, organisation, saved.system_id, **audit)
    organisation_changed(organisation.id)
    return saved
