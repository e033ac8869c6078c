"""The audit trail: every change is an event; the chain verifies, and stops verifying after tampering."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.service.conftest import CRITICAL_FINDINGS, Service


def _flow(svc: Service) -> int:
    d = svc.draft(CRITICAL_FINDINGS)
    rid = int(d["report_id"])
    svc.client.put(
        f"/api/v1/reports/{rid}",
        json={
            "findings": CRITICAL_FINDINGS,
            "impression": "Small right pneumothorax.",
            "status": "preliminary",
        },
        headers=svc.h("resident"),
    )
    svc.client.post(
        f"/api/v1/reports/{rid}/critical-communications",
        json={"recipient": "Dr A", "method": "page", "time": "2024-01-01T08:00:00Z"},
        headers=svc.h("resident"),
    )
    assert svc.client.post(f"/api/v1/reports/{rid}/sign", headers=svc.h("radiologist")).status_code == 200
    svc.client.post(
        f"/api/v1/reports/{rid}/addenda", json={"text": "Addendum."}, headers=svc.h("radiologist")
    )
    return rid


def test_every_change_is_an_event_in_a_chain(svc: Service) -> None:
    rid = _flow(svc)
    events = svc.client.get(f"/api/v1/reports/{rid}/audit", headers=svc.h("radiologist")).json()
    assert [e["action"] for e in events] == [
        "report.draft",
        "report.preliminary",
        "critical.communicate",
        "report.sign",
        "report.addendum",
    ]
    assert [e["seq"] for e in events] == [1, 2, 3, 4, 5]
    assert events[0]["prev_hash"] == "0" * 64
    for before, after in itertools.pairwise(events):
        assert after["prev_hash"] == before["hash"]
        assert after["before_hash"] == before["after_hash"]  # each change starts where the last one ended
    for e in events:
        assert e["actor"].startswith("user:") and e["at"] and len(e["hash"]) == 64
    verify = svc.client.get(f"/api/v1/reports/{rid}/audit/verify", headers=svc.h("admin")).json()
    assert verify == {"valid": True, "events": 5, "errors": []}


def test_audit_log_refuses_update_and_delete(svc: Service) -> None:
    rid = _flow(svc)
    for sql in ("UPDATE audit_events SET actor = 'mallory'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), svc.db.write() as s:
            s.execute(text(sql))
    assert (
        svc.client.get(f"/api/v1/reports/{rid}/audit/verify", headers=svc.h("admin")).json()["valid"] is True
    )


def _drop_guards(svc: Service) -> None:
    with svc.db.write() as s:
        if svc.db.is_sqlite:
            s.execute(text("DROP TRIGGER audit_events_no_update"))
            s.execute(text("DROP TRIGGER audit_events_no_delete"))
        else:
            s.execute(text("DROP TRIGGER audit_events_no_update ON audit_events"))


@pytest.mark.parametrize(
    ("sql", "error"),
    [
        (
            "UPDATE audit_events SET actor = 'user:99:mallory:radiologist' WHERE seq = 2 AND report_id = :rid",
            "changed",
        ),
        ("DELETE FROM audit_events WHERE seq = 3 AND report_id = :rid", "missing"),
        (
            "UPDATE audit_events SET at = '2020-01-01T00:00:00+00:00' WHERE seq = 1 AND report_id = :rid",
            "changed",
        ),
    ],
)
def test_tampering_with_events_breaks_verification(svc: Service, sql: str, error: str) -> None:
    rid = _flow(svc)
    _drop_guards(svc)
    with svc.db.write() as s:
        s.execute(text(sql), {"rid": rid})
    out = svc.client.get(f"/api/v1/reports/{rid}/audit/verify", headers=svc.h("admin")).json()
    assert out["valid"] is False
    assert any(error in e for e in out["errors"]), out["errors"]


def test_tampering_with_a_signed_version_breaks_verification(svc: Service) -> None:
    rid = _flow(svc)
    with svc.db.write() as s:
        s.execute(
            text(
                "UPDATE report_versions SET impression = 'No pneumothorax.' WHERE report_id = :rid AND status = 'final'"
            ),
            {"rid": rid},
        )
    out = svc.client.get(f"/api/v1/reports/{rid}/audit/verify", headers=svc.h("radiologist")).json()
    assert out["valid"] is False
    assert any("content hash" in e for e in out["errors"])


def test_changing_the_exam_a_report_was_signed_with_breaks_verification(svc: Service) -> None:
    rid = _flow(svc)
    with svc.db.write() as s:
        s.execute(
            text("UPDATE report_versions SET exam = 'CT HEAD' WHERE report_id = :rid AND status = 'final'"),
            {"rid": rid},
        )
    out = svc.client.get(f"/api/v1/reports/{rid}/audit/verify", headers=svc.h("radiologist")).json()
    assert out["valid"] is False
    assert any("content hash" in e for e in out["errors"])


def test_versions_without_the_order_as_signed_hash_as_before() -> None:
    """Versions stored before migration 0002 have no exam copy; their content hash must cover what it did."""
    from radpilot.service.audit import version_content
    from radpilot.store.models import ReportVersion

    legacy = ReportVersion(report_id=1, number=3, status="final", kind="sign", findings="F.", impression="I.")
    assert set(version_content(legacy)) == {
        "report_id", "number", "status", "kind", "findings", "impression", "recommendations", "addenda",
        "author_id", "parent_id", "reason",
    }  # fmt: skip
    legacy.exam, legacy.exam_code, legacy.indication = "XR CHEST", "71046", "cough"
    assert version_content(legacy)["exam"] == "XR CHEST"


def test_a_version_missing_from_the_chain_breaks_verification(lite: Service) -> None:
    rid = _flow(lite)
    with lite.db.write() as s:
        s.execute(
            text(
                "INSERT INTO report_versions (report_id, number, status, kind, findings, impression, recommendations,"
                " addenda, provenance, extra, created_at, content_hash) SELECT report_id, 99, status, kind, findings,"
                " impression, recommendations, addenda, provenance, extra, created_at, content_hash FROM report_versions"
                " WHERE report_id = :rid AND number = 1"
            ),
            {"rid": rid},
        )
    out = lite.client.get(f"/api/v1/reports/{rid}/audit/verify", headers=lite.h("radiologist")).json()
    assert out["valid"] is False
