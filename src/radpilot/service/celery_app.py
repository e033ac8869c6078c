"""Celery on Redis for background jobs (``RADPILOT_CELERY_BROKER=redis://...``).

The API enqueues the job row and sends its id; a worker started with

    RADPILOT_DB=postgresql://... RADPILOT_CELERY_BROKER=redis://127.0.0.1:6379/0 \\
        celery -A radpilot.service.celery_app:app worker --concurrency 4

runs it against the same database (claim, handler, result or retry, exactly as the in-process worker does).
Tasks are acknowledged late, so a worker killed mid-job leaves the message to be redelivered; the job's claim
makes the redelivery harmless.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from celery import Celery

from radpilot.service.jobs import JobQueue

_queues: dict[str, JobQueue] = {}
_lock = threading.Lock()


def configure(app: Celery, broker: str) -> Celery:
    app.conf.update(
        broker_url=broker,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    return app


def bind_queue(queue: JobQueue, name: str = "default") -> None:
    """Use ``queue`` for tasks run in this process (the API process in tests; a worker otherwise builds one)."""
    with _lock:
        _queues[name] = queue


def _queue() -> JobQueue:
    with _lock:
        queue = _queues.get("default")
        if queue is None:
            from radpilot.service.app import job_queue_for
            from radpilot.service.settings import ServiceSettings

            settings = ServiceSettings.from_env()
            queue = job_queue_for(settings)
            # A worker sends its own retries (with their backoff) back through the broker.
            queue.dispatcher = CeleryDispatcher(queue, settings.celery_broker or str(app.conf.broker_url))
            _queues["default"] = queue
        return queue


app = configure(Celery("radpilot"), os.environ.get("RADPILOT_CELERY_BROKER") or "redis://127.0.0.1:6379/0")


@app.task(name="radpilot.run_job")  # type: ignore[untyped-decorator]
def run_job(job_id: str) -> None:
    _queue().run(job_id)


class CeleryDispatcher:
    """Sends job ids to Celery; ``celery_app`` defaults to this module's app, with ``broker`` set."""

    def __init__(self, queue: JobQueue, broker: str, celery_app: Celery | None = None) -> None:
        self.queue = queue
        self.celery = configure(celery_app or app, broker)

    def start(self) -> None:
        # Jobs queued while no worker was listening (or whose messages were lost with Redis) are sent again;
        # the claim keeps a duplicate from running twice. Running jobs are left to their workers.
        for job_id, delay in self.queue.recover(stale_after=600.0):
            self.dispatch(job_id, delay)

    def dispatch(self, job_id: str, delay: float = 0.0) -> None:
        options: dict[str, Any] = {"countdown": delay} if delay > 0 else {}
        self.celery.send_task("radpilot.run_job", args=[job_id], **options)

    def stop(self) -> None:
        pass
