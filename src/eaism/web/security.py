"""Security headers Django 5.2 does not set itself: a content security policy without inline
scripts, and `Cache-Control: no-store` on everything a signed-in person is sent."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        if _private(request):
            response.headers["Cache-Control"] = "no-store"
        return response


def _private(request: HttpRequest) -> bool:
    """Whether the response may hold what only this person may see: any page or API answer for
    a signed-in person (session or bearer token), so none is kept by a browser or proxy cache.
    Static files are answered by WhiteNoise before authentication runs, so they have no `user`
    and stay cacheable."""
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)
