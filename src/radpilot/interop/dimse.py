"""DICOM C-STORE SCP (PS3.4 Annex B Storage Service Class; PS3.7 9.1.1 C-STORE) built on pynetdicom.

Accepts associations from an allow-list of calling AE titles (rejected otherwise with A-ASSOCIATE-RJ
"calling AE title not recognized", PS3.8 9.3.4); an empty allow-list refuses every peer that is not on the
loopback interface. Supports Verification (C-ECHO) and storage of CR, DX, CT, MR, US, MG, SC and SR
(see :data:`STORAGE_SOP_CLASSES`) in every transfer syntax pydicom knows. Each received data set is handed to a
callback; its return value is the C-STORE response status.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydicom.dataset import Dataset
from pydicom.uid import AllTransferSyntaxes

from radpilot.interop.dicom_read import DicomReadError, validate

log = logging.getLogger(__name__)

#: Storage SOP Classes accepted (PS3.4 Table B.5-1), by modality.
STORAGE_SOP_CLASSES: dict[str, tuple[str, ...]] = {
    "CR": ("1.2.840.10008.5.1.4.1.1.1",),
    "DX": ("1.2.840.10008.5.1.4.1.1.1.1", "1.2.840.10008.5.1.4.1.1.1.1.1"),
    "CT": ("1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.2.1"),
    "MR": ("1.2.840.10008.5.1.4.1.1.4", "1.2.840.10008.5.1.4.1.1.4.1"),
    "US": ("1.2.840.10008.5.1.4.1.1.6.1", "1.2.840.10008.5.1.4.1.1.3.1"),
    "MG": ("1.2.840.10008.5.1.4.1.1.1.2", "1.2.840.10008.5.1.4.1.1.1.2.1"),
    "SC": (
        "1.2.840.10008.5.1.4.1.1.7",
        "1.2.840.10008.5.1.4.1.1.7.2",
        "1.2.840.10008.5.1.4.1.1.7.3",
        "1.2.840.10008.5.1.4.1.1.7.4",
    ),
    "SR": (
        "1.2.840.10008.5.1.4.1.1.88.11",
        "1.2.840.10008.5.1.4.1.1.88.22",
        "1.2.840.10008.5.1.4.1.1.88.33",
        "1.2.840.10008.5.1.4.1.1.88.34",
        "1.2.840.10008.5.1.4.1.1.88.59",
    ),
}
VERIFICATION = "1.2.840.10008.1.1"
#: The image storage SOP classes (all of the above but SR): their IODs hold the Image Pixel module, whose Rows,
#: Columns and Pixel Data are Type 1 (PS3.3 C.7.6.3).
IMAGE_SOP_CLASSES = frozenset(
    uid for modality, uids in STORAGE_SOP_CLASSES.items() if modality != "SR" for uid in uids
)

# C-STORE response statuses (PS3.4 Table B.2-1)
SUCCESS = 0x0000
OUT_OF_RESOURCES = 0xA700  # the sender sends again later: for failures that can pass (disk, database)
PROCESSING_FAILURE = 0x0110  # PS3.7 C.4.2 general failure: a fault of the receiver
DATASET_DOES_NOT_MATCH = 0xA900
CANNOT_UNDERSTAND = 0xC000
REFUSED_NOT_AUTHORIZED = 0x0124  # PS3.7 C.4.2 "Refused: Not Authorized"


@dataclass(frozen=True, slots=True)
class StoreContext:
    """Who sent an instance: calling/called AE titles and the peer address."""

    calling_ae_title: str
    called_ae_title: str
    peer_address: str
    peer_port: int


StoreCallback = Callable[[Dataset, StoreContext], int | None]


class StoreRefused(Exception):
    """Raised by a store callback for a data set it will not store: the C-STORE failure ``status`` to answer
    and the ``reason``, sent back as the Error Comment (0000,0902; LO, so at most 64 characters) and logged.
    The reason names the attributes at fault, never their values (they identify the patient)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def missing_pixels(ds: Dataset) -> str | None:
    """Why an image data set has no image to read (no Pixel Data, or no Rows or Columns), or None."""
    if str(ds.get("SOPClassUID", "")) not in IMAGE_SOP_CLASSES:
        return None
    if "PixelData" not in ds:
        return "image without Pixel Data (Type 1, PS3.3 C.7.6.3)"
    if not ds.get("Rows") or not ds.get("Columns"):
        return "image with no Rows or Columns (Type 1, PS3.3 C.7.6.3)"
    return None


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return address == "localhost"


def parse_allowed_aets(value: str | Iterable[str] | None) -> frozenset[str]:
    """``RADPILOT_DICOM_ALLOWED_AETS`` (comma-separated) -> set of AE titles (PS3.5: at most 16 characters)."""
    if value is None:
        return frozenset()
    items = value.split(",") if isinstance(value, str) else list(value)
    out = set()
    for item in items:
        title = item.strip()
        if not title:
            continue
        if len(title) > 16 or "\\" in title or not title.isprintable():
            raise ValueError(f"invalid AE title {title!r}: at most 16 printable characters, no backslash")
        out.add(title)
    return frozenset(out)


class StorageSCP:
    """A C-STORE SCP. ``start()`` listens in the background; ``stop()`` shuts it down."""

    def __init__(
        self,
        on_dataset: StoreCallback,
        *,
        ae_title: str = "RADPILOT",
        host: str = "127.0.0.1",
        port: int = 11112,
        allowed_calling_aets: str | Iterable[str] | None = None,
        modalities: Iterable[str] = tuple(STORAGE_SOP_CLASSES),
    ) -> None:
        from pynetdicom import AE, evt

        if not ae_title or len(ae_title) > 16:
            raise ValueError(f"AE title {ae_title!r} must be 1 to 16 characters")
        unknown = [m for m in modalities if m not in STORAGE_SOP_CLASSES]
        if unknown:
            raise ValueError(f"unsupported modality {unknown}; supported: {', '.join(STORAGE_SOP_CLASSES)}")
        self.on_dataset = on_dataset
        self.allowed = parse_allowed_aets(allowed_calling_aets)
        self.host, self.port, self.ae_title = host, port, ae_title
        self._ae = AE(ae_title=ae_title)
        self._ae.maximum_pdu_size = 0  # no limit
        if self.allowed:
            self._ae.require_calling_aet = sorted(self.allowed)
        self._ae.add_supported_context(VERIFICATION)
        for modality in modalities:
            for uid in STORAGE_SOP_CLASSES[modality]:
                self._ae.add_supported_context(uid, AllTransferSyntaxes)
        self._handlers: list[Any] = [
            (evt.EVT_C_STORE, self._handle_store),
            (evt.EVT_C_ECHO, self._handle_echo),
        ]
        self._server: Any = None
        self._lock = threading.Lock()
        self.received = 0
        self.refused = 0

    def permitted(self, calling_ae_title: str, peer_address: str) -> bool:
        """The access rule: an allow-listed calling AE title, or any title from loopback if the list is empty."""
        if self.allowed:
            return calling_ae_title.strip() in self.allowed
        return is_loopback(peer_address)

    def _context(self, event: Any) -> StoreContext:
        assoc = event.assoc
        return StoreContext(
            calling_ae_title=str(assoc.requestor.ae_title).strip(),
            called_ae_title=str(assoc.acceptor.ae_title).strip(),
            peer_address=str(assoc.requestor.address),
            peer_port=int(assoc.requestor.port),
        )

    def _handle_echo(self, event: Any) -> int:
        ctx = self._context(event)
        return SUCCESS if self.permitted(ctx.calling_ae_title, ctx.peer_address) else REFUSED_NOT_AUTHORIZED

    @staticmethod
    def _refuse(ctx: StoreContext, status: int, reason: str) -> Dataset:
        """A failure response that says why: the status and the reason as its Error Comment."""
        log.warning("refused C-STORE from %s with 0x%04X: %s", ctx.calling_ae_title, status, reason)
        rsp = Dataset()
        rsp.Status = status
        rsp.ErrorComment = reason[:64]
        return rsp

    @staticmethod
    def _failed(ctx: StoreContext, exc: Exception, status: int, reason: str) -> Dataset:
        # The exception's message may quote the data set or the SQL parameters (names, patient ids): log its
        # type and where it happened, never its words.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("C-STORE from %s failed: %s\n%s", ctx.calling_ae_title, type(exc).__name__, frames)
        rsp = Dataset()
        rsp.Status = status
        rsp.ErrorComment = reason[:64]
        return rsp

    def _handle_store(self, event: Any) -> int | Dataset:
        ctx = self._context(event)
        if not self.permitted(ctx.calling_ae_title, ctx.peer_address):
            with self._lock:
                self.refused += 1
            return REFUSED_NOT_AUTHORIZED
        try:
            ds = event.dataset
            ds.file_meta = event.file_meta
            validate(ds, name="data set")
        except DicomReadError as exc:
            return self._refuse(ctx, CANNOT_UNDERSTAND, str(exc))
        except Exception as exc:
            return self._refuse(ctx, CANNOT_UNDERSTAND, f"undecodable data set ({type(exc).__name__})")
        empty = missing_pixels(ds)
        if empty is not None:
            # Accepted, an image without pixels would reach drafting as a study with nothing to look at.
            return self._refuse(ctx, DATASET_DOES_NOT_MATCH, empty)
        try:
            status = self.on_dataset(ds, ctx)
        except StoreRefused as exc:
            return self._refuse(ctx, exc.status, exc.reason)
        except OSError as exc:
            # A full disk, or a folder or database file that cannot be opened: sending again later can succeed.
            return self._failed(ctx, exc, OUT_OF_RESOURCES, f"out of resources ({type(exc).__name__})")
        except Exception as exc:
            # A fault of ours: sending again will not help, and 0xA700 would make the sender retry forever.
            return self._failed(ctx, exc, PROCESSING_FAILURE, "internal error; see the receiver's log")
        with self._lock:
            self.received += 1
        return SUCCESS if status is None else int(status)

    @property
    def address(self) -> tuple[str, int]:
        if self._server is None:
            return self.host, self.port
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def start(self) -> StorageSCP:
        server: Any = self._ae.start_server((self.host, self.port), block=False, evt_handlers=self._handlers)

        def verify_request(request: Any, client_address: tuple[str, int]) -> bool:
            # refuse the TCP connection outright when the allow-list is empty and the peer is not loopback
            return bool(self.allowed) or is_loopback(client_address[0])

        server.verify_request = verify_request
        self._server = server
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server = None
        self._ae.shutdown()

    def __enter__(self) -> StorageSCP:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
