"""Reports: the PDF says what the JSON says, nothing is cut at a page edge, spreadsheets round-trip."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner
from weasyprint import HTML

from eaism.analysis.document import analysis_document
from eaism.analysis.report import analyse
from eaism.cli.app import app
from eaism.io.organisation import read_organisation
from eaism.model.loader import load_edition
from eaism.planning.document import training_document
from eaism.planning.training import training_plan
from eaism.reports.organisation_report import organisation_report_html
from eaism.reports.pdf import html_to_pdf
from eaism.reports.spreadsheet import analysis_sheets, csv_text, inert, workbook_bytes
from tests.conftest import ROOT

STORY = ROOT / "examples" / "organisations" / "level3-bottleneck.yaml"
ARTIFACTS = ROOT / "test-artifacts" / "reports"
KEPT_WHOLE = ("table", "figure", "svg")


def story() -> tuple[Any, dict[str, Any], dict[str, Any]]:
    loaded = read_organisation(STORY, lambda edition, overlays: load_edition(edition, overlays))
    document = analysis_document(loaded.edition, analyse(loaded.edition, loaded.organisation))
    training = training_document(training_plan(loaded.edition, loaded.organisation.people), False)
    return loaded.edition, document, training


@pytest.fixture(scope="module")
def report() -> tuple[dict[str, Any], str, bytes]:
    edition, document, training = story()
    html = organisation_report_html(edition, document, training, date(2026, 11, 28))
    return document, html, html_to_pdf(html)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_carries_what_the_json_says(report: tuple[dict[str, Any], str, bytes]) -> None:
    document, _, pdf = report
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    cli = json.loads(
        CliRunner().invoke(app, ["org", "analyze", str(STORY), "--format", "json"]).stdout
    )
    assert cli["stage"] == document["stage"]
    assert f"Stage {cli['stage']['number']}: {cli['stage']['name']}" in text
    for diagnostic in cli["diagnostics"]:
        assert flat(diagnostic["summary"]) in text, diagnostic["code"]
    for section in (
        "Executive summary",
        "Workforce by operating level",
        "Coverage",
        "Diagnostics",
        "Hiring plan",
        "Training plan",
        "AI systems: readiness and prototype debt",
        "Method",
    ):
        assert section in text
    assert f"{cli['workforce']['people']} people" in text


def test_no_chart_or_table_is_cut_across_a_page_edge(
    report: tuple[dict[str, Any], str, bytes],
) -> None:
    _, html, pdf = report
    pages_of: dict[int, set[int]] = {}
    for number, page in enumerate(HTML(string=html).render().pages):
        _collect(page._page_box, number, pages_of)
    assert pages_of, "the layout has charts and tables"
    assert all(len(pages) == 1 for pages in pages_of.values())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "organisation.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                str(ARTIFACTS / "organisation.pdf"),
                str(ARTIFACTS / "organisation"),
            ],
            check=True,
        )
        assert list(ARTIFACTS.glob("organisation-*.png"))


def _collect(box: Any, page: int, pages_of: dict[int, set[int]]) -> None:
    if (
        getattr(box, "element_tag", None) in KEPT_WHOLE
        and getattr(box, "element", None) is not None
    ):
        pages_of.setdefault(id(box.element), set()).add(page)
    for child in getattr(box, "children", None) or []:
        _collect(child, page, pages_of)


def test_the_spreadsheet_round_trips_with_identical_figures() -> None:
    _, document, training = story()
    workbook = load_workbook(io.BytesIO(workbook_bytes(analysis_sheets(document, training))))
    workforce = {
        row[0]: row[1] for row in workbook["Workforce"].iter_rows(min_row=2, values_only=True)
    }
    assert workforce == {
        int(level): count for level, count in document["workforce"]["by_level"].items()
    }
    heat = {
        row[0]: list(row[1:]) for row in workbook["Heatmap"].iter_rows(min_row=2, values_only=True)
    }
    assert heat == {
        d: [c[str(level)] for level in range(1, 6)] for d, c in document["heatmap"].items()
    }
    codes = [row[0] for row in workbook["Diagnostics"].iter_rows(min_row=2, values_only=True)]
    assert codes == [d["code"] for d in document["diagnostics"]]


def test_a_formula_in_a_name_comes_out_inert() -> None:
    sheets = {
        "People": (
            ["Name", "Level"],
            [['=HYPERLINK("http://example.invalid","x")', 3], ["@SUM(A1)", -1]],
        )
    }
    workbook = load_workbook(io.BytesIO(workbook_bytes(sheets)))
    cells = list(workbook["People"].iter_rows(min_row=2, values_only=True))
    assert cells == [('\'=HYPERLINK("http://example.invalid","x")', 3), ("'@SUM(A1)", -1)]
    assert csv_text(["Name"], [["+cmd"], ["-2"]]).splitlines() == ["Name", "'+cmd", "'-2"]
    assert inert(-2) == -2


def test_report_commands_write_every_format(tmp_path: Path) -> None:
    runner = CliRunner()
    for format in ("html", "pdf", "xlsx", "markdown"):
        out = tmp_path / f"report.{format}"
        result = runner.invoke(
            app, ["report", "org", str(STORY), "--format", format, "--out", str(out)]
        )
        assert result.exit_code == 0, result.stderr
        assert out.stat().st_size > 1000
    person = tmp_path / "person.pdf"
    files = [
        str(ROOT / "examples" / "responses" / name)
        for name in ("builder.json", "builder-reviewed.json")
    ]
    result = runner.invoke(
        app, ["report", "person", *files, "--format", "pdf", "--out", str(person)]
    )
    assert result.exit_code == 0, result.stderr
    assert "Operating level 2" in flat(PdfReader(person).pages[0].extract_text())
    missing_out = runner.invoke(app, ["report", "org", str(STORY), "--format", "pdf"])
    assert missing_out.exit_code == 2
    assert re.search("name the file to write", missing_out.stderr)


def test_the_stylesheet_reaches_the_page_unescaped(
    report: tuple[dict[str, Any], str, bytes],
) -> None:
    # Inside <style> HTML decodes no entities: an escaped quote would drop the page counter and
    # the font family, which WeasyPrint then ignores.
    _, html, _ = report
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert 'counter(page) " / " counter(pages)' in style
    assert '"DejaVu Sans"' in style
    assert "&#34;" not in style
