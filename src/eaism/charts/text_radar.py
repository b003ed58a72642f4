"""A radar chart drawn with characters, for terminals.

Spokes run clockwise from the top, one per domain, numbered at their outer end; the profile
is the polygon of `*` joining each domain's level. A legend beside it names the spokes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

RADIUS = 8
X_STRETCH = 2  # terminal cells are about twice as tall as they are wide
SPOKE, EDGE, VERTEX = "·", "*", "o"


def text_radar(labels: Sequence[str], values: Sequence[float], maximum: float) -> list[str]:
    """Lines of a radar chart of `values` (0..maximum, the edition's top level), with a legend
    to its right."""
    width, height = (2 * RADIUS + 3) * X_STRETCH, 2 * RADIUS + 3
    grid = [[" "] * width for _ in range(height)]
    centre = (height // 2, width // 2)
    ends = [_point(centre, index, len(labels), RADIUS + 1) for index in range(len(labels))]
    for end in ends:
        _line(grid, centre, end, SPOKE)
    vertices = [
        _point(centre, index, len(labels), RADIUS * min(max(value, 0), maximum) / maximum)
        for index, value in enumerate(values)
    ]
    for index, vertex in enumerate(vertices):
        _line(grid, vertex, vertices[(index + 1) % len(vertices)], EDGE)
    for vertex in vertices:
        _put(grid, vertex, VERTEX)
    for index, end in enumerate(ends):
        _put(grid, end, str(index + 1))
    legend = [
        f"{index + 1} {label}  {value:g}"
        for index, (label, value) in enumerate(zip(labels, values, strict=True))
    ]
    lines = ["".join(row).rstrip() for row in grid]
    top = (height - len(legend)) // 2
    return [
        f"{line:<{width}}  {legend[row - top]}" if 0 <= row - top < len(legend) else line
        for row, line in enumerate(lines)
    ]


def _point(centre: tuple[int, int], index: int, count: int, radius: float) -> tuple[int, int]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    row = centre[0] + round(radius * math.sin(angle))
    column = centre[1] + round(radius * math.cos(angle) * X_STRETCH)
    return row, column


def _line(grid: list[list[str]], start: tuple[int, int], end: tuple[int, int], mark: str) -> None:
    steps = max(abs(end[0] - start[0]), abs(end[1] - start[1]), 1)
    for step in range(steps + 1):
        row = start[0] + round((end[0] - start[0]) * step / steps)
        column = start[1] + round((end[1] - start[1]) * step / steps)
        if grid[row][column] in {" ", SPOKE} or (mark == EDGE and grid[row][column] == SPOKE):
            grid[row][column] = mark


def _put(grid: list[list[str]], point: tuple[int, int], mark: str) -> None:
    grid[point[0]][point[1]] = mark
