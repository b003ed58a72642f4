"""Sign-in by e-mail address, whatever its capitals."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class EmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        return super().authenticate(
            request, username=(username or "").strip().lower(), password=password, **kwargs
        )
