"""The competence evidence pack: the PDF says what the JSON says, nothing is cut at a page edge,
long lists are bounded, and the workbook holds every record."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner
from weasyprint import HTML

from eaism.analysis.competence import (
    CompetenceInputs,
    Involvement,
    PersonEvidence,
    competence_pack,
    compliance_document,
)
from eaism.analysis.organisation import System
from eaism.cli.app import app
from eaism.io.organisation import read_organisation
from eaism.model.loader import load_edition
from eaism.reports.compliance_report import (
    RECORD_ROWS,
    compliance_report_html,
    compliance_sheets,
)
from eaism.reports.spreadsheet import workbook_bytes
from tests.conftest import ROOT
from tests.reports.test_documents import _collect, flat

EXAMPLE = ROOT / "examples" / "organisations" / "compliance.yaml"
AS_OF = date(2026, 6, 30)


def cli_json(*options: str) -> dict[str, Any]:
    result = CliRunner().invoke(
        app,
        [
            "report",
            "compliance",
            str(EXAMPLE),
            "--format",
            "json",
            "--as-of",
            "2026-06-30",
            *options,
        ],
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def pdf_text(pdf: bytes) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def pages_split(html: str) -> list[set[int]]:
    pages_of: dict[int, set[int]] = {}
    for number, page in enumerate(HTML(string=html).render().pages):
        _collect(page._page_box, number, pages_of)
    assert pages_of
    return [pages for pages in pages_of.values() if len(pages) > 1]


@pytest.mark.parametrize("names", [True, False])
def test_the_pdf_carries_what_the_json_says(tmp_path: Path, names: bool) -> None:
    option = "--names" if names else "--no-names"
    document = cli_json(option)
    out = tmp_path / "pack.pdf"
    result = CliRunner().invoke(
        app,
        [
            "report",
            "compliance",
            str(EXAMPLE),
            "--format",
            "pdf",
            "--out",
            str(out),
            "--as-of",
            "2026-06-30",
            option,
        ],
    )
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out.read_bytes())
    summary = document["summary"]
    assert f"{summary['records']} records for {summary['people']['involved']} people" in text
    assert f"Oversight falls short at {summary['oversight_shortfalls']} systems" in text
    for shortfall in document["shortfalls"]:
        assert shortfall["name"] in text
    for reference in document["references"]:
        assert reference["id"] in text
        assert reference["date"] in text
    assert "does not replace, the organisation's own legal assessment" in text
    if names:
        assert "Coverage, people with a current record and no gap: 40% (4 of 10 people)" in text
        for record in document["records"]:
            if record["status"] != "ok":
                assert f"{record['name']} ({record['person']})" in text
    else:
        assert "no gap: withheld (the share of the 10 people involved)" in text
        for name in ("Hugo Brandt", "Iris Vale", "p08"):
            assert name not in text


def test_no_table_is_cut_across_a_page_edge_even_with_many_records() -> None:
    edition = load_edition("2026.1")
    systems = tuple(System(f"s{n:03}", f"System {n}", risk_class="high") for n in range(60))
    people = {
        f"p{n:04}": PersonEvidence(
            f"p{n:04}", f"Person {n}", "employee", {}, {}, {}, date(2026, 1, 1)
        )
        for n in range(300)
    }
    involvements = tuple(
        Involvement(systems[n % 60].id, person, ("build", "operate", "oversee")[n % 3])
        for n, person in enumerate(people)
    )
    pack = competence_pack(edition, CompetenceInputs(systems, people, involvements), AS_OF)
    document = compliance_document(edition, pack, True, 5)
    html = compliance_report_html(edition, document, AS_OF)
    assert pages_split(html) == []
    text = pdf_text(HTML(string=html).write_pdf())
    left = len(pack.records) - RECORD_ROWS
    assert f"{left} more records with a gap or due are in the XLSX and JSON downloads" in text
    assert "Person 299 (p0299)" not in text or left <= 0


def test_the_example_pack_is_not_cut_either() -> None:
    loaded = read_organisation(EXAMPLE, lambda e, o: load_edition(e, o), strict=True)
    pack = competence_pack(loaded.edition, loaded.competence, AS_OF)
    for names in (True, False):
        document = compliance_document(loaded.edition, pack, names, 5)
        assert pages_split(compliance_report_html(loaded.edition, document, AS_OF)) == []


def test_the_workbook_holds_every_record_with_the_json_figures() -> None:
    document = cli_json("--names")
    workbook = load_workbook(io.BytesIO(workbook_bytes(compliance_sheets(document))))  # type: ignore[arg-type]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Records"] == document["summary"]["records"]
    assert summary["Coverage"] == document["summary"]["coverage"]
    records = {
        (row[0], row[1], row[4])
        for row in workbook["Records"].iter_rows(min_row=2, values_only=True)
    }
    assert records == {(r["system"], r["person"], r["involvement"]) for r in document["records"]}
    outcomes = [row[7] for row in workbook["Actions"].iter_rows(min_row=2, values_only=True)]
    assert sorted(outcomes) == ["closed", "not_measured_yet", "open"]
    without = compliance_sheets(cli_json())  # type: ignore[arg-type]
    assert "Records" not in without
    assert "Actions" not in without


def test_a_changed_system_shows_as_due_in_the_pack() -> None:
    loaded = read_organisation(EXAMPLE, lambda e, o: load_edition(e, o), strict=True)
    systems = tuple(
        replace(s, changed_at=date(2026, 6, 15)) if s.id == "doc-search" else s
        for s in loaded.competence.systems
    )
    pack = competence_pack(loaded.edition, replace(loaded.competence, systems=systems), AS_OF)
    document = compliance_document(loaded.edition, pack, True, 5)
    assert document["records"] is not None
    doc_search = [r for r in document["records"] if r["system"] == "doc-search"]
    assert {r["status"] for r in doc_search} == {"due"}
    assert {r["due_reason"] for r in doc_search if r["person"] == "p03"} == {"before_system_change"}
