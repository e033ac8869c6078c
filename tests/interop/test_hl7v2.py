from __future__ import annotations

from datetime import UTC, date, datetime

import hl7
import pytest

from radpilot.interop.hl7v2 import (
    HL7Error,
    ResultReport,
    build_ack,
    build_oru_r01,
    escape,
    handle_order_message,
    parse_ack,
    parse_order,
    parse_oru_r01,
)
from radpilot.interop.order import ImagingOrder, OrderingProvider, OrderPatient

from .hl7_messages import OBR, ORC, ORM, PID, orm, seg

NOW = datetime(2024, 3, 14, 10, 0, tzinfo=UTC)


def test_orm_o01_is_read() -> None:
    order = parse_order(ORM)
    assert order.accession == "ACC001" and order.accession_source == "OBR-18"
    assert (order.exam_code, order.exam_text, order.exam_coding_system) == (
        "71046",
        "XR CHEST 2 VIEWS",
        "CPT",
    )
    assert order.priority == "stat"  # OBR-27.6 wins over ORC-7.6
    assert order.indication == "Cough & fever; Rule out pneumonia"  # \T\ unescaped, repetitions joined
    assert order.ordering_provider == OrderingProvider("1234", "Smith", "John")
    p = order.patient
    assert (p.id, p.id_authority, p.family_name, p.given_name) == ("MRN123", "HOSP", "Doe", "Jane")
    assert (p.birth_date, p.sex, p.name) == (date(1970, 1, 1), "F", "Doe^Jane")
    assert (order.placer_order_number, order.filler_order_number, order.order_control) == ("PL1", "FI1", "NW")
    assert order.requested_at == datetime(2024, 3, 14, 8, 30)
    assert order.message_control_id == "ORM^O01:MSG0001"


def test_omi_o23_with_ipc_and_tq1() -> None:
    ipc = seg("IPC", {1: "ACC-IPC", 2: "REQ1", 3: "1.2.840.99.1", 4: "SPS1", 5: "CR"})
    tq1 = seg("TQ1", {1: "1", 7: "20240315120000+0100", 9: "A"})
    obr = OBR.replace("^^^^^S", "")
    order = parse_order(orm(PID, ORC, tq1, obr, ipc, message_type="OMI^O23^OMI_O23"))
    assert order.accession == "ACC-IPC" and order.accession_source == "IPC-1"
    assert order.study_instance_uid == "1.2.840.99.1" and order.modality == "CR"
    assert order.priority == "asap"
    assert order.requested_at is not None and order.requested_at.utcoffset() is not None


@pytest.mark.parametrize(
    ("obr_fields", "orc_fields", "expected", "source"),
    [
        ({18: "A18", 3: "F3", 2: "P2"}, {3: "OF3", 2: "OP2"}, "A18", "OBR-18"),
        ({3: "F3", 2: "P2"}, {3: "OF3", 2: "OP2"}, "F3", "OBR-3"),
        ({2: "P2"}, {3: "OF3", 2: "OP2"}, "OF3", "ORC-3"),
        ({2: "P2"}, {2: "OP2"}, "P2", "OBR-2"),
        ({}, {2: "OP2"}, "OP2", "ORC-2"),
    ],
)
def test_accession_precedence(
    obr_fields: dict[int, str], orc_fields: dict[int, str], expected: str, source: str
) -> None:
    obr = seg("OBR", {1: "1", 4: "71046^XR CHEST^CPT", **obr_fields})
    orc = seg("ORC", {1: "NW", **orc_fields})
    order = parse_order(orm(PID, orc, obr))
    assert (order.accession, order.accession_source) == (expected, source)


BAD_OBR = seg("OBR", {1: "1", 2: "PL1", 4: "71046^XR^CPT"})
# (message, MSA-1, ERR-2 location, ERR-3 code)
REFUSALS = [
    (orm(PID.replace("MRN123^^^HOSP^MR", ""), ORC, OBR), "AE", "PID^1^3", "101"),
    (orm(ORC, OBR), "AE", "PID^1", "100"),
    (orm(PID.replace("19700101", "1970-01-01"), ORC, OBR), "AE", "PID^1^7", "102"),
    (orm(PID.replace("|F", "|Q"), ORC, OBR), "AE", "PID^1^8", "103"),
    (orm(PID, ORC, OBR.replace("71046^XR CHEST 2 VIEWS^CPT", "")), "AE", "OBR^1^4", "101"),
    (orm(PID, ORC), "AE", "OBR^1", "100"),
    (orm(PID, ORC, OBR.replace("^^^^^S", "^^^^^Z")), "AE", "OBR^1^27^1^6", "103"),
    (orm(PID, seg("ORC", {1: "NW"}), seg("OBR", {1: "1", 4: "71046^XR^CPT"})), "AE", "OBR^1^18", "101"),
    (orm(PID, ORC, OBR, message_type="ADT^A01"), "AR", "MSH^1^9^1^1", "200"),
    (orm(PID, ORC, OBR, message_type="ORM^O02"), "AR", "MSH^1^9^1^2", "201"),
    (orm(PID, ORC, OBR, version="9.9"), "AR", "MSH^1^12", "203"),
    (orm(PID, ORC, OBR, control_id=""), "AE", "MSH^1^10", "101"),
]


@pytest.mark.parametrize(("message", "ack_code", "location", "code"), REFUSALS)
def test_refusals_name_the_field(message: str, ack_code: str, location: str, code: str) -> None:
    stored: list[ImagingOrder] = []
    order, ack_text = handle_order_message(message, stored.append, now=NOW)
    assert order is None and stored == []
    ack = hl7.parse(ack_text)
    assert str(ack.segment("MSA")(1)) == ack_code
    err = ack.segment("ERR")
    assert str(err(2)) == location
    assert str(err(3)(1)(1)) == code and str(err(3)(1)(3)) == "HL70357"
    assert str(err(4)) == "E" and str(err(8))


def test_not_hl7_gets_ar_without_echo() -> None:
    order, ack_text = handle_order_message("hello", lambda o: None, now=NOW)
    ack = parse_ack(ack_text)
    assert order is None and ack.code == "AR" and ack.acknowledged_control_id == ""


def test_accepted_order_gets_aa_echoing_msh10() -> None:
    stored: list[ImagingOrder] = []
    order, ack_text = handle_order_message(ORM, stored.append, now=NOW)
    ack = hl7.parse(ack_text)
    assert stored == [order]
    assert str(ack.segment("MSA")(1)) == "AA" and str(ack.segment("MSA")(2)) == "MSG0001"
    msh = ack.segment("MSH")
    assert str(msh(9)) == "ACK^O01^ACK" and str(msh(5)) == "RIS" and str(msh(6)) == "HOSP"
    with pytest.raises(KeyError):
        ack.segment("ERR")


def test_storage_failure_gets_ae_207() -> None:
    def fail(_: object) -> None:
        raise RuntimeError("database is down")

    _, ack_text = handle_order_message(ORM, fail, now=NOW)
    ack = parse_ack(ack_text)
    assert ack.code == "AE" and "207" in ack.errors[0]
    assert "database is down" not in ack_text  # no internals (or PHI) leak into the ACK


def test_build_ack_refuses_unknown_code() -> None:
    with pytest.raises(ValueError, match="MSA-1"):
        build_ack(ORM, "OK")


def test_escape_delimiters() -> None:
    assert escape("a|b^c~d\\e&f\ng") == "a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f\\.br\\g"


REPORT = ResultReport(
    patient=OrderPatient("MRN123", "HOSP", "Doe", "Jane", date(1970, 1, 1), "F"),
    accession="ACC001",
    exam_code="71046",
    exam_text="XR CHEST 2 VIEWS",
    exam_coding_system="CPT",
    sections={
        "findings": "Heart size is enlarged | borderline.\nNo effusion ^ no pneumothorax & no ~ edema \\ ok.",
        "impression": "1. Cardiomegaly.\n2. No acute process.",
    },
    placer_order_number="PL1",
    filler_order_number="FI1",
    interpreter=OrderingProvider("77", "Curie", "Marie"),
    ordering_provider=OrderingProvider("1234", "Smith", "John"),
    receiving_application="EHR",
)


@pytest.mark.parametrize(
    ("status", "obr25"), [("preliminary", "P"), ("final", "F"), ("corrected", "C"), ("amended", "C")]
)
def test_oru_r01_result_status(status: str, obr25: str) -> None:
    from dataclasses import replace

    text = build_oru_r01(replace(REPORT, status=status), control_id="ORU1", now=NOW)
    msg = hl7.parse(text)
    assert str(msg.segment("OBR")(25)) == obr25
    assert all(str(obx(11)) == obr25 for obx in msg.segments("OBX"))


def test_oru_r01_structure_and_escaping_round_trip() -> None:
    text = build_oru_r01(REPORT, control_id="ORU1", now=NOW)
    msg = hl7.parse(text)
    assert str(msg.segment("MSH")(9)) == "ORU^R01^ORU_R01" and str(msg.segment("MSH")(12)) == "2.5.1"
    obr = msg.segment("OBR")
    assert str(obr(18)) == "ACC001" and str(obr(4)) == "71046^XR CHEST 2 VIEWS^CPT" and str(obr(24)) == "RAD"
    assert str(obr(32)) == "77&Curie&Marie"
    obx = msg.segments("OBX")
    assert len(obx) == 4  # one TX OBX per line
    assert [str(o(2)) for o in obx] == ["TX"] * 4
    assert [str(o(3)(1)(1)) for o in obx] == ["18782-3", "18782-3", "19005-8", "19005-8"]
    assert [str(o(4)) for o in obx] == ["1", "1", "2", "2"]
    # the delimiters in the text did not break the segment structure
    assert all(len(o) <= 15 for o in obx)
    back = parse_oru_r01(text)
    assert back.sections == dict(REPORT.sections)
    assert (back.status, back.accession, back.patient_id, back.control_id) == (
        "final",
        "ACC001",
        "MRN123",
        "ORU1",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "signed"}, "report status"),
        ({"sections": {"opinion": "x"}}, "unknown report section"),
        ({"sections": {"findings": " "}}, "no text"),
        ({"accession": ""}, "accession"),
    ],
)
def test_oru_refuses_bad_reports(change: dict[str, object], message: str) -> None:
    from dataclasses import replace

    with pytest.raises(ValueError, match=message):
        build_oru_r01(replace(REPORT, **change))  # type: ignore[arg-type]


def test_hl7error_message_names_location() -> None:
    with pytest.raises(HL7Error, match=r"^PID\^1\^3: "):
        parse_order(orm(PID.replace("MRN123^^^HOSP^MR", ""), ORC, OBR))
