"""Critical results found missing or wrong by a review of made-up abdomen, MSK and spine sentences (rv74).

Each table gives a finding sentence and the exact (code, tier) list, most urgent first, with its controls.
"""

from __future__ import annotations

import pytest

from radpilot.guidelines import assess


def _tiers(finding: str) -> list[tuple[str, str]]:
    return [(c.code, c.tier) for c in assess(f"FINDINGS: {finding}").critical]


# blood around an aneurysm is a finding of its own; it still says the aneurysm leaks
ANEURYSM: list[tuple[str, list[tuple[str, str]]]] = [
    ("6.5 cm abdominal aortic aneurysm with surrounding retroperitoneal hematoma, concerning for rupture.",
     [("aortic_aneurysm", "red")]),
    ("6.5 cm abdominal aortic aneurysm with retroperitoneal hematoma.", [("aortic_aneurysm", "red")]),
    ("Retroperitoneal hematoma surrounding a 6.5 cm AAA.", [("aortic_aneurysm", "red")]),
    # a known aneurysm that now bleeds is not a known result: the blood is outside the clause that says "known"
    ("Known 6.5 cm abdominal aortic aneurysm with new retroperitoneal hematoma.", [("aortic_aneurysm", "red")]),
    # controls
    ("Infrarenal abdominal aortic aneurysm measuring 4.2 cm without rupture.", []),
    ("4.5 cm abdominal aortic aneurysm without retroperitoneal hematoma or rupture.", []),
    ("4.5 cm abdominal aortic aneurysm. No retroperitoneal hematoma.", []),
    ("Retroperitoneal hematoma from the left psoas muscle, separate from the 3 cm abdominal aortic aneurysm.", []),
    ("Status post EVAR. The aneurysm sac measures 4.1 cm with a type II endoleak.", []),
    ("Chronic type B aortic dissection, unchanged in extent since 2019.", []),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "expected"), ANEURYSM, ids=[c[0] for c in ANEURYSM])
def test_aneurysm_with_blood_around_it(finding: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == expected


# an obstruction is orange; a closed loop or a failing blood supply (strangulation) is red
BOWEL: list[tuple[str, list[tuple[str, str]]]] = [
    ("Closed loop small bowel obstruction with mesenteric swirling and bowel wall hypoenhancement, concerning for "
     "ischemia.", [("bowel_obstruction", "red")]),
    ("Closed loop obstruction in the left lower quadrant.", [("bowel_obstruction", "red")]),
    ("High-grade small bowel obstruction with decreased enhancement of the bowel wall.",
     [("bowel_obstruction", "red")]),
    ("Small bowel obstruction with a transition point in the right lower quadrant.",
     [("bowel_obstruction", "orange")]),
    ("Dilated small bowel loops with air-fluid levels, compatible with small bowel obstruction.",
     [("bowel_obstruction", "orange")]),
    ("Small bowel obstruction without evidence of ischemia or closed loop.", [("bowel_obstruction", "orange")]),
    # controls
    ("Partial small bowel obstruction, improved compared to prior.", []),
    ("The previously seen small bowel obstruction has resolved.", []),
    ("No bowel obstruction.", []),
    ("Mildly dilated small bowel loops without a discrete transition point, favored to represent ileus.", []),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "expected"), BOWEL, ids=[c[0] for c in BOWEL])
def test_bowel_obstruction_and_strangulation(finding: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == expected
