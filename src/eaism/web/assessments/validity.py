"""A round's validity report from the database: who may read it, and the export for the CLI.

The figures are aggregates over the round's submitted responses, each withheld below the
organisation's minimum group size. A closed round's report never changes; an open round's
report would change with every submission, so that one (like individual answers) is for owners
and admins only.
"""

from __future__ import annotations

from eaism.analysis.validity import ValidityReport, ValidityResponse, validity_report
from eaism.io.response_types import RoundExportDocument
from eaism.io.round_export import round_export_document
from eaism.web.assessments.models import Answer, Response, Round, Score
from eaism.web.assessments.scoring import round_edition
from eaism.web.organisations.access import Access
from eaism.web.organisations.models import Role


def may_read_validity(access: Access, round_: Round) -> bool:
    if access.is_admin:
        return True
    return access.role == Role.ANALYST and round_.status == Round.Status.CLOSED


def validity_responses(round_: Round) -> list[ValidityResponse]:
    """The round's submitted responses under pseudonymous ids (their order in the round)."""
    edition = round_edition(round_)
    submitted = dict(
        Response.objects.filter(
            round=round_, source="self", submitted_at__isnull=False
        ).values_list("person_id", "calibration")
    )
    answers: dict[int, dict[str, float]] = {person_id: {} for person_id in submitted}
    rows = Answer.objects.filter(
        response__round=round_, response__source="self", response__submitted_at__isnull=False
    ).values_list("response__person_id", "item_id", "value")
    for person_id, item_id, value in rows.iterator(chunk_size=5000):
        answers[person_id][item_id] = value
    scores = Score.objects.filter(round=round_, person_id__in=list(submitted)).values_list(
        "person_id", "self_levels", "reviewed_levels"
    )
    responses = []
    for number, (person_id, own, reviewed) in enumerate(sorted(scores), start=1):
        levels = {
            domain_id: level
            for domain_id, level in zip(edition.domain_ids, own, strict=False)
            if level is not None
        }
        responses.append(
            ValidityResponse(
                person_id=f"r{number}",
                calibration=submitted[person_id],
                answers=answers[person_id],
                self_levels=levels,
                reviewed_levels=reviewed,
            )
        )
    return responses


def round_validity(round_: Round) -> ValidityReport:
    edition = round_edition(round_)
    minimum = round_.organisation.min_group_size
    return validity_report(edition, validity_responses(round_), minimum)


def round_export(round_: Round) -> RoundExportDocument:
    """The round as `eaism round validity` reads it: answers and levels, no names or ids."""
    edition = round_edition(round_)
    return round_export_document(
        edition,
        round_.name,
        round_.closed_at or round_.closes_at,
        round_.organisation.min_group_size,
        validity_responses(round_),
    )
