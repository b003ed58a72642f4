"""The domain radar: one axis per domain, levels 0-5, one or several profiles overlaid."""

from __future__ import annotations

import math
from collections.abc import Sequence

from eaism.charts.palette import LINE, PROFILE_COLOURS
from eaism.charts.svg import document, number, text

SIZE = 420
CENTRE = SIZE / 2
RADIUS = 130
LEVELS = 5


def radar_svg(
    labels: Sequence[str],
    profiles: Sequence[tuple[str, Sequence[float]]],
    title: str = "Domain profile",
) -> str:
    """`profiles` pairs a name (self, reviewed, ...) with one level per label."""
    body = [_ring(level, len(labels)) for level in range(1, LEVELS + 1)]
    for index, label in enumerate(labels):
        x, y = _point(index, len(labels), LEVELS)
        body.append(
            f'<line x1="{number(CENTRE)}" y1="{number(CENTRE)}" x2="{number(x)}" y2="{number(y)}" stroke="{LINE}"/>'
        )
        lx, ly = _point(index, len(labels), LEVELS + 1.1)
        body.append(text(lx, ly + 4, label, size=11))
    for position, (name, values) in enumerate(profiles):
        colour = PROFILE_COLOURS[position % len(PROFILE_COLOURS)]
        points = " ".join(
            f"{number(x)},{number(y)}"
            for x, y in (_point(i, len(labels), v) for i, v in enumerate(values))
        )
        body.append(
            f'<polygon points="{points}" fill="{colour}" fill-opacity="0.2" stroke="{colour}" stroke-width="2" '
            f'class="profile profile-{position}"><title>{name}</title></polygon>'
        )
    described = "; ".join(
        f"{name}: "
        + ", ".join(f"{label} {value:g}" for label, value in zip(labels, values, strict=True))
        for name, values in profiles
    )
    return document(SIZE, SIZE, title, described, body, "radar")


def _ring(level: int, count: int) -> str:
    points = " ".join(
        f"{number(x)},{number(y)}" for x, y in (_point(i, count, level) for i in range(count))
    )
    return f'<polygon points="{points}" fill="none" stroke="{LINE}"/>'


def _point(index: int, count: int, level: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * level / LEVELS
    return CENTRE + distance * math.cos(angle), CENTRE + distance * math.sin(angle)
