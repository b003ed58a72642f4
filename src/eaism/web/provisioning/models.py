"""SCIM bearer tokens, one set per organisation, and the access a deprovisioning set aside."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from eaism.web.organisations.models import Organisation

TOKEN_PREFIX_LENGTH = 8


class ScimToken(models.Model):
    """A bearer token an identity provider provisions one organisation with; only its SHA-256
    hash is stored, the secret is shown once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="scim_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=TOKEN_PREFIX_LENGTH)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def label(self) -> str:
        """How the audit log names the token's requests."""
        return f"SCIM token {self.name} (eaism_scim_{self.prefix})"


class SuspendedMembership(models.Model):
    """The membership a SCIM deactivation removed, kept so that a reactivation gives it back;
    `account_deactivated` when the deactivation also turned the account off."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="suspended_memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspended_memberships"
    )
    role = models.CharField(max_length=20)
    team_ids = models.JSONField(default=list)  # the teams a manager managed
    review_ids = models.JSONField(default=list)  # the people a reviewer reviewed
    account_deactivated = models.BooleanField(default=False)
    suspended_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="unique_suspended_membership"
            )
        ]
