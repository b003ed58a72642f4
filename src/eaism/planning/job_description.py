"""The job-description check: which cells an ad really asks for, and whether its title agrees.

Deterministic and explainable: every domain's level comes from phrases of the edition's
vocabulary found in the ad, each counted in the sense its sentence gives it and reported with
the words around it (`job_ad_reading`). The title claims a level by its role words only; the
myths are read from the sentences that show their belief (`job_ad_myths`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from eaism.model.schema import Edition
from eaism.planning.job_ad_myths import belief_spans, beliefs, myth_flags
from eaism.planning.job_ad_reading import (
    Flag,
    Match,
    Sentences,
    find_matches,
    mentions_ai,
    reporting_spans,
)

__all__ = ["Flag", "JobDescriptionCheck", "Match", "Suggestion", "check_job_description"]

LATIN_SHARE = 0.5  # below this share of Latin letters, an ad is taken to be in another script


@dataclass(frozen=True)
class Suggestion:
    """An edit that brings the ad to the level its title claims: a phrase to add or to drop."""

    action: Literal["add", "drop"]
    phrase: str
    domain: str
    level: int


@dataclass(frozen=True)
class JobDescriptionCheck:
    title: str
    level: int  # the level the requirements add up to (0 when no AI skill was recognised)
    title_level: int | None  # the level the title claims, when it claims one
    title_words: str | None  # the words of the title that set that claim
    domains: dict[str, int]  # domain id -> the highest level the ad asks for
    matches: tuple[Match, ...]
    flags: tuple[Flag, ...]
    suggestions: tuple[Suggestion, ...] = ()


def check_job_description(
    edition: Edition, text: str, title: str | None = None
) -> JobDescriptionCheck:
    """Read an ad; without `title`, its first line is the title and is not read as a requirement."""
    if title is None:
        title, text = _split_title(text)
    sentences = Sentences(text)
    title_level, title_words = _title_claim(edition, title)
    shown = beliefs(edition, title, title_level, sentences)
    skipped = belief_spans(edition, sentences) + reporting_spans(edition, sentences)
    title_is_ai = mentions_ai(edition, title)
    matches = find_matches(edition, sentences, title_is_ai, skipped)
    domains: dict[str, int] = {}
    for match in matches:
        domains[match.domain] = max(domains.get(match.domain, 0), match.level)
    level = _level(edition, matches, domains)
    flags = (
        *_mismatch(edition, level, title_level, title_words),
        *myth_flags(edition, shown, level),
        *_language(text, matches),
    )
    suggestions = _suggestions(edition, matches, domains, level, title_level, title_is_ai)
    return JobDescriptionCheck(
        title, level, title_level, title_words, domains, matches, flags, suggestions
    )


def _split_title(text: str) -> tuple[str, str]:
    """The first line that has words, as the title (a Markdown heading's marks left out)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip():
            return line.strip().lstrip("#").strip(), "\n".join(lines[index + 1 :])
    return "", ""


def _level(edition: Edition, matches: tuple[Match, ...], domains: dict[str, int]) -> int:
    """The highest level asked for in enough places: in enough sentences, by enough different
    phrases. An ad that asks for AI skills in more than one sentence asks for the lowest level
    at least; one passing mention is not an AI job.

    The reasons for the numbers are in the edition's job_descriptions.yaml.
    """
    numbers = sorted(level.number for level in edition.levels)
    for level in reversed(numbers):
        if _places(edition, [match for match in matches if match.level >= level]) <= 0:
            return level
    return numbers[0] if len({match.sentence for match in matches}) >= 2 else 0


def _places(edition: Edition, asked: list[Match]) -> int:
    """How many more phrases, each in a sentence of its own, the level needs; 0 or less when
    the matches already ask for it."""
    rules = edition.job_descriptions
    sentences = len({match.sentence for match in asked})
    phrases = len({(match.domain, _singular(match.phrase)) for match in asked})
    return max(rules.min_sentences - sentences, rules.min_phrases - phrases)


def _singular(phrase: str) -> str:
    return phrase.lower().removesuffix("s")


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


def _mismatch(
    edition: Edition, level: int, title_level: int | None, words: str | None
) -> tuple[Flag, ...]:
    if title_level is None or title_level <= level:
        return ()
    claimed = f"level {title_level}, {edition.level(title_level).name}"
    asked = f"add up to level {level}, {edition.level(level).name}" if level else "recognise none"
    message = (
        f'The title\'s words "{words}" claim {claimed}, but the requirements {asked}'
        f"{'' if level else ' of the AI skills the edition describes'}."
    )
    return (Flag("TITLE_CONTENT_MISMATCH", message),)


def _language(text: str, matches: tuple[Match, ...]) -> tuple[Flag, ...]:
    letters = [character for character in text if character.isalpha()]
    latin = sum(1 for character in letters if character.isascii())
    if matches or not letters or latin / len(letters) >= LATIN_SHARE:
        return ()
    message = (
        "Most of this ad is written in another script. eaism reads ads written in English, "
        "so no AI skill could be recognised."
    )
    return (Flag("TEXT_NOT_IN_ENGLISH", message),)


def _suggestions(
    edition: Edition,
    matches: tuple[Match, ...],
    domains: dict[str, int],
    level: int,
    title_level: int | None,
    title_is_ai: bool,
) -> tuple[Suggestion, ...]:
    """The phrases to add (or drop) so that the ad asks for the level its title claims."""
    if title_level is None or title_level == level:
        return ()
    if title_level < level:
        drops = {
            (_singular(match.phrase), match.domain, match.level): match
            for match in matches
            if match.level > title_level
        }
        return tuple(
            Suggestion("drop", match.phrase, match.domain, match.level) for match in drops.values()
        )
    return _additions(edition, matches, domains, title_level, title_is_ai)


def _additions(
    edition: Edition,
    matches: tuple[Match, ...],
    domains: dict[str, int],
    target: int,
    title_is_ai: bool,
) -> tuple[Suggestion, ...]:
    needed = _places(edition, [match for match in matches if match.level >= target])
    # The domains the ad already asks for come first, the highest first; then those that
    # define the target level; then the others.
    defining = edition.scoring.defining_domains.get(target, ())
    order = sorted(
        (domain for domain in edition.domains if domains.get(domain.id, 0) < target),
        key=lambda domain: (-domains.get(domain.id, -1), domain.id not in defining),
    )
    additions: list[Suggestion] = []
    for domain in order:
        if len(additions) >= needed:
            break
        phrase = _counting_keyword(edition, domain.id, target, title_is_ai)
        if phrase:
            additions.append(Suggestion("add", phrase, domain.id, target))
    return tuple(additions)


def _counting_keyword(
    edition: Edition, domain_id: str, level: int, title_is_ai: bool
) -> str | None:
    """The cell's first keyword that counts for it in a requirement line of its own, in this ad."""
    cell = edition.domain(domain_id).cell(level)
    keywords = cell.keywords if cell.applicable else ()
    # A phrase of several words says more to a reader than one word ("async pipeline", "retry").
    for keyword in sorted(keywords, key=lambda keyword: len(keyword.split()) < 2):
        line = Sentences(f"Experience with {keyword}.")
        if any(
            (match.domain, match.level) == (domain_id, level)
            for match in find_matches(edition, line, title_is_ai)
        ):
            return keyword
    return None
