"""The word "calcified" said before a finding with its side, place or size between is that finding's: "calcified left
lower lobe nodule" is a calcified nodule (as "calcified nodule in the left lower lobe" always was), not a calcification
and a nodule; "1.9 cm calcified intramural fibroid" is a fibroid of 19 mm, not a calcification of 19 mm."""

from __future__ import annotations

import pytest

from radpilot import structure


def _read(text: str) -> list[tuple[str, str, str | None, str | None, float | None]]:
    return sorted(
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.location, f.size_mm)
        for f in structure(text).findings
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Calcified left lower lobe nodule.", [("calcified_nodule", "present", "left", "lower lobe", None)]),
        (
            "8 mm calcified nodule in the left lower lobe.",
            [("calcified_nodule", "present", "left", "lower lobe", 8.0)],
        ),
        (
            "Densely calcified 8 mm left lower lobe nodule.",
            [("calcified_nodule", "present", "left", "lower lobe", 8.0)],
        ),
        (
            "Calcified 1.2 x 0.9 cm right lower lobe nodule.",
            [("calcified_nodule", "present", "right", "lower lobe", 12.0)],
        ),
        ("Calcified right upper lobe granuloma.", [("granuloma", "present", "right", "upper lobe", None)]),
        ("Calcified left lower lobe 5 mm granuloma.", [("granuloma", "present", "left", "lower lobe", 5.0)]),
        ("Partially calcified left upper lobe mass.", [("mass", "present", "left", "upper lobe", None)]),
        ("1.9 cm calcified intramural fibroid.", [("uterine_fibroid", "present", None, None, 19.0)]),
        (
            "No calcified left lower lobe nodule.",
            [("calcified_nodule", "absent", "left", "lower lobe", None)],
        ),
        # (right before the finding too, where no phrase of its own names it; not a breast's mass)
        ("Calcified mass.", [("mass", "present", None, None, None)]),
        ("Calcified right adrenal nodule.", [("adrenal_nodule", "present", "right", "adrenal gland", None)]),
        ("Calcified thyroid nodule.", [("thyroid_nodule", "present", None, "thyroid", None)]),
        # (a word of the finding's own name between: review rv26)
        ("Calcified uterine fibroid measuring 2.4 cm.", [("uterine_fibroid", "present", None, None, 24.0)]),
        ("Calcified right ovarian mass.", [("adnexal_mass", "present", "right", None, None)]),
        ("Calcified gallstone.", [("gallstones", "present", None, None, None)]),
    ],
)
def test_calcified_is_the_findings_own(
    text: str, expected: list[tuple[str, str, str | None, str | None, float | None]]
) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # what is calcified is said apart from the nodule
        ("The aorta is calcified. Left lower lobe nodule.", ["aortic_atherosclerosis", "nodule"]),
        ("Calcified and tortuous aorta.", ["aortic_atherosclerosis", "tortuous_aorta"]),
        ("Calcified costal cartilages and a left lower lobe nodule.", ["calcification", "nodule"]),
        ("Calcified left hilar lymph node.", ["calcified_lymph_node"]),
    ],
)
def test_calcified_said_of_something_else(text: str, codes: list[str]) -> None:
    assert sorted(f.code for f in structure(text).findings) == codes
