from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from radpilot.interop.dicom_read import read_dataset
from radpilot.interop.dicom_render import (
    WINDOW_PRESETS,
    BurnedInAnnotationError,
    RenderError,
    Window,
    deidentify,
    parse_window,
    render_array,
    render_for_model,
    render_png,
)

from .conftest import make_image

CT = "1.2.840.10008.5.1.4.1.1.2"


def ct_image(hu: list[int], **attrs: Any) -> Dataset:
    """A 1xN CT row whose stored values give ``hu`` through RescaleIntercept -2048."""
    stored = np.array([[h + 2048 for h in hu]], dtype=np.uint16)
    return make_image(stored, sop_class=CT, modality="CT", RescaleSlope=1, RescaleIntercept=-2048, **attrs)


# LINEAR window (PS3.3 C.11.2.1.2.1): lung C=-600 W=1500 maps [-1350, 149] onto [0, 255].
@pytest.mark.parametrize(
    ("preset", "hu", "expected"),
    [
        ("lung", -2000, 0),
        ("lung", -1350, 0),
        ("lung", -600, 128),
        ("lung", 149, 255),
        ("lung", 1000, 255),
        ("mediastinum", -200, 0),
        ("mediastinum", 50, 128),
        ("mediastinum", 300, 255),
        ("bone", 400, 128),
        ("soft_tissue", 40, 128),
        ("soft-tissue", 240, 255),
    ],
)
def test_ct_window_presets(preset: str, hu: int, expected: int) -> None:
    out = render_array(ct_image([hu]), window=preset)
    assert abs(int(out[0, 0]) - expected) <= 1


def test_rescale_slope_is_applied() -> None:
    # stored 0..200, slope 2, intercept -100 -> -100..300; window 100,400 (LINEAR_EXACT-free) -> ramp
    stored = np.array([[0, 50, 100, 200]], dtype=np.uint16)
    ds = make_image(stored, sop_class=CT, modality="CT", RescaleSlope=2, RescaleIntercept=-100)
    out = render_array(ds, window=Window(center=100, width=401))
    assert out[0, 0] == 0 and out[0, 3] == 255 and out[0, 1] < out[0, 2]
    # with slope 1 the same stored values give another image: the slope matters
    ds.RescaleSlope = 1
    assert not np.array_equal(render_array(ds, window=Window(center=100, width=401)), out)


def test_monochrome1_is_inverted() -> None:
    pixels = np.array([[0, 100, 200, 255]], dtype=np.uint8)
    mono2 = render_array(make_image(pixels, photometric="MONOCHROME2"))
    mono1 = render_array(make_image(pixels, photometric="MONOCHROME1"))
    assert mono2.tolist() == [[0, 100, 200, 255]]
    assert mono1.tolist() == [[255, 155, 55, 0]]


def test_dataset_window_is_the_default() -> None:
    pixels = np.array([[0, 1000, 2000, 4000]], dtype=np.uint16)
    ds = make_image(pixels, WindowCenter=1000, WindowWidth=1000)
    out = render_array(ds)
    assert out[0, 0] == 0 and out[0, 2] == 255 and 120 < out[0, 1] < 136
    # "full" ignores the dataset window and maps the value range
    assert render_array(ds, window="full")[0].tolist() == [0, 64, 128, 255]


def test_sigmoid_voi_lut_function() -> None:
    pixels = np.array([[0, 500, 1000, 1500, 2000]], dtype=np.uint16)
    ds = make_image(pixels, WindowCenter=1000, WindowWidth=1000, VOILUTFunction="SIGMOID")
    out = render_array(ds)[0]
    assert out[2] in (127, 128) and out[0] < 10 and out[4] > 245


def test_voi_lut_sequence() -> None:
    pixels = np.array([[0, 1, 2, 3]], dtype=np.uint16)
    ds = make_image(pixels)
    item = Dataset()
    item.LUTDescriptor = [4, 0, 8]  # 4 entries, first mapped value 0, 8-bit output
    item.LUTData = [255, 0, 128, 64]  # an inverting, non-monotonic LUT proves the table is used
    ds.VOILUTSequence = Sequence([item])
    assert render_array(ds)[0].tolist() == [255, 0, 128, 64]


def test_multiframe_frame_index() -> None:
    frames = np.stack([np.full((2, 2), v, dtype=np.uint16) for v in (0, 500, 1000)])
    ds = make_image(frames, WindowCenter=500, WindowWidth=1000)
    assert [int(render_array(ds, frame=i)[0, 0]) for i in range(3)] == [0, 128, 255]
    with pytest.raises(RenderError, match="frame index 3 out of range: the instance has 3 frame"):
        render_array(ds, frame=3)


def test_multiframe_functional_group_rescale() -> None:
    frames = np.stack([np.full((2, 2), v, dtype=np.uint16) for v in (1024, 1624)])
    ds = make_image(frames, sop_class="1.2.840.10008.5.1.4.1.1.2.1", modality="CT")
    transform = Dataset()
    transform.RescaleSlope = 1
    transform.RescaleIntercept = -1024
    transform.RescaleType = "HU"
    shared = Dataset()
    shared.PixelValueTransformationSequence = Sequence([transform])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    # HU 0 and 600 under the mediastinum window (C 50, W 350): below centre, and saturated
    values = [int(render_array(ds, frame=i, window="mediastinum")[0, 0]) for i in range(2)]
    assert values[0] < 128 < values[1] == 255


def test_downscale_keeps_aspect_and_never_upscales() -> None:
    ds = make_image(np.zeros((100, 50), dtype=np.uint8))
    assert render_array(ds, max_size=20).shape == (20, 10)
    assert render_array(ds, max_size=1000).shape == (100, 50)
    with pytest.raises(RenderError, match="max_size"):
        render_array(ds, max_size=0)


def test_rgb_image() -> None:
    pixels = np.zeros((2, 2, 3), dtype=np.uint8)
    pixels[..., 0] = 200
    out = render_array(make_image(pixels, photometric="RGB"))
    assert out.shape == (2, 2, 3) and out[0, 0].tolist() == [200, 0, 0]


@pytest.mark.parametrize(
    ("spec", "message"),
    [("brain-ish", "unknown window"), ("40,0", "window width must be >= 1")],
)
def test_bad_window_spec(spec: str, message: str) -> None:
    with pytest.raises(RenderError, match=message):
        parse_window(spec)


def test_window_string_forms() -> None:
    assert parse_window("40,400") == Window(40, 400)
    assert parse_window("Lung") == WINDOW_PRESETS["lung"]
    assert parse_window(None) == "default"


def test_hu_preset_on_radiograph_is_refused(cxr_dcm: Path) -> None:
    ds = read_dataset(cxr_dcm)
    with pytest.raises(RenderError, match="Hounsfield"):
        render_array(ds, window="lung")


def test_no_pixel_data() -> None:
    ds = make_image(np.zeros((2, 2), dtype=np.uint8))
    del ds.PixelData
    with pytest.raises(RenderError, match="no pixel data"):
        render_array(ds)


def test_real_monochrome1_renders_as_the_inverse(cxr_dcm: Path, cxr_dcm_mono1: Path) -> None:
    mono2 = render_array(read_dataset(cxr_dcm), max_size=256).astype(int)
    mono1 = render_array(read_dataset(cxr_dcm_mono1), max_size=256).astype(int)
    assert mono2.shape == (256, 256)
    assert np.abs((255 - mono1) - mono2).max() <= 1
    assert mono2.std() > 20  # a real image, not a flat one


def test_real_png(cxr_dcm: Path) -> None:
    png = render_png(read_dataset(cxr_dcm), max_size=512)
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size == (512, 512) and img.mode == "L"


def test_model_render_strips_phi(cxr_dcm: Path) -> None:
    ds = read_dataset(cxr_dcm)
    ds.PatientName = "Doe^Jane"
    ds.InstitutionName = "General Hospital"
    ds.AccessionNumber = "ACC123"
    ds.add_new(0x00091001, "LO", "private secret")
    image = render_for_model(ds, max_size=224)
    header = image.header
    assert (image.width, image.height) == (224, 224)
    assert str(header.PatientName) == "" and str(header.PatientID) == "" and str(header.AccessionNumber) == ""
    assert "InstitutionName" not in header and 0x00091001 not in header and "PixelData" not in header
    assert header.PatientSex == "M"  # Retain Patient Characteristics Option
    assert header.PatientIdentityRemoved == "YES"
    assert header.DeidentificationMethodCodeSequence[0].CodeValue == "113100"
    assert header.StudyInstanceUID != ds.StudyInstanceUID and header.StudyInstanceUID.startswith("2.25.")
    assert str(ds.PatientName) == "Doe^Jane"  # the input is untouched
    assert Image.open(io.BytesIO(image.png)).size == (224, 224)


def test_burned_in_annotation_is_refused_unless_allowed() -> None:
    ds = make_image(np.zeros((4, 4), dtype=np.uint8), BurnedInAnnotation="YES")
    with pytest.raises(BurnedInAnnotationError, match="Burned In Annotation"):
        render_for_model(ds)
    assert render_for_model(ds, allow_burned_in=True).burned_in_annotation == "YES"


def test_deidentify_is_stable_per_salt() -> None:
    ds = make_image(np.zeros((2, 2), dtype=np.uint8))
    a, b, c = deidentify(ds), deidentify(ds), deidentify(ds, uid_salt="other")
    assert a.SOPInstanceUID == b.SOPInstanceUID != c.SOPInstanceUID
    assert a.file_meta.MediaStorageSOPInstanceUID == a.SOPInstanceUID
