"""Review rv28 (held-out inputs across neuroradiology and spine, abdomen and pelvis with vascular imaging, and
musculoskeletal and ICU films, written before any output was seen) and the rows left open before it: what it found."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import Placed, placed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place said normal keeps its side from the findings of the sentence, but what it goes on to deny is its own
        (
            "The left kidney is normal without hydronephrosis.",
            [("hydronephrosis", "absent", "left", "kidney")],
        ),
        (
            "The left kidney is normal in size without hydronephrosis, stones or masses.",
            [
                ("renal_atrophy", "absent", None, None),
                ("hydronephrosis", "absent", "left", "kidney"),
                ("nephrolithiasis", "absent", "left", "kidney"),
                ("renal_mass", "absent", "left", "kidney"),
            ],
        ),
        ("The right ovary is normal with no mass.", [("adnexal_mass", "absent", "right", "ovary")]),
        (
            "Mild left hydronephrosis. The right kidney is normal without hydronephrosis.",
            [("hydronephrosis", "present", "left", None), ("hydronephrosis", "absent", "right", "kidney")],
        ),
        # ... and not what another clause says
        (
            "Small left pleural effusion; the left shoulder is unremarkable.",
            [("pleural_effusion", "present", "left", None)],
        ),
        (
            "The left kidney is normal; no hydronephrosis on the right.",
            [("hydronephrosis", "absent", "right", None)],
        ),
        # a reading across a finding's own description ("with fat,") takes its side
        (
            "Right renal mass with fat, consistent with angiomyolipoma.",
            [("renal_mass", "present", "right", None), ("angiomyolipoma", "present", "right", "kidney")],
        ),
        (
            "Complex left adnexal mass with ring of fire, consistent with ectopic pregnancy.",
            [("adnexal_mass", "present", "left", None), ("ectopic_pregnancy", "present", "left", None)],
        ),
        # ... but a second finding joined with "with" is no description
        (
            "Chronic appearing bibasilar pleural thickening with possible small effusions.",
            [
                ("pleural_thickening", "present", "bilateral", "base"),
                ("pleural_effusion", "uncertain", None, None),
            ],
        ),
    ],
)
def test_sides_rv28(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


Sized = tuple[str, str | None, str | None, float | None, str | None]


def sized(text: str) -> list[Sized]:
    """(code, side, place, size in mm, degree) of each finding of ``text``."""
    return [
        (f.code, f.laterality.value if f.laterality else None, f.location, f.size_mm, f.severity)
        for f in structure(text).findings
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # three places, three sizes: the largest nodule keeps its own size (what Lung-RADS and Fleischner grade)
        (
            "Nodules in the right upper lobe, left upper lobe and left lower lobe measure 4 mm, 6 mm and 8 mm, "
            "respectively.",
            [
                ("nodule", "right", "upper lobe", 4.0, None),
                ("nodule", "left", "upper lobe", 6.0, None),
                ("nodule", "left", "lower lobe", 8.0, None),
            ],
        ),
        # sizes said respectively of two findings
        (
            "Right upper lobe nodule and left lower lobe mass measure 5 mm and 19 mm, respectively.",
            [("nodule", "right", "upper lobe", 5.0, None), ("mass", "left", "lower lobe", 19.0, None)],
        ),
        (
            "The liver lesion and the right renal cyst measure 1.2 cm and 3.4 cm, respectively.",
            [("liver_lesion", None, "liver", 12.0, None), ("renal_cyst", "right", None, 34.0, None)],
        ),
        # ... and degrees, of each side
        (
            "Right and left pleural effusions are small and moderate, respectively.",
            [
                ("pleural_effusion", "right", None, None, "small"),
                ("pleural_effusion", "left", None, None, "moderate"),
            ],
        ),
        (
            "Left and right pleural effusions are moderate and small respectively.",
            [
                ("pleural_effusion", "left", None, None, "moderate"),
                ("pleural_effusion", "right", None, None, "small"),
            ],
        ),
    ],
)
def test_respectively_rv28(text: str, expected: list[Sized]) -> None:
    assert sized(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a change said after a reading is also of the finding the reading is of
        (
            "Multiple pulmonary nodules, consistent with metastatic disease, increased in number and size.",
            [("nodule", "worsened"), ("metastasis", "worsened")],
        ),
        (
            # (the lesions read as what they are, rv42c)
            "Hepatic lesions, compatible with metastases, slightly decreased in size.",
            [("liver_metastasis", "improved")],
        ),
        (
            "Retrocardiac lucency likely represents a large hiatal hernia, unchanged from prior.",
            [("lucency", "stable"), ("hiatal_hernia", "stable")],
        ),
        # ... only the one just before it
        (
            "Stable cardiomegaly and pulmonary vascular congestion, likely edema, increased.",
            [
                ("cardiomegaly", "stable"),
                ("vascular_congestion", "worsened"),
                ("pulmonary_edema", "worsened"),
            ],
        ),
        # ... not of a finding with a change of its own
        (
            "New right lower lobe opacity, likely pneumonia, unchanged from this morning.",
            [("lung_opacity", "new"), ("pneumonia", "stable")],
        ),
    ],
)
def test_a_change_after_a_reading_rv28(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(f.code, f.change.value if f.change else None) for f in structure(text).findings] == expected
