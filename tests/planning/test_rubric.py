"""Hiring rubrics: one section per domain, the expected cell, anchors and questions."""

from __future__ import annotations

from eaism.model.loader import load_edition
from eaism.planning.rubric import rubric

EDITION = load_edition()


def test_a_level_3_rubric_covers_every_domain_at_its_level_3_cell() -> None:
    result = rubric(EDITION, 3, "software_engineer")
    assert [section.domain for section in result.sections] == list(EDITION.domain_ids)
    for section in result.sections:
        assert section.applicable
        assert section.expected_level == 3
        assert section.meets.startswith("Level 3: ")
        assert section.below.startswith("Level ") or section.domain == "governance"
        assert section.exceeds.startswith("Level 4: ")
        assert len(section.questions) >= 2
        assert section.evidence


def test_a_level_1_rubric_marks_the_domains_without_a_level_1_cell() -> None:
    result = rubric(EDITION, 1, "business_role")
    not_applicable = {section.domain for section in result.sections if not section.applicable}
    assert not_applicable == {"rag_retrieval", "evaluation", "observability", "governance"}


def test_the_roles_emphasis_domains_are_marked() -> None:
    result = rubric(EDITION, 3, "data_professional")
    emphasised = {section.domain for section in result.sections if section.emphasis}
    assert emphasised == set(EDITION.role("data_professional").emphasis_domains)
