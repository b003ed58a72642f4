"""`POST /api/jd/check`: the job-ad check of the page, as `eaism jd check --format json` gives it.

Any signed-in account may call it (a token or the session); nothing is stored or logged.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import BaseModel, ConfigDict

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


class _Open(BaseModel):
    # A pydantic model, not a ninja Schema: that would drop the keys not declared here.
    model_config = ConfigDict(extra="allow")


class MatchOut(_Open):
    domain: str
    level: int
    phrase: str
    excerpt: str = Field(description="The ad's words around the phrase")


class FlagOut(_Open):
    code: str
    message: str


class SuggestionOut(_Open):
    action: Literal["add", "drop"]
    phrase: str
    domain: str
    domain_name: str
    level: int
    level_name: str | None


class JobAdCheckOut(_Open):
    """An `eaism.job-description-check/1` document (docs/planning.md, section 4)."""

    format: Literal["eaism.job-description-check/1"]
    title: str
    level: int = Field(ge=0, description="The level the requirements add up to")
    level_name: str | None
    recognised: bool = Field(description="False: no AI skill recognised, apart from level 0")
    title_level: int | None = Field(description="The level the title claims; None: no claim")
    title_level_name: str | None
    title_words: str | None = Field(description="The words of the title that set the claim")
    domains: dict[str, int] = Field(description="Domain id: the highest level asked for")
    domain_names: dict[str, str]
    matches: list[MatchOut]
    flags: list[FlagOut]
    suggestions: list[SuggestionOut] = Field(description="Edits toward the title's level")


@router.post("/jd/check", response={200: JobAdCheckOut, **errors(400, 401, 403, 413)})
def check(request: HttpRequest, payload: JobAdIn) -> Any:
    """What a job ad really asks for: domains and levels, the title's claim, myths, edits."""
    try:
        return check_ad(current_edition(), payload.text, clean_title(payload.title))
    except AdTooLongError as error:
        raise TooLargeError(error.field, error.message) from None
