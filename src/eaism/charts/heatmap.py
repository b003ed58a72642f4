"""The domain x level heatmap: people at or above each level, shaded by share of the workforce."""

from __future__ import annotations

from collections.abc import Sequence

from eaism.charts.palette import HEAT, LINE, MUTED, NOT_APPLICABLE
from eaism.charts.svg import document, rect, text

CELL_W, CELL_H, LABEL_W, HEAD_H = 64, 26, 150, 24
BREAKS = (0.03, 0.1, 0.3, 0.6)  # shares of the workforce between the shades


def heatmap_svg(
    domains: Sequence[str], counts: Sequence[Sequence[int | str | None]], people: int
) -> str:
    """`counts[d][l-1]` people at or above level l in domain d, or None where there is no cell.

    A text instead of a count (such as "withheld", for privacy) is shown as it is, unshaded.
    """
    columns = max((len(cells) for cells in counts), default=0)
    body = [
        text(LABEL_W + CELL_W * (level - 0.5), HEAD_H - 8, f"L{level}")
        for level in range(1, columns + 1)
    ]
    for row, (domain, cells) in enumerate(zip(domains, counts, strict=True)):
        y = HEAD_H + row * CELL_H
        body.append(text(LABEL_W - 8, y + CELL_H / 2 + 4, domain, "end", 11))
        for column, count in enumerate(cells):
            x = LABEL_W + column * CELL_W
            label = f"{domain} level {column + 1}: " + (
                "not applicable" if count is None else f"{count} people"
            )
            number = count if isinstance(count, int) else None
            body.append(rect(x, y, CELL_W - 2, CELL_H - 2, _shade(number, people), label))
            body.append(
                text(
                    x + CELL_W / 2 - 1,
                    y + CELL_H / 2 + 4,
                    "n/a" if count is None else str(count),
                    size=11,
                    fill=MUTED if number is None else "#1b1f24",
                )
            )
    body.append(
        f'<rect x="{LABEL_W}" y="{HEAD_H}" width="{CELL_W * columns - 2}" height="{CELL_H * len(domains) - 2}" fill="none" stroke="{LINE}"/>'
    )
    described = "; ".join(
        f"{domain}: " + ", ".join("n/a" if c is None else str(c) for c in cells)
        for domain, cells in zip(domains, counts, strict=True)
    )
    return document(
        LABEL_W + CELL_W * columns,
        HEAD_H + CELL_H * len(domains),
        "People at or above each level, per domain",
        described,
        body,
        "heatmap",
    )


def shade_step(count: int | None, people: int) -> int | None:
    """The shade of a cell, 0 (lightest) to len(BREAKS) (darkest); None where there is no cell."""
    if count is None:
        return None
    share = count / max(people, 1)
    return sum(share >= edge for edge in BREAKS)


def _shade(count: int | None, people: int) -> str:
    step = shade_step(count, people)
    return NOT_APPLICABLE if step is None else HEAT[step]
