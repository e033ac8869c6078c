"""``radpilot bench interop``: RadPilot's interop throughput against real peers, on loopback, bounded.

* C-STORE ingest into RadPilot's SCP (:class:`radpilot.interop.dimse.StorageSCP`, every instance written to
  disk as the service does) of N synthetic 512x512 CR instances (16-bit, 12 bits stored, uncompressed),
  sent by a real Orthanc (REST ``POST /modalities/{id}/store``, one association) and by dcmtk's
  ``storescu``: instances/s and MB/s (file bytes sent / wall time from the request to the last response).
* HL7 v2: ORM^O01 orders over MLLP with python-hl7's client on one connection, each answered by an ACK from
  :func:`radpilot.interop.hl7v2.handle_order_message`: messages/s, every ACK checked AA.
* Durable outbox: ORU^R01 results queued while the destination is down for ``outbox_down`` seconds, then the
  receiver comes up; counted at the receiver (no de-duplication there): lost and duplicated must both be 0.

Everything binds 127.0.0.1, counts are bounded, and every server is stopped at the end.
"""

from __future__ import annotations

import itertools
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

from radpilot.interop.dimse import StoreContext

CR_SOP_CLASS = UID("1.2.840.10008.5.1.4.1.1.1")
MAX_INSTANCES = 2000
MAX_HL7_MESSAGES = 20000
MAX_OUTBOX_MESSAGES = 5000
MAX_OUTBOX_DOWN = 300.0


# --- synthetic instances -------------------------------------------------------------------------------------


def synthetic_cr(
    rng: np.random.Generator,
    *,
    study_uid: str,
    series_uid: str,
    number: int,
    accession: str,
    size: int = 512,
) -> Dataset:
    """A valid uncompressed CR Image Storage instance (PS3.3 A.2) with ``size`` x ``size`` 12-bit pixels."""
    sop_uid = generate_uid()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CR_SOP_CLASS
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = CR_SOP_CLASS
    ds.SOPInstanceUID = sop_uid
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.Modality = "CR"
    ds.PatientID = "BENCH-0001"
    ds.PatientName = "Bench^Synthetic"
    ds.PatientBirthDate = "19700101"
    ds.PatientSex = "O"
    ds.AccessionNumber = accession
    ds.StudyID = "1"
    ds.StudyDate = "20240314"
    ds.StudyTime = "090000"
    ds.ReferringPhysicianName = ""
    ds.SeriesNumber = 1
    ds.InstanceNumber = number
    ds.BodyPartExamined = "CHEST"
    ds.PatientOrientation = ["L", "F"]
    ds.Rows = ds.Columns = size
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.WindowCenter = 2048
    ds.WindowWidth = 4096
    ramp = np.linspace(0, 3000, size, dtype=np.float32)[None, :]
    noise = rng.normal(0, 200, (size, size)).astype(np.float32)
    ds.PixelData = np.clip(ramp + noise + 500, 0, 4095).astype("<u2").tobytes()
    return ds


def write_synthetic_cr(
    folder: Path, count: int, *, seed: int = 0, accession: str = "BENCH0001"
) -> list[Path]:
    """Write ``count`` instances of one CR study/series into ``folder``; returns their paths."""
    if not 1 <= count <= MAX_INSTANCES:
        raise ValueError(f"instance count must be 1..{MAX_INSTANCES}, got {count}")
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    study_uid, series_uid = generate_uid(), generate_uid()
    paths = []
    for i in range(1, count + 1):
        ds = synthetic_cr(rng, study_uid=study_uid, series_uid=series_uid, number=i, accession=accession)
        path = folder / f"cr{i:05d}.dcm"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


# --- the receiving side ----------------------------------------------------------------------------------------


@dataclass
class IngestSink:
    """The C-STORE callback: writes each data set to ``folder/<SOP Instance UID>.dcm`` (as the service stores
    files) and counts receipts per SOP Instance UID and calling AE title."""

    folder: Path | None = None
    counts: Counter[str] = field(default_factory=Counter)
    callers: Counter[str] = field(default_factory=Counter)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    keep_datasets: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _changed: threading.Condition = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._changed = threading.Condition(self._lock)
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, ds: Dataset, ctx: StoreContext) -> int | None:
        sop_uid = str(ds.SOPInstanceUID)
        if self.folder is not None:
            ds.save_as(self.folder / f"{sop_uid}.dcm", enforce_file_format=True)
        with self._changed:
            self.counts[sop_uid] += 1
            self.callers[ctx.calling_ae_title] += 1
            if self.keep_datasets:
                self.datasets[sop_uid] = ds
            self._changed.notify_all()
        return None

    @property
    def total(self) -> int:
        with self._lock:
            return sum(self.counts.values())

    def reset(self) -> None:
        with self._lock:
            self.counts.clear()
            self.callers.clear()
            self.datasets.clear()

    def wait_for(self, total: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._changed:
            while sum(self.counts.values()) < total:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
        return True


# --- results -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BenchRow:
    name: str
    count: int
    seconds: float
    rate: float  # per second
    unit: str
    mb_per_s: float | None = None
    ok: bool = True
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "count": self.count,
            "seconds": round(self.seconds, 3),
            "rate": round(self.rate, 1),
            "unit": self.unit,
            "mb_per_s": None if self.mb_per_s is None else round(self.mb_per_s, 1),
            "ok": self.ok,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class OutboxResult:
    enqueued: int
    delivered: int
    lost: int
    duplicated: int
    out_of_order: int
    down_seconds: float
    attempts_while_down: int
    drain_seconds: float

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.out_of_order == 0


# --- C-STORE -------------------------------------------------------------------------------------------------


def _mb(paths: Sequence[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def bench_cstore_orthanc(
    workdir: Path, files: Sequence[Path], sink: IngestSink, scp_port: int
) -> list[BenchRow]:
    """Upload ``files`` to a fresh Orthanc (REST), then time Orthanc's C-STORE of them to RadPilot's SCP."""
    from radpilot.eval.peers import OrthancServer

    rows = []
    with OrthancServer(
        workdir / "orthanc", modalities={"radpilot": ("RADPILOT", "127.0.0.1", scp_port)}
    ) as pacs:
        start = time.perf_counter()
        ids = [pacs.upload(p.read_bytes()) for p in files]
        upload = time.perf_counter() - start
        rows.append(
            BenchRow(
                "Orthanc REST upload (setup, not RadPilot)",
                len(ids),
                upload,
                len(ids) / upload,
                "inst/s",
                _mb(files) / upload,
                note="POST /instances, one request each",
            )
        )
        sink.reset()
        start = time.perf_counter()
        pacs.store_to_modality("radpilot", ids)
        received = sink.wait_for(len(files), timeout=60)
        seconds = time.perf_counter() - start
    ok = received and sink.total == len(files) and all(n == 1 for n in sink.counts.values())
    rows.append(
        BenchRow(
            "C-STORE ingest, sender Orthanc",
            sink.total,
            seconds,
            sink.total / seconds,
            "inst/s",
            _mb(files) / seconds,
            ok,
            "POST /modalities/radpilot/store, one association",
        )
    )
    return rows


def bench_cstore_storescu(folder: Path, files: Sequence[Path], sink: IngestSink, scp_port: int) -> BenchRow:
    from radpilot.eval.peers import storescu

    sink.reset()
    result = storescu([folder], scp_port, calling_aet="STORESCU")
    received = sink.wait_for(len(files), timeout=30)
    ok = result.returncode == 0 and received and all(n == 1 for n in sink.counts.values())
    note = "storescu +sd, one association"
    if result.returncode != 0:
        note = f"storescu exit {result.returncode}: {result.output.strip().splitlines()[-1:]}"
    return BenchRow(
        "C-STORE ingest, sender dcmtk storescu",
        sink.total,
        result.seconds,
        sink.total / result.seconds,
        "inst/s",
        _mb(files) / result.seconds,
        ok,
        note,
    )


# --- HL7 -----------------------------------------------------------------------------------------------------


def orm_o01(
    control_id: str, accession: str, *, when: str = "20240314090000", patient_id: str = "MRN0001"
) -> str:
    """A complete ORM^O01 (v2.5.1) new order for a chest radiograph of ``patient_id`` (PID-3)."""
    segments = [
        f"MSH|^~\\&|RIS|HOSP|RADPILOT|RAD|{when}||ORM^O01|{control_id}|P|2.5.1",
        f"PID|1||{patient_id}^^^HOSP^MR||Doe^Jane||19700101|F",
        f"ORC|NW|PL{control_id}|{accession}||||^^^^^R|||||999^Who^Doctor",
        f"OBR|1|PL{control_id}|{accession}|71046^XR CHEST 2 VIEWS^CPT|||{when}||||||||1234^Smith^John||"
        f"{accession}|||||||||^^^^^R||||^Cough",
    ]
    return "\r".join(segments) + "\r"


def bench_hl7(count: int) -> BenchRow:
    """ORM^O01 -> ACK over MLLP, python-hl7's client on one connection."""
    import hl7
    import hl7.client

    from radpilot.interop.hl7v2 import handle_order_message, parse_ack
    from radpilot.interop.mllp import MLLPServer

    if not 1 <= count <= MAX_HL7_MESSAGES:
        raise ValueError(f"HL7 message count must be 1..{MAX_HL7_MESSAGES}, got {count}")
    orders: list[str] = []

    def handler(message: str) -> str:
        return handle_order_message(message, lambda order: orders.append(order.accession))[1]

    messages = [orm_o01(f"B{i:07d}", f"ACC{i:07d}") for i in range(count)]
    bad = 0
    with MLLPServer(handler) as server:
        host, port = server.address
        with hl7.client.MLLPClient(host, port) as client:
            start = time.perf_counter()
            for i, message in enumerate(messages):
                ack = parse_ack(client.send_message(message).strip(b"\x0b\x1c\r"))
                if ack.code != "AA" or ack.acknowledged_control_id != f"B{i:07d}":
                    bad += 1
            seconds = time.perf_counter() - start
    ok = bad == 0 and len(orders) == count
    note = "python-hl7 MLLPClient, one connection" + (f"; {bad} ACKs not AA" if bad else "")
    return BenchRow("HL7 ORM^O01 with ACK (MLLP)", count, seconds, count / seconds, "msg/s", None, ok, note)


def oru_r01(index: int) -> str:
    from radpilot.interop.hl7v2 import ResultReport, build_oru_r01
    from radpilot.interop.order import OrderPatient

    report = ResultReport(
        patient=OrderPatient(id="MRN0001", family_name="Doe", given_name="Jane", sex="F"),
        accession=f"ACC{index:07d}",
        exam_code="71046",
        exam_text="XR CHEST 2 VIEWS",
        sections={"findings": f"Result {index}. No pneumothorax.", "impression": "No acute disease."},
        status="final",
    )
    return build_oru_r01(report, control_id=f"ORU{index:07d}", now=datetime(2024, 3, 14, 9, 0, tzinfo=UTC))


def bench_outbox(
    workdir: Path,
    count: int,
    down_seconds: float,
    *,
    drain_timeout: float = 120.0,
    progress: Callable[[str], None] | None = None,
) -> OutboxResult:
    """Queue ``count`` ORU^R01 while the destination is down, bring it up after ``down_seconds``; count at the
    receiver. Half the messages are queued before the outage is noticed, half during it."""
    from radpilot.eval.peers import free_port
    from radpilot.interop.hl7v2 import build_ack, field_value, parse_message
    from radpilot.interop.mllp import Backoff, MLLPServer, Outbox, OutboxWorker

    if not 1 <= count <= MAX_OUTBOX_MESSAGES:
        raise ValueError(f"outbox message count must be 1..{MAX_OUTBOX_MESSAGES}, got {count}")
    if not 0 <= down_seconds <= MAX_OUTBOX_DOWN:
        raise ValueError(f"outbox down time must be 0..{MAX_OUTBOX_DOWN:.0f} s, got {down_seconds}")
    received: list[str] = []
    lock = threading.Lock()

    def handler(message: str) -> str:
        control_id = field_value(parse_message(message), "MSH", 10)
        with lock:
            received.append(control_id)
        return build_ack(message, "AA")

    port = free_port()
    destination = f"127.0.0.1:{port}"
    outbox = Outbox(
        workdir / "outbox.sqlite", backoff=Backoff(initial=0.5, factor=2.0, maximum=5.0), timeout=5
    )
    expected = [f"ORU{i:07d}" for i in range(count)]
    half = count // 2
    for i in range(half):
        outbox.enqueue(oru_r01(i), destination)
    with OutboxWorker(outbox, interval=0.2):
        down_start = time.monotonic()
        # the rest arrive while the destination is down
        rest = list(range(half, count))
        while time.monotonic() - down_start < down_seconds:
            if rest:
                outbox.enqueue(oru_r01(rest.pop(0)), destination)
                time.sleep(max(0.0, down_seconds / max(1, count - half)) * 0.5)
            else:
                time.sleep(0.1)
        for i in rest:
            outbox.enqueue(oru_r01(i), destination)
        attempts_while_down = sum(item.attempts for item in outbox.items(limit=count))
        if progress:
            progress(
                f"outbox: destination up after {down_seconds:.0f} s; {attempts_while_down} failed attempts"
            )
        with MLLPServer(handler, port=port):
            up = time.monotonic()
            while time.monotonic() - up < drain_timeout and outbox.counts()["delivered"] < count:
                time.sleep(0.05)
            drain = time.monotonic() - up
            time.sleep(0.5)  # a late duplicate would show up here
    counts = outbox.counts()
    outbox.close()
    with lock:
        got = list(received)
    unique = set(got)
    in_order = [c for c in got if c in set(expected)]
    out_of_order = sum(1 for a, b in itertools.pairwise(in_order) if a > b)
    return OutboxResult(
        enqueued=count,
        delivered=counts["delivered"],
        lost=len(set(expected) - unique),
        duplicated=len(got) - len(unique),
        out_of_order=out_of_order,
        down_seconds=down_seconds,
        attempts_while_down=attempts_while_down,
        drain_seconds=drain,
    )


# --- the whole bench -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InteropBenchResult:
    rows: list[BenchRow]
    outbox: OutboxResult | None
    skipped: list[str]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows) and (self.outbox is None or self.outbox.ok)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rows": [r.to_dict() for r in self.rows],
            "skipped": self.skipped,
            "ok": self.ok,
        }
        if self.outbox is not None:
            o = self.outbox
            out["outbox"] = {
                "enqueued": o.enqueued,
                "delivered": o.delivered,
                "lost": o.lost,
                "duplicated": o.duplicated,
                "out_of_order": o.out_of_order,
                "down_seconds": o.down_seconds,
                "attempts_while_down": o.attempts_while_down,
                "drain_seconds": round(o.drain_seconds, 3),
            }
        return out


def run_interop_bench(
    *,
    instances: int = 300,
    hl7_messages: int = 2000,
    outbox_messages: int = 200,
    outbox_down: float = 30.0,
    senders: Sequence[str] = ("orthanc", "storescu"),
    progress: Callable[[str], None] | None = None,
) -> InteropBenchResult:
    from radpilot.eval.peers import free_port
    from radpilot.interop.dimse import StorageSCP

    say = progress or (lambda _msg: None)
    unknown = [s for s in senders if s not in ("orthanc", "storescu")]
    if unknown:
        raise ValueError(f"unknown sender(s) {unknown}; choose from orthanc, storescu")
    rows: list[BenchRow] = []
    skipped: list[str] = []
    with tempfile.TemporaryDirectory(prefix="radpilot-bench-interop-") as tmp:
        work = Path(tmp)
        if senders:
            say(f"writing {instances} synthetic 512x512 CR instances")
            files = write_synthetic_cr(work / "cr", instances)
            sink = IngestSink(folder=work / "received")
            port = free_port()
            scp = StorageSCP(
                sink, ae_title="RADPILOT", port=port, allowed_calling_aets=["ORTHANC", "STORESCU"]
            )
            with scp:
                if "orthanc" in senders:
                    say("C-STORE: Orthanc -> RadPilot")
                    rows += bench_cstore_orthanc(work, files, sink, port)
                if "storescu" in senders:
                    say("C-STORE: storescu -> RadPilot")
                    rows.append(bench_cstore_storescu(work / "cr", files, sink, port))
        else:
            skipped.append("C-STORE")
        if hl7_messages:
            say(f"HL7: {hl7_messages} ORM^O01 with ACK")
            rows.append(bench_hl7(hl7_messages))
        else:
            skipped.append("HL7")
        outbox = None
        if outbox_messages:
            say(f"outbox: {outbox_messages} ORU^R01, destination down {outbox_down:.0f} s")
            outbox = bench_outbox(work, outbox_messages, outbox_down, progress=say)
        else:
            skipped.append("outbox")
    return InteropBenchResult(rows=rows, outbox=outbox, skipped=skipped)


def format_table(result: InteropBenchResult) -> str:
    lines = [
        f"| {'measure':<42} | {'count':>6} | {'seconds':>8} | {'rate':>15} | {'MB/s':>7} | ok  | note",
        f"|{'-' * 44}|{'-' * 8}|{'-' * 10}|{'-' * 17}|{'-' * 9}|-----|------",
    ]
    for r in result.rows:
        mb = "" if r.mb_per_s is None else f"{r.mb_per_s:.1f}"
        lines.append(
            f"| {r.name:<42} | {r.count:>6} | {r.seconds:>8.2f} | {r.rate:>8.1f} {r.unit:<6} | {mb:>7} | "
            f"{'yes' if r.ok else 'NO ':<3} | {r.note}"
        )
    o = result.outbox
    if o is not None:
        lines.append(
            f"| {'HL7 outbox, destination down ' + f'{o.down_seconds:.0f} s':<42} | {o.enqueued:>6} | "
            f"{o.drain_seconds:>8.2f} | {'':>15} | {'':>7} | {'yes' if o.ok else 'NO ':<3} | "
            f"delivered {o.delivered}, lost {o.lost}, duplicated {o.duplicated}, out of order {o.out_of_order}, "
            f"{o.attempts_while_down} failed attempts while down; seconds = drain after it came up"
        )
    if result.skipped:
        lines.append(f"skipped: {', '.join(result.skipped)}")
    return "\n".join(lines)
