"""Single sign-on through a real OpenID provider (tests/oidc_provider.py): accounts made just in
time, the group rules, and every bad ID token refused with the page and the audit reason."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client

from eaism.web.accounts.models import User
from eaism.web.audit.models import AuditEvent
from eaism.web.organisations.demo import DEMO_PASSWORD, DEMO_SLUG
from eaism.web.organisations.models import Membership, Organisation, Person, Team
from eaism.web.sso.models import GroupRule, Identity, SignInConfiguration
from tests.oidc_provider import OidcProvider, claims_of, sign_in_at_provider

ADA = "ada@demo.example"  # group ai-analysts
LIN = "lin@demo.example"  # group ai-managers, employee id p0002


@pytest.fixture
def configured(demo: Organisation, oidc_provider: OidcProvider) -> SignInConfiguration:
    configuration = SignInConfiguration.objects.create(
        organisation=demo,
        issuer=oidc_provider.issuer,
        client_id=oidc_provider.client_id,
        client_secret=oidc_provider.client_secret,
        employee_id_claim="employee_id",
    )
    teams = {team.name: team for team in demo.teams.all()}
    GroupRule.objects.create(
        configuration=configuration,
        position=1,
        value="ai-analysts",
        role="analyst",
        team=teams["data"],
    )
    GroupRule.objects.create(
        configuration=configuration,
        position=2,
        value="ai-managers",
        role="manager",
        team=teams["legal"],
    )
    return configuration


def sign_in(
    provider: OidcProvider, email: str, client: Client | None = None, action: str = "sign-in"
) -> Any:
    """The whole flow: eaism's start, the provider's form, eaism's callback."""
    client = client or Client()
    start = client.get(f"/o/{DEMO_SLUG}/sign-in/")
    assert start.status_code == 302, start.content
    callback = sign_in_at_provider(provider, start["Location"], email, action)
    response = client.get(callback.removeprefix("http://testserver"))
    response.client = client
    return response


def failures() -> list[str]:
    return [
        event.detail["reason"] for event in AuditEvent.objects.filter(action="sso.sign_in_failed")
    ]


def assert_refused(response: Any, reason: str, status: int = 403) -> None:
    assert response.status_code == status
    page = response.content.decode()
    assert "Sign-in failed" in page
    assert "_auth_user_id" not in response.client.session
    assert failures() == [reason]


def test_the_start_asks_for_a_code_with_pkce_state_and_nonce(
    configured: SignInConfiguration,
) -> None:
    start = Client().get(f"/o/{DEMO_SLUG}/sign-in/")
    location = start["Location"]
    assert location.startswith(configured.issuer + "/auth?")
    for part in (
        "response_type=code",
        "code_challenge_method=S256",
        "code_challenge=",
        "state=",
        "nonce=",
        "scope=openid+email+profile",
    ):
        assert part in location, part


def test_first_sign_in_makes_the_account_and_membership_with_the_mapped_role_and_team(
    configured: SignInConfiguration, oidc_provider: OidcProvider, demo: Organisation
) -> None:
    before = User.objects.count()
    response = sign_in(oidc_provider, ADA)
    assert response.status_code == 302
    assert response.client.session["_auth_user_id"]
    ada = User.objects.get(email=ADA)
    assert not ada.has_usable_password()
    assert User.objects.count() == before + 1
    assert Membership.objects.get(user=ada, organisation=demo).role == "analyst"
    person = Person.objects.get(organisation=demo, user=ada)
    assert (person.external_id, person.team.name, person.name) == (ADA, "data", "Ada Quinn")
    identity = Identity.objects.get(user=ada)
    assert (identity.issuer, identity.subject) == (oidc_provider.issuer, "ada-sub-1")
    actions = set(AuditEvent.objects.filter(organisation=demo).values_list("action", flat=True))
    assert {"sso.account_created", "sso.sign_in"} <= actions
    assert response.client.get(f"/o/{DEMO_SLUG}/dashboard/").status_code == 200


def test_the_employee_id_links_the_roster_s_person(
    configured: SignInConfiguration, oidc_provider: OidcProvider, demo: Organisation
) -> None:
    response = sign_in(oidc_provider, LIN)
    assert response.status_code == 302
    lin = User.objects.get(email=LIN)
    person = Person.objects.get(organisation=demo, external_id="p0002")
    assert person.user == lin
    assert person.team.name == "legal"
    membership = Membership.objects.get(user=lin, organisation=demo)
    assert membership.role == "manager"
    assert list(membership.teams.values_list("name", flat=True)) == ["legal"]


def test_a_later_sign_in_finds_the_same_account_and_applies_the_rules_again(
    configured: SignInConfiguration, oidc_provider: OidcProvider, demo: Organisation
) -> None:
    sign_in(oidc_provider, ADA)
    accounts = User.objects.count()
    rule = configured.rules.get(value="ai-analysts")
    rule.role, rule.team = "reviewer", Team.objects.get(organisation=demo, name="finance")
    rule.save()
    response = sign_in(oidc_provider, ADA)
    assert response.status_code == 302
    assert User.objects.count() == accounts
    assert Identity.objects.count() == 1
    ada = User.objects.get(email=ADA)
    assert Membership.objects.get(user=ada, organisation=demo).role == "reviewer"
    assert Person.objects.get(organisation=demo, user=ada).team.name == "finance"
    change = AuditEvent.objects.get(action="sso.role_changed")
    assert change.detail["role"] == {"before": "analyst", "after": "reviewer"}
    assert change.detail["team"] == {"before": "data", "after": "finance"}
    assert change.actor_label == f"identity provider {oidc_provider.issuer}"


def test_sign_out_ends_the_session(
    configured: SignInConfiguration, oidc_provider: OidcProvider
) -> None:
    client = sign_in(oidc_provider, ADA).client
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get(f"/o/{DEMO_SLUG}/dashboard/").status_code == 302


def _now() -> int:
    return int(time.time())


OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
# Each bad token: the provider's claims, changed, signed as the case says; and the reason.
BAD_TOKENS: dict[str, tuple[Callable[[OidcProvider, dict[str, Any]], str], str]] = {
    "wrong audience": (lambda p, c: p.sign({**c, "aud": "another-client"}), "audience"),
    "wrong issuer": (lambda p, c: p.sign({**c, "iss": "https://issuer.example"}), "issuer"),
    "expired": (lambda p, c: p.sign({**c, "iat": _now() - 7200, "exp": _now() - 3600}), "expired"),
    "no expiry": (lambda p, c: p.sign({k: v for k, v in c.items() if k != "exp"}), "expired"),
    "other nonce": (lambda p, c: p.sign({**c, "nonce": "another-sign-in"}), "nonce"),
    "missing nonce": (lambda p, c: p.sign({k: v for k, v in c.items() if k != "nonce"}), "nonce"),
    "bad signature": (lambda p, c: p.sign(c, key=OTHER_KEY), "signature"),
    "alg none": (lambda p, c: p.sign(c, algorithm="none"), "algorithm"),
    "signed with the client secret": (
        lambda p, c: jwt.encode(c, p.client_secret, algorithm="HS256"),
        "algorithm",
    ),
}


@pytest.mark.parametrize("case", BAD_TOKENS)
def test_a_bad_id_token_is_refused_with_its_reason_and_makes_no_account(
    case: str, configured: SignInConfiguration, oidc_provider: OidcProvider
) -> None:
    forge, reason = BAD_TOKENS[case]
    oidc_provider.replace_id_token = lambda token: forge(oidc_provider, claims_of(token))
    accounts = User.objects.count()
    response = sign_in(oidc_provider, ADA)
    assert_refused(response, reason)
    assert User.objects.count() == accounts
    assert not Identity.objects.exists()


def test_a_replayed_id_token_is_refused(
    configured: SignInConfiguration, oidc_provider: OidcProvider
) -> None:
    """Ada's token from a finished sign-in, handed back in a new sign-in: its nonce is not
    the new sign-in's."""
    sign_in(oidc_provider, ADA)
    earlier = oidc_provider.id_tokens[-1]
    oidc_provider.replace_id_token = lambda token: earlier
    accounts = User.objects.count()
    assert_refused(sign_in(oidc_provider, ADA), "nonce")
    assert User.objects.count() == accounts


def test_a_replayed_callback_is_refused(
    configured: SignInConfiguration, oidc_provider: OidcProvider
) -> None:
    client = Client()
    start = client.get(f"/o/{DEMO_SLUG}/sign-in/")
    callback = sign_in_at_provider(oidc_provider, start["Location"], ADA).removeprefix(
        "http://testserver"
    )
    assert client.get(callback).status_code == 302
    client.post("/accounts/logout/")
    again = client.get(callback)
    again.client = client
    assert_refused(again, "state", status=400)
    elsewhere = Client().get(callback)
    assert elsewhere.status_code == 400
    assert User.objects.filter(email=ADA).count() == 1


def test_a_cancelled_sign_in_is_the_provider_s_error(
    configured: SignInConfiguration, oidc_provider: OidcProvider
) -> None:
    response = sign_in(oidc_provider, ADA, action="cancel")
    assert_refused(response, "provider_error")
    assert "access_denied" in AuditEvent.objects.get(action="sso.sign_in_failed").detail["detail"]
    assert not User.objects.filter(email=ADA).exists()


def test_no_e_mail_address_in_the_configured_claim_is_refused(
    configured: SignInConfiguration, oidc_provider: OidcProvider
) -> None:
    configured.email_claim = "work_email"
    configured.save()
    assert_refused(sign_in(oidc_provider, ADA), "email_missing")
    assert not User.objects.filter(email=ADA).exists()


def test_a_deactivated_person_cannot_come_back_through_single_sign_on(
    configured: SignInConfiguration, oidc_provider: OidcProvider, demo: Organisation
) -> None:
    Person.objects.filter(organisation=demo, external_id="p0002").update(active=False)
    assert_refused(sign_in(oidc_provider, LIN), "person_inactive")
    assert not User.objects.filter(email=LIN).exists()


def test_a_deactivated_account_cannot_sign_in(
    configured: SignInConfiguration, oidc_provider: OidcProvider
) -> None:
    sign_in(oidc_provider, ADA)
    ada = User.objects.get(email=ADA)
    ada.is_active = False
    ada.save()
    assert_refused(sign_in(oidc_provider, ADA), "account_inactive")


def test_another_organisation_s_account_is_not_taken_over_by_e_mail(
    configured: SignInConfiguration, oidc_provider: OidcProvider, other_organisation: Organisation
) -> None:
    ada = User.objects.create_user(ADA, DEMO_PASSWORD)
    Membership.objects.create(user=ada, organisation=other_organisation, role="admin")
    assert_refused(sign_in(oidc_provider, ADA), "account_elsewhere")
    assert not Identity.objects.exists()
    assert not Membership.objects.filter(user=ada, organisation__slug=DEMO_SLUG).exists()


def test_an_unknown_state_is_a_400_page(configured: SignInConfiguration) -> None:
    client = Client()
    response = client.get("/sso/callback/?code=x&state=not-started-here")
    response.client = client
    assert_refused(response, "state", status=400)


def _password(email: str) -> Any:
    client = Client()
    response = client.post("/accounts/login/", {"username": email, "password": DEMO_PASSWORD})
    response.client = client
    return response


def test_with_password_sign_in_off_members_are_refused_and_owners_break_glass(
    configured: SignInConfiguration, demo: Organisation
) -> None:
    assert _password("member@demo.example").status_code == 302  # on by default
    configured.password_sign_in = False
    configured.save()
    refused = _password("member@demo.example")
    assert refused.status_code == 200
    assert "_auth_user_id" not in refused.client.session
    assert AuditEvent.objects.filter(action="sso.password_refused", organisation=demo).count() == 1
    owner = _password("owner@demo.example")
    assert owner.status_code == 302
    glass = AuditEvent.objects.get(action="sso.break_glass_sign_in")
    assert (glass.organisation, glass.target) == (demo, "owner@demo.example")


def test_an_account_with_another_organisation_that_allows_passwords_keeps_its_password(
    configured: SignInConfiguration, other_organisation: Organisation
) -> None:
    configured.password_sign_in = False
    configured.save()
    member = User.objects.get(email="member@demo.example")
    Membership.objects.create(user=member, organisation=other_organisation)
    assert _password("member@demo.example").status_code == 302


def test_the_sign_in_page_finds_the_organisation_by_its_short_name(
    configured: SignInConfiguration,
) -> None:
    found = Client().get("/sso/find/", {"organisation": DEMO_SLUG, "next": "/o/harbor-retail/"})
    assert found.status_code == 200
    start = f"/o/{DEMO_SLUG}/sign-in/?next=%2Fo%2Fharbor-retail%2F"
    assert f'href="{start}"' in found.content.decode()
    assert Client().get(start)["Location"].startswith(configured.issuer)
    unknown = Client().get("/sso/find/", {"organisation": "no-such-org"})
    assert unknown.status_code == 400
    assert "No organisation with the short name" in unknown.content.decode()
    assert 'value="no-such-org"' in unknown.content.decode()


def test_an_organisation_without_single_sign_on_has_no_start(demo: Organisation) -> None:
    assert Client().get(f"/o/{DEMO_SLUG}/sign-in/").status_code == 404
