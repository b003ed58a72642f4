"""Finding the edition's phrases in an ad, each in the sense its sentence gives it.

The vocabulary is the cells' keywords plus the forms employers write (`terms`), compiled once
per edition into one expression. A phrase found in the text counts for a cell only when the
conditions on it hold in its sentence: a phrase that does not name AI needs the sentence (or
the title) to name it, and a sense may need a word nearby or be cancelled by one. Every match keeps its
sentence's words around it, so a reading can always be traced to the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from eaism.model.phrases import AFTER, any_phrase, phrase_pattern
from eaism.model.schema import Edition, JobDescriptionParameters, PhraseSense

CONTEXT = 40  # characters of the ad shown on each side of a matched phrase
# A sentence ends at ". ", "; ", ": " and the like, at a blank line, or where a list item starts;
# a line break inside a wrapped paragraph does not end one.
LIST_MARKS = "-*\u2022\u00b7\u25aa\u2013"  # hyphen, star, bullet, middle dot, square, en dash
_SENTENCE_END = re.compile(
    rf"(?<=[.!?;:])\s+|\n\s*\n|\n(?=\s*(?:[{re.escape(LIST_MARKS)}]|\d+[.)])\s)"
)


@dataclass(frozen=True)
class Match:
    domain: str
    level: int
    phrase: str
    excerpt: str
    sentence: int = 0  # where its sentence starts: mentions of a domain are counted by sentence


@dataclass(frozen=True)
class Flag:
    code: str
    message: str


@dataclass(frozen=True)
class _Condition:
    needs_ai: bool
    near: re.Pattern[str] | None
    unless: re.Pattern[str] | None


@dataclass(frozen=True)
class Vocabulary:
    """The compiled vocabulary: per phrase its expression, its cells and their conditions."""

    # The phrases by the first letters of their words (`_INDEX` of them), each with its
    # expression, longest first: one expression of all phrases is a hundred times slower.
    index: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]
    cells: dict[str, tuple[tuple[str, int], ...]]  # phrase -> (domain, level), ...
    # phrase -> the conditions on it, each with the cells it applies to (all when empty)
    conditions: dict[str, tuple[tuple[frozenset[tuple[str, int]], _Condition], ...]]
    ai_words: re.Pattern[str] | None
    reporting_line: re.Pattern[str] | None


_INDEX = 3  # letters or digits of a phrase, spaces and signs left out, that index it
_WORD_START = re.compile(r"(?<![\w-])\w")
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")


_compiled: dict[int, tuple[Edition, Vocabulary]] = {}


def vocabulary(edition: Edition) -> Vocabulary:
    """The edition's vocabulary, compiled on first use and kept while the edition lives."""
    known = _compiled.get(id(edition))
    if known is None or known[0] is not edition:
        known = (edition, _compile(edition))
        _compiled[id(edition)] = known
    return known[1]


def find_matches(
    edition: Edition,
    sentences: Sentences,
    title_is_ai: bool,
    skipped: tuple[tuple[int, int], ...] = (),
) -> tuple[Match, ...]:
    """Every phrase of the vocabulary that counts in its sentence, with its cells; phrases in
    the `skipped` spans (sentences that state a belief, not a requirement) are left out."""
    words = vocabulary(edition)
    text = sentences.text
    found: list[Match] = []
    # Overlapping hits ("integrate LLM", "LLM API", "API calls") count once for a cell: the end
    # of the run of overlapping hits so far, and the cells they gave.
    run_end, given = 0, dict[str, int]()
    for phrases, hit in _hits(words, text):
        if any(start <= hit.start() < end for start, end in skipped):
            continue
        start, end = sentences.span(hit.start())
        about_ai = title_is_ai or bool(words.ai_words and words.ai_words.search(text, start, end))
        counted = _counted(words, phrases, text[start:end], about_ai)
        if hit.start() >= run_end:
            given = {}
        counted = {
            domain: level for domain, level in counted.items() if level > given.get(domain, 0)
        }
        given = {**given, **counted}
        run_end = max(run_end, hit.end())
        excerpt = " ".join(text[max(0, hit.start() - CONTEXT) : hit.end() + CONTEXT].split())
        written = " ".join(hit.group(0).split())
        found += [
            Match(domain, level, written, excerpt, start) for domain, level in counted.items()
        ]
    return tuple(found)


def _counted(
    words: Vocabulary, phrases: list[str], sentence: str, about_ai: bool
) -> dict[str, int]:
    """Per domain, the highest level that the phrases found carry in this sentence."""
    conditions = [found for phrase in phrases for found in words.conditions.get(phrase, ())]
    counted: dict[str, int] = {}
    for domain, level in {cell for phrase in phrases for cell in words.cells.get(phrase, ())}:
        if all(
            _holds(condition, sentence, about_ai)
            for cells, condition in conditions
            if not cells or (domain, level) in cells
        ):
            counted[domain] = max(counted.get(domain, 0), level)
    return counted


def _hits(words: Vocabulary, text: str) -> Iterator[tuple[list[str], re.Match[str]]]:
    """The phrases found, left to right: at each place the longest text found, with every
    phrase of the vocabulary that finds that same text (such as "rollback" and "rollback*").
    A phrase inside a longer one is not found again ("evaluation tooling" inside "shared
    evaluation tooling"); one that starts inside it and ends beyond it is."""
    end = 0
    for start in _WORD_START.finditer(text):
        position = start.start()
        letters = _NOT_ALPHANUMERIC.sub("", text[position : position + 4 * _INDEX]).lower()
        hits = [
            (phrase, hit)
            for size in range(min(_INDEX, len(letters)), 0, -1)
            for phrase, pattern in words.index.get(letters[:size], ())
            if (hit := pattern.match(text, position))
        ]
        longest = max((hit.end() for _, hit in hits), default=0)
        if longest > end:
            same = [(phrase, hit) for phrase, hit in hits if hit.end() == longest]
            end = longest
            yield [phrase for phrase, _ in same], same[0][1]


def reporting_spans(edition: Edition, sentences: Sentences) -> tuple[tuple[int, int], ...]:
    """The sentences that say whom the job reports to: they describe that person's work."""
    reporting = vocabulary(edition).reporting_line
    if reporting is None:
        return ()
    return tuple(
        (start, end)
        for start, end in sentences.spans()
        if reporting.search(sentences.text, start, end)
    )


def mentions_ai(edition: Edition, text: str) -> bool:
    words = vocabulary(edition).ai_words
    return bool(words and words.search(text))


class Sentences:
    """The sentences of a text, found by position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [end.end() for end in _SENTENCE_END.finditer(text)]

    def around(self, position: int) -> str:
        start, end = self.span(position)
        return self.text[start:end]

    def span(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, position) - 1
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end

    def spans(self) -> list[tuple[int, int]]:
        return [self.span(start) for start in self.starts]


def _holds(condition: _Condition, sentence: str, about_ai: bool) -> bool:
    if condition.needs_ai and not about_ai:
        return False
    if condition.near is not None and not condition.near.search(sentence):
        return False
    return condition.unless is None or not condition.unless.search(sentence)


def _compile(edition: Edition) -> Vocabulary:
    rules = edition.job_descriptions
    cells: dict[str, list[tuple[str, int]]] = {}
    for domain in edition.domains:
        for cell in domain.cells:
            for keyword in cell.keywords:
                cells.setdefault(_key(keyword), []).append((domain.id, cell.level))
    for terms in rules.terms:
        domain_id, level = cell_of(terms.cell)
        for phrase in terms.phrases:
            cells.setdefault(_key(phrase), []).append((domain_id, level))
    ai_words = any_phrase(rules.ai_words, in_compounds=True)
    conditions = _conditions(rules, cells, ai_words)
    # Phrases with conditions only are indexed too: where one finds the same text as a
    # vocabulary phrase ("rollback*" and "rollback"), its conditions apply to that phrase.
    index: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for phrase in {**cells, **conditions}:
        letters = _NOT_ALPHANUMERIC.sub("", phrase.replace("*", ""))[:_INDEX]
        pattern = re.compile(phrase_pattern(phrase) + AFTER, re.IGNORECASE)
        index.setdefault(letters, []).append((phrase, pattern))
    return Vocabulary(
        {letters: tuple(found) for letters, found in index.items()},
        {phrase: tuple(dict.fromkeys(found)) for phrase, found in cells.items()},
        conditions,
        ai_words,
        any_phrase(rules.reporting_line),
    )


def _conditions(
    rules: JobDescriptionParameters,
    cells: dict[str, list[tuple[str, int]]],
    ai_words: re.Pattern[str] | None,
) -> dict[str, tuple[tuple[frozenset[tuple[str, int]], _Condition], ...]]:
    """Per phrase, its conditions: its senses, and AI nearby unless the phrase names AI."""
    about_ai = _Condition(needs_ai=True, near=None, unless=None)
    naming_ai = {_key(phrase) for phrase in rules.ai_phrases}
    conditions: dict[str, list[tuple[frozenset[tuple[str, int]], _Condition]]] = {}
    for phrase in cells:
        names_ai = phrase in naming_ai or bool(
            ai_words and ai_words.search(phrase.replace("*", ""))
        )
        if not names_ai:
            conditions.setdefault(phrase, []).append((frozenset(), about_ai))
    for sense in rules.senses:
        cells_of_sense = frozenset(cell_of(cell) for cell in sense.cells)
        conditions.setdefault(_key(sense.phrase), []).append((cells_of_sense, _condition(sense)))
    return {phrase: tuple(found) for phrase, found in conditions.items()}


def _condition(sense: PhraseSense) -> _Condition:
    return _Condition(sense.needs_ai, any_phrase(sense.near), any_phrase(sense.unless))


def cell_of(cell: str) -> tuple[str, int]:
    """The domain id and level of a cell named "domain.level"; the edition's checks ensure it."""
    domain, _, level = cell.rpartition(".")
    return domain, int(level)


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())
