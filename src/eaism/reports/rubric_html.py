"""A hiring rubric as one printable HTML page, with no scripts and no outside resources."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from eaism.reports.see_also import see_also_html

if TYPE_CHECKING:
    from eaism.planning.document_types import RubricDocument, RubricSectionEntry

STYLE = """
body { font: 11pt/1.45 system-ui, sans-serif; color: #1a1a1a; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border: 1px solid #ddd; }
th { width: 7rem; background: #f4f4f4; } .na { color: #666; } .emphasis { font-size: .85rem; color: #555; }
.score { margin-top: .5rem; } .box { display: inline-block; width: 1rem; height: 1rem; border: 1px solid #555; margin-right: .3rem; vertical-align: middle; }
.see-also { font-size: .9rem; color: #333; } section { break-inside: avoid; } @media print { body { margin: 0; } }
"""


def rubric_html(document: RubricDocument) -> str:
    title = f"Hiring rubric: {document['role_name']} at level {document['level']} ({document['level_name']})"
    sections = "\n".join(_section(section) for section in document["sections"])
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n<h1>{escape(title)}</h1>\n"
        "<p>Candidate: ____________________ Interviewer: ____________________ Date: __________</p>\n"
        f"{sections}\n</body>\n</html>\n"
    )


def _section(section: RubricSectionEntry) -> str:
    heading = escape(section["name"])
    if section["emphasis"]:
        heading += ' <span class="emphasis">(emphasis for this role)</span>'
    if not section["applicable"]:
        return f'<section>\n<h2>{heading}</h2>\n<p class="na">Not applicable at this level. {escape(section["meets"])}</p>\n</section>'
    rows = "".join(
        f"<tr><th>{label}</th><td>{escape(text)}</td></tr>"
        for label, text in (
            ("Below", section["below"]),
            ("Meets", section["meets"]),
            ("Exceeds", section["exceeds"]),
        )
    )
    questions = "".join(f"<li>{escape(question)}</li>" for question in section["questions"])
    evidence = "".join(f"<li>{escape(item)}</li>" for item in section["evidence"])
    boxes = " ".join(f'<span class="box"></span>{label}' for label in ("Below", "Meets", "Exceeds"))
    return (
        f"<section>\n<h2>{heading}</h2>\n<p>Expected: level {section['expected_level']}.</p>\n"
        f"<table>{rows}</table>\n<h3>Questions</h3>\n<ol>{questions}</ol>\n"
        f"<h3>Evidence to ask for</h3>\n<ul>{evidence}</ul>\n"
        f"{see_also_html(section['see_also'])}"
        f'<p class="score">{boxes}</p>\n</section>'
    )
