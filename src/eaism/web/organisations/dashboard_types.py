"""The shape of the dashboard's document, `eaism.dashboard/1` (docs/web.md, "The JSON twin"):
the published analysis with small cells withheld, plus what the figures rest on, or a notice
that no figures may be shown. The JSON twin and the API's analysis endpoint return it."""

from __future__ import annotations

from typing import Literal, NotRequired  # typing_extensions gives typing's own NotRequired

from typing_extensions import TypedDict

from eaism.analysis.document_types import ProtectedFigures, ResponseRatesDocument

Scope = Literal["organisation", "teams"]  # "teams": a manager's view of their own teams


class RoundEntry(TypedDict):
    """The round the figures come from."""

    id: int
    name: str
    status: Literal["open", "closed"]
    edition: str


class Publication(TypedDict):
    """When the figures were published, and how many responses changed since."""

    published_at: str
    responses: int
    people: int
    threshold: int
    changed_since: int  # people whose contribution changed since the publication


class Basis(TypedDict):
    """What the figures rest on: responses of those invited, plus levels given on import."""

    responses: int
    invited: int
    share: float | None  # null when nobody was invited
    given_levels: int


class StageTrend(TypedDict):
    """The stage numbers of the previous round and of this one."""

    before: int
    now: int


class CountTrend(TypedDict):
    """A count in the previous round and in this one; null where withheld."""

    before: int | None
    now: int | None


class LevelsWithheld(TypedDict):
    """The operating levels withheld in each round."""

    before: list[str]
    now: list[str]


class Trend(TypedDict):
    """The comparison with the previous round, on the same edition."""

    previous_round: str
    stage: StageTrend
    by_level: dict[str, CountTrend]
    withheld: LevelsWithheld
    resolved: list[str]
    new: list[str]


class EditionPair(TypedDict):
    """The edition ids of the previous round and of this one."""

    before: str
    now: str


class EditionTrend(TypedDict):
    """The comparison with a previous round on another edition: unchanged cells only."""

    previous_round: str
    editions: EditionPair
    changed_items: int
    items: int
    compared_up_to: dict[str, int]  # domain -> the highest level compared
    by_domain: dict[str, dict[str, CountTrend]]  # domain -> level -> people at or above
    note: str


class DraftFigures(ProtectedFigures):
    """The dashboard's figures as a publication stores them."""

    format: Literal["eaism.dashboard/1"]
    suppressed: Literal[False]
    round: RoundEntry | None
    scope: Scope


class PublishedFigures(DraftFigures):
    """The stored figures with their publication."""

    publication: Publication


class CachedFigures(PublishedFigures):
    """The published figures with their trend, as the dashboard caches them."""

    trend: Trend | EditionTrend | None  # null without an earlier round that shows figures


class DashboardFigures(CachedFigures):
    """The dashboard with figures: the published analysis, its trend and its basis."""

    basis: Basis
    response_rates: NotRequired[ResponseRatesDocument]  # when a round is shown


class SuppressedDashboard(TypedDict):
    """The dashboard when no figures may be shown, too few people being in view."""

    format: Literal["eaism.dashboard/1"]
    suppressed: Literal[True]
    reason: Literal["too_few_people", "awaiting_responses"]
    people: None
    min_group_size: int
    round: RoundEntry | None
    scope: Scope
    publication: NotRequired[Publication]  # absent while the view was never published
    responses_needed: NotRequired[int]  # responses still needed before the first publication


# --- what the dashboard page draws from the document ---------------------------------------


class HeatmapCell(TypedDict):
    """A heatmap cell of the page: its count and shade (0 light to 4 dark), both null when withheld."""

    level: int
    withheld: NotRequired[Literal[True]]
    count: int | None
    shade: int | None


class HeatmapRow(TypedDict):
    """A domain's row of the page's heatmap."""

    domain: str
    cells: list[HeatmapCell]


class LegendEntry(TypedDict):
    """What a shade means, as shares of the people in view."""

    shade: int
    low: float
    high: float | None


Published = PublishedFigures | SuppressedDashboard  # what organisations.publication keeps
DashboardDocument = DashboardFigures | SuppressedDashboard
