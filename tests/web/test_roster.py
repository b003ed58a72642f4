"""The roster import: modes, confirmations, undo, bad input, and who a deactivation shuts out."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from eaism.web.accounts.models import User
from eaism.web.audit.models import AuditEvent
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.demo import DEMO_PASSWORD
from eaism.web.organisations.models import ImportBatch, Organisation, Person, Team
from eaism.web.organisations.roster import apply_import, plan_import, undo_last_import
from eaism.web.organisations.roster_file import read_upload, sheet_of

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"


def csv_rows(*rows: str, header: str = "id,team,name,email,role") -> list[list[str]]:
    return sheet_of(("\n".join((header, *rows)) + "\n").encode(), ".csv")


def everyone(organisation: Organisation, but: int = 0) -> list[str]:
    """The organisation's people as a sheet's rows, without the last `but` of them."""
    people = list(organisation.people.select_related("team").order_by("external_id"))
    kept = people[: len(people) - but]
    return [f"{p.external_id},{p.team.name},{p.name},{p.email},{p.role}" for p in kept]


def plan(organisation: Organisation, rows: list[list[str]], mode: str = "update"):  # type: ignore[no-untyped-def]
    return plan_import(organisation, current_edition(), rows, mode)


def test_update_is_the_default_and_never_deactivates(demo: Organisation) -> None:
    rows = csv_rows("p0001,platform,Renamed Person,,business_role", "n1,new-team,New,n@x.example,")
    result = plan(demo, rows)
    assert result.mode == "update"
    assert [r.id for r in result.create] == ["n1"]
    assert [r.id for r in result.change] == ["p0001"]
    assert result.deactivate == ()
    assert result.teams == ("new-team",)
    summary = apply_import(demo, result)
    assert (summary.created, summary.updated, summary.deactivated, summary.teams_created) == (
        1,
        1,
        0,
        1,
    )
    assert demo.people.filter(active=True).count() == 292
    changed = Person.objects.get(organisation=demo, external_id="p0001")
    assert (changed.name, changed.team.name, changed.email) == ("Renamed Person", "platform", "")


def test_only_the_file_s_columns_change(demo: Organisation) -> None:
    before = Person.objects.get(organisation=demo, external_id="p0002")
    apply_import(demo, plan(demo, csv_rows("p0002,finance,Only The Name", header="id,team,name")))
    after = Person.objects.get(organisation=demo, external_id="p0002")
    assert after.name == "Only The Name"
    assert (after.role, after.title, after.given_levels) == (
        before.role,
        before.title,
        before.given_levels,
    )


def test_add_creates_new_people_only(demo: Organisation) -> None:
    result = plan(demo, csv_rows("p0001,platform,Renamed,,", "n1,legal,New,,"), "add")
    assert [r.id for r in result.create] == ["n1"]
    assert result.change == ()
    apply_import(demo, result)
    assert Person.objects.get(organisation=demo, external_id="p0001").name == "Person 1"


def test_sync_needs_the_count_confirmed_then_deactivates_with_names(demo: Organisation) -> None:
    result = plan(demo, csv_rows(*everyone(demo, but=3)), "sync")
    assert [(p.id, p.name) for p in result.deactivate] == [
        ("p0288", "Person 288"),
        ("p0289", "Person 289"),
        ("p0290", "Person 290"),
    ]
    assert not result.large
    for typed in ("", "2", "three"):
        with pytest.raises(InputError) as refused:
            apply_import(demo, result, confirm_deactivate=typed)
        assert refused.value.field == "confirm_deactivate"
        assert "type 3" in refused.value.message
    assert demo.people.filter(active=True).count() == 291
    summary = apply_import(demo, result, confirm_deactivate="3")
    assert summary.deactivated == 3
    assert not Person.objects.get(organisation=demo, external_id="p0290").active


def test_a_sync_deactivating_over_a_fifth_needs_a_second_confirmation(demo: Organisation) -> None:
    result = plan(demo, csv_rows(*everyone(demo, but=100)), "sync")
    assert len(result.deactivate) == 100
    assert result.large
    with pytest.raises(InputError) as refused:
        apply_import(demo, result, confirm_deactivate="100")
    assert refused.value.field == "confirm_large"
    assert "100 of 291 active people (34 %)" in refused.value.message
    assert demo.people.filter(active=True).count() == 291
    apply_import(demo, result, confirm_deactivate="100", confirm_large=True)
    assert demo.people.filter(active=True).count() == 191


def test_undo_restores_people_and_teams_as_they_were(demo: Organisation) -> None:
    rows = csv_rows(
        *[line for line in everyone(demo, but=5) if not line.startswith("p0001,")],
        "p0001,brand-new,Changed,c@x.example,",
        "n1,brand-new,N,,",
    )
    result = plan(demo, rows, "sync")
    apply_import(demo, result, confirm_deactivate=str(len(result.deactivate)))
    assert Team.objects.filter(organisation=demo, name="brand-new").exists()
    undo_last_import(demo)
    restored = Person.objects.get(organisation=demo, external_id="p0001")
    assert (restored.name, restored.team.name, restored.email) == ("Person 1", "customer-care", "")
    assert demo.people.filter(active=True).count() == 291
    assert not demo.people.filter(external_id="n1").exists()
    assert not Team.objects.filter(organisation=demo, name="brand-new").exists()
    with pytest.raises(InputError, match="no import to undo"):
        undo_last_import(demo)


@pytest.mark.parametrize(
    ("line", "column", "words"),
    [
        ("p0001,data,A,not-an-address,", "email", "'not-an-address' is not an e-mail address"),
        ("n1,data,A,a@x.example,emperor", "role", "'emperor' is not a role; expected one of"),
        (",data,A,,", "id", "every person needs an id"),
        ("n1,,A,,", "team", "every person needs a team"),
        ("n2,data,B,,\nn2,data,C,,", "id", "'n2' is a duplicate id (first on row 3)"),
    ],
)
def test_each_bad_cell_is_named_by_row_and_column(
    demo: Organisation, line: str, column: str, words: str
) -> None:
    result = plan(demo, csv_rows("n0,data,Fine,,", line))
    [error] = result.errors
    assert error.column == column
    assert words in error.message
    assert str(error).startswith(f"row {error.row}, column {column!r}: ")
    with pytest.raises(InputError):
        apply_import(demo, result)
    assert demo.people.count() == 291


def test_a_bad_level_is_named_with_the_allowed_levels(demo: Organisation) -> None:
    domain = current_edition().domains[0]
    result = plan(demo, csv_rows("n1,data,A,9", header=f"id,team,name,{domain.id}"))
    [error] = result.errors
    assert (error.row, error.column) == (2, domain.id)
    assert "'9' is not a level" in error.message
    assert "expected one of: 0" in error.message


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("people.csv", PNG, "not a CSV or XLSX file"),
        ("people.xlsx", b"id,team\n", "not a CSV or XLSX file"),
        ("people.csv", b"", "the file is empty"),
        ("people.csv", b"\n\n", "the file is empty"),
        ("people.png", PNG, "not a CSV or XLSX file"),
        ("people.csv", "id,team\nä,x\n".encode("latin-1"), "not UTF-8 text"),
    ],
)
def test_files_that_are_not_sheets_are_refused_on_the_page(
    client_for: Callable[[str], Client], demo: Organisation, name: str, content: bytes, words: str
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    page = client_for("owner").post(f"/o/{demo.slug}/people/", {"file": upload, "mode": "sync"})
    assert page.status_code == 400
    body = page.content.decode()
    assert words in body
    assert 'id="file-error"' in body
    assert "/tmp" not in body
    assert "Traceback" not in body
    assert demo.people.filter(active=True).count() == 291


class HugeFile(io.RawIOBase):
    """A 50 MB file that counts what is read from it."""

    size = 50 * 1024 * 1024

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        wanted = self.size - self.read_bytes if size < 0 else size
        self.read_bytes += wanted
        return b"a" * wanted


def test_a_50_mb_file_is_refused_before_it_is_read() -> None:
    huge = HugeFile()
    with pytest.raises(InputError) as refused:
        read_upload("people.csv", huge, huge.size, settings.MAX_UPLOAD_BYTES)  # type: ignore[arg-type]
    assert "52,428,800 bytes, over the" in refused.value.message
    assert huge.read_bytes == 0
    undeclared = HugeFile()
    with pytest.raises(InputError):
        read_upload("people.csv", undeclared, None, settings.MAX_UPLOAD_BYTES)  # type: ignore[arg-type]
    assert undeclared.read_bytes == settings.MAX_UPLOAD_BYTES + 1


def test_a_50_mb_upload_is_refused_by_the_api(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    upload = SimpleUploadedFile("people.csv", b"id,team\n" + b"x" * (50 * 1024 * 1024))
    answer = client_for("owner").post(
        f"/api/organisations/{demo.slug}/people/import", {"file": upload}
    )
    assert answer.status_code == 413  # the API's "too large", as its OpenAPI document declares
    assert answer.json()["field"] == "file"
    assert "limit" in answer.json()["detail"]


def test_the_page_previews_then_asks_for_each_confirmation_then_applies(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    content = ("id,team,name,email,role\n" + "\n".join(everyone(demo, but=80)) + "\n").encode()
    upload = SimpleUploadedFile("people.csv", content, content_type="text/csv")
    preview = owner.post(f"/o/{demo.slug}/people/", {"file": upload, "mode": "sync"})
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "0 to create, 0 to change, 80 to deactivate." in body
    assert "Deactivate p0290 (Person 290)" in body
    sheet = preview.context["sheet"]
    form = {"sheet": sheet, "mode": "sync", "action": "apply"}
    refused = owner.post(f"/o/{demo.slug}/people/", {**form, "confirm_deactivate": "8"})
    assert refused.status_code == 400
    assert 'id="confirm_deactivate-error"' in refused.content.decode()
    assert 'value="8"' in refused.content.decode()
    refused = owner.post(f"/o/{demo.slug}/people/", {**form, "confirm_deactivate": "80"})
    assert refused.status_code == 400
    assert 'id="confirm_large-error"' in refused.content.decode()
    assert demo.people.filter(active=True).count() == 291
    assert not ImportBatch.objects.exists()
    done = owner.post(
        f"/o/{demo.slug}/people/", {**form, "confirm_deactivate": "80", "confirm_large": "yes"}
    )
    assert done.status_code == 302
    listed = owner.get(f"/o/{demo.slug}/people/").content.decode()
    assert "0 created, 0 updated, 80 deactivated, 0 teams created." in listed
    assert AuditEvent.objects.get(action="people_imported").detail["deactivated"] == 80
    assert owner.post(f"/o/{demo.slug}/imports/undo/").status_code == 302
    assert demo.people.filter(active=True).count() == 291
    assert AuditEvent.objects.filter(action="people_import_undone").count() == 1
    assert "Undo the last import" not in owner.get(f"/o/{demo.slug}/people/").content.decode()


def test_a_sheet_with_errors_lists_them_and_applies_nothing(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    content = b"id,team,email\nn1,data,bad@\nn2,data,ok@x.example\nn1,data,\n"
    upload = SimpleUploadedFile("people.csv", content, content_type="text/csv")
    page = client_for("owner").post(f"/o/{demo.slug}/people/", {"file": upload, "action": "apply"})
    body = page.content.decode()
    assert page.status_code == 400
    assert "row 2, column &#x27;email&#x27;: &#x27;bad@&#x27; is not an e-mail address" in body
    assert "row 4, column &#x27;id&#x27;: &#x27;n1&#x27; is a duplicate id" in body
    assert "Apply the import" not in body
    assert demo.people.count() == 291


def test_a_deactivated_person_cannot_answer_or_sign_in(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: object
) -> None:
    member = client_for("member")
    rows = csv_rows(*[line for line in everyone(demo) if not line.startswith("p-member")])
    apply_import(demo, plan(demo, rows, "sync"), confirm_deactivate="1")
    assert member.get(f"/o/{demo.slug}/").status_code == 302  # the session no longer counts
    assert signs_in("member@demo.example") is False
    _, secret = _token("member@demo.example")
    answer = Client(headers={"Authorization": f"Bearer {secret}"}).post(
        f"/api/organisations/{demo.slug}/rounds/{demo_round.id}/answers",  # type: ignore[attr-defined]
        {"item_id": "prompting.l1.everyday_prompting", "value": 1},
        content_type="application/json",
    )
    assert answer.status_code == 403
    undo_last_import(demo)
    assert signs_in("member@demo.example") is True


def test_an_admin_whose_person_is_deactivated_still_signs_in(demo: Organisation) -> None:
    owner = User.objects.get(email="owner@demo.example")
    Person.objects.create(organisation=demo, external_id="o1", user=owner, active=False)
    assert signs_in("owner@demo.example") is True


def signs_in(email: str) -> bool:
    page = Client().post("/accounts/login/", {"username": email, "password": DEMO_PASSWORD})
    return page.status_code == 302


def _token(email: str) -> tuple[object, str]:
    from eaism.web.accounts.models import ApiToken

    return ApiToken.issue(User.objects.get(email=email), "test")


EXISTING = [f"e{n}" for n in range(8)]


@pytest.fixture
def small(db: None) -> Organisation:
    organisation = Organisation.objects.create(name="Small", slug="small")
    team = Team.objects.create(organisation=organisation, name="t")
    for number, person_id in enumerate(EXISTING):
        Person.objects.create(
            organisation=organisation,
            team=team,
            external_id=person_id,
            name=f"Name {number}",
            active=number % 3 != 0,
        )
    return organisation


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kept=st.sets(st.sampled_from(EXISTING)),
    renamed=st.sets(st.sampled_from(EXISTING)),
    new=st.sets(st.sampled_from([f"n{n}" for n in range(5)])),
)
def test_the_plan_rule(
    small: Organisation, kept: set[str], renamed: set[str], new: set[str]
) -> None:
    """update never deactivates; add never changes existing people; sync deactivates exactly
    the active people missing from the file; no mode creates someone who exists."""
    names = {p.external_id: p.name for p in small.people.all()}
    lines = [f"{pid},t,{names[pid] + ('!' if pid in renamed else '')}" for pid in sorted(kept)]
    rows = csv_rows(*lines, *[f"{pid},t,x" for pid in sorted(new)], header="id,team,name")
    active = set(small.people.filter(active=True).values_list("external_id", flat=True))
    plans = {mode: plan(small, rows, mode) for mode in ("add", "update", "sync")}
    assert plans["update"].deactivate == ()
    assert plans["add"].deactivate == ()
    assert plans["add"].change == ()
    assert {p.id for p in plans["sync"].deactivate} == active - kept
    for result in plans.values():
        assert {r.id for r in result.create} == new
    assert {r.id for r in plans["update"].change} == (kept & renamed) | (kept - active)
