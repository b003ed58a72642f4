"""The validity report read aloud for an AI leader: one plain sentence per finding that
changes how a round's figures should be used, in the edition's domain names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from eaism.model.schema import Edition

if TYPE_CHECKING:
    from eaism.analysis.validity import DomainFigures, Figure, ItemFigures

ReadingKind = Literal[
    "inflation", "agreement", "ladder", "consistency", "items", "withheld", "clear"
]


@dataclass(frozen=True, slots=True)
class Reading:
    kind: ReadingKind
    domain: str | None  # the domain id it is about, None for the whole round
    text: str


def readings(
    edition: Edition, items: Sequence[ItemFigures], domains: Sequence[DomainFigures]
) -> tuple[Reading, ...]:
    found: list[Reading] = []
    for domain in domains:
        found += _domain_readings(edition, domain)
        found += _item_readings(domain, [item for item in items if item.domain == domain.domain])
    figures = [
        figure
        for figures in [*(_figures_of(item) for item in items), *map(_domain_figures, domains)]
        for figure in figures
    ]
    cautions = bool(found)
    withheld = sum(figure.status == "too_few" for figure in figures)
    if withheld:
        found.append(Reading("withheld", None, _withheld_text(withheld, figures)))
    if not cautions and any(figure.status == "shown" for figure in figures):
        found.append(Reading("clear", None, "No figure shown in this round calls for caution."))
    return tuple(found)


def _domain_readings(edition: Edition, domain: DomainFigures) -> list[Reading]:
    rule, name, found = edition.validity, domain.name, []
    gap = domain.inflation
    if gap.flagged and gap.value is not None:
        found.append(Reading("inflation", domain.domain, _gap_text(name, gap.value)))
    kappa = domain.kappa
    if kappa.flagged and kappa.value is not None:
        text = (
            f"Self-ratings and reviews in {name} agree less than a level should need "
            f"(kappa {kappa.value:.2f}, below {rule.kappa_min:.2f}); rely on reviewed levels "
            f"in {name}."
        )
        found.append(Reading("agreement", domain.domain, text))
    guttman, scalability = domain.reproducibility, domain.scalability
    if guttman.flagged or scalability.flagged:
        text = (
            f"In {name}, the calibration answers climb the ladder less cleanly than its levels "
            f"assume (reproducibility {_number(guttman.value)}, H {_number(scalability.value)}); "
            f"read its levels as a profile rather than a rank."
        )
        found.append(Reading("ladder", domain.domain, text))
    alpha = domain.alpha
    if alpha.flagged and alpha.value is not None:
        text = (
            f"The items of {name} agree little with each other (alpha {alpha.value:.2f}, below "
            f"{rule.alpha_min:.2f}); its level may rest on items that measure different things."
        )
        found.append(Reading("consistency", domain.domain, text))
    return found


def _item_readings(domain: DomainFigures, items: Sequence[ItemFigures]) -> list[Reading]:
    apart = [f"level {item.level}: {item.label}" for item in items if item.item_rest.flagged]
    if not apart:
        return []
    one = len(apart) == 1
    text = (
        f"{_count(len(apart), 'item')} of {domain.name} {'moves' if one else 'move'} apart from "
        f"the rest of the domain ({'; '.join(apart)}); check whether people read "
        f"{'it' if one else 'them'} as intended."
    )
    return [Reading("items", domain.domain, text)]


def _gap_text(name: str, gap: float) -> str:
    if gap > 0:
        return (
            f"Self-ratings in {name} run {gap:.1f} levels above reviews; "
            f"treat {name} figures as claimed."
        )
    return (
        f"Self-ratings in {name} run {-gap:.1f} levels below reviews; "
        f"{name} figures may understate the skills there."
    )


def _withheld_text(withheld: int, figures: Sequence[Figure]) -> str:
    required = figures[0].required
    return (
        f"{_count(withheld, 'figure')} {'is' if withheld == 1 else 'are'} withheld because "
        f"{'it rests' if withheld == 1 else 'they rest'} on fewer than {required} responses; "
        "each says how many more it needs."
    )


def _figures_of(item: ItemFigures) -> tuple[Figure, ...]:
    return (item.difficulty, item.item_rest)


def _domain_figures(domain: DomainFigures) -> tuple[Figure, ...]:
    return (
        domain.kappa,
        domain.inflation,
        domain.reproducibility,
        domain.scalability,
        domain.alpha,
    )


def _number(value: float | None) -> str:
    return "withheld" if value is None else f"{value:.2f}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
