"""The shape of a response file (docs/responses.md): what `eaism assess` and `eaism model
migrate` write and `eaism score` reads. A key whose value would be empty is left out."""

from __future__ import annotations

from typing import Literal, NotRequired

from typing_extensions import TypedDict

from eaism.analysis.validity_types import RoundHeading
from eaism.scoring.document_types import RespondentEntry  # the same as in a person's result


class AnswerEntry(TypedDict):
    """One item's answer."""

    value: float  # on the answer scale: 0, 0.25, 0.5 or 1
    evidence: NotRequired[str]  # what shipped, or a link
    answered_at: NotRequired[str]  # ISO 8601 in UTC, such as 2026-11-02T10:00:00Z


# The document's optional keys in groups, so that the builder writes every key in its place.


class OverlaysPart(TypedDict):
    """The overlays the response was taken with, if any."""

    overlays: NotRequired[list[str]]


class RatingPart(TypedDict):
    """Who rated and when, where known."""

    rater: NotRequired[str]
    started_at: NotRequired[str]  # ISO 8601 in UTC
    updated_at: NotRequired[str]


class LevelsPart(TypedDict):
    """A rater's domain levels given directly, if any."""

    levels: NotRequired[dict[str, int]]


class ResponseDocument(TypedDict):
    """One source's answers about one person, in the format `eaism.response/1`."""

    format: Literal["eaism.response/1"]
    edition: str
    overlays: NotRequired[list[str]]
    respondent: RespondentEntry
    source: str  # self, reviewer, interviewer or peer
    rater: NotRequired[str]
    started_at: NotRequired[str]  # ISO 8601 in UTC
    updated_at: NotRequired[str]
    answers: dict[str, AnswerEntry]  # by item id
    levels: NotRequired[dict[str, int]]  # a rater's domain levels given directly, by domain id


class ExportedResponse(TypedDict):
    """One person's submitted response in a round export, under a pseudonym."""

    person_id: str
    calibration: bool
    answers: dict[str, float]  # by item id, on the answer scale
    self_levels: dict[str, int]  # by domain id
    reviewed_levels: dict[str, int]


class RoundExportDocument(TypedDict):
    """A round's submitted responses for its validity report, `eaism.round-export/1`."""

    format: Literal["eaism.round-export/1"]
    edition: str
    overlays: NotRequired[list[str]]
    round: RoundHeading  # the same as in the report read from it
    min_group_size: int
    responses: list[ExportedResponse]
