"""A person's result as plain, JSON-ready data: the stable schema of `eaism score --format json`.

The schema is documented in docs/scoring.md; its `format` field changes when a field is removed
or changes meaning, never when one is added.
"""

from __future__ import annotations

from typing import Any

from eaism.model.schema import Edition
from eaism.scoring.explanation import DomainGap, domain_gap, domain_why
from eaism.scoring.person import DomainResult, ItemResult
from eaism.scoring.profile import PersonResult

FORMAT = "eaism.person-result/1"


def person_document(edition: Edition, result: PersonResult) -> dict[str, Any]:
    respondent = {
        key: value for key, value in _fields(result.respondent).items() if value is not None
    }
    return {
        "format": FORMAT,
        "edition": result.edition,
        "overlays": list(result.overlays),
        "respondent": respondent,
        "sources": list(result.sources),
        "operating_level": _operating_document(edition, result),
        "domains": {
            domain_id: _domain_document(edition, domain)
            for domain_id, domain in result.domains.items()
        },
        "profiles": {
            profile.source: {
                "rater": profile.rater,
                "operating_level": profile.operating_level,
                "claimed_operating_level": profile.claimed_operating_level,
                "domains": {
                    domain_id: {
                        "level": domain.level if domain.assessed else None,
                        "claimed_level": domain.claimed_level if domain.assessed else None,
                        "assessed": domain.assessed,
                        "rated": domain.rated,
                    }
                    for domain_id, domain in profile.domains.items()
                },
            }
            for profile in result.profiles
        },
        "calibration": result.calibration,
    }


def _operating_document(edition: Edition, result: PersonResult) -> dict[str, Any]:
    operating = result.operating
    level = edition.level(operating.demonstrated) if operating.demonstrated else None
    document: dict[str, Any] = {
        "demonstrated": operating.demonstrated,
        "claimed": operating.claimed,
        "name": level.name if level else None,
        "scope": level.scope if level else None,
        "why": list(operating.why),
        "next": None,
    }
    if operating.next_level is not None:
        document["next"] = {
            "level": operating.next_level,
            "name": edition.level(operating.next_level).name,
            "gaps": [_gap_document(edition, gap) for gap in operating.gaps],
            "more_domains_needed": operating.more_domains_needed,
            "candidates": [_gap_document(edition, gap) for gap in operating.candidates],
        }
    return document


def _domain_document(edition: Edition, domain: DomainResult) -> dict[str, Any]:
    lift = domain_gap(domain, domain.next_level) if domain.next_level else None
    assessed = domain.assessed
    return {
        "name": edition.domain(domain.domain_id).name,
        "assessed": assessed,
        "assessed_up_to": domain.assessed_up_to,
        "level": domain.level if assessed else None,
        "claimed_level": domain.claimed_level if assessed else None,
        "mark": domain.mark if assessed else None,
        "interim": domain.interim,
        "progress": round(domain.progress, 4),
        "next_level": domain.next_level,
        "source": domain.source,
        "why": domain_why(domain, edition.scoring.cell_met_threshold),
        "to_next_level": [_item_document(edition, item) for item in lift.items] if lift else [],
        "see_also": _see_also(edition, domain) if assessed else [],
        "cells": {
            str(cell.level): {
                "applicable": cell.applicable,
                "score": round(cell.score, 4),
                "claimed_score": round(cell.claimed_score, 4),
                "met": cell.met,
                "claimed_met": cell.claimed_met,
            }
            for cell in domain.cells
        },
    }


def _see_also(edition: Edition, domain: DomainResult) -> list[dict[str, str]]:
    """Other frameworks' identifiers for the cell the person has reached in this domain."""
    references = edition.crosswalk.references(domain.domain_id, domain.level)
    return [{"framework": ref.framework, "id": ref.id, "label": ref.label} for ref in references]


def _gap_document(edition: Edition, gap: DomainGap) -> dict[str, Any]:
    return {
        "domain": gap.domain_id,
        "current_level": gap.current_level,
        "target_level": gap.target_level,
        "items": [_item_document(edition, item) for item in gap.items],
    }


def _item_document(edition: Edition, item: ItemResult) -> dict[str, Any]:
    model_item = edition.item_index[item.item_id]
    return {
        "id": item.item_id,
        "level": model_item.level,
        "statement": model_item.statement,
        "value": item.value,
        "status": item.status,
    }


def _fields(value: Any) -> dict[str, Any]:
    return {name: getattr(value, name) for name in value.__slots__}
