"""Orders over HL7 v2 MLLP and images over DICOM C-STORE, into studies the API lists."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom.dataset import Dataset
from sqlalchemy import select

from radpilot.interop.hl7v2 import AckResult, parse_ack
from radpilot.service.intake import Listeners, store_instance
from radpilot.store.models import AuditEvent, Instance, Order, Patient, Series, Study
from tests.service.conftest import Service

pytest.importorskip("pynetdicom")


@pytest.fixture
def listeners(lite: Service, tmp_path: Path) -> Iterator[Listeners]:
    lst = Listeners(lite.db, host="127.0.0.1", dicom_port=0, hl7_port=0, folder=tmp_path / "dicom").start()
    yield lst
    lst.stop()


def _segment(name: str, fields: dict[int, str]) -> str:
    return "|".join([name, *(fields.get(i, "") for i in range(1, max(fields) + 1))])


def _orm(
    accession: str,
    control: str,
    *,
    mrn: str = "MRN123",
    exam: str = "71046^XR CHEST 2 VIEWS^CPT",
    order_control: str = "NW",
) -> str:
    segments = [
        f"MSH|^~\\&|RIS|HOSP|RADPILOT|RAD|20240314090000||ORM^O01|{control}|P|2.5.1",
        _segment("PID", {1: "1", 3: f"{mrn}^^^HOSP^MR", 5: "Doe^Jane", 7: "19700101", 8: "F"}),
        _segment("ORC", {1: order_control, 2: "PL1", 3: "FI1", 7: "^^^^^R", 12: "999^Who^Doctor"}),
        _segment(
            "OBR",
            {
                1: "1",
                2: "PL1",
                3: "FI1",
                4: exam,
                6: "20240314083000",
                16: "1234^Smith^John",
                18: accession,
                27: "^^^^^S",
                31: "^Cough~^Rule out pneumonia",
            },
        ),
    ]
    return "\r".join(segments) + "\r"


def test_hl7_order_creates_a_study(lite: Service, listeners: Listeners) -> None:
    from radpilot.interop.hl7v2 import parse_ack
    from radpilot.interop.mllp import MLLPClient

    host, port = listeners.mllp.address
    with MLLPClient(host, port) as client:
        ack = parse_ack(client.send(_orm("ACC777", "C1")))
        again = parse_ack(client.send(_orm("ACC777", "C2")))  # an update of the same order
        bad = parse_ack(client.send("MSH|^~\\&|X\rPID|1\r"))
    assert ack.code == "AA" and again.code == "AA"
    assert bad.code in ("AE", "AR")
    studies = lite.client.get("/api/v1/studies?accession=ACC777", headers=lite.h("resident")).json()
    assert len(studies) == 1
    s = studies[0]
    assert s["exam"] == "XR CHEST 2 VIEWS" and s["priority"] == "stat"
    assert s["patient"]["id"] == "MRN123" and s["indication"]


def test_c_store_files_the_instance_once_under_its_order(
    lite: Service, listeners: Listeners, tmp_path: Path
) -> None:
    from pynetdicom import AE

    from radpilot.interop.demo_study import build_demo_study

    demo = build_demo_study()
    sid = lite.study(accession=demo.accession_number, patient={"id": demo.patient_id})["id"]
    ae = AE(ae_title="MODALITY")
    ae.add_requested_context(demo.dataset.SOPClassUID, demo.dataset.file_meta.TransferSyntaxUID)
    host, port = listeners.scp.address
    for _ in range(2):  # the second store of the same instance is accepted and not filed again
        assoc = ae.associate(host, port, ae_title="RADPILOT")
        assert assoc.is_established
        assert int(assoc.send_c_store(demo.dataset).Status) == 0
        assoc.release()
    study = lite.client.get(f"/api/v1/studies/{sid}", headers=lite.h("resident")).json()
    assert study["instances"] == 1
    assert study["study_instance_uid"] == demo.study_instance_uid
    files = list((tmp_path / "dicom").rglob("*.dcm"))
    assert [f.name for f in files] == [f"{demo.sop_instance_uid}.dcm"]


def test_instance_without_an_order_creates_its_study(lite: Service, tmp_path: Path) -> None:
    from radpilot.interop.demo_study import build_demo_study

    demo = build_demo_study(seed="no-order")
    inst, created = store_instance(lite.db, tmp_path, demo.dataset)
    assert created
    assert store_instance(lite.db, tmp_path, demo.dataset) == (inst, False)
    listed = lite.client.get(
        f"/api/v1/studies?accession={demo.accession_number}", headers=lite.h("resident")
    ).json()
    assert listed[0]["instances"] == 1 and listed[0]["modality"] == demo.dataset.Modality


def _send(listeners: Listeners, *messages: str) -> list[AckResult]:
    from radpilot.interop.mllp import MLLPClient

    host, port = listeners.mllp.address
    with MLLPClient(host, port) as client:
        return [parse_ack(client.send(m)) for m in messages]


def _rows(lite: Service) -> dict[str, list[tuple[object, ...]]]:
    """Every patient, order and study row, to show that a refused message changed nothing."""
    with lite.db.read() as s:
        return {
            "patients": [tuple(r) for r in s.execute(select(Patient.mrn, Patient.name))],
            "orders": [
                tuple(r)
                for r in s.execute(
                    select(Order.accession, Order.exam, Order.exam_code, Order.indication, Order.patient_id)
                )
            ],
            "studies": [tuple(r) for r in s.execute(select(Study.id, Study.order_id, Study.patient_id))],
        }


def _sign(lite: Service, accession: str) -> int:
    study = lite.client.get(f"/api/v1/studies?accession={accession}", headers=lite.h("resident")).json()[0]
    rid = int(lite.draft(study=study)["report_id"])
    r = lite.client.post(f"/api/v1/reports/{rid}/sign", headers=lite.h("radiologist"))
    assert r.status_code == 200, r.text
    return rid


def test_order_for_the_accession_of_another_patient_is_refused(lite: Service, listeners: Listeners) -> None:
    [first] = _send(listeners, _orm("ACC-PAT", "P1"))
    assert first.code == "AA"
    before = _rows(lite)
    [other] = _send(listeners, _orm("ACC-PAT", "P2", mrn="MRN-OTHER", exam="70450^CT HEAD^CPT"))
    assert other.code == "AE"
    [error] = other.errors
    assert error.startswith("PID^1^3 205") and "OBR-18" in error and "MRN-OTHER" in error
    assert _rows(lite) == before  # no patient MRN-OTHER, the order still the chest X-ray of MRN123


def test_order_change_after_signing_is_refused_and_an_identical_repeat_accepted(
    lite: Service, listeners: Listeners
) -> None:
    [created] = _send(listeners, _orm("ACC-SIGNED", "S1"))
    assert created.code == "AA"
    rid = _sign(lite, "ACC-SIGNED")
    fhir = lite.client.get(f"/api/v1/reports/{rid}/fhir", headers=lite.h("radiologist")).json()
    before = _rows(lite)
    changed, repeat = _send(
        listeners, _orm("ACC-SIGNED", "S2", exam="70450^CT HEAD^CPT"), _orm("ACC-SIGNED", "S3")
    )
    assert changed.code == "AE"
    [error] = changed.errors
    assert error.startswith("OBR^1^18 206") and "signed (final)" in error
    assert "exam (OBR-4)" in error and "amendment" in error
    assert repeat.code == "AA"  # the same order again changes nothing
    assert _rows(lite) == before
    assert lite.client.get(f"/api/v1/reports/{rid}/fhir", headers=lite.h("radiologist")).json() == fhir
    study = lite.client.get("/api/v1/studies?accession=ACC-SIGNED", headers=lite.h("resident")).json()[0]
    assert study["exam"] == "XR CHEST 2 VIEWS" and study["exam_code"] == "71046"


def test_order_change_before_signing_updates_the_order(lite: Service, listeners: Listeners) -> None:
    acks = _send(listeners, _orm("ACC-OPEN", "O1"), _orm("ACC-OPEN", "O2", exam="71045^XR CHEST 1 VIEW^CPT"))
    assert [a.code for a in acks] == ["AA", "AA"]
    study = lite.client.get("/api/v1/studies?accession=ACC-OPEN", headers=lite.h("resident")).json()[0]
    assert study["exam"] == "XR CHEST 1 VIEW" and study["exam_code"] == "71045"


def _study(lite: Service, accession: str) -> dict[str, object]:
    [study] = lite.client.get(f"/api/v1/studies?accession={accession}", headers=lite.h("resident")).json()
    return dict(study)


def test_cancel_takes_the_order_off_the_worklist(lite: Service, listeners: Listeners) -> None:
    def on_worklist() -> list[str]:
        items = lite.client.get("/api/v1/worklist", headers=lite.h("radiologist")).json()
        return [i["accession"] for i in items]

    [created] = _send(listeners, _orm("ACC-CA", "C1"))
    assert created.code == "AA" and "ACC-CA" in on_worklist()
    cancel, again = _send(
        listeners, _orm("ACC-CA", "C2", order_control="CA"), _orm("ACC-CA", "C3", order_control="CA")
    )
    assert cancel.code == "AA" and again.code == "AA"  # a repeated cancel changes nothing
    study = _study(lite, "ACC-CA")
    assert study["cancelled_at"] and "ACC-CA" not in on_worklist()
    r = lite.client.post(f"/api/v1/studies/{study['id']}/drafts", json={}, headers=lite.h("resident"))
    assert r.status_code == 409 and "cancelled" in r.json()["detail"]
    [renewed] = _send(listeners, _orm("ACC-CA", "C4"))  # the cancelled accession is not ordered again
    assert renewed.code == "AE"
    assert renewed.errors[0].startswith("OBR^1^18 206") and "cancelled" in renewed.errors[0]
    with lite.db.read() as s:
        actions = [e.action for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
    assert actions.count("order.cancel") == 1


@pytest.mark.parametrize("control", ["DC", "OC"])
def test_discontinue_and_order_cancelled_also_cancel(
    lite: Service, listeners: Listeners, control: str
) -> None:
    acks = _send(listeners, _orm("ACC-DC", "D1"), _orm("ACC-DC", "D2", order_control=control))
    assert [a.code for a in acks] == ["AA", "AA"]
    assert _study(lite, "ACC-DC")["cancelled_at"]


def test_cancel_of_an_unknown_or_signed_order_is_refused(lite: Service, listeners: Listeners) -> None:
    [created] = _send(listeners, _orm("ACC-CS", "K1"))
    assert created.code == "AA"
    _sign(lite, "ACC-CS")
    before = _rows(lite)
    unknown, signed = _send(
        listeners, _orm("ACC-NONE", "K2", order_control="CA"), _orm("ACC-CS", "K3", order_control="DC")
    )
    assert unknown.code == "AE" and unknown.errors[0].startswith("OBR^1^18 204")
    assert "no order with accession 'ACC-NONE'" in unknown.errors[0]
    assert signed.code == "AE" and signed.errors[0].startswith("ORC^1^1 206")
    assert "signed (final)" in signed.errors[0]
    assert _rows(lite) == before
    assert _study(lite, "ACC-CS")["cancelled_at"] is None


@pytest.mark.parametrize("control", ["ZZ", "ca", "NEW"])
def test_order_control_outside_table_0119_is_refused(
    lite: Service, listeners: Listeners, control: str
) -> None:
    before = _rows(lite)
    [ack] = _send(listeners, _orm("ACC-ZZ", "Z1", order_control=control))
    assert ack.code == "AE"
    assert ack.errors[0].startswith("ORC^1^1 103") and "Table 0119" in ack.errors[0]
    assert _rows(lite) == before


def _c_store(listeners: Listeners, ds: Dataset) -> tuple[int, str | None]:
    """C-STORE one data set to the listeners' SCP: (status, Error Comment)."""
    from pynetdicom import AE

    ae = AE(ae_title="MODALITY")
    ae.add_requested_context(ds.SOPClassUID, ds.file_meta.TransferSyntaxUID)
    host, port = listeners.scp.address
    assoc = ae.associate(host, port, ae_title="RADPILOT")
    assert assoc.is_established
    try:
        rsp = assoc.send_c_store(ds)
    finally:
        assoc.release()
    comment = rsp.get("ErrorComment")
    return int(rsp.Status), str(comment) if comment is not None else None


def _instances(lite: Service) -> list[tuple[object, ...]]:
    with lite.db.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(Instance.sop_instance_uid, Series.series_instance_uid, Series.study_id).join(
                    Series, Series.id == Instance.series_id
                )
            )
        ]


def test_c_store_of_another_patient_under_an_accession_is_refused(
    lite: Service, listeners: Listeners
) -> None:
    from radpilot.interop.demo_study import build_demo_study

    demo = build_demo_study(seed="other-patient")
    sid = lite.study(accession=demo.accession_number)["id"]  # ordered for MRN<n>, not the image's patient
    before = _rows(lite)
    assert _c_store(listeners, demo.dataset) == (
        0xC000,
        "PatientID differs from the patient of this AccessionNumber",
    )
    assert _rows(lite) == before and _instances(lite) == []
    study = lite.client.get(f"/api/v1/studies/{sid}", headers=lite.h("resident")).json()
    assert study["instances"] == 0 and study["study_instance_uid"] is None


def test_c_store_with_the_study_uid_of_another_study_is_refused(lite: Service, listeners: Listeners) -> None:
    from radpilot.interop.demo_study import build_demo_study

    first, second = build_demo_study(seed="uid-a"), build_demo_study(seed="uid-b")
    patient = {"id": first.patient_id}
    lite.study(accession=first.accession_number, patient=patient, study_instance_uid=first.study_instance_uid)
    lite.study(accession=second.accession_number, patient=patient)
    before = _rows(lite)
    ds = second.dataset  # the accession of the second order with the study of the first
    ds.PatientID = first.patient_id
    ds.StudyInstanceUID = first.study_instance_uid
    assert _c_store(listeners, ds) == (
        0xC000,
        "StudyInstanceUID belongs to the study of another AccessionNumber",
    )
    ds.StudyInstanceUID = "2.25.1234567890"  # nor a UID other than the one ordered for the accession
    ds.AccessionNumber = first.accession_number
    assert _c_store(listeners, ds) == (
        0xC000,
        "StudyInstanceUID differs from the study of this AccessionNumber",
    )
    assert _rows(lite) == before and _instances(lite) == []


def test_c_store_of_a_series_uid_of_another_study_is_refused(lite: Service, listeners: Listeners) -> None:
    from radpilot.interop.demo_study import build_demo_study

    first, second = build_demo_study(seed="series-a"), build_demo_study(seed="series-b")
    assert _c_store(listeners, first.dataset) == (0x0000, None)
    before, instances = _rows(lite), _instances(lite)
    ds = second.dataset  # a new study, accession and patient, but the first study's series
    ds.SeriesInstanceUID = first.dataset.SeriesInstanceUID
    assert _c_store(listeners, ds) == (0xC000, "SeriesInstanceUID belongs to another study")
    assert _rows(lite) == before and _instances(lite) == instances  # no order, study or patient for it


def _left_on_disk(folder: Path) -> list[str]:
    """Every file and study folder under the DICOM folder but the (empty) incoming folder."""
    incoming = folder / ".incoming"
    assert not incoming.exists() or not any(incoming.iterdir())
    return sorted(str(p.relative_to(folder)) for p in folder.glob("**/*") if p != incoming)


def test_an_instance_whose_fallback_accession_is_taken_is_refused_and_leaves_no_file(
    lite: Service, listeners: Listeners, tmp_path: Path
) -> None:
    from radpilot.interop.demo_study import build_demo_study

    uid = "2.25.424242424242"
    lite.study(accession=uid)  # an order whose accession happens to be the instance's StudyInstanceUID
    before = _rows(lite)
    ds = build_demo_study(seed="orphan").dataset
    ds.StudyInstanceUID = uid
    del ds.AccessionNumber
    assert _c_store(listeners, ds) == (0xC000, "no AccessionNumber; the StudyInstanceUID is an accession")
    assert _rows(lite) == before and _instances(lite) == []
    assert _left_on_disk(tmp_path / "dicom") == []


def test_native_pixels_under_a_compressed_transfer_syntax_are_refused(
    lite: Service, listeners: Listeners, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from pydicom.uid import JPEGBaseline8Bit

    from radpilot.interop.demo_study import build_demo_study

    ds = build_demo_study(seed="jpeg-ts").dataset
    ds.file_meta.TransferSyntaxUID = JPEGBaseline8Bit  # the pixels stay native, not encapsulated
    assert _c_store(listeners, ds) == (0xC000, "the data set cannot be written as a DICOM file (ValueError)")
    assert _instances(lite) == [] and _left_on_disk(tmp_path / "dicom") == []
    assert "encapsulated" not in caplog.text and "Traceback" not in caplog.text


def _db_error(kind: type[Exception]) -> Exception:
    from sqlalchemy.exc import DBAPIError

    secret = "INSERT INTO patients (mrn, name) VALUES (?, ?) [parameters: ('MRN-SECRET', 'Secret^Sven')]"
    if issubclass(kind, DBAPIError):
        return kind(secret, ("MRN-SECRET", "Secret^Sven"), Exception(secret))
    return kind(secret)


@pytest.mark.parametrize(
    ("error", "status", "comment", "logged"),
    [
        ("OperationalError", 0xA700, "database unavailable (OperationalError); send again later", "0xA700"),
        ("IntegrityError", 0xC000, "conflicts with a stored order, study or series", "0xC000"),
        # a fault of ours: its type and the frames where it happened, for the developer
        ("RuntimeError", 0x0110, "internal error; see the receiver's log", "RuntimeError\n  File"),
    ],
)
def test_a_failed_store_answers_by_what_the_sender_can_do_and_logs_no_values(
    lite: Service,
    listeners: Listeners,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    error: str,
    status: int,
    comment: str,
    logged: str,
) -> None:
    """A database that is busy or away is worth retrying (0xA700); a conflict or a fault of ours is not. The
    file written before the failure is removed, and the log has the exception's type, not its message."""
    import sqlalchemy.exc

    from radpilot.interop.demo_study import build_demo_study
    from radpilot.service import intake

    kind = getattr(sqlalchemy.exc, error, None) or RuntimeError
    # (the refusal is a warning: caught whatever level an earlier test left the root logger at)
    caplog.set_level(logging.INFO, logger="radpilot")

    def failing(db: object, work: object) -> object:
        raise _db_error(kind)

    monkeypatch.setattr(intake, "_retry_unique", failing)
    assert _c_store(listeners, build_demo_study(seed=f"fail-{error}").dataset) == (status, comment)
    assert _left_on_disk(tmp_path / "dicom") == []
    assert "MRN-SECRET" not in caplog.text and "Secret^Sven" not in caplog.text
    assert logged in caplog.text


def test_a_file_that_did_not_reach_its_place_is_written_by_the_next_attempt(
    lite: Service, listeners: Listeners, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows first, then the file: a move that fails after the commit (or a process stopped between the two)
    leaves the row without its file, and the sender's retry of the 0xA700 writes it."""
    from radpilot.interop.demo_study import build_demo_study
    from radpilot.service import intake

    demo = build_demo_study(seed="late-file")
    move = intake._move_into_place

    def full_disk(tmp: Path, path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(intake, "_move_into_place", full_disk)
    assert _c_store(listeners, demo.dataset) == (0xA700, "out of resources (OSError)")
    assert len(_instances(lite)) == 1 and not list((tmp_path / "dicom").rglob("*.dcm"))
    monkeypatch.setattr(intake, "_move_into_place", move)
    assert _c_store(listeners, demo.dataset) == (0x0000, None)
    assert len(_instances(lite)) == 1
    assert [f.name for f in (tmp_path / "dicom").rglob("*.dcm")] == [f"{demo.sop_instance_uid}.dcm"]


def test_a_repeated_message_is_answered_from_the_received_log_and_not_applied_again(
    lite: Service, listeners: Listeners, tmp_path: Path
) -> None:
    """A sender that lost our ACK sends the message again with the same MSH-10: it gets the same ACK, and the
    order is not processed (nor audited) twice, also after the listeners restart."""
    from radpilot.interop.mllp import MLLPClient

    def send_twice(lst: Listeners) -> list[str]:
        host, port = lst.mllp.address
        with MLLPClient(host, port) as client:
            return [client.send(_orm("ACC-DUP", "DUP1")) for _ in range(2)]

    def order_events() -> list[str]:
        with lite.db.read() as s:
            return [e.action for e in s.scalars(select(AuditEvent)) if e.action.startswith("order.")]

    first, repeat = send_twice(listeners)
    assert parse_ack(first).code == "AA" and repeat == first
    assert order_events() == ["order.create"]
    listeners.stop()
    restarted = Listeners(lite.db, host="127.0.0.1", hl7_port=0, folder=tmp_path / "dicom").start()
    try:
        assert send_twice(restarted) == [first, first]
    finally:
        restarted.stop()
    assert order_events() == ["order.create"]
