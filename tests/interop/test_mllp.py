from __future__ import annotations

import socket
import threading
from pathlib import Path

import hl7.client
import pytest

from radpilot.interop import hl7v2
from radpilot.interop.mllp import (
    Backoff,
    MLLPClient,
    MLLPDecoder,
    MLLPError,
    MLLPServer,
    Outbox,
    OutboxWorker,
    ReceivedLog,
    frame,
    parse_destination,
    send_message,
)
from radpilot.interop.order import ImagingOrder, OrderPatient

from .hl7_messages import ORM, PID, msh, seg


def oru(control_id: str) -> str:
    report = hl7v2.ResultReport(
        patient=OrderPatient("MRN1"),
        accession="ACC1",
        exam_code="71046",
        exam_text=None,
        sections={"findings": "Clear lungs.", "impression": f"Normal ({control_id})."},
    )
    return hl7v2.build_oru_r01(report, control_id=control_id)


def ack_all(message: str) -> str:
    return hl7v2.build_ack(message, "AA")


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        ([b"\x0bA\x1c\r"], [b"A"]),
        ([b"\x0bA", b"B\x1c", b"\r"], [b"AB"]),
        ([b"junk\x0bA\x1c\r\x0bB\x1c\r"], [b"A", b"B"]),
        ([b"\x0bbroken\x0bA\x1c\r"], [b"A"]),
        ([b"\x0bA\x1cB\x1c\r"], [b"A\x1cB"]),  # FS without CR is data
    ],
)
def test_decoder(chunks: list[bytes], expected: list[bytes]) -> None:
    decoder = MLLPDecoder()
    out = [m for chunk in chunks for m in decoder.feed(chunk)]
    assert out == expected and not decoder.pending


def test_decoder_bounds_message_size() -> None:
    decoder = MLLPDecoder(max_bytes=10)
    with pytest.raises(MLLPError, match="larger than 10 bytes"):
        decoder.feed(b"\x0b" + b"x" * 20)


def test_frame_refuses_block_characters() -> None:
    assert frame("MSH|x") == b"\x0bMSH|x\x1c\r"
    with pytest.raises(MLLPError):
        frame("a\x1cb")


@pytest.mark.parametrize("bad", ["ris", "ris:", ":2575", "ris:99999", "ris:abc"])
def test_parse_destination(bad: str) -> None:
    assert parse_destination("ris.example.org:2575") == ("ris.example.org", 2575)
    with pytest.raises(ValueError, match="host:port"):
        parse_destination(bad)


def test_order_round_trip_with_python_hl7_client() -> None:
    orders: list[ImagingOrder] = []

    def handler(message: str) -> str:
        return hl7v2.handle_order_message(message, orders.append)[1]

    with MLLPServer(handler) as server:
        host, port = server.address
        # python-hl7's own MLLP client is the sender
        with hl7.client.MLLPClient(host, port) as client:
            raw = client.send_message(ORM)
        ack = hl7v2.parse_ack(raw.strip(b"\x0b\x1c\r"))
        assert ack.code == "AA" and ack.acknowledged_control_id == "MSG0001"
        # a refused message on the same server, with our client
        bad = "\r".join(
            [msh(control_id="MSG0002"), PID.replace("MRN123^^^HOSP^MR", ""), seg("OBR", {1: "1"})]
        )
        ack2 = hl7v2.parse_ack(send_message(f"{host}:{port}", bad))
        assert ack2.code == "AE" and ack2.acknowledged_control_id == "MSG0002"
        assert ack2.errors[0].startswith("PID^1^3 101")
    assert [o.accession for o in orders] == ["ACC001"]


def test_several_messages_on_one_connection() -> None:
    with MLLPServer(ack_all) as server, MLLPClient(*server.address) as client:
        acks = [hl7v2.parse_ack(client.send(oru(f"C{i}"))) for i in range(5)]
    assert [a.acknowledged_control_id for a in acks] == [f"C{i}" for i in range(5)]


def test_receiver_deduplicates_by_control_id() -> None:
    calls: list[str] = []

    def handler(message: str) -> str:
        calls.append(message)
        return hl7v2.build_ack(message, "AA")

    with MLLPServer(handler, received_log=ReceivedLog()) as server:
        dest = "{}:{}".format(*server.address)
        first = send_message(dest, oru("DUP1"))
        again = send_message(dest, oru("DUP1"))
        send_message(dest, oru("DUP2"))
    assert first == again and len(calls) == 2 and server.duplicates == 1


def test_handler_exception_gives_ae() -> None:
    def broken(message: str) -> str:
        raise RuntimeError("boom")

    with MLLPServer(broken) as server:
        ack = hl7v2.parse_ack(send_message("{}:{}".format(*server.address), oru("X1")))
    assert ack.code == "AE" and "207" in ack.errors[0]


def test_an_oversized_block_is_answered_ar_with_its_control_id_and_never_handled() -> None:
    calls: list[str] = []

    def handler(message: str) -> str:
        calls.append(message)
        return hl7v2.build_ack(message, "AA")

    def replies_to(sent: bytes) -> list[hl7v2.AckResult]:
        with socket.create_connection(server.address, timeout=5) as sock:
            sock.sendall(sent)
            decoder = MLLPDecoder()
            replies: list[bytes] = []
            while data := sock.recv(65536):  # (until the listener closes the connection)
                replies += decoder.feed(data)
        return [hl7v2.parse_ack(r) for r in replies]

    big = oru("BIG1").replace("Clear lungs.", "Clear lungs. " + "x" * 5000)
    with MLLPServer(handler, max_bytes=2000) as server:
        dest = "{}:{}".format(*server.address)
        # a whole block, after a small one in the same bytes: the small one is handled, the big one refused
        acks = replies_to(frame(oru("SMALL0")) + frame(big))
        assert [(a.code, a.acknowledged_control_id) for a in acks] == [("AA", "SMALL0"), ("AR", "BIG1")]
        assert "larger than 2000 bytes" in acks[1].errors[0]
        # ... and one whose end has not come yet
        acks = replies_to(frame(big.replace("BIG1", "BIG2"))[:3000])
        assert [(a.code, a.acknowledged_control_id) for a in acks] == [("AR", "BIG2")]
        # the listener still takes the next message
        assert hl7v2.parse_ack(send_message(dest, oru("SMALL1"))).code == "AA"
    assert [m.split("\r")[0].split("|")[9] for m in calls] == ["SMALL0", "SMALL1"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_client_error_when_nobody_listens() -> None:
    with pytest.raises(MLLPError, match="cannot connect"):
        send_message(f"127.0.0.1:{free_port()}", oru("Z"), timeout=1)


def test_outbox_survives_a_down_destination_and_delivers_once(tmp_path: Path) -> None:
    port = free_port()
    dest = f"127.0.0.1:{port}"
    clock = Clock()
    outbox = Outbox(
        tmp_path / "outbox.sqlite", clock=clock, backoff=Backoff(initial=5, factor=2, maximum=60), timeout=2
    )
    ids = [f"OUT{i}" for i in range(3)]
    for cid in ids:
        outbox.enqueue(oru(cid), dest)
    outbox.enqueue(oru("OUT0"), dest)  # idempotent on MSH-10
    assert outbox.counts()["pending"] == 3

    # destination down: the head is retried with backoff, nothing is lost, order is kept
    report = outbox.deliver_due()
    assert (report.delivered, report.retried) == (0, 1)
    head = outbox.items()[0]
    assert head.control_id == "OUT0" and head.attempts == 1 and head.next_attempt_at == 1005.0
    assert "cannot connect" in (head.last_error or "")
    assert outbox.deliver_due().retried == 0  # not due yet
    clock.now = 1005.0
    outbox.deliver_due()
    assert outbox.items()[0].next_attempt_at == 1015.0  # 5 * 2

    # the state is durable: a new Outbox on the same file sees it
    reopened = Outbox(tmp_path / "outbox.sqlite", clock=clock, timeout=2)
    assert [i.state for i in reopened.items()] == ["pending"] * 3

    received: list[str] = []

    def receiver(message: str) -> str:
        received.append(hl7v2.parse_oru_r01(message).control_id)
        return hl7v2.build_ack(message, "AA")

    with MLLPServer(receiver, port=port, received_log=ReceivedLog()):
        clock.now = 1015.0
        assert reopened.deliver_due().delivered == 3
        assert reopened.deliver_due().delivered == 0
    assert received == ids  # once each, in order
    assert reopened.counts() == {"pending": 0, "sending": 0, "delivered": 3, "rejected": 0}
    assert all(i.ack_code == "AA" and i.delivered_at == 1015.0 for i in reopened.items())


def test_lost_ack_is_retried_and_the_receiver_processes_once(tmp_path: Path) -> None:
    """The receiver stores the message but the ACK never arrives; the retry is answered from the log."""
    processed: list[str] = []
    log = ReceivedLog(tmp_path / "received.sqlite")

    def receiver(message: str) -> str:
        processed.append(message)
        return hl7v2.build_ack(message, "AA")

    server = MLLPServer(receiver, received_log=log)
    drop_first = threading.Event()
    real_process = server.process

    def lossy(raw: bytes) -> str:
        reply = real_process(raw)
        if not drop_first.is_set():
            drop_first.set()
            return "garbage that is not an ACK"
        return reply

    server.process = lossy  # type: ignore[method-assign]
    clock = Clock()
    with server:
        outbox = Outbox(tmp_path / "outbox.sqlite", clock=clock, backoff=Backoff(initial=1), timeout=2)
        outbox.enqueue(oru("LOST1"), "{}:{}".format(*server.address))
        assert outbox.deliver_due().retried == 1
        clock.now += 1
        assert outbox.deliver_due().delivered == 1
    assert len(processed) == 1 and server.duplicates == 1


def test_rejected_message_is_visible_and_can_be_retried(tmp_path: Path) -> None:
    def reject(message: str) -> str:
        err = hl7v2.HL7Error("unknown patient", location=hl7v2.ErrorLocation("PID", 1, 3))
        return hl7v2.build_ack(message, "AE", error=err)

    with MLLPServer(reject) as server:
        outbox = Outbox(tmp_path / "o.sqlite")
        item = outbox.enqueue(oru("REJ1"), "{}:{}".format(*server.address))
        assert outbox.deliver_due().rejected == 1
        rejected = outbox.get(item.id)
        assert (
            rejected.state == "rejected"
            and rejected.ack_code == "AE"
            and "PID^1^3" in (rejected.last_error or "")
        )
        assert outbox.retry(item.id).state == "pending"


def test_enqueue_refuses_conflicts_and_bad_input(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "o.sqlite")
    outbox.enqueue(oru("SAME"), "h:1")
    with pytest.raises(ValueError, match="different message"):
        outbox.enqueue(oru("SAME").replace("Clear lungs", "Other"), "h:1")
    with pytest.raises(ValueError, match="host:port"):
        outbox.enqueue(oru("X"), "nowhere")
    with pytest.raises(hl7v2.HL7Error):
        outbox.enqueue("not hl7", "h:1")
    assert len(outbox.items()) == 1


def test_worker_delivers_in_background(tmp_path: Path) -> None:
    got = threading.Event()

    def receiver(message: str) -> str:
        got.set()
        return hl7v2.build_ack(message, "AA")

    with MLLPServer(receiver) as server:
        outbox = Outbox(tmp_path / "o.sqlite")
        outbox.enqueue(oru("BG1"), "{}:{}".format(*server.address))
        with OutboxWorker(Outbox(tmp_path / "o.sqlite"), interval=0.05):
            assert got.wait(5)
            for _ in range(100):
                if outbox.counts()["delivered"] == 1:
                    break
                threading.Event().wait(0.02)
    assert outbox.counts()["delivered"] == 1
