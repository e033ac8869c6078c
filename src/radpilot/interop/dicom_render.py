"""DICOM -> 8-bit image for the viewer and for vision backends.

The grayscale pipeline follows PS3.4 Annex N (Grayscale Standard Display Function pipeline): stored values
-> Modality LUT (PS3.3 C.11.1: Modality LUT Sequence, or Rescale Slope/Intercept, also read from the Pixel
Value Transformation functional group of multi-frame IODs) -> VOI LUT (PS3.3 C.11.2: VOI LUT Sequence or
Window Center/Width with VOI LUT Function LINEAR, LINEAR_EXACT or SIGMOID, C.11.2.1.2-3) -> polarity
(MONOCHROME1 is displayed inverted, PS3.3 C.7.6.3.1.2; Presentation LUT Shape INVERSE, C.11.6.1.2).
Colour images (RGB, YBR_*, PALETTE COLOR) are converted to RGB and not windowed.

:func:`render_for_model` is the path for model backends: it refuses images whose Burned In Annotation
(0028,0301) is YES unless explicitly allowed and hands back, with the pixels, a header stripped of PHI
(:func:`deidentify`, PS3.15 Annex E Basic Application Level Confidentiality Profile with the Retain Patient
Characteristics Option).
"""

from __future__ import annotations

import copy
import hashlib
import io
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from PIL import Image
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from pydicom.pixels.processing import apply_color_lut, apply_modality_lut, apply_voi
from pydicom.sequence import Sequence
from pydicom.uid import UID

FloatArray = npt.NDArray[np.float64]
UInt8Array = npt.NDArray[np.uint8]


class RenderError(ValueError):
    """The instance cannot be rendered as asked (no pixels, bad frame index, unknown window...)."""


class BurnedInAnnotationError(RenderError):
    """Burned In Annotation (0028,0301) is YES and the caller did not allow burned-in text."""


@dataclass(frozen=True, slots=True)
class Window:
    """A VOI window in modality units (PS3.3 C.11.2.1.2).

    Window Center (0028,1050) and Window Width (0028,1051).
    """

    center: float
    width: float

    def __post_init__(self) -> None:
        if not self.width >= 1:
            raise RenderError(f"window width must be >= 1 (PS3.3 C.11.2.1.2.1), got {self.width}")


#: Window presets in Hounsfield units; they apply to images whose modality LUT yields HU (CT).
WINDOW_PRESETS: dict[str, Window] = {
    "lung": Window(center=-600, width=1500),
    "mediastinum": Window(center=50, width=350),
    "bone": Window(center=400, width=1800),
    "soft_tissue": Window(center=40, width=400),
}
_PRESET_ALIASES = {"soft-tissue": "soft_tissue", "softtissue": "soft_tissue", "soft tissue": "soft_tissue"}

#: ``"default"`` uses the instance's own VOI (VOI LUT Sequence, else the first Window Center/Width, else the
#: frame's value range); ``"full"`` always maps the frame's value range.
WindowSpec = Window | str | None

_MONO = ("MONOCHROME1", "MONOCHROME2")


def parse_window(spec: WindowSpec) -> Window | Literal["default", "full"]:
    """A preset name, ``"default"``, ``"full"``, ``"C,W"`` / ``"C/W"`` numbers, or a :class:`Window`."""
    if spec is None:
        return "default"
    if isinstance(spec, Window):
        return spec
    key = _PRESET_ALIASES.get(spec.strip().lower(), spec.strip().lower())
    if key in ("default", "full"):
        return "default" if key == "default" else "full"
    if key in WINDOW_PRESETS:
        return WINDOW_PRESETS[key]
    for sep in (",", "/"):
        if sep in key:
            left, _, right = key.partition(sep)
            try:
                center, width = float(left), float(right)
            except ValueError:
                break
            return Window(center=center, width=width)
    names = ", ".join([*WINDOW_PRESETS, "default", "full", "'center,width'"])
    raise RenderError(f"unknown window {spec!r}; use one of {names}")


def _is_hounsfield(ds: Dataset) -> bool:
    rescale_type = str(ds.get("RescaleType", "")).upper()
    return rescale_type == "HU" or (
        str(ds.get("Modality", "")).upper() == "CT" and rescale_type in ("", "HU")
    )


def frame_count(ds: Dataset) -> int:
    try:
        return max(1, int(ds.get("NumberOfFrames", 1) or 1))
    except (TypeError, ValueError):
        return 1


def _frame_pixels(ds: Dataset, frame: int) -> npt.NDArray[np.generic]:
    if "PixelData" not in ds and "FloatPixelData" not in ds and "DoubleFloatPixelData" not in ds:
        raise RenderError("the instance has no pixel data (e.g. an SR or a presentation state)")
    frames = frame_count(ds)
    if not 0 <= frame < frames:
        raise RenderError(f"frame index {frame} out of range: the instance has {frames} frame(s)")
    try:
        arr = ds.pixel_array
    except (ValueError, RuntimeError, NotImplementedError, AttributeError, KeyError) as exc:
        raise RenderError(f"cannot decode pixel data: {exc}") from None
    if frames > 1:
        arr = arr[frame]
    return np.asarray(arr)


def _functional_group_item(ds: Dataset, frame: int, sequence: str) -> Dataset | None:
    """The item of a functional group macro for ``frame`` (per-frame wins over shared, PS3.3 C.7.6.16)."""
    for group_kw, index in (
        ("PerFrameFunctionalGroupsSequence", frame),
        ("SharedFunctionalGroupsSequence", 0),
    ):
        groups = ds.get(group_kw)
        if groups is not None and len(groups) > index:
            seq = groups[index].get(sequence)
            if seq is not None and len(seq) > 0:
                item: Dataset = seq[0]
                return item
    return None


def modality_values(ds: Dataset, arr: npt.NDArray[np.generic], frame: int = 0) -> FloatArray:
    """Apply the Modality LUT stage (PS3.3 C.11.1) to one frame of stored values."""
    if "ModalityLUTSequence" in ds:
        return np.asarray(apply_modality_lut(arr, ds), dtype=np.float64)
    source: Dataset = ds
    if "RescaleSlope" not in ds and "RescaleIntercept" not in ds:
        item = _functional_group_item(ds, frame, "PixelValueTransformationSequence")
        if item is not None:
            source = item
    slope = float(source.get("RescaleSlope", 1) or 1)
    intercept = float(source.get("RescaleIntercept", 0) or 0)
    return arr.astype(np.float64) * slope + intercept


def _voi_attributes(ds: Dataset, frame: int) -> Dataset:
    """Where the VOI attributes of ``frame`` live: the top level or the Frame VOI LUT functional group."""
    if "WindowCenter" in ds or "VOILUTSequence" in ds:
        return ds
    item = _functional_group_item(ds, frame, "FrameVOILUTSequence")
    return item if item is not None else ds


def _first(value: object) -> float:
    """Window Center/Width may be multi-valued (several windows); the first one is the default."""
    if isinstance(value, MultiValue | list | tuple):
        value = value[0]
    return float(value)  # type: ignore[arg-type]


def _preset_name(spec: WindowSpec) -> str | None:
    if not isinstance(spec, str):
        return None
    key = spec.strip().lower()
    key = _PRESET_ALIASES.get(key, key)
    return key if key in WINDOW_PRESETS else None


def apply_window(values: FloatArray, window: Window, function: str = "LINEAR") -> FloatArray:
    """Map modality values to [0, 1] with a VOI window (PS3.3 C.11.2.1.2.1 LINEAR, C.11.2.1.3.1 LINEAR_EXACT,
    C.11.2.1.3.2 SIGMOID)."""
    c, w = window.center, window.width
    function = function.upper() or "LINEAR"
    if function == "SIGMOID":
        return np.asarray(1.0 / (1.0 + np.exp(-4.0 * (values - c) / w)), dtype=np.float64)
    if function == "LINEAR_EXACT":
        lo, hi = c - w / 2, c + w / 2
    else:  # LINEAR, with the standard's half-sample offsets
        lo, hi = c - 0.5 - (w - 1) / 2, c - 0.5 + (w - 1) / 2
    if hi <= lo:
        return np.where(values > c, 1.0, 0.0)
    return np.asarray(np.clip((values - lo) / (hi - lo), 0.0, 1.0), dtype=np.float64)


def _full_range(values: FloatArray) -> FloatArray:
    lo, hi = float(values.min()), float(values.max())
    if hi <= lo:
        return np.zeros_like(values)
    return (values - lo) / (hi - lo)


def _voi_lut_output(ds: Dataset, values: FloatArray, frame: int) -> FloatArray:
    """Apply the first VOI LUT Sequence item (PS3.3 C.11.2.1.1) and scale its output to [0, 1]."""
    source = _voi_attributes(ds, frame)
    item = source.VOILUTSequence[0]
    bits = int(item.LUTDescriptor[2]) if len(item.LUTDescriptor) > 2 else 16
    carrier = Dataset()
    carrier.VOILUTSequence = Sequence([item])
    out = apply_voi(np.rint(values).astype(np.int64), carrier, index=0).astype(np.float64)
    top = float(2**bits - 1) if bits > 0 else float(out.max() or 1)
    return np.asarray(np.clip(out / top, 0.0, 1.0), dtype=np.float64)


def render_array(
    ds: Dataset,
    *,
    frame: int = 0,
    window: WindowSpec = None,
    max_size: int | None = None,
) -> UInt8Array:
    """Render one frame to an 8-bit array (``HxW`` grayscale or ``HxWx3`` RGB), downscaled so that neither
    side exceeds ``max_size`` (aspect ratio kept, never upscaled)."""
    chosen = parse_window(window)
    photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2")).upper()
    arr = _frame_pixels(ds, frame)
    if photometric in _MONO:
        if _preset_name(window) and not _is_hounsfield(ds):
            raise RenderError(
                f"window preset {window!r} is in Hounsfield units and this {ds.get('Modality', '')} image "
                "has no HU modality LUT; use 'default', 'full' or an explicit 'center,width'"
            )
        values = modality_values(ds, arr, frame)
        voi = _voi_attributes(ds, frame)
        if isinstance(chosen, Window):
            unit = apply_window(values, chosen, "LINEAR")
        elif chosen == "full":
            unit = _full_range(values)
        elif "VOILUTSequence" in voi:
            unit = _voi_lut_output(ds, values, frame)
        elif "WindowCenter" in voi and "WindowWidth" in voi:
            win = Window(center=_first(voi.WindowCenter), width=max(1.0, _first(voi.WindowWidth)))
            unit = apply_window(values, win, str(voi.get("VOILUTFunction", "LINEAR")))
        else:
            unit = _full_range(values)
        inverse = str(ds.get("PresentationLUTShape", "")).upper() == "INVERSE"
        if photometric == "MONOCHROME1" or inverse:
            unit = 1.0 - unit
        out = np.rint(unit * 255.0).astype(np.uint8)
    elif photometric == "PALETTE COLOR":
        rgb = apply_color_lut(arr, ds)
        out = _to_uint8_rgb(np.asarray(rgb), 16 if rgb.dtype != np.uint8 else 8)
    elif photometric in ("RGB", "YBR_FULL", "YBR_FULL_422", "YBR_RCT", "YBR_ICT"):
        # pydicom converts YBR to RGB while decoding (as_rgb default)
        out = _to_uint8_rgb(arr, int(ds.get("BitsStored", 8)))
    else:
        raise RenderError(f"unsupported Photometric Interpretation {photometric!r}")
    return _downscale(out, max_size)


def _to_uint8_rgb(arr: npt.NDArray[np.generic], bits: int) -> UInt8Array:
    if arr.dtype == np.uint8:
        return np.asarray(arr, dtype=np.uint8)
    return np.asarray(np.clip(arr.astype(np.float64) / (2**bits - 1) * 255.0, 0, 255).round(), dtype=np.uint8)


def _downscale(arr: UInt8Array, max_size: int | None) -> UInt8Array:
    if max_size is None:
        return arr
    if max_size < 1:
        raise RenderError(f"max_size must be a positive number of pixels, got {max_size}")
    h, w = arr.shape[:2]
    scale = max_size / max(h, w)
    if scale >= 1:
        return arr
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    img = Image.fromarray(arr).resize(size, Image.Resampling.LANCZOS)
    return np.asarray(img, dtype=np.uint8)


def to_png(arr: UInt8Array) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def render_png(
    ds: Dataset, *, frame: int = 0, window: WindowSpec = None, max_size: int | None = None
) -> bytes:
    """Render one frame as PNG bytes (see :func:`render_array`)."""
    return to_png(render_array(ds, frame=frame, window=window, max_size=max_size))


# --- de-identification for model backends -------------------------------------------------------------------

# PS3.15 Table E.1-1 (subset that occurs in the headers we ingest): X remove, Z zero-length, U replace UID.
_REMOVE = (
    "OtherPatientIDs",
    "OtherPatientIDsSequence",
    "OtherPatientNames",
    "PatientAddress",
    "PatientTelephoneNumbers",
    "PatientBirthTime",
    "PatientMotherBirthName",
    "MilitaryRank",
    "BranchOfService",
    "MedicalRecordLocator",
    "EthnicGroup",
    "Occupation",
    "AdditionalPatientHistory",
    "PatientComments",
    "CountryOfResidence",
    "RegionOfResidence",
    "InstitutionName",
    "InstitutionAddress",
    "InstitutionalDepartmentName",
    "ReferringPhysicianAddress",
    "ReferringPhysicianTelephoneNumbers",
    "PhysiciansOfRecord",
    "PerformingPhysicianName",
    "NameOfPhysiciansReadingStudy",
    "OperatorsName",
    "RequestingPhysician",
    "StationName",
    "DeviceSerialNumber",
    "RequestAttributesSequence",
    "AdmittingDiagnosesDescription",
    "ImageComments",
    "StudyComments",
    "RequestedProcedureDescription",
    "PerformedProcedureStepDescription",
    "ScheduledProcedureStepDescription",
    "AcquisitionDateTime",
    "ContentDate",
    "ContentTime",
    "AcquisitionDate",
    "AcquisitionTime",
    "SeriesDate",
    "SeriesTime",
    "InstanceCreationDate",
    "InstanceCreationTime",
    "PatientBirthName",
    "ResponsiblePerson",
    "IssuerOfPatientID",
    "ReferencedPatientSequence",
    "ReferencedStudySequence",
    "ProtocolName",
    "DerivationDescription",
    "CurrentPatientLocation",
)
_ZERO = (
    "PatientName",
    "PatientID",
    "PatientBirthDate",
    "AccessionNumber",
    "StudyID",
    "StudyDate",
    "StudyTime",
    "ReferringPhysicianName",
)
_UIDS = ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID")


def _replace_uid(uid: str, salt: str) -> str:
    digest = hashlib.sha256(f"{salt}:{uid}".encode()).digest()
    return f"2.25.{int.from_bytes(digest[:16], 'big')}"


def deidentify(ds: Dataset, *, uid_salt: str = "radpilot") -> Dataset:
    """A de-identified copy of ``ds`` (the input is not modified).

    PS3.15 Annex E Basic Application Level Confidentiality Profile, with the Retain Patient Characteristics
    Option (sex, age, size, weight are kept: they matter to a reader). Identifying attributes are removed or
    emptied, private attributes and overlays (groups 60xx: they can hold burned-in text) are dropped, instance
    UIDs are replaced by ``2.25`` UIDs derived from a keyed hash (stable for a given ``uid_salt``), and
    Patient Identity Removed (0012,0062) and De-identification Method Code Sequence (0012,0064) record
    what was done.
    """
    out = copy.deepcopy(ds)
    out.remove_private_tags()
    for tag in [e.tag for e in out if 0x6000 <= e.tag.group <= 0x60FF and e.tag.group % 2 == 0]:
        del out[tag]
    for keyword in _REMOVE:
        if keyword in out:
            delattr(out, keyword)
    for keyword in _ZERO:
        if keyword in out:
            setattr(out, keyword, "")
    for keyword in _UIDS:
        if keyword in out and str(out.get(keyword, "")):
            setattr(out, keyword, _replace_uid(str(out.get(keyword)), uid_salt))
    meta = getattr(out, "file_meta", None)
    if meta is not None and "MediaStorageSOPInstanceUID" in meta and "SOPInstanceUID" in out:
        meta.MediaStorageSOPInstanceUID = UID(str(out.SOPInstanceUID))
    out.PatientIdentityRemoved = "YES"
    out.DeidentificationMethod = "PS3.15 Basic Profile + Retain Patient Characteristics"
    codes = []
    for value, meaning in (
        ("113100", "Basic Application Confidentiality Profile"),
        ("113108", "Retain Patient Characteristics Option"),
    ):
        item = Dataset()
        item.CodeValue = value
        item.CodingSchemeDesignator = "DCM"
        item.CodeMeaning = meaning
        codes.append(item)
    out.DeidentificationMethodCodeSequence = Sequence(codes)
    return out


@dataclass(frozen=True, slots=True)
class ModelImage:
    """What a vision backend receives: PNG pixels and a de-identified header (no pixel data in it)."""

    png: bytes
    width: int
    height: int
    header: Dataset
    burned_in_annotation: str | None


def render_for_model(
    ds: Dataset,
    *,
    allow_burned_in: bool = False,
    frame: int = 0,
    window: WindowSpec = None,
    max_size: int | None = 1024,
    uid_salt: str = "radpilot",
) -> ModelImage:
    """Render for a model backend without PHI.

    Raises :class:`BurnedInAnnotationError` when Burned In Annotation (0028,0301) is ``YES`` and
    ``allow_burned_in`` is False: the pixels themselves would carry identifying text.
    """
    burned = str(ds.get("BurnedInAnnotation", "")).strip().upper() or None
    if burned == "YES" and not allow_burned_in:
        raise BurnedInAnnotationError(
            "Burned In Annotation (0028,0301) is YES: the pixels may show identifying text; "
            "refusing to send them to a model backend (pass allow_burned_in=True to override)"
        )
    arr = render_array(ds, frame=frame, window=window, max_size=max_size)
    header = deidentify(ds, uid_salt=uid_salt)
    for keyword in ("PixelData", "FloatPixelData", "DoubleFloatPixelData"):
        if keyword in header:
            delattr(header, keyword)
    return ModelImage(
        png=to_png(arr),
        width=int(arr.shape[1]),
        height=int(arr.shape[0]),
        header=header,
        burned_in_annotation=burned,
    )
