"""The inventory side of competence records: a system's risk class, model and last change, the
people who build, operate and oversee it, and contractors in the roster."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from eaism.web.audit.models import AuditEvent
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Organisation, Person, System, SystemInvolvement
from eaism.web.organisations.roster import apply_import, plan_import, undo_last_import
from eaism.web.organisations.roster_file import sheet_of

FORM = {
    "system_id": "claims-bot",
    "name": "Claims bot",
    "kind": "chatbot",
    "status": "pilot",
    "months_in_status": "1",
    "users": "3",
    "monthly_cost": "10",
    "risk_class": "high",
    "model": "vendor-model 4.1",
}


def system_page(slug: str, system_id: str) -> str:
    return f"/o/{slug}/inventory/{system_id}/"


def test_a_new_system_keeps_its_risk_class_model_and_the_day_it_changed(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    response = client_for("owner").post(f"/o/{demo.slug}/inventory/", FORM)
    assert response.status_code == 302
    saved = System.objects.get(organisation=demo, system_id="claims-bot")
    assert (saved.risk_class, saved.model) == ("high", "vendor-model 4.1")
    assert saved.changed_at is not None
    page = client_for("analyst").get(f"/o/{demo.slug}/inventory/").content.decode()
    assert "High risk" in page
    assert "vendor-model 4.1" in page


@pytest.mark.parametrize(
    ("change", "moves"),
    [
        ({"name": "Claims helper"}, False),
        ({"risk_class": "limited"}, False),
        ({"status": "production"}, True),
        ({"model": "vendor-model 5"}, True),
    ],
)
def test_only_a_status_or_model_change_moves_the_last_change(
    client_for: Callable[[str], Client], demo: Organisation, change: dict[str, str], moves: bool
) -> None:
    owner = client_for("owner")
    owner.post(f"/o/{demo.slug}/inventory/", FORM)
    first = System.objects.get(organisation=demo, system_id="claims-bot").changed_at
    assert owner.post(system_page(demo.slug, "claims-bot"), FORM | change).status_code == 302
    later = System.objects.get(organisation=demo, system_id="claims-bot").changed_at
    assert (later != first) is moves
    assert later is not None
    assert first is not None
    assert later >= first


def test_a_form_without_a_risk_class_saves_it_as_not_assessed(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    without = {key: value for key, value in FORM.items() if key != "risk_class"}
    assert client_for("owner").post(f"/o/{demo.slug}/inventory/", without).status_code == 302
    assert System.objects.get(system_id="claims-bot").risk_class == "not_assessed"


def test_an_unknown_risk_class_is_refused_next_to_its_field(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    response = client_for("owner").post(f"/o/{demo.slug}/inventory/", FORM | {"risk_class": "x"})
    assert response.status_code == 400
    assert "risk_class" in response.context["form"].errors
    assert not System.objects.filter(system_id="claims-bot").exists()


def test_the_api_reads_and_writes_risk_class_and_model(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    url = f"/api/organisations/{demo.slug}/systems"
    body = {"system_id": "api-bot", "name": "Api bot", "risk_class": "minimal", "model": "m-2"}
    added = owner.post(url, body, content_type="application/json")
    assert added.status_code == 201, added.content
    assert (added.json()["risk_class"], added.json()["model"]) == ("minimal", "m-2")
    listed = {system["system_id"]: system for system in owner.get(url).json()}
    assert listed["pilot-01"]["risk_class"] == "not_assessed"
    wrong = owner.post(url, body | {"system_id": "b2", "risk_class": "severe"}, "application/json")
    assert wrong.status_code == 400
    assert "risk_class" in wrong.content.decode()


def involve(client: Client, slug: str, **data: str) -> Any:
    return client.post(f"/o/{slug}/inventory/pilot-01/people/", {"action": "add", **data})


def test_people_are_added_per_involvement_listed_by_name_and_id_and_removed(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    person = Person.objects.get(organisation=demo, external_id="p0001")
    assert involve(owner, demo.slug, person="p0001", kind="oversee").status_code == 302
    assert involve(owner, demo.slug, person="p0002", kind="build").status_code == 302
    page = owner.get(system_page(demo.slug, "pilot-01")).content.decode()
    overseers = page.split('id="involvement-oversee"')[1].split("<h3")[0]
    assert f"{person.name} (p0001)" in overseers
    assert "p0002" not in overseers
    involvement = SystemInvolvement.objects.get(person=person)
    removed = owner.post(
        f"/o/{demo.slug}/inventory/pilot-01/people/",
        {"action": "remove", "involvement": str(involvement.id)},
    )
    assert removed.status_code == 302
    assert not SystemInvolvement.objects.filter(person=person).exists()
    actions = list(
        AuditEvent.objects.filter(organisation=demo, action__startswith="system_person")
        .order_by("id")
        .values_list("action", "target")
    )
    assert actions == [
        ("system_person_added", "pilot-01: p0001"),
        ("system_person_added", "pilot-01: p0002"),
        ("system_person_removed", "pilot-01: p0001"),
    ]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            {"person": "nobody", "kind": "build"},
            "'nobody' is not an id of the organisation's roster",
        ),
        ({"person": "x1", "kind": "build"}, "'x1' is not an id"),  # another organisation's
        ({"person": "p0001", "kind": "admire"}, "expected one of: build, operate, oversee"),
        ({"person": "", "kind": "build"}, "choose a person of the roster"),
    ],
)
def test_a_wrong_person_or_involvement_is_named_on_the_page(
    client_for: Callable[[str], Client],
    demo: Organisation,
    other_organisation: Organisation,
    data: dict[str, str],
    words: str,
) -> None:
    response = involve(client_for("owner"), demo.slug, **data)
    assert response.status_code == 400
    assert words in response.content.decode().replace("&#x27;", "'")
    assert not SystemInvolvement.objects.exists()


def test_the_same_involvement_twice_is_refused(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    involve(owner, demo.slug, person="p0001", kind="operate")
    again = involve(owner, demo.slug, person="p0001", kind="operate")
    assert again.status_code == 400
    assert "already listed for operate" in again.content.decode().replace("&#x27;", "'")
    assert involve(owner, demo.slug, person="p0001", kind="oversee").status_code == 302
    assert SystemInvolvement.objects.count() == 2


def rows(text: str) -> list[list[str]]:
    return sheet_of(text.encode(), ".csv")


def test_the_roster_import_reads_an_optional_kind_column(demo: Organisation) -> None:
    sheet = rows("id,team,name,kind\nc-1,ops,Casey Contractor,contractor\nn-1,ops,Nia,\n")
    plan = plan_import(demo, current_edition(), sheet)
    assert plan.errors == ()
    apply_import(demo, plan)
    kinds = dict(
        demo.people.filter(external_id__in=["c-1", "n-1"]).values_list("external_id", "kind")
    )
    assert kinds == {"c-1": "contractor", "n-1": "employee"}
    page_kinds = {"p0001": "employee"}
    assert (
        dict(demo.people.filter(external_id="p0001").values_list("external_id", "kind"))
        == page_kinds
    )


def test_a_kind_change_is_a_change_and_undo_puts_it_back(demo: Organisation) -> None:
    person = Person.objects.select_related("team").get(organisation=demo, external_id="p0001")
    sheet = rows(f"id,team,kind\np0001,{person.team.name},contractor\n")
    plan = plan_import(demo, current_edition(), sheet)
    assert [row.id for row in plan.change] == ["p0001"]
    apply_import(demo, plan)
    assert Person.objects.get(id=person.id).kind == "contractor"
    undo_last_import(demo)
    assert Person.objects.get(id=person.id).kind == "employee"


def test_a_wrong_kind_is_named_by_row_and_column_and_nothing_applies(demo: Organisation) -> None:
    sheet = rows("id,team,kind\nc-1,ops,contractor\nc-2,ops,freelancer\n")
    plan = plan_import(demo, current_edition(), sheet)
    assert [str(error) for error in plan.errors] == [
        "row 3, column 'kind': 'freelancer' is not a kind of person; expected one of: "
        "employee, contractor"
    ]
    assert not demo.people.filter(external_id__in=["c-1", "c-2"]).exists()


def test_the_people_page_shows_contractors_as_such(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    Person.objects.filter(organisation=demo, external_id="p0001").update(kind="contractor")
    page = client_for("owner").get(f"/o/{demo.slug}/people/?q=p0001").content.decode()
    assert "Contractor" in page
    everyone = client_for("owner").get(f"/o/{demo.slug}/people/?q=p0002").content.decode()
    assert "Contractor" not in everyone
