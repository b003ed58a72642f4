"""The organisation's own settings: its name, the currency money is shown in, the smallest
group whose figures are shown, and the age at which a competence record is due for refresh."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.db import transaction
from django.http import HttpRequest

from eaism.web.audit.record import record
from eaism.web.input_error import InputError
from eaism.web.organisations.models import MIN_GROUP_FLOOR, Organisation
from eaism.web.organisations.store import organisation_changed

FIELDS = ("name", "currency", "min_group_size", "record_max_age_months")
MAX_RECORD_AGE_MONTHS = 60  # five years: older evidence says little about today's skills


class SettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    # Longer than a code, so that "euro" gets the message about codes, not about length.
    currency = forms.CharField(max_length=20, label="Currency (ISO code, such as EUR, USD or GBP)")

    class Meta:
        model = Organisation
        fields = list(FIELDS)
        labels = {
            "name": "Name",
            "min_group_size": "Smallest group whose figures are shown",
            "record_max_age_months": "Months after which a competence record is due for refresh",
        }
        help_texts = {
            "min_group_size": f"At least {MIN_GROUP_FLOOR}; teams and cells with fewer people "
            "are pooled or withheld everywhere, in pages, the API and exports.",
            "record_max_age_months": "A person's record for an AI system is due when their levels "
            "were measured longer ago than this, or before the system last changed.",
        }

    def clean_currency(self) -> str:
        code = str(self.cleaned_data["currency"]).strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise forms.ValidationError("expected a three-letter ISO 4217 code, such as EUR")
        return code

    def clean_min_group_size(self) -> int:
        size = int(self.cleaned_data["min_group_size"])
        if size < MIN_GROUP_FLOOR:
            raise forms.ValidationError(
                f"at least {MIN_GROUP_FLOOR}, so no figure points to one person"
            )
        return size

    def clean_record_max_age_months(self) -> int:
        months = int(self.cleaned_data["record_max_age_months"])
        if not 1 <= months <= MAX_RECORD_AGE_MONTHS:
            raise forms.ValidationError(f"from 1 to {MAX_RECORD_AGE_MONTHS} months")
        return months


def change_settings(
    organisation: Organisation, data: Mapping[str, Any], request: HttpRequest | None = None
) -> Organisation:
    """Save the settings; each change is audited with its value before and after."""
    before = {field: getattr(organisation, field) for field in FIELDS}
    form = SettingsForm(data, instance=Organisation.objects.get(id=organisation.id))
    if not form.is_valid():
        raise InputError.from_form(form)
    with transaction.atomic():
        saved = form.save()
        changed = {
            field: {"before": before[field], "after": getattr(saved, field)}
            for field in FIELDS
            if before[field] != getattr(saved, field)
        }
        if changed:
            record(request, "settings_changed", saved, saved.name, **changed)
    if changed:
        organisation_changed(saved.id)
    return saved
