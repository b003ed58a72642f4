"""The demo organisation: a few hundred people whose numbers show the Level 3 bottleneck.

Deterministic, so every demo looks the same: people in several teams with given levels, a dozen
stalled pilots, practices, a Chief AI Officer hire planned, an open round, and one account per
role. The password is for demonstrations only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction

from eaism.analysis.whatif import uniform_levels
from eaism.web.accounts.models import User
from eaism.web.assessments.models import Round
from eaism.web.edition import current_edition
from eaism.web.organisations.demo_history import add_earlier_round
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

DEMO_SLUG = "harbor-retail"
DEMO_PASSWORD = "eaism-demo-2026"
TEAMS = {
    "customer-care": 80,
    "supply-chain": 70,
    "finance": 50,
    "marketing": 45,
    "data": 30,
    "platform": 12,
    "legal": 3,
}
SHARES = ((1, 0.48), (2, 0.45), (3, 0.03), (4, 0.01))  # operating levels of the demo workforce
PILOTS = (
    "Returns assistant",
    "Invoice reader",
    "Supplier e-mail triage",
    "Store manager copilot",
    "Policy search",
    "Demand note summariser",
    "Contract clause finder",
    "Marketing copy helper",
    "Claims chatbot",
    "Shift planner assistant",
    "Product questions bot",
    "Expense checker",
)


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    what: str


LOGINS = (
    DemoLogin(
        "owner@demo.example",
        Role.OWNER,
        "everything: dashboard, rounds, people, AI systems, audit log",
    ),
    DemoLogin("analyst@demo.example", Role.ANALYST, "the dashboard and aggregates"),
    DemoLogin(
        "manager@demo.example",
        Role.MANAGER,
        "the aggregates of the 3-person legal team (withheld: too small)",
    ),
    DemoLogin(
        "reviewer@demo.example",
        Role.REVIEWER,
        "the review queue: the member below and their answers, to check",
    ),
    DemoLogin("member@demo.example", Role.MEMBER, "their own questionnaire and results"),
)


@transaction.atomic
def load_demo(history: bool = True) -> Organisation:
    """Create the demo organisation, or return it when it already exists.

    With `history`, a closed earlier round comes with it (demo_history), answered, reviewed and
    calibrated; tests that need none of it leave it out, since it takes most of the time here.
    """
    existing = Organisation.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return existing
    organisation = Organisation.objects.create(
        name="Harbor Retail (demo)", slug=DEMO_SLUG, min_group_size=5
    )
    teams = {name: Team.objects.create(organisation=organisation, name=name) for name in TEAMS}
    _people(organisation, teams)
    _inventory(organisation)
    _accounts(organisation, teams)
    if history:
        reviewer = User.objects.get(email="reviewer@demo.example")
        add_earlier_round(organisation, current_edition(), reviewer)
    Round.objects.create(
        organisation=organisation, name="Autumn 2026", edition=current_edition().id
    )
    return organisation


def _people(organisation: Organisation, teams: dict[str, Team]) -> None:
    edition = current_edition()
    generator = random.Random(2026)
    people = []
    number = 0
    for name, size in TEAMS.items():
        for _ in range(size):
            number += 1
            level = generator.choices(
                [level for level, _ in SHARES], [share for _, share in SHARES]
            )[0]
            levels = dict(zip(edition.domain_ids, uniform_levels(edition, level), strict=True))
            people.append(
                Person(
                    organisation=organisation,
                    team=teams[name],
                    external_id=f"p{number:04d}",
                    name=f"Person {number}",
                    role="software_engineer" if level >= 2 else "business_role",
                    title="Prompt Engineer"
                    if number == 7
                    else ("Software Engineer" if level >= 2 else "Analyst"),
                    given_levels=levels,
                )
            )
    Person.objects.bulk_create(people)


def _inventory(organisation: Organisation) -> None:
    for number, name in enumerate(PILOTS, start=1):
        System.objects.create(
            organisation=organisation,
            system_id=f"pilot-{number:02d}",
            name=name,
            kind="chatbot" if "bot" in name.lower() else "assistant",
            status="pilot",
            months_in_status=6 + (number * 5) % 13,
            users=10 + number * 3,
            monthly_cost=1500 + number * 450,
        )
    System.objects.create(
        organisation=organisation,
        system_id="prod-01",
        name="Customer chatbot",
        kind="chatbot",
        status="production",
        months_in_status=9,
        users=40_000,
        monthly_cost=12_000,
        success_rate=0.91,
        readiness_checks=["monitoring", "security_review"],
    )
    for indicator in (
        "individual_ai_use",
        "ai_strategic_priority",
        "ai_usage_policy",
        "ai_platform_adopted",
    ):
        Practice.objects.create(organisation=organisation, indicator_id=indicator, value=True)
    PlannedHire.objects.create(
        organisation=organisation, level=5, count=1, title="Chief AI Officer"
    )


def _accounts(organisation: Organisation, teams: dict[str, Team]) -> None:
    users = {login.email: User.objects.create_user(login.email, DEMO_PASSWORD) for login in LOGINS}
    memberships = {
        login.email: Membership.objects.create(
            user=users[login.email], organisation=organisation, role=login.role
        )
        for login in LOGINS
    }
    memberships["manager@demo.example"].teams.add(teams["legal"])
    member = Person.objects.create(
        organisation=organisation,
        team=teams["data"],
        external_id="p-member",
        name="Sam Rivera",
        role="software_engineer",
        title="Software Engineer",
        user=users["member@demo.example"],
    )
    memberships["reviewer@demo.example"].reviews.add(member)
