"""50 people saving answers at once into one round, through the real server on a SQLite file.

Nothing here runs in the test process's database: a fresh data folder is set up by a child
process with eaism's own Django settings, `eaism serve` runs in another, and 50 threads post
answers over loopback HTTP with their own bearer tokens. Afterwards every answer the server
acknowledged must be in the SQLite file, and no response may be a 5xx or mention a locked
database. `bench/answer_saves.py` uses the same helpers to measure throughput.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from eaism.model.loader import load_edition

EAISM = Path(sys.executable).parent / "eaism"
LOOPBACK = "127.0.0.1"
START_SECONDS = 90  # the server's start: Django, migrations, gunicorn workers
REQUEST_SECONDS = 60

# Run in a child process with eaism's settings: migrate the data folder's SQLite file, then
# create one organisation, one open round, and `count` members with person records and tokens.
SETUP = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.db import transaction
call_command("migrate", interactive=False, verbosity=0)
from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.models import Round
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Membership, Organisation, Person, Team
count = int(sys.argv[1])
with transaction.atomic():
    organisation = Organisation.objects.create(name="Load test", slug="load-test")
    team = Team.objects.create(organisation=organisation, name="everyone")
    round_ = Round.objects.create(
        organisation=organisation, name="Load round", edition=current_edition().id
    )
    tokens = []
    for number in range(count):
        user = User.objects.create_user(f"person{number}@load.example")  # no usable password
        Membership.objects.create(user=user, organisation=organisation, role="member")
        Person.objects.create(
            organisation=organisation, team=team, external_id=f"p{number:03d}", user=user
        )
        tokens.append(ApiToken.issue(user, "load")[1])
print(json.dumps({"slug": organisation.slug, "round": round_.id, "tokens": tokens}))
"""


@dataclass(frozen=True)
class Site:
    """A migrated data folder with one round and a token per person (index = person number)."""

    data_dir: Path
    environment: dict[str, str]
    slug: str
    round_id: int
    tokens: list[str]

    @property
    def answers_url(self) -> str:
        return f"/api/organisations/{self.slug}/rounds/{self.round_id}/answers"


def environment_for(data_dir: Path, database_url: str = "") -> dict[str, str]:
    """The child processes' environment: development settings on a SQLite file in `data_dir`
    (or the PostgreSQL database of `database_url`), with the edition cache beside it (never the
    tester's own cache folder)."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("EAISM_", "DJANGO_", "DATABASE_URL"))
    }
    if database_url:
        kept["DATABASE_URL"] = database_url
    return kept | {
        "EAISM_DATA_DIR": str(data_dir),
        "EAISM_CACHE_DIR": str(data_dir / "cache"),
        "DJANGO_SETTINGS_MODULE": "eaism.web.settings",
    }


def prepare_site(data_dir: Path, people: int, database_url: str = "") -> Site:
    data_dir.mkdir(parents=True, exist_ok=True)
    environment = environment_for(data_dir, database_url)
    made = subprocess.run(
        [sys.executable, "-c", SETUP, str(people)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    created = json.loads(made.stdout.strip().splitlines()[-1])
    return Site(data_dir, environment, created["slug"], created["round"], created["tokens"])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def wait_for_port(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    """Until the server accepts connections; paced by waiting on the process itself."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((LOOPBACK, port), timeout=1):
                return
        except OSError:
            pass
        try:
            process.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"eaism serve exited with {process.returncode}:\n{log.read_text()}")
    raise AssertionError(f"eaism serve did not listen within {START_SECONDS} s:\n{log.read_text()}")


@dataclass(frozen=True)
class Server:
    port: int
    pid: int  # also the id of its process group: gunicorn's master and workers


@contextmanager
def running_server(site: Site, workers: int | None = None) -> Iterator[Server]:
    """`eaism serve` on a free loopback port; stopped (and waited for) on the way out."""
    port = free_port()
    log = site.data_dir / "server.log"
    command = [str(EAISM), "serve", "--host", LOOPBACK, "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            env=site.environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for_port(process, port, log)
            yield Server(port, process.pid)
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # gunicorn finishes the requests in flight
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the group this test started, by its id
        process.wait(timeout=30)


@dataclass
class Outcome:
    acknowledged: list[tuple[str, str, float]] = field(default_factory=list)  # person, item, value
    failures: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)  # each request's round trip
    lock: threading.Lock = field(default_factory=threading.Lock)
    on_acknowledged: Callable[[list[tuple[str, str, float]]], None] | None = None


def plan(site: Site, answers_each: int) -> list[list[tuple[str, float]]]:
    """Each person's answers: distinct items, values across the whole scale."""
    items = list(load_edition().item_index)
    values = (0.0, 0.25, 0.5, 1.0)
    return [
        [
            (items[(person * 7 + n) % len(items)], values[(person + n) % len(values)])
            for n in range(answers_each)
        ]
        for person in range(len(site.tokens))
    ]


def save_all(
    site: Site,
    port: int,
    answers_each: int,
    acknowledged: Callable[[list[tuple[str, str, float]]], None] | None = None,
) -> tuple[Outcome, float]:
    """Every person's thread posts its answers at once; the outcome and the wall seconds.
    `acknowledged` is called with the answers acknowledged so far after each one (holding
    the outcome's lock: copy the list to keep it)."""
    outcome = Outcome(on_acknowledged=acknowledged)
    planned = plan(site, answers_each)
    start = threading.Barrier(len(site.tokens) + 1, timeout=REQUEST_SECONDS)
    threads = [
        threading.Thread(
            target=_client,
            args=(site, port, person, planned[person], start, outcome),
            name=f"client-{person}",
        )
        for person in range(len(site.tokens))
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(timeout=REQUEST_SECONDS * (answers_each + 1))
    wall = time.perf_counter() - began
    alive = [thread.name for thread in threads if thread.is_alive()]
    assert not alive, f"client threads still running: {alive}"
    return outcome, wall


def _client(
    site: Site,
    port: int,
    person: int,
    answers: list[tuple[str, float]],
    start: threading.Barrier,
    outcome: Outcome,
) -> None:
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=REQUEST_SECONDS)
    headers = {
        "Authorization": f"Bearer {site.tokens[person]}",
        "Content-Type": "application/json",
    }
    try:
        start.wait()
        for item_id, value in answers:
            body = json.dumps({"item_id": item_id, "value": value, "evidence": f"p{person}"})
            began = time.perf_counter()
            try:
                connection.request("POST", site.answers_url, body, headers)
                response = connection.getresponse()
                text = response.read().decode("utf-8", "replace")
            except (OSError, http.client.HTTPException) as error:
                with outcome.lock:
                    outcome.failures.append(f"p{person:03d} {item_id}: {error!r}")
                connection.close()
                connection = http.client.HTTPConnection(LOOPBACK, port, timeout=REQUEST_SECONDS)
                continue
            took = time.perf_counter() - began
            with outcome.lock:
                outcome.seconds.append(took)
                if response.status == 200:
                    saved = json.loads(text)
                    outcome.acknowledged.append(
                        (f"p{person:03d}", saved["item_id"], float(saved["value"]))
                    )
                    if outcome.on_acknowledged is not None:
                        outcome.on_acknowledged(outcome.acknowledged)
                else:
                    outcome.failures.append(f"p{person:03d} {item_id}: {response.status} {text}")
    except threading.BrokenBarrierError as error:
        with outcome.lock:
            outcome.failures.append(f"p{person:03d}: never started: {error!r}")
    finally:
        connection.close()


STORED = (
    "SELECT person.external_id, answer.item_id, answer.value "
    "FROM assessments_answer AS answer "
    "JOIN assessments_response AS response ON answer.response_id = response.id "
    "JOIN organisations_person AS person ON response.person_id = person.id "
    "JOIN assessments_round AS round ON response.round_id = round.id "
    "WHERE round.id = {mark}"
)


def stored_answers(site: Site) -> set[tuple[str, str, float]]:
    """Every answer in the database, read with the driver itself after the server has stopped:
    the SQLite file, or the PostgreSQL database of the site's DATABASE_URL."""
    url = site.environment.get("DATABASE_URL", "")
    if url:
        import psycopg

        with psycopg.connect(url) as connection:
            rows = connection.execute(STORED.format(mark="%s"), (site.round_id,)).fetchall()
    else:
        with sqlite3.connect(site.data_dir / "eaism.sqlite3", timeout=30) as database:
            rows = database.execute(STORED.format(mark="?"), (site.round_id,)).fetchall()
        database.close()
    return {(person, item, float(value)) for person, item, value in rows}


PEOPLE = 50
ANSWERS_EACH = 8


def test_fifty_people_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    site = prepare_site(tmp_path / "data", PEOPLE)
    assert len(site.tokens) == PEOPLE
    with running_server(site) as server:
        outcome, _ = save_all(site, server.port, ANSWERS_EACH)
    log = (site.data_dir / "server.log").read_text(errors="replace")
    assert not outcome.failures, "\n".join(outcome.failures[:20])
    assert len(outcome.acknowledged) == PEOPLE * ANSWERS_EACH
    assert set(outcome.acknowledged) <= stored_answers(site)
    assert "database is locked" not in log
    assert "Traceback" not in log
    assert '" 5' not in log  # the access log shows no 5xx status
