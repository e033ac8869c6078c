"""The bundled demo study: a real PA chest radiograph wrapped as a DICOM Secondary Capture Image.

The pixels are ``00000001_000.png`` from the NIH ChestX-ray14 data set (see ``NOTICE`` at the project root for
the attribution the NIH requires). The demographics are fake; the UIDs are derived from a seed
(``2.25`` UUID-derived UIDs, PS3.5 Annex B.2) so that the same seed always gives the same study, and a
different seed gives a distinct one.

IOD: Secondary Capture Image (PS3.3 A.8.1, SOP Class 1.2.840.10008.5.1.4.1.1.7) built with highdicom,
Modality CR, Conversion Type WSD (workstation: the image was exported from a PACS and downsampled), Body Part
Examined CHEST, View Position PA, Burned In Annotation NO.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import numpy as np
from PIL import Image
from pydicom.dataset import Dataset
from pydicom.uid import UID
from pydicom.valuerep import DA, TM

DEMO_PNG = "00000001_000.png"
DEMO_SEED = "radpilot-demo"
#: NIH ChestX-ray14 labels for the image (Data_Entry_2017): male, 57, "Cardiomegaly".
DEMO_LABEL = "Cardiomegaly"


@dataclass(frozen=True, slots=True)
class DemoStudy:
    dataset: Dataset
    accession_number: str
    patient_id: str
    patient_name: str
    patient_sex: str
    patient_birth_date: str
    study_instance_uid: str
    series_instance_uid: str
    sop_instance_uid: str
    exam: str = "XR CHEST PA"
    indication: str = "Shortness of breath."


def demo_png_path() -> Path:
    """Path of the bundled PNG (package data)."""
    return Path(str(resources.files("radpilot.interop") / "data" / DEMO_PNG))


def deterministic_uid(seed: str, role: str) -> UID:
    """A ``2.25.<decimal>`` UID from the SHA-256 of ``seed`` and ``role`` (PS3.5 B.2 form, <= 64 chars)."""
    digest = hashlib.sha256(f"{seed}\x00{role}".encode()).digest()
    return UID(f"2.25.{int.from_bytes(digest[:16], 'big')}")


def _seed_number(seed: str, role: str, digits: int) -> str:
    digest = hashlib.sha256(f"{seed}\x00{role}".encode()).digest()
    return str(int.from_bytes(digest[:8], "big") % 10**digits).zfill(digits)


def build_demo_study(seed: str = DEMO_SEED, png: str | Path | None = None) -> DemoStudy:
    """Build the demo Secondary Capture instance (the same bytes for the same ``seed``)."""
    from highdicom.sc import SCImage

    path = Path(png) if png is not None else demo_png_path()
    if not path.is_file():
        raise FileNotFoundError(f"demo image not found: {path}")
    with Image.open(path) as img:
        pixels = np.asarray(img.convert("L"), dtype=np.uint8)

    study_uid = deterministic_uid(seed, "study")
    series_uid = deterministic_uid(seed, "series")
    sop_uid = deterministic_uid(seed, "instance")
    accession = f"RP{_seed_number(seed, 'accession', 8)}"
    patient_id = f"DEMO-{_seed_number(seed, 'patient', 6)}"
    study_date = date(2024, 3, 14)
    birth_date = "19661002"  # 57 years at the study date, as in the NIH labels
    patient_name = "Demo^Patient"

    sc = SCImage(
        pixel_array=pixels,
        photometric_interpretation="MONOCHROME2",
        bits_allocated=8,
        coordinate_system="PATIENT",
        study_instance_uid=study_uid,
        series_instance_uid=series_uid,
        series_number=1,
        sop_instance_uid=sop_uid,
        instance_number=1,
        manufacturer="RadPilot demo",
        patient_id=patient_id,
        patient_name=patient_name,
        patient_birth_date=birth_date,
        patient_sex="M",
        accession_number=accession,
        study_id="1",
        study_date=study_date,
        study_time="091500",
        referring_physician_name="Referrer^Demo",
        patient_orientation=("L", "F"),
    )
    sc.Modality = "CR"
    sc.ConversionType = "WSD"
    sc.BodyPartExamined = "CHEST"
    sc.ViewPosition = "PA"
    sc.PatientAge = "057Y"
    sc.StudyDescription = "XR CHEST PA"
    sc.SeriesDescription = "PA"
    sc.BurnedInAnnotation = "NO"
    sc.ContentDate = DA(study_date.strftime("%Y%m%d"))
    sc.ContentTime = TM("091500")
    sc.ImageComments = "Demo: NIH ChestX-ray14 00000001_000.png (NIH Clinical Center); fake demographics"
    # highdicom stamps creation time; fix it so the same seed gives identical bytes
    sc.InstanceCreationDate = sc.ContentDate
    sc.InstanceCreationTime = TM("091500")
    sc.DateOfSecondaryCapture = sc.ContentDate
    sc.TimeOfSecondaryCapture = TM("091500")
    for item in sc.get("ContributingEquipmentSequence", []):
        item.ContributionDateTime = f"{sc.ContentDate}091500"
    return DemoStudy(
        dataset=sc,
        accession_number=accession,
        patient_id=patient_id,
        patient_name=patient_name,
        patient_sex="M",
        patient_birth_date=birth_date,
        study_instance_uid=str(study_uid),
        series_instance_uid=str(series_uid),
        sop_instance_uid=str(sop_uid),
    )


def write_demo_study(path: str | Path, seed: str = DEMO_SEED) -> DemoStudy:
    """Write the demo instance as a DICOM Part 10 file."""
    study = build_demo_study(seed)
    study.dataset.save_as(Path(path), enforce_file_format=True)
    return study
