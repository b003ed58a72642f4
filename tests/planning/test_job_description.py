"""The job-description check on the example ads, and its rules on any text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.planning.job_description import check_job_description
from tests.conftest import ROOT

EDITION = load_edition()
ADS = ROOT / "examples" / "job-descriptions"


def codes(name: str) -> tuple[int, set[str], dict[str, int]]:
    check = check_job_description(EDITION, (ADS / name).read_text())
    return check.level, {flag.code for flag in check.flags}, check.domains


def test_a_prompt_engineer_ad_is_a_level_1_myth() -> None:
    level, flags, domains = codes("prompt-engineer.txt")
    assert level == 1
    assert "MYTH_PROMPT_ENGINEER_ROLE" in flags
    assert max(domains.values()) == 1


def test_a_senior_systems_title_over_api_calls_is_a_mismatch() -> None:
    level, flags, domains = codes("senior-systems-engineer-mismatch.txt")
    assert level == 2
    assert domains == {"apis_integration": 2}
    assert {"TITLE_CONTENT_MISMATCH", "MYTH_CHATBOT_EQUALS_MATURITY"} <= flags


def test_a_production_engineering_ad_reads_as_level_3() -> None:
    level, flags, domains = codes("systems-engineer.txt")
    assert level == 3
    for domain_id in (
        "apis_integration",
        "rag_retrieval",
        "evaluation",
        "observability",
        "security",
    ):
        assert domains[domain_id] == 3
    assert flags == set()


def test_every_match_cites_the_words_around_it() -> None:
    check = check_job_description(EDITION, (ADS / "systems-engineer.txt").read_text())
    assert all(match.phrase.lower() in match.excerpt.lower() for match in check.matches)
    assert check.title == "AI Systems Engineer"
    assert check.title_level == 3


@given(st.text(max_size=400))
def test_any_text_gives_a_level_within_what_its_domains_ask(
    any_edition: Edition, text: str
) -> None:
    check = check_job_description(any_edition, text)
    assert 0 <= check.level <= max(check.domains.values(), default=0)
    assert set(check.domains) <= set(any_edition.domain_ids)
    assert set(check.domains.values()) <= set(any_edition.level_numbers)


@given(st.data())
def test_an_ad_made_of_cells_keywords_reads_back_within_the_edition(
    any_edition: Edition, data: st.DataObject
) -> None:
    level = data.draw(st.sampled_from(any_edition.level_numbers))
    phrases = [
        keyword
        for domain in any_edition.domains
        for cell in domain.cells
        if cell.applicable and cell.level <= level
        for keyword in cell.keywords
    ]
    chosen = data.draw(st.lists(st.sampled_from(phrases), max_size=12))
    check = check_job_description(any_edition, "\n".join(f"- {phrase}." for phrase in chosen))
    assert set(check.domains) <= set(any_edition.domain_ids)
    assert all(found <= level for found in check.domains.values())
    assert 0 <= check.level <= level


@pytest.mark.parametrize(
    ("title", "level", "words"),
    [
        ("Senior .NET Developer", None, None),
        ("Staff Backend Engineer, Payments", None, None),
        ("Principal Data Engineer", None, None),
        ("Senior Prompt Engineer", 1, "Prompt Engineer"),
        ("MLOps Engineer", 3, "MLOps Engineer"),
        ("Director, Artificial Intelligence", 4, "Director, Artificial Intelligence"),
        (
            "Vice President of Artificial Intelligence",
            5,
            "Vice President of Artificial Intelligence",
        ),
    ],
)
def test_a_title_claims_by_its_role_words_never_by_seniority(
    title: str, level: int | None, words: str | None
) -> None:
    check = check_job_description(EDITION, "We build the booking software.", title=title)
    assert (check.title_level, check.title_words) == (level, words)
    mismatch = any(flag.code == "TITLE_CONTENT_MISMATCH" for flag in check.flags)
    assert mismatch == (level is not None)  # the text asks for nothing, so any claim is too high


def test_an_ad_with_no_ai_skill_says_so_and_each_empty_section_says_none() -> None:
    from eaism.planning.document import job_description_document
    from eaism.reports.planning_markdown import job_description_markdown

    text = "Senior .NET Developer\nWe build booking software in C# and run it on Azure.\n"
    document = job_description_document(EDITION, check_job_description(EDITION, text))
    assert document["recognised"] is False
    assert document["level_name"] is None
    markdown = job_description_markdown(document)
    assert "**No AI skill recognised** in the requirements; the title claims no level." in markdown
    assert "Domains asked for: none." in markdown
    assert markdown.count("None.") == 2  # flags and phrases
    assert "level 0" not in markdown


def test_levels_and_domains_are_shown_by_their_names() -> None:
    from eaism.planning.document import job_description_document
    from eaism.reports.planning_markdown import job_description_markdown

    text = (ADS / "senior-systems-engineer-mismatch.txt").read_text()
    document = job_description_document(EDITION, check_job_description(EDITION, text))
    markdown = job_description_markdown(document)
    assert "**level 2, AI Builder**" in markdown
    assert "| APIs & Integration | 2, AI Builder |" in markdown
    assert "apis_integration" not in markdown
