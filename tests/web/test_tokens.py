"""API tokens: listed, created and revoked on the account page and through the API; expired
after EAISM_TOKEN_DAYS; revoked when the password changes (by reset or otherwise) and when the
account is deactivated or leaves the roster. Each creation and revocation is audited."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from eaism.web.accounts.models import ApiToken, User
from eaism.web.accounts.tokens import token_user
from eaism.web.audit.models import AuditEvent
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Organisation
from eaism.web.organisations.roster import apply_import, plan_import, undo_last_import
from eaism.web.organisations.roster_file import sheet_of

MEMBER = "member@demo.example"
ORGANISATIONS = "/api/organisations"


def bearer(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def works(secret: str) -> bool:
    """Whether the token is accepted: 200, or 401 when it is refused."""
    status = bearer(secret).get(ORGANISATIONS).status_code
    assert status in {200, 401}
    return status == 200


def member_token() -> str:
    return ApiToken.issue(User.objects.get(email=MEMBER), "ci")[1]


def signed_in(email: str = MEMBER) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


# --- revoked with the password and the account --------------------------------------------------


def test_a_password_reset_revokes_the_accounts_tokens(demo: Organisation) -> None:
    secret = member_token()
    assert works(secret)
    client = Client()
    client.post("/accounts/password-reset/", {"email": MEMBER})
    [message] = mail.outbox
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    new = {"new_password1": "a fresh passphrase 7", "new_password2": "a fresh passphrase 7"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    assert not works(secret)
    revoked = AuditEvent.objects.get(action="tokens_revoked")
    assert revoked.detail == {"reason": "password_changed", "count": 1}


def test_a_changed_password_revokes_the_accounts_tokens(demo: Organisation) -> None:
    """Wherever a password is set (a form, the admin shell), saving it revokes the tokens."""
    secret, other = (
        member_token(),
        ApiToken.issue(User.objects.get(email="owner@demo.example"), "x"),
    )
    user = User.objects.get(email=MEMBER)
    user.set_password("another passphrase 9")
    user.save()
    assert not works(secret)
    assert works(other[1]), "another account's tokens are not touched"


def test_saving_an_account_without_a_new_password_keeps_its_tokens(demo: Organisation) -> None:
    secret = member_token()
    user = User.objects.get(email=MEMBER)
    user.display_name = "Renamed"
    user.save()
    assert signed_in().get("/accounts/tokens/").status_code == 200  # a sign-in saves too
    assert works(secret)


def test_a_deactivated_account_loses_its_tokens_for_good(demo: Organisation) -> None:
    secret = member_token()
    user = User.objects.get(email=MEMBER)
    user.is_active = False
    user.save()
    assert ApiToken.objects.get(user=user).revoked
    user.is_active = True
    user.save()
    assert not works(secret), "reactivating the account does not bring a revoked token back"


def test_leaving_the_roster_revokes_the_tokens_and_coming_back_does_not_restore_them(
    demo: Organisation,
) -> None:
    secret, owner_secret = member_token(), ApiToken.issue(_owner(), "x")[1]
    people = demo.people.select_related("team").exclude(external_id="p-member")
    lines = [f"{p.external_id},{p.team.name if p.team else 'none'}" for p in people]
    rows = sheet_of(("\n".join(["id,team", *lines]) + "\n").encode(), ".csv")
    plan = plan_import(demo, current_edition(), rows, "sync")
    assert [leaving.id for leaving in plan.deactivate] == ["p-member"]
    apply_import(demo, plan, confirm_deactivate="1")
    assert not works(secret)
    assert works(owner_secret)
    assert AuditEvent.objects.get(action="tokens_revoked").detail["reason"] == "left_the_roster"
    undo_last_import(demo)
    assert not works(secret)


def test_an_admin_whose_person_is_deactivated_keeps_their_tokens(demo: Organisation) -> None:
    """An admin or owner keeps their access when their own person record goes (as sessions do)."""
    owner_secret = ApiToken.issue(_owner(), "x")[1]
    demo.people.create(external_id="o1", user=_owner())
    lines = [f"{p.external_id},{p.team.name}" for p in demo.people.exclude(external_id="o1")]
    rows = sheet_of(("\n".join(["id,team", *lines]) + "\n").encode(), ".csv")
    apply_import(demo, plan_import(demo, current_edition(), rows, "sync"), confirm_deactivate="1")
    assert works(owner_secret)


# --- expiry ---------------------------------------------------------------------------------------


def test_a_token_expires_after_the_configured_days(demo: Organisation, settings: Any) -> None:
    settings.EAISM_TOKEN_DAYS = 7
    before = timezone.now()
    token, secret = ApiToken.issue(User.objects.get(email=MEMBER), "ci")
    assert before + timedelta(days=7) <= token.expires_at <= timezone.now() + timedelta(days=7)
    assert works(secret)
    ApiToken.objects.filter(id=token.id).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert not works(secret)
    listed = signed_in().get("/api/tokens").json()
    assert [(t["name"], t["expired"]) for t in listed] == [("ci", True)]


@hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    revoked=st.booleans(),
    active=st.booleans(),
    # seconds from now, never within 5 of it: the test's own run time cannot move a token across
    expires_in=st.one_of(st.integers(-10_000, -5), st.integers(5, 10_000)),
)
def test_the_token_rule(demo: Organisation, revoked: bool, active: bool, expires_in: int) -> None:
    """A token acts for its account exactly while it is not revoked, not expired, and the
    account is active."""
    user = User.objects.get(email=MEMBER)
    User.objects.filter(id=user.id).update(is_active=active)  # no save(): tokens stay as set
    token, secret = ApiToken.issue(user, "rule")
    expires_at = timezone.now() + timedelta(seconds=expires_in)
    ApiToken.objects.filter(id=token.id).update(revoked=revoked, expires_at=expires_at)
    expected = not revoked and active and expires_in > 0
    found = token_user(secret)
    assert (found is not None) == expected
    assert found is None or found.id == user.id


def test_tokens_made_before_expiry_existed_expire_90_days_after_creation(
    transactional_db: None,
) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0001_initial")])
    old = executor.loader.project_state([("accounts", "0001_initial")]).apps
    user = old.get_model("accounts", "User").objects.create(
        username="a@x.example", email="a@x.example"
    )
    made = old.get_model("accounts", "ApiToken").objects.create(
        user=user, name="old", prefix="abcdefgh", key_hash="0" * 64
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    token = ApiToken.objects.get(id=made.id)
    assert token.expires_at == token.created_at + timedelta(days=90)


# --- the account page -----------------------------------------------------------------------------


def test_the_page_creates_a_token_shows_its_secret_once_and_lists_it(demo: Organisation) -> None:
    client = signed_in()
    created = client.post("/accounts/tokens/", {"name": "nightly export"})
    assert created.status_code == 201
    assert created["Cache-Control"] == "no-store"
    secret = re.search(r'<code class="secret">(eaism_[\w-]+)</code>', created.content.decode())
    assert secret is not None
    assert works(secret.group(1))
    listed = client.get("/accounts/tokens/").content.decode()
    assert "nightly export" in listed
    assert secret.group(1) not in listed, "the secret is shown once"
    token = ApiToken.objects.get(name="nightly export")
    assert f"eaism_{token.prefix}" in listed
    assert token.expires_at.strftime("%Y-%m-%d") in listed
    event = AuditEvent.objects.get(action="token_created")
    assert (event.actor_label, event.target) == (MEMBER, token.prefix)


def test_the_page_shows_when_a_token_was_last_used(demo: Organisation) -> None:
    secret = member_token()
    works(secret)
    used = ApiToken.objects.get(user__email=MEMBER).last_used_at
    assert used is not None
    assert used.strftime("%Y-%m-%d %H:%M") in signed_in().get("/accounts/tokens/").content.decode()


def test_a_token_without_a_name_is_refused_next_to_the_field(demo: Organisation) -> None:
    page = signed_in().post("/accounts/tokens/", {"name": "  "})
    assert page.status_code == 400
    assert 'id="token-name-error"' in page.content.decode()
    assert "a name is required" in page.content.decode()
    too_long = signed_in().post("/accounts/tokens/", {"name": "n" * 101})
    assert too_long.status_code == 400
    assert 'value="' + "n" * 101 + '"' in too_long.content.decode(), "the input is kept"
    control = signed_in().post("/accounts/tokens/", {"name": "ci\x00"})  # PostgreSQL holds no NUL
    assert control.status_code == 400
    assert "no control characters" in control.content.decode()
    assert signed_in().post("/api/tokens?name=ci%00").json()["field"] == "name"
    assert not ApiToken.objects.exists()


def test_the_page_revokes_ones_own_token_only(demo: Organisation) -> None:
    secret = member_token()
    token = ApiToken.objects.get(user__email=MEMBER)
    assert (
        signed_in("owner@demo.example").post(f"/accounts/tokens/{token.id}/revoke/").status_code
        == 404
    )
    assert works(secret)
    revoked = signed_in().post(f"/accounts/tokens/{token.id}/revoke/", follow=True)
    assert revoked.status_code == 200
    assert "is revoked" in revoked.content.decode()
    assert not works(secret)
    assert "You have no API tokens." in revoked.content.decode()
    assert AuditEvent.objects.get(action="token_revoked").target == token.prefix
    assert signed_in().post(f"/accounts/tokens/{token.id}/revoke/").status_code == 404


# --- the API --------------------------------------------------------------------------------------


def test_the_api_lists_creates_and_revokes_tokens(demo: Organisation) -> None:
    session = signed_in()
    created = session.post("/api/tokens?name=ci")
    assert created.status_code == 201
    body = created.json()
    assert body["token"].startswith("eaism_")
    assert works(body["token"])
    with_token = bearer(body["token"])
    listed = with_token.get("/api/tokens").json()
    assert [(t["id"], t["name"], t["expired"]) for t in listed] == [(body["id"], "ci", False)]
    assert "token" not in listed[0], "the list never holds a secret"
    assert with_token.delete(f"/api/tokens/{body['id']}").status_code == 204
    assert not works(body["token"])
    assert session.get("/api/tokens").json() == []
    assert session.delete(f"/api/tokens/{body['id']}").status_code == 404
    assert AuditEvent.objects.filter(action__in=["token_created", "token_revoked"]).count() == 2


def test_the_api_refuses_another_accounts_token_and_bad_names(demo: Organisation) -> None:
    owner_token, owner_secret = ApiToken.issue(_owner(), "owner's")
    member = bearer(member_token())
    missing = member.delete(f"/api/tokens/{owner_token.id}")
    assert (missing.status_code, missing.json()) == (404, {"detail": "not found"})
    assert works(owner_secret)
    assert member.post("/api/tokens?name=more").status_code == 401, "a token cannot make a token"
    refused = signed_in().post("/api/tokens?name=" + "n" * 101)
    assert refused.status_code == 400
    assert refused.json()["field"] == "name"


def test_the_openapi_document_declares_the_token_errors(demo: Organisation) -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert set(paths["/api/tokens"]["get"]["responses"]) >= {"200", "401"}
    assert set(paths["/api/tokens"]["post"]["responses"]) >= {"201", "400", "401", "403"}
    assert set(paths["/api/tokens/{token_id}"]["delete"]["responses"]) >= {"204", "401", "404"}


def _owner() -> User:
    return User.objects.get(email="owner@demo.example")
