"""Review rv97 (breast imaging; liver imaging; thyroid, parathyroid and neck ultrasound; major trauma CT), written
before any output was seen: what it found."""

from __future__ import annotations

import pytest

from radpilot.report.sections import parse_report
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the breast's (review rv97a)
        (
            "GALACTOGRAM.\nFindings: Approximately 3 cm from the nipple there is a 6 mm smoothly marginated "
            "intraluminal filling defect with mild upstream dilatation, consistent with an intraductal papilloma.",
            {"breast_mass": "present"},
        ),
        # the liver's (review rv97b)
        ("PV patent, hepatopetal.", {"portal_vein_thrombosis": "absent"}),
        ("GB thin-walled, no calculi.", {"gallbladder_wall_thickening": "absent", "gallstones": "absent"}),
        ("US LI-RADS: US-1 (negative).", {}),
        ("Urgent multiphase CT or MRI recommended; referred via the HCC fast-track pathway.", {}),
        (
            "Serpiginous, tortuous longitudinal filling defects in the distal third of the oesophagus, consistent "
            "with oesophageal varices.",
            {"varices": "present"},
        ),
        (
            "Two small low-signal filling defects within the dilated donor CHD measuring up to 5 mm.",
            {"biliary_dilatation": "present"},
        ),
        (
            "1. Hepatomegaly with moderate-severe steatosis. Elastography may be helpful to stage fibrosis.",
            {"hepatomegaly": "present", "hepatic_steatosis": "present"},
        ),
        (
            "Aortic atherosclerosis without aneurysm.",
            {"aortic_atherosclerosis": "present", "aortic_aneurysm": "absent"},
        ),
        # the neck's (review rv97c)
        (
            "Right lateral neck: In level III there is a new 11 x 7 mm round hypoechoic lymph node with loss of the "
            "fatty hilum, peripheral vascularity and punctate microcalcifications.",
            {},
        ),
        ("US thyroid. Normal size and echotexture. No nodules.", {"thyroid_nodule": "absent"}),
        ("Parenchymal vascularity of the parotid glands mildly increased.", {}),
        (
            "Solid hypoechoic nodule, not taller-than-wide, with macrocalcifications, measuring 1.2 cm.",
            {"nodule": "present", "calcification": "present"},
        ),
        # the trauma CT's (review rv97d)
        (
            "There is ill-defined T2/STIR hyperintensity within the cord from C4 to C6, in keeping with cord "
            "contusion.",
            {"cord_signal_abnormality": "present", "spinal_cord_injury": "present"},
        ),
        ("Solid organs intact. No free gas.", {"solid_organ_injury": "absent", "pneumoperitoneum": "absent"}),
        (
            "Collar sign at the waist of the herniated stomach. Appearances are diagnostic of traumatic left "
            "diaphragmatic rupture.",
            {"diaphragmatic_injury": "present"},
        ),
        ("Paper clip marker at the entry site anteriorly.", {"skin_marker": "present"}),
        # the treated cancer's (the reviews of the change)
        (
            "Expected post-radiation changes with complete response of the primary and nodal disease.",
            {"lymphadenopathy": "absent"},
        ),
        ("Near complete response of the primary tumour.", {"mass": "present"}),
        (
            "Right upper lobe nodule (ddx: granuloma, metastasis).",
            {"nodule": "present", "granuloma": "uncertain", "pulmonary_metastases": "uncertain"},
        ),
    ],
)
def test_review_rv97(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        (
            "Small benign-looking intramammary lymph node R UOQ, unchanged.",
            "intramammary_lymph_node",
            "right",
        ),
        ("IMPRESSION: 12 mm L inferior parathyroid adenoma.", "parathyroid_adenoma", "left"),
        ("Small residual R haemothorax, stable.", "hemothorax", "right"),
    ],
)
def test_review_rv97_sides(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}


def test_a_history_before_another_opening_section_has_its_findings_after_it() -> None:
    # (review rv97a: a breast clinic's report with no findings header; what followed the history up to the
    # "Procedure:" header was all read as history, never present)
    report = parse_report(
        "ONE-STOP BREAST CLINIC\n\nClinical: 58F, 6 wk hx R breast lump. P4 on examination.\n\nBilateral "
        "mammography: R breast - 25 mm irregular spiculated mass at 10 o'clock.\n\nProcedure: US-guided core "
        "biopsy.\n\nSummary: Appearances of R breast carcinoma."
    )
    assert [s.name for s in report.sections] == [
        "findings",
        "history",
        "findings",
        "examination",
        "impression",
    ]
    assert report.sections[2].text.startswith("Bilateral mammography")
