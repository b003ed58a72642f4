"""The workforce pyramid: head count per operating level, Level 5 at the top."""

from __future__ import annotations

from collections.abc import Sequence

from eaism.charts.palette import LEVEL_COLOURS
from eaism.charts.svg import document, rect, text

WIDTH, ROW, LABEL = 460, 30, 44


def pyramid_svg(by_level: Sequence[int], names: Sequence[str]) -> str:
    """`by_level[l]` people at operating level l (0-5); bars are centred, as in a pyramid."""
    widest = max(by_level) or 1
    span = WIDTH - 2 * LABEL
    body = []
    for row, level in enumerate(range(5, -1, -1)):
        width = span * by_level[level] / widest
        y = row * ROW + 4
        body.append(
            rect(
                LABEL + (span - width) / 2,
                y,
                width,
                ROW - 8,
                LEVEL_COLOURS[level],
                f"Level {level}: {by_level[level]}",
            )
        )
        body.append(text(LABEL - 6, y + ROW / 2, f"L{level}", "end"))
        body.append(text(WIDTH - LABEL + 6, y + ROW / 2, str(by_level[level]), "start"))
    described = ", ".join(
        f"Level {level} ({names[level]}): {by_level[level]}" for level in range(6)
    )
    return document(WIDTH, 6 * ROW + 4, "Workforce by operating level", described, body, "pyramid")
