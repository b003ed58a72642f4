"""Forms of the organisation pages: an AI system, and the practices checklist."""

from __future__ import annotations

from typing import Any

from django import forms

from eaism.analysis.organisation import (
    READINESS_CHECKS,
    SYSTEM_KINDS,
    SYSTEM_MEASURES,
    SYSTEM_STATUSES,
)
from eaism.model.schema import Edition
from eaism.web.labels import label
from eaism.web.organisations.models import System

CHOICES = [("", "Not reported"), ("yes", "Yes"), ("no", "No")]


class SystemForm(forms.ModelForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, organisation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["system_id"].label = "Id"
        kinds, statuses = self.fields["kind"], self.fields["status"]
        kinds.choices = [(kind, label("system_kind", kind)) for kind in SYSTEM_KINDS]  # type: ignore[attr-defined]
        statuses.choices = [(s, label("system_status", s)) for s in SYSTEM_STATUSES]  # type: ignore[attr-defined]
        currency = getattr(organisation, "currency", "") or "EUR"
        self.fields["monthly_cost"].label = f"Monthly cost ({currency})"
        self.fields["success_rate"].help_text = "A share from 0 to 1: 0.91 is 91%."
        for check in READINESS_CHECKS:
            self.fields[check].label = label("check", check)

    def clean_system_id(self) -> str:
        system_id = str(self.cleaned_data["system_id"]).strip()
        taken = System.objects.filter(organisation=self.organisation, system_id=system_id).exclude(
            pk=self.instance.pk
        )
        if self.organisation is not None and taken.exists():
            raise forms.ValidationError(f"{system_id!r} is already a system of this organisation")
        return system_id

    class Meta:
        model = System
        fields = ["system_id", "name", *SYSTEM_MEASURES, *READINESS_CHECKS]


class PracticesForm(forms.Form):
    """One yes / no / not reported choice per stage indicator of the edition."""

    def __init__(
        self, edition: Edition, data: Any = None, initial: dict[str, bool] | None = None
    ) -> None:
        super().__init__(data)
        for stage in edition.stages:
            for indicator in stage.indicators:
                value = (initial or {}).get(indicator.id)
                self.fields[indicator.id] = forms.ChoiceField(
                    label=f"Stage {stage.number}: {' '.join(indicator.statement.split())}",
                    choices=CHOICES,
                    required=False,
                    initial="" if value is None else ("yes" if value else "no"),
                )
