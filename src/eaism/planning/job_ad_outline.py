"""A job-ad outline written from the rubric: what `eaism jd write` prints for a level and role.

Every responsibility is a cell's descriptor and every requirement weaves in the cell's own
`keywords`, the phrases `eaism jd check` reads, so checking an outline gives back its level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eaism.model.schema import Edition, Role
from eaism.planning.job_description import check_job_description
from eaism.planning.rubric import RubricSection, rubric

if TYPE_CHECKING:
    from eaism.planning.document_types import JobAdOutlineDocument, OutlineSectionEntry

# Titles employers give AI roles, tried after the level's own name when that name claims
# another level, or none, under the edition's title claims (2026.1's "AI Builder" claims nothing,
# "AI Application Developer" claims level 2). None is a prompt-engineering title: that raises
# the myth. In 2026.1 only "Prompt Engineer" claims level 1, so a level-1 outline keeps the
# level's name, "AI Consumer", and its title claims no level.
EMPLOYER_TITLES = (
    "AI Application Developer",
    "AI Engineer",
    "AI Platform Architect",
    "Head of AI",
    "VP of AI Transformation",
)
PHRASES_PER_REQUIREMENT = 3
STEM = 3  # letters of each word compared to tell variants apart: "retry", "retries"; "eval"
LINKING_WORDS = frozenset({"a", "an", "as", "for", "of", "on", "or", "the", "to", "versus", "vs"})
# The edition writes its phrases in lower case for matching; an ad writes these in capitals.
ACRONYMS = {
    "ai": "AI",
    "api": "API",
    "db": "DB",
    "kpi": "KPI",
    "llm": "LLM",
    "llmops": "LLMOps",
    "mvp": "MVP",
    "okr": "OKR",
    "pii": "PII",
    "rag": "RAG",
    "roi": "ROI",
}


@dataclass(frozen=True)
class OutlineSection:
    domain: str
    name: str
    level: int  # the cell the ad asks for: the domain's highest one up to the outline's level
    emphasis: bool  # one of the role's emphasis domains
    responsibility: str  # the cell's descriptor
    requirement: str  # a sentence that asks for the phrases
    phrases: tuple[str, ...]  # the cell's keywords that the requirement names


@dataclass(frozen=True)
class JobAdOutline:
    level: int
    level_name: str
    role: str
    role_name: str
    title: str
    title_level: int | None  # the level the title's role words claim under the edition
    summary: str
    sections: tuple[OutlineSection, ...]  # emphasis domains first; inapplicable ones left out


def job_ad_outline(edition: Edition, level: int, role_id: str) -> JobAdOutline:
    role = edition.role(role_id)
    named = edition.level(level)
    title, title_level = _title(edition, level, role)
    # The level's scope, not its impact: level 1's impact says what it does not reach ("across
    # the organisation"), words an ad uses when it asks for more.
    summary = (
        f"A {_family(role).lower()} at level {level} of the {edition.title}, {named.name}. "
        f"Scope of influence: {named.scope.lower()}."
    )
    applicable = [
        section for section in rubric(edition, level, role_id).sections if section.applicable
    ]
    ordered = sorted(applicable, key=lambda section: _emphasis_rank(role, section))
    sections = tuple(_section(edition, section) for section in ordered)
    return JobAdOutline(
        level, named.name, role.id, role.name, title, title_level, summary, sections
    )


def job_ad_outline_document(outline: JobAdOutline) -> JobAdOutlineDocument:
    return {
        "format": "eaism.job-ad-outline/1",
        "level": outline.level,
        "level_name": outline.level_name,
        "role": outline.role,
        "role_name": outline.role_name,
        "title": outline.title,
        "title_level": outline.title_level,
        "summary": outline.summary,
        "sections": [_section_entry(section) for section in outline.sections],
    }


def _section_entry(section: OutlineSection) -> OutlineSectionEntry:
    return {
        "domain": section.domain,
        "name": section.name,
        "level": section.level,
        "emphasis": section.emphasis,
        "responsibility": section.responsibility,
        "requirement": section.requirement,
        "phrases": list(section.phrases),
    }


def _title(edition: Edition, level: int, role: Role) -> tuple[str, int | None]:
    """The first title whose role words claim `level` and raise no myth; else the level's name."""
    family = _family(role)
    candidates = [f"{words} ({family})" for words in (edition.level(level).name, *EMPLOYER_TITLES)]
    for title in candidates:
        check = check_job_description(edition, title, title)
        myths = [flag for flag in check.flags if flag.code.startswith("MYTH_")]
        if check.title_level == level and not myths:
            return title, level
    return candidates[0], check_job_description(edition, candidates[0], candidates[0]).title_level


def _family(role: Role) -> str:
    """The role as a job title names it: its first example, such as "Product manager"."""
    return role.examples[0] if role.examples else role.name


def _emphasis_rank(role: Role, section: RubricSection) -> int:
    emphasis = role.emphasis_domains
    return emphasis.index(section.domain) if section.domain in emphasis else len(emphasis)


def _section(edition: Edition, section: RubricSection) -> OutlineSection:
    cell = edition.domain(section.domain).cell(section.expected_level)
    phrases = requirement_phrases(cell.keywords)
    return OutlineSection(
        domain=section.domain,
        name=section.name,
        level=section.expected_level,
        emphasis=section.emphasis,
        responsibility=_prose(cell.descriptor),
        requirement=f"Experience with {_series(phrases)}." if phrases else "",
        phrases=phrases,
    )


def requirement_phrases(keywords: tuple[str, ...]) -> tuple[str, ...]:
    """The keywords a requirement names: the first ones that are not variants of one chosen.

    A variant has the same word stems in any order, or a few more or fewer of them: "board
    risk", "board-level risk" and "board-level AI risk" are one requirement, not three.
    """
    chosen: list[str] = []
    seen: list[frozenset[str]] = []
    for keyword in keywords:
        words = set(re.findall(r"[a-z0-9]+", keyword.lower()))
        words = words - LINKING_WORDS or words
        stems = frozenset(word[:STEM] for word in words)
        if not stems or any(stems <= other or other <= stems for other in seen):
            continue
        seen.append(stems)
        chosen.append(_written(keyword))
        if len(chosen) == PHRASES_PER_REQUIREMENT:
            break
    return tuple(chosen)


def _written(keyword: str) -> str:
    return re.sub(r"[a-z]+", lambda word: ACRONYMS.get(word.group(0), word.group(0)), keyword)


def _series(phrases: tuple[str, ...]) -> str:
    return phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"


def _prose(text: str) -> str:
    """A folded YAML text as one line that ends with a full stop."""
    line = " ".join(text.split())
    return line if line.endswith(".") else f"{line}."
