"""A person's result as plain, JSON-ready data: the stable schema of `eaism score --format json`.

The schema is documented in docs/scoring.md and declared key for key in document_types.py; its
`format` field changes when a field is removed or changes meaning, never when one is added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from eaism.model.schema import Edition, Source
from eaism.scoring.answers import Respondent
from eaism.scoring.explanation import DomainGap, domain_gap, domain_why
from eaism.scoring.person import DomainResult, ItemResult, SourceProfile
from eaism.scoring.profile import PersonResult

if TYPE_CHECKING:  # typing_extensions would slow the CLI's start-up
    from eaism.scoring.document_types import (
        DomainEntry,
        GapEntry,
        ItemEntry,
        NextStep,
        OperatingLevelEntry,
        PersonDocument,
        ProfileEntry,
        ReferenceEntry,
        RespondentEntry,
    )

FORMAT: Final = "eaism.person-result/1"
# Scoring keeps sources as plain strings: this gives them the document's literal type, and an
# unknown one fails here rather than reaching a reader.
SOURCES: dict[str, Source] = {
    "self": "self",
    "reviewer": "reviewer",
    "interviewer": "interviewer",
    "peer": "peer",
}


def person_document(edition: Edition, result: PersonResult) -> PersonDocument:
    return {
        "format": FORMAT,
        "edition": result.edition,
        "overlays": list(result.overlays),
        "respondent": respondent_document(result.respondent),
        "sources": [SOURCES[source] for source in result.sources],
        "operating_level": _operating_document(edition, result),
        "domains": {
            domain_id: _domain_document(edition, domain)
            for domain_id, domain in result.domains.items()
        },
        "profiles": {
            SOURCES[profile.source]: _profile_document(profile) for profile in result.profiles
        },
        "calibration": result.calibration,
    }


def respondent_document(respondent: Respondent) -> RespondentEntry:
    """The id, and each other detail that was given, in the order `Respondent` declares them:
    the same in a person's result and in a response file."""
    document: RespondentEntry = {"id": respondent.id}
    if respondent.role is not None:
        document["role"] = respondent.role
    if respondent.name is not None:
        document["name"] = respondent.name
    if respondent.team is not None:
        document["team"] = respondent.team
    if respondent.title is not None:
        document["title"] = respondent.title
    return document


def _profile_document(profile: SourceProfile) -> ProfileEntry:
    return {
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


def _operating_document(edition: Edition, result: PersonResult) -> OperatingLevelEntry:
    operating = result.operating
    level = edition.level(operating.demonstrated) if operating.demonstrated else None
    return {
        "demonstrated": operating.demonstrated,
        "claimed": operating.claimed,
        "name": level.name if level else None,
        "scope": level.scope if level else None,
        "why": list(operating.why),
        "next": _next_document(edition, result),
    }


def _next_document(edition: Edition, result: PersonResult) -> NextStep | None:
    operating = result.operating
    if operating.next_level is None:
        return None
    return {
        "level": operating.next_level,
        "name": edition.level(operating.next_level).name,
        "gaps": [_gap_document(edition, gap) for gap in operating.gaps],
        "more_domains_needed": operating.more_domains_needed,
        "candidates": [_gap_document(edition, gap) for gap in operating.candidates],
    }


def _domain_document(edition: Edition, domain: DomainResult) -> DomainEntry:
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
        "source": SOURCES[domain.source],
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


def _see_also(edition: Edition, domain: DomainResult) -> list[ReferenceEntry]:
    """Other frameworks' identifiers for the cell the person has reached in this domain."""
    references = edition.crosswalk.references(domain.domain_id, domain.level)
    return [{"framework": ref.framework, "id": ref.id, "label": ref.label} for ref in references]


def _gap_document(edition: Edition, gap: DomainGap) -> GapEntry:
    return {
        "domain": gap.domain_id,
        "current_level": gap.current_level,
        "target_level": gap.target_level,
        "items": [_item_document(edition, item) for item in gap.items],
    }


def _item_document(edition: Edition, item: ItemResult) -> ItemEntry:
    model_item = edition.item_index[item.item_id]
    return {
        "id": item.item_id,
        "level": model_item.level,
        "statement": model_item.statement,
        "value": item.value,
        "status": item.status,
    }
