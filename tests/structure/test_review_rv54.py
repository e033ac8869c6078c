"""Review rv54 (held-out paediatric radiographs, CT pulmonary angiography and acute chest pain CT, pelvic MRI, and
short impression-only reports and addenda, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "wo" is "w/o" typed without its slash; a hurried "consol" (rv54b)
        (
            "CTPA neg for PE. Aorta nml caliber wo dissection. No consol/effusion/PTX.",
            {
                "pulmonary_embolism": "absent",
                "aortic_dilatation": "absent",
                "aortic_dissection": "absent",
                "consolidation": "absent",
                "pleural_effusion": "absent",
                "pneumothorax": "absent",
            },
        ),
        # a finding said as a risk to come is no finding (rv54a)
        (
            "No pneumothorax at present, though a left pneumothorax would be a significant risk.",
            {"pneumothorax": "absent"},
        ),
        # an addendum that speaks of the report it revises, or of a review after it, takes back what it denies (rv54d)
        (
            "FINDINGS: 8 mm left lower lobe nodule.\nADDENDUM: The 'left lower lobe nodule' described in the original "
            "report corresponds to the left nipple shadow, confirmed on a repeat PA view with nipple markers. No "
            "pulmonary nodule is present.",
            {"nodule": "absent"},
        ),
        (
            "ADDENDUM: After review with neuroradiology, the suspected hyperdense right MCA is felt to be related to a "
            "high haematocrit. CTA shows no large vessel occlusion.",
            {"large_vessel_occlusion": "absent"},
        ),
        # ... an addendum that adds a finding takes nothing back
        (
            "FINDINGS: Small left pleural effusion.\nADDENDUM: Also noted is a minimally displaced right 6th rib "
            "fracture. No pneumothorax.",
            {"pleural_effusion": "present", "fracture": "present", "pneumothorax": "absent"},
        ),
        # the patient's age on the line after a title of capitals with no modality is the history (rv54a)
        (
            "CHEST PA/LAT\n7 yo, cough and fever, treated for RML pneumonia 3 weeks ago per parents.\nPrevious right "
            "middle lobe pneumonia has resolved. No new consolidation.",
            {"pneumonia": "absent", "consolidation": "uncertain"},
        ),
        # a test's ratio is no density (rv54c)
        ("Prostate volume: 62 mL. PSA density 0.13.", {}),
    ],
)
def test_review_rv54(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("CT CHEST\n72 y.o. female, cough.\nClear.", ["examination", "history", "findings"]),
        ("CT HEAD\n65M fall.\nNo bleed.", ["examination", "history", "findings"]),
        ("XR CHEST\n3-month-old with cough.\nClear.", ["examination", "history", "findings"]),
        # a span of time is no age
        ("CT CHEST\n2 yrs stable nodule.\nClear.", ["examination", "findings"]),
        ("CT CHEST\n6 months follow-up: 4 mm nodule stable.", ["examination", "findings"]),
        ("CHEST PA/LAT\nSmall left effusion.", ["findings"]),
    ],
)
def test_the_patients_age_line(text: str, names: list[str]) -> None:
    assert [s.name for s in parse_report(text).sections] == names
