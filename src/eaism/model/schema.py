"""The typed shape of an EAISM edition: levels, domains, cells, items and the rest.

Plain frozen dataclasses, so that scoring a person needs no validation library at start-up.
The loader validates raw YAML against these classes (pydantic reads them directly, and
`__pydantic_config__` makes unknown fields an error); rules that span several parts, such as an
item pointing at a cell that is not applicable, live in `checks.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from eaism.errors import UnknownIdError

ANSWER_VALUES: tuple[float, ...] = (0.0, 0.25, 0.5, 1.0)
LABEL_WORDS = 9  # of an item's statement, when it names the item in a table
SOURCES: tuple[str, ...] = ("self", "reviewer", "interviewer", "peer")
# Indicators an organisation's own data can show when its practices do not say; an edition adds
# its own in `analysis.production_signals` (every production system has some readiness checks).
DERIVATION_RULES: tuple[str, ...] = ("ai_users", "pilots", "production_systems")

# A level of the edition. Which numbers exist is edition data (levels.yaml), so the type says
# only "a level"; model/checks.py keeps every value marked so among the edition's levels.
LEVEL = "level"
LevelNumber = Annotated[int, LEVEL]
Source = Literal["self", "reviewer", "interviewer", "peer"]
TargetKind = Literal["practice", "literacy", "fluency"]

STRICT = {"extra": "forbid"}


@dataclass(frozen=True, slots=True)
class Level:
    """One of the five levels of AI expertise."""

    __pydantic_config__ = STRICT
    number: LevelNumber
    id: str
    name: str
    question: str
    scope: str
    impact: str
    summary: str


@dataclass(frozen=True, slots=True)
class Principle:
    """A principle of the framework and the product behaviour that puts it into practice."""

    __pydantic_config__ = STRICT
    number: int
    id: str
    name: str
    statement: str
    product_behaviour: str


@dataclass(frozen=True, slots=True)
class Cell:
    """One square of the skills matrix: a domain at a level, or a gap where it does not apply."""

    __pydantic_config__ = STRICT
    level: LevelNumber
    applicable: bool = True
    descriptor: str = ""
    note: str = ""
    questions: tuple[str, ...] = ()  # interview questions that probe outcomes at this cell
    keywords: tuple[str, ...] = ()  # phrases in a job description that ask for this cell


@dataclass(frozen=True, slots=True)
class Item:
    """An observable, outcome-phrased statement that a respondent answers on the scale."""

    __pydantic_config__ = STRICT
    id: str
    level: LevelNumber
    statement: str
    evidence_prompt: str
    answers: tuple[str, str, str, str] | None = None

    @property
    def label(self) -> str:
        """The statement's first words: how tables and readings name the item."""
        words = self.statement.split()
        return " ".join(words) if len(words) <= LABEL_WORDS else " ".join(words[:LABEL_WORDS]) + "…"


@dataclass(frozen=True, slots=True)
class Domain:
    """A skill domain: its five cells and the items that probe them."""

    __pydantic_config__ = STRICT
    id: str
    name: str
    summary: str
    cells: tuple[Cell, ...]
    items: tuple[Item, ...]

    def cell(self, level: int) -> Cell:
        found = next((cell for cell in self.cells if cell.level == level), None)
        if found is None:
            kind = f"level of the {self.id} domain"
            raise UnknownIdError(kind, level, (cell.level for cell in self.cells))
        return found

    def items_at(self, level: int) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.level == level)

    @property
    def applicable_levels(self) -> tuple[int, ...]:
        return tuple(cell.level for cell in self.cells if cell.applicable)


@dataclass(frozen=True, slots=True)
class AnswerOption:
    """A value on the answer scale with its default wording."""

    __pydantic_config__ = STRICT
    value: float
    label: str


@dataclass(frozen=True, slots=True)
class Indicator:
    """An observable sign that an organisation has reached a stage."""

    __pydantic_config__ = STRICT
    id: str
    statement: str
    derived_from: str = ""  # a rule in DERIVATION_RULES, used when practices do not say


@dataclass(frozen=True, slots=True)
class Stage:
    """An organisational maturity stage."""

    __pydantic_config__ = STRICT
    number: LevelNumber
    id: str
    name: str
    summary: str
    dominant_level: LevelNumber
    primary_risk: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True, slots=True)
class Role:
    """A kind of role with the level it should aim at and the advice for it."""

    __pydantic_config__ = STRICT
    id: str
    name: str
    target_level: LevelNumber
    target_kind: TargetKind
    target_summary: str
    emphasis_domains: tuple[str, ...]
    advice: tuple[str, ...]
    examples: tuple[str, ...] = ()
    # domain id -> highest level asked; absent domains are not asked. None: the whole item bank.
    question_set: dict[str, LevelNumber] | None = None


@dataclass(frozen=True, slots=True)
class HiringPhase:
    """A step of the hiring sequence and what must exist before it pays off."""

    __pydantic_config__ = STRICT
    number: LevelNumber
    target_level: LevelNumber
    name: str
    builds: tuple[str, ...]
    rationale: str
    requires_level: LevelNumber | None = None
    critical: bool = False


@dataclass(frozen=True, slots=True)
class Myth:
    """A persistent misconception and the condition that reveals it in an organisation."""

    __pydantic_config__ = STRICT
    id: str
    code: str
    claim: str
    reality: str
    skill_level: LevelNumber
    signal: str
    domain: str = ""  # the domain whose skill the belief overrates, where it is one domain


@dataclass(frozen=True, slots=True)
class ScoringParameters:
    """The numbers behind scoring a person, kept in the data so editions can tune them."""

    __pydantic_config__ = STRICT
    cell_met_threshold: float
    evidence_required_from_level: LevelNumber
    min_share_of_applicable_domains: float
    defining_domains: dict[int, tuple[str, ...]]
    source_precedence: tuple[Source, ...]
    evidence_max_age_months: int | None = None
    review_from_level: LevelNumber = 3  # every claim at this level and above is reviewed


@dataclass(frozen=True, slots=True)
class Capacity:
    """How many people at or above a level count as established capacity at that level."""

    __pydantic_config__ = STRICT
    level: LevelNumber
    min_people: int
    min_share: float = 0.0


@dataclass(frozen=True, slots=True)
class ValidityParameters:
    """The thresholds of a round's validity report: when a figure is flagged or read aloud."""

    __pydantic_config__ = STRICT
    confidence_level: float  # of every interval in the report
    difficulty_min: float  # an item met by fewer than this share tells little
    difficulty_max: float  # an item met by more than this share tells little
    item_rest_min: float  # an item correlating less with the rest of its domain is flagged
    kappa_min: float  # self versus reviewer agreement below this is flagged
    inflation_reading: float  # a mean self-minus-reviewed gap of this many levels is read aloud
    reproducibility_min: float  # Guttman's coefficient of reproducibility
    scalability_min: float  # Loevinger's H
    alpha_min: float  # Cronbach's alpha
    calibration_share: float  # of respondents answering the whole item bank, a round's default

    def __post_init__(self) -> None:
        for name in ("confidence_level", "difficulty_min", "difficulty_max", "calibration_share"):
            if not 0 < getattr(self, name) < 1:
                raise ValueError(f"{name} must lie between 0 and 1")


@dataclass(frozen=True, slots=True)
class ReadinessCheck:
    """A check every production AI system should have in place, such as a fallback."""

    __pydantic_config__ = STRICT
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class AnalysisParameters:
    """The numbers behind analysing an organisation."""

    __pydantic_config__ = STRICT
    min_group_size: int
    stage_indicator_share: float
    capacity: tuple[Capacity, ...]
    stalled_pilot_months: float
    success_rate_target: float
    readiness_checks: tuple[ReadinessCheck, ...]
    training_priority: tuple[LevelNumber, ...] = (3, 2, 4, 1, 5)  # the Level 3 layer first
    # A derived stage indicator by name: it holds when every production system has these checks.
    production_signals: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def check_ids(self) -> tuple[str, ...]:
        return tuple(check.id for check in self.readiness_checks)

    def check_label(self, check_id: str) -> str:
        found = next((check for check in self.readiness_checks if check.id == check_id), None)
        if found is None:
            raise UnknownIdError("readiness check", check_id, self.check_ids)
        return found.label

    def capacity_at(self, level: int) -> Capacity:
        found = next((item for item in self.capacity if item.level == level), None)
        if found is None:
            raise UnknownIdError("level", level, (item.level for item in self.capacity))
        return found


@dataclass(frozen=True, slots=True)
class TitleClaim:
    """A phrase in a job title and the level it claims, such as "systems engineer" for 3."""

    __pydantic_config__ = STRICT
    pattern: str
    level: LevelNumber


@dataclass(frozen=True, slots=True)
class AdTerms:
    """More ways employers write a cell's skills in an ad, beyond the cell's own keywords."""

    __pydantic_config__ = STRICT
    cell: str  # "domain.level", such as "observability.3"
    phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PhraseSense:
    """When a phrase counts: the words of its sentence that show the sense it is meant in."""

    __pydantic_config__ = STRICT
    phrase: str
    cells: tuple[str, ...] = ()  # the cells this applies to; all of the phrase's cells if empty
    needs_ai: bool = False  # counts only in a sentence, or an ad whose title, names AI
    near: tuple[str, ...] = ()  # one of these must be in the sentence
    unless: tuple[str, ...] = ()  # none of these may be in the sentence


@dataclass(frozen=True, slots=True)
class MythSigns:
    """How an ad shows a myth's belief: a subject and a belief in one sentence, or a title."""

    __pydantic_config__ = STRICT
    myth: str  # a myth id
    title: str = ""  # a regular expression: a title that states the belief by itself
    subject: tuple[str, ...] = ()  # what the belief is about, such as a platform's name
    belief: tuple[str, ...] = ()  # what is believed of it, in the same sentence
    below_level: LevelNumber | None = None  # the belief holds only where the ad asks for less
    # True where a sentence that states the belief describes a purchase, not the job, so that
    # its phrases ("production-ready", "guardrails") ask for nothing.
    states_no_requirement: bool = False
    # A title that claims at least this level for work on the subject, in an ad that asks for
    # less, shows the belief too: it ranks that work above what it is.
    title_claim_at_least: LevelNumber | None = None


@dataclass(frozen=True, slots=True)
class JobDescriptionParameters:
    """How a job description is read: title claims, vocabulary, myth signs and the level rule."""

    __pydantic_config__ = STRICT
    title_claims: tuple[TitleClaim, ...]
    prompt_engineer_pattern: str
    min_sentences: int  # a level counts when at least this many sentences ask for it...
    min_phrases: int  # ... with at least this many different phrases
    ai_words: tuple[str, ...] = ()
    ai_phrases: tuple[str, ...] = ()  # name AI by themselves; all others need AI nearby
    reporting_line: tuple[str, ...] = ()  # a sentence with one of these asks for nothing
    terms: tuple[AdTerms, ...] = ()
    senses: tuple[PhraseSense, ...] = ()
    myth_signs: tuple[MythSigns, ...] = ()


Severity = Literal["info", "warning", "critical"]


@dataclass(frozen=True, slots=True)
class DiagnosticDefinition:
    """The wording and thresholds of one organisation diagnostic; the rule itself is code."""

    __pydantic_config__ = STRICT
    code: str
    severity: Severity
    title: str
    summary: str
    recommendation: str
    thresholds: dict[str, float | str] = field(default_factory=dict)
    checks: tuple[str, ...] = ()  # the readiness checks the rule looks at, if it names any


@dataclass(frozen=True, slots=True)
class EvidenceReasons:
    """The sentence shown with each flag of the evidence check; {domain} and {count} are filled."""

    __pydantic_config__ = STRICT
    no_specifics: str
    no_outcome: str
    off_topic: str
    repeated_across_items: str
    shared_across_people: str


@dataclass(frozen=True, slots=True)
class EvidenceCheckParameters:
    """How evidence is checked for what it cannot support; the check flags, it never scores."""

    __pydantic_config__ = STRICT
    link_pattern: str
    specifics_patterns: tuple[str, ...]
    specific_words: tuple[str, ...]
    generic_capitalised: tuple[str, ...]
    outcome_patterns: tuple[str, ...]
    outcome_words: tuple[str, ...]
    stop_words: tuple[str, ...]
    topic_words: dict[str, tuple[str, ...]]  # domain id -> words of its topic
    topic_min_words: int
    topic_margin: int
    repeat_min_words: int
    repeated_across_cells: int
    shared_across_people: int
    reasons: EvidenceReasons


# Crosswalks: identifiers of other frameworks (ESCO, O*NET, NIST AI RMF, SFIA) that cover the
# same ground as a cell. Only identifiers read from the framework's published data belong here;
# `sources` says where each was read, and model/checks.py validates their form.
Framework = Literal["esco", "onet", "nist_ai_rmf", "sfia"]
FRAMEWORKS: tuple[str, ...] = ("esco", "onet", "nist_ai_rmf", "sfia")


@dataclass(frozen=True, slots=True)
class Reference:
    """One identifier in another framework, with a short label and the source it was read from."""

    __pydantic_config__ = STRICT
    framework: Framework
    id: str
    label: str
    source: str  # a key of the crosswalk's sources


@dataclass(frozen=True, slots=True)
class CellReferences:
    """The references of one cell, named "domain.level" as in `job_descriptions.terms`."""

    __pydantic_config__ = STRICT
    cell: str
    references: tuple[Reference, ...]


@dataclass(frozen=True, slots=True)
class CrosswalkSource:
    """A published dataset identifiers were read from: which one, which version, and where."""

    __pydantic_config__ = STRICT
    framework: Framework
    title: str
    version: str
    read_from: tuple[str, ...]  # repository@commit and path, or an address
    note: str = ""


@dataclass(frozen=True, slots=True)
class Crosswalk:
    """An edition's references to other frameworks; an edition may have none."""

    __pydantic_config__ = STRICT
    sources: dict[str, CrosswalkSource] = field(default_factory=dict)
    cells: tuple[CellReferences, ...] = ()

    def references(self, domain_id: str, level: int) -> tuple[Reference, ...]:
        name = f"{domain_id}.{level}"
        return tuple(ref for entry in self.cells if entry.cell == name for ref in entry.references)


# Competence records: who builds, operates or oversees each AI system, and the cells each kind
# of involvement needs at each risk class. The ids are fixed by the inventory's format.
INVOLVEMENTS: tuple[str, ...] = ("build", "operate", "oversee")
RISK_CLASSES: tuple[str, ...] = ("minimal", "limited", "high", "not_assessed")


@dataclass(frozen=True, slots=True)
class Requirement:
    """The cells (domain id -> level) a person needs to build, operate or oversee a system of a
    risk class. An organisation's own requirements have the same shape and only ever raise."""

    __pydantic_config__ = STRICT
    involvement: str  # one of INVOLVEMENTS
    risk_class: str  # one of RISK_CLASSES
    cells: dict[str, LevelNumber]
    why: str = ""


@dataclass(frozen=True, slots=True)
class RegulationReference:
    """An article or clause of a law or standard, named and dated, never its text."""

    __pydantic_config__ = STRICT
    framework: str  # the law or standard, such as "EU AI Act, Regulation (EU) 2024/1689"
    id: str  # the article or clause, such as "Article 4"
    name: str  # its short name, such as "AI literacy"
    date: str  # YYYY-MM-DD or YYYY-MM
    date_meaning: Literal["applies from", "published"]


@dataclass(frozen=True, slots=True)
class CompetenceParameters:
    """What each involvement in an AI system needs, how long a record stays current, and the
    regulation references the evidence pack names."""

    __pydantic_config__ = STRICT
    record_max_age_months: int = 12
    requirements: tuple[Requirement, ...] = ()
    references: tuple[RegulationReference, ...] = ()

    def required(self, involvement: str, risk_class: str) -> dict[str, int]:
        """The cells an involvement needs at a risk class (none where the edition says none)."""
        cells: dict[str, int] = {}
        for entry in self.requirements:
            if entry.involvement == involvement and entry.risk_class == risk_class:
                for domain_id, level in entry.cells.items():
                    cells[domain_id] = max(level, cells.get(domain_id, 0))
        return cells


@dataclass(frozen=True, slots=True)
class Edition:
    """A whole, self-consistent version of the framework."""

    __pydantic_config__ = STRICT
    id: str
    title: str
    below_first_level: str  # how an operating level of 0 is named to people
    published: str
    answer_scale: tuple[AnswerOption, ...]
    scoring: ScoringParameters
    levels: tuple[Level, ...]
    principles: tuple[Principle, ...]
    domains: tuple[Domain, ...]
    stages: tuple[Stage, ...]
    roles: tuple[Role, ...]
    hiring_phases: tuple[HiringPhase, ...]
    myths: tuple[Myth, ...]
    analysis: AnalysisParameters
    diagnostics: tuple[DiagnosticDefinition, ...]
    validity: ValidityParameters
    job_descriptions: JobDescriptionParameters
    evidence_check: EvidenceCheckParameters
    crosswalk: Crosswalk = field(default_factory=Crosswalk)
    competence: CompetenceParameters = field(default_factory=CompetenceParameters)
    overlays: tuple[str, ...] = ()
    item_index: dict[str, Item] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        index = {item.id: item for domain in self.domains for item in domain.items}
        object.__setattr__(self, "item_index", index)

    def domain(self, domain_id: str) -> Domain:
        found = next((domain for domain in self.domains if domain.id == domain_id), None)
        if found is None:
            raise UnknownIdError("domain", domain_id, self.domain_ids)
        return found

    def level(self, number: int) -> Level:
        found = next((level for level in self.levels if level.number == number), None)
        if found is None:
            raise UnknownIdError("level", number, (level.number for level in self.levels))
        return found

    def role(self, role_id: str) -> Role:
        found = next((role for role in self.roles if role.id == role_id), None)
        if found is None:
            raise UnknownIdError("role", role_id, (role.id for role in self.roles))
        return found

    def question_set(self, role_id: str | None) -> dict[str, int] | None:
        """The levels a role is asked per domain; None (the whole bank) for an unknown role."""
        role = next((role for role in self.roles if role.id == role_id), None)
        return None if role is None or role.question_set is None else dict(role.question_set)

    def diagnostic(self, code: str) -> DiagnosticDefinition:
        found = next((item for item in self.diagnostics if item.code == code), None)
        if found is None:
            raise UnknownIdError("diagnostic", code, (item.code for item in self.diagnostics))
        return found

    @property
    def domain_ids(self) -> tuple[str, ...]:
        return tuple(domain.id for domain in self.domains)

    @property
    def level_numbers(self) -> tuple[int, ...]:
        return tuple(level.number for level in self.levels)

    def answer_label(self, item: Item, value: float) -> str:
        index = ANSWER_VALUES.index(value)
        return item.answers[index] if item.answers else self.answer_scale[index].label


@dataclass(frozen=True, slots=True)
class OverlayCell:
    """Additions to one existing cell: a descriptor sentence and extra items."""

    __pydantic_config__ = STRICT
    domain: str
    level: LevelNumber
    descriptor: str = ""
    items: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class Overlay:
    """Extra items and descriptors attached to an edition's ids without changing its core."""

    __pydantic_config__ = STRICT
    id: str
    name: str
    summary: str
    edition: str
    cells: tuple[OverlayCell, ...]
