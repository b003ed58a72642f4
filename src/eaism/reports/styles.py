"""The print stylesheet shared by every HTML and PDF report.

Layout rules keep charts, tables and diagnostics whole: none may be cut across a page edge.
"""

REPORT_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #5b6470; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; line-height: 1.45; color: #1b1f24; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 20pt; margin: 0 0 4mm; } h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid #d8dde3; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
.meta { color: #5b6470; } .summary { background: #eef4ff; border-left: 3pt solid #1f5fbf; padding: 3mm 4mm; }
figure, table, .diagnostic, .chart-block, section.keep { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 3mm 0; } svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9pt; }
th, td { border: 1px solid #d8dde3; padding: 1.2mm 2mm; text-align: left; vertical-align: top; } th { background: #f4f6f8; }
caption { text-align: left; color: #5b6470; padding-bottom: 1mm; }
.diagnostic { border-left: 3pt solid #d8dde3; padding: 1mm 4mm; margin: 3mm 0; }
.diagnostic.critical { border-color: #b42318; } .diagnostic.warning { border-color: #a15c00; } .diagnostic.info { border-color: #1f5fbf; }
.severity { text-transform: uppercase; font-size: 8pt; color: #5b6470; }
.suppressed { color: #5b6470; font-style: italic; }
"""
