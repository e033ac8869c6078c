"""Shared fixtures: the real chest radiographs (read in place, never copied) and synthetic DICOM builders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

CXR_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "cxr"
if not CXR_DIR.exists():
    CXR_DIR = Path("/work/shared/data/cxr")


@pytest.fixture(scope="session")
def cxr_dir() -> Path:
    """The folder of real images; tests that need it skip (visibly) only when it does not exist."""
    if not CXR_DIR.is_dir():
        pytest.skip(f"real chest radiographs not available at {CXR_DIR}")
    return CXR_DIR


@pytest.fixture(scope="session")
def cxr_dcm(cxr_dir: Path) -> Path:
    return cxr_dir / "siim_nih_cr.dcm"


@pytest.fixture(scope="session")
def cxr_dcm_mono1(cxr_dir: Path) -> Path:
    return cxr_dir / "siim_nih_cr_monochrome1.dcm"


def make_image(
    pixels: np.ndarray[Any, Any],
    *,
    photometric: str = "MONOCHROME2",
    sop_class: str = "1.2.840.10008.5.1.4.1.1.7",
    modality: str = "OT",
    signed: bool = False,
    **attrs: Any,
) -> Dataset:
    """A minimal, valid uncompressed image instance around ``pixels`` (HxW, FxHxW or HxWx3)."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = UID(sop_class)
    sop_uid = generate_uid()
    ds.file_meta.MediaStorageSOPInstanceUID = sop_uid
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = sop_uid
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = modality
    ds.PatientID = "P1"
    ds.PatientName = "Test^Patient"
    color = photometric == "RGB"
    frames = pixels.shape[0] if (pixels.ndim == 3 and not color) else 1
    ds.Rows, ds.Columns = pixels.shape[-3:-1] if color else pixels.shape[-2:]
    if frames > 1:
        ds.NumberOfFrames = frames
    ds.SamplesPerPixel = 3 if color else 1
    if color:
        ds.PlanarConfiguration = 0
    ds.PhotometricInterpretation = photometric
    bits = pixels.dtype.itemsize * 8
    ds.BitsAllocated = bits
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 1 if signed else 0
    ds.PixelData = np.ascontiguousarray(pixels).tobytes()
    for key, value in attrs.items():
        setattr(ds, key, value)
    return ds
