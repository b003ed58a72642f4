"""The API's errors: one body for every error status, the handlers that give it, and the
constrained inputs that keep a request the database cannot hold a 400 instead of a 500.

Every error answers `{"detail": ..., "field": ...}`: `detail` says what went wrong, and `field`
names the request field at fault (always for a 400 or 413, absent otherwise). Each operation
declares the statuses it really answers with this body, so the OpenAPI document is a contract a
test can hold the server to (tests/web/test_contract.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Path, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from eaism.web.input_error import InputError

# Ids are stored as 64-bit integers: a larger one is a 400, not an overflow in the database.
LARGEST_ID = 2**63 - 1
# PostgreSQL's integer column, the smallest that holds a count stored from the API.
LARGEST_COUNT = 2**31 - 1
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold a NUL character

STATUS_WORDS = {
    400: "the request is invalid: `field` names what is wrong, and nothing was saved",
    401: "no valid token or session: unknown, revoked or expired",
    403: "the role does not allow this in the organisation, or a session call lacks its CSRF "
    "header",
    404: "no such organisation (or not one of the caller's), round, person or result",
    413: "the request body or file is over the limit, which `detail` names",
}


class ErrorOut(Schema):
    """The body of every error."""

    detail: str = Field(min_length=1, description="What went wrong, and what was expected")
    field: str | None = Field(
        default=None, min_length=1, description="The request field at fault (400 and 413)"
    )


class TooLargeError(Exception):
    """A request part over its size limit: a 413 naming the field."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(f"{field}: {detail}")
        self.field = field
        self.detail = detail


def errors(*statuses: int) -> dict[int, Any]:
    """The error responses of an operation, for its `response=` declaration."""
    return dict.fromkeys(statuses, ErrorOut)


def one_of(values: Iterable[str]) -> str:
    """A pattern that takes exactly these values: a closed list the server enforces."""
    return "^(" + "|".join(re.escape(value) for value in values) + ")$"


Text = Annotated[str, Field(pattern=NO_NUL)]
Slug = Annotated[
    str, Path(min_length=1, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$", description="The slug")
]
RoundId = Annotated[int, Path(ge=1, le=LARGEST_ID, description="A round's id")]
PersonId = Annotated[
    str,
    Path(min_length=1, max_length=100, pattern=NO_NUL, description="A person's id in the roster"),
]


class ObjectParser(Parser):
    """A JSON body must be an object: ninja would read a list or a bare string as an empty
    object, so an operation whose fields all have defaults would act on it."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")  # ninja: 400 "Cannot parse request body"
        return data


def install(api: NinjaAPI) -> None:
    """Every error the API answers, in the one body."""

    def answer(request: HttpRequest, status: int, detail: str, field: str = "") -> HttpResponse:
        body = {"detail": detail, "field": field} if field else {"detail": detail}
        return api.create_response(request, body, status=status)

    @api.exception_handler(InputError)
    def _rejected(request: HttpRequest, error: InputError) -> HttpResponse:
        return answer(request, 400, error.message, error.field)

    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        first = error.errors[0] if error.errors else {}
        location = [
            str(part)
            for part in first.get("loc", ())
            if part not in {"body", "payload", "query", "path", "form", "file"}
        ]
        return answer(request, 400, first.get("msg", "invalid input"), ".".join(location) or "body")

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
        return answer(request, 413, "the request body is over the limit of this server", "body")

    @api.exception_handler(TooLargeError)
    def _too_large(request: HttpRequest, error: TooLargeError) -> HttpResponse:
        return answer(request, 413, error.detail, error.field)

    @api.exception_handler(SuspiciousOperation)
    def _suspicious(request: HttpRequest, error: SuspiciousOperation) -> HttpResponse:
        # Too many form fields or files, a broken multipart body: the request, not the server.
        return answer(request, 400, "the request body could not be read", "body")

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        return answer(request, 401, "Unauthorized")

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, error: HttpError) -> HttpResponse:
        # ninja's own: a body that is not JSON (400), a session POST without CSRF (403)
        field = "body" if error.status_code in {400, 413} else ""
        return answer(request, error.status_code, error.message, field)

    @api.exception_handler(PermissionDenied)
    def _denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
        return answer(request, 403, "not allowed")

    @api.exception_handler(Http404)
    def _missing(request: HttpRequest, error: Http404) -> HttpResponse:
        return answer(request, 404, "not found")
