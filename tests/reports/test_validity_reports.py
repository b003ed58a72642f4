"""The validity report's HTML section: every figure the document has, every text escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from eaism.analysis.validity import validity_report
from eaism.io.round_export import read_round_export
from eaism.model.loader import load_edition
from eaism.reports.validity_html import validity_html
from tests.conftest import ROOT


class Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1] in {"td", "th", "li"}:
            self.cells.append(data)


def test_the_section_lists_every_domain_item_and_reading_and_escapes_the_round_name() -> None:
    loaded = read_round_export(
        ROOT / "examples" / "round-export.json", lambda name, overlays: load_edition(name, overlays)
    )
    report = validity_report(loaded.edition, loaded.responses, loaded.min_group_size)
    html = validity_html(loaded.edition, report, "<script>alert(1)</script> & co", None)
    assert html.startswith('<section id="validity"')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    parser = Cells()
    parser.feed(html)
    for domain in loaded.edition.domains:
        assert parser.cells.count(domain.name) == 2  # agreement and ladder tables
    for item in loaded.edition.item_index.values():
        assert item.label in parser.cells  # named by its words, never by its id
    for reading in report.readings:
        assert reading.text in parser.cells
