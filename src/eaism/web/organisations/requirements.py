"""Requirements an organisation raises above its edition's: one cell (involvement, risk class,
domain, level) at a time, with the reason.

One function per action, for the compliance page and the API alike; each is audited and marks
the organisation changed. The core takes the higher of the edition's level and the raised one,
so a raised cell must be higher than the edition's there, or it would say nothing.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.http import HttpRequest

from eaism.analysis.competence import INVOLVEMENTS, RISK_CLASSES
from eaism.model.checks import check_requirement
from eaism.model.schema import Edition, Requirement
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.labels import label
from eaism.web.organisations.models import CompetenceRequirement, Organisation
from eaism.web.organisations.store import organisation_changed

MAX_WHY = 2000


def raised_requirements(organisation: Organisation) -> tuple[Requirement, ...]:
    """The organisation's raised cells, one `Requirement` per involvement and risk class."""
    cells: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    reasons: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entry in organisation.competence_requirements.order_by("id"):
        key = (entry.involvement, entry.risk_class)
        cells[key][entry.domain] = entry.level
        reasons[key].append(entry.why)
    return tuple(
        Requirement(involvement, risk_class, found, "; ".join(reasons[(involvement, risk_class)]))
        for (involvement, risk_class), found in cells.items()
    )


def raise_requirement(
    organisation: Organisation,
    involvement: str,
    risk_class: str,
    domain: str,
    level: str | int,
    why: str,
    request: HttpRequest | None = None,
) -> CompetenceRequirement:
    """Raise one cell for an involvement and risk class; raising it again sets the new level."""
    domain_id = domain.strip()
    wanted = Requirement(
        involvement.strip(), risk_class.strip(), {domain_id: _level(level)}, why.strip()
    )
    _check(current_edition(), wanted)
    user = getattr(request, "user", None)
    with transaction.atomic():
        entry, _ = CompetenceRequirement.objects.update_or_create(
            organisation=organisation,
            involvement=wanted.involvement,
            risk_class=wanted.risk_class,
            domain=domain_id,
            defaults={
                "level": wanted.cells[domain_id],
                "why": wanted.why,
                "created_by": user if getattr(user, "is_authenticated", False) else None,
            },
        )
        _audited(request, "competence_requirement_raised", entry, level=entry.level, why=entry.why)
    return entry


def remove_requirement(
    organisation: Organisation,
    involvement: str,
    risk_class: str,
    domain: str,
    request: HttpRequest | None = None,
) -> None:
    """Remove a raised cell: the edition's level applies there again."""
    found = organisation.competence_requirements.filter(
        involvement=involvement.strip(), risk_class=risk_class.strip(), domain=domain.strip()
    ).first()
    if found is None:
        raise InputError("domain", "not a requirement this organisation raised")
    with transaction.atomic():
        found.delete()
        _audited(request, "competence_requirement_removed", found, level=found.level)


def _level(level: str | int) -> int:
    text = str(level).strip()
    if not text.isdigit():
        raise InputError("level", f"{text!r} is not a level; choose one of the domain's cells")
    return int(text)


def _check(edition: Edition, wanted: Requirement) -> None:
    """The edition's own check of a requirement (as for the organisation file), then: higher."""
    for path, message in check_requirement(edition, wanted, ()):
        field = str(path[0]) if path[0] != "cells" else "level"
        if field == "level" and path[-1] not in edition.domain_ids:
            field = "domain"
        raise InputError(field, message)
    (domain_id, level), *_ = wanted.cells.items()
    already = edition.competence.required(wanted.involvement, wanted.risk_class).get(domain_id, 0)
    if level <= already:
        asked = f"{label('domain', domain_id)} {already}"
        raise InputError(
            "level",
            f"the edition already asks for {asked} here; a raised requirement must be higher",
        )
    if not wanted.why:
        raise InputError("why", "say why the organisation asks for more than the edition")
    if len(wanted.why) > MAX_WHY:
        raise InputError("why", f"at most {MAX_WHY} characters; this has {len(wanted.why)}")


def _audited(
    request: HttpRequest | None, action: str, entry: CompetenceRequirement, **detail: object
) -> None:
    target = f"{entry.involvement} {entry.risk_class}: {entry.domain}"
    record(request, action, entry.organisation, target, **detail)
    organisation_changed(entry.organisation_id)


def requirement_choices(organisation: Organisation) -> dict[str, object]:
    """What the compliance page's form offers, by label, and the cells raised so far."""
    edition = current_edition()
    return {
        "raised_cells": list(organisation.competence_requirements.all()),
        "involvement_choices": INVOLVEMENTS,
        "risk_class_choices": RISK_CLASSES,
        "domain_choices": edition.domain_ids,
        "level_choices": [level.number for level in edition.levels],
    }
