"""Accounts: people sign in with their e-mail address; API tokens are stored hashed."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

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


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=TOKEN_PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        """A new token and its secret, which is shown once and never stored."""
        secret = "eaism_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=secret[6 : 6 + TOKEN_PREFIX_LENGTH],
            key_hash=hash_token(secret),
        )
        return token, secret


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
