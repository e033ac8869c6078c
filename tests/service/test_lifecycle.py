"""Lifecycle rules, on SQLite and (when configured) PostgreSQL: who may write and sign, the sign gate,
immutability of signed reports, addenda and amendments as linked versions."""

from __future__ import annotations

import pytest

from tests.service.conftest import CLEAN_FINDINGS, CRITICAL_FINDINGS, Service

SIZE_MISMATCH = ("There is a 5 mm nodule in the right upper lobe.", "5 cm right upper lobe nodule.")


def test_draft_contract(svc: Service) -> None:
    d = svc.draft(CLEAN_FINDINGS)
    for key in ("report_id", "status", "findings", "impression", "checks", "provenance"):
        assert key in d
    assert d["status"] == "draft"
    assert d["findings"] == CLEAN_FINDINGS
    assert d["impression"]
    assert all(p["source"] for p in d["provenance"])
    assert [v["kind"] for v in d["versions"]] == ["ai_draft"]


def test_resident_writes_preliminary_but_cannot_sign(svc: Service) -> None:
    rid = svc.draft()["report_id"]
    r = svc.client.put(
        f"/api/v1/reports/{rid}",
        json={
            "findings": CLEAN_FINDINGS + " Mild scoliosis.",
            "impression": "No acute disease.",
            "status": "preliminary",
        },
        headers=svc.h("resident"),
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "preliminary" and r.json()["version"] == 2
    assert svc.client.post(f"/api/v1/reports/{rid}/sign", headers=svc.h("resident")).status_code == 403
    back = svc.client.put(
        f"/api/v1/reports/{rid}",
        json={"findings": "x.", "impression": "y.", "status": "draft"},
        headers=svc.h("resident"),
    )
    assert back.status_code == 409
    signed = svc.client.post(f"/api/v1/reports/{rid}/sign", headers=svc.h("radiologist"))
    assert signed.status_code == 200
    body = signed.json()
    assert body["status"] == "final" and body["signed_by"] == svc.user_ids["radiologist"]
    assert [v["status"] for v in body["versions"]] == ["draft", "preliminary", "final"]
    assert body["findings"] == CLEAN_FINDINGS + " Mild scoliosis."


def test_edit_makes_a_new_version_and_reruns_checks(svc: Service) -> None:
    d = svc.draft()
    assert d["checks"] == []
    r = svc.client.put(
        f"/api/v1/reports/{d['report_id']}",
        json={"findings": SIZE_MISMATCH[0], "impression": SIZE_MISMATCH[1]},
        headers=svc.h("resident"),
    )
    body = r.json()
    assert body["version"] == 2 and body["status"] == "draft"
    assert [c["code"] for c in body["checks"]] == ["size_discrepancy"]
    assert body["blocking"][0]["code"] == "size_discrepancy"
    # The edited sentences are the radiologist's; version 1 is untouched.
    assert {p["source"] for p in body["provenance"]} == {"radiologist"}
    assert body["versions"][0]["content_hash"] == d["versions"][0]["content_hash"]


def test_sign_refused_while_a_blocking_check_is_open(svc: Service) -> None:
    rid = svc.draft()["report_id"]
    body = svc.client.put(
        f"/api/v1/reports/{rid}",
        json={"findings": SIZE_MISMATCH[0], "impression": SIZE_MISMATCH[1]},
        headers=svc.h("resident"),
    ).json()
    check_id = body["checks"][0]["id"]
    r = svc.client.post(f"/api/v1/reports/{rid}/sign", headers=svc.h("radiologist"))
    assert r.status_code == 409
    assert r.json()["detail"]
    assert [b["id"] for b in r.json()["blocking"]] == [check_id]
    after = svc.client.get(f"/api/v1/reports/{rid}", headers=svc.h("radiologist")).json()
    assert after["status"] == "draft" and after["version"] == 2  # nothing stored
    ack = svc.client.post(
        f"/api/v1/reports/{rid}/checks/{check_id}/acknowledge",
        json={"note": "size rechecked"},
        headers=svc.h("resident"),
    )
    assert ack.status_code == 200
    assert ack.json()["checks"][0]["acknowledged"] is True
    assert ack.json()["blocking"] == []
    assert svc.client.post(f"/api/v1/reports/{rid}/sign", headers=svc.h("radiologist")).status_code == 200


def test_acknowledgements_carry_over_an_edit_that_keeps_the_check(svc: Service) -> None:
    rid = svc.draft()["report_id"]
    body = svc.client.put(
        f"/api/v1/reports/{rid}",
        json={"findings": SIZE_MISMATCH[0], "impression": SIZE_MISMATCH[1]},
        headers=svc.h("resident"),
    ).json()
    cid = body["checks"][0]["id"]
    svc.client.post(f"/api/v1/reports/{rid}/checks/{cid}/acknowledge", headers=svc.h("resident"))
    again = svc.client.put(
        f"/api/v1/reports/{rid}",
        json={"findings": SIZE_MISMATCH[0], "impression": SIZE_MISMATCH[1], "status": "preliminary"},
        headers=svc.h("resident"),
    ).json()
    assert again["checks"][0]["acknowledged"] is True
    assert again["blocking"] == []


def test_acknowledge_unknown_check_is_404(svc: Service) -> None:
    rid = svc.draft()["report_id"]
    r = svc.client.post(f"/api/v1/reports/{rid}/checks/nope/acknowledge", headers=svc.h("resident"))
    assert r.status_code == 404


def test_sign_refused_until_critical_result_is_communicated(svc: Service) -> None:
    d = svc.draft(CRITICAL_FINDINGS)
    rid = d["report_id"]
    assert d["critical"] and d["critical"][0]["code"] == "pneumothorax"
    r = svc.client.post(f"/api/v1/reports/{rid}/sign", headers=svc.h("radiologist"))
    assert r.status_code == 409
    assert "critical_communication_missing" in [b["code"] for b in r.json()["blocking"]]
    # Acknowledging does not replace a communication record.
    crit_check = next(c for c in d["checks"] if c["code"] == "critical_not_communicated")
    ack = svc.client.post(
        f"/api/v1/reports/{rid}/checks/{crit_check['id']}/acknowledge", headers=svc.h("resident")
    )
    assert ack.status_code == 409
    comm = svc.client.post(
        f"/api/v1/reports/{rid}/critical-communications",
        json={
            "recipient": "Dr Ordering (ED)",
            "method": "phone",
            "time": "2024-03-01T10:15:00+01:00",
            "note": "read back",
        },
        headers=svc.h("resident"),
    )
    assert comm.status_code == 201
    assert comm.json()["recipient"] == "Dr Ordering (ED)"
    assert comm.json()["time"].startswith("2024-03-01T09:15:00")
    signed = svc.client.post(f"/api/v1/reports/{rid}/sign", headers=svc.h("radiologist"))
    assert signed.status_code == 200
    assert signed.json()["communications"][0]["method"] == "phone"


def test_final_report_is_immutable(svc: Service) -> None:
    rep = svc.signed()
    rid = rep["id"]
    put = svc.client.put(
        f"/api/v1/reports/{rid}", json={"findings": "x.", "impression": "y."}, headers=svc.h("radiologist")
    )
    assert put.status_code == 409
    assert "addendum" in put.json()["detail"]
    assert svc.client.post(f"/api/v1/reports/{rid}/sign", headers=svc.h("radiologist")).status_code == 409
    after = svc.client.get(f"/api/v1/reports/{rid}", headers=svc.h("radiologist")).json()
    assert after["version"] == rep["version"] and after["findings"] == rep["findings"]


def test_addendum_is_a_new_linked_version(svc: Service) -> None:
    rep = svc.signed()
    rid = rep["id"]
    r = svc.client.post(
        f"/api/v1/reports/{rid}/addenda",
        json={"text": "Comparison with prior: unchanged."},
        headers=svc.h("radiologist"),
    )
    assert r.status_code == 201
    body = r.json()
    assert body["status"] == "amended"
    assert body["addenda"][0]["text"] == "Comparison with prior: unchanged."
    assert body["findings"] == rep["findings"]
    last, prev = body["versions"][-1], body["versions"][-2]
    assert last["kind"] == "addendum" and prev["status"] == "final"
    assert prev["content_hash"] == rep["versions"][-1]["content_hash"]
    draft_only = svc.draft()["report_id"]
    assert (
        svc.client.post(
            f"/api/v1/reports/{draft_only}/addenda", json={"text": "x"}, headers=svc.h("radiologist")
        ).status_code
        == 409
    )


def test_amendment_is_a_new_signed_version(svc: Service) -> None:
    rid = svc.signed()["id"]
    r = svc.client.post(
        f"/api/v1/reports/{rid}/amendments",
        json={
            "findings": CLEAN_FINDINGS + " Old left rib fracture.",
            "impression": "No acute disease.",
            "reason": "missed finding",
            "status": "corrected",
        },
        headers=svc.h("radiologist"),
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "corrected"
    assert body["versions"][-1]["reason"] == "missed finding"
    assert [v["status"] for v in body["versions"]] == ["draft", "final", "corrected"]
    blocked = svc.client.post(
        f"/api/v1/reports/{rid}/amendments",
        json={"findings": SIZE_MISMATCH[0], "impression": SIZE_MISMATCH[1], "reason": "r"},
        headers=svc.h("radiologist"),
    )
    assert blocked.status_code == 409 and blocked.json()["blocking"]
    after = svc.client.get(f"/api/v1/reports/{rid}", headers=svc.h("radiologist")).json()
    assert after["status"] == "corrected" and after["version"] == body["version"]


def test_referrer_sees_signed_reports_only(svc: Service) -> None:
    draft = svc.draft()["report_id"]
    signed = svc.signed()["id"]
    assert svc.client.get(f"/api/v1/reports/{draft}", headers=svc.h("referrer")).status_code == 403
    assert svc.client.get(f"/api/v1/reports/{signed}", headers=svc.h("referrer")).status_code == 200


@pytest.mark.parametrize("role", ["radiologist", "resident"])
def test_both_writer_roles_can_draft(svc: Service, role: str) -> None:
    sid = svc.study()["id"]
    r = svc.client.post(
        f"/api/v1/studies/{sid}/drafts", json={"findings": CLEAN_FINDINGS}, headers=svc.h(role)
    )
    assert r.status_code == 201


def test_the_draft_answer_is_the_report_as_stored(svc: Service) -> None:
    """The draft response is built from the rows just written; it must equal what a read gives back."""
    from radpilot.service import audit, lifecycle

    for findings in (CLEAN_FINDINGS, CRITICAL_FINDINGS, SIZE_MISMATCH[0]):
        d = svc.draft(findings)
        assert d.pop("job_id")
        got = svc.client.get(f"/api/v1/reports/{d['report_id']}", headers=svc.h("radiologist"))
        assert got.status_code == 200
        assert got.json() == d
        with svc.db.read() as s:
            report = lifecycle.get_report(s, d["report_id"])
            events = audit.events(s, audit.report_chain(report.id))
            assert [e.action for e in events] == ["report.draft"]
            assert events[0].after_hash == lifecycle.state_hash(s, report)  # the state the event records
            assert audit.verify_report(s, report.id).valid
        assert bool(d["critical"]) == (findings == CRITICAL_FINDINGS)
