"""SCIM provisioning through the real server: 10,000 users created one POST each, then filtered
look-ups by userName in the 10,000-person organisation.

Budgets: the 10,000 POSTs under 60 s in all; `GET /scim/v2/Users?filter=userName eq "..."` p95
under 50 ms (client-side, loopback). Baselines in the same run: a bare ORM loop creating 10,000
people one transaction each (the write without HTTP, token, validation or audit), and the
trivial `GET /scim/v2/ServiceProviderConfig` with the same token, timed the same way.

`eaism serve` runs as shipped (its default workers) on a SQLite file. The POSTs come from 4
client threads, each sending its share in turn over its own kept-alive loopback connection, as
an identity provider's provisioning runs a few requests at once; the look-ups from one. The
live-server helpers are the concurrency test's (tests/web/test_concurrency.py). Run with
`.venv/bin/python bench/scim.py [THREADS]` (4 by default).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web.test_concurrency import LOOPBACK, prepare_site, running_server  # noqa: E402

USERS = 10_000
THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 4  # `bench/scim.py 1`: one at a time
LOOKUPS = 300
POST_BUDGET_SECONDS = 60.0
LOOKUP_BUDGET_SECONDS = 0.050
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

# In a child process with eaism's settings: a SCIM token of the load-test organisation, then the
# baseline, 10,000 bare ORM creates in another organisation, each in its own transaction.
SETUP = """
import json, sys, time
import django
django.setup()
from django.db import transaction
from eaism.web.organisations.models import Organisation, Person, Team
from eaism.web.provisioning.tokens import create_token
_, secret = create_token(None, Organisation.objects.get(slug="load-test"), "bench")
other = Organisation.objects.create(name="Baseline", slug="baseline")
team = Team.objects.create(organisation=other, name="ops")
started = time.perf_counter()
for number in range(int(sys.argv[1])):
    with transaction.atomic():
        Person.objects.create(
            organisation=other, team=team, external_id=f"b{number:05d}",
            user_name=f"b{number}@bench.example", email=f"b{number}@bench.example",
        )
print(json.dumps({"secret": secret, "baseline": time.perf_counter() - started}))
"""


def user(number: int) -> dict[str, object]:
    return {
        "schemas": [USER_SCHEMA, ENTERPRISE],
        "userName": f"Person.{number}@bench.example",
        "externalId": f"e{number:05d}",
        "displayName": f"Person {number}",
        "title": "Engineer",
        "active": True,
        "emails": [{"value": f"person.{number}@bench.example", "type": "work"}],
        ENTERPRISE: {"department": f"team-{number % 40:02d}"},
    }


def send(
    connection: http.client.HTTPConnection, method: str, path: str, secret: str, body: object = None
) -> bytes:
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/scim+json"}
    payload = None if body is None else json.dumps(body).encode()
    connection.request(method, path, body=payload, headers=headers)
    response = connection.getresponse()
    content = response.read()
    assert response.status in (200, 201), (response.status, content[:300])
    return content


def timed(connection: http.client.HTTPConnection, paths: list[str], secret: str) -> list[float]:
    result = []
    for path in paths:
        started = time.perf_counter()
        send(connection, "GET", path, secret)
        result.append(time.perf_counter() - started)
    return result


def provision(port: int, secret: str) -> float:
    """Seconds to create the USERS, THREADS at a time, each thread on its own connection."""

    def share(first: int) -> None:
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
        for number in range(first, USERS, THREADS):
            send(connection, "POST", "/scim/v2/Users", secret, user(number))
        connection.close()

    workers = [threading.Thread(target=share, args=(first,)) for first in range(THREADS)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        site = prepare_site(Path(folder) / "data", 0)
        made = subprocess.run(
            [sys.executable, "-c", SETUP, str(USERS)],
            env=site.environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        created = json.loads(made.stdout.strip().splitlines()[-1])
        secret, baseline = created["secret"], created["baseline"]
        with running_server(site) as server:
            connection = http.client.HTTPConnection(LOOPBACK, server.port, timeout=60)
            send(connection, "GET", "/scim/v2/ServiceProviderConfig", secret)  # warm up
            posting = provision(server.port, secret)
            print(f"10,000 POSTs: {posting:.2f} s", flush=True)
            connection.close()  # idle all along: the server has let it go
            connection = http.client.HTTPConnection(LOOPBACK, server.port, timeout=60)
            chooser = random.Random(10_000)
            names = [f"person.{chooser.randrange(USERS)}@BENCH.example" for _ in range(LOOKUPS)]
            lookups = [f"/scim/v2/Users?filter=userName%20eq%20%22{name}%22" for name in names]
            timed(connection, lookups[:20], secret)  # warm up
            found = timed(connection, lookups, secret)
            trivial = timed(connection, ["/scim/v2/ServiceProviderConfig"] * LOOKUPS, secret)
            connection.close()
    slow_posts = posting >= POST_BUDGET_SECONDS
    slow_lookups = p95(found) >= LOOKUP_BUDGET_SECONDS
    print(f"{'ORM create loop, 10,000 people (baseline)':<46} {baseline:7.2f} s")
    print(
        f"{f'POST /scim/v2/Users, 10,000, {THREADS} at a time':<46} {posting:7.2f} s"
        f"   {posting / USERS * 1000:5.2f} ms each   ratio to baseline {posting / baseline:5.1f}x"
        f"   budget < {POST_BUDGET_SECONDS:.0f} s: {'MISSED' if slow_posts else 'ok'}"
    )
    print(
        f"{'GET ServiceProviderConfig (baseline)':<46} p50 {statistics.median(trivial) * 1000:6.2f} ms"
        f"   p95 {p95(trivial) * 1000:6.2f} ms"
    )
    print(
        f"{'GET /Users?filter=userName eq ... (10,000)':<46} p50 {statistics.median(found) * 1000:6.2f} ms"
        f"   p95 {p95(found) * 1000:6.2f} ms   ratio to baseline (p95) {p95(found) / p95(trivial):5.1f}x"
        f"   budget p95 < {LOOKUP_BUDGET_SECONDS * 1000:.0f} ms: {'MISSED' if slow_lookups else 'ok'}"
    )
    sys.exit(1 if slow_posts or slow_lookups else 0)


if __name__ == "__main__":
    main()
