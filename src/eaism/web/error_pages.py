"""The 400, 403, 404 and 500 pages, in the site's layout, registered as Django's handlers.

They reveal nothing: a page inside an organisation keeps that organisation's navigation only
for a signed-in member of it, so a 404 for another organisation is the same page as a 404 for
one that does not exist. The 500 page is rendered without the request or the database, which
may be what failed.
"""

from __future__ import annotations

import logging
import re

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

from eaism.web.organisations.access import Access, access_for

ORGANISATION_PATH = re.compile(r"^/o/(?P<slug>[-a-zA-Z0-9_]+)/")
API_MESSAGES = {400: "Bad Request", 403: "Forbidden", 404: "Not Found"}
FALLBACK_500 = "Something went wrong on our side. Try again in a moment."

logger = logging.getLogger(__name__)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: usually a page left open too long."""
    return _page(request, 403, {"csrf": True})


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        body = loader.get_template("errors/500.html").render({})
    except Exception:  # the layout itself failed: a plain sentence is still better than nothing
        logger.exception("the 500 page could not be rendered")
        body = FALLBACK_500
    return HttpResponse(body, status=500)


def _page(
    request: HttpRequest, status: int, extra: dict[str, object] | None = None
) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": API_MESSAGES[status]}, status=status)
    context = {"access": member_access(request), **(extra or {})}
    return render(request, f"errors/{status}.html", context, status=status)


def member_access(request: HttpRequest) -> Access | None:
    """The viewer's access to the organisation in the path, only when they are a member of it."""
    user = getattr(request, "user", None)
    match = ORGANISATION_PATH.match(request.path)
    if user is None or not user.is_authenticated or match is None:
        return None
    try:
        return access_for(user, match["slug"])
    except (Http404, DatabaseError):
        return None
