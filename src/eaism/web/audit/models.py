"""The append-only audit log: sign-ins, views of others' results, exports, role changes, deletions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    """Bulk changes are refused too: the log only ever grows."""

    def update(self, **kwargs: Any) -> int:
        raise ValueError("audit events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError("audit events are append-only")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise ValueError("audit events are append-only")


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_label = models.CharField(max_length=254, blank=True)  # kept when the account is deleted
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, blank=True
    )
    action = models.CharField(max_length=50, db_index=True)
    target = models.CharField(max_length=254, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("audit events are append-only")
