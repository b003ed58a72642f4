"""`POST /api/jd/check`: the job-ad check of the page, as `eaism jd check --format json` gives it.

Any signed-in account may call it (a token or the session); nothing is stored or logged.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema

from eaism.planning.document_types import JobDescriptionDocument
from eaism.web.api_errors import TooLargeError, errors
from eaism.web.edition import current_edition
from eaism.web.organisations.job_ads import MAX_TITLE, AdTooLongError, check_ad, clean_title

router = Router(tags=["job ads"])


class JobAdIn(Schema):
    text: str = Field(
        description="The ad as plain text; its first line is the title unless `title` is given. "
        "Empty or only spaces is a 400, over the size limit (EAISM_MAX_JOB_AD_BYTES, 1 MiB by "
        "default) a 413, both naming `text`",
    )
    title: str | None = Field(
        default=None,
        max_length=MAX_TITLE,
        description="The title, when it is not the ad's first line; blank means the first line",
    )


@router.post("/jd/check", response={200: JobDescriptionDocument, **errors(400, 401, 403, 413)})
def check(request: HttpRequest, payload: JobAdIn) -> JobDescriptionDocument:
    """What a job ad really asks for: domains and levels, the title's claim, myths, edits."""
    try:
        return check_ad(current_edition(), payload.text, clean_title(payload.title))
    except AdTooLongError as error:
        raise TooLargeError(error.field, error.message) from None
