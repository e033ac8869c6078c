"""FHIR, HL7 and patient exports; the worklist order; metrics (edit distance, time and cost saved)."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.diagnosticreport import DiagnosticReport

from radpilot.interop.hl7v2 import parse_oru_r01
from radpilot.service.metrics import word_edit_distance, words
from tests.service.conftest import CLEAN_FINDINGS, CRITICAL_FINDINGS, Service


def test_fhir_diagnostic_report_validates(svc: Service) -> None:
    rep = svc.signed()
    r = svc.client.get(f"/api/v1/reports/{rep['id']}/fhir", headers=svc.h("referrer"))
    assert r.status_code == 200
    resource = DiagnosticReport.model_validate(r.json())
    assert resource.status == "final"
    assert resource.conclusion == rep["impression"]
    assert resource.identifier and resource.identifier[0].value == rep_accession(svc, rep)
    assert resource.presentedForm
    assert any(str(f.contentType).startswith("text/plain") for f in resource.presentedForm)


def rep_accession(svc: Service, rep: dict[str, object]) -> str:
    study = svc.client.get(f"/api/v1/studies/{rep['study_id']}", headers=svc.h("resident")).json()
    return str(study["accession"])


def test_addendum_is_appended_in_fhir_and_corrected_in_hl7(lite: Service) -> None:
    rid = lite.signed()["id"]
    lite.client.post(
        f"/api/v1/reports/{rid}/addenda",
        json={"text": "Spoke with clinician."},
        headers=lite.h("radiologist"),
    )
    fhir = lite.client.get(f"/api/v1/reports/{rid}/fhir", headers=lite.h("radiologist")).json()
    assert fhir["status"] == "appended"
    oru = parse_oru_r01(lite.client.get(f"/api/v1/reports/{rid}/hl7", headers=lite.h("radiologist")).text)
    assert oru.status == "corrected"
    assert "Spoke with clinician." in oru.sections["addendum"]


def test_hl7_oru(svc: Service) -> None:
    rep = svc.signed()
    r = svc.client.get(f"/api/v1/reports/{rep['id']}/hl7", headers=svc.h("radiologist"))
    assert r.status_code == 200
    assert r.text.startswith("MSH|")
    oru = parse_oru_r01(r.text)
    assert oru.status == "final"
    assert oru.accession == rep_accession(svc, rep)
    assert oru.sections["findings"].strip() == CLEAN_FINDINGS


def test_signed_exports_keep_the_order_as_signed(svc: Service) -> None:
    """The exports of a signed report say the exam, code and indication it was signed with, whatever happens
    to the order afterwards (here: the order row rewritten to a CT head, as an ORM once did)."""
    from sqlalchemy import update

    from radpilot.store.models import Order

    rep = svc.signed()
    rid = rep["id"]
    fhir_before = svc.client.get(f"/api/v1/reports/{rid}/fhir", headers=svc.h("radiologist")).json()
    accession = rep_accession(svc, rep)
    with svc.db.write() as s:
        s.execute(
            update(Order)
            .where(Order.accession == accession)
            .values(exam="CT HEAD", exam_code="70450", indication="headache")
        )
    fhir = svc.client.get(f"/api/v1/reports/{rid}/fhir", headers=svc.h("radiologist")).json()
    assert fhir == fhir_before
    assert fhir["code"]["text"] == "XR CHEST 2 VIEWS"
    hl7 = svc.client.get(f"/api/v1/reports/{rid}/hl7", headers=svc.h("radiologist")).text
    oru = parse_oru_r01(hl7)  # the examination section comes back as "technique" (LOINC 55111-9)
    assert oru.sections["technique"] == "XR CHEST 2 VIEWS" and oru.sections["indication"] == "cough"
    assert "CT HEAD" not in hl7 and "70450" not in hl7 and "headache" not in hl7
    # an amendment keeps the exam of the version it amends, not the order's
    r = svc.client.post(
        f"/api/v1/reports/{rid}/amendments",
        json={"findings": CLEAN_FINDINGS, "impression": "No acute disease.", "reason": "wording"},
        headers=svc.h("radiologist"),
    )
    assert r.status_code == 201, r.text
    amended = parse_oru_r01(svc.client.get(f"/api/v1/reports/{rid}/hl7", headers=svc.h("radiologist")).text)
    assert amended.sections["technique"] == "XR CHEST 2 VIEWS" and amended.sections["indication"] == "cough"
    verify = svc.client.get(f"/api/v1/reports/{rid}/audit/verify", headers=svc.h("radiologist")).json()
    assert verify["valid"], verify


def test_drafts_are_not_exported(lite: Service) -> None:
    rid = lite.draft()["report_id"]
    for fmt in ("fhir", "hl7"):
        assert (
            lite.client.get(f"/api/v1/reports/{rid}/{fmt}", headers=lite.h("radiologist")).status_code == 409
        )


def test_patient_version(lite: Service) -> None:
    rid = lite.signed(CRITICAL_FINDINGS.replace("Small right pneumothorax. ", ""))["id"]
    r = lite.client.get(f"/api/v1/reports/{rid}/patient", headers=lite.h("referrer"))
    assert r.status_code == 200
    body = r.json()
    assert body["sections"][0]["sentences"] and body["reading_grade"] is not None
    assert (
        lite.client.get(f"/api/v1/reports/{rid}/patient?lang=xx", headers=lite.h("referrer")).status_code
        == 422
    )


def test_worklist_order_critical_then_priority_then_wait(lite: Service) -> None:
    old_routine = lite.study(priority="routine")
    new_routine = lite.study(priority="routine")
    stat = lite.study(priority="stat")
    critical = lite.study(priority="routine")
    lite.draft(CRITICAL_FINDINGS, study=critical)
    signed = lite.signed()
    items = lite.client.get("/api/v1/worklist", headers=lite.h("radiologist")).json()
    ids = [i["study_id"] for i in items]
    assert ids == [critical["id"], stat["id"], old_routine["id"], new_routine["id"]]
    assert signed["study_id"] not in ids
    assert items[0]["critical"] is True and items[0]["status"] == "draft"
    assert items[1]["status"] == "unreported"
    drafts = lite.client.get("/api/v1/worklist?status=draft", headers=lite.h("radiologist")).json()
    assert [i["study_id"] for i in drafts] == [critical["id"]]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("", "", 0),
        ("no acute disease", "no acute disease", 0),
        ("no acute disease", "no acute cardiopulmonary disease", 1),
        ("small right effusion", "small left effusion", 1),
        ("a b c", "", 3),
        ("The lungs are clear.", "the lungs are clear .", 0),
        ("heart normal", "normal heart", 2),
    ],
)
def test_word_edit_distance(a: str, b: str, distance: int) -> None:
    assert word_edit_distance(words(a), words(b)) == distance
    assert word_edit_distance(words(b), words(a)) == distance


def test_metrics(lite: Service) -> None:
    # A template draft (no dictation): what the radiologist keeps is time saved.
    sid = lite.study()["id"]
    d = lite.client.post(f"/api/v1/studies/{sid}/drafts", json={}, headers=lite.h("resident")).json()
    assert d["provenance"][0]["source"] == "template"
    edited = d["findings"] + " Mild degenerative changes of the spine."
    lite.client.put(
        f"/api/v1/reports/{d['report_id']}",
        json={"findings": edited, "impression": d["impression"]},
        headers=lite.h("resident"),
    )
    assert (
        lite.client.post(f"/api/v1/reports/{d['report_id']}/sign", headers=lite.h("radiologist")).status_code
        == 200
    )
    lite.draft()  # an open draft
    m = lite.client.get("/api/v1/metrics", headers=lite.h("admin")).json()
    assert m["counts"]["signed"] == 1 and m["counts"]["by_status"] == {"final": 1, "draft": 1}
    assert m["counts"]["edited"] == 1 and m["counts"]["studies"] == 2
    assert m["edit_distance"]["words"]["median"] == len(words(" Mild degenerative changes of the spine."))
    assert m["turnaround_minutes"]["order_to_sign"]["count"] == 1
    saved = m["time_saved"]
    assert saved["hourly_rate_usd"] == 59.99
    assert saved["words_not_written"] == len(words(d["findings"] + "\n" + d["impression"]))
    assert saved["cost_usd"] == pytest.approx(saved["words_not_written"] / 3600 * 59.99, abs=0.01)
    doubled = lite.client.get("/api/v1/metrics?hourly_rate=119.98", headers=lite.h("admin")).json()
    assert doubled["time_saved"]["cost_usd"] == pytest.approx(2 * saved["cost_usd"], abs=0.02)
    assert lite.client.get("/api/v1/metrics?hourly_rate=-1", headers=lite.h("admin")).status_code == 422


def test_dictated_words_do_not_count_as_saved(lite: Service) -> None:
    lite.signed(CLEAN_FINDINGS)
    m = lite.client.get("/api/v1/metrics", headers=lite.h("admin")).json()
    impression_words = m["time_saved"]["words_not_written"]
    assert 0 < impression_words < len(words(CLEAN_FINDINGS))


def test_follow_ups_from_recommendations(lite: Service) -> None:
    d = lite.draft()
    rid = d["report_id"]
    lite.client.put(
        f"/api/v1/reports/{rid}",
        json={
            "findings": d["findings"],
            "impression": d["impression"],
            "recommendations": ["Follow-up chest CT in 3 months."],
        },
        headers=lite.h("resident"),
    )
    lite.client.post(f"/api/v1/reports/{rid}/sign", headers=lite.h("radiologist"))
    items = lite.client.get("/api/v1/follow-ups", headers=lite.h("referrer")).json()
    assert len(items) == 1 and items[0]["status"] == "open" and items[0]["due_date"]
    r = lite.client.patch(
        f"/api/v1/follow-ups/{items[0]['id']}", json={"status": "scheduled"}, headers=lite.h("referrer")
    )
    assert r.json()["status"] == "scheduled"
    assert (
        lite.client.patch(
            f"/api/v1/follow-ups/{items[0]['id']}", json={"status": "x"}, headers=lite.h("referrer")
        ).status_code
        == 422
    )
    assert (
        lite.client.patch(
            "/api/v1/follow-ups/999", json={"status": "open"}, headers=lite.h("referrer")
        ).status_code
        == 404
    )
