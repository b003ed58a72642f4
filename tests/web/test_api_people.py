"""The people administration API: teams, the paginated people list, import, reviewers."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from eaism.web.organisations.models import ImportBatch, Organisation, Person


def csv_upload(content: bytes, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_teams_are_listed_and_created(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    teams = owner.get(f"/api/organisations/{demo.slug}/teams").json()
    legal = next(team for team in teams if team["name"] == "legal")
    assert legal["people"] == 3
    assert legal["managers"] == ["manager@demo.example"]
    url = f"/api/organisations/{demo.slug}/teams"
    created = owner.post(url, {"name": "research"}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["name"] == "research"
    again = owner.post(url, {"name": "research"}, content_type="application/json")
    assert again.status_code == 400
    assert again.json()["field"] == "name"


def test_people_are_paginated_and_filtered(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    url = f"/api/organisations/{demo.slug}/people"
    first = owner.get(url).json()
    assert (first["count"], first["pages"], len(first["results"])) == (291, 6, 50)
    assert set(first["results"][0]) == {
        "id", "name", "email", "team", "role", "title", "active", "response",
    }  # fmt: skip
    found = owner.get(url, {"q": "sam riv"}).json()
    assert [p["id"] for p in found["results"]] == ["p-member"]
    assert found["results"][0]["response"] == "invited"
    Person.objects.filter(organisation=demo, external_id="p0001").update(active=False)
    assert owner.get(url, {"status": "deactivated"}).json()["count"] == 1


def test_an_import_runs_dry_then_applies(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    url = f"/api/organisations/{demo.slug}/people/import"
    content = b"id,team,name\nn1,research,New One\np0001,legal,Renamed\n"
    dry = owner.post(url, {"file": csv_upload(content), "dry_run": "true"}).json()
    assert (dry["created"], dry["updated"], dry["deactivated"], dry["dry_run"]) == (1, 1, 0, True)
    assert not ImportBatch.objects.exists()
    done = owner.post(url, {"file": csv_upload(content), "mode": "update"})
    assert done.status_code == 200
    assert done.json()["batch"] is not None
    assert Person.objects.get(organisation=demo, external_id="p0001").name == "Renamed"


def test_an_api_sync_needs_its_confirmations(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    url = f"/api/organisations/{demo.slug}/people/import"
    content = b"id,team\np-member,data\n"
    data = {"mode": "sync"}
    refused = owner.post(url, {**data, "file": csv_upload(content)})
    assert refused.status_code == 400
    assert refused.json()["field"] == "confirm_deactivate"
    assert "290" in refused.json()["detail"]
    refused = owner.post(url, {**data, "confirm_deactivate": "290", "file": csv_upload(content)})
    assert refused.json()["field"] == "confirm_large"
    assert demo.people.filter(active=True).count() == 291
    done = owner.post(
        url,
        {**data, "confirm_deactivate": "290", "confirm_large": "true", "file": csv_upload(content)},
    )
    assert done.json()["deactivated"] == 290
    assert demo.people.filter(active=True).count() == 1


def test_an_import_with_errors_lists_them_and_applies_nothing(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    url = f"/api/organisations/{demo.slug}/people/import"
    content = b"id,team,email,role\nn1,data,nope,\nn2,data,,wizard\n"
    answer = client_for("owner").post(url, {"file": csv_upload(content)})
    assert answer.status_code == 400
    assert [(e["row"], e["column"]) for e in answer.json()["errors"]] == [(2, "email"), (3, "role")]
    png = client_for("owner").post(url, {"file": csv_upload(b"\x89PNG\r\n\x1a\n\x00")})
    assert png.status_code == 400
    assert "not a CSV or XLSX file" in png.json()["detail"]
    assert demo.people.count() == 291


def test_reviewers_are_set_by_email(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    url = f"/api/organisations/{demo.slug}/people/p0001/reviewers"
    emails = ["Reviewer@demo.example", "analyst@demo.example"]
    answer = owner.put(url, {"emails": emails}, content_type="application/json")
    assert answer.json() == {
        "person": "p0001",
        "reviewers": ["analyst@demo.example", "reviewer@demo.example"],
    }
    unknown = owner.put(url, {"emails": ["who@x.example"]}, content_type="application/json")
    assert unknown.status_code == 400
    assert unknown.json()["field"] == "emails"
    person = Person.objects.get(organisation=demo, external_id="p0001")
    assert person.reviewers.count() == 2
