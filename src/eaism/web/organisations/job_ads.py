"""The job-ad page: a member pastes or uploads an ad and reads what it really asks for.

The page and `POST /api/jd/check` (api_job_ads.py) call the same action, `check_ad`, and
show the document of `eaism jd check --format json`. Nothing is stored and nothing is logged:
an ad is not personal data, but its text stays in the request and the page it is shown on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from eaism.errors import DataError
from eaism.io.job_ad_text import job_ad_from_bytes, job_ad_from_text
from eaism.limits import LimitError
from eaism.model.schema import Edition
from eaism.planning.document import job_description_document
from eaism.planning.document_types import JobDescriptionDocument, MatchEntry, SuggestionEntry
from eaism.planning.job_description import check_job_description
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.access import access_for

TEXT = "text"  # the fields of the page's form and of the API's body
TITLE = "title"
FILE = "file"
MAX_TITLE = 200  # characters; the longest real titles are some 80
TEMPLATE = "organisations/job_ads.html"
# Matches the page lists: a real ad has a few dozen, an ad pasted many times over thousands.
MATCHES_SHOWN = 200


class AdTooLongError(InputError):
    """An ad over the size limit: the page shows it like any other error, the API says 413."""


def check_ad(edition: Edition, text: str, title: str | None = None) -> JobDescriptionDocument:
    """The check of an ad already read as text: refused when empty or too long, else the
    document of `job_description_document`. The title is the ad's first line unless given."""
    ad = _read(lambda: job_ad_from_text(text, TEXT, settings.READER_LIMITS), TEXT)
    return _document(edition, ad, title)


def clean_title(value: str | None) -> str | None:
    """A title given apart from the ad: None when blank, refused when it cannot be one."""
    title = " ".join((value or "").split())
    if "\x00" in title:
        raise InputError(TITLE, "holds a NUL character; expected the ad's title as plain text")
    if len(title) > MAX_TITLE:
        raise InputError(TITLE, f"is longer than {MAX_TITLE} characters; expected a job title")
    return title or None


@login_required
@require_http_methods(["GET", "POST"])
def job_ads(request: HttpRequest, slug: str) -> HttpResponse:
    """Every member may check an ad; the reading is shown above the form, which keeps the ad."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    context: dict[str, Any] = {
        "access": access,
        "text": request.POST.get(TEXT, ""),
        "title": request.POST.get(TITLE, ""),
        "errors": {},
        "max_title": MAX_TITLE,
        "limit_kb": f"{settings.READER_LIMITS.job_ad_bytes // 1024:,}",
    }
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    upload, edition = request.FILES.get(FILE), current_edition()
    try:
        document = _submitted(request, edition, upload)
    except InputError as error:
        context["errors"] = error.errors
        return render(request, TEMPLATE, context, status=400)
    context["reading"] = reading_of(document)
    context["file_name"] = upload.name if upload else ""
    return render(request, TEMPLATE, context)


def _submitted(
    request: HttpRequest, edition: Edition, upload: UploadedFile | None
) -> JobDescriptionDocument:
    title = clean_title(request.POST.get(TITLE))
    text = request.POST.get(TEXT, "")
    if upload is None:
        return check_ad(edition, text, title)
    name = upload.name or "the file"
    if text.strip():
        both = "was sent with a pasted ad; paste the ad or upload a file, not both"
        raise InputError(FILE, f"{name}: {both} (clear the text box to check the file)")
    limit = settings.READER_LIMITS.job_ad_bytes
    data = upload.read(limit + 1)  # never more than the limit in memory: the rest is refused
    ad = _read(lambda: job_ad_from_bytes(data, name, settings.READER_LIMITS), FILE)
    return _document(edition, ad, title)


def _read(reader: Callable[[], str], field: str) -> str:
    """The ad from `reader`, its located refusal put on `field`."""
    try:
        return reader()
    except LimitError as error:
        raise AdTooLongError(field, str(error)) from None
    except DataError as error:
        raise InputError(field, str(error)) from None


def _document(edition: Edition, text: str, title: str | None) -> JobDescriptionDocument:
    return job_description_document(edition, check_job_description(edition, text, title))


@dataclass(frozen=True)
class MatchLine:
    """A phrase that matched, with the ad's words around it and the phrase marked there."""

    domain: str
    level: str
    phrase: str
    before: str
    marked: str
    after: str


@dataclass(frozen=True)
class Reading:
    """The check as the page words it: names, never ids or bare numbers."""

    headline: str
    title: str
    title_claim: str
    claims_a_level: bool
    domains: tuple[tuple[str, str], ...]  # domain name, the level asked for in words
    flags: tuple[tuple[str, str], ...]  # heading, message
    suggestions: tuple[str, ...]
    matches: tuple[MatchLine, ...]
    more_matches: int  # matches past MATCHES_SHOWN, counted but not listed


def reading_of(document: JobDescriptionDocument) -> Reading:
    """The page's words for the document, which already names levels, domains and flags."""
    return Reading(
        headline=_headline(document),
        title=document["title"],
        title_claim=_title_claim(document),
        claims_a_level=document["title_level"] is not None,
        domains=tuple(
            (row["name"], f"level {row['level']}, {row['level_name']}")
            for row in document["domain_levels"]
        ),
        flags=tuple((flag["heading"], flag["message"]) for flag in document["flags"]),
        suggestions=tuple(_suggestion(item) for item in document["suggestions"]),
        matches=tuple(_match_line(match) for match in document["matches"][:MATCHES_SHOWN]),
        more_matches=max(0, len(document["matches"]) - MATCHES_SHOWN),
    )


def _match_line(match: MatchEntry) -> MatchLine:
    excerpt, phrase = match["excerpt"], match["phrase"]
    start = excerpt.lower().find(phrase.lower())
    end = start + len(phrase)
    before, marked, after = (
        (excerpt[:start], excerpt[start:end], excerpt[end:]) if start >= 0 else (excerpt, "", "")
    )
    level = f"level {match['level']}, {match['level_name']}"
    return MatchLine(match["domain_name"], level, phrase, before, marked, after)


def _headline(document: JobDescriptionDocument) -> str:
    if not document["recognised"]:
        passing = " (the phrases below are one passing mention)" if document["matches"] else ""
        return f"No AI skill recognised{passing}"
    return f"The requirements add up to level {document['level']}, {document['level_name']}"


def _title_claim(document: JobDescriptionDocument) -> str:
    if document["title_level"] is None:
        return "claims no level: none of its words names an AI role"
    return (
        f"claims level {document['title_level']}, {document['title_level_name']}, "
        f"by the words \u201c{document['title_words']}\u201d"
    )


def _suggestion(item: SuggestionEntry) -> str:
    verb = "Add" if item["action"] == "add" else "Drop"
    where = f"{item['domain_name']}, level {item['level']}, {item['level_name']}"
    return f"{verb} \u201c{item['phrase']}\u201d ({where})"
