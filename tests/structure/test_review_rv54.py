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
        ("CT HEAD\n65M, fall.\nNo bleed.", ["examination", "history", "findings"]),
        # (a catheter's French size is no sex)
        (
            "CXR\n14F pigtail drain in the right pleural space; small residual pneumothorax.",
            ["examination", "findings"],
        ),
        ("XR CHEST\n3-month-old with cough.\nClear.", ["examination", "history", "findings"]),
        # a span of time is no age
        ("CT CHEST\n2 yrs stable nodule.\nClear.", ["examination", "findings"]),
        ("CT CHEST\n6 months follow-up: 4 mm nodule stable.", ["examination", "findings"]),
        ("CHEST PA/LAT\nSmall left effusion.", ["findings"]),
    ],
)
def test_the_patients_age_line(text: str, names: list[str]) -> None:
    assert [s.name for s in parse_report(text).sections] == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the review of the session's change: an exception that names another finding leaves the denial
        (
            "No consolidation, apart from minor atelectasis at the left base.",
            {"consolidation": "absent", "atelectasis": "present"},
        ),
        (
            "No effusion or pneumothorax, except for a small left effusion.",
            {"pleural_effusion": "present", "pneumothorax": "absent"},
        ),
        # ... an addendum's "correct position" is no correction
        (
            "FINDINGS: Small right apical pneumothorax.\nADDENDUM: NG tube in correct position. No pneumothorax.",
            {"pneumothorax": "present", "enteric_tube": "present"},
        ),
        # ... a node said "up to" its limit is within it; a bound "at least" is no size of a denied finding
        ("The previously enlarged nodes now measure up to 1 cm.", {"lymphadenopathy": "absent"}),
        # ... a risk factor is there, what it is a risk of is not
        ("Centrilobular emphysema is a risk factor for lung cancer.", {"emphysema": "present"}),
        # ... an organ's heading keeps a finding that only names the lung's primary
        (
            "LIVER: Multiple hypodense lesions consistent with metastases from the known pulmonary primary.",
            {"liver_metastasis": "present"},
        ),
    ],
)
def test_review_of_the_change(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_size_at_least_is_no_size_of_the_denied() -> None:
    from radpilot import structure

    f = next(f for f in structure("No abdominal aortic aneurysm at least 3 cm.").findings)
    assert (f.code, f.assertion.value, f.size_mm) == ("aortic_aneurysm", "absent", None)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("CT CHEST\n2 yrs f/u RUL nodule, stable at 5 mm.\nNo effusion.", ["examination", "findings"]),
        (
            "FINDINGS:\nComparison is made with 3/4/2024, when the effusion was larger. Small right pleural effusion "
            "persists.\nIMPRESSION: Effusion.",
            ["findings", "impression"],
        ),
        ("CXR - follow-up right effusion, now resolved, no new consolidation", ["findings"]),
    ],
)
def test_review_of_the_change_parts(text: str, names: list[str]) -> None:
    assert [s.name for s in parse_report(text).sections] == names
