"""Roster uploads on the page and the API: hostile sheets are refused quickly with a 400 that
names the limit, never a 500, and nothing is imported."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from eaism.web.organisations.models import Organisation
from tests.io import hostile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ATTACKS = [
    (
        lambda path: hostile.many_rows_xlsx(path, 2_000_000),
        "has more than 200,000 rows (EAISM_MAX_ROWS)",
    ),
    (
        lambda path: hostile.huge_string_xlsx(path, 200_000_000),
        "unpacks to more than 134,217,728 bytes (EAISM_MAX_XLSX_BYTES)",
    ),
    (lambda path: hostile.entity_xlsx(path, hostile.LAUGHS, "sheet"), "declares a document type"),
    (
        lambda path: hostile.entity_xlsx(path, hostile.EXTERNAL, "strings"),
        "declares a document type",
    ),
    (hostile.claimed_size_xlsx, "has more than 1,000 cells (EAISM_MAX_COLUMNS)"),
]
IDS = ["rows", "string", "laughs", "external", "dimension"]


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile("people.xlsx", path.read_bytes(), content_type=XLSX)


@pytest.mark.parametrize(("build", "expected"), ATTACKS, ids=IDS)
def test_the_api_refuses_a_hostile_xlsx_with_a_400_naming_the_limit(
    client_for: Callable[[str], Client],
    demo: Organisation,
    tmp_path: Path,
    build: object,
    expected: str,
) -> None:
    path = build(tmp_path / "people.xlsx")  # type: ignore[operator]
    start = time.perf_counter()
    answer = client_for("owner").post(
        f"/api/organisations/{demo.slug}/people/import", {"file": upload(path), "dry_run": "true"}
    )
    assert time.perf_counter() - start < 5
    assert answer.status_code == 400, answer.content
    assert expected in answer.json()["detail"]
    assert demo.people.count() == 291


@pytest.mark.parametrize(("build", "expected"), ATTACKS[:3], ids=IDS[:3])
def test_the_people_page_puts_the_refusal_on_the_file_field(
    client_for: Callable[[str], Client],
    demo: Organisation,
    tmp_path: Path,
    build: object,
    expected: str,
) -> None:
    path = build(tmp_path / "people.xlsx")  # type: ignore[operator]
    page = client_for("owner").post(
        f"/o/{demo.slug}/people/", {"file": upload(path), "mode": "update"}
    )
    assert page.status_code == 400
    assert escape(expected) in page.content.decode()
    assert demo.people.count() == 291


def test_an_unterminated_quote_in_an_upload_names_its_row(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    content = b'id,team,name,email,role\nn1,data,Ann,,\n"n2,data,Bo,,\n'
    answer = client_for("owner").post(
        f"/api/organisations/{demo.slug}/people/import",
        {"file": SimpleUploadedFile("people.csv", content, content_type="text/csv")},
    )
    assert answer.status_code == 400
    assert (
        "row 3: not a CSV or XLSX file: the file is not readable CSV: a quoted cell is never closed"
        in answer.json()["detail"]
    )
