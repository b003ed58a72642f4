"""Upgrading carries every domain review made before reviews became a source of their own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The whole database as it was: organisations too, whose later columns the old models lack.
BEFORE = [
    ("assessments", "0003_round_closing_counts"),
    ("organisations", "0008_person_user_name_not_blank"),
]
AFTER = [("assessments", "0004_reviews_policy")]


@pytest.mark.django_db(transaction=True)
def test_each_domain_review_becomes_a_rating_of_its_reviewers_review() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("organisations", "Organisation").objects.create(
        name="Upgrade Ltd", slug="upgrade-ltd"
    )
    person = old.get_model("organisations", "Person").objects.create(
        organisation=organisation, external_id="p1"
    )
    users = old.get_model("accounts", "User").objects
    first = users.create(email="first@upgrade.example", username="first@upgrade.example")
    second = users.create(email="second@upgrade.example", username="second@upgrade.example")
    round_ = old.get_model("assessments", "Round").objects.create(
        organisation=organisation, name="Spring"
    )
    old.get_model("assessments", "Score").objects.create(
        round=round_,
        person=person,
        levels=[2, 1],
        progress=[0, 0],
        operating_level=1,
        claimed_level=2,
    )
    reviewed = old.get_model("assessments", "ReviewedDomain").objects
    when = datetime(2026, 5, 1, tzinfo=UTC)
    for reviewer, domain, level in (
        (first, "prompting", 1),
        (first, "security", 0),
        (second, "evaluation", 2),
    ):
        made = reviewed.create(
            round=round_,
            person=person,
            domain=domain,
            level=level,
            note=f"{domain} seen",
            reviewer=reviewer,
        )
        reviewed.filter(id=made.id).update(created_at=when)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    reviews = new.get_model("assessments", "Review").objects.order_by("id")
    assert [(review.reviewer_id, review.kind) for review in reviews] == [
        (first.id, "first"),
        (second.id, "second"),
    ]
    ratings = new.get_model("assessments", "DomainReview").objects.order_by("domain")
    assert [(r.review.reviewer_id, r.domain, r.level, r.note, r.decided_at) for r in ratings] == [
        (second.id, "evaluation", 2, "evaluation seen", when),
        (first.id, "prompting", 1, "prompting seen", when),
        (first.id, "security", 0, "security seen", when),
    ]
    score = new.get_model("assessments", "Score").objects.get()
    assert score.self_levels == [2, 1]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
