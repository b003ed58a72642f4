"""Small helpers for writing accessible, deterministic SVG by hand."""

from __future__ import annotations

from html import escape


def number(value: float) -> str:
    """Coordinates with at most two decimals and no trailing zeros, for stable output."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def document(
    width: float, height: float, title: str, description: str, body: list[str], css_class: str
) -> str:
    """An SVG element with a title and description that screen readers announce."""
    slug = css_class.replace(" ", "-")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {escape(css_class)}" viewBox="0 0 {number(width)} {number(height)}" '
        f'role="img" aria-labelledby="{slug}-title {slug}-desc">'
        f'<title id="{slug}-title">{escape(title)}</title><desc id="{slug}-desc">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def text(x: float, y: float, content: str, css_class: str = "", anchor: str = "middle") -> str:
    return f'<text x="{number(x)}" y="{number(y)}" text-anchor="{anchor}" class="{css_class}">{escape(content)}</text>'
