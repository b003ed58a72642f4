"""30 people saving answers through `eaism serve` when every server process is killed with
SIGKILL: after a restart, every answer the server acknowledged is in the database.

On SQLite (a file in a temporary folder) and, in the PostgreSQL run, on a fresh database of the
test server. The kill is triggered by the clients' own count: once half the planned answers are
acknowledged, the test kills the server's whole process group (gunicorn's master, its workers
and the background worker) while the other requests are in flight. No sleeps.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import threading
from pathlib import Path

from tests.web.children import child_environment
from tests.web.test_concurrency import (
    LOOPBACK,
    REQUEST_SECONDS,
    Outcome,
    Site,
    plan,
    prepare_site,
    running_server,
    save_all,
    stored_answers,
)

PEOPLE = 30
ANSWERS_EACH = 12
PLANNED = PEOPLE * ANSWERS_EACH


def test_no_acknowledged_answer_is_lost_when_every_server_process_is_killed(
    tmp_path: Path,
) -> None:
    database_url = child_environment(tmp_path)["DATABASE_URL"]  # empty on SQLite
    site = prepare_site(tmp_path / "site", PEOPLE, database_url)
    halfway = threading.Event()
    outcomes: list[Outcome] = []

    def count(acknowledged: list[tuple[str, str, float]]) -> None:
        if len(acknowledged) >= PLANNED // 2:
            halfway.set()

    def save() -> None:
        try:
            outcomes.append(save_all(site, server.port, ANSWERS_EACH, count)[0])
        finally:
            halfway.set()  # also when saving ended early: the assertions below say why

    with running_server(site) as server:
        saving = threading.Thread(target=save)
        saving.start()
        halfway.wait(timeout=REQUEST_SECONDS * 2)
        os.killpg(server.pid, signal.SIGKILL)  # the group this test started, by its id
        saving.join(timeout=REQUEST_SECONDS * 2)
    assert not saving.is_alive()
    (outcome,) = outcomes
    acknowledged = set(outcome.acknowledged)
    # The kill landed mid-way: half the answers were acknowledged, others failed with it.
    assert len(acknowledged) >= PLANNED // 2, "\n".join(outcome.failures[:20])
    assert len(acknowledged) < PLANNED
    assert outcome.failures

    with running_server(site) as server:  # recovery: the server starts on what was left
        assert save_one_more(site, server.port) == 200
    assert acknowledged <= stored_answers(site)


def save_one_more(site: Site, port: int) -> int:
    """Person 0 saves an item outside the plan; the status of the answer."""
    item, value = plan(site, ANSWERS_EACH + 1)[0][ANSWERS_EACH]
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=REQUEST_SECONDS)
    try:
        connection.request(
            "POST",
            site.answers_url,
            json.dumps({"item_id": item, "value": value, "evidence": "after the restart"}),
            {"Authorization": f"Bearer {site.tokens[0]}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()
