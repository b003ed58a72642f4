"""Reviewing a domain: a reviewer confirms or corrects one domain level; the self-rating stays."""

from __future__ import annotations

from typing import Any

from eaism.web.assessments.models import Response, ReviewedDomain, Round
from eaism.web.assessments.scoring import store_score
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.models import Person

MAX_NOTE = 2000


def review_domain(
    round_: Round, person: Person, reviewer: Any, domain: str, level: str | int, note: str
) -> ReviewedDomain:
    """Record the reviewed level of one domain (again: the latest review wins) and rescore.

    The stored score is refreshed only for a submitted response: a response still open (or
    reopened) is not counted by dashboards until it is submitted, with its reviews applied.
    """
    if not round_.is_open:
        raise InputError("round", "the round is closed; its results are frozen")
    edition = current_edition()
    if domain not in edition.domain_ids:
        raise InputError("domain", f"{domain!r} is not a domain of edition {edition.id}")
    allowed = (0, *edition.domain(domain).applicable_levels)
    number = _level(level)
    if number not in allowed:
        levels = ", ".join(str(allowed_level) for allowed_level in allowed)
        raise InputError("level", f"{level!r} is not a level of this domain ({levels})")
    if len(note) > MAX_NOTE:
        raise InputError("note", f"at most {MAX_NOTE} characters; this has {len(note)}")
    review, _ = ReviewedDomain.objects.update_or_create(
        round=round_,
        person=person,
        domain=domain,
        defaults={"level": number, "note": note.strip(), "reviewer": reviewer},
    )
    submitted = Response.objects.filter(
        round=round_, person=person, source="self", submitted_at__isnull=False
    ).exists()
    if submitted:
        store_score(round_, person)
    return review


def _level(level: str | int) -> int | None:
    if isinstance(level, int):
        return level
    text = level.strip()
    return int(text) if text.isdigit() else None
