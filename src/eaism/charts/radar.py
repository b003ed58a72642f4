"""The domain radar: one axis per domain, from 0 to the edition's top level, one or several
profiles overlaid."""

from __future__ import annotations

import math
from collections.abc import Sequence

from eaism.charts.palette import LINE, PROFILE_COLOURS
from eaism.charts.svg import document, number, text

SIZE = 420
CENTRE = SIZE / 2
RADIUS = 130


def radar_svg(
    labels: Sequence[str],
    profiles: Sequence[tuple[str, Sequence[float]]],
    top: int,
    title: str = "Domain profile",
) -> str:
    """`profiles` pairs a name (self, reviewed, ...) with one level per label; `top` is the
    edition's highest level, the outer ring."""
    body = [_ring(level, len(labels), top) for level in range(1, top + 1)]
    for index, label in enumerate(labels):
        x, y = _point(index, len(labels), top, top)
        body.append(
            f'<line x1="{number(CENTRE)}" y1="{number(CENTRE)}" x2="{number(x)}" y2="{number(y)}" stroke="{LINE}"/>'
        )
        lx, ly = _point(index, len(labels), top + 1.1, top)
        body.append(text(lx, ly + 4, label, size=11))
    for position, (name, values) in enumerate(profiles):
        colour = PROFILE_COLOURS[position % len(PROFILE_COLOURS)]
        points = " ".join(
            f"{number(x)},{number(y)}"
            for x, y in (_point(i, len(labels), v, top) for i, v in enumerate(values))
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


def _ring(level: int, count: int, top: int) -> str:
    points = " ".join(
        f"{number(x)},{number(y)}" for x, y in (_point(i, count, level, top) for i in range(count))
    )
    return f'<polygon points="{points}" fill="none" stroke="{LINE}"/>'


def _point(index: int, count: int, level: float, top: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * level / top
    return CENTRE + distance * math.cos(angle), CENTRE + distance * math.sin(angle)
