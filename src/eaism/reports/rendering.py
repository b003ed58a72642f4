"""Jinja2 rendering of report templates, with autoescaping and the charts passed in as markup."""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("eaism.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = lambda value, digits=0: f"{value:,.{digits}f}"
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def stylesheet(css: str) -> Markup:
    """Our own print stylesheet, for a `<style>` element: HTML does not decode entities there,
    so an escaped quote (in `font-family` or a page counter's text) would break the rule."""
    return Markup(css)


def svg(markup: str) -> Markup:
    """Chart SVG is built by our own chart functions, which escape every text they write."""
    return Markup(markup)
