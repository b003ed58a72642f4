"""Round exports: a round's submitted responses, pseudonymised, for its validity report.

The format (`eaism.round-export/1`, JSON or YAML) is documented in docs/validity.md. The web
app offers it as a download (`round_export_document`); `eaism round validity` reads it. Reading
checks everything at once and names the file, line and field of each problem; every reader
limit applies, a response counting as a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from eaism.analysis.privacy import MIN_GROUP_FLOOR
from eaism.analysis.validity import ValidityResponse
from eaism.errors import DataError
from eaism.io.reading import Reading, entries
from eaism.io.responses import read_document, unknown_fields
from eaism.limits import current, over_limit
from eaism.model.documents import SourceDocument
from eaism.model.schema import ANSWER_VALUES, Edition

if TYPE_CHECKING:
    from eaism.io.response_types import OverlaysPart, RoundExportDocument

FORMAT: Final = "eaism.round-export/1"
TOP_FIELDS = ("format", "edition", "overlays", "round", "min_group_size", "responses")
ROUND_FIELDS = ("name", "closes_at")
RESPONSE_FIELDS = ("person_id", "calibration", "answers", "self_levels", "reviewed_levels")
EditionLoader = Callable[[str, tuple[str, ...]], Edition]


@dataclass(frozen=True, slots=True)
class RoundExport:
    edition: Edition
    name: str
    closes_at: datetime | None
    min_group_size: int
    responses: tuple[ValidityResponse, ...]


def read_round_export(path: Path, load_edition: EditionLoader) -> RoundExport:
    return parse_round_export(read_document(path), load_edition)


def parse_round_export(document: SourceDocument, load_edition: EditionLoader) -> RoundExport:
    """Validate a parsed export; every problem in it is reported together."""
    data: dict[str, Any] = document.data
    edition = load_edition(*_edition_of(document))
    reading = Reading(document, edition, [], limits=current())
    unknown_fields(document, (), data, TOP_FIELDS, reading.problems)
    if data.get("format") != FORMAT:
        reading.problem(("format",), f"{data.get('format')!r} is not {FORMAT!r}")
    name, closes_at = _round(reading, data.get("round"))
    minimum = _group_size(reading, data.get("min_group_size"))
    responses = _responses(reading, data.get("responses"))
    reading.check_problems()
    if reading.problems:
        raise DataError(reading.problems)
    return RoundExport(edition, name, closes_at, minimum, responses)


def round_export_document(
    edition: Edition,
    name: str,
    closes_at: datetime | None,
    min_group_size: int,
    responses: Sequence[ValidityResponse],
) -> RoundExportDocument:
    """An export as plain data in the documented format, people in the order of their ids."""
    overlays: OverlaysPart = {"overlays": list(edition.overlays)} if edition.overlays else {}
    moment = None if closes_at is None else _format_time(closes_at)
    return {
        "format": FORMAT,
        "edition": edition.id,
        **overlays,
        "round": {"name": name, "closes_at": moment},
        "min_group_size": min_group_size,
        "responses": [
            {
                "person_id": response.person_id,
                "calibration": response.calibration,
                "answers": dict(response.answers),
                "self_levels": dict(response.self_levels),
                "reviewed_levels": dict(response.reviewed_levels),
            }
            for response in sorted(responses, key=lambda response: response.person_id)
        ],
    }


def _edition_of(document: SourceDocument) -> tuple[str, tuple[str, ...]]:
    from eaism.model.loader import bundled_editions

    edition = document.data.get("edition")
    if not isinstance(edition, str) or edition not in bundled_editions():
        expected = ", ".join(bundled_editions())
        message = f"{edition!r} is not an available edition; expected one of: {expected}"
        raise DataError([document.problem(("edition",), message)])
    overlays = document.data.get("overlays", [])
    if not isinstance(overlays, list) or not all(isinstance(item, str) for item in overlays):
        raise DataError([document.problem(("overlays",), "expected a list of overlay ids")])
    return edition, tuple(overlays)


def _round(reading: Reading, data: Any) -> tuple[str, datetime | None]:
    if not isinstance(data, dict):
        reading.problem(("round",), "expected a mapping with the round's name and closes_at")
        return "", None
    unknown_fields(reading.document, ("round",), data, ROUND_FIELDS, reading.problems)
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        reading.problem(("round", "name"), "expected the round's name")
        name = ""
    _check_length(reading, ("round", "name"), name)
    return name, _time(reading, ("round", "closes_at"), data.get("closes_at"))


def _group_size(reading: Reading, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < MIN_GROUP_FLOOR:
        message = f"{value!r} is not a reporting threshold; expected a whole number of {MIN_GROUP_FLOOR} or more"
        reading.problem(("min_group_size",), message)
        return MIN_GROUP_FLOOR
    return value


def _responses(reading: Reading, data: Any) -> tuple[ValidityResponse, ...]:
    if isinstance(data, list) and len(data) > reading.limits.rows:
        where = reading.document.location(("responses",))
        raise over_limit(where, "has more than {} responses", reading.limits.rows, "rows")
    found: list[ValidityResponse] = []
    seen: set[str] = set()
    for index, entry in entries(reading, "responses", data):
        response = _response(reading, ("responses", index), entry, seen)
        if response is not None:
            found.append(response)
    return tuple(found)


def _response(
    reading: Reading, path: tuple[str | int, ...], entry: dict[str, Any], seen: set[str]
) -> ValidityResponse | None:
    before = len(reading.problems)
    unknown_fields(reading.document, path, entry, RESPONSE_FIELDS, reading.problems)
    person = entry.get("person_id")
    if not isinstance(person, str) or not person.strip():
        reading.problem((*path, "person_id"), "expected the person's pseudonymous id")
    elif person in seen:
        reading.problem((*path, "person_id"), f"{person!r} appears twice; one response a person")
    else:
        _check_length(reading, (*path, "person_id"), person)
        seen.add(person)
    calibration = entry.get("calibration", False)
    if not isinstance(calibration, bool):
        reading.problem((*path, "calibration"), "expected true or false")
    answers = _answers(reading, (*path, "answers"), entry.get("answers", {}))
    self_levels = _levels(reading, (*path, "self_levels"), entry.get("self_levels", {}))
    reviewed = _levels(reading, (*path, "reviewed_levels"), entry.get("reviewed_levels", {}))
    if len(reading.problems) > before:
        reading.skipped += 1
        return None
    return ValidityResponse(str(person), calibration, answers, self_levels, reviewed)


def _answers(reading: Reading, path: tuple[str | int, ...], data: Any) -> dict[str, float]:
    if not isinstance(data, dict):
        reading.problem(path, "expected a mapping of item id to a value on the answer scale")
        return {}
    scale = ", ".join(f"{value:g}" for value in ANSWER_VALUES)
    found: dict[str, float] = {}
    for item_id, value in data.items():
        where = (*path, str(item_id))
        if item_id not in reading.edition.item_index:
            reading.problem(where, f"{item_id!r} is not an item of edition {reading.edition.id}")
        elif _number(value) is None or float(value) not in ANSWER_VALUES:
            reading.problem(where, f"{value!r} is not on the answer scale ({scale})")
        else:
            found[item_id] = float(value)
    return found


def _levels(reading: Reading, path: tuple[str | int, ...], data: Any) -> dict[str, int]:
    top = len(reading.edition.levels)
    if not isinstance(data, dict):
        reading.problem(path, f"expected a mapping of domain id to a level from 0 to {top}")
        return {}
    found: dict[str, int] = {}
    for domain_id, value in data.items():
        where = (*path, str(domain_id))
        if domain_id not in reading.edition.domain_ids:
            expected = ", ".join(reading.edition.domain_ids)
            reading.problem(where, f"{domain_id!r} is not a domain; expected one of: {expected}")
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            reading.problem(
                where, f"{value!r} is not a level; expected a whole number from 0 to {top}"
            )
        else:
            found[domain_id] = value
    return found


def _number(value: Any) -> float | None:
    return None if isinstance(value, bool) or not isinstance(value, int | float) else float(value)


def _check_length(reading: Reading, path: tuple[str | int, ...], text: str) -> None:
    if len(text) > reading.limits.cell_chars:
        limit = reading.limits.cell_chars
        raise over_limit(
            reading.document.location(path), "holds more than {} characters", limit, "cell_chars"
        )


def _time(reading: Reading, path: tuple[str | int, ...], raw: Any) -> datetime | None:
    if raw is None:
        return None
    try:
        moment = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    except ValueError:
        reading.problem(path, f"{raw!r} is not a date and time such as 2026-11-02T10:00:00Z")
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
