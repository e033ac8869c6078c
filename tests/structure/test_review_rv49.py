"""Review rv49 (held-out head and neck imaging, thoracic CT beyond nodules, musculoskeletal radiographs and CT,
gastrointestinal and genitourinary imaging, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # thoracic CT (rv49b): a tissue's word is no place shared by a list; the heart's arteries and infarcts
        (
            "Lungs: No interstitial lung disease, emphysema, or bronchiectasis.",
            {"interstitial_lung_disease": "absent", "emphysema": "absent", "bronchiectasis": "absent"},
        ),
        (
            "Interstitial markings and emphysema.",
            {"interstitial_markings": "present", "emphysema": "present"},
        ),
        (
            "Pulmonary interstitial emphysema in the left lung.",
            {"pulmonary_interstitial_emphysema": "present"},
        ),
        (
            "Findings compatible with nonfibrotic hypersensitivity pneumonitis.",
            {"interstitial_lung_disease": "present", "pneumonitis": "present"},
        ),
        (
            "Main pulmonary artery is at the upper limits of normal in caliber (29 mm).",
            {"pulmonary_artery_enlargement": "absent"},
        ),
        # (a measured calibre with no word of the report's is not read as enlarged: the patient's letter would say
        # what the report does not)
        ("Main PA unchanged at 32 mm.", {}),
        ("Heart nl size, LAD/RCA calcs.", {"cardiomegaly": "absent", "coronary_calcification": "present"}),
        (
            "Impression: Subacute transmural LAD territory infarct, nonviable, with apical aneurysm.",
            {"infarct": "present", "aneurysm": "present"},
        ),
        ("Old left MCA territory infarct.", {"cerebral_infarct": "present"}),
        ("Small AMLs in the visualized left kidney.", {"angiomyolipoma": "present"}),
        ("History of AML, on chemotherapy.", {}),
        # musculoskeletal (rv49c)
        (
            "Lateral fibular plate with syndesmotic screws. One of the distal screws of the lateral plate is "
            "fractured - new since previous.",
            {"orthopedic_hardware": "present", "hardware_complication": "present"},
        ),
        ("Salter-Harris II fracture through the growth plate.", {"fracture": "present"}),
        (
            "Faint lucency, possibly a nondisplaced supracondylar fracture. Recommend treating as fracture and "
            "repeat films in 7-10 days.",
            {"lucency": "present", "fracture": "uncertain"},
        ),
        # the gut and the urinary tract (rv49d)
        ("Pancreas: normal; PD 2 mm, not dilated.", {"pancreatic_duct_dilatation": "absent"}),
        (
            "Upstream MPD dilated to 6 mm with atrophy of the body/tail.",
            {"pancreatic_duct_dilatation": "present"},
        ),
        (
            "At the site of the previously drained RLQ abscess there is a 1.4 cm residual fluid collection; no "
            "residual abscess.",
            {"fluid_collection": "present", "abscess": "absent"},
        ),
        ("Colon opacified retrograde to the cecum.", {}),
        ("Opacification of the right lower lobe.", {"lung_opacity": "present"}),
        # head and neck (rv49a)
        ("Small amount of left orbital emphysema.", {}),
        ("Thickening of the prevertebral soft tissues from C1 to C4.", {"soft_tissue_swelling": "present"}),
        (
            "Occlusive filling defect in the right internal jugular vein. Left IJ patent.",
            {"thrombus": "present"},
        ),
        ("Right IJ central line, tip in the SVC.", {"central_venous_catheter": "present"}),
    ],
)
def test_review_rv49(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_side_letter_before_scfe() -> None:
    from tests.structure.conftest import sides

    assert sides("L SCFE, mild.")["slipped_capital_femoral_epiphysis"] == {"left"}
