"""A job ad as text: what `eaism jd check`, the job-ad page and the API accept, and why not.

An ad arrives as bytes (a file, an upload) or as text (a form, a JSON body). Either way it is
refused with a located message when it is empty, not text, or longer than any real ad; text in
another language or script is accepted and reads as "no AI skill recognised".
"""

from __future__ import annotations

import codecs

from eaism.errors import DataError, Location, Problem
from eaism.limits import Limits, current, over_limit

# Byte-order marks that say how a text file is encoded; Windows editors write them.
_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def job_ad_from_bytes(data: bytes, source: str, limits: Limits | None = None) -> str:
    """The text of an ad file: UTF-8 (or UTF-16 with its mark), within the size limit."""
    limits = limits or current()
    _within_limit(len(data), source, limits)
    encoding = next((name for mark, name in _MARKS if data.startswith(mark)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataError([Problem(Location(source, line), _NOT_TEXT)]) from None
    return job_ad_from_text(text, source, limits)


def job_ad_from_text(text: str, source: str, limits: Limits | None = None) -> str:
    """The ad itself, once it is known to be non-empty text within the size limit."""
    limits = limits or current()
    _within_limit(len(text.encode("utf-8", "surrogatepass")), source, limits)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DataError([Problem(Location(source, line), _NOT_TEXT)])
    if not text.strip():
        raise DataError([Problem(Location(source), "is empty; expected the text of a job ad")])
    return text


_NOT_TEXT = (
    "is not plain text; expected a job ad as UTF-8 text (save a PDF or Word document as "
    "plain text first)"
)


def _within_limit(size: int, source: str, limits: Limits) -> None:
    if size > limits.job_ad_bytes:
        what = "is larger than {} bytes, longer than any job ad"
        raise over_limit(Location(source), what, limits.job_ad_bytes, "job_ad_bytes")
