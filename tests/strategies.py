"""Hypothesis strategies drawn from an edition, so a property holds for whichever it is given."""

from __future__ import annotations

from hypothesis import strategies as st

from eaism.model.schema import ANSWER_VALUES, Edition
from eaism.scoring.answers import Answer

EVIDENCE = ("", "shipped to 2,000 users")


def item_ids(edition: Edition) -> tuple[str, ...]:
    return tuple(sorted(edition.item_index))


def answer_sets(
    edition: Edition, evidence: tuple[str, ...] = EVIDENCE
) -> st.SearchStrategy[dict[str, Answer]]:
    """Any answers to any of the edition's items, with or without evidence."""
    return st.dictionaries(
        st.sampled_from(item_ids(edition)),
        st.builds(Answer, st.sampled_from(ANSWER_VALUES), st.sampled_from(evidence)),
    )


def domain_levels(edition: Edition) -> st.SearchStrategy[dict[str, int]]:
    """A level for every domain that the domain has a cell for, or 0."""
    return st.fixed_dictionaries(
        {domain.id: st.sampled_from((0, *domain.applicable_levels)) for domain in edition.domains}
    )


def levels(edition: Edition) -> st.SearchStrategy[int]:
    """Any level of the edition, 0 (below the first) included."""
    return st.sampled_from((0, *edition.level_numbers))
