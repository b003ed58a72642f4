"""Rules of a well-formed edition or overlay that span more than one field.

Each check returns `(path, message)` pairs in the coordinates of the assembled value, so the
loader can point at the file and line where the offending value was written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

from eaism.model.documents import Path
from eaism.model.level_checks import Finding, check_levels, level_range
from eaism.model.schema import (
    ANSWER_VALUES,
    DERIVATION_RULES,
    INVOLVEMENTS,
    RISK_CLASSES,
    CrosswalkSource,
    Domain,
    Edition,
    Item,
    Overlay,
    Reference,
    Requirement,
)

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
ITEM_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
MAX_ITEMS_PER_CELL = 3
MIN_QUESTIONS = 2  # a hiring rubric asks at least two questions per domain
MIN_GROUP_FLOOR = 3  # no setting may show figures for a group smaller than this


def check_edition(edition: Edition) -> list[Finding]:
    """Every cross-field problem of an edition, in file order."""
    numbering = check_levels(edition)
    if numbering:
        return numbering  # the other checks look levels up
    return [
        *_check_scale(edition),
        *_check_unique_ids(edition),
        *(
            finding
            for index, domain in enumerate(edition.domains)
            for finding in _check_domain(domain, edition.level_numbers, ("domains", index))
        ),
        *_check_references(edition),
        *_check_readiness(edition),
        *_check_job_descriptions(edition),
        *_check_crosswalk(edition),
        *_check_competence(edition),
    ]


def check_overlay(overlay: Overlay, edition: Edition) -> list[Finding]:
    """Problems of an overlay against the edition it extends."""
    findings: list[Finding] = []
    if overlay.edition != edition.id:
        findings.append(
            (("edition",), f"{overlay.edition!r} does not match edition {edition.id!r}")
        )
    taken = set(edition.item_index)
    for index, cell in enumerate(overlay.cells):
        path: Path = ("cells", index)
        if cell.domain not in edition.domain_ids:
            findings.append(
                ((*path, "domain"), _unknown("domain", cell.domain, edition.domain_ids))
            )
            continue
        domain = edition.domain(cell.domain)
        if not domain.cell(cell.level).applicable:
            findings.append(((*path, "level"), f"{cell.domain} has no cell at level {cell.level}"))
        total = len(domain.items_at(cell.level)) + len(cell.items)
        if total > MAX_ITEMS_PER_CELL:
            message = f"the cell would hold {total} items; at most {MAX_ITEMS_PER_CELL} are allowed"
            findings.append(((*path, "items"), message))
        for item_index, item in enumerate(cell.items):
            item_path = (*path, "items", item_index)
            findings.extend(_check_item_id(item, item_path))
            if item.id in taken:
                findings.append(((*item_path, "id"), f"{item.id!r} is already used"))
            taken.add(item.id)
            if item.level != cell.level:
                message = f"{item.level} differs from the cell's level {cell.level}"
                findings.append(((*item_path, "level"), message))
    return findings


def _check_scale(edition: Edition) -> Iterator[Finding]:
    values = tuple(option.value for option in edition.answer_scale)
    if values != ANSWER_VALUES:
        yield (
            ("answer_scale",),
            f"values must be {list(ANSWER_VALUES)} in order, found {list(values)}",
        )


def _check_unique_ids(edition: Edition) -> Iterator[Finding]:
    groups: dict[str, list[str]] = {
        "levels": [level.id for level in edition.levels],
        "principles": [principle.id for principle in edition.principles],
        "domains": [domain.id for domain in edition.domains],
        "stages": [stage.id for stage in edition.stages],
        "roles": [role.id for role in edition.roles],
        "myths": [myth.id for myth in edition.myths],
        "diagnostics": [diagnostic.code.lower() for diagnostic in edition.diagnostics],
    }
    for name, ids in groups.items():
        for index, identifier in enumerate(ids):
            if not IDENTIFIER.match(identifier):
                yield (name, index, "id"), f"{identifier!r} is not an id (lower case, digits, _)"
        for identifier, count in Counter(ids).items():
            if count > 1:
                yield (name,), f"id {identifier!r} is used {count} times"
    seen: set[str] = set()
    for domain_index, domain in enumerate(edition.domains):
        for item_index, item in enumerate(domain.items):
            if item.id in seen:
                yield (
                    ("domains", domain_index, "items", item_index, "id"),
                    f"{item.id!r} is already used",
                )
            seen.add(item.id)


def _check_domain(domain: Domain, numbers: tuple[int, ...], path: Path) -> Iterator[Finding]:
    levels = tuple(cell.level for cell in domain.cells)
    if levels != numbers:
        yield (
            (*path, "cells"),
            f"must list levels {level_range(numbers)} in order, found {list(levels)}",
        )
        return
    for index, cell in enumerate(domain.cells):
        count = len(domain.items_at(cell.level))
        if cell.applicable and not cell.descriptor.strip():
            yield (*path, "cells", index, "descriptor"), "an applicable cell needs a descriptor"
        if cell.applicable and len(cell.questions) < MIN_QUESTIONS:
            message = f"an applicable cell needs at least {MIN_QUESTIONS} interview questions"
            yield (*path, "cells", index, "questions"), message
        if cell.applicable and not 1 <= count <= MAX_ITEMS_PER_CELL:
            message = f"level {cell.level} has {count} items; expected 1 to {MAX_ITEMS_PER_CELL}"
            yield (*path, "cells", index), message
    for index, item in enumerate(domain.items):
        item_path = (*path, "items", index)
        yield from _check_item_id(item, item_path)
        if not domain.cell(item.level).applicable:
            yield (*item_path, "level"), f"{domain.id} has no cell at level {item.level}"


def _check_item_id(item: Item, path: Path) -> Iterator[Finding]:
    if not ITEM_IDENTIFIER.match(item.id):
        yield (
            (*path, "id"),
            f"{item.id!r} is not an item id (such as evaluation.l3.automated_suite)",
        )


def _check_references(edition: Edition) -> Iterator[Finding]:
    known = edition.domain_ids
    for level, domain_ids in edition.scoring.defining_domains.items():
        for index, domain_id in enumerate(domain_ids):
            path = ("scoring", "defining_domains", level, index)
            if domain_id not in known:
                yield path, _unknown("domain", domain_id, known)
            elif (
                level in edition.level_numbers
                and not edition.domain(domain_id).cell(level).applicable
            ):
                yield path, f"{domain_id} has no cell at level {level}, so it cannot define it"
    for role_index, role in enumerate(edition.roles):
        for index, domain_id in enumerate(role.emphasis_domains):
            if domain_id not in known:
                yield (
                    ("roles", role_index, "emphasis_domains", index),
                    _unknown("domain", domain_id, known),
                )
        yield from _check_question_set(edition, role.question_set, ("roles", role_index))
    if edition.analysis.min_group_size < MIN_GROUP_FLOOR:
        yield (
            ("analysis", "min_group_size"),
            f"must be at least {MIN_GROUP_FLOOR} to protect individuals",
        )
    rules = (*DERIVATION_RULES, *edition.analysis.production_signals)
    for stage_index, stage in enumerate(edition.stages):
        for index, indicator in enumerate(stage.indicators):
            if indicator.derived_from and indicator.derived_from not in rules:
                rule_path: Path = ("stages", stage_index, "indicators", index, "derived_from")
                yield rule_path, _unknown("rule", indicator.derived_from, rules)
    parameters = edition.scoring
    if not 0 < parameters.cell_met_threshold <= 1:
        yield ("scoring", "cell_met_threshold"), "must be above 0 and at most 1"
    if not 0 < parameters.min_share_of_applicable_domains <= 1:
        yield ("scoring", "min_share_of_applicable_domains"), "must be above 0 and at most 1"


def _check_readiness(edition: Edition) -> Iterator[Finding]:
    """The readiness checks are ids with labels, and every rule names only checks that exist."""
    checks = edition.analysis.check_ids
    for index, check in enumerate(edition.analysis.readiness_checks):
        path: Path = ("analysis", "readiness_checks", index)
        if not IDENTIFIER.match(check.id):
            yield (*path, "id"), f"{check.id!r} is not an id (lower case, digits, _)"
        if not check.label.strip():
            yield (*path, "label"), "a readiness check needs a label"
    for identifier, count in Counter(checks).items():
        if count > 1:
            yield ("analysis", "readiness_checks"), f"id {identifier!r} is used {count} times"
    for signal, named in edition.analysis.production_signals.items():
        if signal in DERIVATION_RULES:
            message = f"{signal!r} is already a rule of its own; choose another name"
            yield ("analysis", "production_signals", signal), message
        for index, check_id in enumerate(named):
            if check_id not in checks:
                path = ("analysis", "production_signals", signal, index)
                yield path, _unknown("readiness check", check_id, checks)
    for diagnostic_index, diagnostic in enumerate(edition.diagnostics):
        for index, check_id in enumerate(diagnostic.checks):
            if check_id not in checks:
                path = ("diagnostics", diagnostic_index, "checks", index)
                yield path, _unknown("readiness check", check_id, checks)


def _check_job_descriptions(edition: Edition) -> Iterator[Finding]:
    """The cells, myths and expressions that the job-ad reading names exist and are valid."""
    rules = edition.job_descriptions
    root: Path = ("job_descriptions",)
    for name in ("min_sentences", "min_phrases"):
        if getattr(rules, name) < 1:
            yield (*root, name), "must be at least 1"
    for index, claim in enumerate(rules.title_claims):
        yield from _check_expression(claim.pattern, (*root, "title_claims", index, "pattern"))
    for index, terms in enumerate(rules.terms):
        yield from _check_cell_name(edition, terms.cell, (*root, "terms", index, "cell"))
    for index, sense in enumerate(rules.senses):
        for cell_index, cell in enumerate(sense.cells):
            yield from _check_cell_name(
                edition, cell, (*root, "senses", index, "cells", cell_index)
            )
    myths = [myth.id for myth in edition.myths]
    for index, myth in enumerate(edition.myths):
        if myth.domain and myth.domain not in edition.domain_ids:
            yield ("myths", index, "domain"), _unknown("domain", myth.domain, edition.domain_ids)
    for index, signs in enumerate(rules.myth_signs):
        path: Path = (*root, "myth_signs", index)
        if signs.myth not in myths:
            yield (*path, "myth"), _unknown("myth", signs.myth, myths)
        if signs.title:
            yield from _check_expression(signs.title, (*path, "title"))


def _check_cell_name(edition: Edition, cell: str, path: Path) -> Iterator[Finding]:
    domain_id, _, level = cell.rpartition(".")
    if domain_id not in edition.domain_ids or not level.isdigit():
        yield (
            path,
            f"{cell!r} is not a cell; expected a domain id and a level, such as evaluation.3",
        )
    elif int(level) not in edition.domain(domain_id).applicable_levels:
        yield path, f"{domain_id} has no cell at level {level}"


def _check_expression(pattern: str, path: Path) -> Iterator[Finding]:
    try:
        re.compile(pattern)
    except re.error as error:
        yield path, f"not a valid regular expression: {error}"


def _check_question_set(
    edition: Edition, question_set: Mapping[str, int] | None, path: Path
) -> Iterator[Finding]:
    """Each domain of a role's question set exists and has a cell at its highest level asked."""
    known = edition.domain_ids
    for domain_id, level in (question_set or {}).items():
        where: Path = (*path, "question_set", domain_id)
        if domain_id not in known:
            yield where, _unknown("domain", domain_id, known)
        elif level not in edition.domain(domain_id).applicable_levels:
            levels = ", ".join(
                str(number) for number in edition.domain(domain_id).applicable_levels
            )
            yield where, f"{domain_id} has no cell at level {level}; its levels are {levels}"


# The form of each framework's identifiers, as its published data writes them (whole string).
IDENTIFIER_FORMS: dict[str, tuple[re.Pattern[str], str]] = {
    "esco": (
        re.compile(
            r"http://data\.europa\.eu/esco/(skill|occupation)/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"
        ),
        "an ESCO URI such as http://data.europa.eu/esco/skill/<uuid> or .../occupation/<uuid>",
    ),
    "onet": (re.compile(r"[0-9]{2}-[0-9]{4}\.[0-9]{2}"), "an O*NET-SOC code such as 15-2051.00"),
    "nist_ai_rmf": (
        re.compile(r"(GOVERN|MAP|MEASURE|MANAGE) [1-9][0-9]?\.[1-9][0-9]?"),
        "a NIST AI RMF subcategory such as GOVERN 2.2",
    ),
    "sfia": (re.compile(r"[a-z]{4}"), "a four-letter lower-case SFIA skill code such as prmg"),
}


def _check_crosswalk(edition: Edition) -> Iterator[Finding]:
    """Every cell exists once, every identifier has its framework's form and a known source."""
    crosswalk = edition.crosswalk
    root: Path = ("crosswalk",)
    for key, source in crosswalk.sources.items():
        if not source.read_from:
            yield (*root, "sources", key, "read_from"), "say where the identifiers were read"
    seen: set[str] = set()
    for index, entry in enumerate(crosswalk.cells):
        path: Path = (*root, "cells", index)
        yield from _check_cell_name(edition, entry.cell, (*path, "cell"))
        if entry.cell in seen:
            yield (*path, "cell"), f"{entry.cell} is listed twice; give each cell one entry"
        seen.add(entry.cell)
        for ref_index, reference in enumerate(entry.references):
            yield from _check_reference(
                crosswalk.sources, reference, (*path, "references", ref_index)
            )


def _check_reference(
    sources: Mapping[str, CrosswalkSource], reference: Reference, path: Path
) -> Iterator[Finding]:
    form, expected = IDENTIFIER_FORMS[reference.framework]
    if not form.fullmatch(reference.id):
        yield (*path, "id"), f"{reference.id!r} is not {expected}"
    source = sources.get(reference.source)
    if source is None:
        yield (*path, "source"), _unknown("source", reference.source, sources)
    elif source.framework != reference.framework:
        message = f"source {reference.source!r} is a {source.framework} dataset, not {reference.framework}"
        yield (*path, "source"), message


REFERENCE_DATE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?")


def _check_competence(edition: Edition) -> Iterator[Finding]:
    """Requirements name known involvements, risk classes and cells; references are dated."""
    root: Path = ("competence",)
    if edition.competence.record_max_age_months < 1:
        yield (*root, "record_max_age_months"), "must be at least 1 month"
    for index, requirement in enumerate(edition.competence.requirements):
        yield from check_requirement(edition, requirement, (*root, "requirements", index))
    for index, reference in enumerate(edition.competence.references):
        if not REFERENCE_DATE.fullmatch(reference.date):
            path: Path = (*root, "references", index, "date")
            yield path, f"{reference.date!r} is not a date such as 2025-02-02 or 2023-12"


def check_requirement(edition: Edition, requirement: Requirement, path: Path) -> Iterator[Finding]:
    """One requirement against the edition: also used for an organisation's raised ones."""
    if requirement.involvement not in INVOLVEMENTS:
        yield (
            (*path, "involvement"),
            _unknown("kind of involvement", requirement.involvement, INVOLVEMENTS),
        )
    if requirement.risk_class not in RISK_CLASSES:
        yield (*path, "risk_class"), _unknown("risk class", requirement.risk_class, RISK_CLASSES)
    for domain_id, level in requirement.cells.items():
        where: Path = (*path, "cells", domain_id)
        if domain_id not in edition.domain_ids:
            yield where, _unknown("domain", domain_id, edition.domain_ids)
        elif level not in edition.domain(domain_id).applicable_levels:
            levels = ", ".join(map(str, edition.domain(domain_id).applicable_levels))
            yield where, f"{domain_id} has no cell at level {level}; its levels are {levels}"


def _unknown(kind: str, value: str, known: Iterable[str]) -> str:
    return f"{value!r} is not a {kind}; expected one of: {', '.join(known)}"
