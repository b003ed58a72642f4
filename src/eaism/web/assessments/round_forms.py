"""The forms of the rounds pages: opening a round, inviting, reminding."""

from __future__ import annotations

from typing import Any

from django import forms

from eaism.web.assessments.edition_choice import edition_choices
from eaism.web.assessments.rounds import DRAFT_CHOICES, MAX_REMINDER_DAYS, RoundRequest
from eaism.web.organisations.models import Organisation
from eaism.web.outbox.models import Message


class RoundForm(forms.Form):
    name = forms.CharField(max_length=200, label="Name")
    edition = forms.ChoiceField(
        required=False,
        label="Edition of the framework (answers of another edition carry as its migration says)",
        widget=forms.RadioSelect,
    )
    opens_at = forms.DateTimeField(
        required=False,
        label="Opens (leave empty to open now)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    closes_at = forms.DateTimeField(
        required=False,
        label="Closes (closed automatically then)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    teams = forms.MultipleChoiceField(
        required=False,
        label="Teams (none chosen: the whole organisation)",
        widget=forms.CheckboxSelectMultiple,
    )
    reminder_days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_REMINDER_DAYS,
        label="Remind every … days (empty: no scheduled reminders)",
    )
    drafts = forms.ChoiceField(
        required=False,
        label="When an earlier round is still open for these people",
        choices=list(DRAFT_CHOICES.items()),
        widget=forms.RadioSelect,
    )
    review_share = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100,
        label="Review, besides every claim at level 3 and above, this % of the other claims "
        "(empty: 10)",
    )
    double_review_share = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100,
        label="Give this % of the people reviewed a second, independent reviewer (empty: 10)",
    )
    calibration_share = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100,
        label="Ask this % of respondents, drawn at random, the whole item bank (empty: 5)",
    )

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = organisation.teams.values_list("name", flat=True)
        self.fields["teams"].choices = [(name, name) for name in names]
        choices = edition_choices()
        self.fields["edition"].choices = [(choice.id, choice.label) for choice in choices]
        self.fields["edition"].initial = choices[0].id  # the current edition

    def edition_id(self) -> str:
        """The edition chosen; none chosen: the current one."""
        return str(self.cleaned_data["edition"] or self.fields["edition"].initial)

    def request(self) -> RoundRequest:
        data = self.cleaned_data
        return RoundRequest(
            name=data["name"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            teams=data["teams"],
            reminder_days=data["reminder_days"],
            drafts=data["drafts"],
            review_share=_fraction(data["review_share"]),
            double_review_share=_fraction(data["double_review_share"]),
            calibration_share=_fraction(data["calibration_share"]),
        )


def _fraction(percent: int | None) -> float | None:
    return None if percent is None else percent / 100


class InvitationForm(forms.Form):
    team = forms.ChoiceField(required=False, label="Whom to invite")

    def __init__(self, organisation: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = organisation.teams.values_list("name", flat=True)
        self.fields["team"].choices = [("", "Everyone not yet invited")] + [
            (name, f"Team {name}") for name in names
        ]


class ReminderForm(forms.Form):
    kind = forms.ChoiceField(
        label="Whom to remind",
        choices=[
            (Message.Kind.NOT_STARTED, "Invited, not started"),
            (Message.Kind.NOT_SUBMITTED, "Started, not submitted"),
        ],
    )
