"""Every report renders whatever levels and domains its edition has (issue 13): each test runs
on 2026.1, 2026.2 and the four-level, six-domain test edition."""

from __future__ import annotations

import io
from datetime import date
from html import escape

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from eaism.analysis.document import analysis_document
from eaism.analysis.organisation import Organisation
from eaism.analysis.report import analyse
from eaism.charts.pyramid import pyramid_svg
from eaism.model.schema import Edition
from eaism.planning.document import roadmap_document, training_document
from eaism.planning.roadmap import profile_of, roadmap
from eaism.planning.training import training_plan
from eaism.reports.organisation_markdown import analysis_markdown
from eaism.reports.organisation_report import organisation_report_html
from eaism.reports.person_markdown import person_markdown
from eaism.reports.person_report import person_report_html
from eaism.reports.spreadsheet import analysis_sheets, workbook_bytes
from eaism.scoring.document import person_document
from eaism.scoring.profile import score_person
from tests.factories import HEALTHY_PRACTICES, answers_up_to, people_at, pilot, response


def organisation(edition: Edition) -> Organisation:
    levels = [level for level in (0, *edition.level_numbers) for _ in range(8)]
    teams = [f"team-{index % 3}" for index in range(len(levels))]
    return Organisation(
        people=people_at(edition, levels, teams),
        systems=(pilot("agent", months=9),),
        practices=dict(HEALTHY_PRACTICES),
    )


def test_a_person_report_names_every_domain_at_every_level(any_edition: Edition) -> None:
    for level in (0, *any_edition.level_numbers):
        answers = answers_up_to(any_edition, level)
        result = score_person(any_edition, [response(answers, edition_id=any_edition.id)])
        document = person_document(any_edition, result)
        assert list(document["domains"]) == list(any_edition.domain_ids)
        text = person_markdown(document)
        assert f"**Operating level {level}" in text
        for domain in any_edition.domains:
            assert domain.name in text
        plan = roadmap_document(
            any_edition, roadmap(any_edition, profile_of(result), "software_engineer")
        )
        html = person_report_html(any_edition, document, plan, date(2026, 11, 28))
        assert all(escape(domain.name) in html for domain in any_edition.domains)


def test_the_analysis_shows_every_level_and_domain(any_edition: Edition) -> None:
    analysis = analyse(any_edition, organisation(any_edition))
    document = analysis_document(any_edition, analysis)
    every_level = [str(level) for level in (0, *any_edition.level_numbers)]
    assert list(document["workforce"]["by_level"]) == every_level
    assert list(document["heatmap"]) == list(any_edition.domain_ids)
    for counts in document["heatmap"].values():
        assert list(counts) == every_level[1:]
    header = " | ".join(f"L{level}" for level in any_edition.level_numbers)
    assert f"| Domain | {header} |\n" in analysis_markdown(document)


def test_the_spreadsheet_has_a_row_per_level_and_a_column_per_level(any_edition: Edition) -> None:
    found = organisation(any_edition)
    document = analysis_document(any_edition, analyse(any_edition, found))
    training = training_document(training_plan(any_edition, found.people), False)
    workbook = load_workbook(io.BytesIO(workbook_bytes(analysis_sheets(document, training))))
    levels = [row[0] for row in workbook["Workforce"].iter_rows(min_row=2, values_only=True)]
    assert levels == [0, *any_edition.level_numbers]
    heat = list(workbook["Heatmap"].iter_rows(values_only=True))
    assert len(heat[0]) == 1 + len(any_edition.level_numbers)
    assert [row[0] for row in heat[1:]] == list(any_edition.domain_ids)


def test_the_board_report_renders_every_level_and_domain(any_edition: Edition) -> None:
    found = organisation(any_edition)
    document = analysis_document(any_edition, analyse(any_edition, found))
    training = training_document(training_plan(any_edition, found.people), False)
    html = organisation_report_html(any_edition, document, training, date(2026, 11, 28))
    coverage = html[html.index('<section id="heatmap">') : html.index('<section id="diagnostics">')]
    header = "".join(f"<th>L{level}</th>" for level in any_edition.level_numbers)
    assert f"<th>Domain</th>{header}</tr>" in coverage
    for domain_id, counts in document["heatmap"].items():
        cells = "".join(f"<td>{'n/a' if n is None else n}</td>" for n in counts.values())
        assert f"<tr><td>{domain_id}</td>{cells}</tr>" in coverage
    for level in any_edition.levels:
        assert escape(level.name) in html


@given(st.data())
def test_the_pyramid_names_every_level_of_the_edition(
    any_edition: Edition, data: st.DataObject
) -> None:
    names = ["Not yet", *(level.name for level in any_edition.levels)]
    counts = data.draw(st.lists(st.integers(0, 500), min_size=len(names), max_size=len(names)))
    produced = pyramid_svg(counts, names)
    assert produced == pyramid_svg(counts, names)
    for level, count in enumerate(counts):
        assert f"Level {level}: {count}" in produced
