"""Orders and images arriving from hospital systems: HL7 v2 orders (MLLP) and DICOM instances (C-STORE).

An order creates, updates or cancels its Patient, Order and Study (matched by accession number). An instance is
filed under its study, matched to the order by AccessionNumber, then by StudyInstanceUID, and refused when its
PatientID, StudyInstanceUID or SeriesInstanceUID contradicts that study; an instance with neither match creates
its study from the DICOM header. A repeated SOP Instance UID is accepted once (idempotent).
Files go to ``<folder>/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm``, moved there only once
their rows are committed.
"""

from __future__ import annotations

import logging
import os
import struct
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.orm import Session

from radpilot.service import audit
from radpilot.store.db import Database
from radpilot.store.models import SIGNED_STATUSES, Instance, Order, Patient, Report, Series, Study, utcnow

if TYPE_CHECKING:
    from radpilot.interop.hl7v2 import ErrorLocation
    from radpilot.interop.mllp import ReceivedLog

log = logging.getLogger("radpilot.service.intake")
T = TypeVar("T")
SYSTEM_ACTOR = "system:intake"


def _retry_unique(db: Database, work: Callable[[Session], T]) -> T:
    """Run ``work`` in a write transaction, once more if a concurrent insert won a unique constraint."""
    for attempt in (1, 2):
        try:
            with db.write() as s:
                return work(s)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _patient(s: Session, mrn: str, name: str | None, sex: str | None, birth: date | None) -> Patient:
    patient = s.scalar(select(Patient).where(Patient.mrn == mrn))
    if patient is None:
        patient = Patient(
            mrn=mrn, name=name, sex=sex if sex in ("F", "M", "O", "U") else None, birth_date=birth
        )
        s.add(patient)
        s.flush()
    return patient


#: Order fields an order message sets, and the HL7 v2 field each is read from (named in a refusal's ACK).
ORDER_FIELDS = {
    "exam": "OBR-4",
    "exam_code": "OBR-4",
    "indication": "OBR-31",
    "priority": "OBR-27",
    "ordering_clinician": "OBR-16",
    "study_instance_uid": "IPC-3/ZDS-1",
}


def _location(source: str) -> ErrorLocation:
    """The ERR-2 Error Location of a field named like ``"OBR-18"`` (``OBR^1^18``)."""
    from radpilot.interop.hl7v2 import ErrorLocation

    segment, _, number = source.partition("-")
    return ErrorLocation(segment, 1, int(number) if number.isdigit() else None)


def _signed_status(s: Session, study_id: int) -> str | None:
    """The status of the study's signed report (final, amended or corrected), or None if none is signed."""
    return s.scalar(
        select(Report.status)
        .where(Report.study_id == study_id, Report.status.in_(sorted(SIGNED_STATUSES)))
        .limit(1)
    )


def _cancel(s: Session, row: Order | None, order: Any) -> int:
    """Mark the order cancelled (ORC-1 CA, DC, OC, ...): its study leaves the worklist and is not drafted."""
    from radpilot.interop.hl7v2 import ErrorLocation, HL7Error

    control = order.order_control
    if row is None:
        raise HL7Error(
            f"ORC-1 {control}: there is no order with accession {order.accession!r} ({order.accession_source}) "
            "to cancel",
            code="204",
            location=_location(order.accession_source),
        )
    study = s.scalar(select(Study).where(Study.order_id == row.id))
    if study is None:  # intake, the API and C-STORE create an order with its study; this is a broken database
        raise RuntimeError(f"order {row.id} has no study")
    signed = _signed_status(s, study.id)
    if signed is not None:
        # The exam was done and reported: cancelling the order now would hide a final report that clinicians
        # may already have acted on. What was wrong in it is corrected by the radiologist, on the record.
        raise HL7Error(
            f"ORC-1 {control}: the report of accession {order.accession!r} is signed ({signed}), so the order "
            "cannot be cancelled; the radiologist amends the report or adds an addendum",
            code="206",
            location=ErrorLocation("ORC", 1, 1),
        )
    if row.cancelled_at is None:  # a repeated cancel changes nothing
        row.cancelled_at = utcnow()
        audit.append(
            s,
            chain=audit.SYSTEM_CHAIN,
            actor=f"{SYSTEM_ACTOR}:{order.source}",
            action="order.cancel",
            detail={
                "order_id": row.id,
                "study_id": study.id,
                "control_id": order.message_control_id,
                "order_control": control,
            },
        )
    return study.id


def intake_order(db: Database, order: Any) -> int:
    """Create, update or cancel the Order (and Patient, Study) for an ``ImagingOrder``; returns the study id.

    ORC-1 CA, DC, OC, OD, CR and DR cancel the order; every other code of HL7 Table 0119 (NW, XO, SC, ...)
    creates or updates it. Refused (an :class:`~radpilot.interop.hl7v2.HL7Error` the listener answers with AE,
    the database unchanged): a code outside Table 0119 (103), an order whose accession belongs to another
    patient (205), a cancel for an unknown accession (204), and a cancel of, or a change to, an order whose
    report is signed or an update of a cancelled order (206). An identical repeat of a signed study's order is
    accepted and changes nothing.
    """
    from radpilot.interop.hl7v2 import ErrorLocation, HL7Error
    from radpilot.interop.order import CANCEL_CONTROLS, ORDER_CONTROL_CODES

    if order.order_control not in ORDER_CONTROL_CODES:
        # An unknown code may mean anything, a cancel included: acting on it as a new order could put an exam
        # that was called off on the worklist.
        raise HL7Error(
            f"ORC-1 Order Control {order.order_control!r} is not in HL7 Table 0119 (NW new, XO change, "
            "SC status changed, CA cancel, DC discontinue, ...)",
            code="103",
            location=ErrorLocation("ORC", 1, 1),
        )

    def work(s: Session) -> int:
        p = order.patient
        row = s.scalar(select(Order).where(Order.accession == order.accession))
        if row is not None and row.patient.mrn != p.id:
            # An accession is one patient's exam. Filing a second patient's order under it would put that
            # patient's exam, and then their images, in the first patient's study (and its report).
            raise HL7Error(
                f"PID-3 patient {p.id!r} is not the patient the accession {order.accession!r} "
                f"({order.accession_source}) was ordered for; an accession belongs to one patient: correct "
                "PID-3 or send the order under its own accession",
                code="205",
                location=ErrorLocation("PID", 1, 3),
            )
        if order.order_control in CANCEL_CONTROLS:
            return _cancel(s, row, order)
        if row is not None and row.cancelled_at is not None:
            raise HL7Error(
                f"the order with accession {order.accession!r} ({order.accession_source}) was cancelled; an "
                "order placed again needs a new accession",
                code="206",
                location=_location(order.accession_source),
            )
        patient = _patient(s, p.id, p.name, p.sex, p.birth_date)
        fields = {
            "exam": (order.exam_text or order.exam_code or "unspecified exam")[:200],
            "exam_code": order.exam_code,
            "indication": order.indication or "",
            "priority": order.priority or "routine",
            "ordering_clinician": order.ordering_provider.display if order.ordering_provider else None,
        }
        changed: list[str] = []
        if row is None:
            row = Order(accession=order.accession, patient_id=patient.id, source=order.source, **fields)
            s.add(row)
            s.flush()
            action = "order.create"
        else:
            changed = [key for key, value in fields.items() if getattr(row, key) != value]
            action = "order.update"
        study = s.scalar(select(Study).where(Study.order_id == row.id))
        if study is None:
            study = Study(order_id=row.id, patient_id=patient.id, modality=(order.modality or "OT")[:16])
            s.add(study)
            s.flush()
        new_uid = order.study_instance_uid and study.study_instance_uid is None
        if new_uid and action == "order.update":
            changed.append("study_instance_uid")
        signed = _signed_status(s, study.id) if changed else None
        if signed is not None:
            # The signed report says what was examined and why; an order changed after the signature would
            # change a final report (and its exports) with no new version and no signature.
            names = ", ".join(f"{key} ({ORDER_FIELDS[key]})" for key in changed)
            raise HL7Error(
                f"the report of accession {order.accession!r} is signed ({signed}); its order cannot change "
                f"after the signature: {names}; a change to a signed report is an amendment by the "
                "radiologist",
                code="206",
                location=_location(order.accession_source),
            )
        for key in changed:
            if key in fields:
                setattr(row, key, fields[key])
        if new_uid:
            study.study_instance_uid = order.study_instance_uid
        s.flush()
        detail: dict[str, Any] = {
            "order_id": row.id,
            "study_id": study.id,
            "control_id": order.message_control_id,
        }
        if action == "order.update":
            detail["changed"] = changed
        audit.append(
            s,
            chain=audit.SYSTEM_CHAIN,
            actor=f"{SYSTEM_ACTOR}:{order.source}",
            action=action,
            detail=detail,
        )
        return study.id

    return _retry_unique(db, work)


def _dicom_date(value: str | None) -> date | None:
    if not value or len(value) < 8:
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def _same_patient(study: Study, meta: Any, matched_by: str) -> None:
    from radpilot.interop.dimse import CANNOT_UNDERSTAND, StoreRefused

    # An empty PatientID (Type 2) says nothing; a different one is another patient's image, and filed here it
    # would be read, and reported, as this patient's.
    if meta.patient_id and meta.patient_id != study.patient.mrn:
        raise StoreRefused(CANNOT_UNDERSTAND, f"PatientID differs from the patient of this {matched_by}")


def _find_study(s: Session, meta: Any) -> Study | None:
    """The study an instance belongs to: its order's by AccessionNumber, else the one with its
    StudyInstanceUID; None for a study not seen before.

    Raises :class:`~radpilot.interop.dimse.StoreRefused` when the instance contradicts the study it matched: a
    PatientID of another patient, or a StudyInstanceUID of another study.
    """
    from radpilot.interop.dimse import CANNOT_UNDERSTAND, StoreRefused

    by_uid = s.scalar(select(Study).where(Study.study_instance_uid == meta.study_instance_uid))
    if not meta.accession_number:
        if by_uid is not None:
            _same_patient(by_uid, meta, "StudyInstanceUID")
        return by_uid
    study = s.scalar(
        select(Study).join(Order, Order.id == Study.order_id).where(Order.accession == meta.accession_number)
    )
    if study is None:
        if by_uid is not None:  # the study exists, ordered under another accession
            raise StoreRefused(
                CANNOT_UNDERSTAND, "StudyInstanceUID belongs to the study of another AccessionNumber"
            )
        return None
    if study.study_instance_uid is not None and study.study_instance_uid != meta.study_instance_uid:
        raise StoreRefused(
            CANNOT_UNDERSTAND, "StudyInstanceUID differs from the study of this AccessionNumber"
        )
    if by_uid is not None and by_uid.id != study.id:
        raise StoreRefused(
            CANNOT_UNDERSTAND, "StudyInstanceUID belongs to the study of another AccessionNumber"
        )
    _same_patient(study, meta, "AccessionNumber")
    return study


#: Where files wait, inside the DICOM folder (so that the move into place is a rename), until their rows commit.
INCOMING = ".incoming"
#: What pydicom raises for a data set it cannot write, e.g. native Pixel Data under a compressed transfer syntax.
_UNWRITABLE = (
    ValueError,
    TypeError,
    AttributeError,
    KeyError,
    OverflowError,
    NotImplementedError,
    struct.error,
)


def _move_into_place(tmp: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp, path)


def store_instance(db: Database, folder: Path, ds: Any) -> tuple[int, bool]:
    """File one DICOM data set; returns (instance id, created). A known SOP Instance UID is not stored again.

    The file is written under ``<folder>/.incoming`` and moved to its place only once its rows are committed:
    a refused or failed store leaves no file behind. Should the process stop between the commit and the move,
    the row is there without its file, and the sender's next attempt writes the file (and nothing else).
    Raises :class:`~radpilot.interop.dimse.StoreRefused` for a data set that cannot be filed.
    """
    from radpilot.interop.dicom_read import extract_metadata, to_bytes
    from radpilot.interop.dimse import CANNOT_UNDERSTAND, StoreRefused

    meta = extract_metadata(ds)
    path = folder / meta.study_instance_uid / meta.series_instance_uid / f"{meta.sop_instance_uid}.dcm"
    with db.read() as s:
        known = s.execute(
            select(Instance.id, Instance.path).where(Instance.sop_instance_uid == meta.sop_instance_uid)
        ).first()
    if known is not None and (known.path != str(path) or path.is_file()):
        return int(known.id), False
    try:
        data = to_bytes(ds)
    except _UNWRITABLE as exc:
        # The data set is not what it says (native pixels sent as JPEG Baseline, say): sending it again will
        # not change that, so the sender is told it cannot be understood rather than to retry.
        raise StoreRefused(
            CANNOT_UNDERSTAND, f"the data set cannot be written as a DICOM file ({type(exc).__name__})"
        ) from None

    def work(s: Session) -> tuple[int, bool]:
        known = s.scalar(select(Instance.id).where(Instance.sop_instance_uid == meta.sop_instance_uid))
        if known is not None:
            return known, False
        study = _find_study(s, meta)
        if study is None:
            if not meta.accession_number and s.scalar(
                select(Order.id).where(Order.accession == meta.study_instance_uid)
            ):
                # Without an AccessionNumber the StudyInstanceUID stands in for it; an order that already has
                # that accession is another study (it did not match by UID), and it cannot have two.
                raise StoreRefused(
                    CANNOT_UNDERSTAND, "no AccessionNumber; the StudyInstanceUID is an accession"
                )
            patient = _patient(
                s,
                meta.patient_id or f"UNKNOWN-{meta.study_instance_uid[-20:]}",
                meta.patient_name,
                meta.patient_sex,
                _dicom_date(meta.patient_birth_date),
            )
            order = Order(
                accession=meta.accession_number or meta.study_instance_uid,
                exam=(meta.study_description or f"{meta.modality or 'OT'} study")[:200],
                patient_id=patient.id,
                source="dicom",
            )
            s.add(order)
            s.flush()
            study = Study(order_id=order.id, patient_id=patient.id, modality=(meta.modality or "OT")[:16])
            s.add(study)
        if study.study_instance_uid is None:
            study.study_instance_uid = meta.study_instance_uid
        s.flush()
        series = s.scalar(select(Series).where(Series.series_instance_uid == meta.series_instance_uid))
        if series is not None and series.study_id != study.id:
            # A series is part of one study (PS3.3 A.1.2): the same UID in another study is a collision, and
            # filing the instance there would move it into another patient's study.
            raise StoreRefused(CANNOT_UNDERSTAND, "SeriesInstanceUID belongs to another study")
        if series is None:
            series = Series(
                study_id=study.id,
                series_instance_uid=meta.series_instance_uid,
                modality=(meta.modality or "OT")[:16],
                number=meta.series_number,
                description=(meta.series_description or None),
            )
            s.add(series)
            s.flush()
        inst = Instance(
            series_id=series.id,
            sop_instance_uid=meta.sop_instance_uid,
            sop_class_uid=meta.sop_class_uid,
            number=meta.instance_number,
            path=str(path),
            size_bytes=len(data),
        )
        s.add(inst)
        s.flush()
        return inst.id, True

    incoming = folder / INCOMING
    incoming.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=incoming, suffix=".part")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        if known is not None:  # the row committed, the file never moved into place
            _move_into_place(tmp, path)
            return int(known.id), False
        inst_id, created = _retry_unique(db, work)
        if created:
            _move_into_place(tmp, path)
        return inst_id, created
    finally:
        tmp.unlink(missing_ok=True)


#: The received log's file is the database file's name with this suffix.
RECEIVED_LOG_SUFFIX = ".hl7-received"


def received_log_path(db: Database) -> str:
    """Where the HL7 listener keeps the control ids it accepted (:class:`~radpilot.interop.mllp.ReceivedLog`):
    next to the SQLite database file, so that a fresh database never inherits another one's (``--demo``
    starts a new one each time); in memory with an in-memory database; in the data folder with PostgreSQL."""
    from radpilot.store.db import data_dir

    if db.sqlite_path is not None:
        return str(db.sqlite_path.with_name(db.sqlite_path.name + RECEIVED_LOG_SUFFIX))
    if db.is_sqlite:
        return ":memory:"
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "hl7-received.sqlite")


def dicom_folder() -> Path:
    from radpilot.store.db import data_dir

    env = os.environ.get("RADPILOT_DICOM_DIR")
    return Path(env).expanduser() if env else data_dir() / "dicom"


class Listeners:
    """The interop listeners ``radpilot serve`` starts next to the API (C-STORE SCP, HL7 MLLP)."""

    def __init__(
        self,
        db: Database,
        *,
        host: str,
        dicom_port: int | None = None,
        ae_title: str = "RADPILOT",
        hl7_port: int | None = None,
        folder: Path | None = None,
        received_log: ReceivedLog | None = None,
    ) -> None:
        self.db = db
        self.host = host
        self.folder = folder or dicom_folder()
        self.scp: Any = None
        self.mllp: Any = None
        self.received_log: ReceivedLog | None = None
        self._own_received_log = False
        if dicom_port is not None:
            from radpilot.interop.dimse import StorageSCP

            self.scp = StorageSCP(
                self._on_dataset,
                ae_title=ae_title,
                host=host,
                port=dicom_port,
                allowed_calling_aets=os.environ.get("RADPILOT_DICOM_ALLOWED_AETS", ""),
            )
        if hl7_port is not None:
            from radpilot.interop.mllp import MLLPServer, ReceivedLog

            # A sender that did not get our ACK (a dropped connection, a timeout) sends the message again with
            # the same MSH-10; answered from the log, it is not applied twice (and not audited twice).
            if received_log is None:
                received_log, self._own_received_log = ReceivedLog(received_log_path(db)), True
            self.received_log = received_log
            self.mllp = MLLPServer(self._on_hl7, host=host, port=hl7_port, received_log=received_log)

    def _on_dataset(self, ds: Any, ctx: Any) -> int | None:
        from radpilot.interop.dimse import CANNOT_UNDERSTAND, OUT_OF_RESOURCES, StoreRefused

        # What the sender should do next decides the status: 0xA700 (out of resources) makes it send again
        # later, which helps only when the database was busy or away; a conflict or a value the database
        # refuses fails the same way every time, so it is 0xC000 with the reason.
        try:
            _, created = store_instance(self.db, self.folder, ds)
        except IntegrityError:
            raise StoreRefused(CANNOT_UNDERSTAND, "conflicts with a stored order, study or series") from None
        except DataError:
            raise StoreRefused(
                CANNOT_UNDERSTAND, "a value is too long or malformed for the database"
            ) from None
        except (OperationalError, InterfaceError, SQLAlchemyTimeoutError) as exc:
            raise StoreRefused(
                OUT_OF_RESOURCES, f"database unavailable ({type(exc).__name__}); send again later"
            ) from None
        log.info("C-STORE from %s: %s", ctx.calling_ae_title, "stored" if created else "already stored")
        return None

    def _on_hl7(self, message: str) -> str:
        from radpilot.interop.hl7v2 import handle_order_message

        def on_order(order: Any) -> None:
            intake_order(self.db, order)

        _, ack = handle_order_message(message, on_order)
        return ack

    def start(self) -> Listeners:
        if self.scp is not None:
            self.scp.start()
        if self.mllp is not None:
            self.mllp.start()
        return self

    def stop(self) -> None:
        if self.scp is not None:
            self.scp.stop()
        if self.mllp is not None:
            self.mllp.stop()
        if self._own_received_log and self.received_log is not None:
            self.received_log.close()
            self._own_received_log = False
