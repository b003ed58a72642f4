"""Saving the organisation's practice indicators: yes, no, or not reported."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.http import HttpRequest

from eaism.model.schema import Edition
from eaism.web.audit.record import record
from eaism.web.input_error import InputError
from eaism.web.organisations.forms import PracticesForm
from eaism.web.organisations.models import Organisation, Practice
from eaism.web.organisations.store import organisation_changed


def current_practices(organisation: Organisation) -> dict[str, bool]:
    return {p.indicator_id: p.value for p in organisation.practices.all()}


def save_practices(
    organisation: Organisation,
    edition: Edition,
    data: Mapping[str, str],
    request: HttpRequest | None = None,
) -> None:
    """Store each indicator's answer; "not reported" removes it."""
    form = PracticesForm(edition, data)
    if not form.is_valid():
        raise InputError.from_form(form)
    with transaction.atomic():
        for indicator_id, value in form.cleaned_data.items():
            stored = Practice.objects.filter(organisation=organisation, indicator_id=indicator_id)
            if value == "":
                stored.delete()
            else:
                Practice.objects.update_or_create(
                    organisation=organisation,
                    indicator_id=indicator_id,
                    defaults={"value": value == "yes"},
                )
        record(request, "practices_changed", organisation)
    organisation_changed(organisation.id)
