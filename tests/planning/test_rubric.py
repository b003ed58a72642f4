"""Hiring rubrics: one section per domain, the expected cell, anchors and questions."""

from __future__ import annotations

from eaism.model.loader import load_edition
from eaism.model.schema import Edition
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


def test_a_rubric_at_any_level_covers_every_domain_at_its_reachable_cell(
    any_edition: Edition,
) -> None:
    for level in any_edition.level_numbers:
        for role in any_edition.roles:
            result = rubric(any_edition, level, role.id)
            assert (result.level, result.level_name) == (level, any_edition.level(level).name)
            assert [section.domain for section in result.sections] == list(any_edition.domain_ids)
            for section in result.sections:
                domain = any_edition.domain(section.domain)
                reachable = [n for n in domain.applicable_levels if n <= level]
                assert section.applicable == bool(reachable)
                assert section.expected_level == (reachable[-1] if reachable else 0)
                if section.applicable:
                    assert section.meets.startswith(f"Level {section.expected_level}: ")
                    assert section.questions
                    assert section.evidence
            emphasised = {section.domain for section in result.sections if section.emphasis}
            assert emphasised == set(role.emphasis_domains) & set(any_edition.domain_ids)


def test_the_top_rubric_has_nothing_above_it(any_edition: Edition) -> None:
    top = max(any_edition.level_numbers)
    result = rubric(any_edition, top, any_edition.roles[0].id)
    for section in result.sections:
        assert section.exceeds == "Shapes the field beyond the organisation."
