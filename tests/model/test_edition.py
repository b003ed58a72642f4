"""The bundled edition encodes the seed's matrix faithfully."""

from __future__ import annotations

from eaism.model.loader import bundled_editions, bundled_overlays
from eaism.model.schema import Edition

NOT_APPLICABLE = {
    ("rag_retrieval", 1),
    ("evaluation", 1),
    ("observability", 1),
    ("governance", 1),
    ("governance", 2),
}
DOMAIN_IDS = (
    "prompting",
    "apis_integration",
    "rag_retrieval",
    "evaluation",
    "observability",
    "security",
    "governance",
    "strategy",
)


def test_bundled_edition_and_overlay_are_listed() -> None:
    assert bundled_editions() == ["2026.1", "2026.2"]
    assert bundled_overlays() == ["agentic"]


def test_levels_have_the_seeds_names(edition: Edition) -> None:
    names = [level.name for level in edition.levels]
    assert names == [
        "AI Consumer",
        "AI Builder",
        "AI Systems Engineer",
        "AI Architect",
        "AI Transformation Leader",
    ]


def test_domains_are_the_eight_stable_ids_in_matrix_order(edition: Edition) -> None:
    assert edition.domain_ids == DOMAIN_IDS


def test_exactly_the_seeds_cells_are_not_applicable(edition: Edition) -> None:
    gaps = {
        (domain.id, cell.level)
        for domain in edition.domains
        for cell in domain.cells
        if not cell.applicable
    }
    assert gaps == NOT_APPLICABLE


def test_every_applicable_cell_has_one_to_three_items(edition: Edition) -> None:
    for domain in edition.domains:
        for cell in domain.cells:
            count = len(domain.items_at(cell.level))
            assert (1 <= count <= 3) if cell.applicable else count == 0, (domain.id, cell.level)


def test_the_full_item_bank_stays_within_the_length_budget(edition: Edition) -> None:
    assert 35 <= len(edition.item_index) <= 48


def test_items_name_practices_not_vendors(edition: Edition) -> None:
    vendors = ("openai", "chatgpt", "copilot", "azure", "bedrock", "vertex", "langchain", "gpt-")
    for item in edition.item_index.values():
        text = f"{item.statement} {item.evidence_prompt}".lower()
        assert not any(vendor in text for vendor in vendors), item.id


def test_defining_domains_follow_the_product_design(edition: Edition) -> None:
    defining = edition.scoring.defining_domains
    assert defining[3] == (
        "apis_integration",
        "rag_retrieval",
        "evaluation",
        "observability",
        "security",
    )
    assert defining[5] == ("governance", "strategy")


def test_hiring_sequence_puts_level_three_at_the_critical_phase(edition: Edition) -> None:
    critical = [phase.number for phase in edition.hiring_phases if phase.critical]
    assert critical == [3]
    assert [phase.target_level for phase in edition.hiring_phases] == [1, 2, 3, 4, 5]


def test_myths_carry_the_stable_codes(edition: Edition) -> None:
    codes = {myth.code for myth in edition.myths}
    assert codes == {
        "MYTH_PROMPT_ENGINEER_ROLE",
        "MYTH_PLATFORM_EQUALS_PRODUCTION",
        "MYTH_CHATBOT_EQUALS_MATURITY",
    }


def test_roles_cover_the_four_kinds(edition: Edition) -> None:
    assert {role.id for role in edition.roles} == {
        "software_engineer",
        "product_manager",
        "data_professional",
        "business_role",
    }
