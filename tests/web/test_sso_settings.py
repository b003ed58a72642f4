"""The sign-in settings page, the EAISM_OIDC_ environment variables, and the group rules."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from eaism.web.audit.models import AuditEvent
from eaism.web.organisations.demo import DEMO_SLUG
from eaism.web.organisations.models import Organisation
from eaism.web.sso.configuration import DiscoveryError, provider_for, read_discovery
from eaism.web.sso.models import SignInConfiguration
from eaism.web.sso.provider import (
    ROLES,
    Provider,
    ProviderError,
    Rule,
    environment_provider,
    granted,
    parse_rules,
    provider_from_environment,
)

PAGE = f"/o/{DEMO_SLUG}/settings/sign-in/"
SECRET = "a-client-secret-never-shown-again"
FORM = {
    "enabled": "on",
    "issuer": "https://login.example.com/tenant/v2.0",
    "client_id": "eaism",
    "client_secret": SECRET,
    "scopes": "openid email profile",
    "email_claim": "email",
    "groups_claim": "groups",
    "employee_id_claim": "",
    "password_sign_in": "on",
    "rules": "ai-analysts = analyst / data\n# comment\n\nai-managers = Manager / legal",
}
ENVIRONMENT = {
    "EAISM_OIDC_ORGANISATION": "harbor-retail",
    "EAISM_OIDC_ISSUER": "https://id.example.com",
    "EAISM_OIDC_CLIENT_ID": "eaism",
    "EAISM_OIDC_CLIENT_SECRET": "s3cret",
}


def test_an_owner_saves_the_provider_and_rules_and_the_secret_is_never_shown(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    page = owner.get(PAGE).content.decode()
    assert "http://testserver/sso/callback/" in page
    saved = owner.post(PAGE, FORM)
    assert saved.status_code == 302
    configuration = SignInConfiguration.objects.get(organisation=demo)
    assert configuration.client_secret == SECRET
    rules = [(r.value, r.role, r.team.name) for r in configuration.rules.all()]
    assert rules == [("ai-analysts", "analyst", "data"), ("ai-managers", "manager", "legal")]
    shown = owner.get(PAGE).content.decode()
    assert SECRET not in shown
    assert "A secret is saved." in shown
    assert "ai-managers = manager / legal" in shown
    owner.post(PAGE, {**FORM, "client_secret": "", "scopes": "openid email"})
    configuration.refresh_from_db()
    assert (configuration.client_secret, configuration.scopes) == (SECRET, "openid email")
    events = AuditEvent.objects.filter(action="sso.settings_changed").order_by("id")
    assert events[0].detail["client_secret"] == {"before": "(hidden)", "after": "(changed)"}
    assert SECRET not in str([event.detail for event in events])
    assert events[1].detail == {
        "scopes": {"before": "openid email profile", "after": "openid email"}
    }


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"issuer": "http://login.example.com"}, "issuer", "expected an https:// address"),
        ({"scopes": "email profile"}, "scopes", "include openid"),
        ({"email_claim": "e mail"}, "email_claim", "without spaces"),
        (
            {"rules": "ai = analyst\nops = boss"},
            "rules",
            "Group rules, line 2: 'boss' is not a role",
        ),
        ({"rules": "ops"}, "rules", "line 1: expected 'group = role'"),
        ({"rules": "ops = member / nowhere"}, "rules", "no team named 'nowhere'"),
        ({"client_secret": ""}, "client_secret", "This field is required"),
    ],
)
def test_a_wrong_setting_is_shown_by_its_field_with_the_input_kept(
    client_for: Callable[[str], Client],
    demo: Organisation,
    change: dict[str, str],
    field: str,
    message: str,
) -> None:
    response = client_for("owner").post(PAGE, {**FORM, **change})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert f'id="id_{field}-error"' in page
    assert message in page
    assert "login.example.com" in page or "issuer" in change
    assert not SignInConfiguration.objects.exists()


def test_the_environment_configures_one_organisation_and_the_page_shows_it(
    client_for: Callable[[str], Client], demo: Organisation, settings: object
) -> None:
    provider = provider_from_environment(
        {**ENVIRONMENT, "EAISM_OIDC_GROUP_ROLES": "ai-analysts=analyst/data; admins = admin"}
    )
    settings.EAISM_OIDC = provider  # type: ignore[attr-defined]
    assert provider_for(demo) == provider
    response = client_for("owner").get(PAGE)
    assert "come from the server" in response.content.decode()
    assert "s3cret" not in response.content.decode()
    assert client_for("owner").post(PAGE, FORM).status_code == 400
    assert not SignInConfiguration.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"EAISM_OIDC_CLIENT_ID": ""}, "EAISM_OIDC_CLIENT_ID: is not set"),
        ({"EAISM_OIDC_ISSUER": "ftp://id"}, "EAISM_OIDC_ISSUER: expected an https://"),
        ({"EAISM_OIDC_GROUP_ROLES": "a=admin;b=chief"}, "EAISM_OIDC_GROUP_ROLES, rule 2: 'chief'"),
        ({"EAISM_OIDC_PASSWORD_SIGN_IN": "no"}, "EAISM_OIDC_PASSWORD_SIGN_IN: expected 1"),
        ({"EAISM_OIDC_SCOPE": "openid"}, "EAISM_OIDC_SCOPE: unknown setting"),
    ],
)
def test_a_wrong_environment_variable_stops_the_start_naming_it(
    change: dict[str, str], message: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match=message.replace("?", r"\?")):
        environment_provider({**ENVIRONMENT, **change, "PATH": "/bin"})


def test_no_oidc_variable_means_no_provider_from_the_environment() -> None:
    assert environment_provider({"PATH": "/bin", "EAISM_ENV": "production"}) is None
    provider = environment_provider(ENVIRONMENT)
    assert provider == Provider(
        "harbor-retail", "https://id.example.com", "eaism", "s3cret", from_environment=True
    )


def test_the_discovery_document_must_name_the_configured_issuer() -> None:
    document = {
        "issuer": "https://a.example",
        "authorization_endpoint": "x",
        "token_endpoint": "y",
        "jwks_uri": "z",
    }
    assert read_discovery("https://a.example", document).algorithm == "RS256"
    with pytest.raises(DiscoveryError, match="names the issuer"):
        read_discovery("https://b.example", document)
    with pytest.raises(DiscoveryError, match="none of"):
        read_discovery(
            "https://a.example",
            {**document, "id_token_signing_alg_values_supported": ["HS256", "none"]},
        )


rules = st.lists(
    st.builds(
        Rule,
        st.sampled_from(["g1", "g2", "g3", "g4"]),
        st.sampled_from(ROLES),
        st.sampled_from(["", "t1", "t2"]),
    ),
    max_size=6,
).map(tuple)
groups = st.frozensets(st.sampled_from(["g1", "g2", "g3", "g4", "other"]))


@given(rules, groups)
def test_the_widest_role_of_the_matching_rules_wins(
    rules: tuple[Rule, ...], groups: frozenset[str]
) -> None:
    matching = [rule for rule in rules if rule.value in groups]
    result = granted(rules, groups)
    if not matching:
        assert result is None
        return
    assert result is not None
    role, team = result
    assert role in {rule.role for rule in matching}
    assert all(ROLES.index(role) <= ROLES.index(rule.role) for rule in matching)
    assert team == next((rule.team for rule in matching if rule.team), "")


@given(rules)
def test_rules_written_out_read_back_the_same(rules: tuple[Rule, ...]) -> None:
    text = "\n".join(f"{r.value} = {r.role}" + (f" / {r.team}" if r.team else "") for r in rules)
    assert parse_rules(text) == rules
    assert parse_rules(text.replace("\n", ";"), ";") == rules


def test_a_rule_error_names_its_line() -> None:
    with pytest.raises(ProviderError) as error:
        parse_rules("a = admin\n\nb = nobody")
    assert error.value.field == "rules, line 3"
