"""Reading an edition's crosswalk: which identifiers of other frameworks cover which cells."""

from __future__ import annotations

from dataclasses import dataclass

from eaism.errors import UnknownIdError
from eaism.model.schema import FRAMEWORKS, Edition, Reference

FRAMEWORK_NAMES: dict[str, str] = {
    "esco": "ESCO",
    "onet": "O*NET",
    "nist_ai_rmf": "NIST AI RMF",
    "sfia": "SFIA",
}


@dataclass(frozen=True)
class CrosswalkRow:
    """One reference of one cell, with the names a reader needs beside the identifier."""

    cell: str
    domain: str
    level: int
    level_name: str
    framework: str
    id: str
    label: str
    source: str  # the dataset's version, such as "ESCO v1.2.0 (released 15 May 2024)"
    read_from: tuple[str, ...]  # where that dataset was read: repository@commit path, or address


def crosswalk_rows(edition: Edition, framework: str) -> tuple[CrosswalkRow, ...]:
    """Every reference to `framework`, in the edition's domain and level order."""
    if framework not in FRAMEWORKS:
        raise UnknownIdError("framework", framework, FRAMEWORKS)
    return tuple(
        _row(edition, domain.id, cell.level, reference)
        for domain in edition.domains
        for cell in domain.cells
        for reference in edition.crosswalk.references(domain.id, cell.level)
        if reference.framework == framework
    )


def reference_text(reference: Reference) -> str:
    """How a reference reads in a line of text: framework, identifier and label."""
    return f"{FRAMEWORK_NAMES[reference.framework]} {reference.id} ({reference.label})"


def _row(edition: Edition, domain_id: str, level: int, reference: Reference) -> CrosswalkRow:
    source = edition.crosswalk.sources[reference.source]
    return CrosswalkRow(
        cell=f"{domain_id}.{level}",
        domain=edition.domain(domain_id).name,
        level=level,
        level_name=edition.level(level).name,
        framework=reference.framework,
        id=reference.id,
        label=reference.label,
        source=source.version,
        read_from=source.read_from,
    )
