"""The workforce pyramid: head count per operating level, the highest level at the top."""

from __future__ import annotations

from collections.abc import Sequence

from eaism.charts.palette import LEVEL_COLOURS
from eaism.charts.svg import document, rect, text

WIDTH, ROW, LABEL, VALUE = 480, 30, 44, 64  # VALUE fits a count or "withheld"


def pyramid_svg(by_level: Sequence[int | str], names: Sequence[str]) -> str:
    """`by_level[l]` people at operating level l (0 = below level 1, up to the edition's
    highest); bars are centred, as in a pyramid.

    A text instead of a count (such as "withheld", for privacy) is shown as it is, with no bar:
    the bar's length would tell the count.
    """
    counts = [count if isinstance(count, int) else 0 for count in by_level]
    widest = max(counts) or 1
    shown = [str(count) for count in by_level]
    span = WIDTH - LABEL - VALUE
    body = []
    for row, level in enumerate(reversed(range(len(by_level)))):
        width = span * counts[level] / widest
        y = row * ROW + 4
        body.append(
            rect(
                LABEL + (span - width) / 2,
                y,
                width,
                ROW - 8,
                LEVEL_COLOURS[level % len(LEVEL_COLOURS)],  # an edition may have more levels
                f"Level {level}: {shown[level]}",
            )
        )
        body.append(text(LABEL - 6, y + ROW / 2, f"L{level}", "end"))
        body.append(text(WIDTH - VALUE + 6, y + ROW / 2, shown[level], "start"))
    described = ", ".join(
        f"Level {level} ({name}): {count}"
        for level, (name, count) in enumerate(zip(names, shown, strict=True))
    )
    height = len(by_level) * ROW + 4
    return document(WIDTH, height, "Workforce by operating level", described, body, "pyramid")
