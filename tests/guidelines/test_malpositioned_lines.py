"""A line or tube that ends in the wrong place is a critical result and its impression says where it ends (review
rvB: "Right PICC terminates in the right internal jugular vein." was read as a PICC with no place, its impression
"No acute cardiopulmonary abnormality."); one in its place stays out of the impression. Made-up sentences."""

from __future__ import annotations

import pytest

from radpilot.draft import write_impression
from radpilot.guidelines import critical_results
from radpilot.structure import structure


@pytest.mark.parametrize(
    ("findings", "code", "impression"),
    [
        (
            "Right PICC terminates in the right internal jugular vein.",
            "picc",
            "PICC in the right internal jugular vein.",
        ),
        (
            "Right subclavian catheter courses cephalad into the right internal jugular vein.",
            "central_venous_catheter",
            "Central venous catheter in the right internal jugular vein.",
        ),
        (
            "Left IJ catheter tip terminates in the azygos vein.",
            "central_venous_catheter",
            "Left central venous catheter in the azygos vein.",
        ),
        ("The NG tube is coiled in the hypopharynx.", "enteric_tube", "Enteric tube in the pharynx."),
        (
            "Endotracheal tube tip is high, at the level of the thoracic inlet.",
            "endotracheal_tube",
            "Endotracheal tube tip at the thoracic inlet.",
        ),
    ],
)
def test_a_misplaced_line_is_critical_and_impressed_with_its_place(
    findings: str, code: str, impression: str
) -> None:
    sr = structure(f"FINDINGS: {findings}")
    assert [(c.code, c.tier) for c in critical_results(sr)] == [(code, "orange")]
    got = write_impression(findings, {"exam": "chest radiograph"}, with_guidelines=False).impression
    assert got.splitlines()[0].removeprefix("1. ") == impression


@pytest.mark.parametrize(
    "findings",
    [
        "Right PICC with tip in the distal SVC.",
        "Right internal jugular central venous catheter with tip in the SVC.",
        "Enteric tube tip in the stomach.",
        "Right PICC has been retracted and now terminates in the SVC.",
    ],
)
def test_a_line_in_its_place_is_no_critical_result(findings: str) -> None:
    assert critical_results(structure(f"FINDINGS: {findings}")) == []
