"""A size that an article opens is the finding's it names, with its describing words between: "calcified left upper
lobe nodules and a 6 mm noncalcified right lower lobe nodule" gives the 6 mm to the right lower lobe nodule, not to the
nodules before it (Lung-RADS and Fleischner follow each nodule by its own size)."""

from __future__ import annotations

import pytest

from radpilot import structure


def _sizes(text: str) -> list[tuple[str, str | None, float | None]]:
    return [
        (f.code, f.laterality.value if f.laterality else None, f.size_mm)
        for f in structure(text).findings
        if f.assertion.value != "absent"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Calcified left upper lobe nodules and a 6 mm noncalcified right lower lobe nodule.",
            [("calcified_nodule", "left", None), ("nodule", "right", 6.0)],
        ),
        (
            "Left upper lobe nodules and a 6 mm noncalcified right lower lobe nodule.",
            [("nodule", "left", None), ("nodule", "right", 6.0)],
        ),
        (
            "Simple cyst in the right kidney and a 2.1 cm exophytic hypodense left renal lesion.",
            [("renal_cyst", "right", None), ("renal_mass", "left", 21.0)],
        ),
        (
            "Small right pleural effusion with a 4 mm solid right upper lobe nodule.",
            [("pleural_effusion", "right", None), ("nodule", "right", 4.0)],
        ),
        # (what was already so stays so)
        (
            "Stable 5 mm right upper lobe nodule and a 7 mm spiculated left lower lobe nodule.",
            [("nodule", "right", 5.0), ("nodule", "left", 7.0)],
        ),
        (
            "Right upper lobe nodule measuring 7 mm and a left lower lobe nodule.",
            [("nodule", "right", 7.0), ("nodule", "left", None)],
        ),
    ],
)
def test_the_size_an_article_opens(text: str, expected: list[tuple[str, str | None, float | None]]) -> None:
    assert _sizes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Stable 3 mm right middle lobe nodule and a new 14 mm spiculated left upper lobe nodule.",
            [("nodule", "right", "stable"), ("nodule", "left", "new")],
        ),
        (
            "Stable 5 mm nodule and a new 6 mm solid nodule in the left lower lobe.",
            [("nodule", None, "stable"), ("solid_nodule", "left", "new")],
        ),
    ],
)
def test_the_change_an_article_opens(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert [
        (f.code, f.laterality.value if f.laterality else None, f.change.value if f.change else None)
        for f in structure(text).findings
    ] == expected
