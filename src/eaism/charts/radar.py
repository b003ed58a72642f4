"""The domain radar: one axis per domain, levels 0-5, one or several profiles overlaid."""

from __future__ import annotations

import math
from collections.abc import Sequence

from eaism.charts.svg import document, number, text

SIZE = 360
CENTRE = SIZE / 2
RADIUS = 120
LEVELS = 5


def radar_svg(
    labels: Sequence[str],
    profiles: Sequence[tuple[str, Sequence[float]]],
    title: str = "Domain profile",
) -> str:
    """`profiles` pairs a name (self, reviewed, ...) with one level per label."""
    body = [_ring(level, len(labels)) for level in range(1, LEVELS + 1)]
    for index, label in enumerate(labels):
        x, y = _point(index, len(labels), LEVELS + 0.1)
        body.append(
            f'<line x1="{number(CENTRE)}" y1="{number(CENTRE)}" x2="{number(x)}" y2="{number(y)}" class="axis"/>'
        )
        lx, ly = _point(index, len(labels), LEVELS + 1.0)
        body.append(text(lx, ly + 4, label, "label"))
    for position, (name, values) in enumerate(profiles):
        points = " ".join(
            f"{number(x)},{number(y)}"
            for x, y in (_point(i, len(labels), value) for i, value in enumerate(values))
        )
        body.append(
            f'<polygon points="{points}" class="profile profile-{position}"><title>{name}</title></polygon>'
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
    return f'<polygon points="{points}" class="ring"/>'


def _point(index: int, count: int, level: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * level / LEVELS
    return CENTRE + distance * math.cos(angle), CENTRE + distance * math.sin(angle)
