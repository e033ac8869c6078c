"""Review rv25b (a blind check of the pediatric and obstetric codes): the critical results it found false. A twist of
the testis's appendage is no testicular torsion; a denied "displaced" or "acute" makes no acute fracture; pneumatosis
that is improving or gone is followed, not called."""

from __future__ import annotations

import pytest

from radpilot.guidelines import critical_results
from radpilot.structure import structure


def _called(text: str) -> list[tuple[str, str]]:
    return [(c.code, c.tier) for c in critical_results(structure(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Torsion of the appendix of the left testis.", []),
        ("Torsion of the appendix of the testis.", []),
        ("The appendix of the right testis is torsed.", []),
        ("Multiple bilateral rib fractures, none are displaced.", []),
        ("Rib fractures are present bilaterally, none of which are acute.", []),
        ("Bilateral rib fractures, none displaced.", []),
        ("Improving pneumatosis intestinalis.", []),
        ("Persistent pneumatosis, improved from prior.", []),
        # what is still called
        ("Torsion of the left testis.", [("testicular_torsion", "red")]),
        ("Absent flow to the left testis, concerning for torsion.", [("testicular_torsion", "red")]),
        ("Displaced left rib fractures.", [("fracture", "orange")]),
        ("Multiple rib fractures, some of which are displaced.", [("fracture", "orange")]),
        ("New pneumatosis intestinalis in the right lower quadrant.", [("pneumatosis", "red")]),
        ("Increasing pneumatosis.", [("pneumatosis", "red")]),
        # (improving in one place and new in another is called: review rv26)
        ("Pneumatosis, improving on the right but new in the left lower quadrant.", [("pneumatosis", "red")]),
        # (a denied "new" is no worsening)
        ("Pneumatosis intestinalis, improving, with no new areas of involvement.", []),
        ("Improving pneumatosis, no newly involved loops.", []),
        ("Hyperdense foci in the basal ganglia are calcifications; none represent hemorrhage.", []),
    ],
)
def test_what_is_called(text: str, expected: list[tuple[str, str]]) -> None:
    assert _called(text) == expected


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Torsion of the appendix of the left testis.", "left"),
        ("The appendix of the right testis is torsed.", "right"),
        ("Torsion of the appendix of the testis.", None),
    ],
)
def test_the_appendage_is_coded(text: str, side: str | None) -> None:
    found = [
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
        for f in structure(text).findings
    ]
    assert found == [("appendix_testis_torsion", "present", side)]


def test_the_side_compared_with_is_not_the_torsions() -> None:
    sr = structure("Decreased flow to the right testis compared with the left, concerning for torsion.")
    assert [(f.code, f.laterality.value if f.laterality else None) for f in sr.findings] == [
        ("testicular_torsion", "right")
    ]
    assert [(c.code, c.tier) for c in critical_results(sr)] == [("testicular_torsion", "red")]
