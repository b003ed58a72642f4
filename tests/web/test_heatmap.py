"""The dashboard's heatmap: a table shaded light to dark, each shade readable (>= 4.5:1)."""

from __future__ import annotations

import re
from pathlib import Path

from eaism.charts.heatmap import BREAKS, shade_step
from eaism.web.organisations.dashboard import heatmap_legend, heatmap_rows

CSS = Path(__file__).resolve().parents[2] / "src/eaism/web/static/eaism/site.css"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shades() -> dict[int, tuple[str, str]]:
    rules = re.findall(
        r"\.heat-(\d) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{3,6}); \}", CSS.read_text()
    )
    return {int(step): (background, six_digits(text)) for step, background, text in rules}


def six_digits(colour: str) -> str:
    return "#" + "".join(ch * 2 for ch in colour[1:]) if len(colour) == 4 else colour


def test_every_shade_has_text_of_at_least_4_5_to_1() -> None:
    found = shades()
    assert sorted(found) == list(range(len(BREAKS) + 1))
    for background, text in found.values():
        assert contrast(background, text) >= 4.5, (background, text)


def test_the_shades_run_from_light_to_dark() -> None:
    found = shades()
    lightness = [luminance(found[step][0]) for step in sorted(found)]
    assert lightness == sorted(lightness, reverse=True)


def test_the_rows_carry_each_count_and_its_shade() -> None:
    document = {
        "workforce": {"people": 100},
        "heatmap": {"prompting": {"1": 90, "2": 20, "3": 5, "4": 1, "5": None}},
    }
    [row] = heatmap_rows(document)
    assert row["domain"] == "prompting"
    assert [(c["level"], c["count"], c["shade"]) for c in row["cells"]] == [
        (1, 90, 4),
        (2, 20, 2),
        (3, 5, 1),
        (4, 1, 0),
        (5, None, None),
    ]
    assert shade_step(0, 0) == 0


def test_the_legend_names_each_shade_s_range() -> None:
    legend = heatmap_legend()
    assert [step["shade"] for step in legend] == list(range(len(BREAKS) + 1))
    assert legend[0]["low"] == 0
    assert legend[0]["high"] == BREAKS[0]
    assert legend[-1]["high"] is None
