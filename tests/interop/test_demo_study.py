from __future__ import annotations

from pathlib import Path

import numpy as np

from radpilot.interop.demo_study import build_demo_study, demo_png_path, write_demo_study
from radpilot.interop.dicom_read import read_instance, to_bytes
from radpilot.interop.dicom_render import render_array

ROOT = Path(__file__).resolve().parents[2]


def test_demo_study_is_reproducible_from_its_seed() -> None:
    a, b, other = build_demo_study(), build_demo_study(), build_demo_study("another seed")
    assert to_bytes(a.dataset) == to_bytes(b.dataset)
    assert a.study_instance_uid != other.study_instance_uid and a.accession_number != other.accession_number


def test_demo_study_is_a_valid_cr_secondary_capture(tmp_path: Path) -> None:
    study = write_demo_study(tmp_path / "demo.dcm")
    ds, meta = read_instance(tmp_path / "demo.dcm")
    assert meta.sop_class_uid == "1.2.840.10008.5.1.4.1.1.7"
    assert meta.modality == "CR" and meta.body_part_examined == "CHEST" and meta.view_position == "PA"
    assert meta.accession_number == study.accession_number and meta.patient_name == "Demo^Patient"
    assert meta.study_instance_uid.startswith("2.25.") and len(meta.study_instance_uid) <= 64
    assert meta.burned_in_annotation == "NO"
    assert ds.ConversionType == "WSD"


def test_demo_pixels_are_the_nih_image() -> None:
    from PIL import Image

    with Image.open(demo_png_path()) as img:
        png = np.asarray(img.convert("L"))
    rendered = render_array(build_demo_study().dataset, window="full")
    # "full" maps min..max; the NIH PNG spans 0..255 or close to it
    assert rendered.shape == png.shape
    assert np.corrcoef(rendered.ravel(), png.ravel())[0, 1] > 0.999


def test_notice_carries_the_nih_attribution() -> None:
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    assert "https://nihcc.app.box.com/v/ChestXray-NIHCC" in notice
    assert "ChestX-ray8: Hospital-scale Chest X-ray Database" in notice and "pp. 3462-3471" in notice
    assert "NIH Clinical Center" in notice
