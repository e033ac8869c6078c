from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from radpilot.interop.dicom_read import DicomReadError, read_dataset, read_instance, to_bytes

from .conftest import make_image


def test_real_cr_metadata(cxr_dcm: Path) -> None:
    ds, meta = read_instance(cxr_dcm)
    assert meta.modality == "CR"
    assert meta.sop_class_uid == "1.2.840.10008.5.1.4.1.1.7"
    assert meta.study_instance_uid == "1.2.276.0.7230010.3.1.2.8323329.6904.1517875201.850818"
    assert meta.transfer_syntax_uid == "1.2.840.10008.1.2.4.50"  # JPEG Baseline
    assert (meta.rows, meta.columns, meta.number_of_frames) == (1024, 1024, 1)
    assert meta.patient_sex == "M" and meta.body_part_examined == "CHEST" and meta.view_position == "PA"
    assert meta.accession_number is None  # empty in the file
    assert ds.pixel_array.shape == (1024, 1024)  # decodes offline (Pillow plugin)


def test_reads_bytes_and_streams(cxr_dcm: Path) -> None:
    data = cxr_dcm.read_bytes()
    assert read_instance(data)[1].sop_instance_uid == read_instance(io.BytesIO(data))[1].sop_instance_uid


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "empty payload"),
        (b"hello world, not dicom at all" * 10, "'DICM' prefix"),
        (b"\x00" * 128 + b"DICM" + b"\x02\x00\x10\x00UI\x40\x00", "truncated or corrupt|malformed|missing"),
    ],
)
def test_non_dicom_payloads_are_refused(payload: bytes, message: str) -> None:
    with pytest.raises(DicomReadError, match=message):
        read_dataset(payload)


def test_truncated_file_is_refused(cxr_dcm: Path) -> None:
    data = cxr_dcm.read_bytes()
    with pytest.raises(DicomReadError):
        read_dataset(data[:600])


def test_missing_uid_is_named() -> None:
    ds = make_image(np.zeros((4, 4), dtype=np.uint8))
    del ds.SeriesInstanceUID
    with pytest.raises(DicomReadError, match="SeriesInstanceUID is missing"):
        read_dataset(to_bytes(ds))


def test_bad_uid_is_named() -> None:
    ds = make_image(np.zeros((4, 4), dtype=np.uint8))
    ds.StudyInstanceUID = "1.2.03.abc"
    with pytest.raises(DicomReadError, match=r"StudyInstanceUID .* not a valid UID"):
        read_dataset(to_bytes(ds))


def test_short_pixel_data_is_refused() -> None:
    ds = make_image(np.zeros((8, 8), dtype=np.uint16))
    ds.PixelData = ds.PixelData[:10]
    with pytest.raises(DicomReadError, match="Pixel Data holds 10 bytes, 128 expected"):
        read_dataset(to_bytes(ds))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DicomReadError, match="no such file"):
        read_dataset(tmp_path / "nope.dcm")
