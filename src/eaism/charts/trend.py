"""Trend lines between rounds: head count at each operating level, round by round."""

from __future__ import annotations

from collections.abc import Sequence

from eaism.charts.palette import LEVEL_COLOURS, LINE
from eaism.charts.svg import document, number, text

WIDTH, HEIGHT, PAD = 480, 220, 36


def trend_svg(rounds: Sequence[str], by_level: Sequence[Sequence[int]]) -> str:
    """`by_level[r][l]` people at level l in round r."""
    top = max((count for counts in by_level for count in counts), default=1) or 1
    step = (WIDTH - 2 * PAD) / max(len(rounds) - 1, 1)
    body = [
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="{LINE}"/>'
    ]
    for index, name in enumerate(rounds):
        body.append(text(PAD + index * step, HEIGHT - PAD + 16, name, size=10))
    for level in range(max((len(counts) for counts in by_level), default=0)):
        colour = LEVEL_COLOURS[level % len(LEVEL_COLOURS)]  # an edition may have more levels
        points = [
            (PAD + index * step, HEIGHT - PAD - (HEIGHT - 2 * PAD) * counts[level] / top)
            for index, counts in enumerate(by_level)
        ]
        path = " ".join(f"{number(x)},{number(y)}" for x, y in points)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"><title>Level {level}</title></polyline>'
        )
        if points:
            body.append(text(points[-1][0] + 6, points[-1][1] + 4, f"L{level}", "start", 10))
    described = "; ".join(
        f"{name}: " + ", ".join(f"L{level} {count}" for level, count in enumerate(counts))
        for name, counts in zip(rounds, by_level, strict=True)
    )
    return document(
        WIDTH, HEIGHT, "People per operating level, round by round", described, body, "trend"
    )
