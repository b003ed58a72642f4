"""A cell's references to other frameworks as one "See also" line, in Markdown or HTML.

The references come from result documents (a framework, an id and a label each); ESCO identifiers
are web addresses, so they are written as links and the others as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from eaism.model.crosswalk import FRAMEWORK_NAMES

if TYPE_CHECKING:  # typing_extensions would slow the CLI's start-up
    from eaism.scoring.document_types import ReferenceEntry as Reference


def see_also_markdown(references: Iterable[Reference]) -> str:
    """'' when there are none, else "See also: ..." with one entry per reference."""
    entries = references_markdown(references)
    return f"See also: {entries}." if entries else ""


def references_markdown(references: Iterable[Reference]) -> str:
    return "; ".join(_markdown_entry(reference) for reference in references)


def see_also_html(references: Iterable[Reference]) -> str:
    entries = [_html_entry(reference) for reference in references]
    if not entries:
        return ""
    return f'<p class="see-also">See also: {"; ".join(entries)}.</p>\n'


def _markdown_entry(reference: Reference) -> str:
    name = FRAMEWORK_NAMES[reference["framework"]]
    if _is_link(reference):
        return f"{name} [{reference['label']}]({reference['id']})"
    return f"{name} {reference['id']} ({reference['label']})"


def _html_entry(reference: Reference) -> str:
    name = FRAMEWORK_NAMES[reference["framework"]]
    label = escape(reference["label"])
    if _is_link(reference):
        return f'{name} <a href="{escape(reference["id"])}">{label}</a>'
    return f"{name} {escape(reference['id'])} ({label})"


def _is_link(reference: Reference) -> bool:
    return reference["id"].startswith("http://data.europa.eu/esco/")
