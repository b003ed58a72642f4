"""A job-ad outline as Markdown, or as one HTML page with no scripts and no outside resources."""

from __future__ import annotations

from html import escape

from eaism.planning.job_ad_outline import JobAdOutline, OutlineSection

STYLE = """
body { font: 11pt/1.5 system-ui, sans-serif; color: #1a1a1a; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; }
li { margin: .25rem 0; } footer { margin-top: 2rem; font-size: .9rem; color: #555; }
@media print { body { margin: 0; } }
"""


def job_ad_outline_markdown(outline: JobAdOutline) -> str:
    lines = [
        f"# {outline.title}",
        "",
        outline.summary,
        "",
        "## Responsibilities",
        "",
        *(_item(section, section.responsibility) for section in outline.sections),
        "",
        "## Requirements",
        "",
        *(_item(section, section.requirement) for section in _requiring(outline)),
        "",
        "---",
        "",
        _note(outline),
    ]
    return "\n".join(lines) + "\n"


def job_ad_outline_html(outline: JobAdOutline) -> str:
    responsibilities = "".join(
        f"<li><strong>{escape(section.name)}:</strong> {escape(section.responsibility)}</li>"
        for section in outline.sections
    )
    requirements = "".join(
        f"<li><strong>{escape(section.name)}:</strong> {escape(section.requirement)}</li>"
        for section in _requiring(outline)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(outline.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(outline.title)}</h1>\n<p>{escape(outline.summary)}</p>\n"
        f"<h2>Responsibilities</h2>\n<ul>{responsibilities}</ul>\n"
        f"<h2>Requirements</h2>\n<ul>{requirements}</ul>\n"
        f"<footer>{escape(_note(outline).replace('`', ''))}</footer>\n</body>\n</html>\n"
    )


def _item(section: OutlineSection, text: str) -> str:
    return f"- **{section.name}:** {text}"


def _requiring(outline: JobAdOutline) -> list[OutlineSection]:
    """The sections with a requirement: a cell without keywords has no phrase to ask for."""
    return [section for section in outline.sections if section.requirement]


def _note(outline: JobAdOutline) -> str:
    return (
        f"Written from the hiring rubric for level {outline.level}, {outline.level_name}, and the "
        f"role {outline.role_name}; the role's emphasis domains come first. Edit it to fit the "
        "job, then check it with `eaism jd check`."
    )
