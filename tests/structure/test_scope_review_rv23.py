"""Thirteenth 2026-12-02 session: what the twelfth session left alone and reviews rv23a/rv23b found (made-up
text). Tables by kind, one test a kind."""

from __future__ import annotations

import pytest

from radpilot import structure


def _placed(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(code, assertion, side, place) of each finding, in order."""
    return [
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.location)
        for f in structure(text).findings
    ]


def _said(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.assertion.value) for f in structure(text).findings]


# the cardiothoracic ratio said with "<" or ">" (British, Indian and Australian reports); the signs are read only
# before a figure, so a size said with them still reads as the size
RATIO_SIGNS = [
    ("CTR > 0.5.", [("cardiomegaly", "present")]),
    ("CTR >0.5 on this PA film.", [("cardiomegaly", "present")]),
    ("The cardiothoracic ratio is > 0.5.", [("cardiomegaly", "present")]),
    ("CTR < 0.5.", [("cardiomegaly", "absent")]),
    ("CTR <0.5", [("cardiomegaly", "absent")]),
    ("CTR 0.58.", [("cardiomegaly", "present")]),
]


@pytest.mark.parametrize(("text", "expected"), RATIO_SIGNS, ids=[t for t, _ in RATIO_SIGNS])
def test_the_cardiothoracic_ratio_with_a_sign(text: str, expected: list[tuple[str, str]]) -> None:
    assert _said(text) == expected


def test_a_size_said_with_a_sign_is_still_the_size() -> None:
    (f,) = structure("Multiple nodules < 5 mm in the right upper lobe.").findings
    assert (f.code, f.size_mm, f.laterality, f.location) == ("nodule", 5.0, "right", "upper lobe")


# an obliterated costophrenic angle is a blunted one
OBLITERATED = [
    (
        "Obliteration of the right costophrenic angle.",
        [("costophrenic_blunting", "present", "right", "costophrenic angle")],
    ),
    (
        "Obliterated left costophrenic angle.",
        [("costophrenic_blunting", "present", "left", "costophrenic angle")],
    ),
    (
        "No obliteration of the costophrenic angles.",
        [("costophrenic_blunting", "absent", None, "costophrenic angle")],
    ),
    ("Blunting of the left CP angle.", [("costophrenic_blunting", "present", "left", "costophrenic angle")]),
]


@pytest.mark.parametrize(("text", "expected"), OBLITERATED, ids=[t for t, _ in OBLITERATED])
def test_an_obliterated_costophrenic_angle(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert _placed(text) == expected


# an effusion under a joint's heading is the joint's
JOINT_HEADINGS = [
    ("Joint fluid: Small effusion.", [("joint_effusion", "present")]),
    (
        "EXAM: Right knee MRI.\nMenisci: Intact.\nJoint fluid: Moderate effusion.",
        [("joint_effusion", "present")],
    ),
    (
        "Joints: Small effusion. Lungs: Small left effusion.",
        [("joint_effusion", "present"), ("pleural_effusion", "present")],
    ),
    ("Joint fluid: No effusion.", [("joint_effusion", "absent")]),
]


@pytest.mark.parametrize(("text", "expected"), JOINT_HEADINGS, ids=[t for t, _ in JOINT_HEADINGS])
def test_an_effusion_under_a_joints_heading(text: str, expected: list[tuple[str, str]]) -> None:
    assert _said(text) == expected
