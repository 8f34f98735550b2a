"""Background work of the events app: thin, idempotent, taking ids."""

from __future__ import annotations

from django_tasks import task

from jumelage.events import services
from jumelage.events.models import ScheduleRun


@task()
def run_schedule(run_id: int) -> int:
    """Compute a scheduling run; returns how many meetings it placed."""
    run = ScheduleRun.objects.filter(pk=run_id).first()
    if run is None:
        return 0
    run = services.execute_schedule_run(run=run)
    return run.meetings_placed


@task()
def expire_requests() -> int:
    """Expire every pending request past its expiry; returns how many."""
    return services.expire_requests()
