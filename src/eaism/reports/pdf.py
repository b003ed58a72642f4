"""HTML to PDF with WeasyPrint: offline, vector output, fonts from the system."""

from __future__ import annotations


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())
