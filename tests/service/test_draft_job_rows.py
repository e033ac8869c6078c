"""The drafting job's writes: the job row as stored (no JSON null for a result not yet there, the result after),
and a draft for a study that is gone, refused by the report's foreign key with nothing stored."""

from __future__ import annotations

from sqlalchemy import func, select, text

from radpilot.service.app import run_draft_job
from radpilot.service.errors import NotFound
from radpilot.store.models import AuditEvent, Job, Report
from tests.service.conftest import CLEAN_FINDINGS, Service


def test_job_rows_hold_null_then_the_result(svc: Service) -> None:
    q = svc.client.app.state.radpilot.jobs  # type: ignore[attr-defined]
    q.handlers["noop"] = lambda queue, job: None
    with q.db.write() as s:
        job, created = q.enqueue(s, "noop", {"a": [1, "b"]}, idempotency_key="rows-1", claimed=True)
    assert created and job.status == "running" and job.attempts == 1 and job.result is None
    with q.db.read() as s:
        is_null = s.execute(text("SELECT result IS NULL FROM jobs WHERE id = :id"), {"id": job.id}).scalar()
        assert bool(is_null)
        stored = s.get(Job, job.id)
        assert stored is not None and stored.payload == {"a": [1, "b"]} and stored.idempotency_key == "rows-1"
    with q.db.write() as s:
        again, created = q.enqueue(s, "noop", {}, idempotency_key="rows-1")
    assert not created and again.id == job.id
    with q.db.write() as s:
        assert q.finish(s, job, {"report_id": 7})
    with q.db.write() as s:
        assert not q.finish(s, job, {"report_id": 8})  # no longer running: not ours
    done = q.get(job.id)
    assert done.status == "succeeded" and done.result == {"report_id": 7} and done.duration_s is not None


def test_a_draft_for_a_study_that_is_gone_stores_nothing(svc: Service) -> None:
    r = svc.draft(CLEAN_FINDINGS)
    q = svc.client.app.state.radpilot.jobs  # type: ignore[attr-defined]
    with q.db.read() as s:
        job = s.get(Job, r["job_id"])
        assert job is not None
        reports = s.scalar(select(func.count()).select_from(Report))
        events = s.scalar(select(func.count()).select_from(AuditEvent))
    payload = dict(job.payload) | {"study_id": 987654}
    with q.db.write() as s:
        gone, _ = q.enqueue(s, "draft", payload, claimed=True)
    try:
        run_draft_job(q, gone)
    except NotFound as exc:
        assert str(exc) == "no study 987654"
    else:
        raise AssertionError("a draft for a missing study was stored")
    with q.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Report)) == reports
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == events
    assert q.get(gone.id).status == "running"  # left to the retry rules, as any failed attempt
