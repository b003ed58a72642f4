"""The shape of a person's result document (`eaism.person-result/1`), key for key.

docs/scoring.md states what each key means. The builder and the renderers in reports/ and cli/
import these only for type checking, so that `eaism score` starts without typing_extensions; the
web app imports them at run time as the API's response schemas.
"""

from __future__ import annotations

from typing import Literal, NotRequired  # typing_extensions gives typing's own NotRequired

from typing_extensions import TypedDict

from eaism.model.schema import Framework, Source
from eaism.scoring.person import ItemStatus


class PersonDocument(TypedDict):
    """A person's result against one edition: `eaism score --format json`."""

    format: Literal["eaism.person-result/1"]
    edition: str
    overlays: list[str]
    respondent: RespondentEntry
    sources: list[Source]  # in the order the files were given
    operating_level: OperatingLevelEntry
    domains: dict[str, DomainEntry]  # by domain id, in matrix order: the combined result
    profiles: dict[Source, ProfileEntry]
    calibration: dict[str, int]  # domain id -> self level minus reviewer level


class RespondentEntry(TypedDict):
    """Who the answers are about; a detail that was not given is left out."""

    id: str
    role: NotRequired[str]
    name: NotRequired[str]
    team: NotRequired[str]
    title: NotRequired[str]


class OperatingLevelEntry(TypedDict):
    """The headline level, its reasons and the way to the next one."""

    demonstrated: int
    claimed: int
    name: str | None  # null at level 0
    scope: str | None  # null at level 0
    why: list[str]
    next: NextStep | None  # null at the edition's top level


class NextStep(TypedDict):
    """What would lift the operating level by one."""

    level: int
    name: str
    gaps: list[GapEntry]  # the defining domains below `level`
    more_domains_needed: int  # further domains the share rule needs
    candidates: list[GapEntry]


class GapEntry(TypedDict):
    """One domain below a target level, with the items that would lift it."""

    domain: str
    current_level: int
    target_level: int
    items: list[ItemEntry]


class ItemEntry(TypedDict):
    """An item not yet fully counted."""

    id: str
    level: int
    statement: str
    value: float  # the answer as given; 0.0 when unanswered
    status: ItemStatus


class DomainEntry(TypedDict):
    """One domain's combined result."""

    name: str
    assessed: bool
    assessed_up_to: int  # the highest level asked; 0 when not assessed
    level: int | None  # null when not assessed
    claimed_level: int | None
    mark: str | None  # the level, with "+" when interim
    interim: bool
    progress: float  # the next level's demonstrated score
    next_level: int | None  # null at the top
    source: Source  # the source whose result this is
    why: str
    to_next_level: list[ItemEntry]
    see_also: list[ReferenceEntry]
    cells: dict[str, CellEntry]  # by level number, "1" upward


class CellEntry(TypedDict):
    """One domain at one level."""

    applicable: bool
    score: float
    claimed_score: float
    met: bool
    claimed_met: bool


class ReferenceEntry(TypedDict):
    """Another framework's identifier for the cell reached."""

    framework: Framework
    id: str  # an ESCO identifier is a web address
    label: str


class ProfileEntry(TypedDict):
    """One source's own profile."""

    rater: str | None
    operating_level: int
    claimed_operating_level: int
    domains: dict[str, ProfileDomainEntry]


class ProfileDomainEntry(TypedDict):
    """One domain as one source rated it."""

    level: int | None  # null when not assessed
    claimed_level: int | None
    assessed: bool
    rated: bool  # the source answered an item of the domain, or gave its level
