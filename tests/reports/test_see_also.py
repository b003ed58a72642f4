"""The rubric and the personal report show a cell's references to other frameworks."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from eaism.io.responses import load_responses
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.planning.document import rubric_document
from eaism.planning.rubric import rubric
from eaism.reports.person_markdown import person_markdown
from eaism.reports.person_report import person_report_html
from eaism.reports.planning_markdown import rubric_markdown
from eaism.reports.rubric_html import rubric_html
from eaism.reports.see_also import see_also_html, see_also_markdown
from eaism.scoring.document import person_document
from eaism.scoring.profile import score_person
from tests.conftest import ROOT

ATTACK_VECTORS = "http://data.europa.eu/esco/skill/501537a7-9d63-491d-ae02-09f04767ff1e"


@pytest.fixture(scope="module")
def edition() -> Edition:
    return load_edition("2026.1")


def builder_document(edition: Edition) -> dict:
    loaded, responses = load_responses(
        [ROOT / "examples" / "responses" / "builder.json"], lambda *_: edition
    )
    result = score_person(loaded, responses, datetime(2026, 6, 1, tzinfo=UTC), None)
    return person_document(loaded, result)


def test_esco_references_are_links_and_the_others_text() -> None:
    references = [
        {"framework": "esco", "id": ATTACK_VECTORS, "label": "attack vectors"},
        {"framework": "nist_ai_rmf", "id": "MEASURE 2.7", "label": "Security <and> resilience"},
    ]
    assert see_also_markdown(references) == (
        f"See also: ESCO [attack vectors]({ATTACK_VECTORS}); NIST AI RMF MEASURE 2.7"
        " (Security <and> resilience)."
    )
    assert see_also_html(references) == (
        f'<p class="see-also">See also: ESCO <a href="{ATTACK_VECTORS}">attack vectors</a>;'
        " NIST AI RMF MEASURE 2.7 (Security &lt;and&gt; resilience).</p>\n"
    )
    assert see_also_markdown([]) == ""
    assert see_also_html([]) == ""


def test_the_rubric_carries_the_expected_cell_s_references(edition: Edition) -> None:
    sections = {
        section.domain: section for section in rubric(edition, 3, "software_engineer").sections
    }
    assert [ref.id for ref in sections["security"].see_also] == [
        ATTACK_VECTORS,
        "http://data.europa.eu/esco/skill/d3e9b00a-0891-4fa8-836d-8240ec3d2758",
        "MEASURE 2.7",
        "MEASURE 2.10",
        "15-1212.00",
    ]
    document = rubric_document(rubric(edition, 3, "software_engineer"))
    assert f"See also: ESCO [attack vectors]({ATTACK_VECTORS});" in rubric_markdown(document)
    assert f'<a href="{ATTACK_VECTORS}">attack vectors</a>' in rubric_html(document)


def test_a_cell_without_references_shows_no_see_also_line(edition: Edition) -> None:
    document = rubric_document(rubric(edition, 2, "software_engineer"))
    rag = next(section for section in document["sections"] if section["domain"] == "rag_retrieval")
    assert not rag["see_also"]
    text = rubric_markdown(document)
    rag_part = text.split("## RAG & Retrieval")[1].split("## ")[0]
    assert "See also" not in rag_part


def test_the_personal_report_shows_the_reached_cells_references(edition: Edition) -> None:
    document = builder_document(edition)
    assert document["domains"]["security"]["level"] == 2
    assert [ref["id"] for ref in document["domains"]["security"]["see_also"]] == [
        "http://data.europa.eu/esco/skill/e5beeff8-7c98-490a-ae2c-16fbb6a87305"
    ]
    text = person_markdown(document)
    assert "## See also" in text
    assert (
        "- **Security** (level 2): ESCO [manage keys for data protection]"
        "(http://data.europa.eu/esco/skill/e5beeff8-7c98-490a-ae2c-16fbb6a87305)"
    ) in text
    html = person_report_html(edition, document, None, date(2026, 6, 1))
    assert "<h2>See also</h2>" in html
    assert "O*NET 15-1252.00 (Software Developers)" in html


def test_a_document_without_references_renders_without_the_section(edition: Edition) -> None:
    document = builder_document(edition)
    for domain in document["domains"].values():
        domain.pop("see_also")  # as stored before crosswalks existed
    assert "See also" not in person_markdown(document)
    assert "See also" not in person_report_html(edition, document, None, date(2026, 6, 1))
