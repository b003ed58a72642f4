"""A round served on the test-only edition with four levels and six domains: the questionnaire
asks its six domains, and the results page shows its four levels (issue 13)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from django.test import Client

from eaism.model.loader import load_edition
from eaism.web.accounts.models import User
from eaism.web.assessments.models import Round
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Membership, Organisation, Person, Role, Team
from tests.web.answering import base


def test_a_round_on_the_small_edition_is_answered_and_shows_four_levels(
    db: None, settings: Any, small_edition_path: Path
) -> None:
    settings.EAISM_EDITION = str(small_edition_path)
    edition = current_edition()
    assert edition.id == "test-4x6"
    organisation = Organisation.objects.create(name="Small Org", slug="small-org")
    team = Team.objects.create(organisation=organisation, name="platform")
    user = User.objects.create_user("ana@small.example", "not-used-here")
    Membership.objects.create(user=user, organisation=organisation, role=Role.MEMBER)
    Person.objects.create(
        organisation=organisation, team=team, external_id="p1", name="Ana", user=user
    )
    round_ = Round.objects.create(organisation=organisation, name="Spring", edition=edition.id)
    client = Client()
    client.force_login(user)
    for domain in edition.domains:
        page = client.get(f"{base(round_)}/assess/?domain={domain.id}")
        assert page.status_code == 200
        for item in sorted(domain.items, key=lambda item: item.level):
            data = {"item_id": item.id, "value": "1", "evidence": "shipped", "domain": domain.id}
            assert client.post(f"{base(round_)}/answers/", data).status_code == 302, item.id
    assert client.post(f"{base(round_)}/submit/").status_code == 302
    results = client.get(f"{base(round_)}/results/").content.decode()
    for domain in edition.domains:
        assert escape(domain.name) in results
    bundled = load_edition("2026.1")
    for dropped in set(bundled.domain_ids) - set(edition.domain_ids):
        assert escape(bundled.domain(dropped).name) not in results
    top = edition.level(max(edition.level_numbers))
    assert escape(top.name) in results
    assert escape(bundled.level(5).name) not in results
