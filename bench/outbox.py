"""Running a round for a 10,000-person organisation on a SQLite file.

Budgets:
- queueing invitations for 10,000 people: under 2 s for the API request;
  baseline: a bare bulk insert of the same 10,000 outbox rows;
- one worker sends at least 100 e-mails per second to a local SMTP server (aiosmtpd);
  baseline: the same number of messages sent with smtplib over one connection, no database;
- response rates (API, and the round's page) for 10,000 people: p95 under 150 ms server time;
  baseline: the sign-in page.
Run with `make bench` or `.venv/bin/python bench/outbox.py`.
"""

from __future__ import annotations

import smtplib
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from web_dashboard import configure, p95, timings

PEOPLE = 10_000
TEAMS = 40
SENT = 2_000
QUEUE_BUDGET = 2.0
SEND_BUDGET = 100.0  # messages per second
RATES_BUDGET = 0.150
SLUG = "bench-round"


def build() -> tuple[Any, Any]:
    """The organisation with addressed people in 40 teams, its owner, and an open round."""
    from django.db import transaction

    from eaism.web.accounts.models import User
    from eaism.web.assessments.rounds import RoundRequest, open_round
    from eaism.web.organisations.models import Membership, Organisation, Person, Role, Team

    with transaction.atomic():
        organisation = Organisation.objects.create(name="Bench Org", slug=SLUG)
        teams = Team.objects.bulk_create(
            Team(organisation=organisation, name=f"team-{number:02d}") for number in range(TEAMS)
        )
        Person.objects.bulk_create(
            Person(
                organisation=organisation,
                team=teams[number % TEAMS],
                external_id=f"p{number:05d}",
                name=f"Person {number}",
                email=f"p{number:05d}@bench.example",
            )
            for number in range(PEOPLE)
        )
        owner = User.objects.create_user("owner@bench.example")
        Membership.objects.create(user=owner, organisation=organisation, role=Role.OWNER)
    return owner, open_round(organisation, RoundRequest("Bench round"), "2026.1")


def queueing(owner: Any, round_: Any) -> tuple[float, float]:
    """Seconds for the invitation request, and for the baseline bulk insert."""
    from django.test import Client

    from eaism.web.outbox.models import Message

    client = Client()
    client.force_login(owner)
    url = f"/api/organisations/{SLUG}/rounds/{round_.id}/invitations"
    people = list(round_.organisation.people.values_list("id", "email"))
    requests, baselines = [], []
    for _ in range(3):
        Message.objects.all().delete()
        start = time.perf_counter()
        Message.objects.bulk_create(
            (
                Message(organisation=round_.organisation, round=round_, person_id=pid, address=a)
                for pid, a in people
            ),
            batch_size=1000,
        )
        baselines.append(time.perf_counter() - start)
        Message.objects.all().delete()
        start = time.perf_counter()
        response = client.post(url, {}, content_type="application/json")
        requests.append(time.perf_counter() - start)
        assert response.json()["queued"] == PEOPLE, response.content
    return min(requests), min(baselines)


def sending() -> tuple[float, float]:
    """Messages per second for the worker's delivery and for bare smtplib."""
    from aiosmtpd.controller import Controller
    from django.conf import settings

    from eaism.web.outbox.delivery import deliver_due

    class Sink:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            return "250 OK"

    port = free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        start = time.perf_counter()
        sent = deliver_due(limit=SENT)
        worker = sent / (time.perf_counter() - start)
        assert sent == SENT, sent
        start = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as connection:
            for number in range(SENT):
                message = EmailMessage()
                message["From"], message["To"] = "eaism@localhost", f"p{number}@bench.example"
                message["Subject"] = "baseline"
                message.set_content("A message of about the same length as an invitation.\n" * 8)
                connection.send_message(message)
        bare = SENT / (time.perf_counter() - start)
    finally:
        controller.stop()
    return worker, bare


def rates(owner: Any, round_: Any) -> list[tuple[str, list[float]]]:
    from django.test import Client

    client = Client()
    client.force_login(owner)
    pages: list[tuple[str, Callable[[], object]]] = [
        ("sign-in page (baseline)", lambda: Client().get("/accounts/login/")),
        (
            "response rates (API)",
            lambda: client.get(f"/api/organisations/{SLUG}/rounds/{round_.id}/response-rates"),
        ),
        ("round page with rates", lambda: client.get(f"/o/{SLUG}/rounds/{round_.id}/")),
    ]
    return [(label, timings(request)) for label, request in pages]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "data")
        owner, round_ = build()
        failed = False
        request, baseline = queueing(owner, round_)
        failed |= request >= QUEUE_BUDGET
        print(
            f"queue {PEOPLE:,} invitations: request {request:.2f} s, bare insert {baseline:.2f} s"
            f" (ratio {request / baseline:.1f}), budget {QUEUE_BUDGET:.0f} s"
        )
        worker, bare = sending()
        failed |= worker < SEND_BUDGET
        print(
            f"send {SENT:,} e-mails: worker {worker:.0f}/s, bare smtplib {bare:.0f}/s"
            f" (ratio {worker / bare:.2f}), budget at least {SEND_BUDGET:.0f}/s"
        )
        measured = rates(owner, round_)
        base = p95(measured[0][1])
        for label, values in measured:
            slow = label != measured[0][0] and p95(values) >= RATES_BUDGET
            failed |= slow
            print(
                f"{label:<26} p50 {statistics.median(values) * 1000:6.1f} ms"
                f"   p95 {p95(values) * 1000:6.1f} ms   ratio {p95(values) / base:5.1f}"
                + ("   OVER BUDGET" if slow else "")
            )
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
