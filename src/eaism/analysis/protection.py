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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from eaism.analysis.disclosure import (
    Line,
    at_least_is_derivable,
    is_small,
    withheld_cells,
    withheld_cumulative,
)
from eaism.model.schema import Edition

if TYPE_CHECKING:
    from eaism.analysis.document_types import (
        AnalysisDocument,
        DiagnosticEntry,
        Heatmap,
        Hiring,
        ProtectedAnalysisDocument,
        ProtectedDiagnosticEntry,
        ProtectedFigures,
        ProtectedHiring,
        ProtectedTrainingNeedEntry,
        ProtectedWorkforce,
        ShownFigures,
        ShownHiring,
        ShownTrainingNeedEntry,
        ShownWorkforce,
        Stage,
        TrainingField,
        Withheld,
        WithheldMark,
        Workforce,
    )

WITHHELD: Final = "withheld"
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


@dataclass(frozen=True)
class WorkforceWithheld:
    """What the pyramid and the team rows withhold, as `Withheld` lists it."""

    levels: set[int]  # the withheld operating levels of the pyramid
    teams: dict[str, list[str]]
    team_sizes: list[str]


def protect(
    edition: Edition, document: AnalysisDocument, threshold: int
) -> ProtectedAnalysisDocument:
    """A copy of `document` (an analysis document) with every small or derivable cell withheld."""
    workforce, hidden = _protect_workforce(document["workforce"], threshold)
    at_least = _at_least(document["workforce"]["by_level"])
    count = len(at_least)  # operating levels, from 0 to the edition's highest
    shown_at_least = [at_least_is_derivable(hidden.levels, level, count) for level in range(count)]
    heatmap, heatmap_withheld = _protect_heatmap(document, threshold)
    training, training_withheld = _protect_training(document, threshold, heatmap_withheld)
    hiring, hiring_withheld = _protect_hiring(document["hiring"], at_least, shown_at_least)
    diagnostics, diagnostics_withheld = _protect_diagnostics(
        edition, document, hidden.levels, shown_at_least, heatmap_withheld
    )
    withheld: Withheld = {
        "threshold": threshold,
        "by_level": sorted(str(level) for level in hidden.levels),
        "teams": hidden.teams,
        "team_sizes": hidden.team_sizes,
        "heatmap": heatmap_withheld,
        "training": training_withheld,
        "hiring": hiring_withheld,
        "diagnostics": diagnostics_withheld,
    }
    if not hidden.team_sizes:
        del withheld["team_sizes"]  # listed only when a team's head count is withheld
    return {
        "format": document["format"],
        "edition": document["edition"],
        "name": document["name"],
        "workforce": workforce,
        "heatmap": heatmap,
        "stage": _protect_stage(edition, document["stage"], at_least, shown_at_least),
        "hiring": hiring,
        "training": training,
        "prototype_debt": copy.deepcopy(document["prototype_debt"]),
        "readiness": copy.deepcopy(document["readiness"]),
        "diagnostics": diagnostics,
        "withheld": withheld,
    }


def shown(document: ProtectedFigures) -> ShownFigures:
    """A copy for renderers (pages, reports, spreadsheets): each withheld cell reads "withheld".

    Keys beyond the analysis (a dashboard's round, trend, ...) are left out: renderers draw only
    the analysis from it.
    """
    withheld = document["withheld"]
    heatmap = withheld["heatmap"]
    return {
        "edition": document["edition"],
        "name": document["name"],
        "workforce": _shown_workforce(document["workforce"]),
        "heatmap": {
            domain: {
                level: WITHHELD if level in heatmap.get(domain, ()) else count
                for level, count in row.items()
            }
            for domain, row in document["heatmap"].items()
        },
        "stage": copy.deepcopy(document["stage"]),
        "hiring": _shown_hiring(document["hiring"]),
        "training": [_shown_need(need) for need in document["training"]],
        "prototype_debt": copy.deepcopy(document["prototype_debt"]),
        "readiness": copy.deepcopy(document["readiness"]),
        "diagnostics": copy.deepcopy(document["diagnostics"]),
        "withheld": copy.deepcopy(withheld),
    }


def _marked(count: int | None) -> int | WithheldMark:
    """A published count as renderers show it: a withheld one (null) reads "withheld"."""
    return WITHHELD if count is None else count


def _shown_workforce(workforce: ProtectedWorkforce) -> ShownWorkforce:
    return {
        "people": workforce["people"],
        "by_level": {level: _marked(count) for level, count in workforce["by_level"].items()},
        "min_group_size": workforce["min_group_size"],
        "teams": [
            {
                "team": team["team"],
                "people": team["people"],
                "by_level": {level: _marked(count) for level, count in team["by_level"].items()},
            }
            for team in workforce["teams"]
        ],
        "suppressed_teams": workforce["suppressed_teams"],
    }


def _shown_need(need: ProtectedTrainingNeedEntry) -> ShownTrainingNeedEntry:
    return {
        "domain": need["domain"],
        "level": need["level"],
        "one_step_away": _marked(need["one_step_away"]),
        "in_progress": _marked(need["in_progress"]),
    }


def _shown_hiring(hiring: ProtectedHiring) -> ShownHiring:
    return {
        "current_phase": hiring["current_phase"],
        "next_phase": hiring["next_phase"],
        "phases": [
            {**phase, "people_at_or_above": _marked(phase["people_at_or_above"])}
            for phase in hiring["phases"]
        ],
        "recommended": [
            {**item, "count": _marked(item["count"])} for item in hiring["recommended"]
        ],
        "planned": copy.deepcopy(hiring["planned"]),
    }


def _protect_workforce(
    workforce: Workforce, threshold: int
) -> tuple[ProtectedWorkforce, WorkforceWithheld]:
    """The pyramid and the team rows as one table."""
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
    withheld = WorkforceWithheld(levels, {}, [])
    protected: ProtectedWorkforce = {
        "people": workforce["people"],
        "by_level": _blanked(workforce["by_level"], {str(level) for level in levels}),
        "min_group_size": workforce["min_group_size"],
        "teams": [],
        "suppressed_teams": workforce["suppressed_teams"],
    }
    for team, row, size in zip(teams, cells, sizes, strict=True):
        team_levels = {str(level) for level in range(count) if row[level] in hidden}
        if team_levels:
            withheld.teams[team["team"]] = sorted(team_levels)
        if size in hidden:
            withheld.team_sizes.append(team["team"])
        protected["teams"].append(
            {
                "team": team["team"],
                "people": None if size in hidden else team["people"],
                "by_level": _blanked(team["by_level"], team_levels),
            }
        )
    return protected, withheld


def _blanked(counts: dict[str, int], levels: set[str]) -> dict[str, int | None]:
    return {level: None if level in levels else count for level, count in counts.items()}


def _protect_heatmap(
    document: AnalysisDocument, threshold: int
) -> tuple[Heatmap, dict[str, list[str]]]:
    people = document["workforce"]["people"]
    levels = range(1, len(document["workforce"]["by_level"]))  # the edition's levels
    heatmap: Heatmap = {}
    withheld: dict[str, list[str]] = {}
    for domain, row in document["heatmap"].items():
        counts = [row[str(level)] for level in levels]
        hidden = {str(position + 1) for position in withheld_cumulative(counts, people, threshold)}
        if hidden:
            withheld[domain] = sorted(hidden)
        heatmap[domain] = {level: None if level in hidden else n for level, n in row.items()}
    return heatmap, withheld


def _protect_training(
    document: AnalysisDocument, threshold: int, heatmap: dict[str, list[str]]
) -> tuple[list[ProtectedTrainingNeedEntry], dict[str, list[TrainingField]]]:
    """Each need as a line: people one step away = those under way + those not started.

    A need whose heatmap cell is withheld is withheld too: at the first level of a domain, the
    people one step away are the people below that cell, which would give it away.
    """
    needs: list[ProtectedTrainingNeedEntry] = []
    withheld: dict[str, list[TrainingField]] = {}
    for need in document["training"]:
        away, started = need["one_step_away"], need["in_progress"]
        values = [away, started, away - started]
        hidden = set(withheld_cells(values, [Line((1, 2), 0)], threshold))
        if str(need["level"]) in heatmap.get(need["domain"], ()):
            hidden |= {0, 1}
        fields: list[TrainingField] = []
        if 0 in hidden:
            fields.append("one_step_away")
        if 1 in hidden:
            fields.append("in_progress")
        if fields:
            withheld[f"{need['domain']}.{need['level']}"] = fields
        needs.append(
            {
                "domain": need["domain"],
                "level": need["level"],
                "one_step_away": None if "one_step_away" in fields else away,
                "in_progress": None if "in_progress" in fields else started,
            }
        )
    return needs, withheld


def _protect_hiring(
    hiring: Hiring, at_least: list[int], shown_at_least: list[bool]
) -> tuple[ProtectedHiring, list[int]]:
    withheld = [
        phase["number"] for phase in hiring["phases"] if not shown_at_least[phase["target_level"]]
    ]
    protected: ProtectedHiring = {
        "current_phase": hiring["current_phase"],
        "next_phase": hiring["next_phase"],
        "phases": [
            {
                **phase,
                "people_at_or_above": None
                if phase["number"] in withheld
                else phase["people_at_or_above"],
            }
            for phase in hiring["phases"]
        ],
        "recommended": [],
        "planned": copy.deepcopy(hiring["planned"]),
    }
    for recommendation in hiring["recommended"]:
        level = recommendation["level"]
        if shown_at_least[level]:
            protected["recommended"].append({**recommendation})
        else:
            # the count is what is needed less those there: it would give the withheld figure away
            why = recommendation["why"].replace(
                f"; there are {at_least[level]}", "; how many there are is withheld", 1
            )
            protected["recommended"].append({"level": level, "count": None, "why": why})
    return protected, withheld


def _protect_stage(
    edition: Edition, stage: Stage, at_least: list[int], shown_at_least: list[bool]
) -> Stage:
    protected = copy.deepcopy(stage)
    for number in {stage["number"], stage["workforce_stage"]}:
        dominant = edition.stages[number - 1].dominant_level
        if not shown_at_least[dominant]:
            phrase = f" {at_least[dominant]} people work at"
            protected["why"] = [
                reason.replace(phrase, " a withheld number of people work at")
                for reason in protected["why"]
            ]
    return protected


def _protect_diagnostics(
    edition: Edition,
    document: AnalysisDocument,
    levels: set[int],
    shown_at_least: list[bool],
    heatmap: dict[str, list[str]],
) -> tuple[list[ProtectedDiagnosticEntry], dict[str, list[str]]]:
    definitions = {definition.code: definition for definition in edition.diagnostics}
    protected: list[ProtectedDiagnosticEntry] = []
    withheld: dict[str, list[str]] = {}
    for diagnostic in document["diagnostics"]:
        hidden = _hidden_evidence(diagnostic, levels, shown_at_least, heatmap)
        if not hidden:
            protected.append({**diagnostic, "evidence": {**diagnostic["evidence"]}})
            continue
        withheld[diagnostic["code"]] = sorted(hidden)
        evidence = {
            key: None if key in hidden else value for key, value in diagnostic["evidence"].items()
        }
        text = {key: WITHHELD if value is None else value for key, value in evidence.items()}
        template = definitions[diagnostic["code"]].summary
        summary = " ".join(template.format(**text).split())
        protected.append({**diagnostic, "summary": summary, "evidence": evidence})
    return protected, withheld


def _hidden_evidence(
    diagnostic: DiagnosticEntry,
    levels: set[int],
    shown_at_least: list[bool],
    heatmap: dict[str, list[str]],
) -> list[str]:
    """The keys of a diagnostic's evidence that quote a withheld head count."""
    evidence = diagnostic["evidence"]
    figures = dict(HEAD_COUNTS.get(diagnostic["code"], {}))
    if diagnostic["code"] == "STAGE_MISMATCH":
        figures["people_at_dominant_level"] = ("at_least", int(evidence["dominant_level"]))
    hidden = [
        key
        for key, (kind, level) in figures.items()
        if (level in levels if kind == "level" else not shown_at_least[level])
    ]
    if diagnostic["code"] == "SINGLE_POINT_OF_FAILURE" and any(
        "3" in cells for cells in heatmap.values()
    ):
        hidden.append("domains")  # each domain named holds a withheld heatmap cell of one
    return hidden


def _at_least(by_level: dict[str, int]) -> list[int]:
    count = len(by_level)
    counts = [by_level[str(level)] for level in range(count)]
    return [sum(counts[level:]) for level in range(count)]


__all__ = ["WITHHELD", "is_small", "protect", "shown"]
