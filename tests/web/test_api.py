"""The JSON API with real bearer tokens, its validation, its OpenAPI document, and the people
import on the People page: invalid input gets a 400 naming the field or row, and nothing is
half-saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.models import Answer, Response, Round, Score
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Organisation, Person, System, Team

ITEM = "prompting.l1.everyday_prompting"
Api = Callable[[str], Client]


@pytest.fixture(autouse=True)
def quick_password_hashing(settings: Any) -> None:
    """No request here checks a password (tokens and force_login), so the demo's accounts are
    hashed with a fast hasher: Argon2id would spend most of this module's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def api(demo: Organisation) -> Api:
    """A client that sends a real bearer token of the demo account of a role."""

    def client(role: str) -> Client:
        _, secret = ApiToken.issue(User.objects.get(email=f"{role}@demo.example"), "tests")
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return client


def base(round_: Round) -> str:
    return f"/api/organisations/{round_.organisation.slug}/rounds/{round_.id}"


def post_json(client: Client, url: str, body: Any) -> Any:
    return client.post(url, body, content_type="application/json")


def answers_of(round_: Round) -> dict[str, float]:
    return dict(Answer.objects.filter(response__round=round_).values_list("item_id", "value"))


# --- answers, submitting, results ----------------------------------------------------------------


def test_an_answer_saved_with_a_token_is_stored(api: Api, demo_round: Round) -> None:
    saved = post_json(
        api("member"),
        f"{base(demo_round)}/answers",
        {"item_id": ITEM, "value": 0.5, "evidence": "weekly use"},
    )
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert body["item_id"] == ITEM
    assert body["value"] == 0.5
    assert body["saved_at"]
    stored = Answer.objects.get(item_id=ITEM)
    assert (stored.value, stored.evidence) == (0.5, "weekly use")
    assert stored.response.person.external_id == "p-member"


def test_saving_the_same_item_again_replaces_the_answer(api: Api, demo_round: Round) -> None:
    member = api("member")
    for value in (0.25, 1):
        assert post_json(member, f"{base(demo_round)}/answers", {"item_id": ITEM, "value": value})
    assert answers_of(demo_round) == {ITEM: 1.0}


def test_submit_scores_and_the_results_come_back(api: Api, demo_round: Round) -> None:
    member = api("member")
    edition = current_edition()
    for item_id, item in edition.item_index.items():
        if item.level <= 2:
            body = {"item_id": item_id, "value": 1, "evidence": "shipped to the support team"}
            assert post_json(member, f"{base(demo_round)}/answers", body).status_code == 200
    submitted = member.post(f"{base(demo_round)}/submit")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["operating_level"] == 2
    assert Score.objects.get(round=demo_round).operating_level == 2
    results = member.get(f"{base(demo_round)}/results")
    assert results.status_code == 200
    document = results.json()
    assert document["format"] == "eaism.person-result/1"
    assert document["operating_level"]["demonstrated"] == 2
    assert set(document["domains"]) == set(edition.domain_ids)
    again = post_json(member, f"{base(demo_round)}/answers", {"item_id": ITEM, "value": 0})
    assert again.status_code == 400
    assert again.json()["field"] == "response"  # frozen once submitted
    assert answers_of(demo_round)[ITEM] == 1.0


def test_submitting_nothing_is_a_400_naming_the_response(api: Api, demo_round: Round) -> None:
    refused = api("member").post(f"{base(demo_round)}/submit")
    assert refused.status_code == 400
    assert refused.json()["field"] == "response"
    assert not Response.objects.exists()


def test_a_closed_round_takes_no_answers(api: Api, demo_round: Round) -> None:
    demo_round.status = Round.Status.CLOSED
    demo_round.save()
    refused = post_json(api("member"), f"{base(demo_round)}/answers", {"item_id": ITEM, "value": 1})
    assert refused.status_code == 400
    assert refused.json()["field"] == "round"
    assert not Answer.objects.exists()


def test_a_revoked_or_unknown_token_is_refused(demo: Organisation) -> None:
    token, secret = ApiToken.issue(User.objects.get(email="owner@demo.example"), "tests")
    url = f"/api/organisations/{demo.slug}/analysis"
    assert Client(headers={"Authorization": f"Bearer {secret}"}).get(url).status_code == 200
    token.revoked = True
    token.save()
    assert Client(headers={"Authorization": f"Bearer {secret}"}).get(url).status_code == 401
    assert Client(headers={"Authorization": "Bearer eaism_guess"}).get(url).status_code == 401
    assert ApiToken.objects.get(id=token.id).key_hash != secret  # stored hashed


# --- the organisation analysis ------------------------------------------------------------------


def test_the_analysis_is_the_dashboard_document(api: Api, demo: Organisation) -> None:
    analysis = api("owner").get(f"/api/organisations/{demo.slug}/analysis")
    assert analysis.status_code == 200
    document = analysis.json()
    assert document["suppressed"] is False
    assert document["workforce"]["people"] == demo.people.filter(active=True).count() - 1
    owner = Client()
    owner.force_login(User.objects.get(email="owner@demo.example"))
    page_twin = owner.get(f"/o/{demo.slug}/dashboard/?format=json").json()
    assert document == page_twin


def test_the_manager_of_a_three_person_team_gets_no_figures(api: Api, demo: Organisation) -> None:
    analysis = api("manager").get(f"/api/organisations/{demo.slug}/analysis")
    assert analysis.status_code == 200
    document = analysis.json()
    assert document["suppressed"] is True
    assert document["people"] is None
    assert "workforce" not in document
    assert "heatmap" not in document


# --- the AI-system inventory --------------------------------------------------------------------


def test_systems_are_listed_and_added(api: Api, demo: Organisation) -> None:
    owner = api("owner")
    url = f"/api/organisations/{demo.slug}/systems"
    listed = owner.get(url)
    assert listed.status_code == 200
    assert {"pilot-01", "prod-01"} <= {system["system_id"] for system in listed.json()}
    new = {
        "system_id": "invoice-agent",
        "name": "Invoice agent",
        "kind": "agent",
        "status": "pilot",
        "months_in_status": 2,
        "users": 12,
        "monthly_cost": 300,
        "success_rate": 0.8,
        "evaluation": True,
    }
    added = post_json(owner, url, new)
    assert added.status_code == 201, added.content
    assert added.json()["system_id"] == "invoice-agent"
    stored = System.objects.get(organisation=demo, system_id="invoice-agent")
    assert (stored.kind, stored.status, stored.success_rate, stored.readiness_checks) == (
        "agent",
        "pilot",
        0.8,
        ["evaluation"],
    )
    # The same keys as before checks became edition data: one true or false per check.
    check_ids = current_edition().analysis.check_ids
    assert {check: added.json()[check] for check in check_ids} == {
        check: check == "evaluation" for check in check_ids
    }
    listed_again = {system["system_id"]: system for system in owner.get(url).json()}
    assert listed_again["invoice-agent"] == added.json()
    assert "invoice-agent" in {system["system_id"] for system in api("analyst").get(url).json()}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "spaceship"}, "kind"),
        ({"status": "dreaming"}, "status"),
        ({"success_rate": 1.5}, "success_rate"),
        ({"monthly_cost": -10}, "monthly_cost"),
        ({"users": "many"}, "users"),
        ({"name": None}, "name"),
        ({"system_id": "pilot-01"}, "system_id"),  # already in the inventory
        ({"monitoring": "yes"}, "monitoring"),  # a readiness check is true or false
    ],
)
def test_a_malformed_system_is_a_400_naming_the_field(
    api: Api, demo: Organisation, change: dict[str, Any], field: str
) -> None:
    before = list(System.objects.values_list("system_id", "name").order_by("id"))
    body = {"system_id": "new-bot", "name": "New bot", "kind": "chatbot"} | change
    refused = post_json(api("owner"), f"/api/organisations/{demo.slug}/systems", body)
    assert refused.status_code == 400, refused.content
    assert field in refused.content.decode()
    assert list(System.objects.values_list("system_id", "name").order_by("id")) == before


def test_the_inventory_page_refuses_a_duplicate_system_id(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    before = System.objects.count()
    form = {"system_id": "pilot-01", "name": "Again", "kind": "chatbot", "status": "idea"}
    form |= {"months_in_status": "0", "users": "0", "monthly_cost": "0"}
    refused = client_for("owner").post(f"/o/{demo.slug}/inventory/", form)
    assert refused.status_code == 400
    assert b"system_id" in refused.content or b"already" in refused.content
    assert System.objects.count() == before


# --- invalid answers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"item_id": "nope.l1.x", "value": 1}, "item_id", "'nope.l1.x' is not an item"),
        ({"item_id": ITEM, "value": 0.3}, "value", "is not on the answer scale"),
        ({"item_id": ITEM, "value": 2}, "value", "is not on the answer scale"),
        ({"item_id": ITEM, "value": -1}, "value", "is not on the answer scale"),
        ({"item_id": ITEM, "value": "lots"}, "value", ""),
        ({"item_id": ITEM}, "value", ""),
        ({"value": 1}, "item_id", ""),
        ({"item_id": ITEM, "value": 1, "evidence": "x" * 4001}, "evidence", "4000"),
    ],
)
def test_an_invalid_answer_is_a_400_naming_the_field(
    api: Api, demo_round: Round, body: dict[str, Any], field: str, words: str
) -> None:
    refused = post_json(api("member"), f"{base(demo_round)}/answers", body)
    assert refused.status_code == 400, refused.content
    text = refused.content.decode()
    assert field in text
    assert words in text
    assert not Answer.objects.exists()
    assert not Response.objects.exists()  # nothing half-saved


def test_a_body_that_is_not_json_is_a_400(api: Api, demo_round: Round) -> None:
    refused = api("member").post(
        f"{base(demo_round)}/answers", b"{item_id: ", content_type="application/json"
    )
    assert refused.status_code == 400
    assert not Answer.objects.exists()


def test_an_oversized_request_body_is_a_413_and_nothing_is_saved(
    api: Api, demo_round: Round, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 500
    body = {"item_id": ITEM, "value": 1, "evidence": "x" * 1000}
    refused = post_json(api("member"), f"{base(demo_round)}/answers", body)
    assert refused.status_code == 413
    assert refused.json() == {
        "detail": "the request body is over the limit of this server",
        "field": "body",
    }
    assert not Answer.objects.exists()


# --- the OpenAPI document -----------------------------------------------------------------------


def test_the_openapi_document_lists_the_endpoints(client: Client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    operations = {
        (method, path) for path, methods in document["paths"].items() for method in methods
    }
    prefix = "/api/organisations/{slug}"
    assert {
        ("get", "/api/organisations"),
        ("get", f"{prefix}/people"),
        ("get", f"{prefix}/rounds"),
        ("post", f"{prefix}/rounds"),
        ("post", f"{prefix}/rounds/{{round_id}}/answers"),
        ("post", f"{prefix}/rounds/{{round_id}}/submit"),
        ("get", f"{prefix}/rounds/{{round_id}}/results"),
        ("get", f"{prefix}/rounds/{{round_id}}/people/{{person_id}}"),
        ("get", f"{prefix}/analysis"),
        ("get", f"{prefix}/systems"),
        ("post", f"{prefix}/systems"),
        ("post", "/api/tokens"),
    } <= operations
    schemes = document["components"]["securitySchemes"]
    assert any(scheme.get("scheme") == "bearer" for scheme in schemes.values())
    assert client.get("/api/docs").status_code == 200


def test_the_system_schema_has_a_key_per_readiness_check_of_the_edition(client: Client) -> None:
    document = client.get("/api/openapi.json").json()
    properties = document["components"]["schemas"]["SystemIn"]["properties"]
    for check in current_edition().analysis.readiness_checks:
        assert properties[check.id] == {"default": False, "title": check.label, "type": "boolean"}


@pytest.mark.parametrize(
    ("team", "q"), [("\u00b2", ""), ("9" * 20, ""), ("", "sam\x00"), ("\x00", "\x00")]
)
def test_the_people_page_takes_any_filter_without_a_server_error(
    client_for: Callable[[str], Client], demo: Organisation, team: str, q: str
) -> None:
    """The filters the API refuses with a 400 ("²" is a digit to str.isdigit, not to int; a
    NUL is no PostgreSQL text) are ignored on the page, as any filter it does not know."""
    listed = client_for("owner").get(f"/o/{demo.slug}/people/", {"team": team, "q": q})
    assert listed.status_code == 200


# --- the people import on the People page -------------------------------------------------------


@pytest.fixture
def owner(client_for: Callable[[str], Client]) -> Client:
    return client_for("owner")


def upload(
    client: Client, slug: str, content: bytes, name: str = "people.csv", **extra: str
) -> Any:
    sheet = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(f"/o/{slug}/people/", {"file": sheet, **extra})


def people_state(organisation: Organisation) -> list[tuple[Any, ...]]:
    return list(
        Person.objects.filter(organisation=organisation)
        .order_by("id")
        .values_list("external_id", "name", "team_id", "active", "given_levels")
    )


def test_a_good_sheet_is_previewed_then_applied(owner: Client, demo: Organisation) -> None:
    before = people_state(demo)
    sheet = b"id,team,name\np0001,finance,Renamed Person\nnew-1,research,New Person\n"
    preview = upload(owner, demo.slug, sheet)
    assert preview.status_code == 200
    assert b"new-1" in preview.content
    assert people_state(demo) == before  # a preview saves nothing
    applied = upload(owner, demo.slug, sheet, action="apply")
    assert applied.status_code == 302
    assert Person.objects.get(organisation=demo, external_id="new-1").team.name == "research"  # type: ignore[union-attr]
    # the default mode is update: people missing from the sheet stay (sync deactivates them)
    assert Person.objects.get(organisation=demo, external_id="p0002").active is True


@pytest.mark.parametrize(
    ("sheet", "named"),
    [
        (b"id,name\nnew-1,New Person\n", ["row 1", "'team'"]),
        (b"team,name\nops,New Person\n", ["row 1", "'id'"]),
        (b"id,team,colour\nnew-1,ops,blue\n", ["row 1", "'colour'"]),
        (b"", ["the file is empty"]),
        (b"id,team\nnew-1,ops\nnew-2,\n", ["row 3", "'team'"]),
        (b"id,team\nnew-1,ops\nnew-1,ops\n", ["row 3", "'id'", "duplicate"]),
        (b"id,team,role\nnew-1,ops,astronaut\n", ["row 2", "'role'", "astronaut"]),
        (b"id,team,prompting\nnew-1,ops,9\n", ["row 2", "'prompting'", "'9'"]),
        (b"id,team,prompting\nnew-1,ops,high\nnew-2,ops,1\n", ["row 2", "'prompting'"]),
    ],
)
@pytest.mark.parametrize("action", ["preview", "apply"])
def test_a_malformed_sheet_is_a_400_naming_the_row_and_nothing_is_saved(
    owner: Client, demo: Organisation, sheet: bytes, named: list[str], action: str
) -> None:
    before = people_state(demo)
    teams = set(Team.objects.values_list("name", flat=True))
    refused = upload(owner, demo.slug, sheet, action=action)
    assert refused.status_code == 400
    text = refused.content.decode()
    for words in named:
        assert words.replace("'", "&#x27;") in text or words in text, (words, text[-3000:])
    assert people_state(demo) == before
    assert set(Team.objects.values_list("name", flat=True)) == teams


def test_a_broken_spreadsheet_is_a_400_and_nothing_is_saved(
    owner: Client, demo: Organisation
) -> None:
    before = people_state(demo)
    refused = upload(owner, demo.slug, b"PK\x03\x04 not really a workbook", name="people.xlsx")
    assert refused.status_code == 400
    assert b"not a CSV or XLSX file" in refused.content
    assert b"/tmp" not in refused.content
    assert people_state(demo) == before


def test_a_file_that_is_not_a_sheet_is_a_400_naming_the_file(
    owner: Client, demo: Organisation
) -> None:
    refused = upload(owner, demo.slug, b"id,team\n", name="people.exe")
    assert refused.status_code == 400
    assert b'id="file-error"' in refused.content
    assert b"people.exe" in refused.content


def test_an_oversized_upload_is_a_400_naming_the_limit_and_nothing_is_saved(
    owner: Client, demo: Organisation, settings: Any
) -> None:
    settings.MAX_UPLOAD_BYTES = 200
    before = people_state(demo)
    sheet = b"id,team,name\n" + b"".join(b"big-%03d,ops,Someone\n" % n for n in range(40))
    assert len(sheet) > 200
    for action in ("preview", "apply"):
        refused = upload(owner, demo.slug, sheet, action=action)
        assert refused.status_code == 400
        assert b'id="file-error"' in refused.content
        assert b"200-byte limit" in refused.content
    assert people_state(demo) == before


def test_a_tampered_preview_is_a_400_and_nothing_is_saved(
    owner: Client, demo: Organisation
) -> None:
    before = people_state(demo)
    refused = owner.post(f"/o/{demo.slug}/people/", {"sheet": "forged", "action": "apply"})
    assert refused.status_code == 400
    assert b"the preview expired or was changed" in refused.content
    assert people_state(demo) == before
