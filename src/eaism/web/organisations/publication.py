"""Published states: what an aggregate view shows, frozen until enough people changed.

Reading a view before and after one person submits would otherwise give that person's level away
as the change in the counts. So each view (organisation, round, scope of teams) keeps the figures
it last published, with a fingerprint of each person's contribution to them, and publishes anew
only when `analysis.disclosure.may_publish` allows. Checking costs one query of the people and one
of the scores; the analysis runs only when the figures are published again.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterable

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from eaism.analysis.disclosure import changed_contributions, may_publish
from eaism.web.assessments.models import Round, Score
from eaism.web.edition import current_edition
from eaism.web.organisations.dashboard_types import DraftFigures, Published, SuppressedDashboard
from eaism.web.organisations.models import Organisation, Person, Publication

Build = Callable[[], DraftFigures | SuppressedDashboard]


def view_key(round_: Round | None, team_ids: Iterable[int] | None) -> str:
    scope = "all" if team_ids is None else "teams:" + "-".join(map(str, sorted(team_ids)))
    return f"round:{round_.id if round_ else 0}:{scope}"


def published(
    organisation: Organisation,
    round_: Round | None,
    team_ids: Iterable[int] | None,
    build: Build,
) -> Published | None:
    """The view's published document, published anew by `build` when the rule allows; None when
    the view has never been published and may not be yet (too few responses so far)."""
    teams = None if team_ids is None else sorted(team_ids)
    view = view_key(round_, teams)
    now, responses = contributions(organisation, round_, teams)
    context = _context(organisation)
    stored = Publication.objects.filter(organisation=organisation, view=view).first()
    before = stored.fingerprints if stored else {}
    changed = changed_contributions(before, now)
    threshold = organisation.min_group_size
    context_changed = stored is not None and stored.context != context
    fresh = stored is not None and not changed and not context_changed
    if not fresh and may_publish(
        stored is not None, changed, responses, context_changed, threshold
    ):
        stored = _publish(organisation, round_, view, build(), now, context, responses)
        changed = 0
    if stored is None:
        return None
    document: Published = json.loads(stored.document)  # as `build` made it, stored as JSON
    document["publication"] = {
        "published_at": stored.published_at.isoformat(),
        "responses": stored.responses,
        "people": len(stored.fingerprints),
        "threshold": threshold,
        "changed_since": changed,
    }
    return document


def waiting(
    organisation: Organisation, round_: Round | None, team_ids: Iterable[int] | None
) -> int:
    """How many more responses a view that was never published needs before it is."""
    _, responses = contributions(organisation, round_, team_ids)
    return max(organisation.min_group_size - responses, 0)


def contributions(
    organisation: Organisation, round_: Round | None, team_ids: Iterable[int] | None
) -> tuple[dict[str, int], int]:
    """Person id -> checksum of what the analysis uses of them, and how many of them have a score.

    What is used: the person's team, role and title, and their score in the round, or else the
    levels given on import; people with neither are not in the figures. Three plain queries
    (teams, people, the round's scores) are cheaper than one join; a CRC-32 per person is enough
    to notice a change, and a tenth of the cost of a cryptographic digest.
    """
    people = Person.objects.filter(organisation=organisation, active=True)
    if team_ids is not None:
        people = people.filter(team_id__in=list(team_ids))
    teams = dict(organisation.teams.values_list("id", "name"))
    scores = {
        person_id: f"score:{levels}:{progress}"
        for person_id, levels, progress in Score.objects.filter(round=round_).values_list(
            "person_id", Cast("levels", TextField()), Cast("progress", TextField())
        )
    }
    checksums, responses = {}, 0
    rows = people.values_list("id", "team_id", "role", "title", Cast("given_levels", TextField()))
    for person_id, team_id, role, title, given in rows:
        used = scores.get(person_id)
        if used is not None:
            responses += 1
        elif given and given != "null":
            used = f"given:{given}"
        else:
            continue
        text = f"{teams.get(team_id)}|{role}|{title}|{used}"
        checksums[str(person_id)] = zlib.crc32(text.encode())
    return checksums, responses


def _context(organisation: Organisation) -> str:
    """A digest of the organisation's own data that the figures use, beside its people."""
    parts = [
        organisation.name,
        organisation.min_group_size,
        current_edition().id,
        list(organisation.systems.order_by("system_id").values_list()),
        list(organisation.practices.order_by("indicator_id").values_list("indicator_id", "value")),
        list(organisation.planned_hires.order_by("id").values_list("level", "count", "title")),
    ]
    return hashlib.blake2b(json.dumps(parts, default=str).encode(), digest_size=16).hexdigest()


def _publish(
    organisation: Organisation,
    round_: Round | None,
    view: str,
    document: DraftFigures | SuppressedDashboard,
    fingerprints: dict[str, int],
    context: str,
    responses: int,
) -> Publication:
    stored, _ = Publication.objects.update_or_create(
        organisation=organisation,
        view=view,
        defaults={
            "round": round_,
            "document": json.dumps(document),
            "fingerprints": fingerprints,
            "context": context,
            "responses": responses,
            "published_at": timezone.now(),
        },
    )
    return stored
