"""Scoring one person: cell scores, gated domain levels and the operating level.

Everything here is a pure function of an edition and responses. The rules are described in
docs/scoring.md; the numbers behind them (met threshold, evidence rule, defining domains) come
from the edition's scoring parameters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final, Literal

from eaism.model.schema import Domain, Edition, Item
from eaism.scoring.answers import Answer, Response

ItemStatus = Literal["counted", "unanswered", "needs_evidence", "stale_evidence"]
COUNTED: Final = "counted"
UNANSWERED: Final = "unanswered"
NEEDS_EVIDENCE: Final = "needs_evidence"
STALE_EVIDENCE: Final = "stale_evidence"
DAYS_PER_MONTH = 30.44
STATUS_TEXT: dict[ItemStatus, str] = {
    UNANSWERED: "not answered yet",
    NEEDS_EVIDENCE: "claimed, needs evidence",
    STALE_EVIDENCE: "evidence too old",
    COUNTED: "raise the answer",
}


@dataclass(frozen=True, slots=True)
class ItemResult:
    """How one answer counts: `counted` is the value that counts toward the demonstrated level."""

    item_id: str
    value: float
    counted: float
    status: ItemStatus


@dataclass(frozen=True, slots=True)
class CellResult:
    level: int
    applicable: bool
    score: float
    claimed_score: float
    met: bool
    claimed_met: bool
    items: tuple[ItemResult, ...]


@dataclass(frozen=True, slots=True)
class DomainResult:
    """A domain's demonstrated and claimed level, and progress toward the next level."""

    domain_id: str
    source: str
    level: int
    claimed_level: int
    next_level: int | None
    progress: float
    rated: bool
    cells: tuple[CellResult, ...]
    assessed_up_to: int  # the highest level asked; 0 when the domain is not assessed at all
    given: bool = False  # the level was given directly by a rater, not climbed from answers

    @property
    def assessed(self) -> bool:
        return self.assessed_up_to > 0

    @property
    def interim(self) -> bool:
        return self.progress > 0

    @property
    def mark(self) -> str:
        """The level with a `+` when the next level is partly reached, such as `2+`."""
        return f"{self.level}+" if self.interim else str(self.level)

    def cell(self, level: int) -> CellResult:
        return self.cells[level - 1]


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """The full profile given by one source (self, reviewer, interviewer or peer)."""

    source: str
    rater: str | None
    domains: dict[str, DomainResult]
    operating_level: int
    claimed_operating_level: int


QuestionSet = Mapping[str, int]  # domain id -> highest level asked; absent domains: not asked


def assessed_levels(edition: Edition, question_set: QuestionSet | None) -> dict[str, int]:
    """Per domain, the highest level asked: every level without a question set, 0 if not asked."""
    if question_set is None:
        top = max(level.number for level in edition.levels)
        return dict.fromkeys(edition.domain_ids, top)
    return {domain_id: question_set.get(domain_id, 0) for domain_id in edition.domain_ids}


def score_response(
    edition: Edition,
    response: Response,
    as_of: datetime | None = None,
    question_set: QuestionSet | None = None,
    base: Mapping[str, Answer] | None = None,
) -> SourceProfile:
    """Score one source's answers to the levels the question set asks (all without one).

    With `base` (the person's own answers), the source is a rater: its answers replace those
    items of the base, and a domain counts as rated by it only where it rated something.
    """
    oldest = oldest_accepted(edition, as_of)
    assessed = assessed_levels(edition, question_set)
    answers = rated_over(base, response.answers) if base is not None else response.answers
    domains = {
        domain.id: _source_domain(
            edition, domain, response, answers, oldest, assessed[domain.id], base is not None
        )
        for domain in edition.domains
    }
    return SourceProfile(
        source=response.source,
        rater=response.rater,
        domains=domains,
        operating_level=operating_level(
            edition, {key: d.level for key, d in domains.items()}, assessed_of(domains)
        ),
        claimed_operating_level=operating_level(
            edition, {key: d.claimed_level for key, d in domains.items()}, assessed_of(domains)
        ),
    )


def assessed_of(domains: Mapping[str, DomainResult]) -> dict[str, int]:
    """Per domain, the highest level assessed: the question set's, or every level a rater gave."""
    return {domain_id: domain.assessed_up_to for domain_id, domain in domains.items()}


def rated_over(base: Mapping[str, Answer], rated: Mapping[str, Answer]) -> dict[str, Answer]:
    """The person's answers with a rater's values laid over them.

    Evidence and its date stay with whoever wrote it: a rater's value without a note keeps the
    person's evidence, so confirming a claim that has no evidence still leaves it unevidenced.
    """
    merged = dict(base)
    for item_id, answer in rated.items():
        own = base.get(item_id)
        if answer.has_evidence or own is None:
            merged[item_id] = answer
        else:
            merged[item_id] = Answer(answer.value, own.evidence, own.answered_at)
    return merged


def _source_domain(
    edition: Edition,
    domain: Domain,
    response: Response,
    answers: Mapping[str, Answer],
    oldest: datetime | None,
    assessed_up_to: int,
    rater: bool,
) -> DomainResult:
    given = response.levels.get(domain.id)
    top = max(cell.level for cell in domain.cells)
    up_to = top if given is not None and assessed_up_to == 0 else assessed_up_to
    result = score_domain(edition, domain, answers, response.source, oldest, up_to)
    if rater:  # rated only where it rated something, not where the person's answers show
        rated = any(item.id in response.answers for item in domain.items if item.level <= up_to)
        result = replace(result, rated=rated)
    return result if given is None else given_level(result, given)


def given_level(result: DomainResult, level: int) -> DomainResult:
    """A domain whose level a rater gave directly: the cells up to it count as met."""
    cells = tuple(
        replace(cell, met=cell.level <= level, claimed_met=cell.level <= level)
        if cell.applicable
        else cell
        for cell in result.cells
    )
    next_level = next(
        (c.level for c in cells if c.applicable and level < c.level <= result.assessed_up_to), None
    )
    return replace(
        result,
        level=level,
        claimed_level=level,
        next_level=next_level,
        progress=0.0,
        rated=True,
        cells=cells,
        given=True,
    )


def score_domain(
    edition: Edition,
    domain: Domain,
    answers: Mapping[str, Answer],
    source: str = "self",
    oldest_evidence: datetime | None = None,
    assessed_up_to: int | None = None,
) -> DomainResult:
    """Score the cells of one domain and climb its ladder of applicable levels.

    Only levels up to `assessed_up_to` (every level when None) count: the ladder stops there.
    """
    up_to = max(cell.level for cell in domain.cells) if assessed_up_to is None else assessed_up_to
    threshold = edition.scoring.cell_met_threshold
    evidence_from = edition.scoring.evidence_required_from_level
    cells = tuple(
        _score_cell(
            domain, cell.level, cell.applicable, answers, threshold, evidence_from, oldest_evidence
        )
        for cell in domain.cells
    )
    level = _gated_level(cells, claimed=False, up_to=up_to)
    next_level = next(
        (cell.level for cell in cells if cell.applicable and level < cell.level <= up_to), None
    )
    return DomainResult(
        domain_id=domain.id,
        source=source,
        level=level,
        claimed_level=_gated_level(cells, claimed=True, up_to=up_to),
        next_level=next_level,
        progress=cells[next_level - 1].score if next_level else 0.0,
        rated=any(
            item.item_id in answers for cell in cells if cell.level <= up_to for item in cell.items
        ),
        cells=cells,
        assessed_up_to=up_to,
    )


def operating_level(
    edition: Edition, domain_levels: Mapping[str, int], assessed: Mapping[str, int] | None = None
) -> int:
    """The highest level whose rule holds, together with the rule of every level below it.

    `assessed` gives each domain's highest level asked (see `assessed_levels`); None: all.
    """
    reached = 0
    for number in (level.number for level in edition.levels):
        if not level_rule_holds(edition, number, domain_levels, assessed):
            break
        reached = number
    return reached


def level_rule_holds(
    edition: Edition,
    number: int,
    domain_levels: Mapping[str, int],
    assessed: Mapping[str, int] | None = None,
) -> bool:
    """Every defining domain assessed and at `number` or above, and enough of the applicable
    domains assessed at `number` too (domains not assessed at `number` are left out of the share).
    """
    defining = edition.scoring.defining_domains[number]
    if any(
        domain_levels[domain_id] < number or not is_assessed_at(assessed, domain_id, number)
        for domain_id in defining
    ):
        return False
    applicable = applicable_domains(edition, number, assessed)
    reached = sum(1 for domain_id in applicable if domain_levels[domain_id] >= number)
    return reached >= edition.scoring.min_share_of_applicable_domains * len(applicable)


def applicable_domains(
    edition: Edition, number: int, assessed: Mapping[str, int] | None = None
) -> tuple[str, ...]:
    """The domains with a cell at `number`, among those assessed at `number` when given."""
    return tuple(
        domain.id
        for domain in edition.domains
        if domain.cell(number).applicable and is_assessed_at(assessed, domain.id, number)
    )


def is_assessed_at(assessed: Mapping[str, int] | None, domain_id: str, number: int) -> bool:
    return assessed is None or assessed[domain_id] >= number


def effective_domains(
    edition: Edition, profiles: Sequence[SourceProfile]
) -> dict[str, DomainResult]:
    """Per domain, the result of the first source in the edition's precedence that rated it."""
    precedence = edition.scoring.source_precedence
    ordered = sorted(profiles, key=lambda profile: _rank(precedence, profile.source))
    chosen: dict[str, DomainResult] = {}
    for domain_id in edition.domain_ids:
        rated = [profile for profile in ordered if profile.domains[domain_id].rated]
        chosen[domain_id] = (rated or ordered)[0].domains[domain_id]
    return chosen


def _rank(precedence: tuple[str, ...], source: str) -> int:
    return precedence.index(source) if source in precedence else len(precedence)


def _score_cell(
    domain: Domain,
    level: int,
    applicable: bool,
    answers: Mapping[str, Answer],
    threshold: float,
    evidence_from: int,
    oldest_evidence: datetime | None,
) -> CellResult:
    if not applicable:
        return CellResult(level, False, 0.0, 0.0, False, False, ())
    needs_evidence = level >= evidence_from
    items = tuple(
        _score_item(item, answers.get(item.id), needs_evidence, oldest_evidence)
        for item in domain.items_at(level)
    )
    counted = sum(item.counted for item in items)
    claimed = sum(item.value for item in items)
    # Compare sums, not means: answers are exact quarters, so bulk scoring agrees to the bit.
    needed = threshold * len(items)
    return CellResult(
        level,
        True,
        counted / len(items),
        claimed / len(items),
        counted >= needed,
        claimed >= needed,
        items,
    )


def _score_item(
    item: Item, answer: Answer | None, needs_evidence: bool, oldest_evidence: datetime | None
) -> ItemResult:
    if answer is None:
        return ItemResult(item.id, 0.0, 0.0, UNANSWERED)
    if answer.value > 0 and needs_evidence:
        if not answer.has_evidence:
            return ItemResult(item.id, answer.value, 0.0, NEEDS_EVIDENCE)
        if is_stale(answer, oldest_evidence):
            return ItemResult(item.id, answer.value, 0.0, STALE_EVIDENCE)
    return ItemResult(item.id, answer.value, answer.value, COUNTED)


def is_stale(answer: Answer, oldest_evidence: datetime | None) -> bool:
    """Evidence given before the oldest accepted moment counts toward the claimed level only."""
    if oldest_evidence is None or answer.answered_at is None:
        return False
    return answer.answered_at < oldest_evidence


def oldest_accepted(edition: Edition, as_of: datetime | None) -> datetime | None:
    """The oldest evidence still current at `as_of` (None: no age limit applies)."""
    months = edition.scoring.evidence_max_age_months
    if as_of is None or months is None:
        return None
    return as_of - timedelta(days=months * DAYS_PER_MONTH)


def _gated_level(cells: tuple[CellResult, ...], claimed: bool, up_to: int) -> int:
    """The highest applicable level up to `up_to` reached with every applicable level below met."""
    level = 0
    for cell in cells:
        if cell.level > up_to:
            break
        if not cell.applicable:
            continue
        if not (cell.claimed_met if claimed else cell.met):
            break
        level = cell.level
    return level
