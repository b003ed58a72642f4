"""The audit log an organisation's admins see, and its export as CSV rows."""

from __future__ import annotations

import json

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from eaism.web.audit.models import AuditEvent
from eaism.web.audit.record import record
from eaism.web.organisations.models import Organisation

HEADER = ["at", "actor", "action", "target", "ip_address", "detail"]


def organisation_events(organisation: Organisation) -> QuerySet[AuditEvent]:
    """The organisation's events, and its members' sign-ins and account events."""
    members = organisation.memberships.values("user_id")
    return AuditEvent.objects.filter(
        Q(organisation=organisation) | Q(organisation__isnull=True, actor_id__in=members)
    ).select_related("actor")


def export_rows(organisation: Organisation, request: HttpRequest | None) -> list[list[str]]:
    """Every event as a CSV row; the export itself is audited first."""
    record(request, "audit_exported", organisation)
    return [
        [
            event.at.isoformat(),
            event.actor_label,
            event.action,
            event.target,
            event.ip_address or "",
            json.dumps(event.detail, sort_keys=True),
        ]
        for event in organisation_events(organisation).iterator()
    ]
