"""The analysis document with small cells withheld: what may be published to aggregate viewers.

Every count table of the document goes through the rule of `disclosure`: the pyramid and the
team breakdown together (the teams' columns add up to the pyramid, their rows to each team's
size), the heatmap one domain at a time, the training needs. Figures derived from the counts
follow them: "people at or above a level" is shown only when the shown per-level counts give it
anyway, and a hire recommendation, a stage reason or a diagnostic that quotes a withheld figure
says "withheld" instead of the number. A withheld cell is `null` in the JSON and listed under
`withheld`; a `null` not listed there is a cell the model does not have.
"""

from __future__ import annotations

import copy
from typing import Any

from eaism.analysis.disclosure import (
    Line,
    at_least_is_derivable,
    is_small,
    withheld_cells,
    withheld_cumulative,
)
from eaism.model.schema import Edition

WITHHELD = "withheld"
# Diagnostic evidence that is a head count, and the figure it is: ("level", l) people at exactly
# level l, ("at_least", l) people at level l or above. The other evidence counts systems.
HEAD_COUNTS: dict[str, dict[str, tuple[str, int]]] = {
    "LEVEL3_BOTTLENECK": {"builders": ("level", 2), "systems_engineers": ("at_least", 3)},
    "LEVEL3_GAP": {
        "at_level_2": ("level", 2),
        "at_level_3": ("level", 3),
        "at_level_4": ("level", 4),
    },
    "SHADOW_AI": {"users": ("at_least", 1)},
    "HIRE_L5_BEFORE_L3": {"systems_engineers": ("at_least", 3)},
    "HIRE_L3_WITHOUT_L2": {"builders": ("at_least", 2)},
    "MYTH_PLATFORM_EQUALS_PRODUCTION": {"systems_engineers": ("at_least", 3)},
}


def protect(edition: Edition, document: dict[str, Any], threshold: int) -> dict[str, Any]:
    """A copy of `document` (an analysis document) with every small or derivable cell withheld."""
    protected = copy.deepcopy(document)
    withheld: dict[str, Any] = {"threshold": threshold}
    levels = _protect_workforce(protected["workforce"], threshold, withheld)
    at_least = _at_least(document["workforce"]["by_level"])
    count = len(at_least)  # operating levels, from 0 to the edition's highest
    shown_at_least = [at_least_is_derivable(levels, level, count) for level in range(count)]
    _protect_heatmap(protected, threshold, withheld)
    _protect_training(protected, threshold, withheld)
    _protect_hiring(protected["hiring"], at_least, shown_at_least, withheld)
    _protect_stage(edition, protected["stage"], at_least, shown_at_least)
    _protect_diagnostics(edition, protected, levels, shown_at_least, withheld)
    protected["withheld"] = withheld
    return protected


def shown(document: dict[str, Any]) -> dict[str, Any]:
    """A copy for renderers (pages, reports, spreadsheets): each withheld cell reads "withheld"."""
    display = copy.deepcopy(document)
    withheld = display.get("withheld", {})
    workforce = display["workforce"]
    for level in withheld.get("by_level", ()):
        workforce["by_level"][level] = WITHHELD
    for team in workforce["teams"]:
        for level in withheld.get("teams", {}).get(team["team"], ()):
            team["by_level"][level] = WITHHELD
    for domain, cells in withheld.get("heatmap", {}).items():
        for level in cells:
            display["heatmap"][domain][level] = WITHHELD
    for need in display["training"]:
        for field in withheld.get("training", {}).get(f"{need['domain']}.{need['level']}", ()):
            need[field] = WITHHELD
    for phase in display["hiring"]["phases"]:
        if phase["number"] in withheld.get("hiring", ()):
            phase["people_at_or_above"] = WITHHELD
    for recommendation in display["hiring"]["recommended"]:
        if recommendation["count"] is None:
            recommendation["count"] = WITHHELD
    return display


def _protect_workforce(
    workforce: dict[str, Any], threshold: int, withheld: dict[str, Any]
) -> set[int]:
    """The pyramid and the team rows as one table; returns the withheld operating levels."""
    count = len(workforce["by_level"])  # operating levels, from 0 to the edition's highest
    values = [workforce["by_level"][str(level)] for level in range(count)]
    lines = [Line(tuple(range(count)))]
    teams = workforce["teams"]
    covers_everyone = bool(teams) and sum(t["people"] for t in teams) == workforce["people"]
    cells: list[list[int]] = []
    sizes: list[int] = []
    for team in teams:
        cells.append([len(values) + level for level in range(count)])
        values.extend(team["by_level"][str(level)] for level in range(count))
    for team, row in zip(teams, cells, strict=True):
        sizes.append(len(values))
        values.append(team["people"])
        lines.append(Line(tuple(row), sizes[-1]))
    if covers_everyone:
        lines.extend(Line(tuple(row[level] for row in cells), level) for level in range(count))
        lines.append(Line(tuple(sizes)))
    hidden = withheld_cells(values, lines, threshold)
    levels = {level for level in range(count) if level in hidden}
    _blank(workforce["by_level"], levels, withheld, "by_level")
    withheld["teams"] = {}
    for team, row, size in zip(teams, cells, sizes, strict=True):
        team_levels = {level for level in range(count) if row[level] in hidden}
        if team_levels:
            withheld["teams"][team["team"]] = sorted(str(level) for level in team_levels)
            for level in team_levels:
                team["by_level"][str(level)] = None
        if size in hidden:
            team["people"] = None
            withheld.setdefault("team_sizes", []).append(team["team"])
    return levels


def _blank(counts: dict[str, Any], levels: set[int], withheld: dict[str, Any], key: str) -> None:
    for level in levels:
        counts[str(level)] = None
    withheld[key] = sorted(str(level) for level in levels)


def _protect_heatmap(document: dict[str, Any], threshold: int, withheld: dict[str, Any]) -> None:
    people = document["workforce"]["people"]
    levels = range(1, len(document["workforce"]["by_level"]))  # the edition's levels
    withheld["heatmap"] = {}
    for domain, row in document["heatmap"].items():
        counts = [row[str(level)] for level in levels]
        hidden = withheld_cumulative(counts, people, threshold)
        if hidden:
            withheld["heatmap"][domain] = sorted(str(position + 1) for position in hidden)
            for position in hidden:
                row[str(position + 1)] = None


def _protect_training(document: dict[str, Any], threshold: int, withheld: dict[str, Any]) -> None:
    """Each need as a line: people one step away = those under way + those not started.

    A need whose heatmap cell is withheld is withheld too: at the first level of a domain, the
    people one step away are the people below that cell, which would give it away.
    """
    withheld["training"] = {}
    for need in document["training"]:
        away, started = need["one_step_away"], need["in_progress"]
        values = [away, started, away - started]
        hidden = set(withheld_cells(values, [Line((1, 2), 0)], threshold))
        if str(need["level"]) in withheld["heatmap"].get(need["domain"], ()):
            hidden |= {0, 1}
        fields = [
            name for index, name in ((0, "one_step_away"), (1, "in_progress")) if index in hidden
        ]
        if fields:
            withheld["training"][f"{need['domain']}.{need['level']}"] = fields
            for name in fields:
                need[name] = None


def _protect_hiring(
    hiring: dict[str, Any],
    at_least: list[int],
    shown_at_least: list[bool],
    withheld: dict[str, Any],
) -> None:
    withheld["hiring"] = []
    for phase in hiring["phases"]:
        if not shown_at_least[phase["target_level"]]:
            phase["people_at_or_above"] = None
            withheld["hiring"].append(phase["number"])
    for recommendation in hiring["recommended"]:
        level = recommendation["level"]
        if not shown_at_least[level]:
            # the count is what is needed less those there: it would give the withheld figure away
            recommendation["count"] = None
            recommendation["why"] = recommendation["why"].replace(
                f"; there are {at_least[level]}", "; how many there are is withheld", 1
            )


def _protect_stage(
    edition: Edition, stage: dict[str, Any], at_least: list[int], shown_at_least: list[bool]
) -> None:
    for number in {stage["number"], stage["workforce_stage"]}:
        dominant = edition.stages[number - 1].dominant_level
        if not shown_at_least[dominant]:
            phrase = f" {at_least[dominant]} people work at"
            stage["why"] = [
                reason.replace(phrase, " a withheld number of people work at")
                for reason in stage["why"]
            ]


def _protect_diagnostics(
    edition: Edition,
    document: dict[str, Any],
    levels: set[int],
    shown_at_least: list[bool],
    withheld: dict[str, Any],
) -> None:
    definitions = {definition.code: definition for definition in edition.diagnostics}
    withheld["diagnostics"] = {}
    heatmap = withheld["heatmap"]
    for diagnostic in document["diagnostics"]:
        evidence = diagnostic["evidence"]
        figures = dict(HEAD_COUNTS.get(diagnostic["code"], {}))
        if diagnostic["code"] == "STAGE_MISMATCH":
            figures["people_at_dominant_level"] = ("at_least", evidence["dominant_level"])
        hidden = [
            key
            for key, (kind, level) in figures.items()
            if (level in levels if kind == "level" else not shown_at_least[level])
        ]
        if diagnostic["code"] == "SINGLE_POINT_OF_FAILURE" and any(
            "3" in cells for cells in heatmap.values()
        ):
            hidden.append("domains")  # each domain named holds a withheld heatmap cell of one
        if hidden:
            withheld["diagnostics"][diagnostic["code"]] = sorted(hidden)
            for key in hidden:
                evidence[key] = None
            text = {key: WITHHELD if value is None else value for key, value in evidence.items()}
            template = definitions[diagnostic["code"]].summary
            diagnostic["summary"] = " ".join(template.format(**text).split())


def _at_least(by_level: dict[str, int]) -> list[int]:
    count = len(by_level)
    counts = [by_level[str(level)] for level in range(count)]
    return [sum(counts[level:]) for level in range(count)]


__all__ = ["WITHHELD", "is_small", "protect", "shown"]
