"""Forms of the organisation pages: an AI system, and the practices checklist."""

from __future__ import annotations

from typing import Any

from django import forms

from eaism.analysis.organisation import READINESS_CHECKS, SYSTEM_MEASURES
from eaism.model.schema import Edition
from eaism.web.organisations.models import System

CHOICES = [("", "Not reported"), ("yes", "Yes"), ("no", "No")]


class SystemForm(forms.ModelForm):  # type: ignore[type-arg]
    def __init__(self, *args: Any, organisation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

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
