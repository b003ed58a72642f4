"""Scorecard files: one interviewer's ratings of one candidate, as JSON or YAML.

```yaml
edition: "2026.1"
candidate: c-17
interviewer: dana
target: {level: 3, role: software_engineer}
ratings:
  evaluation: {level: 3, notes: "Built the release-blocking evaluation suite for search."}
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eaism.errors import DataError, Location, Problem
from eaism.io.responses import read_document, unknown_fields
from eaism.model.documents import SourceDocument
from eaism.model.schema import Edition
from eaism.planning.scorecard import Rating, Scorecard

TOP_FIELDS = ("format", "edition", "candidate", "interviewer", "target", "ratings")
RATING_FIELDS = ("level", "notes")


def read_scorecards(paths: list[Path], edition: Edition) -> list[Scorecard]:
    """Read every file; all must be about the same candidate, target and role."""
    cards = [_scorecard(read_document(path), edition) for path in paths]
    seen: dict[str, Path] = {}
    repeated = []
    for path, card in zip(paths, cards, strict=True):
        if card.interviewer in seen:
            message = f"interviewer {card.interviewer!r} already rated this candidate in {seen[card.interviewer]}"
            repeated.append(Problem(Location(str(path)), message))
        seen.setdefault(card.interviewer, path)
    if repeated:
        raise DataError(repeated)
    first = cards[0]
    problems = [
        Problem(
            Location(str(path)),
            f"is about {card.candidate!r} for level {card.target_level} {card.role}, "
            f"but {paths[0]} is about {first.candidate!r} for level {first.target_level} {first.role}",
        )
        for path, card in zip(paths[1:], cards[1:], strict=True)
        if (card.candidate, card.target_level, card.role)
        != (first.candidate, first.target_level, first.role)
    ]
    if problems:
        raise DataError(problems)
    return cards


def _scorecard(document: SourceDocument, edition: Edition) -> Scorecard:
    problems: list[Problem] = []
    data: dict[str, Any] = document.data
    unknown_fields(document, (), data, TOP_FIELDS, problems)
    if data.get("edition", edition.id) != edition.id:
        problems.append(
            document.problem(
                ("edition",), f"{data['edition']!r} does not match edition {edition.id!r}"
            )
        )
    for key in ("candidate", "interviewer"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(document.problem((key,), f"expected the {key}'s id or name"))
    raw_target = data.get("target")
    target: dict[str, Any] = raw_target if isinstance(raw_target, dict) else {}
    roles = [role.id for role in edition.roles]
    if target.get("level") not in (1, 2, 3, 4, 5):
        problems.append(
            document.problem(("target", "level"), f"{target.get('level')!r} is not a level (1-5)")
        )
    if target.get("role") not in roles:
        problems.append(
            document.problem(
                ("target", "role"),
                f"{target.get('role')!r} is not a role; expected one of: {', '.join(roles)}",
            )
        )
    ratings = _ratings(
        document, data.get("ratings", {}), edition, str(data.get("interviewer", "")), problems
    )
    if problems:
        raise DataError(problems)
    return Scorecard(
        data["candidate"], data["interviewer"], target["level"], target["role"], ratings
    )


def _ratings(
    document: SourceDocument, data: Any, edition: Edition, interviewer: str, problems: list[Problem]
) -> dict[str, Rating]:
    if not isinstance(data, dict):
        problems.append(
            document.problem(("ratings",), "expected a mapping of domain id to {level, notes}")
        )
        return {}
    ratings = {}
    for domain_id, raw in data.items():
        path = ("ratings", str(domain_id))
        entry = raw if isinstance(raw, dict) else {"level": raw}
        unknown_fields(document, path, entry, RATING_FIELDS, problems)
        level = entry.get("level")
        if domain_id not in edition.domain_ids:
            problems.append(
                document.problem(
                    path,
                    f"{domain_id!r} is not a domain; expected one of: {', '.join(edition.domain_ids)}",
                )
            )
        elif isinstance(level, bool) or level not in (
            0,
            *edition.domain(domain_id).applicable_levels,
        ):
            levels = ", ".join(map(str, (0, *edition.domain(domain_id).applicable_levels)))
            problems.append(
                document.problem(
                    (*path, "level"), f"{level!r} is not a level of {domain_id} ({levels})"
                )
            )
        else:
            ratings[domain_id] = Rating(
                interviewer, int(level), " ".join(str(entry.get("notes", "")).split())
            )
    return ratings
