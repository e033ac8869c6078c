"""Review rv56 (held-out PET-CT and staging CT in lung cancer and lymphoma, vascular imaging, urology and renal
imaging, and paediatric and neonatal abdominal imaging, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a first line that names its study and the treatment or staging it is for says the disease it is for (rv56a)
        (
            "CT chest 9 months post chemoradiation (60 Gy) for stage IIIB NSCLC.\nNo residual mass identified.",
            {"mass": "absent"},
        ),
        (
            "PET-CT end-of-treatment, Hodgkin lymphoma, 19M.\nNo lymphadenopathy.",
            {"lymphadenopathy": "absent"},
        ),
        (
            "Lymphoma staging PET-CT (mantle cell).\nBilateral axillary lymph node enlargement.",
            {"lymphadenopathy": "present"},
        ),
        ("CT chest follow-up of pneumonia.\nNo consolidation.", {"consolidation": "absent"}),
        # a choice of a finding's degree is no choice of whether it is there
        ("Small or moderate effusion.", {"pleural_effusion": "present"}),
        ("Small effusion or atelectasis.", {"pleural_effusion": "uncertain", "atelectasis": "uncertain"}),
        # a hedge said after words of its own past a comma is theirs (rv56d)
        (
            "Double bubble with no distal bowel gas, consistent with complete duodenal obstruction, duodenal atresia "
            "most likely.",
            {"gastric_outlet_obstruction": "present"},
        ),
        (
            "Right lower lobe opacity, atelectasis likely.",
            {"lung_opacity": "present", "atelectasis": "uncertain"},
        ),
        ("Small left effusion, likely.", {"pleural_effusion": "uncertain"}),
        # vascular imaging (rv56b): the other reading, a named rupture, a sac below an aneurysm's size
        (
            "Endotension is the alternative if no leak is demonstrated on further imaging.",
            {"endoleak": "uncertain"},
        ),
        (
            "CONCLUSION: Ruptured infrarenal AAA with active extravasation.",
            {"aortic_rupture": "present", "aortic_aneurysm": "present", "active_extravasation": "present"},
        ),
        ("No ruptured AAA.", {"aortic_rupture": "absent"}),
        ("Possible ruptured AAA.", {"aortic_rupture": "uncertain", "aortic_aneurysm": "uncertain"}),
        ("Rescreen in 5 years per local protocol (sub-aneurysmal aorta).", {"aortic_dilatation": "present"}),
        ("Opinion: Probable right AT occlusion.", {"arterial_occlusion": "uncertain"}),
        ("Heavily calcified infrapopliteal vessels limit assessment.", {"vascular_calcification": "present"}),
        (
            "Chronic type B dissection. False lumen partially thrombosed.",
            {"aortic_dissection": "present", "thrombus": "present"},
        ),
        # urology (rv56c): a kidney swollen by infection, a urogram's filling defect, small kidneys, the prostate's
        # volume said first, a part of the bladder wall thickened
        (
            "Right kidney is swollen with a striated nephrogram and wedge-shaped hypoenhancing areas, consistent with "
            "acute pyelonephritis. No hydronephrosis.",
            {"pyelonephritis": "present", "hydronephrosis": "absent"},
        ),
        ("The right kidney is swollen with urine.", {"hydronephrosis": "present"}),
        ("No other filling defects in the upper tracts.", {}),
        (
            # (a renal study said first places the cysts; "kidneys are small" is no statement of its own, whose words
            # "Within both kidneys are small simple cysts" would take too: review of the change)
            "Renal US.\nBoth kidneys are small (RK 8.1 cm, LK 8.4 cm). Multiple simple cysts bilaterally.",
            {"renal_cyst": "present"},
        ),
        ("There are small pouches in the wall of your colon.", {"diverticulosis": "present"}),
        ("Prostate volume 42 mL, borderline enlarged.", {"prostatomegaly": "uncertain"}),
        (
            "Bladder: 9 mm focal nodular thickening of the posterior bladder wall, indeterminate.",
            {"bladder_wall_thickening": "present"},
        ),
        # paediatrics (rv56d)
        ("Replogle tube tip in the stomach.", {"enteric_tube": "present"}),
        ("Small bowel loops appear thick-walled.", {"bowel_wall_thickening": "present"}),
    ],
)
def test_review_rv56(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "CT chest 9 months post chemoradiation (60 Gy) for stage IIIB NSCLC.\nClear.",
            ["examination", "findings"],
        ),
        ("PET-CT, DLBCL, 3 months after CAR-T.\nNew nodes.", ["examination", "findings"]),
        # (a first line that says what is seen stays the findings)
        ("CXR follow-up of effusion shows resolution.\nClear.", ["findings"]),
        ("Small left effusion.\nNo pneumothorax.", ["findings"]),
    ],
)
def test_a_first_line_of_study_and_purpose(text: str, names: list[str]) -> None:
    assert [s.name for s in parse_report(text).sections] == names
