"""The three myths in a job ad: raised where the ad shows the belief, not where a word appears.

Each myth's signs are edition data: a title that states the belief by itself, or a subject and
a belief in one sentence ("our Bedrock platform is production-ready"), and for some myths only
in an ad that does not itself ask for the work that would make the belief true.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eaism.model.phrases import any_phrase
from eaism.model.schema import Edition, MythSigns
from eaism.planning.job_ad_reading import LIST_MARKS, Flag, Sentences

QUOTE = 160  # characters of the sentence that shows a belief, quoted in the flag


@dataclass(frozen=True)
class _Signs:
    signs: MythSigns
    subject: re.Pattern[str] | None
    belief: re.Pattern[str] | None


_compiled: dict[int, tuple[Edition, tuple[_Signs, ...]]] = {}


@dataclass(frozen=True)
class Belief:
    """A myth's belief shown by the ad: where, and the span of the sentence that shows it."""

    myth: str
    where: str
    span: tuple[int, int] | None  # None when the title shows it
    below_level: int | None


def beliefs(
    edition: Edition, title: str, title_level: int | None, sentences: Sentences
) -> tuple[Belief, ...]:
    """The beliefs the ad shows, each at the first place that shows it."""
    found = []
    for signs in _signs(edition):
        belief = _in_title(signs, title, title_level, sentences) or _in_sentence(signs, sentences)
        if belief is not None:
            found.append(belief)
    return tuple(found)


def _in_title(
    signs: _Signs, title: str, title_level: int | None, sentences: Sentences
) -> Belief | None:
    myth, below = signs.signs.myth, signs.signs.below_level
    if signs.signs.title and re.search(signs.signs.title, title, re.IGNORECASE):
        return Belief(myth, f'the title "{title}"', None, below)
    least = signs.signs.title_claim_at_least
    if least is None or title_level is None or title_level < least or signs.subject is None:
        return None
    subject = signs.subject.search(sentences.text)
    if subject is None:
        return None
    where = f'the title "{title}", which claims level {title_level} for work on "{subject[0]}"'
    return Belief(myth, where, None, below)


def _in_sentence(signs: _Signs, sentences: Sentences) -> Belief | None:
    if signs.subject is None or signs.belief is None:
        return None
    for start, end in sentences.spans():
        sentence = sentences.text[start:end]
        if signs.subject.search(sentence) and signs.belief.search(sentence):
            where = _quoted(sentence)
            return Belief(signs.signs.myth, where, (start, end), signs.signs.below_level)
    return None


def belief_spans(edition: Edition, sentences: Sentences) -> tuple[tuple[int, int], ...]:
    """The sentences that state a belief about a purchase: they ask for no skill."""
    spans = []
    for signs in _signs(edition):
        if signs.subject is None or signs.belief is None or not signs.signs.states_no_requirement:
            continue
        for start, end in sentences.spans():
            sentence = sentences.text[start:end]
            if signs.subject.search(sentence) and signs.belief.search(sentence):
                spans.append((start, end))
    return tuple(spans)


def myth_flags(edition: Edition, shown: tuple[Belief, ...], level: int) -> tuple[Flag, ...]:
    """A flag for each belief shown, unless the ad asks for the work that makes it true."""
    flags = []
    for belief in shown:
        if belief.below_level is not None and level >= belief.below_level:
            continue
        myth = next(myth for myth in edition.myths if myth.id == belief.myth)
        flags.append(Flag(myth.code, _message(myth.reality, belief.where)))
    return tuple(flags)


def _message(reality: str, where: str) -> str:
    """What is true instead, and where the ad shows the belief; the claim is the flag's heading."""
    return " ".join(f"In fact: {reality} Shown by: {where}.".split())


def _quoted(sentence: str) -> str:
    """The sentence in quotes, cut short where it is long, without its list mark."""
    text = " ".join(sentence.split()).lstrip(LIST_MARKS + " ").rstrip(".;:")
    if len(text) > QUOTE:
        text = text[: QUOTE - 1].rstrip() + "…"
    return f'"{text}"'


def _signs(edition: Edition) -> tuple[_Signs, ...]:
    known = _compiled.get(id(edition))
    if known is None or known[0] is not edition:
        compiled = tuple(
            _Signs(signs, any_phrase(signs.subject), any_phrase(signs.belief))
            for signs in edition.job_descriptions.myth_signs
        )
        known = (edition, compiled)
        _compiled[id(edition)] = known
    return known[1]
