"""How the edition's phrases are written, and the regular expressions that find them in text.

A phrase is lower case. A hyphen matches a hyphen, a space or nothing; a `*` at the end of a
word matches any ending; a final plural is always accepted ("registry" finds "registries"); and
British and American spellings match each other ("optimisation" and "optimization",
"modelling" and "modeling"). Phrases match whole words, case-insensitively.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SPELLINGS = (
    # -ise, -ised, -isation ... and their -ize twins; harmless where a word has no twin.
    (re.compile(r"i[sz](?=(e|ed|es|er|ers|ing|ation|ations)$)"), "i[sz]"),
    (re.compile(r"(?<=[aeiou])ll(?=(ing|ed|er|ers)$)"), "ll?"),
)
BEFORE = r"(?<![\w-])"
AFTER = r"(?![\w-])"


def phrase_pattern(phrase: str) -> str:
    """The regular expression (without word boundaries) for one phrase."""
    words = phrase.lower().split()
    patterns = [
        _word_pattern(word, last=index == len(words) - 1) for index, word in enumerate(words)
    ]
    return r"[\s-]+".join(patterns)


def any_phrase(phrases: Iterable[str], in_compounds: bool = False) -> re.Pattern[str] | None:
    """One expression that finds any of `phrases` as whole words; None when there are none.

    With `in_compounds`, a phrase is found inside a hyphenated word too ("ai" in "AI-powered").
    """
    patterns = sorted({phrase_pattern(phrase) for phrase in phrases}, key=len, reverse=True)
    if not patterns:
        return None
    before, after = (r"(?<!\w)", r"(?!\w)") if in_compounds else (BEFORE, AFTER)
    return re.compile(before + "(?:" + "|".join(patterns) + ")" + after, re.IGNORECASE)


def _word_pattern(word: str, last: bool) -> str:
    stem = word.endswith("*")
    parts = [_spelled(part) for part in word.rstrip("*").split("-") if part]
    pattern = r"[\s-]?".join(parts)
    if stem:
        return pattern + r"[\w-]*"
    if last:
        return _plural(pattern)
    return pattern


def _spelled(part: str) -> str:
    for spelling, twin in _SPELLINGS:
        if spelling.search(part):
            return re.escape(spelling.sub("\x00", part)).replace("\x00", twin)
    return re.escape(part)


def _plural(pattern: str) -> str:
    if re.search(r"[^aeiou]y$", pattern):
        return pattern[:-1] + "(?:y|ies)"
    return pattern + "(?:e?s)?"
