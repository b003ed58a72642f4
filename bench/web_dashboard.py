"""The organisation dashboard of a 10,000-person organisation on a SQLite file: server time.

Budget: p95 under 150 ms for the dashboard page and for its JSON twin (`?format=json`), and for
the API's analysis endpoint, which returns the same document.
Baseline: the sign-in page, a trivial page, in the same run and the same process.

The organisation is built in a fresh data folder with eaism's own Django settings: 40 teams,
half the people with levels given on import and half with a stored Score in the round (as after
submitting), 60 AI systems, practices and a planned hire. Each URL is requested 50 times through
Django's test client in this process, timing the request handling only (no network).
Run with `make bench` or `.venv/bin/python bench/web_dashboard.py`.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PEOPLE = 10_000
TEAMS = 40
SYSTEMS = 60
RUNS = 50
BUDGET_SECONDS = 0.150
SLUG = "bench-org"


def configure(data_dir: Path) -> None:
    """Development settings on a SQLite file in `data_dir`, the edition cache beside it."""
    for name in [name for name in os.environ if name.startswith("EAISM_")]:
        del os.environ[name]
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "eaism.web.settings"
    os.environ["EAISM_DATA_DIR"] = str(data_dir)
    os.environ["EAISM_CACHE_DIR"] = str(data_dir / "cache")
    data_dir.mkdir(parents=True, exist_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def build_organisation() -> str:
    """The organisation, its people, scores and inventory; returns the owner's e-mail."""
    import numpy as np
    from django.db import transaction

    from eaism.scoring.bulk import operating_levels
    from eaism.web.accounts.models import User
    from eaism.web.assessments.models import Round, Score
    from eaism.web.edition import current_edition
    from eaism.web.organisations.models import (
        Membership,
        Organisation,
        Person,
        PlannedHire,
        Practice,
        Role,
        System,
        Team,
    )

    edition = current_edition()
    generator = random.Random(10_000)
    with transaction.atomic():
        organisation = Organisation.objects.create(name="Bench Org", slug=SLUG)
        teams = Team.objects.bulk_create(
            Team(organisation=organisation, name=f"team-{number:02d}") for number in range(TEAMS)
        )
        round_ = Round.objects.create(
            organisation=organisation, name="Bench round", edition=edition.id
        )
        levels = [_levels(edition, generator) for _ in range(PEOPLE)]
        people = Person.objects.bulk_create(
            Person(
                organisation=organisation,
                team=teams[number % TEAMS],
                external_id=f"p{number:05d}",
                name=f"Person {number}",
                role="software_engineer" if number % 3 else "business_role",
                title="Engineer",
                given_levels=dict(zip(edition.domain_ids, levels[number], strict=True))
                if number % 2
                else None,
            )
            for number in range(PEOPLE)
        )
        scored = [number for number in range(PEOPLE) if number % 2 == 0]
        operating = operating_levels(edition, np.array([levels[n] for n in scored], dtype=np.int8))
        Score.objects.bulk_create(
            Score(
                round=round_,
                person=people[number],
                levels=levels[number],
                progress=[round(generator.random(), 4) for _ in edition.domain_ids],
                operating_level=int(level),
                claimed_level=int(level),
            )
            for number, level in zip(scored, operating, strict=True)
        )
        System.objects.bulk_create(
            System(
                organisation=organisation,
                system_id=f"system-{number:02d}",
                name=f"System {number}",
                kind=("chatbot", "assistant", "agent", "other")[number % 4],
                status=("idea", "pilot", "production")[number % 3],
                months_in_status=number % 14,
                users=number * 11,
                monthly_cost=100.0 * number,
                success_rate=0.8 if number % 3 == 2 else None,
                readiness_checks=["monitoring"] if number % 2 == 0 else [],
            )
            for number in range(SYSTEMS)
        )
        for indicator in ("individual_ai_use", "ai_strategic_priority", "ai_usage_policy"):
            Practice.objects.create(organisation=organisation, indicator_id=indicator, value=True)
        PlannedHire.objects.create(organisation=organisation, level=4, count=2, title="AI lead")
        owner = User.objects.create_user("owner@bench.example")
        Membership.objects.create(user=owner, organisation=organisation, role=Role.OWNER)
    return owner.email


def _levels(edition: Any, generator: random.Random) -> list[int]:
    """A person's domain levels around a base level, each one the domain actually has."""
    base = generator.choices((1, 2, 3, 4), (0.45, 0.4, 0.1, 0.05))[0]
    levels = []
    for domain in edition.domains:
        target = base + generator.choice((-1, 0, 0, 1))
        levels.append(max(level for level in (0, *domain.applicable_levels) if level <= target))
    return levels


def timings(request: Callable[[], object]) -> list[float]:
    request()  # warm: the edition, templates and the database pages
    result = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = request()
        result.append(time.perf_counter() - start)
        assert response.status_code == 200, response  # type: ignore[attr-defined]
    return result


def uncached(request: Callable[[], object]) -> object:
    """The request as the first one after a change: the analysis cache is empty."""
    from django.core.cache import cache

    cache.clear()
    return request()


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "data")
        started = time.perf_counter()
        email = build_organisation()
        print(f"built a {PEOPLE:,}-person organisation in {time.perf_counter() - started:.1f} s")

        from django.test import Client

        from eaism.web.accounts.models import ApiToken, User

        owner = Client()
        user = User.objects.get(email=email)
        owner.force_login(user)
        _, secret = ApiToken.issue(user, "bench")
        api = Client(headers={"Authorization": f"Bearer {secret}"})
        dashboard = owner.get(f"/o/{SLUG}/dashboard/?format=json").json()
        assert dashboard["workforce"]["people"] == PEOPLE, dashboard["workforce"]["people"]

        baseline = timings(lambda: Client().get("/accounts/login/"))
        print(
            f"{'sign-in page (baseline)':<34} p50 {statistics.median(baseline) * 1000:7.1f} ms"
            f"   p95 {p95(baseline) * 1000:7.1f} ms"
        )
        failed = False
        for label, request in (
            ("dashboard page", lambda: owner.get(f"/o/{SLUG}/dashboard/")),
            (
                "dashboard JSON (?format=json)",
                lambda: owner.get(f"/o/{SLUG}/dashboard/?format=json"),
            ),
            ("API analysis", lambda: api.get(f"/api/organisations/{SLUG}/analysis")),
            (
                "dashboard page, nothing cached",
                lambda: uncached(lambda: owner.get(f"/o/{SLUG}/dashboard/")),
            ),
        ):
            measured = timings(request)
            slow = p95(measured) >= BUDGET_SECONDS
            failed |= slow
            print(
                f"{label:<34} p50 {statistics.median(measured) * 1000:7.1f} ms"
                f"   p95 {p95(measured) * 1000:7.1f} ms"
                f"   ratio to baseline (p95) {p95(measured) / p95(baseline):5.1f}x"
                f"   budget p95 < {BUDGET_SECONDS * 1000:.0f} ms: {'MISSED' if slow else 'ok'}"
            )
        from django.db import connections

        connections.close_all()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
