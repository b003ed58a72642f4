"""The stage ladder: the five stages as steps, the organisation's stage and its workforce's marked."""

from __future__ import annotations

from collections.abc import Sequence

from eaism.charts.palette import HEAT, INK, LINE
from eaism.charts.svg import document, rect, text

STEP_W, STEP_H = 104, 26


def ladder_svg(names: Sequence[str], stage: int, workforce_stage: int) -> str:
    body = []
    for index, name in enumerate(names):
        number = index + 1
        x, y = index * STEP_W, (len(names) - number) * STEP_H
        fill = HEAT[4] if number <= stage else HEAT[0]
        body.append(rect(x, y, STEP_W - 4, STEP_H * number - 2, fill, f"Stage {number}: {name}"))
        body.append(
            text(
                x + (STEP_W - 4) / 2,
                y + 16,
                f"{number}. {name}",
                size=10,
                fill="#ffffff" if number <= stage else INK,
            )
        )
    marker_x = (workforce_stage - 0.5) * STEP_W - 2
    body.append(
        f'<line x1="{marker_x}" y1="0" x2="{marker_x}" y2="{STEP_H * len(names)}" stroke="{INK}" stroke-dasharray="4 3"/>'
    )
    body.append(
        f'<rect x="0" y="0" width="{STEP_W * len(names)}" height="{STEP_H * len(names)}" fill="none" stroke="{LINE}"/>'
    )
    described = f"The organisation is at stage {stage} ({names[stage - 1]}); its workforce carries stage {workforce_stage}."
    return document(
        STEP_W * len(names), STEP_H * len(names), "Maturity stage", described, body, "ladder"
    )
