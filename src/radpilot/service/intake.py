"""Orders and images arriving from hospital systems: HL7 v2 orders (MLLP) and DICOM instances (C-STORE).

An order creates or updates its Patient, Order and Study (matched by accession number). An instance is filed
under its study, matched to the order by AccessionNumber, then by StudyInstanceUID; an instance with neither
match creates its study from the DICOM header. A repeated SOP Instance UID is accepted once (idempotent).
Files go to ``<folder>/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from radpilot.service import audit
from radpilot.store.db import Database
from radpilot.store.models import Instance, Order, Patient, Series, Study

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


def intake_order(db: Database, order: Any) -> int:
    """Create or update the Order (and Patient, Study) for an ``ImagingOrder``; returns the study id."""

    def work(s: Session) -> int:
        p = order.patient
        patient = _patient(s, p.id, p.name, p.sex, p.birth_date)
        row = s.scalar(select(Order).where(Order.accession == order.accession))
        fields = {
            "exam": (order.exam_text or order.exam_code or "unspecified exam")[:200],
            "exam_code": order.exam_code,
            "indication": order.indication or "",
            "priority": order.priority or "routine",
            "ordering_clinician": order.ordering_provider.display if order.ordering_provider else None,
        }
        if row is None:
            row = Order(accession=order.accession, patient_id=patient.id, source=order.source, **fields)
            s.add(row)
            s.flush()
            action = "order.create"
        else:
            for key, value in fields.items():
                setattr(row, key, value)
            action = "order.update"
        study = s.scalar(select(Study).where(Study.order_id == row.id))
        if study is None:
            study = Study(order_id=row.id, patient_id=patient.id, modality=(order.modality or "OT")[:16])
            s.add(study)
        if order.study_instance_uid and study.study_instance_uid is None:
            study.study_instance_uid = order.study_instance_uid
        s.flush()
        audit.append(
            s,
            chain=audit.SYSTEM_CHAIN,
            actor=f"{SYSTEM_ACTOR}:{order.source}",
            action=action,
            detail={"order_id": row.id, "study_id": study.id, "control_id": order.message_control_id},
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


def _find_study(s: Session, meta: Any) -> Study | None:
    if meta.accession_number:
        study = s.scalar(
            select(Study)
            .join(Order, Order.id == Study.order_id)
            .where(Order.accession == meta.accession_number)
        )
        if study is not None:
            return study
    return s.scalar(select(Study).where(Study.study_instance_uid == meta.study_instance_uid))


def store_instance(db: Database, folder: Path, ds: Any) -> tuple[int, bool]:
    """File one DICOM data set; returns (instance id, created). A known SOP Instance UID is not stored again."""
    from radpilot.interop.dicom_read import extract_metadata, to_bytes

    meta = extract_metadata(ds)
    with db.read() as s:
        known = s.scalar(select(Instance.id).where(Instance.sop_instance_uid == meta.sop_instance_uid))
    if known is not None:
        return known, False
    path = folder / meta.study_instance_uid / meta.series_instance_uid / f"{meta.sop_instance_uid}.dcm"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = to_bytes(ds)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)

    def work(s: Session) -> tuple[int, bool]:
        known = s.scalar(select(Instance.id).where(Instance.sop_instance_uid == meta.sop_instance_uid))
        if known is not None:
            return known, False
        study = _find_study(s, meta)
        if study is None:
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

    return _retry_unique(db, work)


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
    ) -> None:
        self.db = db
        self.host = host
        self.folder = folder or dicom_folder()
        self.scp: Any = None
        self.mllp: Any = None
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
            from radpilot.interop.mllp import MLLPServer

            self.mllp = MLLPServer(self._on_hl7, host=host, port=hl7_port)

    def _on_dataset(self, ds: Any, ctx: Any) -> int | None:
        _, created = store_instance(self.db, self.folder, ds)
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
