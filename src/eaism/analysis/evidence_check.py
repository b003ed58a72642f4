"""The evidence check: flags evidence that cannot support its claim, for a person to judge.

It assists and never decides: a flag carries a plain reason for the reviewer and the person,
and no level is changed by it. Offline and deterministic; every word list and threshold comes
from the edition (`evidence_check.yaml`). A text with a link is never flagged for lacking
specifics or an outcome, since the link is the evidence. A piece's first three flags depend
on its own text alone; the two repetition flags compare it with the other pieces of the batch.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from eaism.model.schema import Edition, EvidenceCheckParameters, Item

NO_SPECIFICS = "NO_SPECIFICS"
NO_OUTCOME = "NO_OUTCOME"
OFF_TOPIC = "OFF_TOPIC"
REPEATED_ACROSS_ITEMS = "REPEATED_ACROSS_ITEMS"
SHARED_ACROSS_PEOPLE = "SHARED_ACROSS_PEOPLE"
FLAG_CODES = (NO_SPECIFICS, NO_OUTCOME, OFF_TOPIC, REPEATED_ACROSS_ITEMS, SHARED_ACROSS_PEOPLE)

WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9-]*")


@dataclass(frozen=True, slots=True)
class EvidencePiece:
    person_id: str
    item_id: str  # an item of the edition (edition.item_index)
    text: str  # what the person wrote (may be only a link)


@dataclass(frozen=True, slots=True)
class EvidenceFlag:
    code: str  # one of FLAG_CODES, stable
    reason: str  # one plain sentence shown to the reviewer and the person


Key = tuple[str, str]  # (person id, item id)


def check_evidence(
    edition: Edition, pieces: Sequence[EvidencePiece]
) -> dict[Key, tuple[EvidenceFlag, ...]]:
    """(person_id, item_id) -> flags in FLAG_CODES order; a piece with no flags maps to ()."""
    found: dict[Key, list[EvidenceFlag]] = {}
    for piece in pieces:
        key = (piece.person_id, piece.item_id)
        if key in found:
            raise ValueError(f"{key}: two pieces of evidence for one person's item")
        item = edition.item_index.get(piece.item_id)
        if item is None:
            raise ValueError(f"{piece.item_id!r} is not an item of edition {edition.id}")
        found[key] = list(_own_flags(edition, item, piece.text))
    for key, flag in _repetition_flags(edition, pieces):
        found[key].append(flag)
    return {
        key: tuple(sorted(flags, key=lambda flag: FLAG_CODES.index(flag.code)))
        for key, flags in found.items()
    }


def _own_flags(edition: Edition, item: Item, text: str) -> Iterable[EvidenceFlag]:
    """The flags that depend on the text alone: specifics, outcome and topic."""
    rules = edition.evidence_check
    links = re.findall(rules.link_pattern, text)
    words = re.sub(rules.link_pattern, " ", text)
    if not links and not words.strip():
        return  # no evidence at all: the results say "claimed, needs evidence" instead
    reasons = rules.reasons
    if not links and not _has_specifics(rules, words):
        yield EvidenceFlag(NO_SPECIFICS, reasons.no_specifics)
    if not links and not _has_outcome(rules, words):
        yield EvidenceFlag(NO_OUTCOME, reasons.no_outcome)
    if _off_topic(edition, item, words):
        domain = edition.domain(_domain_id(item)).name
        yield EvidenceFlag(OFF_TOPIC, reasons.off_topic.format(domain=domain))


def _has_specifics(rules: EvidenceCheckParameters, text: str) -> bool:
    if any(re.search(pattern, text) for pattern in rules.specifics_patterns):
        return True
    if _contains_any(_stems(text), _phrases(rules.specific_words)):
        return True
    return _names_something(rules, text)


def _names_something(rules: EvidenceCheckParameters, text: str) -> bool:
    """A capitalised word inside a sentence names a system, team, product or person."""
    generic = {*rules.generic_capitalised, *rules.stop_words}
    return any(
        match.group().lower() not in generic and not _starts_sentence(text, match.start())
        for match in CAPITALISED.finditer(text)
    )


def _starts_sentence(text: str, start: int) -> bool:
    """After the text's start or a full stop, question or exclamation mark (and a quote)."""
    position = start - 1
    while position >= 0 and text[position].isspace():
        position -= 1
    if position >= 1 and text[position] in "'\")" and text[position - 1] in ".!?":
        return True
    return position < 0 or text[position] in ".!?"


def _has_outcome(rules: EvidenceCheckParameters, text: str) -> bool:
    if any(re.search(pattern, text, re.IGNORECASE) for pattern in rules.outcome_patterns):
        return True
    return _contains_any(_stems(text), _phrases(rules.outcome_words))


def _off_topic(edition: Edition, item: Item, text: str) -> bool:
    """Long enough to judge, and sharing no word with the item and its domain, or far fewer
    words than with another domain."""
    rules = edition.evidence_check
    stop = frozenset(_stem(word) for word in rules.stop_words)
    stems = _stems(text)
    if sum(1 for stem in stems if stem not in stop) < rules.topic_min_words:
        return False
    domain = edition.domain(_domain_id(item))
    vocabulary = _item_vocabulary(item, domain.cell(item.level).descriptor, stop)
    own = len(vocabulary.intersection(stems) | _matched(stems, rules.topic_words, domain.id))
    elsewhere = max(
        (len(_matched(stems, rules.topic_words, other)) for other in rules.topic_words),
        default=0,
    )
    return own == 0 or elsewhere >= own + rules.topic_margin


def _matched(
    stems: tuple[str, ...], topics: Mapping[str, tuple[str, ...]], domain: str
) -> set[str]:
    padded = f" {' '.join(stems)} "
    return {phrase for phrase in _phrases(topics.get(domain, ())) if f" {phrase} " in padded}


def _repetition_flags(
    edition: Edition, pieces: Sequence[EvidencePiece]
) -> Iterable[tuple[Key, EvidenceFlag]]:
    """The same text on many cells of one person, and the same text from several people."""
    rules = edition.evidence_check
    cells: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)
    people: dict[str, set[str]] = defaultdict(set)
    comparable = []
    for piece in pieces:
        text = _normalised(piece.text)
        if len(text.split()) < rules.repeat_min_words:
            continue
        item = edition.item_index[piece.item_id]
        cells[(piece.person_id, text)].add((_domain_id(item), item.level))
        people[text].add(piece.person_id)
        comparable.append((piece, text))
    for piece, text in comparable:
        key = (piece.person_id, piece.item_id)
        repeated = len(cells[(piece.person_id, text)])
        if repeated >= rules.repeated_across_cells:
            reason = rules.reasons.repeated_across_items.format(count=repeated)
            yield key, EvidenceFlag(REPEATED_ACROSS_ITEMS, reason)
        shared = len(people[text])
        if shared >= rules.shared_across_people:
            reason = rules.reasons.shared_across_people.format(count=shared)
            yield key, EvidenceFlag(SHARED_ACROSS_PEOPLE, reason)


def _domain_id(item: Item) -> str:
    return item.id.split(".", 1)[0]


def _normalised(text: str) -> str:
    """Case, spaces and punctuation do not make two texts different."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _stems(text: str) -> tuple[str, ...]:
    return tuple(_stem(word) for word in WORD.findall(text.lower()))


def _contains_any(stems: tuple[str, ...], phrases: frozenset[str]) -> bool:
    padded = f" {' '.join(stems)} "
    return any(f" {phrase} " in padded for phrase in phrases)


@lru_cache(maxsize=64)
def _phrases(words: tuple[str, ...]) -> frozenset[str]:
    """Each entry as its stems joined by spaces, matched as consecutive words."""
    return frozenset(" ".join(_stems(word)) for word in words)


@lru_cache(maxsize=512)
def _item_vocabulary(item: Item, descriptor: str, stop: frozenset[str]) -> frozenset[str]:
    text = f"{item.statement} {item.evidence_prompt} {descriptor}"
    return frozenset(stem for stem in _stems(text) if stem not in stop)


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    """A light English stemmer, so that "retries", "retried" and "retry" meet as "retri"."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            if word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if word.endswith("ation") and len(word) > 7:
        word = word[:-5] + "at"
    elif word.endswith("al") and len(word) >= 8:
        word = word[:-2]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    return word
