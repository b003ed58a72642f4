"""Background tasks: sending the outbox, and a tick that closes due rounds and sends reminders.

Tasks run in `eaism worker` (or the worker `eaism serve` starts) through Django's task
framework with its database backend. Each task is idempotent: its state lives in the outbox and
the rounds, so a task that runs twice, or a worker that stops mid-way, loses nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from eaism.web.outbox.delivery import deliver_due
from eaism.web.outbox.models import Message

TICK = timedelta(seconds=60)


@task()
def deliver_messages() -> int:
    """Send every due message; come back when the earliest retry is due."""
    sent = deliver_due()
    retry = (
        Message.objects.filter(state=Message.State.QUEUED)
        .order_by("available_at")
        .values_list("available_at", flat=True)
        .first()
    )
    if retry is not None:
        ensure_pending(deliver_messages, run_after=retry)
    return sent


@task()
def tick() -> dict[str, int]:
    """Close rounds whose time has come, queue scheduled reminders, and plan the next tick."""
    from eaism.web.assessments.outreach import scheduled_reminders
    from eaism.web.assessments.rounds import close_due_rounds

    # The next tick first: should this one fail, the schedule still goes on.
    ensure_pending(tick, run_after=timezone.now() + TICK)
    done = {"closed": close_due_rounds(), "reminders": scheduled_reminders()}
    if Message.objects.filter(state=Message.State.QUEUED, available_at__lte=timezone.now()):
        ensure_pending(deliver_messages)
    return done


def ensure_pending(chosen: Any, run_after: datetime | None = None) -> None:
    """Enqueue the task unless one is already waiting to run by then."""
    waiting = DBTaskResult.objects.filter(status="READY", task_path=chosen.module_path)
    if run_after is not None:
        waiting = waiting.filter(run_after__lte=run_after)
    if waiting.exists():
        return
    (chosen.using(run_after=run_after) if run_after else chosen).enqueue()
