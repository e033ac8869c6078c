"""Review rv53 (held-out community-hospital chest radiographs, interventional radiology, normal-template CT and
ultrasound, radiographs of the spine, pelvis and shoulder after falls, written before any output was seen): what it
found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comparison line with no colon is the comparison, and what it says of the prior is the prior's (rv53a)
        (
            "CXR 2V\nComparison 3/14 (when RLL pneumonia was present).\nInterval resolution of the right lower lobe "
            "consolidation. No effusion.",
            {"consolidation": "absent", "pleural_effusion": "absent"},
        ),
        # a lung biopsy's bleed is the lung's when the procedure names the lobe (rv53b)
        (
            "PROCEDURE: CT-guided percutaneous core biopsy, right lower lobe.\nFINDINGS: Small right pneumothorax. A "
            "rim of perilesional ground-glass opacity in keeping with expected parenchymal haemorrhage along the "
            "needle tract.",
            {"pneumothorax": "present", "ground_glass_opacity": "present", "pulmonary_hemorrhage": "present"},
        ),
        # a surgeon's dissection, a filter's struts and a bronchial artery's tortuosity are no aorta's or bowel's
        ("Cuff freed by blunt dissection, catheter removed intact.", {"support_device": "absent"}),
        (
            "Angiography: hypertrophied, tortuous right intercostobronchial trunk with parenchymal hypervascularity.",
            {},
        ),
        # an addendum that says the report erred takes back what it then denies (rv53d)
        (
            "LEFT HIP, 2 VIEWS\nFINDINGS: Mildly impacted subcapital fracture of the left femoral neck.\nIMPRESSION: "
            "Impacted subcapital right femoral neck fracture.\nADDENDUM: Dictation error in the impression above - the "
            "fracture is on the LEFT side. There is no right-sided fracture.",
            {"fracture": "present"},
        ),
        # the tracks removed screws leave are no screws
        (
            "Interval removal of the three cannulated screws from the right femoral neck, with residual screw "
            "tracts. No fracture through the screw tracts.",
            {"orthopedic_hardware": "absent"},
        ),
        ("Reverse Hill-Sachs defect cannot be excluded.", {"fracture": "uncertain"}),
        ("Hill-Sachs impaction defect at the posterolateral humeral head.", {"fracture": "present"}),
    ],
)
def test_review_rv53(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_the_fracture_the_addendum_corrects_keeps_its_side() -> None:
    from tests.structure.conftest import sides

    text = (
        "FINDINGS: Mildly impacted subcapital fracture of the left femoral neck.\nIMPRESSION: Impacted subcapital "
        "right femoral neck fracture.\nADDENDUM: Dictation error in the impression above. There is no right-sided "
        "fracture."
    )
    assert sides(text)["fracture"] == {"left"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("CT TAP\nComparison 12/05/23. Lungs clear.", ["examination", "comparison", "findings"]),
        ("Comparison none. Small left effusion.", ["comparison", "findings"]),
        # ... not a sentence that compares
        ("Comparison with the prior shows a new right effusion.", ["findings"]),
    ],
)
def test_a_comparison_line_without_its_colon(text: str, names: list[str]) -> None:
    assert [s.name for s in parse_report(text).sections] == names
