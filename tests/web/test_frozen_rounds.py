"""A closed round is scored with its own edition, as of its closing time: its results stay
byte for byte the same when the default edition changes and the clock moves on."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import time_machine
import yaml
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from eaism.model.loader import load_edition
from eaism.scoring.profile import score_person
from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.models import Round, Score
from eaism.web.assessments.rounds import close_round
from eaism.web.assessments.scoring import core_response, round_edition
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Person

SignedIn = Callable[[str], Client]
BUNDLED = Path(load_edition.__code__.co_filename).parent / "editions" / "2026.1"


def edition_for_tests_only(folder: Path) -> Path:
    """2026.1 with another id and a lower bar for a cell: scoring with it changes levels."""
    shutil.copytree(BUNDLED, folder)
    path = folder / "edition.yaml"
    data = yaml.safe_load(path.read_text())
    data["id"] = "2099.1"
    data["scoring"]["cell_met_threshold"] = 0.25
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def surfaces(client: Client, round_: Round, person: Person) -> dict[str, Any]:
    """What a person and their organisation can read of one closed result."""
    url = f"/o/{round_.organisation.slug}/rounds/{round_.id}/results/"
    page = client.get(url).content.decode()
    main = re.search(r"<main.*?</main>", page, re.S)
    pdf = client.get(url + "?format=pdf").content
    api = client.get(f"/api/organisations/{round_.organisation.slug}/rounds/{round_.id}/results")
    score = Score.objects.get(round=round_, person=person)
    return {
        "page": main.group(0) if main else page,
        "json": client.get(url + "?format=json").content,
        "api": api.content,
        "pdf": [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages],
        "score": (score.levels, score.progress, score.operating_level, score.claimed_level),
    }


def test_a_closed_round_keeps_its_results_when_the_edition_and_the_clock_change(
    client_for: SignedIn, demo_round: Round, settings: Any, tmp_path: Path
) -> None:
    person = Person.objects.get(organisation=demo_round.organisation, external_id="p-member")
    for domain in round_edition(demo_round).domains:
        for item in domain.items:
            value = 1.0 if item.level <= 2 else 0.25 if item.level == 3 else 0.0
            save_answer(demo_round, person, parse_answer(item.id, value, "shipped, see the wiki"))
    submit_response(demo_round, person)
    assert close_round(demo_round)
    demo_round.refresh_from_db()
    member = client_for("member")
    before = surfaces(member, demo_round, person)

    settings.EAISM_EDITION = str(edition_for_tests_only(tmp_path / "2099.1"))
    later = timezone.now() + timedelta(days=3 * 365)  # beyond the 24 months evidence stays current
    with time_machine.travel(later, tick=False):
        assert current_edition().id == "2099.1"
        member = client_for("member")  # a new session: the first one has expired by now
        after = surfaces(member, demo_round, person)
        # The change is real: scored today with the new default, the same answers differ.
        response = core_response(demo_round.responses.get(person=person, source="self"))
        moved = response.__class__(**{**_fields(response), "edition": "2099.1"})
        today = score_person(current_edition(), [moved], timezone.now())
    frozen = score_person(round_edition(demo_round), [response], demo_round.closed_at)
    assert today.operating.demonstrated != frozen.operating.demonstrated
    for surface, value in before.items():
        assert after[surface] == value, surface


def _fields(value: Any) -> dict[str, Any]:
    return {name: getattr(value, name) for name in value.__slots__}


def test_closing_stores_the_scores_the_closed_round_shows(
    client_for: SignedIn, demo_round: Round
) -> None:
    """Evidence current at submission but too old by the closing time: the stored score (and
    so the dashboard) follows the closing time, as the results page does."""
    from eaism.web.assessments.models import Answer

    person = Person.objects.get(organisation=demo_round.organisation, external_id="p-member")
    for domain in round_edition(demo_round).domains:
        for item in domain.items_at(1) + domain.items_at(2):
            save_answer(demo_round, person, parse_answer(item.id, 1.0, "shipped, see the wiki"))
    almost_too_old = timezone.now() - timedelta(days=int(24 * 30.44) - 10)
    Answer.objects.filter(response__person=person).update(answered_at=almost_too_old)
    submit_response(demo_round, person)
    assert Score.objects.get(round=demo_round, person=person).operating_level == 2
    with time_machine.travel(timezone.now() + timedelta(days=30), tick=False):
        assert close_round(demo_round)
    demo_round.refresh_from_db()
    page = client_for("member").get(
        f"/o/{demo_round.organisation.slug}/rounds/{demo_round.id}/results/?format=json"
    )
    shown = page.json()["operating_level"]["demonstrated"]
    assert shown == 1  # level 2 evidence is too old at the closing time
    assert Score.objects.get(round=demo_round, person=person).operating_level == shown
