"""Twelfth 2026-12-02 session: what review rv21a left alone and reviews rv22a/rv22b found (made-up text). Tables by
kind, one test a kind."""

from __future__ import annotations

import pytest

from radpilot import structure


def _placed(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(code, assertion, side, place) of each finding, in order."""
    return [
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.location)
        for f in structure(text).findings
    ]


# a heading that lists organs gives none of them to a finding the sentence places in one of them; a heading of one
# organ still places its findings
LISTED_ORGANS = [
    (
        "Kidneys, ureters, bladder: 1.5 cm simple cyst in the left kidney.",
        [("renal_cyst", "present", "left", "kidney")],
    ),
    ("Liver, spleen: 1 cm cyst in the spleen.", [("splenic_lesion", "present", None, "spleen")]),
    (
        "Pancreas, spleen, adrenals: 1.5 cm nodule in the left adrenal gland.",
        [("adrenal_nodule", "present", "left", "adrenal gland")],
    ),
    (
        "Kidneys, ureters, bladder: 4 mm stone in the left ureter.",
        [("ureterolithiasis", "present", "left", "ureter")],
    ),
    ("Right kidney: 1 cm cyst in the upper pole.", [("renal_cyst", "present", "right", "kidney")]),
]


@pytest.mark.parametrize(("text", "expected"), LISTED_ORGANS, ids=[t for t, _ in LISTED_ORGANS])
def test_a_headings_list_of_organs(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert _placed(text) == expected


# a dermoid (a mature cystic teratoma) is a cyst of the organ it is in
DERMOIDS = [
    ("US PELVIS\nFINDINGS:\nRight ovary: 4 cm dermoid.", [("ovarian_cyst", "present", "right", "ovary")]),
    (
        "FINDINGS: 5 cm mature cystic teratoma of the left ovary.",
        [("ovarian_cyst", "present", "left", "ovary")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DERMOIDS, ids=[t for t, _ in DERMOIDS])
def test_a_dermoid_is_the_organs_cyst(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert _placed(text) == expected
