"""The organisation's settings: name, currency, minimum group size and the age at which a
competence record is due, checked and audited."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from eaism.web.audit.models import AuditEvent
from eaism.web.organisations.models import Organisation


def test_an_admin_changes_the_currency_and_money_is_shown_in_it(
    demo: Organisation, client_for: Callable[[str], Client]
) -> None:
    owner = client_for("owner")
    form = {"name": demo.name, "currency": "usd", "min_group_size": "6"}
    form["record_max_age_months"] = "18"
    saved = owner.post(f"/o/{demo.slug}/settings/", form, follow=True)
    assert "The settings are saved." in saved.content.decode()
    demo.refresh_from_db()
    assert (demo.currency, demo.min_group_size, demo.record_max_age_months) == ("USD", 6, 18)
    event = AuditEvent.objects.get(action="settings_changed")
    assert event.detail == {
        "currency": {"before": "EUR", "after": "USD"},
        "min_group_size": {"before": 5, "after": 6},
        "record_max_age_months": {"before": 12, "after": 18},
    }
    assert "$12,000" in owner.get(f"/o/{demo.slug}/inventory/").content.decode()


def test_bad_settings_are_refused_next_to_their_fields_with_the_input_kept(
    demo: Organisation, client_for: Callable[[str], Client]
) -> None:
    form = {"name": "Renamed", "currency": "euro", "min_group_size": "2"}
    form["record_max_age_months"] = "0"
    refused = client_for("owner").post(f"/o/{demo.slug}/settings/", form)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "expected a three-letter ISO 4217 code" in page
    assert "at least 3, so no figure points to one person" in page
    assert "from 1 to 60 months" in page
    assert 'value="euro"' in page
    assert 'value="Renamed"' in page
    assert "Harbor Retail (demo)" in page, "the header keeps the saved name"
    demo.refresh_from_db()
    assert demo.name == "Harbor Retail (demo)"
    assert not AuditEvent.objects.filter(action="settings_changed").exists()
