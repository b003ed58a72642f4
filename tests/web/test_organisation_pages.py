"""Organisation pages: dashboard twins, invitations, role changes, trends, inventory."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from django.test import Client

from eaism.web.assessments.models import Round, Score
from eaism.web.audit.models import AuditEvent
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Membership, Organisation, Person


def test_the_dashboard_and_its_json_twin_agree(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    analyst = client_for("analyst")
    page = analyst.get(f"/o/{demo.slug}/dashboard/")
    twin = json.loads(analyst.get(f"/o/{demo.slug}/dashboard/?format=json").content)
    assert page.status_code == 200
    assert twin["stage"]["number"] == 2
    for code in ("LEVEL3_BOTTLENECK", "PROTOTYPE_DEBT", "HIRE_L5_BEFORE_L3"):
        assert code in {d["code"] for d in twin["diagnostics"]}
        assert f'data-code="{code}"'.encode() in page.content
    assert twin["hiring"]["next_phase"] == 3


def test_an_invitation_link_works_once(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    person = Person.objects.create(
        organisation=demo, external_id="new-1", name="New Person", email="new@demo.example"
    )
    page = owner.post(f"/o/{demo.slug}/people/{person.external_id}/invite/")
    link = re.search(r'value="(http://testserver/invite/[^"]+)"', page.content.decode())
    assert link is not None
    visitor = Client()
    path = link.group(1).removeprefix("http://testserver")
    joined = visitor.post(
        path, {"new_password1": "a long passphrase 1", "new_password2": "a long passphrase 1"}
    )
    assert joined.status_code == 302
    person.refresh_from_db()
    assert person.user is not None
    assert Membership.objects.get(user=person.user, organisation=demo).role == "member"
    assert Client().get(path).status_code == 404


def test_role_changes_are_audited(client_for: Callable[[str], Client], demo: Organisation) -> None:
    membership = Membership.objects.get(organisation=demo, user__email="member@demo.example")
    client_for("owner").post(f"/o/{demo.slug}/members/{membership.id}/role/", {"role": "analyst"})
    membership.refresh_from_db()
    assert membership.role == "analyst"
    event = AuditEvent.objects.get(action="role_changed")
    assert event.detail == {"before": "member", "after": "analyst"}
    refused = client_for("owner").post(
        f"/o/{demo.slug}/members/{membership.id}/role/", {"role": "emperor"}
    )
    assert refused.status_code == 400


def test_the_dashboard_shows_the_trend_since_the_previous_round(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round
) -> None:
    newer = Round.objects.create(organisation=demo, name="Spring 2027")
    # A round's figures are published once at least the minimum group size responded; twenty
    # of finance (a team with nobody at Levels 3 to 5) at Level 5 leave no small cell in the
    # team's row, so the privacy rule has no reason to withhold them.
    people = Person.objects.filter(organisation=demo, team__name="finance")
    for person in people[:20]:
        Score.objects.create(
            round=newer,
            person=person,
            levels=[5] * 8,
            progress=[0.0] * 8,
            operating_level=5,
            claimed_level=5,
        )
    twin = json.loads(
        client_for("analyst").get(f"/o/{demo.slug}/dashboard/?round={newer.id}&format=json").content
    )
    trend = twin["trend"]
    assert trend["previous_round"] == "Autumn 2026"
    assert trend["by_level"]["5"] == {"before": 0, "now": 20}


def test_the_inventory_takes_a_new_system(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    response = owner.post(
        f"/o/{demo.slug}/inventory/",
        {
            "system_id": "new-bot",
            "name": "New bot",
            "kind": "chatbot",
            "status": "pilot",
            "months_in_status": "2",
            "users": "10",
            "monthly_cost": "100",
        },
    )
    assert response.status_code == 302
    assert demo.systems.filter(system_id="new-bot").exists()
    bad = owner.post(
        f"/o/{demo.slug}/inventory/",
        {"system_id": "x", "name": "X", "kind": "robot", "status": "pilot"},
    )
    assert bad.status_code == 400


def test_an_invitation_never_opens_an_existing_account(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    person = Person.objects.create(organisation=demo, external_id="new-2", name="Someone")
    page = owner.post(f"/o/{demo.slug}/people/{person.external_id}/invite/")
    link = re.search(r'value="http://testserver(/invite/[^"]+)"', page.content.decode())
    assert link is not None
    stranger = Client()
    attempt = stranger.post(
        link.group(1),
        {"email": "manager@demo.example", "new_password1": "x" * 12, "new_password2": "x" * 12},
    )
    assert attempt.status_code == 403
    assert "_auth_user_id" not in stranger.session
    signed_in = client_for("manager")
    joined = signed_in.post(link.group(1), {"email": "manager@demo.example"})
    assert joined.status_code == 302  # the account's own holder may use the link with it


def test_the_system_form_has_a_box_per_readiness_check_of_the_edition(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    page = owner.get(f"/o/{demo.slug}/inventory/").content.decode()
    for check in current_edition().analysis.readiness_checks:
        assert f'<label for="id_{check.id}">{check.label}:</label>' in page
        assert f'name="{check.id}"' in page
    form = {"system_id": "ticked", "name": "Ticked", "kind": "agent", "status": "production"}
    form |= {"months_in_status": "1", "users": "5", "monthly_cost": "10"}
    added = owner.post(f"/o/{demo.slug}/inventory/", form | {"versioning": "on", "fallback": "on"})
    assert added.status_code == 302
    # Stored in the edition's order, whatever the order of the form's fields.
    assert demo.systems.get(system_id="ticked").readiness_checks == ["fallback", "versioning"]
    listed = owner.get(f"/o/{demo.slug}/inventory/").content.decode()
    assert "<td>Fallback, Versioning</td>" in listed


def test_editing_a_system_keeps_a_check_of_another_edition(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    system = demo.systems.get(system_id="prod-01")
    system.readiness_checks = ["monitoring", "agent_audit_trail"]
    system.save()
    owner = client_for("owner")
    page = owner.get(f"/o/{demo.slug}/inventory/prod-01/").content.decode()
    assert re.search(r'<input type="checkbox" name="monitoring"[^>]* checked', page)
    assert not re.search(r'<input type="checkbox" name="evaluation"[^>]* checked', page)
    form = {"system_id": "prod-01", "name": system.name, "kind": "chatbot", "status": "production"}
    form |= {"months_in_status": "9", "users": "40000", "monthly_cost": "12000"}
    saved = owner.post(f"/o/{demo.slug}/inventory/prod-01/", form | {"evaluation": "on"})
    assert saved.status_code == 302
    system.refresh_from_db()
    assert system.readiness_checks == ["evaluation", "agent_audit_trail"]
