"""Readings a second look at the neuro, vascular and pediatric review's open rows found wrong; each row is the
reading a radiologist gives."""

from __future__ import annotations

import pytest

from radpilot import structure


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # "not definitely seen" only says it was not seen for certain: a hedge on the same mention wins
        ("Possible tiny dissection flap in the proximal descending aorta, not definitely seen on delayed images.",
         "aortic_dissection", "uncertain"),
        ("Possible small nodule in the right upper lobe, not well seen on the lateral view.", "nodule", "uncertain"),
        ("Questionable left apical pneumothorax, not clearly visualized on the lateral view.", "pneumothorax",
         "uncertain"),
        # ... and without one it is still a denial
        ("Pneumothorax is not definitely seen.", "pneumothorax", "absent"),
        ("No pneumothorax, not definitely seen on this view.", "pneumothorax", "absent"),
        ("The previously described nodule is not well seen.", "nodule", "absent"),
    ],
)  # fmt: skip
def test_assertion(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion
