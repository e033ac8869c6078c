"""A finding said of one side with what the other side has after it ("hydronephrosis is absent on the right and mild
on the left") is a finding for each side, with its own degree or denial; the left hydronephrosis had been lost."""

from __future__ import annotations

import pytest

from radpilot import structure


def _read(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.severity)
        for f in structure(text).findings
    ]


CASES = [
    ("Hydronephrosis is absent on the right and mild on the left.",
     [("hydronephrosis", "absent", "right", None), ("hydronephrosis", "present", "left", "mild")]),
    ("Hydronephrosis is mild on the left and absent on the right.",
     [("hydronephrosis", "present", "left", "mild"), ("hydronephrosis", "absent", "right", None)]),
    ("Hydronephrosis is present on the left but not on the right.",
     [("hydronephrosis", "present", "left", None), ("hydronephrosis", "absent", "right", None)]),
    ("There is mild hydronephrosis on the right and moderate on the left.",
     [("hydronephrosis", "present", "right", "mild"), ("hydronephrosis", "present", "left", "moderate")]),
    ("Pleural effusions are small on the right and moderate on the left.",
     [("pleural_effusion", "present", "right", "small"), ("pleural_effusion", "present", "left", "moderate")]),
    ("Mild hydronephrosis on the left, none on the right.",
     [("hydronephrosis", "present", "left", "mild"), ("hydronephrosis", "absent", "right", None)]),
    ("Atelectasis is seen on the left and not on the right.",
     [("atelectasis", "present", "left", None), ("atelectasis", "absent", "right", None)]),
    # a comparison of sides is one finding of both
    ("Small bilateral effusions, larger on the right.", [("pleural_effusion", "present", "bilateral", "small")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[t for t, _ in CASES])
def test_each_side_is_its_own_finding(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert _read(text) == expected
