"""Two admins send a round's invitations at the same moment: everyone is queued once.

Each admin is a process of its own on one database file (or PostgreSQL), released together
from their standard input, as two web workers would serve two requests at once."""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path

from tests.web.children import child_environment, run_python

PEOPLE = 500

SETUP = """
import django, json, sys
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from eaism.web.assessments.rounds import RoundRequest, open_round
from eaism.web.organisations.models import Organisation, Person, Team
slug, count = sys.argv[1], int(sys.argv[2])
organisation = Organisation.objects.create(name="Race Ltd", slug=slug)
team = Team.objects.create(organisation=organisation, name="everyone")
Person.objects.bulk_create(
    Person(organisation=organisation, team=team, external_id=f"r{n}", email=f"r{n}@x.example")
    for n in range(count)
)
print(json.dumps({"round": open_round(organisation, RoundRequest("Race"), "2026.1").id}))
"""

SEND = """
import django, json, sys
django.setup()
from eaism.web.assessments.models import Round
from eaism.web.assessments.outreach import queue_invitations
round_ = Round.objects.select_related("organisation").get(id=int(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()  # wait for the go
print(json.dumps({"queued": queue_invitations(round_).queued}))
"""

COUNT = """
import django, json, sys
django.setup()
from eaism.web.outbox.models import Message
print(json.dumps(Message.objects.filter(round_id=int(sys.argv[1])).count()))
"""


def test_invitations_sent_twice_at_once_queue_each_person_once(tmp_path: Path) -> None:
    environment = child_environment(tmp_path)
    setup = run_python(SETUP, f"race-{uuid.uuid4().hex[:8]}", str(PEOPLE), environment=environment)
    round_id = str(setup["round"])  # type: ignore[index]
    senders = [
        subprocess.Popen(
            [sys.executable, "-c", SEND, round_id],
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = []
    for sender in senders:  # both loaded and waiting, so that they run at the same moment
        assert sender.stdout is not None
        assert sender.stdout.readline().strip() == "ready"
    for sender in senders:
        assert sender.stdin is not None
        sender.stdin.write("go\n")
        sender.stdin.flush()
    for sender in senders:
        out, err = sender.communicate(timeout=120)
        assert sender.returncode == 0, err[-3000:]
        outputs.append(out.strip().splitlines()[-1])
    assert sorted(outputs) == ['{"queued": 0}', f'{{"queued": {PEOPLE}}}']
    assert run_python(COUNT, round_id, environment=environment) == PEOPLE
