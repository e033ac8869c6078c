"""Readings that a stress test of 391 made-up CT, MR, ultrasound, MSK and breast sentences found wrong (the
structuring engine had been tuned mostly on chest radiographs); each row is the reading a radiologist gives."""

from __future__ import annotations

import pytest

from radpilot import structure


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # a denial does not run through a comma into the reading of what was (not) seen
        ("The right ovary is enlarged with no detectable internal flow, concerning for ovarian torsion.",
         "ovarian_torsion", "uncertain"),
        ("The left ovary is enlarged without internal flow, suspicious for ovarian torsion.", "ovarian_torsion",
         "uncertain"),
        # ... nor is a denied list's adjective a reading
        ("No focal consolidation, suspicious pulmonary opacity, pleural effusion, or pneumothorax.", "lung_opacity",
         "absent"),
    ],
)  # fmt: skip
def test_assertion(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


def test_an_occult_fracture_suggested_is_uncertain() -> None:
    text = "Elevated anterior and posterior fat pads without a visible fracture, suggestive of an occult fracture."
    assert "uncertain" in {f.assertion.value for f in structure(text).findings if f.code == "fracture"}


@pytest.mark.parametrize(
    ("text", "size_mm", "change"),
    [
        # the size said now is the size; the one before is what it is compared with
        ("The 8 mm right lower lobe nodule now measures 11 mm.", 11.0, "worsened"),
        ("The previously described 8 mm left upper lobe nodule now measures 5 mm.", 5.0, "improved"),
        ("Right lower lobe nodule, previously 8 mm, now measures 11 mm.", 11.0, "worsened"),
        ("The right lower lobe nodule measures 11 mm, previously 8 mm.", 11.0, "worsened"),
        ("Right upper lobe nodule measuring 6 mm, previously 6 mm.", 6.0, "stable"),
        # a change word said is kept
        ("Decreased right lower lobe nodule, now 5 mm, previously 8 mm.", 5.0, "improved"),
        # no size before, no change made up
        ("Right upper lobe nodule measuring 6 mm.", 6.0, None),
    ],
)
def test_size_now_and_before(text: str, size_mm: float, change: str | None) -> None:
    f = structure(text).by_code()["nodule"]
    assert (f.size_mm, f.change.value if f.change else None) == (size_mm, change)
