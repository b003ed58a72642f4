"""The round's validity report on its page, as JSON, in the API and as the CLI's export, on
the demo's earlier round; who may read it; and figures withheld for too few responses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from eaism.analysis.validity import validity_document
from eaism.io.round_export import read_round_export
from eaism.model.loader import load_edition
from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.models import Round
from eaism.web.assessments.validity import round_validity
from eaism.web.audit.models import AuditEvent
from eaism.web.organisations.demo import load_demo
from eaism.web.organisations.models import Organisation

FIGURES = ("kappa", "inflation", "reproducibility", "scalability", "alpha")


@pytest.fixture(autouse=True)
def quick_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def history(db: None) -> Organisation:
    return load_demo(history=True)


def signed_in(role: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=f"{role}@demo.example"))
    return client


def closed_round(organisation: Organisation) -> Round:
    return organisation.rounds.get(status=Round.Status.CLOSED)


def url(round_: Round, query: str = "") -> str:
    return f"/o/{round_.organisation.slug}/rounds/{round_.id}/validity/{query}"


def test_the_demo_round_shows_every_figure_of_the_report(history: Organisation) -> None:
    document = signed_in("analyst").get(url(closed_round(history), "?format=json")).json()
    assert document["respondents"] >= 200
    assert document["calibration"] >= history.min_group_size
    for domain_id, domain in document["domains"].items():
        for figure in FIGURES:
            assert domain[figure]["status"] == "shown", (domain_id, figure, domain[figure])
    assert all(item["difficulty"]["status"] == "shown" for item in document["items"])
    texts = [reading["text"] for reading in document["readings"]]
    assert any(text.startswith("Self-ratings in Security run") for text in texts)


def test_the_page_reads_it_aloud_and_names_items_by_their_words(history: Organisation) -> None:
    page = signed_in("analyst").get(url(closed_round(history)))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<main" in html
    assert 'id="validity"' in html
    assert "treat Security figures as claimed" in html
    assert "prompting.l1.everyday_prompting" not in html
    assert AuditEvent.objects.filter(action="validity_viewed").exists()


def test_the_api_and_the_page_give_the_same_document(history: Organisation) -> None:
    round_ = closed_round(history)
    _, secret = ApiToken.issue(User.objects.get(email="analyst@demo.example"), "tests")
    api = Client(headers={"Authorization": f"Bearer {secret}"})
    path = f"/api/organisations/{history.slug}/rounds/{round_.id}/validity"
    from_api = api.get(path)
    assert from_api.status_code == 200
    assert from_api.json() == signed_in("analyst").get(url(round_, "?format=json")).json()


def test_the_export_gives_the_cli_the_same_report(history: Organisation, tmp_path: Path) -> None:
    round_ = closed_round(history)
    download = signed_in("owner").get(url(round_, "?format=export"))
    assert download.status_code == 200
    path = tmp_path / "round.json"
    path.write_bytes(download.content)
    assert "Sam Rivera" not in path.read_text()
    assert "p0001" not in path.read_text()
    loaded = read_round_export(path, lambda name, overlays: load_edition(name, overlays))
    edition = load_edition()
    from eaism.analysis.validity import validity_report

    again = validity_report(edition, loaded.responses, loaded.min_group_size)
    assert validity_document(edition, again) == validity_document(edition, round_validity(round_))
    assert AuditEvent.objects.filter(
        action="export_downloaded", target="round-export.json"
    ).exists()


def test_an_analyst_waits_for_the_round_to_close(history: Organisation) -> None:
    open_round = history.rounds.get(status=Round.Status.OPEN)
    assert signed_in("analyst").get(url(open_round)).status_code == 403
    assert signed_in("owner").get(url(open_round)).status_code == 200
    assert signed_in("analyst").get(url(closed_round(history), "?format=export")).status_code == 403
    for role in ("manager", "reviewer", "member"):
        assert signed_in(role).get(url(closed_round(history))).status_code == 403, role


def test_too_few_responses_withhold_every_figure_and_say_how_many_more(
    history: Organisation,
) -> None:
    history.min_group_size = 1000
    history.save(update_fields=["min_group_size"])
    document = signed_in("analyst").get(url(closed_round(history), "?format=json")).json()
    figures = [domain[name] for domain in document["domains"].values() for name in FIGURES]
    figures += [item[name] for item in document["items"] for name in ("difficulty", "item_rest")]
    assert all(figure["status"] == "too_few" and figure["value"] is None for figure in figures)
    assert all(figure["missing"] == 1000 - figure["basis"] for figure in figures)
    page = signed_in("analyst").get(url(closed_round(history))).content.decode()
    assert "more" in page


def test_the_organisation_report_of_a_closed_round_has_it_as_an_appendix(
    history: Organisation,
) -> None:
    round_ = closed_round(history)
    analyst = signed_in("analyst")
    report = analyst.get(f"/o/{history.slug}/downloads/report.html?round={round_.id}")
    assert report.status_code == 200
    assert 'id="validity"' in report.content.decode()
    current = history.rounds.get(status=Round.Status.OPEN)
    later = analyst.get(f"/o/{history.slug}/downloads/report.html?round={current.id}")
    assert 'id="validity"' not in later.content.decode()  # open: not for analysts yet
