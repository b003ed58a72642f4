"""Forms of the organisation pages: an AI system, and the practices checklist."""

from __future__ import annotations

from typing import Any

from django import forms

from eaism.analysis.competence import RISK_CLASSES
from eaism.analysis.organisation import SYSTEM_KINDS, SYSTEM_MEASURES, SYSTEM_STATUSES
from eaism.model.schema import Edition
from eaism.web.edition import current_edition
from eaism.web.labels import label
from eaism.web.organisations.models import System

CHOICES = [("", "Not reported"), ("yes", "Yes"), ("no", "No")]
COMPETENCE_FIELDS = ("risk_class", "model")  # what the competence records read of a system


class SystemForm(forms.ModelForm):  # type: ignore[type-arg]
    """A system's fields, and one tick box per readiness check of the edition the app serves,
    named by the check's id (as the API's keys and the organisation file's entries are)."""

    def __init__(self, *args: Any, organisation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["system_id"].label = "Id"
        kinds, statuses = self.fields["kind"], self.fields["status"]
        kinds.choices = [(kind, label("system_kind", kind)) for kind in SYSTEM_KINDS]  # type: ignore[attr-defined]
        statuses.choices = [(s, label("system_status", s)) for s in SYSTEM_STATUSES]  # type: ignore[attr-defined]
        risk = self.fields["risk_class"]
        risk.choices = [(r, label("risk_class", r)) for r in RISK_CLASSES]  # type: ignore[attr-defined]
        risk.help_text = "As the organisation's own legal assessment classed it."
        risk.required = False  # a form or request from before risk classes: not assessed
        self.fields["model"].label = "Model or version"
        self.fields["model"].help_text = "A change here marks its people's records as due."
        currency = getattr(organisation, "currency", "") or "EUR"
        self.fields["monthly_cost"].label = f"Monthly cost ({currency})"
        self.fields["success_rate"].help_text = "A share from 0 to 1: 0.91 is 91%."
        self.check_ids = current_edition().analysis.check_ids
        in_place = self.instance.checks
        for check in self.check_ids:
            self.fields[check] = forms.BooleanField(
                label=label("check", check), required=False, initial=check in in_place
            )

    def clean_system_id(self) -> str:
        system_id = str(self.cleaned_data["system_id"]).strip()
        taken = System.objects.filter(organisation=self.organisation, system_id=system_id).exclude(
            pk=self.instance.pk
        )
        if self.organisation is not None and taken.exists():
            raise forms.ValidationError(f"{system_id!r} is already a system of this organisation")
        return system_id

    def clean_risk_class(self) -> str:
        return str(self.cleaned_data.get("risk_class") or "not_assessed")

    def save(self, commit: bool = True) -> System:
        system: System = super().save(commit=False)
        # Checks of another edition than the one served have no box here: they are kept.
        other = [check for check in system.readiness_checks if check not in self.check_ids]
        ticked = [check for check in self.check_ids if self.cleaned_data.get(check)]
        system.readiness_checks = ticked + other
        if commit:
            system.save()
        return system

    class Meta:
        model = System
        fields = ["system_id", "name", *SYSTEM_MEASURES, *COMPETENCE_FIELDS]


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
