"""Horizontal bars: prototype debt per stalled pilot (months and monthly cost)."""

from __future__ import annotations

from collections.abc import Sequence

from eaism.charts.palette import LEVEL_COLOURS
from eaism.charts.svg import document, rect, text

WIDTH, ROW, LABEL_W, VALUE_W = 560, 22, 190, 120


def debt_svg(pilots: Sequence[tuple[str, float, float]]) -> str:
    """`pilots` as (name, months in pilot, monthly cost), longest-stalled first."""
    longest = max((months for _, months, _ in pilots), default=1) or 1
    span = WIDTH - LABEL_W - VALUE_W
    body = []
    for row, (name, months, cost) in enumerate(pilots):
        y = row * ROW + 2
        body.append(text(LABEL_W - 6, y + 14, name, "end", 11))
        body.append(
            rect(
                LABEL_W,
                y,
                span * months / longest,
                ROW - 6,
                LEVEL_COLOURS[4],
                f"{name}: {months:g} months",
            )
        )
        body.append(
            text(WIDTH - VALUE_W + 6, y + 14, f"{months:g} mo · {cost:,.0f}/mo", "start", 11)
        )
    described = (
        "; ".join(
            f"{name}: {months:g} months, {cost:,.0f} a month" for name, months, cost in pilots
        )
        or "No stalled pilots."
    )
    return document(WIDTH, max(len(pilots), 1) * ROW + 4, "Stalled pilots", described, body, "debt")
