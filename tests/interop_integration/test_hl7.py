"""HL7 v2 over MLLP with a real client (python-hl7's ``hl7.client.MLLPClient``), and ORU^R01 delivery through the
durable outbox to a receiver that is down for a few seconds: zero lost, zero duplicated, in order."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import hl7
import hl7.client
import pytest

from radpilot.eval.interop_bench import orm_o01, oru_r01
from radpilot.eval.peers import free_port
from radpilot.interop import hl7v2
from radpilot.interop.mllp import Backoff, MLLPServer, Outbox, OutboxWorker
from radpilot.interop.order import ImagingOrder


@pytest.fixture()
def order_server() -> Iterator[tuple[MLLPServer, list[ImagingOrder]]]:
    orders: list[ImagingOrder] = []

    def handler(message: str) -> str:
        return hl7v2.handle_order_message(message, orders.append)[1]

    with MLLPServer(handler) as server:
        yield server, orders


def _send(server: MLLPServer, message: str) -> hl7v2.AckResult:
    host, port = server.address
    with hl7.client.MLLPClient(host, port) as client:
        raw = client.send_message(message)
    return hl7v2.parse_ack(raw.strip(b"\x0b\x1c\r"))


def test_orm_from_python_hl7_client_gets_aa(order_server: tuple[MLLPServer, list[ImagingOrder]]) -> None:
    server, orders = order_server
    ack = _send(server, orm_o01("CTL0001", "ACC-IT-1"))
    assert ack.code == "AA" and ack.acknowledged_control_id == "CTL0001" and not ack.errors
    assert [(o.accession, o.patient.id, o.exam_code) for o in orders] == [("ACC-IT-1", "MRN0001", "71046")]


@pytest.mark.parametrize(
    ("mutate", "code", "error"),
    [
        # PID-3 (patient identifier) removed: AE, ERR names PID^1^3 with HL7 error 101 "required field missing"
        (lambda m: m.replace("MRN0001^^^HOSP^MR", ""), "AE", "PID^1^3 101"),
        # a message type RadPilot does not take: AR (HL7 error 200 unsupported message type)
        (lambda m: m.replace("ORM^O01", "ADT^A01"), "AR", "MSH^1^9"),
        # a version it does not speak: AR naming MSH-12
        (lambda m: m.replace("|P|2.5.1", "|P|9.9"), "AR", "MSH^1^12"),
    ],
)
def test_malformed_orders_get_ae_or_ar_with_err(
    order_server: tuple[MLLPServer, list[ImagingOrder]], mutate: object, code: str, error: str
) -> None:
    server, orders = order_server
    message = mutate(orm_o01("CTL0002", "ACC-IT-2"))  # type: ignore[operator]
    ack = _send(server, message)
    assert ack.code == code and ack.acknowledged_control_id == "CTL0002"
    assert ack.errors and ack.errors[0].startswith(error), ack.errors
    assert orders == []


def test_outbox_delivers_every_result_once_after_the_receiver_comes_back(tmp_path: Path) -> None:
    received: list[str] = []
    lock = threading.Lock()

    def receiver(message: str) -> str:
        with lock:
            received.append(hl7v2.field_value(hl7v2.parse_message(message), "MSH", 10))
        return hl7v2.build_ack(message, "AA")

    port = free_port()
    destination = f"127.0.0.1:{port}"
    outbox = Outbox(
        tmp_path / "outbox.sqlite", backoff=Backoff(initial=0.2, factor=2.0, maximum=1.0), timeout=2
    )
    expected = [f"ORU{i:07d}" for i in range(30)]
    for i in range(20):
        outbox.enqueue(oru_r01(i), destination)
    with OutboxWorker(outbox, interval=0.1):
        time.sleep(1.5)  # the destination is down
        for i in range(20, 30):  # more results signed during the outage
            outbox.enqueue(oru_r01(i), destination)
        time.sleep(1.5)
        down = outbox.counts()
        assert down["delivered"] == 0 and down["pending"] + down["sending"] == 30
        assert max(item.attempts for item in outbox.items()) >= 2  # it kept retrying
        assert outbox.items()[0].last_error  # and says why
        with MLLPServer(receiver, port=port):
            deadline = time.monotonic() + 20
            while outbox.counts()["delivered"] < 30 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.5)  # a late duplicate would show here
    assert outbox.counts() == {"pending": 0, "sending": 0, "delivered": 30, "rejected": 0}
    assert received == expected  # zero lost, zero duplicated, in the order they were signed
    outbox.close()
