"""HL7 v2 over MLLP: framing, a threaded listener, a client that waits for the ACK, and a durable outbox.

Framing is the Minimal Lower Layer Protocol (HL7 v2.5.1 Implementation Guide, Appendix C "Lower Layer
Protocols", C.4 MLLP): ``<VT 0x0B> message <FS 0x1C><CR 0x0D>``. Each received message gets exactly one
framed reply, the acknowledgment returned by the handler. A block holds one message: a block with two is
refused as a whole (AR) by :func:`~radpilot.interop.hl7v2.parse_message`. The listener decodes a message by
its MSH-18 character set; bytes invalid in it are answered AE 102 naming the field, and the handler never
sees them.

Exactly-once as the receiver sees it = at-least-once delivery (the :class:`Outbox` retries until it holds an
ACK for the message's MSH-10 Message Control ID) + de-duplication at the receiver (:class:`ReceivedLog`
remembers the control ids it accepted and answers a repeat with the stored ACK without calling the handler
again). The outbox keeps its own SQLite table in a path you give it, independent of the service database.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from radpilot.interop import hl7v2

log = logging.getLogger(__name__)

START_BLOCK = b"\x0b"
END_BLOCK = b"\x1c"
CARRIAGE_RETURN = b"\x0d"
MAX_MESSAGE_BYTES = 16 * 1024 * 1024

Handler = Callable[[str], str]


class MLLPError(ConnectionError):
    """The peer broke the MLLP framing, closed the connection, or did not answer in time.

    ``head`` is the start of a refused block (its MSH segment, at most :data:`HEAD_BYTES`), so that the listener
    can still answer it with an ACK that echoes its control id."""

    def __init__(self, message: str, head: bytes = b"", before: list[bytes] | None = None) -> None:
        super().__init__(message)
        self.head = head
        # the whole messages the same bytes held before the refused block (the listener still answers them)
        self.before = before or []


HEAD_BYTES = 4096


def frame(message: str | bytes, encoding: str = "utf-8") -> bytes:
    """Wrap one message in an MLLP block."""
    data = message.encode(encoding) if isinstance(message, str) else message
    if START_BLOCK in data or END_BLOCK in data:
        raise MLLPError("the message contains an MLLP block character (0x0B or 0x1C)")
    return START_BLOCK + data + END_BLOCK + CARRIAGE_RETURN


class MLLPDecoder:
    """Incremental decoder: feed bytes as they arrive, get complete messages back.

    Bytes outside a block are discarded (and counted in ``discarded``); a block larger than ``max_bytes``
    raises :class:`MLLPError` so that a peer cannot make us buffer without bound.
    """

    def __init__(self, max_bytes: int = MAX_MESSAGE_BYTES) -> None:
        self._buf = bytearray()
        self._in_block = False
        self.max_bytes = max_bytes
        self.discarded = 0

    def feed(self, data: bytes) -> list[bytes]:
        out: list[bytes] = []
        buf = self._buf
        buf += data
        trailer = END_BLOCK + CARRIAGE_RETURN
        while buf:
            if not self._in_block:
                start = buf.find(START_BLOCK)
                if start < 0:
                    self.discarded += len(buf)
                    buf.clear()
                    break
                self.discarded += start
                del buf[: start + 1]
                self._in_block = True
            end = buf.find(trailer)
            restart = buf.find(START_BLOCK)
            if restart >= 0 and (end < 0 or restart < end):
                # a new block before the end of the previous one: drop the fragment
                self.discarded += restart
                del buf[:restart]
                self._in_block = False
                continue
            if (end < 0 and len(buf) > self.max_bytes) or end > self.max_bytes:
                head = bytes(buf[:HEAD_BYTES]).split(CARRIAGE_RETURN, 1)[0].split(b"\n", 1)[0]
                buf.clear()
                self._in_block = False
                raise MLLPError(f"MLLP block larger than {self.max_bytes} bytes", head=head, before=out)
            if end < 0:
                break
            out.append(bytes(buf[:end]))
            del buf[: end + len(trailer)]
            self._in_block = False
        return out

    @property
    def pending(self) -> bool:
        return self._in_block


# --- receiver-side de-duplication -------------------------------------------------------------------------------


class ReceivedLog:
    """Control ids already accepted (MSH-3/MSH-4 sender + MSH-10), with the ACK that was sent for each."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30)
        self._lock = threading.Lock()
        with self._lock:
            if str(path) != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS hl7_received (sender TEXT NOT NULL, control_id TEXT NOT NULL, "
                "ack TEXT NOT NULL, received_at REAL NOT NULL, PRIMARY KEY (sender, control_id))"
            )
        self._key_locks = [threading.Lock() for _ in range(64)]

    def key_lock(self, sender: str, control_id: str) -> threading.Lock:
        return self._key_locks[hash((sender, control_id)) % len(self._key_locks)]

    def ack_for(self, sender: str, control_id: str) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT ack FROM hl7_received WHERE sender = ? AND control_id = ?", (sender, control_id)
            ).fetchone()
        return str(row[0]) if row else None

    def record(self, sender: str, control_id: str, ack: str) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT OR IGNORE INTO hl7_received (sender, control_id, ack, received_at) VALUES (?, ?, ?, ?)",
                (sender, control_id, ack, time.time()),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM hl7_received").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _identity(message: str) -> tuple[str, str] | None:
    try:
        msg = hl7v2.parse_message(message)
    except hl7v2.HL7Error:
        return None
    control_id = hl7v2.field_value(msg, "MSH", 10)
    if not control_id:
        return None
    return f"{hl7v2.field_value(msg, 'MSH', 3)}|{hl7v2.field_value(msg, 'MSH', 4)}", control_id


# --- listener ---------------------------------------------------------------------------------------------------


class _ConnectionHandler(socketserver.BaseRequestHandler):
    server: _TCPServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(self.server.owner.idle_timeout)
        owner = self.server.owner
        decoder = MLLPDecoder(owner.max_bytes)
        with owner.connections_lock:
            owner.connections.add(sock)
        try:
            self._serve(sock, decoder)
        finally:
            with owner.connections_lock:
                owner.connections.discard(sock)

    def _serve(self, sock: socket.socket, decoder: MLLPDecoder) -> None:
        while not self.server.owner.stopping.is_set():
            try:
                data = sock.recv(65536)
            except (TimeoutError, OSError):
                return
            if not data:
                return
            refused: MLLPError | None = None
            try:
                messages = decoder.feed(data)
            except MLLPError as exc:
                log.warning("MLLP framing error from %s: %s", self.client_address[0], exc)
                messages, refused = exc.before, exc
            for raw in messages:
                reply = self.server.owner.process(raw)
                try:
                    sock.sendall(frame(reply, self.server.owner.encoding))
                except OSError:
                    return
            if refused is not None:
                # (a sender that gets no reply sends the same block again and again: it is told why, AR, and the
                # connection is closed, since the rest of an oversized block may still be on its way)
                with suppress(OSError):
                    sock.sendall(frame(self.server.owner.refuse(refused), self.server.owner.encoding))
                return


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: MLLPServer


class MLLPServer:
    """A threaded MLLP listener; ``handler(message) -> ACK text`` runs once per message.

    A message is decoded with the character set its MSH-18 declares (:func:`hl7v2.decode_message`), else with
    ``encoding``, which is also the encoding of the replies. One that cannot be decoded is answered AE (HL7
    error 102 naming the field, or 103 for an MSH-18 RadPilot does not read) without calling the handler.
    With ``received_log`` a message whose sender and MSH-10 were already acknowledged AA is answered with the
    stored ACK and the handler is not called again. A handler that raises gets an AE ACK (HL7 error 207) so
    that the sender retries. A block larger than ``max_bytes`` is answered AR (echoing its MSH-10 when that
    arrived) and the connection closed. ``port=0`` picks a free port (see :attr:`address`).
    """

    def __init__(
        self,
        handler: Handler,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        received_log: ReceivedLog | None = None,
        encoding: str = "utf-8",
        idle_timeout: float = 60.0,
        max_bytes: int = MAX_MESSAGE_BYTES,
    ) -> None:
        self.handler = handler
        self.max_bytes = max_bytes
        self.received_log = received_log
        self.encoding = encoding
        self.idle_timeout = idle_timeout
        self.stopping = threading.Event()
        self._server = _TCPServer((host, port), _ConnectionHandler, bind_and_activate=True)
        self._server.owner = self
        self._thread: threading.Thread | None = None
        self.messages_handled = 0
        self.duplicates = 0
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def process(self, raw: bytes) -> str:
        try:
            message = hl7v2.decode_message(raw, self.encoding)
        except hl7v2.HL7Error as exc:
            return hl7v2.build_ack(exc.request, exc.ack_code, error=exc)
        ident = _identity(message) if self.received_log is not None else None
        if ident is None or self.received_log is None:
            return self._call(message)
        sender, control_id = ident
        with self.received_log.key_lock(sender, control_id):
            previous = self.received_log.ack_for(sender, control_id)
            if previous is not None:
                self.duplicates += 1
                return previous
            ack = self._call(message)
            try:
                accepted = hl7v2.parse_ack(ack).code == "AA"
            except hl7v2.HL7Error:
                accepted = False
            if accepted:
                self.received_log.record(sender, control_id, ack)
            return ack

    def refuse(self, exc: MLLPError) -> str:
        """The AR ACK for a block refused before it could be read whole (larger than the limit), echoing the
        control id of its MSH segment when that arrived."""
        head = exc.head.decode(self.encoding, errors="replace") if exc.head.startswith(b"MSH") else None
        error = hl7v2.HL7Error(
            f"{exc}: the message was not processed; send it in a smaller message", code="100", ack_code="AR"
        )
        return hl7v2.build_ack(head, "AR", error=error)

    def _call(self, message: str) -> str:
        try:
            ack = self.handler(message)
            self.messages_handled += 1
            return ack
        except Exception as exc:
            log.exception("HL7 handler failed")
            err = hl7v2.HL7Error(f"application error: {type(exc).__name__}", code="207")
            return hl7v2.build_ack(message, "AE", error=err)

    def start(self) -> MLLPServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="mllp-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        with self.connections_lock:
            for sock in list(self.connections):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> MLLPServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- client -----------------------------------------------------------------------------------------------------


class MLLPClient:
    """A blocking client that sends one message at a time and waits for its framed reply."""

    def __init__(self, host: str, port: int, *, timeout: float = 10.0, encoding: str = "utf-8") -> None:
        self.host, self.port, self.timeout, self.encoding = host, port, timeout, encoding
        self._sock: socket.socket | None = None
        self._decoder = MLLPDecoder()

    def _connect(self) -> socket.socket:
        if self._sock is None:
            try:
                self._sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
            except OSError as exc:
                raise MLLPError(f"cannot connect to {self.host}:{self.port}: {exc}") from None
            self._decoder = MLLPDecoder()
        return self._sock

    def send(self, message: str) -> str:
        """Send ``message`` and return the reply (usually an ACK); raises :class:`MLLPError`."""
        sock = self._connect()
        try:
            sock.sendall(frame(message, self.encoding))
            deadline = time.monotonic() + self.timeout
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                sock.settimeout(remaining)
                data = sock.recv(65536)
                if not data:
                    raise MLLPError(f"{self.host}:{self.port} closed the connection before acknowledging")
                replies = self._decoder.feed(data)
                if replies:
                    return replies[0].decode(self.encoding, errors="replace")
        except TimeoutError:
            self.close()
            raise MLLPError(
                f"no acknowledgment from {self.host}:{self.port} within {self.timeout} s"
            ) from None
        except MLLPError:
            self.close()
            raise
        except OSError as exc:
            self.close()
            raise MLLPError(f"connection to {self.host}:{self.port} failed: {exc}") from None

    def close(self) -> None:
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None

    def __enter__(self) -> MLLPClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def parse_destination(destination: str) -> tuple[str, int]:
    """``host:port`` (as in RADPILOT_HL7_DESTINATION) -> (host, port)."""
    host, sep, port = destination.strip().rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"HL7 destination {destination!r} must be host:port (e.g. ris.example.org:2575)")
    return host.strip("[]"), int(port)


def send_message(destination: str, message: str, *, timeout: float = 10.0) -> str:
    """Send one message to ``host:port`` and return the ACK text."""
    host, port = parse_destination(destination)
    with MLLPClient(host, port, timeout=timeout) as client:
        return client.send(message)


# --- durable outbox ---------------------------------------------------------------------------------------------

OutboxState = Literal["pending", "sending", "delivered", "rejected"]


@dataclass(frozen=True, slots=True)
class Backoff:
    """Retry delay: ``initial * factor ** (attempt - 1)``, capped at ``maximum`` seconds."""

    initial: float = 1.0
    factor: float = 2.0
    maximum: float = 300.0

    def delay(self, attempts: int) -> float:
        return float(min(self.maximum, self.initial * self.factor ** max(0, attempts - 1)))


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    control_id: str
    destination: str
    message: str
    state: OutboxState
    attempts: int
    next_attempt_at: float
    last_error: str | None
    ack_code: str | None
    created_at: float
    delivered_at: float | None

    def to_dict(self, with_message: bool = False) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "control_id": self.control_id,
            "destination": self.destination,
            "state": self.state,
            "attempts": self.attempts,
            "next_attempt_at": self.next_attempt_at,
            "last_error": self.last_error,
            "ack_code": self.ack_code,
            "created_at": self.created_at,
            "delivered_at": self.delivered_at,
        }
        if with_message:
            out["message"] = self.message
        return out


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    delivered: int = 0
    retried: int = 0
    rejected: int = 0


Sender = Callable[[str, str], str]  # (destination, message) -> ACK text

_COLUMNS = (
    "id, control_id, destination, message, state, attempts, next_attempt_at, last_error, ack_code, "
    "created_at, delivered_at"
)


class Outbox:
    """Messages waiting for an acknowledgment, in a SQLite table (``hl7_outbox``) at ``path``.

    Delivery is in order per destination: the oldest undelivered message of a destination is sent first and
    a destination that is down holds its queue (an ORU^R01 final must not overtake the preliminary). A
    message is ``delivered`` once an AA/CA ACK for its MSH-10 arrives; ``rejected`` on AE/AR (the content is
    refused: resending the same bytes cannot help; :meth:`retry` puts it back); on a connection error,
    timeout or an ACK for another control id it stays ``pending`` with ``next_attempt_at`` pushed back by
    :class:`Backoff`. A claimed message carries a lease, so a worker that dies mid-send does not lose it.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        backoff: Backoff | None = None,
        sender: Sender | None = None,
        clock: Callable[[], float] = time.time,
        lease_seconds: float = 60.0,
        timeout: float = 10.0,
    ) -> None:
        self.path = str(path)
        self.backoff = backoff or Backoff()
        self.clock = clock
        self.lease_seconds = lease_seconds
        self.timeout = timeout
        self.sender: Sender = sender or (lambda dest, msg: send_message(dest, msg, timeout=self.timeout))
        self._local = threading.local()
        with self._tx() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS hl7_outbox ("
                " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                " control_id TEXT NOT NULL UNIQUE,"
                " destination TEXT NOT NULL,"
                " message TEXT NOT NULL,"
                " state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'rejected')),"
                " attempts INTEGER NOT NULL DEFAULT 0,"
                " next_attempt_at REAL NOT NULL,"
                " lease_until REAL,"
                " last_error TEXT,"
                " ack_code TEXT,"
                " created_at REAL NOT NULL,"
                " delivered_at REAL)"
            )
            conn.execute("CREATE INDEX IF NOT EXISTS hl7_outbox_queue ON hl7_outbox (destination, state, id)")

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
            if self.path != ":memory:":
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
            self._local.conn = conn
        return conn

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @staticmethod
    def _item(row: tuple[object, ...]) -> OutboxItem:
        return OutboxItem(*row)  # type: ignore[arg-type]

    def enqueue(self, message: str, destination: str) -> OutboxItem:
        """Queue ``message`` for ``destination`` (host:port). Idempotent on MSH-10: enqueuing the same message
        twice returns the existing item; a different message with the same control id is refused."""
        parse_destination(destination)
        msg = hl7v2.parse_message(message)
        control_id = hl7v2.field_value(msg, "MSH", 10)
        if not control_id:
            raise ValueError("the message has no MSH-10 Message Control ID; the outbox keys on it")
        message = message.replace("\r\n", "\r").replace("\n", "\r")
        now = self.clock()
        with self._tx() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM hl7_outbox WHERE control_id = ?", (control_id,)
            ).fetchone()
            if row is not None:
                existing = self._item(row)
                if existing.message != message:
                    raise ValueError(f"control id {control_id!r} is already queued with a different message")
                return existing
            conn.execute(
                "INSERT INTO hl7_outbox (control_id, destination, message, state, next_attempt_at, created_at) "
                "VALUES (?, ?, ?, 'pending', ?, ?)",
                (control_id, destination, message, now, now),
            )
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM hl7_outbox WHERE control_id = ?", (control_id,)
            ).fetchone()
        return self._item(row)

    def _claim_heads(self) -> list[OutboxItem]:
        now = self.clock()
        claimed = []
        with self._tx() as conn:
            heads = conn.execute(
                f"SELECT {_COLUMNS}, lease_until FROM hl7_outbox WHERE id IN ("
                " SELECT MIN(id) FROM hl7_outbox WHERE state IN ('pending', 'sending') GROUP BY destination)"
            ).fetchall()
            for row in heads:
                item, lease_until = self._item(row[:-1]), row[-1]
                if item.state == "sending" and lease_until is not None and float(lease_until) > now:
                    continue  # another worker is sending it
                if item.next_attempt_at > now:
                    continue
                conn.execute(
                    "UPDATE hl7_outbox SET state = 'sending', lease_until = ? WHERE id = ?",
                    (now + self.lease_seconds, item.id),
                )
                claimed.append(item)
        return claimed

    def _finish(self, item: OutboxItem, state: OutboxState, ack_code: str | None, error: str | None) -> None:
        now = self.clock()
        attempts = item.attempts + 1
        next_at = now + self.backoff.delay(attempts) if state == "pending" else item.next_attempt_at
        with self._tx() as conn:
            conn.execute(
                "UPDATE hl7_outbox SET state = ?, attempts = ?, next_attempt_at = ?, lease_until = NULL, "
                "last_error = ?, ack_code = ?, delivered_at = ? WHERE id = ?",
                (state, attempts, next_at, error, ack_code, now if state == "delivered" else None, item.id),
            )

    def _attempt(self, item: OutboxItem) -> OutboxState:
        try:
            reply = self.sender(item.destination, item.message)
            ack = hl7v2.parse_ack(reply)
        except (MLLPError, OSError) as exc:
            self._finish(item, "pending", None, str(exc))
            return "pending"
        except hl7v2.HL7Error as exc:
            self._finish(item, "pending", None, f"unreadable acknowledgment: {exc}")
            return "pending"
        if ack.acknowledged_control_id != item.control_id:
            self._finish(item, "pending", ack.code, f"ACK for control id {ack.acknowledged_control_id!r}")
            return "pending"
        if ack.code in ("AA", "CA"):
            self._finish(item, "delivered", ack.code, None)
            return "delivered"
        self._finish(item, "rejected", ack.code, "; ".join(ack.errors) or f"MSA-1 {ack.code}")
        return "rejected"

    def deliver_due(self, max_messages: int = 1000) -> DeliveryReport:
        """Send what is due now, in order per destination; returns what happened."""
        delivered = retried = rejected = 0
        while delivered + retried + rejected < max_messages:
            heads = self._claim_heads()
            if not heads:
                break
            progressed = False
            for item in heads:
                outcome = self._attempt(item)
                if outcome == "delivered":
                    delivered += 1
                    progressed = True
                elif outcome == "rejected":
                    rejected += 1
                    progressed = True
                else:
                    retried += 1
            if not progressed:
                break
        return DeliveryReport(delivered=delivered, retried=retried, rejected=rejected)

    def retry(self, item_id: int) -> OutboxItem:
        """Put a rejected (or waiting) message back at the head of its queue, due now."""
        with self._tx() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM hl7_outbox WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                raise KeyError(f"no outbox item {item_id}")
            if self._item(row).state == "delivered":
                raise ValueError(f"outbox item {item_id} was already delivered")
            conn.execute(
                "UPDATE hl7_outbox SET state = 'pending', next_attempt_at = ?, lease_until = NULL WHERE id = ?",
                (self.clock(), item_id),
            )
        return self.get(item_id)

    def get(self, item_id: int) -> OutboxItem:
        row = self._conn().execute(f"SELECT {_COLUMNS} FROM hl7_outbox WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise KeyError(f"no outbox item {item_id}")
        return self._item(row)

    def items(self, state: OutboxState | None = None, limit: int = 1000) -> list[OutboxItem]:
        sql = f"SELECT {_COLUMNS} FROM hl7_outbox"
        args: tuple[object, ...] = ()
        if state is not None:
            sql += " WHERE state = ?"
            args = (state,)
        rows = self._conn().execute(sql + " ORDER BY id LIMIT ?", (*args, limit)).fetchall()
        return [self._item(r) for r in rows]

    def counts(self) -> dict[str, int]:
        rows = self._conn().execute("SELECT state, COUNT(*) FROM hl7_outbox GROUP BY state").fetchall()
        out = {"pending": 0, "sending": 0, "delivered": 0, "rejected": 0}
        out.update({str(s): int(n) for s, n in rows})
        return out

    def close(self) -> None:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


class OutboxWorker:
    """Calls :meth:`Outbox.deliver_due` every ``interval`` seconds in a background thread until stopped."""

    def __init__(self, outbox: Outbox, interval: float = 1.0) -> None:
        self.outbox = outbox
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hl7-outbox", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.outbox.deliver_due()
            except Exception:
                log.exception("HL7 outbox delivery failed")
            self._stop.wait(self.interval)
        self.outbox.close()

    def start(self) -> OutboxWorker:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def __enter__(self) -> OutboxWorker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
