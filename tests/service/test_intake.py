"""Orders over HL7 v2 MLLP and images over DICOM C-STORE, into studies the API lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from radpilot.service.intake import Listeners, store_instance
from tests.service.conftest import Service

pytest.importorskip("pynetdicom")


@pytest.fixture
def listeners(lite: Service, tmp_path: Path) -> Iterator[Listeners]:
    lst = Listeners(lite.db, host="127.0.0.1", dicom_port=0, hl7_port=0, folder=tmp_path / "dicom").start()
    yield lst
    lst.stop()


def _segment(name: str, fields: dict[int, str]) -> str:
    return "|".join([name, *(fields.get(i, "") for i in range(1, max(fields) + 1))])


def _orm(accession: str, control: str) -> str:
    segments = [
        f"MSH|^~\\&|RIS|HOSP|RADPILOT|RAD|20240314090000||ORM^O01|{control}|P|2.5.1",
        _segment("PID", {1: "1", 3: "MRN123^^^HOSP^MR", 5: "Doe^Jane", 7: "19700101", 8: "F"}),
        _segment("ORC", {1: "NW", 2: "PL1", 3: "FI1", 7: "^^^^^R", 12: "999^Who^Doctor"}),
        _segment(
            "OBR",
            {
                1: "1",
                2: "PL1",
                3: "FI1",
                4: "71046^XR CHEST 2 VIEWS^CPT",
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
    sid = lite.study(accession=demo.accession_number)["id"]
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
