"""Read and validate a DICOM payload (bytes, a path or a binary stream) and extract its identifying metadata.

A payload is accepted only when it is a DICOM Part 10 file (PS3.10 Section 7.1: 128-byte preamble, ``DICM``
prefix, File Meta Information) whose data set decodes completely and carries the four UIDs that place an
instance in the information model (PS3.3 C.12.1 SOP Common, C.7.2.1 General Study, C.7.3.1 General Series).
Anything else raises :class:`DicomReadError` with a message that says what is wrong; nothing is half-read.
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pydicom import dcmread
from pydicom.dataset import Dataset, FileDataset
from pydicom.errors import InvalidDicomError
from pydicom.sequence import Sequence

Source = bytes | bytearray | memoryview | str | Path | BinaryIO

# PS3.5 Section 9.1: a UID is at most 64 characters of digits and dots, components without leading zeros.
_UID_RE = re.compile(r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$")

REQUIRED_UIDS = ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "SOPClassUID")


class DicomReadError(ValueError):
    """The payload is not a readable, well-formed DICOM instance."""


@dataclass(frozen=True, slots=True)
class InstanceMetadata:
    """The attributes a store needs to file an instance, named after the DICOM attribute keywords."""

    study_instance_uid: str
    series_instance_uid: str
    sop_instance_uid: str
    sop_class_uid: str
    transfer_syntax_uid: str | None
    accession_number: str | None
    modality: str | None
    patient_id: str | None
    patient_name: str | None
    patient_sex: str | None
    patient_birth_date: str | None
    patient_age: str | None
    study_date: str | None
    study_time: str | None
    study_description: str | None
    study_id: str | None
    series_description: str | None
    series_number: int | None
    instance_number: int | None
    body_part_examined: str | None
    view_position: str | None
    laterality: str | None
    referring_physician_name: str | None
    rows: int | None
    columns: int | None
    number_of_frames: int
    photometric_interpretation: str | None
    burned_in_annotation: str | None
    has_pixel_data: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _text(ds: Dataset, keyword: str) -> str | None:
    value = ds.get(keyword)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(ds: Dataset, keyword: str) -> int | None:
    value = ds.get(keyword)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _walk(ds: Dataset) -> None:
    """Decode every element (pydicom converts raw values lazily) so that a bad value fails here, not later."""
    for elem in ds:
        if isinstance(elem.value, Sequence):
            for item in elem.value:
                _walk(item)


def read_dataset(source: Source, *, stop_before_pixels: bool = False) -> FileDataset:
    """Read a DICOM Part 10 payload; raise :class:`DicomReadError` when it is not one.

    ``source`` is the file's bytes, a path, or a binary stream.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if not data:
            raise DicomReadError("empty payload: expected a DICOM Part 10 file")
        if len(data) < 132 or data[128:132] != b"DICM":
            raise DicomReadError(
                "not a DICOM Part 10 file: the 'DICM' prefix after the 128-byte preamble is missing "
                "(PS3.10 Section 7.1)"
            )
        stream: BinaryIO = io.BytesIO(data)
        name = "payload"
    elif isinstance(source, str | Path):
        path = Path(source)
        if not path.is_file():
            raise DicomReadError(f"{path}: no such file")
        stream = path.open("rb")
        name = str(path)
    else:
        stream = source
        name = getattr(source, "name", "stream")
    try:
        ds = dcmread(stream, stop_before_pixels=stop_before_pixels)
        _walk(ds)
    except InvalidDicomError as exc:
        raise DicomReadError(f"{name}: not a DICOM Part 10 file ({exc})") from None
    except (EOFError, struct.error, OverflowError) as exc:
        raise DicomReadError(
            f"{name}: truncated or corrupt DICOM data ({exc or type(exc).__name__})"
        ) from None
    except (ValueError, TypeError, KeyError, NotImplementedError) as exc:
        raise DicomReadError(f"{name}: malformed DICOM data ({exc})") from None
    finally:
        if isinstance(source, str | Path):
            stream.close()
    validate(ds, name=name)
    return ds


def validate(ds: Dataset, *, name: str = "dataset") -> None:
    """Check the identifying UIDs (PS3.3 C.12.1, C.7.2.1, C.7.3.1) and, when present, the pixel data size."""
    for keyword in REQUIRED_UIDS:
        value = _text(ds, keyword)
        if value is None:
            raise DicomReadError(f"{name}: required attribute {keyword} is missing or empty")
        if len(value) > 64 or not _UID_RE.match(value):
            raise DicomReadError(f"{name}: {keyword} {value!r} is not a valid UID (PS3.5 Section 9.1)")
    if "PixelData" in ds:
        _check_pixel_data_length(ds, name)


def _check_pixel_data_length(ds: Dataset, name: str) -> None:
    """Native (uncompressed) Pixel Data must hold Rows x Columns x Samples x Frames x BitsAllocated bits."""
    meta = getattr(ds, "file_meta", None)
    tsuid = meta.get("TransferSyntaxUID") if meta is not None else None
    if tsuid is not None and tsuid.is_compressed:
        return
    try:
        rows, cols = int(ds.Rows), int(ds.Columns)
        samples = int(ds.get("SamplesPerPixel", 1))
        frames = int(ds.get("NumberOfFrames", 1) or 1)
        bits = int(ds.BitsAllocated)
    except (AttributeError, TypeError, ValueError) as exc:
        raise DicomReadError(
            f"{name}: Pixel Data present but the Image Pixel module is incomplete ({exc})"
        ) from None
    expected = (rows * cols * samples * frames * bits + 7) // 8
    actual = len(ds.PixelData)
    if actual < expected:
        raise DicomReadError(
            f"{name}: Pixel Data holds {actual} bytes, {expected} expected for {rows}x{cols}x{samples} "
            f"x {frames} frame(s) at {bits} bits"
        )


def extract_metadata(ds: Dataset) -> InstanceMetadata:
    """Study/series/instance identification of a (validated) data set."""
    meta = getattr(ds, "file_meta", None)
    tsuid = meta.get("TransferSyntaxUID") if meta is not None else None
    return InstanceMetadata(
        study_instance_uid=str(ds.StudyInstanceUID),
        series_instance_uid=str(ds.SeriesInstanceUID),
        sop_instance_uid=str(ds.SOPInstanceUID),
        sop_class_uid=str(ds.SOPClassUID),
        transfer_syntax_uid=str(tsuid) if tsuid else None,
        accession_number=_text(ds, "AccessionNumber"),
        modality=_text(ds, "Modality"),
        patient_id=_text(ds, "PatientID"),
        patient_name=_text(ds, "PatientName"),
        patient_sex=_text(ds, "PatientSex"),
        patient_birth_date=_text(ds, "PatientBirthDate"),
        patient_age=_text(ds, "PatientAge"),
        study_date=_text(ds, "StudyDate"),
        study_time=_text(ds, "StudyTime"),
        study_description=_text(ds, "StudyDescription"),
        study_id=_text(ds, "StudyID"),
        series_description=_text(ds, "SeriesDescription"),
        series_number=_int(ds, "SeriesNumber"),
        instance_number=_int(ds, "InstanceNumber"),
        body_part_examined=_text(ds, "BodyPartExamined"),
        view_position=_text(ds, "ViewPosition"),
        laterality=_text(ds, "ImageLaterality") or _text(ds, "Laterality"),
        referring_physician_name=_text(ds, "ReferringPhysicianName"),
        rows=_int(ds, "Rows"),
        columns=_int(ds, "Columns"),
        number_of_frames=_int(ds, "NumberOfFrames") or 1,
        photometric_interpretation=_text(ds, "PhotometricInterpretation"),
        burned_in_annotation=_text(ds, "BurnedInAnnotation"),
        has_pixel_data="PixelData" in ds or "FloatPixelData" in ds or "DoubleFloatPixelData" in ds,
    )


def read_instance(
    source: Source, *, stop_before_pixels: bool = False
) -> tuple[FileDataset, InstanceMetadata]:
    """Read, validate and describe one instance."""
    ds = read_dataset(source, stop_before_pixels=stop_before_pixels)
    return ds, extract_metadata(ds)


def to_bytes(ds: Dataset) -> bytes:
    """Encode a data set as a DICOM Part 10 file (the form STOW-RS and storage on disk use)."""
    buf = io.BytesIO()
    ds.save_as(buf, enforce_file_format=True)
    return buf.getvalue()
