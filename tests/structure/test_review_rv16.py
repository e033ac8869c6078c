"""Sixth 2026-12-01 session: list items that share a head word when the last item carries its own side or degree
("pericardial and left pleural effusions"), an organ's infarct that keeps to its organ, and an adjective said of
the iliac arteries that is not the aorta's."""

from __future__ import annotations

import pytest

from radpilot import structure


def _read(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(
        {
            (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.severity)
            for f in structure(text).findings
        }
    )


CASES = [
    # the last item's side and degree are its own; the items before it keep theirs or have none
    (
        "Small pericardial and left pleural effusions.",
        [("pericardial_effusion", "present", None, "small"), ("pleural_effusion", "present", "left", None)],
    ),
    (
        "Pericardial and moderate left pleural effusions.",
        [
            ("pericardial_effusion", "present", None, None),
            ("pleural_effusion", "present", "left", "moderate"),
        ],
    ),
    (
        "Trace pericardial and small bilateral pleural effusions.",
        [
            ("pericardial_effusion", "present", None, "trace"),
            ("pleural_effusion", "present", "bilateral", "small"),
        ],
    ),
    (
        "No pericardial or large pleural effusion.",
        [("pericardial_effusion", "absent", None, None), ("pleural_effusion", "absent", None, "large")],
    ),
    (
        "Splenic and left renal infarcts are present.",
        [("renal_infarct", "present", "left", None), ("splenic_infarct", "present", None, None)],
    ),
    # (with no side or degree between, as before)
    (
        "Mediastinal and hilar lymphadenopathy.",
        [("hilar_enlargement", "present", None, None), ("lymphadenopathy", "present", None, None)],
    ),
    # an organ's infarct is at its organ: the spleen is not the kidney's place
    (
        "There are wedge-shaped infarcts in the spleen and left kidney.",
        [("renal_infarct", "present", "left", None), ("splenic_infarct", "present", None, None)],
    ),
    # an adjective said of the iliac arteries is theirs, unless said of the aorta with them
    ("The common iliac arteries are ectatic.", []),
    ("Mildly ectatic iliac arteries.", []),
    ("The aorta and iliac arteries are tortuous.", [("tortuous_aorta", "present", None, None)]),
    ("The aorta and common iliac arteries are ectatic.", [("tortuous_aorta", "present", None, None)]),
    ("The aorta is tortuous. The iliac arteries are patent.", [("tortuous_aorta", "present", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_read(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert _read(text) == sorted(expected)


def test_the_mediastinal_nodes_take_no_side_of_the_hilar_ones() -> None:
    found = {f.code: f for f in structure("Mediastinal and right hilar lymphadenopathy.").findings}
    assert found["lymphadenopathy"].laterality is None
    assert (
        found["hilar_enlargement"].laterality is not None
        and found["hilar_enlargement"].laterality.value == "right"
    )


def test_the_renal_infarct_is_not_placed_at_the_spleen() -> None:
    (renal,) = [
        f
        for f in structure("Wedge-shaped infarcts in the spleen and left kidney.").findings
        if f.code == "renal_infarct"
    ]
    assert renal.location in (None, "kidney")
