"""Concurrent writers: one signature wins, version numbers stay contiguous, the audit chain stays valid."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from radpilot.store.models import ReportVersion
from tests.service.conftest import CLEAN_FINDINGS, Service


def _parallel(n: int, fn: object) -> list[int]:
    results: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(n)

    def run(i: int) -> None:
        barrier.wait()
        status = fn(i)  # type: ignore[operator]
        with lock:
            results.append(status)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_concurrent_signatures_sign_once(svc: Service) -> None:
    rid = svc.draft()["report_id"]
    statuses = _parallel(
        6, lambda i: svc.client.post(f"/api/v1/reports/{rid}/sign", headers=svc.h("radiologist")).status_code
    )
    assert sorted(statuses) == [200, 409, 409, 409, 409, 409]
    with svc.db.read() as s:
        finals = s.scalar(
            select(func.count()).where(ReportVersion.report_id == rid, ReportVersion.status == "final")
        )
    assert finals == 1
    assert svc.client.get(f"/api/v1/reports/{rid}/audit/verify", headers=svc.h("radiologist")).json()["valid"]


def test_concurrent_edits_keep_versions_and_chain(svc: Service) -> None:
    rid = svc.draft()["report_id"]
    statuses = _parallel(
        6,
        lambda i: (
            svc.client.put(
                f"/api/v1/reports/{rid}",
                json={"findings": f"{CLEAN_FINDINGS} Edit {i}.", "impression": "No acute disease."},
                headers=svc.h("resident"),
            ).status_code
        ),
    )
    assert statuses == [200] * 6
    body = svc.client.get(f"/api/v1/reports/{rid}", headers=svc.h("radiologist")).json()
    assert [v["number"] for v in body["versions"]] == list(range(1, 8))
    audit = svc.client.get(f"/api/v1/reports/{rid}/audit", headers=svc.h("radiologist")).json()
    assert [e["seq"] for e in audit] == list(range(1, 8))
    assert svc.client.get(f"/api/v1/reports/{rid}/audit/verify", headers=svc.h("radiologist")).json()["valid"]
