"""First 2026-12-02 session (reviews rv17a house styles of chest radiographs, rv17b assertions, rv17c attributes;
made-up dictation only): readings of an organ's own finding, ..."""

from __future__ import annotations

import pytest

from radpilot import structure


def _read(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return sorted(
        {
            (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.location)
            for f in structure(text).findings
        }
    )


CASES = [
    # a reading of an organ's own finding is at that organ, though no place word is said: the kidney's cyst
    (
        "The right renal lesion is a simple cyst.",
        [("renal_cyst", "present", "right", "kidney"), ("renal_mass", "present", "right", None)],
    ),
    (
        "Right renal lesion, likely a cyst.",
        [("renal_cyst", "uncertain", "right", "kidney"), ("renal_mass", "present", "right", None)],
    ),
    (
        "Pancreatic lesion, likely a cyst.",
        [("pancreatic_cyst", "uncertain", None, "pancreas"), ("pancreatic_mass", "present", None, None)],
    ),
    # ("there is a" is no reading of the finding before it)
    (
        "Right renal lesion, there is a simple cyst in the liver.",
        [("hepatic_cyst", "present", None, "liver"), ("renal_mass", "present", "right", None)],
    ),
    (
        "There is a right renal lesion. There is a simple cyst.",
        [("cyst", "present", None, None), ("renal_mass", "present", "right", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_reading(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert _read(text) == expected
