"""Job-ad outlines from the rubric: checking one gives back its level, its title claims it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.planning.job_ad_outline import (
    PHRASES_PER_REQUIREMENT,
    JobAdOutline,
    OutlineSection,
    job_ad_outline,
    job_ad_outline_document,
    requirement_phrases,
)
from eaism.planning.job_description import check_job_description
from eaism.reports.job_ad_outline import job_ad_outline_html, job_ad_outline_markdown

EDITION = load_edition()
EVERY_OUTLINE = [(level.number, role.id) for level in EDITION.levels for role in EDITION.roles]


def test_checking_an_outline_gives_back_its_level(any_edition: Edition) -> None:
    for level in any_edition.level_numbers:
        for role in any_edition.roles:
            outline = job_ad_outline(any_edition, level, role.id)
            check = check_job_description(any_edition, job_ad_outline_markdown(outline))
            assert outline.title in check.title  # the first line, "# " and all
            assert check.level == level, (role.id, check.domains)
            assert check.title_level == outline.title_level
            assert [flag.code for flag in check.flags] == []
            assert {section.domain for section in outline.sections} <= set(any_edition.domain_ids)
            assert all(section.level <= level for section in outline.sections)


@pytest.mark.parametrize(("level", "role"), EVERY_OUTLINE)
def test_the_title_claims_the_level_except_where_no_title_can(level: int, role: str) -> None:
    # In 2026.1 only a prompt engineering title claims level 1, and it raises that myth, so a
    # level-1 outline's title claims no level; every other level's title claims it.
    outline = job_ad_outline(EDITION, level, role)
    assert outline.title_level == (None if level == 1 else level)
    assert EDITION.role(role).examples[0] in outline.title


def test_the_roles_emphasis_domains_come_first_and_inapplicable_ones_are_left_out() -> None:
    outline = job_ad_outline(EDITION, 1, "business_role")
    assert [section.domain for section in outline.sections] == [
        "prompting",
        "strategy",
        "security",
        "apis_integration",
    ]
    assert [section.emphasis for section in outline.sections] == [True, True, True, False]


def test_each_section_asks_for_its_cell_in_the_editions_words() -> None:
    outline = job_ad_outline(EDITION, 3, "software_engineer")
    evaluation = next(section for section in outline.sections if section.domain == "evaluation")
    assert evaluation.level == 3
    assert evaluation.responsibility == "Runs automated evaluation frameworks and benchmarks."
    assert evaluation.requirement == (
        "Experience with evaluation pipeline, evaluation framework and automated evaluation."
    )
    assert outline.summary == (
        "A backend engineer at level 3 of the Enterprise AI Skills Maturity Model, "
        "AI Systems Engineer. Scope of influence: product teams and the users they serve."
    )


def test_a_level_below_a_domains_first_cell_asks_for_the_highest_cell_up_to_it() -> None:
    outline = job_ad_outline(EDITION, 2, "data_professional")
    assert "governance" not in {section.domain for section in outline.sections}
    assert {section.level for section in outline.sections} == {2}


def test_the_document_is_the_outline_with_its_format() -> None:
    document = job_ad_outline_document(job_ad_outline(EDITION, 4, "product_manager"))
    assert document["format"] == "eaism.job-ad-outline/1"
    assert document["level_name"] == "AI Architect"
    assert document["title_level"] == 4
    assert document["sections"][0]["domain"] == "evaluation"


def test_the_html_escapes_what_it_shows() -> None:
    section = OutlineSection(
        "security", "Security & <Risk>", 3, True, "Stops <script>.", "A & B.", ()
    )
    outline = JobAdOutline(3, "AI Systems Engineer", "r", "R", 'T "<b>"', 3, "S <i>", (section,))
    page = job_ad_outline_html(outline)
    assert "<title>T &quot;&lt;b&gt;&quot;</title>" in page
    assert "<strong>Security &amp; &lt;Risk&gt;:</strong> Stops &lt;script&gt;." in page
    assert "A &amp; B." in page
    assert "S &lt;i&gt;" in page
    assert "<script" not in page
    assert "http" not in page


KEYWORD = st.text(alphabet="abcdefghij -", min_size=1, max_size=24).filter(str.strip)


@given(st.lists(KEYWORD, max_size=12).map(tuple))
def test_requirement_phrases_are_the_first_distinct_keywords_as_the_check_reads_them(
    keywords: tuple[str, ...],
) -> None:
    phrases = requirement_phrases(keywords)
    assert len(phrases) <= PHRASES_PER_REQUIREMENT
    lowered = [keyword.lower() for keyword in keywords]
    positions = [lowered.index(phrase.lower()) for phrase in phrases]  # case only changes
    assert positions == sorted(positions)
    if any(keyword.strip(" -") for keyword in keywords):
        assert phrases, "a cell with a keyword always names one"
