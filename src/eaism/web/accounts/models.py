"""Accounts: people sign in with their e-mail address; API tokens are stored hashed."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

TOKEN_PREFIX_LENGTH = 8


class AccountManager(UserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:  # type: ignore[override]
        email = self.normalize_email(email).lower()
        return super().create_user(username=email, email=email, password=password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:  # type: ignore[override]
        email = self.normalize_email(email).lower()
        return super().create_superuser(username=email, email=email, password=password, **extra)


class User(AbstractUser):
    """An account; the e-mail address is the user name."""

    email = models.EmailField(unique=True)
    display_name = models.CharField(max_length=200, blank=True)

    objects = AccountManager()  # type: ignore[misc]

    def __str__(self) -> str:
        return self.display_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Every way of setting a password or deactivating the account ends here, so this is
        where the account's API tokens are revoked: a token must not outlive either."""
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        reason = "account_deactivated" if not self.is_active else ""
        reason = "password_changed" if password_changed else reason
        if reason:
            from eaism.web.accounts.tokens import revoke_all

            revoke_all(self, reason)


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=TOKEN_PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    revoked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    @classmethod
    def issue(cls, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
        """A new token and its secret, which is shown once and never stored; it expires after
        `days` (EAISM_TOKEN_DAYS by default)."""
        secret = "eaism_" + secrets.token_urlsafe(32)
        lifetime = timedelta(days=days if days is not None else settings.EAISM_TOKEN_DAYS)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=secret[6 : 6 + TOKEN_PREFIX_LENGTH],
            key_hash=hash_token(secret),
            expires_at=timezone.now() + lifetime,
        )
        return token, secret

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
