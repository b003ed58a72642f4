"""A worker killed in the middle of 1,000 invitations and started again: every person gets an
invitation, and at most one (the message in flight) gets two, marked as repeated.

The worker runs as the real `eaism worker` process on its own database (SQLite in a temporary
folder, or the test PostgreSQL server's main database when DATABASE_URL is set), and sends to a
real SMTP server in this process, which kills it from inside the 300th delivery.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections import Counter
from email.message import Message
from pathlib import Path
from typing import IO

from tests.mail_server import MailServer
from tests.web.children import child_environment, run_python

PEOPLE = 1000
KILL_AT = 300

SETUP = """
import django, json, sys
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from eaism.web.assessments.outreach import queue_invitations
from eaism.web.assessments.rounds import RoundRequest, open_round
from eaism.web.organisations.models import Organisation, Person, Team
slug, count = sys.argv[1], int(sys.argv[2])
organisation = Organisation.objects.create(name="Kill test", slug=slug)
team = Team.objects.create(organisation=organisation, name="everyone")
Person.objects.bulk_create(
    Person(organisation=organisation, team=team, external_id=f"k{n:04d}", email=f"k{n:04d}@kill.example")
    for n in range(count)
)
round_ = open_round(organisation, RoundRequest("Round"), "2026.1")
print(json.dumps({"queued": queue_invitations(round_).queued}))
"""

REPEATED = """
import django, json, sys
django.setup()
from eaism.web.outbox.models import Message
messages = Message.objects.filter(organisation__slug=sys.argv[1])
print(json.dumps({
    "sent": messages.filter(state="sent").count(),
    "repeated": messages.filter(repeated=True).count(),
}))
"""


def test_a_killed_worker_repeats_at_most_the_message_in_flight(
    mail_server: MailServer, tmp_path: Path
) -> None:
    environment = _environment(mail_server, tmp_path)
    slug = f"kill-{uuid.uuid4().hex[:8]}"
    setup = run_python(SETUP, slug, str(PEOPLE), environment=environment)
    assert setup == {"queued": PEOPLE}

    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        _run_and_kill(mail_server, environment, log)
        second = subprocess.run(
            [sys.executable, "-m", "eaism", "worker", "--batch"],
            env=environment,
            stdout=log,
            stderr=log,
            timeout=300,
            check=False,
        )
    assert second.returncode == 0, log_path.read_text()[-3000:]

    received = Counter(message["To"] for message in mail_server.received)
    assert set(received) == {f"k{n:04d}@kill.example" for n in range(PEOPLE)}
    twice = [address for address, count in received.items() if count > 1]
    # The killed worker never heard the server accept the message in flight, so exactly that
    # one goes twice; none other does.
    assert len(twice) == 1, f"{len(twice)} people got two invitations"
    assert run_python(REPEATED, slug, environment=environment) == {
        "sent": PEOPLE,
        "repeated": len(twice),
    }


def _run_and_kill(mail_server: MailServer, environment: dict[str, str], log: IO[str]) -> None:
    """Run a worker until the SMTP server kills it from inside the KILL_AT-th delivery."""
    first = subprocess.Popen(
        [sys.executable, "-m", "eaism", "worker"], env=environment, stdout=log, stderr=log
    )

    def kill_mid_send(message: Message) -> None:
        if len(mail_server.received) == KILL_AT - 1:  # this one is the KILL_AT-th
            os.kill(first.pid, signal.SIGKILL)

    mail_server.on_message = kill_mid_send
    assert first.wait(timeout=120) == -signal.SIGKILL
    mail_server.on_message = None
    assert len(mail_server.received) == KILL_AT


def _environment(mail_server: MailServer, tmp_path: Path) -> dict[str, str]:
    return child_environment(
        tmp_path,
        EAISM_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EAISM_EMAIL_HOST=mail_server.host,
        EAISM_EMAIL_PORT=str(mail_server.port),
        # The first worker is dead, so its message in flight may be taken again at once.
        EAISM_OUTBOX_LEASE_SECONDS="0",
    )
