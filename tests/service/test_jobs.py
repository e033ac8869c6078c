"""Background jobs: idempotent (by key and by claim), retried with backoff, status visible, recovered after a kill."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from radpilot.service.jobs import InProcessDispatcher, JobQueue, PermanentJobError
from radpilot.store import Database
from radpilot.store.models import Job, Report
from tests.service.conftest import CLEAN_FINDINGS, Service


class Flaky:
    """Fails ``failures`` times, then records its effect and finishes (effect and result in one transaction)."""

    def __init__(self, failures: int, permanent: bool = False) -> None:
        self.failures = failures
        self.permanent = permanent
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, queue: JobQueue, job: Job) -> None:
        with self.lock:
            self.calls += 1
            n = self.calls
        if n <= self.failures:
            raise (PermanentJobError("bad input") if self.permanent else RuntimeError("transient"))
        with queue.db.write() as s:
            queue.finish(s, job, {"call": n})


@pytest.fixture
def queue(sqlite_url: str) -> Iterator[JobQueue]:
    db = Database(sqlite_url)
    q = JobQueue(db, max_attempts=3, retry_delay=0.01)
    q.dispatcher = InProcessDispatcher(q, threads=2, sweep_interval=0.05)
    yield q
    q.dispatcher.stop()
    db.dispose()


def _enqueue(q: JobQueue, kind: str, key: str | None = None) -> str:
    with q.db.write() as s:
        job, _ = q.enqueue(s, kind, {"x": 1}, idempotency_key=key)
        return job.id


@pytest.mark.parametrize(
    ("failures", "permanent", "status", "attempts"),
    [
        (0, False, "succeeded", 1),
        (1, False, "succeeded", 2),
        (2, False, "succeeded", 3),
        (3, False, "failed", 3),
        (1, True, "failed", 1),
    ],
)
def test_retries(queue: JobQueue, failures: int, permanent: bool, status: str, attempts: int) -> None:
    handler = Flaky(failures, permanent)
    queue.handlers["flaky"] = handler
    assert queue.dispatcher is not None
    queue.dispatcher.start()
    job_id = _enqueue(queue, "flaky")
    queue.submit(job_id)
    job = queue.wait(job_id, 10)
    assert job.status == status
    assert job.attempts == attempts
    assert handler.calls == attempts
    if status == "failed":
        assert job.error and ("transient" in job.error or "bad input" in job.error)
    else:
        assert job.result == {"call": attempts}


def test_a_finished_job_is_not_run_again(queue: JobQueue) -> None:
    handler = Flaky(0)
    queue.handlers["flaky"] = handler
    job_id = _enqueue(queue, "flaky")
    queue.run(job_id)
    queue.run(job_id)  # a duplicate delivery (Celery redelivery, second worker)
    assert handler.calls == 1
    assert queue.get(job_id).status == "succeeded"


def test_concurrent_deliveries_run_once(queue: JobQueue) -> None:
    handler = Flaky(0)
    queue.handlers["flaky"] = handler
    job_id = _enqueue(queue, "flaky")
    threads = [threading.Thread(target=queue.run, args=(job_id,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert handler.calls == 1


def test_idempotency_key_returns_the_first_job(queue: JobQueue) -> None:
    queue.handlers["flaky"] = Flaky(0)
    a = _enqueue(queue, "flaky", key="k1")
    b = _enqueue(queue, "flaky", key="k1")
    c = _enqueue(queue, "flaky", key="k2")
    assert a == b != c


def test_jobs_left_running_by_a_killed_process_are_recovered(queue: JobQueue) -> None:
    handler = Flaky(0)
    queue.handlers["flaky"] = handler
    job_id = _enqueue(queue, "flaky")
    assert queue.claim(job_id) is not None  # claimed, then the process "died"
    assert queue.get(job_id).status == "running"
    assert queue.dispatcher is not None
    queue.dispatcher.start()  # a new process starts: the orphan is queued and run again
    job = queue.wait(job_id, 10)
    assert job.status == "succeeded" and job.attempts == 2 and handler.calls == 1


def test_unknown_job_kind_is_refused(queue: JobQueue) -> None:
    with pytest.raises(ValueError, match="unknown job kind"), queue.db.write() as s:
        queue.enqueue(s, "nope", {})


def test_draft_idempotency_key_gives_one_report(lite: Service) -> None:
    sid = lite.study()["id"]
    h = {**lite.h("resident"), "Idempotency-Key": "click-1"}
    first = lite.client.post(f"/api/v1/studies/{sid}/drafts", json={"findings": CLEAN_FINDINGS}, headers=h)
    second = lite.client.post(f"/api/v1/studies/{sid}/drafts", json={"findings": CLEAN_FINDINGS}, headers=h)
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["report_id"] == second.json()["report_id"]
    with lite.db.read() as s:
        assert len(list(s.scalars(select(Report).where(Report.study_id == sid)))) == 1


def test_draft_without_waiting_answers_202_and_the_job_is_visible(lite: Service) -> None:
    sid = lite.study()["id"]
    r = lite.client.post(
        f"/api/v1/studies/{sid}/drafts?wait=false",
        json={"findings": CLEAN_FINDINGS},
        headers=lite.h("resident"),
    )
    if r.status_code == 201:  # the worker was faster than the answer
        return
    assert r.status_code == 202
    assert r.headers["location"] == f"/api/v1/jobs/{r.json()['job_id']}"
    deadline = time.monotonic() + 10
    job: dict[str, Any] = {}
    while time.monotonic() < deadline:
        job = lite.client.get(r.headers["location"], headers=lite.h("resident")).json()
        if job["status"] == "succeeded":
            break
        time.sleep(0.02)
    assert job["status"] == "succeeded" and job["result"]["report_id"]
    assert job["kind"] == "draft" and job["attempts"] == 1


def test_failed_draft_job_is_422_with_the_job(lite: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    from radpilot.service import drafting

    def refuse(*args: object, **kwargs: object) -> dict[str, Any]:
        raise drafting.DraftFailed("the study has no images for a vision backend")

    monkeypatch.setattr(drafting, "draft", refuse)
    sid = lite.study()["id"]
    r = lite.client.post(f"/api/v1/studies/{sid}/drafts", json={}, headers=lite.h("resident"))
    assert r.status_code == 422
    assert r.json()["job"]["status"] == "failed" and r.json()["job"]["attempts"] == 1
    assert "no images" in r.json()["detail"]
    assert lite.client.get(f"/api/v1/studies/{sid}", headers=lite.h("resident")).json()["reports"] == []


def test_transient_draft_failure_is_retried(lite: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    from radpilot.service import drafting

    real = drafting.draft
    calls = []

    def flaky(*args: Any, **kwargs: Any) -> dict[str, Any]:
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("model server went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(drafting, "draft", flaky)
    state = lite.client.app.state.radpilot  # type: ignore[attr-defined]
    state.jobs.retry_delay = 0.01
    sid = lite.study()["id"]
    r = lite.client.post(
        f"/api/v1/studies/{sid}/drafts", json={"findings": CLEAN_FINDINGS}, headers=lite.h("resident")
    )
    assert r.status_code == 201
    job = lite.client.get(f"/api/v1/jobs/{r.json()['job_id']}", headers=lite.h("resident")).json()
    assert job["attempts"] == 2 and job["status"] == "succeeded"
    assert len(calls) == 2


def test_job_status_route_roles(lite: Service) -> None:
    sid = lite.study()["id"]
    r = lite.client.post(
        f"/api/v1/studies/{sid}/drafts", json={"findings": CLEAN_FINDINGS}, headers=lite.h("resident")
    )
    path = f"/api/v1/jobs/{r.json()['job_id']}"
    assert lite.client.get(path, headers=lite.h("referrer")).status_code == 403
    assert lite.client.get(path, headers=lite.h("admin")).json()["status"] == "succeeded"


def test_a_job_stored_claimed_runs_once_and_is_recovered_like_a_claimed_one(queue: JobQueue) -> None:
    handler = Flaky(0)
    queue.handlers["flaky"] = handler
    with queue.db.write() as s:
        job, created = queue.enqueue(s, "flaky", {"x": 1}, claimed=True)
    assert created and job.status == "running" and job.attempts == 1
    assert queue.claim(job.id) is None  # nobody else can take it
    queue.run(job.id)  # a stray delivery: not run
    assert handler.calls == 0
    # The process "dies" here; a new one queues the orphan again and runs it (attempt 2).
    assert queue.dispatcher is not None
    queue.dispatcher.start()
    done = queue.wait(job.id, 10)
    assert done.status == "succeeded" and done.attempts == 2 and handler.calls == 1


def test_finish_only_matches_the_current_claim(queue: JobQueue) -> None:
    queue.handlers["flaky"] = Flaky(0)
    with queue.db.write() as s:
        job, _ = queue.enqueue(s, "flaky", {"x": 1}, claimed=True)
    stale = Job(id=job.id, attempts=job.attempts + 1, updated_at=job.updated_at)
    with queue.db.write() as s:
        assert not queue.finish(s, stale, {"n": 0})  # another attempt's claim: not ours
    with queue.db.write() as s:
        assert queue.finish(s, job, {"n": 1})
    with queue.db.write() as s:
        assert not queue.finish(s, job, {"n": 2})  # already finished
    done = queue.get(job.id)
    assert done.status == "succeeded" and done.result == {"n": 1} and done.duration_s is not None
