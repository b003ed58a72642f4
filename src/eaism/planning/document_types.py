"""The shapes of the planning documents (docs/planning.md, section 6), for renderers and the API.

The builders in `document.py` and `job_ad_outline.py` import these only for type checking, so
that the CLI starts without `typing_extensions`; the web app imports them to declare responses.
"""

from __future__ import annotations

from typing import Literal, NotRequired  # typing_extensions gives typing's own NotRequired

from typing_extensions import TypedDict

from eaism.model.schema import Framework, TargetKind
from eaism.scoring.person import ItemStatus

# --- eaism.roadmap/1 ---------------------------------------------------------------------------


class StepItemEntry(TypedDict):
    """One item of a step's cell, with the evidence to collect for it."""

    id: str
    statement: str
    evidence_prompt: str
    status: ItemStatus  # always "unanswered" for a person of an organisation file


class StepEntry(TypedDict):
    """One cell to reach, and why it is on the way to the target."""

    domain: str
    level: int
    descriptor: str
    reason: str
    items: list[StepItemEntry]


class RoadmapDocument(TypedDict):
    """A career roadmap: the steps from a person's operating level to their role's target."""

    format: Literal["eaism.roadmap/1"]
    role: str
    role_name: str
    current_level: int
    target_level: int
    target_kind: TargetKind
    target_summary: str
    beyond_target: bool  # the target is reached; the steps go one level further
    steps: list[StepEntry]
    advice: list[str]
    warnings: list[str]


# --- eaism.rubric/1 ----------------------------------------------------------------------------


class SeeAlsoEntry(TypedDict):
    """An identifier of the expected cell in another framework."""

    framework: Framework
    id: str
    label: str
    source: str  # a key of the crosswalk's sources


class RubricSectionEntry(TypedDict):
    """What to expect of a candidate in one domain, and how to probe it."""

    domain: str
    name: str
    applicable: bool  # false when the domain has no cell at or below the target level
    expected_level: int  # 0 when not applicable
    emphasis: bool
    below: str
    meets: str  # when not applicable, why not
    exceeds: str
    questions: list[str]
    evidence: list[str]
    see_also: list[SeeAlsoEntry]


class RubricDocument(TypedDict):
    """A hiring rubric for a target level and role, one section per domain."""

    format: Literal["eaism.rubric/1"]
    level: int
    level_name: str
    role: str
    role_name: str
    sections: list[RubricSectionEntry]


# --- eaism.scorecard/1 -------------------------------------------------------------------------


class RatingEntry(TypedDict):
    """One interviewer's level for a domain, with their notes."""

    interviewer: str
    level: int
    notes: str


class DisagreementEntry(TypedDict):
    """The lowest and the highest rating of a domain, two or more levels apart."""

    low: RatingEntry
    high: RatingEntry


class VerdictEntry(TypedDict):
    """The combined level of one domain and the ratings it came from."""

    level: int  # the lower median of the ratings; 0 when not rated
    ratings: list[RatingEntry]
    spread: int
    disagreement: DisagreementEntry | None


class ScorecardDocument(TypedDict):
    """The interviewers' scorecards of one candidate, combined."""

    format: Literal["eaism.scorecard/1"]
    candidate: str
    role: str
    target_level: int
    interviewers: list[str]
    operating_level: int
    meets_target: bool
    why: list[str]
    domains: dict[str, VerdictEntry]  # domain id -> verdict


# --- eaism.job-description-check/1 -------------------------------------------------------------


class DomainLevelEntry(TypedDict):
    """A domain the ad asks for, with the highest level it asks for in it."""

    domain: str
    name: str
    level: int
    level_name: str


class MatchEntry(TypedDict):
    """A phrase of the edition found in the ad, with the words around it."""

    domain: str
    level: int
    phrase: str
    excerpt: str
    domain_name: str
    level_name: str


class FlagEntry(TypedDict):
    """A flag raised on the ad: a title mismatch, a myth, or another language."""

    code: str  # a check's code or one of the edition's myth codes
    message: str
    heading: str


class SuggestionEntry(TypedDict):
    """A phrase to add to the ad, or to drop, so that it asks for the level its title claims."""

    action: Literal["add", "drop"]
    phrase: str
    domain: str
    level: int
    domain_name: str
    level_name: str


class JobDescriptionDocument(TypedDict):
    """What a job ad really asks for, and whether its title agrees."""

    format: Literal["eaism.job-description-check/1"]
    title: str
    level: int  # 0 when no AI skill was recognised
    level_name: str | None
    recognised: bool
    title_level: int | None  # None when the title claims no level
    title_level_name: str | None
    title_words: str | None
    domains: dict[str, int]  # domain id -> the highest level asked for, in order of first match
    domain_names: dict[str, str]
    domain_levels: list[DomainLevelEntry]  # the highest level first
    matches: list[MatchEntry]
    flags: list[FlagEntry]
    suggestions: list[SuggestionEntry]


# --- eaism.job-ad-outline/1 --------------------------------------------------------------------


class OutlineSectionEntry(TypedDict):
    """One domain of a job-ad outline: a responsibility and a requirement."""

    domain: str
    name: str
    level: int
    emphasis: bool
    responsibility: str
    requirement: str  # "" when the cell has no keywords
    phrases: list[str]


class JobAdOutlineDocument(TypedDict):
    """A job-ad outline written from the rubric of a level and role."""

    format: Literal["eaism.job-ad-outline/1"]
    level: int
    level_name: str
    role: str
    role_name: str
    title: str
    title_level: int | None  # None when the title's role words claim no level
    summary: str
    sections: list[OutlineSectionEntry]


# --- eaism.training-plan/1 ---------------------------------------------------------------------


class CohortEntry(TypedDict):
    """The people one step from a cell."""

    domain: str
    level: int
    descriptor: str
    people: int
    in_progress: int
    members: NotRequired[list[str]]  # only when the members were asked for


class TrainingDocument(TypedDict):
    """Training cohorts in the edition's priority order."""

    format: Literal["eaism.training-plan/1"]
    cohorts: list[CohortEntry]
