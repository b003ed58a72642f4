"""Small helpers for writing accessible, deterministic SVG by hand."""

from __future__ import annotations

from html import escape

from eaism.charts.palette import INK

FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def number(value: float) -> str:
    """Coordinates with at most two decimals and no trailing zeros, for stable output."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def document(
    width: float, height: float, title: str, description: str, body: list[str], name: str
) -> str:
    """An SVG element with a title and description that screen readers announce."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {name}" width="{number(width)}" height="{number(height)}" '
        f'viewBox="0 0 {number(width)} {number(height)}" role="img" aria-labelledby="{name}-title {name}-desc" {FONT}>'
        f'<title id="{name}-title">{escape(title)}</title><desc id="{name}-desc">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def text(
    x: float, y: float, content: str, anchor: str = "middle", size: int = 12, fill: str = INK
) -> str:
    return (
        f'<text x="{number(x)}" y="{number(y)}" text-anchor="{anchor}" font-size="{size}" fill="{fill}">'
        f"{escape(content)}</text>"
    )


def rect(x: float, y: float, width: float, height: float, fill: str, label: str = "") -> str:
    tooltip = f"<title>{escape(label)}</title>" if label else ""
    return (
        f'<rect x="{number(x)}" y="{number(y)}" width="{number(width)}" height="{number(height)}" fill="{fill}">'
        f"{tooltip}</rect>"
    )
