"""The job-description check: which cells an ad really asks for, and whether its title agrees.

Deterministic and explainable: every domain's level comes from phrases of the edition's cell
vocabulary found in the text, and each one is reported with the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eaism.model.schema import Edition

CONTEXT = 40  # characters of the ad shown on each side of a matched phrase


@dataclass(frozen=True)
class Match:
    domain: str
    level: int
    phrase: str
    excerpt: str


@dataclass(frozen=True)
class Flag:
    code: str
    message: str


@dataclass(frozen=True)
class JobDescriptionCheck:
    title: str
    level: int  # the level the requirements add up to (0 when nothing matched)
    title_level: int | None  # the level the title claims, when it claims one
    title_words: str | None  # the words of the title that set that claim
    domains: dict[str, int]  # domain id -> the highest level the ad asks for
    matches: tuple[Match, ...]
    flags: tuple[Flag, ...]


def check_job_description(
    edition: Edition, text: str, title: str | None = None
) -> JobDescriptionCheck:
    title = title if title is not None else _first_line(text)
    matches = _matches(edition, text)
    domains: dict[str, int] = {}
    for match in matches:
        domains[match.domain] = max(domains.get(match.domain, 0), match.level)
    level = _level(domains, edition.job_descriptions.min_domains)
    title_level, title_words = _title_claim(edition, title)
    return JobDescriptionCheck(
        title,
        level,
        title_level,
        title_words,
        domains,
        matches,
        _flags(edition, text, title, level, (title_level, title_words), domains),
    )


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _phrase_key(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def _matches(edition: Edition, text: str) -> tuple[Match, ...]:
    cells: dict[str, list[tuple[str, int]]] = {}
    for domain in edition.domains:
        for cell in domain.cells:
            for keyword in cell.keywords:
                cells.setdefault(_phrase_key(keyword), []).append((domain.id, cell.level))
    if not cells:
        return ()
    # Longest phrases first, so "prompt template" wins over a shorter phrase inside it; spaces
    # and hyphens match each other, and a plural "s" or "es" is accepted.
    phrases = sorted(cells, key=len, reverse=True)
    alternatives = "|".join(r"[\s-]+".join(map(re.escape, phrase.split())) for phrase in phrases)
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?:e?s)?(?![\w-])", re.IGNORECASE)
    found = []
    for hit in pattern.finditer(text):
        excerpt = " ".join(text[max(0, hit.start() - CONTEXT) : hit.end() + CONTEXT].split())
        for domain_id, level in cells[_phrase_key(hit.group(1))]:
            found.append(Match(domain_id, level, " ".join(hit.group(1).split()), excerpt))
    return tuple(found)


def _level(domains: dict[str, int], min_domains: int) -> int:
    """The highest level asked for by at least `min_domains` domains (or by all, if fewer)."""
    needed = min(min_domains, len(domains))
    for level in range(5, 0, -1):
        if needed and sum(1 for asked in domains.values() if asked >= level) >= needed:
            return level
    return 0


def _title_claim(edition: Edition, title: str) -> tuple[int | None, str | None]:
    """The level the title's role words claim, and those words; seniority words claim nothing."""
    claims = []
    for claim in edition.job_descriptions.title_claims:
        found = re.search(claim.pattern, title, re.IGNORECASE)
        if found:
            claims.append((claim.level, found.group(0)))
    if not claims:
        return None, None
    return max(claims, key=lambda claim: claim[0])


def _flags(
    edition: Edition,
    text: str,
    title: str,
    level: int,
    claim: tuple[int | None, str | None],
    domains: dict[str, int],
) -> tuple[Flag, ...]:
    rules = edition.job_descriptions
    flags = []
    title_level, words = claim
    if title_level is not None and title_level > level:
        flags.append(
            Flag(
                "TITLE_CONTENT_MISMATCH",
                f'The title\'s words "{words}" claim level {title_level}, but the requirements '
                f"add up to level {level}.",
            )
        )
    prompting_only = (
        set(domains) <= {"prompting", "apis_integration"} and domains.get("prompting", 0) >= 1
    )
    if re.search(rules.prompt_engineer_pattern, title, re.IGNORECASE) or (
        prompting_only and level <= 1
    ):
        flags.append(Flag("MYTH_PROMPT_ENGINEER_ROLE", _myth(edition, "MYTH_PROMPT_ENGINEER_ROLE")))
    if re.search(rules.chatbot_pattern, text, re.IGNORECASE) and level < 3:
        flags.append(
            Flag("MYTH_CHATBOT_EQUALS_MATURITY", _myth(edition, "MYTH_CHATBOT_EQUALS_MATURITY"))
        )
    return tuple(flags)


def _myth(edition: Edition, code: str) -> str:
    myth = next(myth for myth in edition.myths if myth.code == code)
    return " ".join(f"Myth: {myth.claim} In fact: {myth.reality}".split())
