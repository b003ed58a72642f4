"""The shapes of the organisation documents: the analysis, what-if, response rates, and the
analysis as published (small cells withheld) and as shown (withheld cells read "withheld").

The builders and renderers import this module only while type checking, so the command line
never loads typing_extensions; the web app uses the classes as the API's response schemas.
"""

from __future__ import annotations

from typing import Literal, NotRequired  # typing_extensions gives typing's own NotRequired

from typing_extensions import TypedDict

WithheldMark = Literal["withheld"]  # what a withheld cell reads once shown
# Operating level ("0" below the first level) -> people at exactly that level.
LevelCounts = dict[str, int]
# Domain id -> level ("1", ...) -> people at that level or above; null where there is no cell.
Heatmap = dict[str, dict[str, int | None]]
# What triggered a diagnostic: counts, months, costs, a target, or ids joined by commas.
Evidence = dict[str, int | float | str]


class TeamEntry(TypedDict):
    """A shown team, or the pool of small teams ("other teams")."""

    team: str
    people: int
    by_level: LevelCounts


class Workforce(TypedDict):
    """The pyramid and the team breakdown."""

    people: int
    by_level: LevelCounts
    min_group_size: int
    teams: list[TeamEntry]
    suppressed_teams: int  # teams whose figures are withheld entirely


class IndicatorEntry(TypedDict):
    """An indicator of a stage, as the organisation meets it or not."""

    stage: int
    id: str
    statement: str
    met: bool
    source: str  # "practices", "derived" or "not reported"


class Stage(TypedDict):
    """The stage the practices show, and the stage the workforce can carry."""

    number: int
    name: str
    summary: str
    primary_risk: str
    workforce_stage: int
    can_carry: bool
    why: list[str]
    indicators: list[IndicatorEntry]


class PhaseEntry(TypedDict):
    """A phase of the hiring sequence."""

    number: int
    name: str
    target_level: int
    people_at_or_above: int
    needed: int
    established: bool


class RecommendationEntry(TypedDict):
    """Hires that would complete the next phase."""

    level: int
    count: int
    why: str


class PlannedHireEntry(TypedDict):
    """A planned hire, as the organisation file gives it."""

    level: int
    count: int
    title: str


class Hiring(TypedDict):
    """The hiring sequence: phases in place, the next one, and what it needs."""

    current_phase: int | None
    next_phase: int | None
    phases: list[PhaseEntry]
    recommended: list[RecommendationEntry]
    planned: list[PlannedHireEntry]


class TrainingNeedEntry(TypedDict):
    """People one step from a cell of the matrix."""

    domain: str
    level: int
    one_step_away: int
    in_progress: int


class StalledPilotEntry(TypedDict):
    """A pilot past the stalled threshold."""

    id: str
    name: str
    months: float
    monthly_cost: float


class PrototypeDebt(TypedDict):
    """The stalled pilots and what they cost."""

    count: int
    months: float
    monthly_cost: float
    stalled: list[StalledPilotEntry]


class ReadinessEntry(TypedDict):
    """A production system and the readiness checks it lacks."""

    id: str
    name: str
    kind: str
    missing: list[str]
    missing_labels: list[str]
    success_rate: float | None
    meets_target: bool | None  # null when no success rate is known
    ready: bool


class DiagnosticEntry(TypedDict):
    """A diagnostic that fired."""

    code: str
    severity: str  # "critical", "warning" or "info"
    title: str
    summary: str
    evidence: Evidence
    recommendation: str


class AnalysisDocument(TypedDict):
    """`eaism.organisation-analysis/1`: the whole analysis of an organisation."""

    format: Literal["eaism.organisation-analysis/1"]
    edition: str
    name: str
    workforce: Workforce
    heatmap: Heatmap
    stage: Stage
    hiring: Hiring
    training: list[TrainingNeedEntry]
    prototype_debt: PrototypeDebt
    readiness: list[ReadinessEntry]
    diagnostics: list[DiagnosticEntry]


class HireCount(TypedDict):
    """People hired at a level."""

    level: int
    count: int


class HireChange(TypedDict):
    """A what-if change: hire people at a level."""

    hire: HireCount


# People of a domain raised from one level to another ("from" is a keyword, hence this form).
UpskillCount = TypedDict("UpskillCount", {"domain": str, "from": int, "to": int, "count": int})


class UpskillChange(TypedDict):
    """A what-if change: raise people of a domain from one level to another."""

    upskill: UpskillCount


class PromotionChange(TypedDict):
    """A what-if change: move a pilot to production with every readiness check."""

    promote_pilot: str


class StageChange(TypedDict):
    """The stage before and after the changes."""

    before: int
    after: int


class NextPhaseChange(TypedDict):
    """The next hiring phase before and after the changes."""

    before: int | None
    after: int | None


class DiagnosticChanges(TypedDict):
    """Codes that fire only after the changes, and codes that no longer fire."""

    added: list[str]
    removed: list[str]


class ComparisonDocument(TypedDict):
    """`eaism.what-if/1`: the analysis before and after hypothetical changes."""

    format: Literal["eaism.what-if/1"]
    changes: list[HireChange | UpskillChange | PromotionChange]
    before: AnalysisDocument
    after: AnalysisDocument
    stage: StageChange
    hiring: NextPhaseChange
    diagnostics: DiagnosticChanges


# --- published: small cells withheld (null), and listed under `withheld` -----------------------


class ProtectedTeamEntry(TypedDict):
    """A team row; a withheld count is null."""

    team: str
    people: int | None
    by_level: dict[str, int | None]


class ProtectedWorkforce(TypedDict):
    """The pyramid and the team rows, small cells withheld."""

    people: int
    by_level: dict[str, int | None]
    min_group_size: int
    teams: list[ProtectedTeamEntry]
    suppressed_teams: int


class ProtectedPhaseEntry(TypedDict):
    """A hiring phase; people at or above its level are null when they would give a cell away."""

    number: int
    name: str
    target_level: int
    people_at_or_above: int | None
    needed: int
    established: bool


class ProtectedRecommendationEntry(TypedDict):
    """Hires for the next phase; null when the count would give a withheld figure away."""

    level: int
    count: int | None
    why: str


class ProtectedHiring(TypedDict):
    """The hiring sequence, withheld figures null."""

    current_phase: int | None
    next_phase: int | None
    phases: list[ProtectedPhaseEntry]
    recommended: list[ProtectedRecommendationEntry]
    planned: list[PlannedHireEntry]


class ProtectedTrainingNeedEntry(TypedDict):
    """People one step from a cell; withheld counts null."""

    domain: str
    level: int
    one_step_away: int | None
    in_progress: int | None


class ProtectedDiagnosticEntry(TypedDict):
    """A diagnostic; evidence that quotes a withheld head count is null."""

    code: str
    severity: str
    title: str
    summary: str
    evidence: dict[str, int | float | str | None]
    recommendation: str


TrainingField = Literal["one_step_away", "in_progress"]


class Withheld(TypedDict):
    """Which cells are withheld, so that a null elsewhere is a cell the model does not have."""

    threshold: int
    by_level: list[str]
    teams: dict[str, list[str]]  # team -> its withheld levels
    team_sizes: NotRequired[list[str]]  # teams whose head count is withheld
    heatmap: dict[str, list[str]]  # domain -> its withheld levels
    training: dict[str, list[TrainingField]]  # "domain.level" -> withheld fields
    hiring: list[int]  # phases whose people at or above are withheld
    diagnostics: dict[str, list[str]]  # code -> withheld evidence keys


class ProtectedFigures(TypedDict):
    """The analysis with small cells withheld, whichever document carries it."""

    edition: str
    name: str
    workforce: ProtectedWorkforce
    heatmap: Heatmap
    stage: Stage
    hiring: ProtectedHiring
    training: list[ProtectedTrainingNeedEntry]
    prototype_debt: PrototypeDebt
    readiness: list[ReadinessEntry]
    diagnostics: list[ProtectedDiagnosticEntry]
    withheld: Withheld


class ProtectedAnalysisDocument(ProtectedFigures):
    """`eaism.organisation-analysis/1` with small cells withheld: what aggregate viewers get."""

    format: Literal["eaism.organisation-analysis/1"]


# --- shown: each withheld cell reads "withheld", for pages, reports and spreadsheets -----------


class ShownTeamEntry(TypedDict):
    """A team row as shown; a withheld team size stays null."""

    team: str
    people: int | None
    by_level: dict[str, int | WithheldMark]


class ShownWorkforce(TypedDict):
    """The pyramid and the team rows as shown."""

    people: int
    by_level: dict[str, int | WithheldMark]
    min_group_size: int
    teams: list[ShownTeamEntry]
    suppressed_teams: int


class ShownPhaseEntry(TypedDict):
    """A hiring phase as shown."""

    number: int
    name: str
    target_level: int
    people_at_or_above: int | WithheldMark
    needed: int
    established: bool


class ShownRecommendationEntry(TypedDict):
    """Hires for the next phase as shown."""

    level: int
    count: int | WithheldMark
    why: str


class ShownHiring(TypedDict):
    """The hiring sequence as shown."""

    current_phase: int | None
    next_phase: int | None
    phases: list[ShownPhaseEntry]
    recommended: list[ShownRecommendationEntry]
    planned: list[PlannedHireEntry]


class ShownTrainingNeedEntry(TypedDict):
    """People one step from a cell, as shown."""

    domain: str
    level: int
    one_step_away: int | WithheldMark
    in_progress: int | WithheldMark


class ShownFigures(TypedDict):
    """The published analysis for renderers: each withheld cell reads "withheld"."""

    edition: str
    name: str
    workforce: ShownWorkforce
    heatmap: dict[str, dict[str, int | WithheldMark | None]]
    stage: Stage
    hiring: ShownHiring
    training: list[ShownTrainingNeedEntry]
    prototype_debt: PrototypeDebt
    readiness: list[ReadinessEntry]
    diagnostics: list[ProtectedDiagnosticEntry]
    withheld: Withheld


class ShownCohortEntry(TypedDict):
    """A training cohort drawn from the published needs; its people under way may be withheld."""

    domain: str
    level: int
    descriptor: str
    people: int
    in_progress: int | WithheldMark


class ShownTrainingPlan(TypedDict):
    """`eaism.training-plan/1` drawn from the published analysis (the web app's report)."""

    format: Literal["eaism.training-plan/1"]
    cohorts: list[ShownCohortEntry]


# --- response rates --------------------------------------------------------------------------


class ResponseCounts(TypedDict):
    """Invited, started (submitted included) and submitted, and the share submitted."""

    invited: int
    started: int
    submitted: int
    rate: float | None  # null when nobody was invited


class TeamResponseRate(TypedDict):
    """A team's response counts, or the pool's."""

    team: str
    invited: int
    started: int
    submitted: int
    rate: float | None
    below_target: bool
    pooled: bool


class ResponseRatesDocument(TypedDict):
    """A round's response rates, overall and per team."""

    overall: ResponseCounts | None  # null when fewer than the threshold were invited
    teams: list[TeamResponseRate]
    withheld_teams: int
    min_group_size: int
    target: float
