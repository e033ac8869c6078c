"""A study as the drafting pipeline takes it: order and clinical context, images, optional dictation."""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

IMAGE_SUFFIXES = {".dcm", ".dicom", ".png", ".jpg", ".jpeg"}
_FIELDS = {
    "exam",
    "modality",
    "indication",
    "age",
    "sex",
    "technique",
    "comparison",
    "prior_report",
    "images",
    "accession",
    "study_instance_uid",
    "findings",
    "patient",
    "communication",
}


class StudyError(ValueError):
    """A study description or folder that cannot be used; the message names the field or file."""


@dataclass(slots=True)
class StudyInput:
    exam: str
    modality: str
    indication: str = ""
    age: int | None = None
    sex: str | None = None
    technique: str = ""
    comparison: str = ""
    prior_report: str = ""
    images: list[Path] = field(default_factory=list)
    accession: str = ""
    study_instance_uid: str = ""

    def context(self) -> dict[str, Any]:
        """The clinical context the guideline engines and checks take."""
        ctx: dict[str, Any] = {"exam": self.exam, "indication": self.indication}
        if self.age is not None:
            ctx["age"] = self.age
        if self.sex:
            ctx["sex"] = self.sex
        return ctx

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["images"] = [str(p) for p in self.images]
        return d


def _age(value: Any, where: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise StudyError(f"{where}: field 'age' must be a number of years, got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise StudyError(f"{where}: field 'age' must be a number of years, got {value!r}")
    if isinstance(value, int | float):
        age = int(value)
    elif isinstance(value, str) and value.strip().rstrip("Yy").isdigit():
        age = int(value.strip().rstrip("Yy"))  # DICOM PatientAge "063Y"
    else:
        raise StudyError(f"{where}: field 'age' must be a number of years, got {value!r}")
    if not 0 <= age <= 130:
        raise StudyError(f"{where}: field 'age' out of range (0 to 130 years): {value!r}")
    return age


def study_from_dict(
    data: dict[str, Any], base: Path | None = None, where: str = "study"
) -> tuple[StudyInput, str | None]:
    """A StudyInput and the dictated findings (or None) from a JSON study description."""
    if not isinstance(data, dict):
        raise StudyError(f"{where}: expected a JSON object")
    unknown = set(data) - _FIELDS
    if unknown:
        raise StudyError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_FIELDS)}")
    for key in ("exam", "modality"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise StudyError(f"{where}: field '{key}' is required and must be a non-empty string")
    images: list[Path] = []
    raw_images = data.get("images", [])
    if not isinstance(raw_images, list):
        raise StudyError(f"{where}: field 'images' must be a list of file paths")
    for item in raw_images:
        p = Path(str(item))
        if base is not None and not p.is_absolute():
            p = base / p
        if not p.is_file():
            raise StudyError(f"{where}: field 'images': no such file {p}")
        images.append(p)
    findings = data.get("findings")
    if findings is not None and not isinstance(findings, str):
        raise StudyError(f"{where}: field 'findings' must be a string")
    text_fields = {}
    for key in ("indication", "technique", "comparison", "prior_report", "accession", "study_instance_uid"):
        v = data.get(key, "")
        if not isinstance(v, str):
            raise StudyError(f"{where}: field '{key}' must be a string")
        text_fields[key] = v
    sex = data.get("sex")
    if sex is not None and (not isinstance(sex, str) or sex.strip().upper()[:1] not in ("M", "F", "O", "U")):
        raise StudyError(f"{where}: field 'sex' must be M, F, O or U, got {sex!r}")
    study = StudyInput(
        exam=data["exam"].strip(),
        modality=data["modality"].strip().upper(),
        age=_age(data.get("age"), where),
        sex=sex.strip().upper()[:1] if isinstance(sex, str) else None,
        images=images,
        **text_fields,
    )
    return study, findings


def load_study(path: str | Path) -> tuple[StudyInput, str | None]:
    """Load a study from a JSON description, or from a folder holding ``study.json`` and/or image files.

    A folder of DICOM files alone is read from the headers (Modality, StudyDescription, AccessionNumber,
    StudyInstanceUID, PatientSex, PatientAge).
    """
    p = Path(path)
    if p.is_file():
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StudyError(f"{p}: not a JSON study description ({exc})") from exc
        return study_from_dict(data, p.parent, str(p))
    if not p.is_dir():
        raise StudyError(f"{p}: no such file or folder")
    desc = p / "study.json"
    images = sorted(f for f in p.iterdir() if f.suffix.lower() in IMAGE_SUFFIXES)
    if desc.is_file():
        study, findings = load_study(desc)
        if not study.images:
            study.images = images
        return study, findings
    dicoms = [f for f in images if f.suffix.lower() in (".dcm", ".dicom")]
    if not dicoms:
        raise StudyError(f"{p}: no study.json and no DICOM files in the folder")
    from radpilot.interop.dicom_read import DicomReadError, read_dataset

    try:
        ds = read_dataset(dicoms[0], stop_before_pixels=True)
    except DicomReadError as exc:
        raise StudyError(f"{dicoms[0]}: {exc}") from exc
    data = {
        "exam": str(
            getattr(ds, "StudyDescription", "") or getattr(ds, "BodyPartExamined", "") or "Imaging study"
        ),
        "modality": str(getattr(ds, "Modality", "") or "OT"),
        "accession": str(getattr(ds, "AccessionNumber", "") or ""),
        "study_instance_uid": str(getattr(ds, "StudyInstanceUID", "") or ""),
        "sex": (str(getattr(ds, "PatientSex", "")) or None),
        "age": str(getattr(ds, "PatientAge", "")) or None,
        "images": [str(f) for f in images],
    }
    return study_from_dict(data, None, str(p))
