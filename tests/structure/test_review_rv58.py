"""Review rv58 (held-out spine MRI and CT, cardiac CT and MRI, inpatient chest radiographs, head and neck CT and MRI,
written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot.report import parse_report
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # spine (rv58a): a fusion's rod, neural foramina by their initials and a side's letter
        ("The left rod is fractured at the T11-12 level.", {"hardware_complication": "present"}),
        (
            "Fracture of the left femur with intramedullary rod.",
            {"fracture": "present", "orthopedic_hardware": "present"},
        ),
        ("Mod L NF narrowing. Mild bilat NF narrowing.", {"foraminal_stenosis": "present"}),
        # cardiac (rv58b): the heart muscle's fibrosis and fat, a procedure's perforation, a plaque without calcium, the
        # sternotomy's wires said after it
        (
            "Native T1 and ECV elevated in the septum, consistent with diffuse interstitial fibrosis of the myocardium.",
            {},
        ),
        ("Fatty infiltration of the RV free wall.", {}),
        ("Diffuse fatty infiltration of the liver.", {"hepatic_steatosis": "present"}),
        ("Haemopericardium, likely post-procedural perforation.", {"hemopericardium": "present"}),
        ("Calcified plaque in the LAD.", {"coronary_calcification": "present"}),
        ("Previous sternotomy - wires intact.", {"sternotomy_wires": "present"}),
        ("Bibasilar interstitial fibrosis.", {"pulmonary_fibrosis": "present"}),
        # head and neck (rv58d): the larynx's edema, a sinus's mucocele, a jugular vein's infected clot, a treated
        # node's scar, the fat's strands under the skin, the neck's fluid
        ("Edema of the supraglottic larynx, unchanged.", {"airway_edema": "present"}),
        (
            "Expansile, completely opacified left frontal sinus, most consistent with a frontal mucocele.",
            {"paranasal_sinus_disease": "present"},
        ),
        ("Thrombophlebitis of the left great saphenous vein.", {"superficial_thrombophlebitis": "present"}),
        (
            "Necrotic level IIA node has resolved, with only a small residual fibrotic focus.",
            {"lymphadenopathy": "absent"},
        ),
        ("Diffuse platysmal thickening and reticulation of the subcutaneous fat.", {}),
        ("Retropharyngeal edema/effusion.", {}),
        (
            "Left tension pneumothorax with tracheal deviation to the right.",
            {"tension_pneumothorax": "present", "mediastinal_shift": "present"},
        ),
        (
            "Retrosternal goitre causing tracheal deviation to the right.",
            {"goiter": "present"},
        ),
    ],
)
def test_review_rv58(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_line_after_the_comparison_that_shows_what_is_seen() -> None:
    # (a present tense is what this study shows: rv58a)
    text = (
        "MRI THORACIC SPINE WITH CONTRAST\nComparison: 2 months prior, before radiotherapy.\nThe treated T6 metastasis "
        "shows decreased enhancement.\nIMPRESSION: Treatment response."
    )
    assert [s.name for s in parse_report(text).sections] == [
        "examination",
        "comparison",
        "findings",
        "impression",
    ]
    assert report_codes(text)["osseous_metastasis"] == "present"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv59 (community chest films, emergency abdominal CT, limb trauma and arthritis, brain CT and MRI)
        (
            "PA/lateral chest\n34 F, asthma, pre-op for laparoscopy.\nLungs are mildly hyperexpanded.",
            {"hyperinflation": "present"},
        ),
        ("Small left effusion\n72F, SOB.", {"pleural_effusion": "present"}),
        ("IMPRESSION: 1.2 cm non-calcified left mid-zone pulmonary nodule.", {"nodule": "present"}),
        ("mild djd tspine.", {"degenerative_spine": "present"}),
        (
            "Soft tissue swelling with several small locules of gas in the adjacent soft tissues.",
            {"soft_tissue_swelling": "present", "subcutaneous_emphysema": "present"},
        ),
        (
            "A small focus of gas within the subcutaneous tissues anterolateral to the patella.",
            {"subcutaneous_emphysema": "present"},
        ),
        ("A scapholunate ligament injury is not excluded.", {"ligament_tear": "uncertain"}),
        (
            "R ankle. Weber B fibular fx. Medial clear space widened at 6mm c/w deltoid lig injury. ST swelling lat "
            "malleolus.",
            {"fracture": "present", "ligament_tear": "present", "soft_tissue_swelling": "present"},
        ),
        (
            "left knee 3 views no acute fracture or dislocation theres a moderate joint effusion.",
            {"fracture": "absent", "dislocation": "absent", "joint_effusion": "present"},
        ),
        ("Free gas under the diaphragm.", {"pneumoperitoneum": "present"}),
        (
            "CT brain:\n- no ICH\n- mod SVD",
            {"intracranial_hemorrhage": "absent", "small_vessel_disease": "present"},
        ),
    ],
)
def test_review_rv59(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_what_the_second_review_of_the_change_checked() -> None:
    from radpilot import structure

    # the lucency at a removed screw's site is there (what the screw was is the sentence's, not tested here)
    assert (
        report_codes("Lucent screw tract in the distal tibia at the site of the removed screw.")["lucency"]
        == "present"
    )
    # a jugular vein's septic thrombophlebitis is neither a line nor a superficial clot
    codes = report_codes("Right IJ septic thrombophlebitis.")
    assert "central_venous_catheter" not in codes and "superficial_thrombophlebitis" not in codes
    # a denial of what the study shows stays the list's; a bone's fracture beside a rod stays a fracture
    assert report_codes("The scan does not show any acute abnormality, hemorrhage or midline shift.") == {
        "intracranial_hemorrhage": "absent",
        "midline_shift": "absent",
    }
    assert (
        report_codes("Periprosthetic fracture at the tip of the intramedullary rod.")["fracture"] == "present"
    )
    # a subject phrase of the soft tissues' gas takes no other gas's words
    assert report_codes("Focus of gas in the portal vein.") == {"portal_venous_gas": "present"}
    # a title of views only, before the patient's age; a title with a finding is the finding
    assert (
        report_codes("CT head with acute subdural\n80 M, fall.\nNo midline shift.")["subdural_hematoma"]
        == "present"
    )
    # "including" lists what is seen; a differential said before it hedges
    assert report_codes("Bilateral pulmonary emboli including a saddle embolus.") == {
        "pulmonary_embolism": "present"
    }
    # a previous film's finding is the comparison's
    assert "pneumothorax" not in report_codes(
        "Comparison: CXR yesterday. Previous film shows a right pneumothorax. Chest tube in place."
    )
    # the exclusions keep what is said beside them
    assert (
        report_codes("Bowel perforation with a small pericardial effusion.")["bowel_perforation"] == "present"
    )
    assert (
        report_codes("Interstitial fibrosis with mildly enlarged mediastinal lymph nodes.")[
            "pulmonary_fibrosis"
        ]
        == "present"
    )
    assert report_codes("Hepatic steatosis with a normal pancreas.") == {"hepatic_steatosis": "present"}
    assert "coronary_calcification" in report_codes(
        "Mixed calcified and non-calcified plaque in the proximal LAD."
    )
    assert report_codes("Appendiceal mucocele.") == {}
    assert structure("FDG-avid left axillary node, new since prior PET/CT.\nNo other findings.").findings
