"""Running the background worker: the task framework's database worker, primed with our tasks."""

from __future__ import annotations

import os
import socket

from django_tasks_db.management.commands.db_worker import Worker

from eaism.web.outbox.tasks import deliver_messages, ensure_pending, tick


def run_worker(batch: bool = False, interval: float = 1.0) -> None:
    """Work until stopped; with `batch`, until no task is ready (then return)."""
    # A worker that was killed left its tasks marked as running; their work is safe in the
    # outbox, so fresh tasks pick it up.
    ensure_pending(deliver_messages)
    ensure_pending(tick)
    Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"{socket.gethostname()}-{os.getpid()}"[:64],
        excluded_queue_names=[],
    ).run()
