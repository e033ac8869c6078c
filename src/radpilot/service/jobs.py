"""Background jobs: durable rows in the database, run by an in-process worker or by Celery workers on Redis.

A job is claimed with one conditional UPDATE (``queued`` -> ``running``), so a duplicate delivery (Celery
redelivery, a second worker, a restart) never runs it twice; its result is written in the same transaction
as its effect (e.g. the draft report), so it is done exactly once or not at all. A failure is retried with
exponential backoff up to ``max_attempts``; jobs left ``running`` by a killed process are queued again at start.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from radpilot.service.errors import NotFound
from radpilot.store.db import Database
from radpilot.store.models import Job, utcnow

log = logging.getLogger("radpilot.service.jobs")

TERMINAL = frozenset({"succeeded", "failed"})


class PermanentJobError(Exception):
    """A failure that retrying cannot fix (bad input); the job fails at once."""


#: A handler gets the database and the job's payload, and does its work; it must write its effect and call
#: ``finish(session, result)`` in one transaction (see :meth:`JobQueue.finish`).
Handler = Callable[["JobQueue", Job], None]


class Dispatcher(Protocol):
    def dispatch(self, job_id: str, delay: float = 0.0) -> None: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


def job_dict(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "status": job.status,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "result": job.result,
        "error": job.error,
        "created_at": job.created_at.isoformat(),
        "updated_at": job.updated_at.isoformat(),
        "duration_s": job.duration_s,
    }


class JobQueue:
    def __init__(
        self,
        db: Database,
        *,
        max_attempts: int = 3,
        retry_delay: float = 0.5,
        handlers: dict[str, Handler] | None = None,
    ) -> None:
        self.db = db
        self.max_attempts = max_attempts
        self.retry_delay = retry_delay
        self.handlers: dict[str, Handler] = dict(handlers or {})
        self.dispatcher: Dispatcher | None = None
        #: True when jobs run in this process (a waiting caller may run its job itself).
        self.inline = False
        #: What a finished job left for the caller waiting in this process (e.g. the report as the API shows
        #: it), so the caller does not read it back; bounded, and only a shortcut: the database is the record.
        # Views of drafts whose caller waits in this process (run with run_claimed), handed over once; no other
        # job leaves a view behind (a replay or a later poll reads the report as it is now).
        self.memo: dict[str, Any] = {}
        self.awaited: set[str] = set()
        self._events: dict[str, threading.Event] = {}
        self._events_lock = threading.Lock()

    # -- producer side ------------------------------------------------------------------------------------

    def enqueue(
        self,
        session: Session,
        kind: str,
        payload: dict[str, Any],
        *,
        idempotency_key: str | None = None,
        created_by: int | None = None,
        claimed: bool = False,
    ) -> tuple[Job, bool]:
        """Add a job (in the caller's transaction); returns (job, created). A repeated key returns the first.

        ``claimed``: the new job is stored already claimed (``running``, attempt 1), as :meth:`claim` would leave
        it, for a caller that runs it at once with :meth:`run_claimed`; a process killed before it finishes
        leaves it ``running``, and :meth:`recover` queues it again, as for any claimed job.
        """
        if kind not in self.handlers:
            raise ValueError(f"unknown job kind {kind!r}")
        if idempotency_key:
            existing = session.scalar(_BY_KEY, {"key": idempotency_key})
            if existing is not None:
                return existing, False
        now = utcnow()
        job = Job(
            id=str(uuid.uuid4()),
            kind=kind,
            idempotency_key=idempotency_key,
            status="running" if claimed else "queued",
            attempts=1 if claimed else 0,
            payload=payload,
            max_attempts=self.max_attempts,
            created_by_id=created_by,
            created_at=now,
            updated_at=now,
            run_after=now,
        )
        # A plain INSERT of the row (the columns the unit of work would write), not the unit of work itself:
        # the job object stays outside the session, as it would be after the commit.
        row = {name: getattr(job, name) for name in _JOB_COLUMNS}
        session.flush()  # what the session holds goes first, as the unit of work would order it
        conn = session.connection()
        if not idempotency_key:
            conn.execute(_INSERT_JOB, row)
            return job, True
        try:
            with session.begin_nested():
                conn.execute(_INSERT_JOB, row)
        except IntegrityError:
            # The same key raced in from another request: answer with that job.
            existing = session.scalar(_BY_KEY, {"key": idempotency_key})
            if existing is None:
                raise
            return existing, False
        return job, True

    def submit(self, job_id: str, delay: float = 0.0) -> None:
        if self.dispatcher is None:
            raise RuntimeError("the job queue has no dispatcher; start the service first")
        self.dispatcher.dispatch(job_id, delay)

    def get(self, job_id: str) -> Job:
        with self.db.read() as s:
            job = s.get(Job, job_id)
            if job is None:
                raise NotFound(f"no job {job_id}")
            return job

    def wait(self, job_id: str, timeout: float) -> Job:
        """The job once it is finished, or as it is when ``timeout`` seconds have passed."""
        deadline = time.monotonic() + timeout
        pause = 0.01
        # Registered before the first read, so a job finishing in between still wakes us (in-process runs);
        # jobs run elsewhere (Celery) are seen by polling.
        with self._events_lock:
            event = self._events.setdefault(job_id, threading.Event())
        try:
            while True:
                job = self.get(job_id)
                left = deadline - time.monotonic()
                if job.status in TERMINAL or left <= 0:
                    return job
                event.wait(min(pause, left))
                event.clear()
                pause = min(pause * 2, 0.2)
        finally:
            with self._events_lock:
                self._events.pop(job_id, None)

    # -- worker side ----------------------------------------------------------------------------------------

    def claim(self, job_id: str) -> Job | None:
        """Take the job if it is queued and due; None when someone else has it or it is finished."""
        now = utcnow()
        with self.db.write() as s:
            got = s.execute(
                update(Job)
                .where(Job.id == job_id, Job.status == "queued", Job.run_after <= now)
                .values(status="running", attempts=Job.attempts + 1, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            if getattr(got, "rowcount", 0) != 1:
                return None
            return s.get(Job, job_id)

    def finish(self, session: Session, job: Job, result: dict[str, Any]) -> bool:
        """Mark the job succeeded in ``session`` (with its effect); False when it is no longer ours.

        One conditional UPDATE: it matches only while the job is still this claim's (running, same attempt), and
        it locks the row until the caller's transaction ends (a row lock on PostgreSQL, the database on SQLite).
        """
        now = utcnow()
        session.flush()  # as a statement through the session would (autoflush)
        got = session.connection().execute(
            _FINISH,
            {
                "job_id": job.id,
                "attempt": job.attempts,
                "new_result": result,
                "now": now,
                "took": round((now - job.updated_at).total_seconds(), 4),
            },
        )
        return getattr(got, "rowcount", 0) == 1

    def run(self, job_id: str) -> None:
        """Claim and run one job; on failure queue a retry (with backoff) or mark it failed."""
        job = self.claim(job_id)
        if job is None:
            self._early(job_id)
            return
        self.run_claimed(job)

    def run_claimed(self, job: Job) -> None:
        """Run a job this caller has claimed (see :meth:`claim`, ``enqueue(claimed=True)``)."""
        job_id = job.id
        handler = self.handlers.get(job.kind)
        try:
            if handler is None:
                raise PermanentJobError(f"no handler for job kind {job.kind!r}")
            handler(self, job)
        except Exception as exc:
            self._failed(job, exc)
        finally:
            with self._events_lock:
                event = self._events.get(job_id)
            if event is not None:
                event.set()

    def _failed(self, job: Job, exc: Exception) -> None:
        permanent = isinstance(exc, PermanentJobError)
        # The type and message only: handlers raise messages without patient data (see drafting.DraftFailed).
        error = f"{type(exc).__name__}: {exc}"[:2000]
        retry = not permanent and job.attempts < job.max_attempts
        delay = self.retry_delay * (2 ** (job.attempts - 1))
        now = utcnow()
        with self.db.write() as s:
            got = s.execute(
                update(Job)
                .where(Job.id == job.id, Job.status == "running", Job.attempts == job.attempts)
                .values(
                    status="queued" if retry else "failed",
                    error=error,
                    updated_at=now,
                    run_after=now + timedelta(seconds=delay) if retry else now,
                )
                .execution_options(synchronize_session=False)
            )
        log.warning(
            "job %s (%s) attempt %d/%d failed with %s; %s",
            job.id,
            job.kind,
            job.attempts,
            job.max_attempts,
            type(exc).__name__,
            f"retry in {delay:.2f}s" if retry else "giving up",
        )
        if getattr(got, "rowcount", 0) != 1:
            return  # a newer attempt holds the job (this one was recovered as stale): its outcome stands
        if retry and self.dispatcher is not None:
            self.dispatcher.dispatch(job.id, delay)

    def recover(self, stale_after: float = 0.0) -> list[tuple[str, float]]:
        """Queue again jobs left running by a killed worker; return every queued job with its delay (s)."""
        now = utcnow()
        cutoff = now - timedelta(seconds=stale_after)
        with self.db.write() as s:
            s.execute(
                update(Job)
                .where(Job.status == "running", Job.updated_at <= cutoff)
                .values(status="queued", updated_at=now)
                .execution_options(synchronize_session=False)
            )
            rows = s.execute(
                select(Job.id, Job.run_after).where(Job.status == "queued").order_by(Job.created_at)
            )
            return [(job_id, max(0.0, (run_after - now).total_seconds())) for job_id, run_after in rows]

    def _early(self, job_id: str) -> None:
        """A delivery that came before the job was due (clock skew, a sweep): send it again for later."""
        with self.db.read() as s:
            job = s.get(Job, job_id)
        if job is None or job.status != "queued" or self.dispatcher is None:
            return
        delay = (job.run_after - utcnow()).total_seconds()
        if delay > 0:
            self.dispatcher.dispatch(job_id, delay)


# Built once: statement objects keep their cache keys, so each job reuses their compiled forms outright.
#: The columns of a new job's INSERT, as the unit of work writes them (``result`` is left out: NULL, not JSON null).
_JOB_COLUMNS = (
    "id",
    "kind",
    "idempotency_key",
    "status",
    "attempts",
    "max_attempts",
    "payload",
    "error",
    "created_by_id",
    "created_at",
    "updated_at",
    "run_after",
    "duration_s",
)
_INSERT_JOB = insert(Job)
_BY_KEY = select(Job).where(Job.idempotency_key == bindparam("key"))
_FINISH = (
    update(Job)
    .where(Job.id == bindparam("job_id"), Job.status == "running", Job.attempts == bindparam("attempt"))
    .values(
        status="succeeded",
        result=bindparam("new_result"),
        error=None,
        updated_at=bindparam("now"),
        duration_s=bindparam("took"),
    )
)


class InProcessDispatcher:
    """Runs jobs on a thread pool inside the API process; retries with timers; sweeps for due jobs."""

    def __init__(
        self, queue: JobQueue, threads: int = 4, sweep_interval: float = 5.0, recover_stale_s: float = 0.0
    ) -> None:
        self.queue = queue
        # 0 when this process is the only worker; with sibling processes (serve --workers N), only jobs
        # untouched for this long are taken to be orphans.
        self.recover_stale_s = recover_stale_s
        self.threads = threads
        self.sweep_interval = sweep_interval
        self._pool: ThreadPoolExecutor | None = None
        self._timers: set[threading.Timer] = set()
        self._stop = threading.Event()
        self._sweeper: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        self.queue.inline = True
        self._stop.clear()
        self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="radpilot-job")
        for job_id, delay in self.queue.recover(stale_after=self.recover_stale_s):
            self.dispatch(job_id, delay)
        self._sweeper = threading.Thread(target=self._sweep, name="radpilot-job-sweep", daemon=True)
        self._sweeper.start()

    def _sweep(self) -> None:
        while not self._stop.wait(self.sweep_interval):
            try:
                with self.queue.db.read() as s:
                    due = list(
                        s.scalars(
                            select(Job.id).where(Job.status == "queued", Job.run_after <= utcnow()).limit(100)
                        )
                    )
            except Exception as exc:  # the database may be briefly unavailable; try again next sweep
                log.warning("job sweep failed: %s", type(exc).__name__)
                continue
            for job_id in due:
                self.dispatch(job_id)

    def dispatch(self, job_id: str, delay: float = 0.0) -> None:
        if self._stop.is_set() or self._pool is None:
            return
        if delay > 0:
            timer = threading.Timer(delay, self._fire, args=(job_id,))
            timer.daemon = True
            with self._lock:
                self._timers.add(timer)
            timer.start()
            return
        with contextlib.suppress(RuntimeError):  # the pool is shutting down
            self._pool.submit(self.queue.run, job_id)

    def _fire(self, job_id: str) -> None:
        with self._lock:
            self._timers = {t for t in self._timers if t.is_alive() and t is not threading.current_thread()}
        self.dispatch(job_id)

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            for t in self._timers:
                t.cancel()
            self._timers.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
