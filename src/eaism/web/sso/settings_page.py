"""The organisation's sign-in settings page (owners and admins): its identity provider, the
group rules, and whether members may still sign in with a password. The client secret is
written, never shown: left empty, the saved one is kept."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from eaism.web.audit.record import record
from eaism.web.organisations.access import access_for, require
from eaism.web.organisations.models import Organisation, Team
from eaism.web.sso.backend import CALLBACK
from eaism.web.sso.configuration import provider_for
from eaism.web.sso.models import DEFAULT_SCOPES, GroupRule, SignInConfiguration
from eaism.web.sso.provider import (
    ProviderError,
    Rule,
    checked_claim,
    checked_issuer,
    checked_scopes,
    parse_rules,
)

FIELDS = (
    "enabled", "issuer", "client_id", "scopes", "email_claim", "groups_claim",
    "employee_id_claim", "password_sign_in",
)  # fmt: skip


class SignInForm(forms.Form):
    enabled = forms.BooleanField(
        required=False, label="Members sign in through this identity provider"
    )
    issuer = forms.CharField(
        max_length=500, label="Issuer URL",
        help_text="The provider's address; eaism reads /.well-known/openid-configuration under it.",
    )  # fmt: skip
    client_id = forms.CharField(max_length=255, label="Client id")
    client_secret = forms.CharField(
        max_length=500, required=False, label="Client secret",
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Never shown again once saved; leave it empty to keep the saved secret.",
    )  # fmt: skip
    scopes = forms.CharField(max_length=500, initial=DEFAULT_SCOPES, label="Scopes")
    email_claim = forms.CharField(
        max_length=100, initial="email", label="Claim with the e-mail address"
    )
    groups_claim = forms.CharField(max_length=100, initial="groups", label="Claim with the groups")
    employee_id_claim = forms.CharField(
        max_length=100, required=False, label="Claim with the employee id (optional)",
        help_text="Links the person record whose id in the roster is this value.",
    )  # fmt: skip
    password_sign_in = forms.BooleanField(
        required=False, initial=True, label="Members may also sign in with a password",
        help_text="Off: only owners keep a password sign-in, for emergencies, and each use is audited.",
    )  # fmt: skip
    rules = forms.CharField(
        required=False, label="Group rules", widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One a line: group = role, or group = role / team. Roles: owner, admin, analyst, "
        "manager, reviewer, member. The widest role of a person's groups wins.",
    )  # fmt: skip

    def __init__(self, *args: Any, organisation: Organisation, saved: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.saved = saved
        self.fields["client_secret"].required = saved is None

    def clean_issuer(self) -> str:
        return _checked(checked_issuer, self.cleaned_data["issuer"])

    def clean_scopes(self) -> str:
        return _checked(checked_scopes, self.cleaned_data["scopes"])

    def clean_email_claim(self) -> str:
        return _checked(checked_claim, self.cleaned_data["email_claim"], "email_claim")

    def clean_groups_claim(self) -> str:
        return _checked(checked_claim, self.cleaned_data["groups_claim"], "groups_claim")

    def clean_employee_id_claim(self) -> str:
        return _checked(
            checked_claim, self.cleaned_data["employee_id_claim"], "employee_id_claim", False
        )

    def clean_rules(self) -> list[tuple[Rule, Team | None]]:
        try:
            rules = parse_rules(self.cleaned_data["rules"], field="Group rules")
        except ProviderError as error:
            raise forms.ValidationError(f"{error.field}: {error.message}") from error
        teams = {team.name: team for team in self.organisation.teams.all()}
        for number, rule in enumerate(rules, start=1):
            if rule.team and rule.team not in teams:
                raise forms.ValidationError(
                    f"rule {number} ({rule.value}): no team named {rule.team!r}; "
                    "add it on the Teams page first"
                )
        return [(rule, teams.get(rule.team)) for rule in rules]


def _checked(check: Any, value: Any, *arguments: Any) -> Any:
    try:
        return check(value, *arguments) if arguments else check(value)
    except ProviderError as error:
        raise forms.ValidationError(error.message) from error


def rules_text(saved: SignInConfiguration) -> str:
    return "\n".join(
        f"{rule.value} = {rule.role}" + (f" / {rule.team.name}" if rule.team else "")
        for rule in saved.rules.select_related("team")
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign_in_settings(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    organisation = access.organisation
    saved = SignInConfiguration.objects.filter(organisation=organisation).first()
    provider = provider_for(organisation)
    from_environment = provider is not None and provider.from_environment
    form = SignInForm(
        request.POST if request.method == "POST" and not from_environment else None,
        organisation=organisation, saved=saved, initial=_initial(saved),
    )  # fmt: skip
    if form.is_bound and form.is_valid():
        save_configuration(request, organisation, saved, form.cleaned_data)
        messages.success(request, "The sign-in settings are saved.")
        return redirect("sso_settings", slug=slug)
    context = {
        "access": access, "form": form, "saved": saved, "environment": from_environment,
        "provider": provider, "callback": request.build_absolute_uri(reverse(CALLBACK)),
    }  # fmt: skip
    status = 400 if form.errors or (request.method == "POST" and from_environment) else 200
    return render(request, "sso/settings.html", context, status=status)


def _initial(saved: SignInConfiguration | None) -> dict[str, Any]:
    if saved is None:
        return {"enabled": True, "password_sign_in": True}
    return {**{field: getattr(saved, field) for field in FIELDS}, "rules": rules_text(saved)}


def save_configuration(
    request: HttpRequest,
    organisation: Organisation,
    saved: SignInConfiguration | None,
    values: dict[str, Any],
) -> SignInConfiguration:
    """Save the settings and the rules at once; the audit entry names what changed (the
    secret only as changed)."""
    before = _initial(saved) if saved is not None else {}
    with transaction.atomic():
        configuration = saved or SignInConfiguration(organisation=organisation)
        for field in FIELDS:
            setattr(configuration, field, values[field])
        if values["client_secret"]:
            configuration.client_secret = values["client_secret"]
        configuration.save()
        configuration.rules.all().delete()
        GroupRule.objects.bulk_create(
            GroupRule(
                configuration=configuration,
                position=number,
                value=rule.value,
                role=rule.role,
                team=team,
            )
            for number, (rule, team) in enumerate(values["rules"], start=1)
        )
        after = _initial(configuration)
        changed = {
            field: {"before": before.get(field), "after": after[field]}
            for field in after
            if before.get(field) != after[field]
        }
        if values["client_secret"]:
            changed["client_secret"] = {"before": "(hidden)", "after": "(changed)"}
        record(request, "sso.settings_changed", organisation, organisation.name, **changed)
    return configuration
