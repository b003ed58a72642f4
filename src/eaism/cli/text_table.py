"""A plain fixed-width table, for views that must start fast (Rich costs ~85 ms to import)."""

from __future__ import annotations

from collections.abc import Sequence


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [
        max(len(str(row[index])) for row in [headers, *rows]) for index in range(len(headers))
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            f"{cell!s:<{width}}" for cell, width in zip(cells, widths, strict=True)
        ).rstrip()

    return [line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)]
