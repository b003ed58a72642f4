"""The compliance page, its downloads and its API: competence records built from the stored
inventory, answers and reviews; refresh on a system change; planned actions; names for owners
and admins only.

The demo's prod-01 is made a minimal-risk system, which edition 2026.1 asks of its overseers
evaluation 2 and security 2, and of its operators prompting 1 and security 1 (competence.yaml).
People are measured by answering every item of a domain up to a level, with evidence, then
submitting; their submission is dated ten days back where a test needs a change after it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.models import Answer, Response, Round
from eaism.web.assessments.reviews import review_domain
from eaism.web.assessments.rounds import close_round
from eaism.web.audit.models import AuditEvent
from eaism.web.edition import current_edition
from eaism.web.organisations.competence_store import competence_inputs
from eaism.web.organisations.involvements import add_involvement
from eaism.web.organisations.models import Organisation, Person, System

OVERSEER_NEEDS = {"evaluation": 2, "security": 2}


def measure(round_: Round, person: Person, levels: dict[str, int], days_ago: int = 10) -> None:
    """Answer every item of each domain up to its level as done, with evidence, and submit;
    the answers and the submission are then dated `days_ago` days back."""
    for domain_id, level in levels.items():
        for item in current_edition().domain(domain_id).items:
            if item.level <= level:
                evidence = f"Shipped: {item.id} in the claims service."
                save_answer(round_, person, parse_answer(item.id, 1, evidence))
    submit_response(round_, person)
    earlier = timezone.now() - timedelta(days=days_ago)
    Response.objects.filter(round=round_, person=person).update(submitted_at=earlier)
    Answer.objects.filter(response__round=round_, response__person=person).update(
        answered_at=earlier
    )


def person(demo: Organisation, person_id: str) -> Person:
    found = Person.objects.get(organisation=demo, external_id=person_id)
    found.role = ""  # every domain asked: no role's question set leaves one out
    found.save(update_fields=["role"])
    return found


@pytest.fixture
def minimal(demo: Organisation) -> System:
    system = System.objects.get(organisation=demo, system_id="prod-01")
    system.risk_class = "minimal"
    system.save(update_fields=["risk_class"])
    return system


def pack(client: Client, demo: Organisation) -> Any:
    response = client.get(f"/api/organisations/{demo.slug}/compliance")
    assert response.status_code == 200, response.content
    return response.json()


def records_of(document: Any, person_id: str) -> list[Any]:
    return [record for record in document["records"] if record["person"] == person_id]


def change_system(client: Client, system: System, **change: str) -> None:
    fields = ("system_id", "name", "kind", "status", "months_in_status", "users", "monthly_cost")
    form = {name: str(getattr(system, name)) for name in fields} | {
        "risk_class": system.risk_class,
        "model": system.model,
    }
    url = f"/o/{system.organisation.slug}/inventory/{system.system_id}/"
    assert client.post(url, form | change).status_code == 302


def test_levels_evidence_dates_and_submission_come_from_the_round(
    demo: Organisation, demo_round: Round, minimal: System
) -> None:
    overseer = person(demo, "p0001")
    add_involvement(minimal, "p0001", "oversee")
    measure(demo_round, overseer, OVERSEER_NEEDS)
    review_domain(demo_round, overseer, None, "security", 1, "only seen a pilot")
    inputs = competence_inputs(demo, demo_round)
    evidence = inputs.people["p0001"]
    ten_days_ago = timezone.localdate() - timedelta(days=10)
    assert (evidence.demonstrated["evaluation"], evidence.demonstrated["security"]) == (2, 2)
    assert evidence.reviewed == {"security": 1}
    assert evidence.evidence_at["evaluation"] == ten_days_ago
    assert "governance" not in evidence.evidence_at  # nothing answered there
    assert evidence.assessed_at == ten_days_ago
    assert evidence.kind == "employee"
    assert [(i.system_id, i.person_id, i.kind) for i in inputs.involvements] == [
        ("prod-01", "p0001", "oversee")
    ]
    assert inputs.max_age_months == 12


def test_a_reviewed_level_counts_over_the_demonstrated_one(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round, minimal: System
) -> None:
    overseer = person(demo, "p0001")
    add_involvement(minimal, "p0001", "oversee")
    measure(demo_round, overseer, OVERSEER_NEEDS)
    assert [r["status"] for r in records_of(pack(client_for("owner"), demo), "p0001")] == ["ok"]
    review_domain(demo_round, overseer, None, "security", 1, "only seen a pilot")
    [record] = records_of(pack(client_for("owner"), demo), "p0001")
    assert record["status"] == "gap"
    security = next(cell for cell in record["cells"] if cell["domain"] == "security")
    assert (security["demonstrated"], security["reviewed"], security["gap"]) == (2, 1, 1)


@pytest.mark.parametrize("change", [{"status": "retired"}, {"model": "vendor-model 5"}])
def test_a_status_or_model_change_marks_its_people_s_records_due(
    client_for: Callable[[str], Client],
    demo: Organisation,
    demo_round: Round,
    minimal: System,
    change: dict[str, str],
) -> None:
    owner = client_for("owner")
    for person_id, kind in (("p0001", "oversee"), ("p0002", "operate")):
        add_involvement(minimal, person_id, kind)
        measure(demo_round, person(demo, person_id), OVERSEER_NEEDS | {"prompting": 1})
    add_involvement(System.objects.get(system_id="pilot-01"), "p0002", "operate")
    before = pack(owner, demo)
    assert {r["status"] for r in before["records"] if r["system"] == "prod-01"} == {"ok"}
    change_system(owner, minimal, **change)
    after = pack(owner, demo)
    changed = [r for r in after["records"] if r["system"] == "prod-01"]
    assert [(r["status"], r["due_reason"]) for r in changed] == [
        ("due", "before_system_change")
    ] * 2
    # the same person's record for a system that did not change stays as it was
    [untouched] = [r for r in after["records"] if r["system"] == "pilot-01"]
    [earlier] = [r for r in before["records"] if r["system"] == "pilot-01"]
    assert untouched["status"] == earlier["status"]
    assert after["summary"]["due"]["before_system_change"] == 2


def test_a_renamed_system_keeps_its_records_current(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round, minimal: System
) -> None:
    owner = client_for("owner")
    add_involvement(minimal, "p0001", "oversee")
    measure(demo_round, person(demo, "p0001"), OVERSEER_NEEDS)
    change_system(owner, minimal, name="Returns assistant, renamed")
    assert [r["status"] for r in records_of(pack(owner, demo), "p0001")] == ["ok"]


def test_coverage_and_oversight_are_counted_from_the_stored_records(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round, minimal: System
) -> None:
    # By hand: p0001 oversees and meets evaluation 2, security 2 (ok); p0002 oversees with
    # security 0 (gap); p0003 operates and was never measured (due). Three involved people and
    # no one with every record ok, as p0001 also builds pilot-01, a high-risk system, without
    # the Level 3 cells that asks for: coverage 0. prod-01's oversight falls short (p0002);
    # pilot-01 is high-risk and has no overseer: short too.
    add_involvement(minimal, "p0001", "oversee")
    add_involvement(minimal, "p0002", "oversee")
    add_involvement(minimal, "p0003", "operate")
    System.objects.filter(system_id="pilot-01").update(risk_class="high")
    add_involvement(System.objects.get(system_id="pilot-01"), "p0001", "build")
    measure(demo_round, person(demo, "p0001"), OVERSEER_NEEDS)
    measure(demo_round, person(demo, "p0002"), {"evaluation": 2})
    document = pack(client_for("owner"), demo)
    summary = document["summary"]
    assert summary["people"]["involved"] == 3
    assert summary["people"]["covered"] == 0  # p0001's pilot-01 build record has gaps
    assert summary["coverage"] == 0
    statuses = {(r["person"], r["system"]): r["status"] for r in document["records"]}
    assert statuses == {
        ("p0001", "prod-01"): "ok",
        ("p0002", "prod-01"): "gap",
        ("p0003", "prod-01"): "due",
        ("p0001", "pilot-01"): "gap",
    }
    assert summary["by_status"] == {"ok": 1, "gap": 2, "due": 1}
    shortfalls = {s["system"]: s["reason"] for s in document["shortfalls"]}
    assert shortfalls == {"prod-01": "overseer_short", "pilot-01": "no_overseer"}
    # dropping the high-risk build record leaves p0001 with every record ok: coverage 1/3
    demo.systems.get(system_id="pilot-01").involvements.all().delete()
    again = pack(client_for("owner"), demo)["summary"]
    assert (again["people"]["covered"], again["coverage"]) == (1, 0.3333)  # rounded to 4 places


def test_a_planned_action_shows_on_the_page_and_in_the_json(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round, minimal: System
) -> None:
    owner = client_for("owner")
    add_involvement(minimal, "p0002", "oversee")
    measure(demo_round, person(demo, "p0002"), {"evaluation": 2})
    planned = owner.post(
        f"/o/{demo.slug}/compliance/",
        {"system": "prod-01", "person": "p0002", "kind": "training", "note": "Security cohort"},
    )
    assert planned.status_code == 302
    page = owner.get(f"/o/{demo.slug}/compliance/").content.decode()
    assert "Training cohort, planned" in page
    assert "Security cohort" in page
    [record] = records_of(pack(owner, demo), "p0002")
    [action] = record["actions"]
    assert (action["kind"], action["note"], action["outcome"]) == (
        "training",
        "Security cohort",
        "not_measured_yet",  # measured ten days before it was planned
    )
    assert action["planned_at"] == timezone.localdate().isoformat()
    event = AuditEvent.objects.get(action="competence_action_planned")
    assert (event.target, event.detail["kind"]) == ("prod-01: p0002", "training")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"system": "prod-01", "person": "p0002", "kind": "holiday"}, "expected one of: training"),
        ({"system": "nowhere", "person": "p0002", "kind": "mentor"}, "not a system"),
        ({"system": "prod-01", "person": "p0003", "kind": "mentor"}, "not listed for this system"),
        ({"system": "prod-01", "person": "p0002", "kind": "mentor", "note": "x" * 2001}, "at most"),
    ],
)
def test_a_wrong_action_is_named_and_nothing_is_planned(
    client_for: Callable[[str], Client],
    demo: Organisation,
    minimal: System,
    data: dict[str, str],
    words: str,
) -> None:
    add_involvement(minimal, "p0002", "oversee")
    refused = client_for("owner").post(f"/o/{demo.slug}/compliance/", data)
    assert refused.status_code == 400
    assert words in refused.content.decode()
    assert not minimal.actions.exists()


def test_an_analyst_sees_counts_and_never_a_name_or_person_id(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round, minimal: System
) -> None:
    involved = ("p0001", "p0002", "p0003")
    for person_id in involved:
        add_involvement(minimal, person_id, "oversee")
    measure(demo_round, person(demo, "p0001"), OVERSEER_NEEDS)
    names = list(Person.objects.filter(external_id__in=involved).values_list("name", flat=True))
    analyst = client_for("analyst")
    bodies = [
        analyst.get(f"/api/organisations/{demo.slug}/compliance").content.decode(),
        analyst.get(f"/o/{demo.slug}/compliance/?format=json").content.decode(),
        analyst.get(f"/o/{demo.slug}/compliance/").content.decode(),
    ]
    for body in bodies:
        leaked = [word for word in (*involved, *names) if word in body]
        assert not leaked, leaked
    document = json.loads(bodies[0])
    assert document["records"] is None
    assert document["names"] is False
    # three involved people, fewer than the demo's minimum group size of 5: withheld
    assert document["summary"]["people"]["covered"] is None
    assert "summary.people.covered" in document["withheld"]
    assert not AuditEvent.objects.filter(action="competence_records_viewed").exists()
    owner = pack(client_for("owner"), demo)
    assert {r["person"] for r in owner["records"]} == set(involved)
    assert AuditEvent.objects.filter(action="competence_records_viewed").count() == 1


def test_the_json_download_is_the_api_document_and_with_names_is_audited(
    client_for: Callable[[str], Client], demo: Organisation, minimal: System
) -> None:
    add_involvement(minimal, "p0001", "oversee")
    owner = client_for("owner")
    download = owner.get(f"/o/{demo.slug}/compliance/?format=json")
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="{demo.slug}-compliance.json"'
    assert json.loads(download.content) == pack(owner, demo)
    assert AuditEvent.objects.filter(action="export_downloaded", target="compliance.json").exists()
    client_for("analyst").get(f"/o/{demo.slug}/compliance/?format=json")
    assert AuditEvent.objects.filter(action="export_downloaded").count() == 1


def test_an_unknown_format_or_round_is_refused(
    client_for: Callable[[str], Client], demo: Organisation, other_organisation: Organisation
) -> None:
    owner = client_for("owner")
    wrong = owner.get(f"/o/{demo.slug}/compliance/?format=docx")
    assert wrong.status_code == 400
    assert "expected one of: pdf, xlsx, json" in wrong.content.decode()
    other_round = other_organisation.rounds.get().id
    assert owner.get(f"/o/{demo.slug}/compliance/?round={other_round}").status_code == 404
    api = owner.get(f"/api/organisations/{demo.slug}/compliance?round={other_round}")
    assert api.status_code == 404


def test_the_inputs_take_a_few_queries_whatever_the_number_of_people(
    demo: Organisation,
    demo_round: Round,
    minimal: System,
    django_assert_max_num_queries: Any,
) -> None:
    for person_id in ("p0001", "p0002"):
        add_involvement(minimal, person_id, "oversee")
        measure(demo_round, person(demo, person_id), OVERSEER_NEEDS)
    for system in demo.systems.all():
        for number in range(3, 40):
            add_involvement(system, f"p{number:04d}", "operate")
    with django_assert_max_num_queries(8):
        inputs = competence_inputs(demo, demo_round)
    assert len(inputs.people) == 39
    assert len(inputs.involvements) == 2 + 13 * 37


def test_analysts_read_closed_rounds_only_so_one_submission_never_moves_their_counts(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round, minimal: System
) -> None:
    for number in range(1, 8):
        add_involvement(minimal, f"p{number:04d}", "oversee")
    analyst = client_for("analyst")
    url = f"/api/organisations/{demo.slug}/compliance"
    assert analyst.get(f"{url}?round={demo_round.id}").status_code == 403  # still open
    assert analyst.get(f"/o/{demo.slug}/compliance/?round={demo_round.id}").status_code == 403
    before = analyst.get(url).json()  # no closed round yet: no one measured
    measure(demo_round, person(demo, "p0001"), OVERSEER_NEEDS)
    assert analyst.get(url).json() == before  # the open round's submission does not show
    close_round(demo_round)
    closed = analyst.get(url).json()
    assert closed["summary"]["people"]["involved"] == 7
    # p0001's record is the only one ok: one is below the group size, withheld, and so is the
    # count of the others, which would give it away by subtraction; no gaps is no one's result
    assert closed["summary"]["by_status"] == {"ok": None, "gap": 0, "due": None}
    assert closed != before


def test_the_pdf_and_the_workbook_hold_the_pack(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round, minimal: System
) -> None:
    add_involvement(minimal, "p0002", "oversee")
    measure(demo_round, person(demo, "p0002"), {"evaluation": 2})
    owner = client_for("owner")
    pdf = owner.get(f"/o/{demo.slug}/compliance/?format=pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert "Harbor Retail" in text
    assert "Article 26(2)" in text
    sheet = owner.get(f"/o/{demo.slug}/compliance/?format=xlsx")
    assert sheet["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(sheet.content), read_only=True)
    cells = {
        str(value)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for value in row
    }
    assert "p0002" in cells
    downloads = AuditEvent.objects.filter(action="export_downloaded").values_list(
        "target", flat=True
    )
    assert sorted(downloads) == ["compliance.pdf", "compliance.xlsx"]


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
