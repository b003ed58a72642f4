"""SCIM provisioning beyond the compliance suite: deprovisioning through the real pages, teams
as groups, tokens per organisation, filters and paging, erasure, and the audit trail."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eaism.web.accounts.models import User
from eaism.web.assessments.models import Answer, Response
from eaism.web.audit.models import AuditEvent
from eaism.web.organisations.demo import DEMO_PASSWORD
from eaism.web.organisations.models import Membership, Organisation, Person, Team
from eaism.web.provisioning import filters, users
from eaism.web.provisioning.models import SuspendedMembership
from eaism.web.provisioning.tokens import create_token, revoke_token
from eaism.web.provisioning.views import BASE_PATH

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"


def scim_client(organisation: Organisation, name: str = "idp") -> Client:
    _, secret = create_token(None, organisation, name)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def send(client: Client, method: str, path: str, body: Any = None) -> Any:
    call = getattr(client, method.lower())
    if body is None:
        return call(BASE_PATH + path)
    return call(BASE_PATH + path, json.dumps(body), content_type="application/scim+json")


def patch(client: Client, path: str, *operations: dict[str, Any]) -> Any:
    return send(client, "PATCH", path, {"schemas": [PATCH_SCHEMA], "Operations": list(operations)})


def person_id(organisation: Organisation, external_id: str) -> str:
    return str(Person.objects.get(organisation=organisation, external_id=external_id).id)


def signs_in(email: str) -> bool:
    client = Client()
    client.post("/accounts/login/", {"username": email, "password": DEMO_PASSWORD})
    return "_auth_user_id" in client.session


def test_a_user_deactivated_by_scim_cannot_sign_in_or_answer_until_reactivated(
    demo: Organisation, demo_round: Any
) -> None:
    idp = scim_client(demo)
    member = person_id(demo, "p-member")
    page = Client()
    page.force_login(User.objects.get(email="member@demo.example"))
    questionnaire = f"/o/{demo.slug}/rounds/{demo_round.id}/assess/"
    assert page.get(questionnaire).status_code == 200

    answer = patch(idp, f"/Users/{member}", {"op": "replace", "value": {"active": False}})
    assert answer.status_code == 200
    assert answer.json()["active"] is False
    assert not signs_in("member@demo.example")
    assert page.get(questionnaire).status_code == 302  # the session ended: to the sign-in page
    assert not Membership.objects.filter(organisation=demo, user__email="member@demo.example")

    answer = patch(idp, f"/Users/{member}", {"op": "replace", "path": "active", "value": True})
    assert answer.status_code == 200
    assert answer.json()["active"] is True
    assert signs_in("member@demo.example")
    page.force_login(User.objects.get(email="member@demo.example"))
    assert page.get(questionnaire).status_code == 200
    assert not SuspendedMembership.objects.exists()


def test_an_admin_with_another_organisation_keeps_the_account_but_loses_this_one(
    demo: Organisation, other_organisation: Organisation
) -> None:
    owner = User.objects.get(email="owner@demo.example")
    Membership.objects.create(user=owner, organisation=other_organisation, role="admin")
    person = Person.objects.create(organisation=demo, external_id="p-owner", user=owner)
    answer = patch(
        scim_client(demo),
        f"/Users/{person.id}",
        {"op": "replace", "path": "active", "value": False},
    )
    assert answer.status_code == 200
    owner.refresh_from_db()
    assert owner.is_active
    assert signs_in("owner@demo.example")
    page = Client()
    page.force_login(owner)
    assert page.get(f"/o/{demo.slug}/dashboard/").status_code == 404
    assert page.get(f"/o/{other_organisation.slug}/").status_code in (200, 302)


def test_a_group_rename_renames_the_team_and_members_move_teams(demo: Organisation) -> None:
    idp = scim_client(demo)
    legal = Team.objects.get(organisation=demo, name="legal")
    answer = patch(
        idp,
        f"/Groups/{legal.id}",
        {"op": "replace", "path": "displayName", "value": "Legal & compliance"},
    )
    assert answer.status_code == 200
    assert answer.json()["displayName"] == "Legal & compliance"
    legal.refresh_from_db()
    assert legal.name == "Legal & compliance"
    member = person_id(demo, "p-member")
    answer = patch(
        idp, f"/Groups/{legal.id}", {"op": "add", "path": "members", "value": [{"value": member}]}
    )
    assert answer.status_code == 200
    assert Person.objects.get(id=member).team == legal  # one team a person: moved here
    user = send(idp, "GET", f"/Users/{member}").json()
    assert user[ENTERPRISE]["department"] == "Legal & compliance"
    event = AuditEvent.objects.filter(action="scim.group_renamed").get()
    assert event.actor_label.startswith("SCIM token idp")
    assert event.organisation == demo


def test_a_token_of_another_organisation_sees_nothing_of_this_one(
    demo: Organisation, other_organisation: Organisation
) -> None:
    other = scim_client(other_organisation)
    member = person_id(demo, "p-member")
    team = Team.objects.get(organisation=demo, name="legal").id
    for path in (f"/Users/{member}", f"/Groups/{team}"):
        answer = send(other, "GET", path)
        assert answer.status_code == 404
        assert "Harbor" not in answer.content.decode()
        assert "legal" not in answer.content.decode()
        assert (
            patch(
                other,
                path,
                {
                    "op": "replace",
                    "path": "active" if "Users" in path else "displayName",
                    "value": False if "Users" in path else "x",
                },
            ).status_code
            == 404
        )
        assert send(other, "DELETE", path).status_code == 404
    listed = send(other, "GET", "/Users?count=200").json()
    assert [user["externalId"] for user in listed["Resources"]] == ["x1"]
    assert Person.objects.get(id=member).active


@pytest.mark.parametrize(
    "header", ["", "Bearer eaism_scim_not-a-token", "Basic dXNlcjpwYXNz", "revoked"]
)
def test_a_missing_unknown_or_revoked_token_is_a_401(demo: Organisation, header: str) -> None:
    if header == "revoked":
        token, secret = create_token(None, demo, "old")
        revoke_token(None, demo, token.id)
        header = f"Bearer {secret}"
    client = Client(headers={"Authorization": header} if header else {})
    answer = send(client, "GET", "/Users")
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"].startswith("Bearer")
    assert answer.json()["schemas"] == [ERROR_SCHEMA]
    assert "p-member" not in answer.content.decode()


def test_create_conflicts_and_errors_name_the_attribute(demo: Organisation) -> None:
    idp = scim_client(demo)
    body = {
        "schemas": [USER_SCHEMA],
        "userName": "New.Person@Demo.Example",
        "externalId": "n-1",
        "emails": [{"value": "new.person@demo.example", "type": "work"}],
        ENTERPRISE: {"department": "data platform"},
    }
    created = send(idp, "POST", "/Users", body)
    assert created.status_code == 201
    assert created["Content-Type"] == "application/scim+json"
    person = Person.objects.get(organisation=demo, external_id="n-1")
    assert person.team
    assert person.team.name == "data platform"
    assert person.active
    assert AuditEvent.objects.filter(action="scim.user_created", target="person n-1").exists()
    again = send(
        idp, "POST", "/Users", {**body, "userName": "new.person@demo.example", "externalId": "n-2"}
    )
    assert again.status_code == 409
    assert again.json()["scimType"] == "uniqueness"
    assert "userName" in again.json()["detail"]
    same_id = send(idp, "POST", "/Users", {**body, "userName": "someone@demo.example"})
    assert same_id.status_code == 409
    assert "externalId" in same_id.json()["detail"]
    wrong = send(
        idp,
        "POST",
        "/Users",
        {
            **body,
            "userName": "x@demo.example",
            "externalId": "n-3",
            "emails": [{"value": "not an address"}],
        },
    )
    assert wrong.status_code == 400
    assert "emails" in wrong.json()["detail"]
    assert not Person.objects.filter(organisation=demo, external_id="n-3").exists()


def test_a_roster_person_is_found_by_their_e_mail_address_as_user_name(demo: Organisation) -> None:
    idp = scim_client(demo)
    listed = send(idp, "GET", '/Users?filter=userName eq "MEMBER@demo.example"').json()
    assert [user["externalId"] for user in listed["Resources"]] == ["p-member"]
    assert listed["totalResults"] == 1


def test_paging_and_filters(demo: Organisation) -> None:
    """The demo's people have no e-mail address (so no userName): 25 of them get one."""
    legal = Person.objects.filter(organisation=demo, team__name="legal")[:2]
    for person in [*Person.objects.filter(organisation=demo, user__isnull=True)[:23], *legal]:
        person.email = f"{person.external_id}@demo.example"
        person.save()
    idp = scim_client(demo)
    everyone = Person.objects.filter(filters.visible_people(), organisation=demo).count()
    first = send(idp, "GET", "/Users?startIndex=1&count=10").json()
    second = send(idp, "GET", "/Users?startIndex=11&count=10").json()
    assert first["totalResults"] == second["totalResults"] == everyone
    assert (first["itemsPerPage"], first["startIndex"], second["startIndex"]) == (10, 1, 11)
    assert not {u["id"] for u in first["Resources"]} & {u["id"] for u in second["Resources"]}
    assert send(idp, "GET", "/Users?count=0").json()["totalResults"] == everyone
    legal = send(
        idp, "GET", f'/Users?filter={ENTERPRISE}:department eq "legal" and active eq true'
    ).json()
    in_legal = Person.objects.filter(filters.visible_people(), team__name="legal", active=True)
    assert legal["totalResults"] == in_legal.filter(organisation=demo).count() > 0
    for bad, word in (
        ("userName eq", "invalidFilter"),
        ('name.givenName eq "x"', "invalidFilter"),
        ("active gt true", "invalidFilter"),
    ):
        answer = send(idp, "GET", f"/Users?filter={bad}")
        assert answer.status_code == 400, bad
        assert answer.json()["scimType"] == word, bad
    assert send(idp, "GET", "/Users?count=many").status_code == 400
    only = send(idp, "GET", "/Users?attributes=userName&count=1").json()["Resources"][0]
    assert set(only) <= {"schemas", "id", "userName"}


def test_delete_erases_the_person_and_keeps_the_record_for_counts(
    demo: Organisation, demo_round: Any
) -> None:
    from eaism.web.assessments.answers import parse_answer, save_answer

    person = Person.objects.get(organisation=demo, external_id="p0003")
    person.email = "p0003@demo.example"
    person.save()
    save_answer(demo_round, person, parse_answer("prompting.l1.everyday_prompting", 1, "x"))
    idp = scim_client(demo)
    assert send(idp, "DELETE", f"/Users/{person.id}").status_code == 204
    assert send(idp, "GET", f"/Users/{person.id}").status_code == 404
    person.refresh_from_db()
    assert (person.name, person.email, person.user_name, person.active) == ("", "", None, False)
    assert not Response.objects.filter(person=person).exists()
    assert not Answer.objects.filter(response__person=person).exists()
    assert AuditEvent.objects.filter(action="scim.user_deleted", target="person p0003").exists()


# The filter translation against scim2-models' own evaluation of the filter on the resources.
WORDS = st.sampled_from(["ann", "Ann", "bo", "ops", "OPS", "x", "", "anna", "zed"])
ATTRIBUTES = st.sampled_from(
    [
        "userName",
        "externalId",
        "displayName",
        "title",
        "emails.value",
        "emails.type",
        f"{ENTERPRISE}:department",
        "groups.display",
    ]
)
OPERATORS = st.sampled_from(["eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le"])


def _comparison() -> st.SearchStrategy[str]:
    texts = st.builds(lambda a, o, w: f'{a} {o} "{w}"', ATTRIBUTES, OPERATORS, WORDS)
    presence = st.builds(lambda a: f"{a} pr", ATTRIBUTES)
    active = st.builds(
        lambda o, b: f"active {o} {b}",
        st.sampled_from(["eq", "ne"]),
        st.sampled_from(["true", "false"]),
    )
    return st.one_of(texts, presence, active)


FILTERS = st.recursive(
    _comparison(),
    lambda inner: st.one_of(
        st.builds(
            lambda a, b, op: f"({a}) {op} ({b})", inner, inner, st.sampled_from(["and", "or"])
        ),
        st.builds(lambda a: f"not ({a})", inner),
        st.builds(lambda w: f'emails[value co "{w}" and type eq "work"]', WORDS),
    ),
    max_leaves=4,
)
PEOPLE = st.lists(
    st.tuples(
        WORDS, WORDS, WORDS, WORDS, st.sampled_from(["", "ops", "OPS team", "bo"]), st.booleans()
    ),
    min_size=1,
    max_size=6,
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=PEOPLE, text=FILTERS)
def test_filters_select_what_the_filter_means(people: list[tuple[str, ...]], text: str) -> None:
    from django.db import transaction
    from scim2_models import InvalidFilterException, ScimFilter

    model = users.user_model()
    try:
        ScimFilter[model](text)
    except InvalidFilterException:  # such as a value that is no e-mail address for emails.value
        with pytest.raises(InvalidFilterException):
            filters.user_query(text)
        return
    with transaction.atomic():
        organisation = Organisation.objects.create(name="F", slug="f")
        for number, (user_name, name, title, mail, team, active) in enumerate(people):
            Person.objects.create(
                organisation=organisation,
                external_id=f"{name or 'p'}{number}",
                user_name=f"{user_name}{number}" if user_name else None,
                name=name,
                title=title,
                email=f"{mail}{number}@example.com",
                team=Team.objects.get_or_create(organisation=organisation, name=team)[0]
                if team
                else None,
                active=active,
            )
        everyone = list(users.people_of(organisation))
        expected = {
            p.id
            for p in everyone
            if ScimFilter[model](text).match(users.to_resource(p, "http://x/scim/v2"))
        }
        found = set(
            users.people_of(organisation)
            .filter(filters.user_query(text))
            .values_list("id", flat=True)
        )
        transaction.set_rollback(True)
    assert found == expected, text


def test_the_owner_page_shows_a_new_token_once_and_revokes_it(
    demo: Organisation, client_for: Any
) -> None:
    owner = client_for("owner")
    page = f"/o/{demo.slug}/settings/scim/"
    wrong = owner.post(page, {"name": "x" * 101})
    assert wrong.status_code == 400
    assert "at most 100 characters" in wrong.content.decode()
    assert 'value="' + "x" * 101 + '"' in wrong.content.decode()  # the input is kept
    made = owner.post(page, {"name": "Okta"})
    assert made.status_code == 201
    secret = made.context["secret"]
    assert secret in made.content.decode()
    assert "/scim/v2" in made.content.decode()
    listed = owner.get(page).content.decode()
    assert "Okta" in listed
    assert secret not in listed
    assert (
        send(Client(headers={"Authorization": f"Bearer {secret}"}), "GET", "/Users").status_code
        == 200
    )
    token = made.context["created"]
    assert owner.post(f"{page}{token.id}/revoke/").status_code == 302
    assert (
        send(Client(headers={"Authorization": f"Bearer {secret}"}), "GET", "/Users").status_code
        == 401
    )
    assert AuditEvent.objects.filter(
        action="scim.token_revoked", actor__email="owner@demo.example"
    ).exists()
    assert client_for("analyst").get(page).status_code == 403
