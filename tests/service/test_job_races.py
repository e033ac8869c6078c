"""Races a hospital would hit: parallel study creation on PostgreSQL (the system audit chain), a stale attempt
reporting failure after a newer attempt took the job, and a replayed Idempotency-Key after the report moved on."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from radpilot.service.jobs import PermanentJobError
from tests.service.conftest import CLEAN_FINDINGS, Service, make_service


@pytest.fixture(params=["sqlite", "postgresql"])
def svc(request: pytest.FixtureRequest) -> Iterator[Service]:
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    yield from make_service(url, job_max_attempts=2)


def test_parallel_study_creation_all_succeed_and_the_system_chain_verifies(svc: Service) -> None:
    codes: list[int] = []

    def create(i: int) -> None:
        body = {
            "accession": f"RACE{i:04d}",
            "exam": "XR CHEST 2 VIEWS",
            "modality": "CR",
            "patient": {"id": f"P{i}", "name": "Race^Test", "sex": "F", "birth_date": "1970-01-01"},
        }
        r = svc.client.post("/api/v1/studies", json=body, headers=svc.h("resident"))
        codes.append(r.status_code)

    threads = [threading.Thread(target=create, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes == [201] * 8
    from radpilot.service import audit

    with svc.db.read() as s:
        events = audit.events(s, "system")
        assert len(events) >= 8 and audit.verify_chain(events) == []


def test_a_stale_attempt_cannot_overwrite_the_newer_attempts_outcome(svc: Service) -> None:
    q = svc.client.app.state.radpilot.jobs  # type: ignore[attr-defined]
    q.handlers["noop"] = lambda queue, job: None
    with q.db.write() as s:
        first, _ = q.enqueue(s, "noop", {}, claimed=True)  # attempt 1, then presumed dead
    q.recover(stale_after=0)  # another process starts and queues it again
    second = q.claim(first.id)
    assert second is not None and second.attempts == 2
    q._failed(first, PermanentJobError("attempt 1 gives up late"))
    assert q.get(first.id).status == "running"  # still attempt 2's
    with q.db.write() as s:
        assert q.finish(s, second, {"report_id": 1})
    assert q.get(first.id).status == "succeeded"


def test_a_replayed_idempotency_key_answers_the_report_as_it_is_now(svc: Service) -> None:
    sid = svc.study()["id"]
    h = svc.h("resident") | {"Idempotency-Key": "replay-1"}
    r = svc.client.post(
        f"/api/v1/studies/{sid}/drafts?wait=false", json={"findings": CLEAN_FINDINGS}, headers=h
    )
    job_id = r.json()["job_id"]
    job: dict[str, Any] = {}
    for _ in range(200):
        job = svc.client.get(f"/api/v1/jobs/{job_id}", headers=svc.h("admin")).json()
        if job["status"] == "succeeded":
            break
        time.sleep(0.02)
    report_id = job["result"]["report_id"]
    signed = svc.client.post(f"/api/v1/reports/{report_id}/sign", headers=svc.h("radiologist"))
    assert signed.status_code == 200 and signed.json()["status"] == "final"
    again = svc.client.post(f"/api/v1/studies/{sid}/drafts", json={"findings": CLEAN_FINDINGS}, headers=h)
    assert again.status_code == 200
    assert again.json()["report_id"] == report_id and again.json()["status"] == "final"
    assert svc.client.app.state.radpilot.jobs.memo == {}  # type: ignore[attr-defined]
