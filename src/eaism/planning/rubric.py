"""Hiring rubrics: for a target level and role, what to expect in each domain and how to probe it."""

from __future__ import annotations

from dataclasses import dataclass

from eaism.model.schema import Domain, Edition, Reference


@dataclass(frozen=True)
class RubricSection:
    domain: str
    name: str
    applicable: bool  # false when the domain has no cell at or below the target level
    expected_level: int  # the cell a candidate should show: the highest one up to the target
    emphasis: bool  # one of the role's emphasis domains
    below: str  # what falls short
    meets: str
    exceeds: str
    questions: tuple[str, ...]
    evidence: tuple[str, ...]  # what to ask a candidate to show
    see_also: tuple[Reference, ...] = ()  # other frameworks' identifiers for the expected cell


@dataclass(frozen=True)
class Rubric:
    level: int
    level_name: str
    role: str
    role_name: str
    sections: tuple[RubricSection, ...]


def rubric(edition: Edition, level: int, role_id: str) -> Rubric:
    role = edition.role(role_id)
    sections = tuple(
        _section(edition, domain, level, domain.id in role.emphasis_domains)
        for domain in edition.domains
    )
    return Rubric(level, edition.level(level).name, role.id, role.name, sections)


def _section(edition: Edition, domain: Domain, level: int, emphasis: bool) -> RubricSection:
    reachable = [cell for cell in domain.applicable_levels if cell <= level]
    if not reachable:
        note = (
            " ".join(domain.cell(level).note.split())
            or f"{domain.name} has no cell at level {level}."
        )
        return RubricSection(domain.id, domain.name, False, 0, emphasis, "", note, "", (), ())
    expected = reachable[-1]
    below = [cell for cell in domain.applicable_levels if cell < expected]
    above = [cell for cell in domain.applicable_levels if cell > expected]
    cell = domain.cell(expected)
    return RubricSection(
        domain=domain.id,
        name=domain.name,
        applicable=True,
        expected_level=expected,
        emphasis=emphasis,
        below=_text(domain, below[-1]) if below else "No hands-on experience of this domain yet.",
        meets=_text(domain, expected),
        exceeds=_text(domain, above[0]) if above else "Shapes the field beyond the organisation.",
        questions=tuple(" ".join(question.split()) for question in cell.questions),
        evidence=tuple(
            " ".join(item.evidence_prompt.split()) for item in domain.items_at(expected)
        ),
        see_also=edition.crosswalk.references(domain.id, expected),
    )


def _text(domain: Domain, level: int) -> str:
    """A level's anchor: the cell's descriptor, then what its items say someone has done."""
    descriptor = " ".join(domain.cell(level).descriptor.split()).rstrip(".")
    shown = " ".join(" ".join(item.statement.split()) for item in domain.items_at(level))
    return f"Level {level}: {descriptor}. For example: {shown}"
