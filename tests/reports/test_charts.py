"""SVG charts: exact output for fixed inputs, and accessible names on every chart."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eaism.charts.bars import debt_svg
from eaism.charts.heatmap import heatmap_svg
from eaism.charts.ladder import ladder_svg
from eaism.charts.pyramid import pyramid_svg
from eaism.charts.radar import radar_svg
from eaism.charts.trend import trend_svg

EXPECTED = Path(__file__).parent / "expected"
DOMAINS = [
    "prompting",
    "apis_integration",
    "rag_retrieval",
    "evaluation",
    "observability",
    "security",
    "governance",
    "strategy",
]
LEVEL_NAMES = [
    "Not yet",
    "AI Consumer",
    "AI Builder",
    "AI Systems Engineer",
    "AI Architect",
    "AI Transformation Leader",
]

CHARTS = {
    "radar.svg": lambda: radar_svg(
        DOMAINS,
        [("Self", [3, 3, 2, 2, 2, 3, 0, 2]), ("Reviewed", [2, 3, 2, 2, 1, 3, 0, 2])],
        top=5,
    ),
    "pyramid.svg": lambda: pyramid_svg([0, 51, 52, 3, 0, 0], LEVEL_NAMES),
    "heatmap.svg": lambda: heatmap_svg(
        DOMAINS[:3], [[106, 55, 3, 1, 0], [106, 55, 3, 1, 0], [None, 42, 3, 1, 0]], 106
    ),
    "ladder.svg": lambda: ladder_svg(
        ["Unmanaged", "Piloting", "In production", "Platform", "AI-native"], 2, 2
    ),
    "debt.svg": lambda: debt_svg(
        [("Returns assistant", 18, 1950.0), ("Invoice reader", 7, 2400.0)]
    ),
    "trend.svg": lambda: trend_svg(
        ["Spring", "Autumn"], [[0, 60, 40, 2, 0, 0], [0, 51, 52, 3, 0, 0]]
    ),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_charts_are_exactly_as_expected(name: str) -> None:
    produced = CHARTS[name]()
    if os.environ.get("EAISM_UPDATE_SNAPSHOTS") == "1":
        (EXPECTED / name).write_text(produced)
    assert produced == (EXPECTED / name).read_text()


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_has_a_title_and_a_description(name: str) -> None:
    produced = CHARTS[name]()
    assert re.search(
        r'<title id="[a-z]+-title">[^<]+</title><desc id="[a-z]+-desc">[^<]+</desc>', produced
    )
    assert 'role="img"' in produced


@given(st.lists(st.integers(0, 500), min_size=6, max_size=6))
def test_the_pyramid_is_deterministic_and_names_every_count(counts: list[int]) -> None:
    produced = pyramid_svg(counts, LEVEL_NAMES)
    assert produced == pyramid_svg(counts, LEVEL_NAMES)
    for level, count in enumerate(counts):
        assert f"Level {level}: {count}" in produced


def test_text_in_charts_is_escaped() -> None:
    produced = debt_svg([("<script>alert(1)</script> & co", 7, 10.0)])
    assert "<script>" not in produced
    assert "&lt;script&gt;" in produced
