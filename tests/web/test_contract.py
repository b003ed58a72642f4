"""The API keeps its OpenAPI contract: schemathesis against a live server, for every role.

Each role gets its own copy of the demo organisation (teams, people, systems, an open round with
submitted answers and the member's draft, a closed round) and its own bearer token; anonymous
calls send none. Every operation is called with generated valid and invalid requests, and each
answer must be no server error, a status the document declares, of the declared content type,
and a body that fits the declared schema; invalid requests must be refused. Path parameters are
drawn from the organisation's real ids as often as from random ones, so the operations are
reached past their 404s.

The operations are driven with `APIOperation.as_strategy` and hypothesis rather than
`@schema.parametrize()`: the lazy schema that a live server needs (`schemathesis.pytest.
from_fixture`) fails under pytest 9 in schemathesis 4.32.5, and one test per role loads the
organisation once for all its operations instead of once per operation.
"""

from __future__ import annotations

import json
from typing import Any

import hypothesis.strategies as st
import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from pytest_django.live_server_helper import LiveServer
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.schemas import OpenApiSchema

from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.models import Round
from eaism.web.edition import current_edition
from eaism.web.organisations.demo import DEMO_PASSWORD, load_demo
from eaism.web.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    Person,
    Role,
    System,
)

ITEM = "prompting.l1.everyday_prompting"
ROLES = ("owner", "admin", "analyst", "manager", "reviewer", "member", "anonymous")
SUBMITTED = ("p0001", "p0002", "p0003", "p0004", "p0005", "p0006")
# Examples per operation and role: enough to reach each error path, few enough that the module
# stays within about two minutes on two cores.
EXAMPLES = 10
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 2026,
        "generation": {"database": "none"},
        "checks": {
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
            "response_headers_conformance": {"enabled": True},
            "negative_data_rejection": {"enabled": True},
            # A request the schema allows may still break a rule of the data (an item of
            # another edition, a closed round): a documented 400 naming the field, not a fault.
            "positive_data_acceptance": {"enabled": False},
        },
    }
)


def submitted_answers(round_: Round, person: Person, level: int) -> None:
    for item_id, item in current_edition().item_index.items():
        if item.level <= level:
            save_answer(round_, person, parse_answer(item_id, 1, "shipped to production"))
    submit_response(round_, person)


@pytest.fixture
def organisation(transactional_db: None) -> Organisation:
    """The demo with answers: six people submitted, the member has a draft, one round closed."""
    demo = load_demo()
    round_ = demo.rounds.get(status="open")
    for number, external_id in enumerate(SUBMITTED):
        person = Person.objects.get(organisation=demo, external_id=external_id)
        submitted_answers(round_, person, 1 + number % 3)
    member = Person.objects.get(organisation=demo, external_id="p-member")
    save_answer(round_, member, parse_answer("prompting.l1.everyday_prompting", 1, ""))
    admin = User.objects.create_user("admin@demo.example", DEMO_PASSWORD)
    Membership.objects.create(user=admin, organisation=demo, role=Role.ADMIN)
    Person.objects.create(
        organisation=demo, team=member.team, external_id="p-admin", name="Ada Admin", user=admin
    )
    Round.objects.create(organisation=demo, name="Spring 2026", status=Round.Status.CLOSED)
    return demo


@pytest.fixture
def api_schema(live_server: LiveServer) -> OpenApiSchema:
    return schemathesis.openapi.from_url(f"{live_server.url}/api/openapi.json", config=CONFIG)


def known_values(organisation: Organisation) -> dict[str, tuple[Any, ...]]:
    """The organisation's real ids, for the path and query parameters of the same names."""
    return {
        "slug": (organisation.slug,),
        "round_id": tuple(organisation.rounds.values_list("id", flat=True)),
        "round": tuple(organisation.rounds.values_list("id", flat=True)),
        "person_id": ("p-member", *SUBMITTED[:2]),
    }


def cases(operation: APIOperation, known: dict[str, tuple[Any, ...]]) -> st.SearchStrategy[Case]:
    """Valid and invalid requests, half of them with the organisation's real ids in the path
    (and query), so that the operations are reached past their 404s."""
    path = [p.name for p in operation.path_parameters if p.name in known]
    query = [p.name for p in operation.query if p.name in known]
    combinations = [
        (
            {name: known[name][index % len(known[name])] for name in path},
            {name: known[name][index % len(known[name])] for name in query},
        )
        for index in range(3)
    ]
    strategies = [operation.as_strategy(mode) for mode in MODES]
    if path or query:
        strategies += [
            st.sampled_from(combinations).flatmap(
                lambda fixed, mode=mode: operation.as_strategy(
                    mode, path_parameters=fixed[0] or None, query=fixed[1] or None
                )
            )
            for mode in MODES
        ]
    return st.one_of(strategies)


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_keeps_its_contract(
    api_schema: OpenApiSchema,
    organisation: Organisation,
    role: str,
    subtests: pytest.Subtests,
) -> None:
    headers = token_headers(role)
    known = known_values(organisation)
    for result in api_schema.get_all_operations():
        assert isinstance(result, Ok), f"the document has an invalid operation: {result.err()}"
        operation = result.ok()
        with subtests.test(operation.label):

            @given(case=cases(operation, known))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def keeps_its_contract(case: Case) -> None:
                case.call_and_validate(headers=headers)

            keeps_its_contract()


def token_headers(role: str) -> dict[str, str]:
    if role == "anonymous":
        return {}
    _, secret = ApiToken.issue(User.objects.get(email=f"{role}@demo.example"), "contract")
    return {"Authorization": f"Bearer {secret}"}


# --- the document declares every error, and each kind of error answers as declared ----------


@pytest.fixture
def document(client: Client) -> dict[str, Any]:
    served = client.get("/api/openapi.json")
    assert served.status_code == 200
    return dict(served.json())


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]


def test_every_operation_declares_its_errors_with_the_error_body(document: dict[str, Any]) -> None:
    for method, path, operation in operations(document):
        declared = {int(status) for status in operation["responses"]}
        has_input = bool(operation.get("parameters") or operation.get("requestBody"))
        expected = {401} | ({400} if has_input else set()) | ({404} if "{" in path else set())
        if method in {"post", "put", "delete"}:
            expected.add(403)  # a session call without its CSRF header, at least
        assert expected <= declared, f"{method.upper()} {path} declares only {sorted(declared)}"
        for status in declared - {200, 201, 204}:
            schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
            assert "ErrorOut" in json.dumps(schema), f"{method.upper()} {path} {status}: {schema}"


def test_the_error_body_is_one_shape(document: dict[str, Any]) -> None:
    error = document["components"]["schemas"]["ErrorOut"]
    assert error["required"] == ["detail"]
    assert set(error["properties"]) == {"detail", "field"}


def test_request_constraints_are_declared(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    answer = schemas["AnswerIn"]["properties"]
    assert answer["value"]["enum"] == [0.0, 0.25, 0.5, 1.0]
    assert "prompting.l1.everyday_prompting" in answer["item_id"]["enum"]
    assert answer["evidence"]["maxLength"] == 4000
    system = schemas["SystemIn"]["properties"]
    assert system["kind"]["enum"][0] == "chatbot"
    assert (system["success_rate"]["anyOf"][0]["minimum"], system["users"]["minimum"]) == (0, 0)
    rounds = document["paths"]["/api/organisations/{slug}/rounds/{round_id}/results"]["get"]
    round_id = next(p for p in rounds["parameters"] if p["name"] == "round_id")["schema"]
    assert (round_id["minimum"], round_id["maximum"]) == (1, 2**63 - 1)


ORG = "/api/organisations/harbor-retail"
ROUND = f"{ORG}/rounds/{{round}}"
LATER = "2030-01-01T00:00:00"  # no time zone
EPOCH = 1893456000  # seconds, not a date and time
HUGE = 2**40  # over a PostgreSQL integer
ERRORS = [
    # (role, method, path, body, status, field): one request per kind of error
    ("member", "post", f"{ROUND}/answers", {"item_id": ITEM, "value": 0.3}, 400, "value"),
    ("member", "post", f"{ROUND}/answers", b"{item_id: ", 400, "body"),  # not JSON
    ("member", "post", f"{ROUND}/answers", {"item_id": ITEM, "value": True}, 400, "value"),
    ("owner", "post", f"{ROUND}/invitations", "everyone", 400, "body"),  # invited everyone
    ("owner", "get", f"{ORG}/rounds/{2**64}/results", None, 400, "round_id"),  # overflowed
    ("owner", "get", "/api/organisations/harbor%00retail/systems", None, 400, "slug"),
    ("owner", "get", f"{ORG}/people?q=a%00b", None, 400, "q"),  # PostgreSQL text has no NUL
    ("owner", "get", f"{ORG}/people?team=%C2%B2", None, 400, "team"),  # "²" is a digit to str
    ("owner", "get", f"{ORG}/people?sort=secret", None, 400, "sort"),  # was ignored
    (
        "owner",
        "post",
        f"{ORG}/systems",
        {"system_id": "x", "name": "x", "users": HUGE},
        400,
        "users",
    ),
    ("owner", "post", f"{ORG}/rounds", {"name": "Later", "closes_at": EPOCH}, 400, "closes_at"),
    ("owner", "post", f"{ORG}/rounds", {"name": "Later", "closes_at": LATER}, 400, "closes_at"),
    ("anonymous", "get", f"{ORG}/systems", None, 401, None),
    ("anonymous", "post", f"{ROUND}/submit", None, 403, None),  # no token, so CSRF
    ("member", "get", f"{ORG}/systems", None, 403, None),
    ("owner", "post", f"{ROUND}/answers", {"item_id": ITEM, "value": 1}, 403, None),  # no person
    ("owner", "get", "/api/organisations/elsewhere/systems", None, 404, None),
    ("owner", "get", f"{ORG}/rounds/777/response-rates", None, 404, None),
]


@pytest.mark.parametrize(("role", "method", "path", "body", "status", "field"), ERRORS)
def test_each_kind_of_error_answers_its_declared_status_and_body(
    demo: Organisation,
    document: dict[str, Any],
    settings: Any,
    role: str,
    method: str,
    path: str,
    body: Any,
    status: int,
    field: str | None,
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    before = (Invitation.objects.count(), Round.objects.count(), System.objects.count())
    url = path.format(round=demo.rounds.get(status="open").id)
    client = Client(enforce_csrf_checks=True, headers=token_headers(role))
    if body is None:
        answered = getattr(client, method)(url)
    elif isinstance(body, bytes):
        answered = getattr(client, method)(url, body, content_type="application/json")
    else:
        answered = getattr(client, method)(url, json.dumps(body), content_type="application/json")
    assert answered.status_code == status, answered.content
    assert answered["Content-Type"] == "application/json; charset=utf-8"
    error = answered.json()
    assert error["detail"]
    assert error.get("field") == field
    assert set(error) <= {"detail", "field"}
    assert str(status) in declared_responses(document, method, url)
    assert (Invitation.objects.count(), Round.objects.count(), System.objects.count()) == before


def test_a_body_over_the_limit_is_a_413_naming_the_body(
    demo: Organisation, document: dict[str, Any], settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    url = f"/api/organisations/{demo.slug}/teams"
    answered = Client(headers=token_headers("owner")).post(
        url, {"name": "x" * 2000}, content_type="application/json"
    )
    assert answered.status_code == 413
    assert answered.json()["field"] == "body"
    assert "413" in declared_responses(document, "post", url)
    assert not demo.teams.filter(name__startswith="xx").exists()


def test_a_file_over_the_upload_limit_is_a_413_naming_the_file(
    demo: Organisation, settings: Any
) -> None:
    settings.MAX_UPLOAD_BYTES = 100
    sheet = SimpleUploadedFile("people.csv", b"id,team\n" + b"n1,data\n" * 50)
    answered = Client(headers=token_headers("owner")).post(
        f"/api/organisations/{demo.slug}/people/import", {"file": sheet}
    )
    assert answered.status_code == 413
    assert answered.json()["field"] == "file"
    assert "100-byte limit" in answered.json()["detail"]


def declared_responses(document: dict[str, Any], method: str, url: str) -> dict[str, Any]:
    """The responses the document declares for the operation that `url` reaches."""
    path = url.split("?")[0].split("/")
    for template, methods in document["paths"].items():
        parts = template.split("/")
        same = len(parts) == len(path) and all(
            part.startswith("{") or part == given for part, given in zip(parts, path, strict=True)
        )
        if same and method in methods:
            return dict(methods[method]["responses"])
    raise AssertionError(f"no operation {method.upper()} {url} in the document")
