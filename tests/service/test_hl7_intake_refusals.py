"""The service's MLLP listener (what `radpilot serve --hl7-port` starts) refuses what the REST API refuses,
bytes that are not text in the message's character set, and two messages in one block, storing nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from radpilot.interop.hl7v2 import AckResult, parse_ack
from radpilot.interop.mllp import MLLPClient
from radpilot.service.intake import Listeners
from radpilot.store.models import Order, Patient, Study
from tests.interop.hl7_messages import OBR, ORC, ORM, PID, orm, seg
from tests.service.conftest import Service


@pytest.fixture
def listener(lite: Service, tmp_path: Path) -> Iterator[Listeners]:
    lst = Listeners(lite.db, host="127.0.0.1", hl7_port=0, folder=tmp_path / "dicom").start()
    yield lst
    lst.stop()


def _send(listener: Listeners, message: str, encoding: str = "utf-8") -> AckResult:
    with MLLPClient(*listener.mllp.address, encoding=encoding) as client:
        return parse_ack(client.send(message))


def _rows(lite: Service) -> list[int]:
    """How many patients, orders and studies the database holds."""
    with lite.db.read() as s:
        return [s.scalar(select(func.count()).select_from(t)) or 0 for t in (Patient, Order, Study)]


OMI = "OMI^O23^OMI_O23"
IPC = seg("IPC", {1: "ACC-IPC", 3: "1.2.840.99.1", 5: "CR"})
REFUSED = [
    ("accession 300 characters", orm(PID, ORC, OBR.replace("ACC001", "A" * 300)), "utf-8", "OBR^1^18 102"),
    ("MRN 500 characters", orm(PID.replace("MRN123", "M" * 500), ORC, OBR), "utf-8", "PID^1^3 102"),
    (
        "indication 1,000,000 characters",
        orm(PID, ORC, OBR.replace("^Rule out pneumonia", "^" + "x" * 1_000_000)),
        "utf-8",
        "OBR^1^31 102",
    ),
    (
        "name with NUL and BEL",
        orm(PID.replace("Doe^Jane", "Do\x00e^Ja\x07ne"), ORC, OBR),
        "utf-8",
        "PID^1^5 102",
    ),
    ("ZDS-1 not a UID", orm(PID, ORC, OBR, seg("ZDS", {1: "not a uid"})), "utf-8", "ZDS^1^1 102"),
    (
        "IPC-5 modality that was cut to 16",
        orm(PID, ORC, OBR, IPC.replace("|CR", "|CRXX_TOO_LONG_MODALITY_VALUE"), message_type=OMI),
        "utf-8",
        "IPC^1^5 102",
    ),
    ("invalid UTF-8 in PID-5", orm(PID.replace("Doe", "D\xff\xfe\xc3"), ORC, OBR), "latin-1", "PID^1^5 102"),
    (
        "two messages in one block",
        ORM + ORM.replace("MSG0001", "MSG0002").replace("ACC001", "ACC002"),
        "utf-8",
        "MSH^2 100",
    ),
]


@pytest.mark.parametrize(
    ("message", "encoding", "error"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_a_refused_order_stores_nothing(
    lite: Service, listener: Listeners, message: str, encoding: str, error: str
) -> None:
    ack = _send(listener, message, encoding)
    assert ack.code in ("AE", "AR") and ack.acknowledged_control_id == "MSG0001"
    assert ack.errors[0].startswith(error)
    assert _rows(lite) == [0, 0, 0]
    assert _send(listener, ORM).code == "AA" and _rows(lite) == [1, 1, 1]  # the listener goes on


# The same value sent both ways: REST answers 422, HL7 answers AE naming the field.
PARITY: list[tuple[str, dict[str, Any], str, str]] = [
    ("accession 65", {"accession": "A" * 65}, orm(PID, ORC, OBR.replace("ACC001", "A" * 65)), "OBR^1^18"),
    (
        "MRN 65",
        {"patient": {"id": "M" * 65}},
        orm(PID.replace("MRN123", "M" * 65), ORC, OBR),
        "PID^1^3",
    ),
    (
        "indication 4001",
        {"indication": "x" * 4001},
        orm(PID, ORC, seg("OBR", {1: "1", 4: "71046^XR^CPT", 13: "x" * 4001, 18: "A1"})),
        "OBR^1^13",
    ),
    (
        "exam code 65",
        {"exam_code": "7" * 65},
        orm(PID, ORC, OBR.replace("71046^", "7" * 65 + "^")),
        "OBR^1^4^1^1",
    ),
    (
        "accession with a control character",
        {"accession": "AC\x01D4"},
        orm(PID, ORC, OBR.replace("ACC001", "AC\x01D4")),
        "OBR^1^18",
    ),
    (
        "UID with a leading zero",
        {"study_instance_uid": "1.02.3"},
        orm(PID, ORC, OBR, seg("ZDS", {1: "1.02.3"})),
        "ZDS^1^1",
    ),
    (
        "UID with letters",
        {"study_instance_uid": "1.2.3.abc"},
        orm(PID, ORC, OBR, seg("ZDS", {1: "1.2.3.abc"})),
        "ZDS^1^1",
    ),
    (
        "modality 28 characters",
        {"modality": "CRXX_TOO_LONG_MODALITY_VALUE"},
        orm(PID, ORC, OBR, IPC.replace("|CR", "|CRXX_TOO_LONG_MODALITY_VALUE"), message_type=OMI),
        "IPC^1^5",
    ),
]


@pytest.mark.parametrize(("rest", "message", "location"), [c[1:] for c in PARITY], ids=[c[0] for c in PARITY])
def test_hl7_refuses_what_rest_refuses(
    lite: Service, listener: Listeners, rest: dict[str, Any], message: str, location: str
) -> None:
    body: dict[str, Any] = {"accession": "R1", "exam": "XR CHEST", "modality": "CR", "patient": {"id": "P1"}}
    body.update(rest)
    assert lite.client.post("/api/v1/studies", json=body, headers=lite.h("resident")).status_code == 422
    ack = _send(listener, message)
    assert ack.code == "AE" and ack.errors[0].startswith(f"{location} 102")
    assert _rows(lite) == [0, 0, 0]
