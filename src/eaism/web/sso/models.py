"""Single sign-on: each organisation's OpenID Connect provider, its group rules, and the
identities (issuer and subject) that provider vouches for, each tied to one account."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from eaism.web.organisations.models import Organisation, Role, Team

DEFAULT_SCOPES = "openid email profile"


class SignInConfiguration(models.Model):
    """An organisation's identity provider; the endpoints come from its discovery document."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="sign_in_configuration"
    )
    enabled = models.BooleanField(default=True)
    issuer = models.URLField(max_length=500)
    client_id = models.CharField(max_length=255)
    # Kept as given: the token request sends it. Pages never show it again once saved.
    client_secret = models.CharField(max_length=500)
    scopes = models.CharField(max_length=500, default=DEFAULT_SCOPES)
    email_claim = models.CharField(max_length=100, default="email")
    groups_claim = models.CharField(max_length=100, default="groups")
    employee_id_claim = models.CharField(max_length=100, blank=True)
    password_sign_in = models.BooleanField(default=True)  # members may still use a password
    updated_at = models.DateTimeField(auto_now=True)


class GroupRule(models.Model):
    """A group (or other claim value) of the provider, and the role and team it gives."""

    configuration = models.ForeignKey(
        SignInConfiguration, on_delete=models.CASCADE, related_name="rules"
    )
    position = models.PositiveIntegerField()
    value = models.CharField(max_length=255)
    role = models.CharField(max_length=20, choices=Role.CHOICES)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]


class Identity(models.Model):
    """One person at one provider (issuer + subject), signed in as one account."""

    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identities"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="identities"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sign_in = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="unique_identity")
        ]
