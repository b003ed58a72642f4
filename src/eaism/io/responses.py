"""Response files: one source's answers about one person, as JSON or YAML.

The format is documented in docs/responses.md. Reading validates everything at once and names
the file, line and field of each problem; writing replaces the file atomically, so an
interrupted questionnaire never leaves half a file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from eaism.errors import DataError, Location, Problem, UsageError
from eaism.limits import Limits, current, over_limit
from eaism.model.documents import SourceDocument, decode_text, parse_document
from eaism.model.schema import ANSWER_VALUES, SOURCES, Edition
from eaism.scoring.answers import Answer, Respondent, Response
from eaism.scoring.document import respondent_document

if TYPE_CHECKING:
    from eaism.io.response_types import (
        AnswerEntry,
        LevelsPart,
        OverlaysPart,
        RatingPart,
        ResponseDocument,
    )

FORMAT: Final = "eaism.response/1"
RESPONDENT_FIELDS = ("id", "role", "name", "team", "title")
ANSWER_FIELDS = ("value", "evidence", "answered_at")
TOP_FIELDS = (
    "format",
    "edition",
    "overlays",
    "respondent",
    "source",
    "rater",
    "started_at",
    "updated_at",
    "answers",
    "levels",
)


def read_document(path: Path, limits: Limits | None = None) -> SourceDocument:
    """Read and parse a JSON or YAML file; a missing file is a usage error."""
    limits = limits or current()
    try:
        if path.stat().st_size > limits.file_bytes:
            what = "is larger than {} bytes"
            raise over_limit(Location(str(path)), what, limits.file_bytes, "file_bytes")
        content = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror or error})") from None
    document = parse_document(str(path), decode_text(str(path), content), limits)
    if not isinstance(document.data, dict):
        raise DataError([document.problem((), "expected a mapping of fields at the top level")])
    return document


def edition_of(document: SourceDocument) -> tuple[str, tuple[str, ...]]:
    """The edition id and overlays a response was taken against, needed before full parsing."""
    edition = document.data.get("edition")
    if not isinstance(edition, str):
        raise DataError(
            [document.problem(("edition",), "expected the edition id, such as '2026.1'")]
        )
    overlays = document.data.get("overlays", [])
    if not isinstance(overlays, list) or not all(isinstance(item, str) for item in overlays):
        raise DataError([document.problem(("overlays",), "expected a list of overlay ids")])
    return edition, tuple(overlays)


def parse_response(document: SourceDocument, edition: Edition) -> Response:
    """Validate a parsed response against `edition`; every problem is reported together."""
    problems: list[Problem] = []
    data: dict[str, Any] = document.data
    unknown_fields(document, (), data, TOP_FIELDS, problems)
    if data.get("format", FORMAT) != FORMAT:
        message = f"{data['format']!r} is not a known format; expected {FORMAT!r}"
        problems.append(document.problem(("format",), message))
    if data.get("edition") != edition.id:
        problems.append(
            document.problem(
                ("edition",), f"{data.get('edition')!r} does not match edition {edition.id!r}"
            )
        )
    respondent = _respondent(document, data.get("respondent"), edition, problems)
    source = data.get("source", "self")
    if source not in SOURCES:
        problems.append(
            document.problem(
                ("source",), f"{source!r} is not a source; expected one of: {', '.join(SOURCES)}"
            )
        )
    answers = parse_answers(document, ("answers",), data.get("answers", {}), edition, problems)
    levels = _levels(document, data.get("levels", {}), edition, problems)
    if levels and source == "self":
        problems.append(document.problem(("levels",), "only a rater gives domain levels directly"))
    times = {
        key: _time(document, (key,), data.get(key), problems)
        for key in ("started_at", "updated_at")
    }
    if problems:
        raise DataError(problems)
    return Response(
        edition=edition.id,
        respondent=respondent,
        source=source,
        answers=answers,
        levels=levels,
        overlays=edition.overlays,
        rater=_optional_text(data.get("rater")),
        started_at=times["started_at"],
        updated_at=times["updated_at"],
    )


def _levels(
    document: SourceDocument, raw: Any, edition: Edition, problems: list[Problem]
) -> dict[str, int]:
    """A rater's domain levels: domain id -> 0 or one of the domain's applicable levels."""
    if not isinstance(raw, dict):
        problems.append(document.problem(("levels",), "expected a mapping of domain id to level"))
        return {}
    levels: dict[str, int] = {}
    for domain_id, level in raw.items():
        where = ("levels", domain_id)
        if domain_id not in edition.domain_ids:
            known = ", ".join(edition.domain_ids)
            problems.append(
                document.problem(where, f"{domain_id!r} is not a domain; expected one of: {known}")
            )
            continue
        allowed = (0, *edition.domain(domain_id).applicable_levels)
        if type(level) is not int or level not in allowed:
            choices = ", ".join(str(number) for number in allowed)
            problems.append(
                document.problem(
                    where, f"{level!r} is not a level of this domain; expected one of: {choices}"
                )
            )
            continue
        levels[domain_id] = level
    return levels


def read_response(path: Path, edition: Edition) -> Response:
    return parse_response(read_document(path), edition)


def response_document(response: Response) -> ResponseDocument:
    """The response as plain data in the documented format, its keys in the documented order."""
    return {
        "format": FORMAT,
        "edition": response.edition,
        **_overlays_part(response),
        "respondent": respondent_document(response.respondent),
        "source": response.source,
        **_rating_part(response),
        "answers": {
            item_id: _answer_document(answer) for item_id, answer in response.answers.items()
        },
        **_levels_part(response),
    }


def _overlays_part(response: Response) -> OverlaysPart:
    return {"overlays": list(response.overlays)} if response.overlays else {}


def _levels_part(response: Response) -> LevelsPart:
    return {"levels": dict(response.levels)} if response.levels else {}


def _rating_part(response: Response) -> RatingPart:
    part: RatingPart = {}
    if response.rater:
        part["rater"] = response.rater
    if response.started_at is not None:
        part["started_at"] = _format_time(response.started_at)
    if response.updated_at is not None:
        part["updated_at"] = _format_time(response.updated_at)
    return part


def write_response(path: Path, response: Response) -> None:
    """Replace `path` atomically with the response (JSON, or YAML for .yaml/.yml)."""
    document = response_document(response)
    if path.suffix in {".yaml", ".yml"}:
        import yaml

        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    else:
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    folder = path.parent if str(path.parent) else Path(".")
    with tempfile.NamedTemporaryFile(
        "w", dir=folder, delete=False, encoding="utf-8", suffix=".tmp"
    ) as file:
        file.write(text)
    os.replace(file.name, path)


def _answer_document(answer: Answer) -> AnswerEntry:
    document: AnswerEntry = {"value": answer.value}
    if answer.evidence:
        document["evidence"] = answer.evidence
    if answer.answered_at:
        document["answered_at"] = _format_time(answer.answered_at)
    return document


def _respondent(
    document: SourceDocument, data: Any, edition: Edition, problems: list[Problem]
) -> Respondent:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not data["id"].strip():
        problems.append(
            document.problem(("respondent",), "expected a mapping with at least an 'id'")
        )
        return Respondent(id="?")
    unknown_fields(document, ("respondent",), data, RESPONDENT_FIELDS, problems)
    role = data.get("role")
    roles = [role.id for role in edition.roles]
    if role is not None and role not in roles:
        problems.append(
            document.problem(
                ("respondent", "role"),
                f"{role!r} is not a role; expected one of: {', '.join(roles)}",
            )
        )
    values = {key: _optional_text(data.get(key)) for key in RESPONDENT_FIELDS}
    return Respondent(**values)  # type: ignore[arg-type]


def parse_answers(
    document: SourceDocument,
    base: tuple[str | int, ...],
    data: Any,
    edition: Edition,
    problems: list[Problem],
) -> dict[str, Answer]:
    """Validate a mapping of item id to answer found at `base` in `document`."""
    if not isinstance(data, dict):
        problems.append(document.problem(base, "expected a mapping of item id to answer"))
        return {}
    answers: dict[str, Answer] = {}
    for item_id, raw in data.items():
        path = (*base, str(item_id))
        if item_id not in edition.item_index:
            problems.append(
                document.problem(path, f"{item_id!r} is not an item of edition {edition.id}")
            )
            continue
        answer = _answer(document, path, raw, problems)
        if answer is not None:
            answers[item_id] = answer
    return answers


def _answer(
    document: SourceDocument, path: tuple[str | int, ...], raw: Any, problems: list[Problem]
) -> Answer | None:
    if not isinstance(raw, dict):
        raw = {"value": raw}
    else:
        unknown_fields(document, path, raw, ANSWER_FIELDS, problems)
    value = raw.get("value")
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or float(value) not in ANSWER_VALUES
    ):
        scale = ", ".join(f"{number:g}" for number in ANSWER_VALUES)
        problems.append(
            document.problem((*path, "value"), f"{value!r} is not on the answer scale ({scale})")
        )
        return None
    evidence = raw.get("evidence", "")
    if not isinstance(evidence, str):
        problems.append(
            document.problem((*path, "evidence"), "expected text: what shipped, or a link")
        )
        return None
    return Answer(
        float(value),
        evidence,
        _time(document, (*path, "answered_at"), raw.get("answered_at"), problems),
    )


def _time(
    document: SourceDocument, path: tuple[str | int, ...], raw: Any, problems: list[Problem]
) -> datetime | None:
    if raw is None:
        return None
    if isinstance(raw, datetime):
        moment = raw
    else:
        try:
            moment = datetime.fromisoformat(str(raw))
        except ValueError:
            problems.append(
                document.problem(
                    path, f"{raw!r} is not a date and time such as 2026-11-02T10:00:00Z"
                )
            )
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _optional_text(value: Any) -> str | None:
    return None if value is None else str(value)


def unknown_fields(
    document: SourceDocument,
    path: tuple[str | int, ...],
    data: dict[str, Any],
    allowed: tuple[str, ...],
    problems: list[Problem],
) -> None:
    for key in data:
        if key not in allowed:
            problems.append(
                document.problem(
                    (*path, str(key)), f"unknown field; expected one of: {', '.join(allowed)}"
                )
            )


def load_responses(
    paths: list[Path], load_edition: Callable[[str, tuple[str, ...]], Edition]
) -> tuple[Edition, list[Response]]:
    """Read several response files about one person, all taken against one edition."""
    documents = [read_document(path) for path in paths]
    edition_id, overlays = edition_of(documents[0])
    for document in documents[1:]:
        if edition_of(document) != (edition_id, overlays):
            message = f"differs from {documents[0].name}, which uses edition {edition_id!r} {list(overlays)}"
            raise DataError([document.problem(("edition",), message)])
    from eaism.model.loader import bundled_editions

    if edition_id not in bundled_editions():
        message = f"{edition_id!r} is not an available edition; expected one of: {', '.join(bundled_editions())}"
        raise DataError([documents[0].problem(("edition",), message)])
    edition = load_edition(edition_id, overlays)
    return edition, [parse_response(document, edition) for document in documents]
