"""Saving answers: server time per save, and saves per second through the real server.

Budgets: p95 server time per save under 20 ms; at least 200 saves per second on this 2-core
machine through `eaism serve`, with no loss (every acknowledged answer is in the SQLite file).
Baselines: a trivial GET (`/api/organisations` with the same bearer token), timed the same way.

1. Server time: Django's test client in this process against the same SQLite file, timing the
   request handling of each save (token check, validation, the write) with no network.
2. Throughput: `eaism serve` as shipped (its default workers), warmed up, then several client
   threads posting answers over loopback with their own tokens; each concurrency level is run
   in turn, and the best level is the server's capacity. Client and server share the machine.

The live-server helpers are the concurrency test's (tests/web/test_concurrency.py).
Run with `make bench` or `.venv/bin/python bench/answer_saves.py`.
"""

from __future__ import annotations

import dataclasses
import functools
import http.client
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web.test_concurrency import (  # noqa: E402
    LOOPBACK,
    Server,
    Site,
    prepare_site,
    running_server,
    save_all,
    stored_answers,
)

T = TypeVar("T")
PEOPLE = 64
SAVES_SERVER_TIME = 400
SAVES_PER_LEVEL = 2_000
CONCURRENCY = (4, 8, 32)
BUDGET_P95_SECONDS = 0.020
BUDGET_PER_SECOND = 200.0


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def milliseconds(values: list[float]) -> str:
    return f"p50 {statistics.median(values) * 1000:6.2f} ms   p95 {p95(values) * 1000:6.2f} ms"


def server_time(site: Site) -> tuple[list[float], list[float]]:
    """Request handling time of a trivial GET and of a save, in this process, no network."""
    os.environ.update(site.environment)
    import django

    django.setup()
    from django.db import connections
    from django.test import Client

    from eaism.model.loader import load_edition

    items = list(load_edition().item_index)
    client = Client(headers={"Authorization": f"Bearer {site.tokens[-1]}"})

    def trivial() -> None:
        assert client.get("/api/organisations").status_code == 200

    def save(number: int) -> None:
        body = {"item_id": items[number % len(items)], "value": (0, 0.25, 0.5, 1)[number % 4]}
        saved = client.post(site.answers_url, body, content_type="application/json")
        assert saved.status_code == 200, saved.content

    trivial()
    save(0)  # warm: the edition, the connection
    baseline, saves = [], []
    for number in range(SAVES_SERVER_TIME):
        start = time.perf_counter()
        trivial()
        baseline.append(time.perf_counter() - start)
        start = time.perf_counter()
        save(number)
        saves.append(time.perf_counter() - start)
    connections.close_all()
    return baseline, saves


def group_cpu_seconds(server: Server) -> float:
    """CPU seconds used so far by the server's live processes (its master and workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that ended meanwhile
        if int(fields[2]) == server.pid:  # the process group
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / ticks


def cpu_cost(server: Server, work: Callable[[], T]) -> tuple[T, float, float]:
    """Run `work`; its result, and the CPU seconds the server and this process spent on it."""
    server_before, client_before = group_cpu_seconds(server), time.process_time()
    result = work()
    server_cpu = group_cpu_seconds(server) - server_before
    return result, server_cpu, time.process_time() - client_before


def get_rate(port: int, token: str, threads: int, each: int) -> float:
    """Trivial GETs per second with `threads` clients, each on its own connection."""
    errors: list[str] = []
    start = threading.Barrier(threads + 1, timeout=60)

    def client() -> None:
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=60)
        try:
            start.wait()
            for _ in range(each):
                connection.request(
                    "GET", "/api/organisations", headers={"Authorization": f"Bearer {token}"}
                )
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(str(response.status))
        finally:
            connection.close()

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for worker in workers:
        worker.start()
    start.wait()
    began = time.perf_counter()
    for worker in workers:
        worker.join(timeout=600)
    seconds = time.perf_counter() - began
    assert not errors, errors[:5]
    assert not any(worker.is_alive() for worker in workers)
    return threads * each / seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        print(f"load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        site = prepare_site(data_dir, PEOPLE)
        failed = False

        baseline, saves = server_time(site)
        slow = p95(saves) >= BUDGET_P95_SECONDS
        failed |= slow
        print(f"server time, {SAVES_SERVER_TIME} requests each (in-process, SQLite file):")
        print(f"  trivial GET (baseline)   {milliseconds(baseline)}")
        print(
            f"  save an answer           {milliseconds(saves)}"
            f"   ratio to baseline (p95) {p95(saves) / p95(baseline):4.1f}x"
            f"   budget p95 < {BUDGET_P95_SECONDS * 1000:.0f} ms: {'MISSED' if slow else 'ok'}"
        )

        print(f"through `eaism serve` (default workers), {SAVES_PER_LEVEL} saves per level:")
        best = 0.0
        lost_any = False
        cost = []  # CPU seconds per save: the server's, the clients'
        for threads in CONCURRENCY:
            people = dataclasses.replace(site, tokens=site.tokens[:threads])
            with running_server(site) as server:
                save_all(dataclasses.replace(site, tokens=site.tokens[:4]), server.port, 4)  # warm
                trivial = get_rate(server.port, site.tokens[0], threads, SAVES_PER_LEVEL // threads)
                each = SAVES_PER_LEVEL // threads
                (outcome, wall), server_cpu, client_cpu = cpu_cost(
                    server, functools.partial(save_all, people, server.port, each)
                )
            stored = {(person, item): value for person, item, value in stored_answers(site)}
            last = {(person, item): value for person, item, value in outcome.acknowledged}
            lost = [key for key, value in last.items() if stored.get(key) != value]
            lost_any |= bool(lost or outcome.failures)
            saved = len(outcome.acknowledged)
            rate = saved / wall
            best = max(best, rate)
            cost.append((server_cpu / saved, client_cpu / saved))
            print(
                f"  {threads:>2} clients: trivial GET (baseline) {trivial:5.0f}/s   "
                f"saves {rate:5.0f}/s   ratio {rate / trivial:4.2f}   "
                f"client-seen {milliseconds(outcome.seconds)}   "
                f"CPU per save: server {server_cpu / saved * 1000:5.2f} ms, "
                f"client {client_cpu / saved * 1000:5.2f} ms   "
                f"failed {len(outcome.failures)}   lost {len(lost)}"
            )
            for failure in outcome.failures[:5]:
                print(f"    {failure}")
        short = best < BUDGET_PER_SECOND
        failed |= short or lost_any
        server_ms = min(server for server, _ in cost) * 1000
        print(
            f"  best {best:.0f} saves/s; budget >= {BUDGET_PER_SECOND:.0f}/s:"
            f" {'MISSED' if short else 'ok'}; loss: {'SOME' if lost_any else 'none'}"
        )
        print(
            f"  CPU bound: 2 cores at {server_ms:.2f} ms of server CPU per save allow at most "
            f"{2000 / server_ms:.0f} saves/s, before the clients' own share"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
