"""The dashboard's JSON twin (`eaism.dashboard/1`) has exactly the shape dashboard_types.py
declares, in each of its forms: figures with and without a trend (on the same edition and
across editions), and no figures, for too few people in view or too few responses yet."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.test import Client

from eaism.web.assessments.models import Round, Score
from eaism.web.organisations.dashboard import heatmap_legend, heatmap_rows
from eaism.web.organisations.dashboard_types import (
    DashboardDocument,
    DashboardFigures,
    EditionTrend,
    HeatmapRow,
    LegendEntry,
    SuppressedDashboard,
    Trend,
)
from eaism.web.organisations.models import Organisation, Person
from tests.document_shapes import assert_shape

SignedIn = Callable[[str], Client]


def twin(client: Client, organisation: Organisation, round_: Round | None = None) -> Any:
    query = f"round={round_.id}&format=json" if round_ else "format=json"
    response = client.get(f"/o/{organisation.slug}/dashboard/?{query}")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert_shape(document, DashboardDocument)
    return document


def scored_round(organisation: Organisation, edition: str, people: int = 20) -> Round:
    """A round where `people` of finance scored Level 5 in every domain: with the default twenty,
    enough people and no small cell for its figures to be published."""
    newer = Round.objects.create(organisation=organisation, name="Spring 2027", edition=edition)
    finance = Person.objects.filter(organisation=organisation, team__name="finance")
    Score.objects.bulk_create(
        Score(
            round=newer,
            person=person,
            levels=[5] * 8,
            progress=[0.0] * 8,
            operating_level=5,
            claimed_level=5,
        )
        for person in finance[:people]
    )
    return newer


def test_the_dashboard_with_figures_has_the_declared_shape(
    client_for: SignedIn, demo: Organisation
) -> None:
    document = twin(client_for("analyst"), demo)
    assert_shape(document, DashboardFigures)
    assert document["trend"] is None
    assert "response_rates" in document
    assert_shape(heatmap_rows(document), list[HeatmapRow])
    assert_shape(heatmap_legend(), list[LegendEntry])


def test_a_trend_on_the_same_edition_has_the_declared_shape(
    client_for: SignedIn, demo: Organisation
) -> None:
    document = twin(client_for("analyst"), demo, scored_round(demo, "2026.1"))
    assert_shape(document, DashboardFigures)
    assert_shape(document["trend"], Trend)


def test_a_trend_across_editions_has_the_declared_shape(
    client_for: SignedIn, demo: Organisation
) -> None:
    document = twin(client_for("analyst"), demo, scored_round(demo, "2026.2"))
    assert_shape(document["trend"], EditionTrend)


def test_a_view_of_too_few_people_has_the_declared_shape(
    client_for: SignedIn, demo: Organisation
) -> None:
    document = twin(client_for("manager"), demo)  # the legal team: 3 people
    assert_shape(document, SuppressedDashboard)
    assert document["reason"] == "too_few_people"
    assert "publication" in document


def test_a_round_awaiting_responses_has_the_declared_shape(
    client_for: SignedIn, demo: Organisation
) -> None:
    document = twin(client_for("analyst"), demo, scored_round(demo, "2026.1", people=2))
    assert_shape(document, SuppressedDashboard)
    assert document["reason"] == "awaiting_responses"
    assert document["responses_needed"] == demo.min_group_size - 2
