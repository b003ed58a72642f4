"""An organisation raises the required cells above its edition's, on the compliance page and
through the API: the records, the figures and the document count the higher level.

Edition 2026.1 asks of a minimal-risk system's overseers evaluation 2 and security 2; evaluation
has cells at 2 to 5, governance at 3 to 5 only (competence.yaml, the domain files).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eaism.analysis.competence import INVOLVEMENTS, RISK_CLASSES, effective_requirements
from eaism.web.assessments.models import Round
from eaism.web.audit.models import AuditEvent
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.competence_store import competence_inputs
from eaism.web.organisations.involvements import add_involvement
from eaism.web.organisations.models import CompetenceRequirement, Organisation, System
from eaism.web.organisations.requirements import raise_requirement
from tests.web.test_compliance import OVERSEER_NEEDS, measure, pack, person, records_of

RAISE = {
    "action": "add",
    "involvement": "oversee",
    "risk_class": "minimal",
    "domain": "evaluation",
    "level": "3",
    "why": "Our claims models are audited yearly",
}


@pytest.fixture
def minimal(demo: Organisation) -> System:
    system = System.objects.get(organisation=demo, system_id="prod-01")
    system.risk_class = "minimal"
    system.save(update_fields=["risk_class"])
    return system


@pytest.fixture
def overseer_ok(demo: Organisation, demo_round: Round, minimal: System) -> None:
    """p0001 oversees prod-01 and holds exactly the edition's cells: an ok record."""
    add_involvement(minimal, "p0001", "oversee")
    measure(demo_round, person(demo, "p0001"), OVERSEER_NEEDS)


def url(demo: Organisation) -> str:
    return f"/o/{demo.slug}/compliance/requirements/"


def evaluation_cell(record: Any) -> Any:
    return next(cell for cell in record["cells"] if cell["domain"] == "evaluation")


def oversee_minimal(document: Any) -> Any:
    return next(
        q
        for q in document["requirements"]
        if (q["involvement"], q["risk_class"]) == ("oversee", "minimal")
    )


@pytest.mark.usefixtures("overseer_ok")
def test_a_raised_cell_turns_an_ok_record_into_a_gap_in_the_page_and_the_json(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    assert [r["status"] for r in records_of(pack(owner, demo), "p0001")] == ["ok"]
    raised = owner.post(url(demo), RAISE)
    assert raised.status_code == 302
    assert raised["Location"] == f"/o/{demo.slug}/compliance/#requirements-heading"
    document = pack(owner, demo)
    [record] = records_of(document, "p0001")
    assert record["status"] == "gap"
    cell = evaluation_cell(record)
    assert (cell["required"], cell["demonstrated"], cell["gap"]) == (3, 2, 1)
    requirement = oversee_minimal(document)
    assert requirement["cells"] == {"evaluation": 3, "security": 2}
    assert requirement["raised"] == ["evaluation"]
    page = owner.get(f"/o/{demo.slug}/compliance/").content.decode()
    assert "Evaluation 3 (raised)" in page
    assert "Our claims models are audited yearly" in page
    # the download is the same document
    download = owner.get(f"/o/{demo.slug}/compliance/?format=json").json()
    assert records_of(download, "p0001")[0]["status"] == "gap"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            {"domain": "governance", "level": "2"},
            "level",
            "governance has no cell at level 2; its levels are 3, 4, 5",
        ),
        (
            {"level": "2"},
            "level",
            "the edition already asks for Evaluation 2 here; a raised requirement must be higher",
        ),
        ({"level": "1"}, "level", "evaluation has no cell at level 1"),
        ({"domain": "cooking"}, "domain", "&#x27;cooking&#x27; is not a domain"),
        ({"risk_class": "huge"}, "risk_class", "is not a risk class"),
        ({"involvement": "watch"}, "involvement", "is not a kind of involvement"),
        ({"level": "three"}, "level", "is not a level"),
        ({"why": "  "}, "why", "say why"),
    ],
)
def test_a_refused_cell_is_named_next_to_its_field_with_the_input_kept(
    client_for: Callable[[str], Client],
    demo: Organisation,
    change: dict[str, str],
    field: str,
    words: str,
) -> None:
    refused = client_for("owner").post(url(demo), RAISE | change)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert words in page
    assert f'name="{field}"' in page
    # the message sits right after the field at fault, which points to it
    field_tag = page[page.index(f'name="{field}"') :]
    assert field_tag.index('aria-describedby="requirement-error"') < field_tag.index(">")
    assert 'value="Our claims models are audited yearly"' in page or field == "why"
    assert "<main" in page  # the site's layout, not a bare text page
    assert not CompetenceRequirement.objects.exists()
    assert not AuditEvent.objects.filter(action="competence_requirement_raised").exists()


@pytest.mark.usefixtures("overseer_ok")
def test_removing_a_raised_cell_restores_the_edition_s_level_and_both_are_audited(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    assert owner.post(url(demo), RAISE).status_code == 302
    removed = owner.post(
        url(demo),
        {
            "action": "remove",
            "involvement": "oversee",
            "risk_class": "minimal",
            "domain": "evaluation",
        },
    )
    assert removed.status_code == 302
    assert not CompetenceRequirement.objects.exists()
    document = pack(owner, demo)
    assert [r["status"] for r in records_of(document, "p0001")] == ["ok"]
    assert oversee_minimal(document)["raised"] == []
    events = AuditEvent.objects.filter(action__startswith="competence_requirement_")
    assert [
        (e.action, e.target, e.actor.email, e.detail["level"]) for e in events.order_by("id")
    ] == [
        ("competence_requirement_raised", "oversee minimal: evaluation", "owner@demo.example", 3),
        ("competence_requirement_removed", "oversee minimal: evaluation", "owner@demo.example", 3),
    ]
    again = owner.post(
        url(demo),
        {"action": "remove", **{k: RAISE[k] for k in ("involvement", "risk_class", "domain")}},
    )
    assert again.status_code == 400
    assert "not a requirement this organisation raised" in again.content.decode()


def test_raising_a_cell_again_sets_its_new_level(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    assert owner.post(url(demo), RAISE).status_code == 302
    assert (
        owner.post(url(demo), RAISE | {"level": "4", "why": "Now yearly and external"}).status_code
        == 302
    )
    [entry] = CompetenceRequirement.objects.all()
    assert (entry.level, entry.why) == (4, "Now yearly and external")


@pytest.mark.parametrize("role", ["analyst", "manager", "reviewer", "member"])
def test_only_owners_and_admins_raise_or_remove(
    client_for: Callable[[str], Client], demo: Organisation, role: str
) -> None:
    client = client_for(role)
    assert client.post(url(demo), RAISE).status_code == 403
    api = f"/api/organisations/{demo.slug}/compliance/requirements"
    body = {k: v for k, v in RAISE.items() if k != "action"} | {"level": 3}
    assert client.post(api, body, content_type="application/json").status_code == 403
    assert not CompetenceRequirement.objects.exists()


@pytest.mark.usefixtures("overseer_ok")
def test_the_api_raises_and_removes_a_cell_as_the_page_does(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    api = f"/api/organisations/{demo.slug}/compliance/requirements"
    body = {k: v for k, v in RAISE.items() if k != "action"} | {"level": 3}
    created = owner.post(api, body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["level"] == 3
    assert records_of(pack(owner, demo), "p0001")[0]["status"] == "gap"
    lower = owner.post(api, body | {"level": 2}, content_type="application/json")
    assert lower.status_code == 400
    assert lower.json()["field"] == "level"
    query = "involvement=oversee&risk_class=minimal&domain=evaluation"
    assert owner.delete(f"{api}?{query}").status_code == 204
    assert records_of(pack(owner, demo), "p0001")[0]["status"] == "ok"
    missing = owner.delete(f"{api}?{query}")
    assert (missing.status_code, missing.json()["field"]) == (400, "domain")


LEVELS = st.integers(min_value=0, max_value=6)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    involvement=st.sampled_from(INVOLVEMENTS),
    risk_class=st.sampled_from(RISK_CLASSES),
    domain_index=st.integers(min_value=0, max_value=50),
    level=LEVELS,
)
def test_a_cell_is_kept_exactly_when_it_is_a_cell_above_the_edition_s_and_then_it_counts(
    involvement: str, risk_class: str, domain_index: int, level: int
) -> None:
    edition = current_edition()
    domain = edition.domain_ids[domain_index % len(edition.domain_ids)]
    base = edition.competence.required(involvement, risk_class).get(domain, 0)
    allowed = level in edition.domain(domain).applicable_levels and level > base
    with transaction.atomic():
        organisation = Organisation.objects.create(name="Raised", slug="raised")
        if not allowed:
            with pytest.raises(InputError) as refused:
                raise_requirement(organisation, involvement, risk_class, domain, level, "why")
            assert refused.value.field == "level"
        else:
            raise_requirement(organisation, involvement, risk_class, domain, level, "why")
            raised = competence_inputs(organisation, None).raised
            [effective] = [
                entry
                for entry in effective_requirements(edition, raised)
                if (entry.involvement, entry.risk_class) == (involvement, risk_class)
            ]
            assert effective.cells[domain] == level
            assert domain in effective.raised
        transaction.set_rollback(True)
