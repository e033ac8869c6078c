"""Review rv29 (held-out inputs across chest CT, radiographs in many house styles, and abdominal, pelvic, breast,
thyroid and vascular imaging, written before any output was seen) and the rows left open before it: what it found."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import Placed, placed


def changed(text: str) -> list[tuple[str, str | None]]:
    """(code, change) of each finding of ``text``, in order."""
    return [(f.code, f.change.value if f.change else None) for f in structure(text).findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the finding's own verb after "and", or in its relative clause, says how it changed, beyond "again seen"
        (
            "The right lower lobe nodule is again seen and has increased in size, now 9 mm.",
            [("nodule", "worsened")],
        ),
        ("The nodule is again seen and is slightly smaller.", [("nodule", "improved")]),
        (
            "The left pleural effusion persists and has since decreased in size.",
            [("pleural_effusion", "improved")],
        ),
        ("Persistent left effusion which has slightly decreased.", [("pleural_effusion", "improved")]),
        # ... not another finding's verb, nor a change denied
        (
            "Stable cardiomegaly and the effusion has increased.",
            [("cardiomegaly", "stable"), ("pleural_effusion", "worsened")],
        ),
        ("Stable nodule that has not increased.", [("nodule", "stable")]),
        ("Persistent right pleural effusion.", [("pleural_effusion", "stable")]),
    ],
)
def test_a_change_after_again_seen_rv29(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert changed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a measured place goes on to deny is its own
        (
            "The right kidney measures 11 cm without hydronephrosis or stones.",
            [
                ("hydronephrosis", "absent", "right", "kidney"),
                ("nephrolithiasis", "absent", "right", "kidney"),
            ],
        ),
        (
            "The left kidney measures 10 cm in length with no hydronephrosis, calculi, or solid mass.",
            [
                ("hydronephrosis", "absent", "left", "kidney"),
                ("nephrolithiasis", "absent", "left", "kidney"),
                ("renal_mass", "absent", "left", "kidney"),
            ],
        ),
        # ... and the place is still another finding's
        (
            "The right kidney measures 11 cm and contains a 2 cm simple cyst.",
            [("renal_cyst", "present", "right", "kidney")],
        ),
    ],
)
def test_a_measured_place_rv29(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # degrees said respectively are of the findings before them, never of one after
        (
            "Right and left pleural effusions, small and moderate respectively, with adjacent atelectasis.",
            [
                ("pleural_effusion", "right", "small"),
                ("pleural_effusion", "left", "moderate"),
                ("atelectasis", None, None),
            ],
        ),
        (
            "Right and left pleural effusions are small and moderate, respectively.",
            [("pleural_effusion", "right", "small"), ("pleural_effusion", "left", "moderate")],
        ),
        (
            "Right and left pleural effusions are small and moderate, respectively, with mild atelectasis.",
            [
                ("pleural_effusion", "right", "small"),
                ("pleural_effusion", "left", "moderate"),
                ("atelectasis", None, "mild"),
            ],
        ),
    ],
)
def test_degrees_said_respectively_rv29(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    got = [
        (f.code, f.laterality.value if f.laterality else None, f.severity) for f in structure(text).findings
    ]
    assert got == expected
