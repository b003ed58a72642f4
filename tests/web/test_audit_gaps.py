"""What the audit log missed: failed sign-ins and lockouts in each organisation of the address,
completed password resets, reads of the people list, and API result views only of a round that
exists, with its id. Each shows on the audit log page by its label."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core import mail
from django.test import Client

from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.answers import parse_answer, save_answer
from eaism.web.assessments.models import Round
from eaism.web.audit.models import AuditEvent
from eaism.web.organisations.demo import DEMO_PASSWORD
from eaism.web.organisations.models import Membership, Organisation, Person, Role

SignedIn = Callable[[str], Client]
MEMBER = "member@demo.example"


def sign_in(client: Client, address: str, password: str = "not-the-password") -> int:
    return client.post("/accounts/login/", {"username": address, "password": password}).status_code


def audit_page(client_for: SignedIn, organisation: Organisation) -> str:
    return client_for("owner").get(f"/o/{organisation.slug}/audit/").content.decode()


def test_a_failed_sign_in_is_in_the_log_of_the_addresss_organisation(
    client_for: SignedIn, demo: Organisation
) -> None:
    assert sign_in(Client(), "Member@Demo.Example") == 200
    [event] = AuditEvent.objects.filter(action="sign_in_failed")
    assert (event.organisation_id, event.actor, event.target) == (
        demo.id,
        None,
        "Member@Demo.Example",
    )
    page = audit_page(client_for, demo)
    assert "Sign-in failed" in page
    assert "Member@Demo.Example" in page
    exported = client_for("owner").get(f"/o/{demo.slug}/audit/?format=csv").content.decode()
    assert "sign_in_failed,Member@Demo.Example" in exported


def test_a_failed_sign_in_goes_to_every_organisation_of_the_address_and_no_other(
    demo: Organisation, other_organisation: Organisation
) -> None:
    member = User.objects.get(email=MEMBER)
    Membership.objects.create(user=member, organisation=other_organisation, role=Role.MEMBER)
    sign_in(Client(), MEMBER)
    failed = AuditEvent.objects.filter(action="sign_in_failed")
    assert sorted(failed.values_list("organisation_id", flat=True)) == sorted(
        [demo.id, other_organisation.id]
    )
    sign_in(Client(), "admin@other.example")
    assert (
        failed.filter(target="admin@other.example").get().organisation_id == other_organisation.id
    )


def test_a_person_without_an_account_is_found_by_their_address(demo: Organisation) -> None:
    Person.objects.create(organisation=demo, external_id="n1", email="new.person@demo.example")
    sign_in(Client(), "NEW.person@demo.example")
    assert AuditEvent.objects.get(action="sign_in_failed").organisation_id == demo.id


def test_an_unknown_address_gets_the_same_page_and_no_organisation_sees_it(
    client_for: SignedIn, demo: Organisation
) -> None:
    known = Client().post("/accounts/login/", {"username": MEMBER, "password": "x" * 12})
    unknown = Client().post(
        "/accounts/login/", {"username": "nobody@demo.example", "password": "x" * 12}
    )
    assert known.status_code == unknown.status_code == 200
    hide = re.compile(r'value="[^"]*"|"X-CSRFToken": "[^"]*"')  # the typed address, the tokens
    assert hide.sub("", known.content.decode()) == hide.sub("", unknown.content.decode())
    nobody = AuditEvent.objects.get(target="nobody@demo.example")
    assert nobody.organisation is None
    assert "nobody@demo.example" not in audit_page(client_for, demo)


def test_a_lockout_is_in_the_log(client_for: SignedIn, demo: Organisation) -> None:
    client = Client()
    for _ in range(5):
        sign_in(client, MEMBER)
    assert sign_in(client, MEMBER, DEMO_PASSWORD) == 429
    locked = AuditEvent.objects.filter(action="sign_in_locked_out")
    assert locked.exists()
    assert {event.organisation_id for event in locked} == {demo.id}
    assert {event.target for event in locked} == {MEMBER}
    assert "Sign-in locked after failures" in audit_page(client_for, demo)


def test_a_completed_password_reset_is_in_the_log(client_for: SignedIn, demo: Organisation) -> None:
    client = Client()
    client.post("/accounts/password-reset/", {"email": MEMBER})
    [message] = mail.outbox
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert not AuditEvent.objects.filter(action="password_reset").exists(), "asked, not done"
    new = {"new_password1": "a fresh passphrase 7", "new_password2": "a fresh passphrase 7"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    reset = AuditEvent.objects.get(action="password_reset")
    assert (reset.actor, reset.target) == (User.objects.get(email=MEMBER), MEMBER)
    assert reset.ip_address == "127.0.0.1"
    assert "Reset their password" in audit_page(client_for, demo)


def test_a_refused_password_reset_is_not_logged_as_done(demo: Organisation) -> None:
    client = Client()
    client.post("/accounts/password-reset/", {"email": MEMBER})
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    mismatch = {"new_password1": "a fresh passphrase 7", "new_password2": "another one 8"}
    assert client.post(form.redirect_chain[-1][0], mismatch).status_code == 200
    assert not AuditEvent.objects.filter(action="password_reset").exists()


def test_reading_the_people_list_is_in_the_log(client_for: SignedIn, demo: Organisation) -> None:
    owner = client_for("owner")
    assert owner.get(f"/o/{demo.slug}/people/?q=Person&page=2").status_code == 200
    read = AuditEvent.objects.get(action="people_list_viewed")
    assert (read.organisation_id, read.actor_label) == (demo.id, "owner@demo.example")
    assert read.detail == {"query": "q=Person&page=2"}
    assert "Viewed the people list" in audit_page(client_for, demo)


def test_an_api_result_view_of_a_missing_round_is_not_logged(
    demo: Organisation, demo_round: Round
) -> None:
    owner = _bearer("owner@demo.example")
    missing = owner.get(f"/api/organisations/{demo.slug}/rounds/999999/people/p-member")
    assert missing.status_code == 404
    assert not AuditEvent.objects.filter(action="result_viewed").exists()


def test_an_api_result_view_records_the_round(demo: Organisation, demo_round: Round) -> None:
    member = Person.objects.get(organisation=demo, external_id="p-member")
    save_answer(demo_round, member, parse_answer("prompting.l1.everyday_prompting", 1, "shipped"))
    url = f"/api/organisations/{demo.slug}/rounds/{demo_round.id}/people/p-member"
    assert _bearer("owner@demo.example").get(url).status_code == 200
    viewed = AuditEvent.objects.get(action="result_viewed")
    assert viewed.detail == {"round": demo_round.id, "via": "api"}
    assert viewed.target == "p-member"


def test_every_new_action_is_shown_by_its_label(client_for: SignedIn, demo: Organisation) -> None:
    from eaism.web.audit.record import record_account_event

    owner = User.objects.get(email="owner@demo.example")
    for action in ("tokens_revoked", "password_reset"):
        record_account_event(owner, action, target=owner.email)
    page = audit_page(client_for, demo)
    assert "API tokens revoked" in page
    assert ">tokens_revoked<" not in page
    assert ">password_reset<" not in page


def _bearer(email: str) -> Client:
    _, secret = ApiToken.issue(User.objects.get(email=email), "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})
