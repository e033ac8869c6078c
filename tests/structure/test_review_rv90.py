"""Reviews rv90 (breast MRI and image-guided breast procedures, non-trauma head CT in older adults, CT for sepsis in
intensive care, spine radiographs and CT) and rv91 (post-operative orthopaedic radiographs, CT angiography for
gastrointestinal bleeding and mesenteric ischaemia), written before any output was seen: what they found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an infarct said acute is the acute infarct (review rv90b)
        (
            "CT head noncontrast. FINDINGS: Acute left PICA territory infarct with mass effect on the fourth ventricle.",
            {"acute_infarct": "present", "mass_effect": "present"},
        ),
        # ... and the "acute" of a denial reaches the infarct at the end of its list
        (
            "CT brain: no acute intracranial haemorrhage or infarct, no hydrocephalus.",
            {"intracranial_hemorrhage": "absent", "acute_infarct": "absent", "hydrocephalus": "absent"},
        ),
        # ... not an old one said after it
        (
            "CT head: No acute haemorrhage; old left MCA infarct.",
            {"intracranial_hemorrhage": "absent", "cerebral_infarct": "present"},
        ),
        # a denied sign of hydrocephalus denies the oedema only (reviews rv74b, rv90b)
        (
            "CT head. FINDINGS: The ventricles have mildly increased in size. No transependymal edema.",
            {"cerebral_edema": "absent"},
        ),
        (
            "CT head. FINDINGS: Mild transependymal oedema.",
            {"hydrocephalus": "present", "cerebral_edema": "present"},
        ),
        # an MRI sequence's word is no vertebra: the breast's cyst on a breast MRI (review rv90a)
        (
            "Breast MRI.\nFindings: A 7 mm round T2-bright focus in the left lower inner quadrant likely represents a "
            "small cyst.",
            {"breast_cyst": "uncertain"},
        ),
        # a coil-shaped biopsy marker is no embolization coil (review rv90a)
        (
            "FINDINGS: CC and ML views show the coil-shaped biopsy marker located 1.8 cm lateral to the biopsy site.",
            {"surgical_clips": "present"},
        ),
        # the gut's bleeding by its clinical name is no haematoma (review rv91b)
        (
            "CTA GI bleed. No active extravasation. Colonic diverticulosis.",
            {"active_extravasation": "absent", "diverticulosis": "present"},
        ),
        # a fixation plate's and a blade's failure (review rv91a)
        (
            "XR CERVICAL SPINE: ACDF C5-C6. The anterior plate is fractured. The inferior screws have backed out.",
            {
                "spinal_fusion_hardware": "present",
                "hardware_complication": "present",
                "orthopedic_hardware": "present",
            },
        ),
        (
            "FINDINGS: The helical blade has cut out superolaterally through the femoral head.",
            {"hardware_complication": "present"},
        ),
    ],
)
def test_review_rv90_rv91(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # a breast's procedure named first gives its side to what it finds (review rv90a)
        (
            "MRI-guided vacuum-assisted biopsy, L breast. Target: 9 mm focal NME at 2 o'clock. HydroMARK clip deployed.",
            "surgical_clips",
            "left",
        ),
        (
            "Stereotactic VAB R breast, grouped amorphous calcs UOQ (BI-RADS 4B). Clip placed. No significant haematoma.",
            "surgical_clips",
            "right",
        ),
        (
            "Post-procedure mammogram following stereotactic vacuum-assisted biopsy of left breast calcifications.\n"
            "Findings: A 1.5 cm post-biopsy haematoma with a tiny air locule is present at the biopsy site.",
            "hematoma",
            "left",
        ),
        (
            "CT head noncontrast. FINDINGS: Acute left PICA territory infarct with mass effect on the fourth ventricle.",
            "acute_infarct",
            "left",
        ),
    ],
)
def test_the_sides_rv90(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}


def test_a_breast_procedure_of_one_side_with_the_other_named() -> None:
    # (the other breast's finding keeps its own side)
    text = (
        "US-guided core biopsy, left breast. 67-year-old man with a firm left retroareolar lump.\n"
        "Diagnostic mammogram: the right breast shows mild nodular gynecomastia. 14G core biopsy x4; clip placed."
    )
    found = sides(text)
    assert (found.get("surgical_clips"), found.get("gynecomastia")) == ({"left"}, {"right"})


def test_the_other_breast_said_on_a_one_sided_procedure() -> None:
    # what the other breast shows is not the biopsied breast's (the review of the change)
    text = (
        "US-guided core biopsy, left breast. 14 mm irregular mass 2 o'clock, 4 cores, clip placed. Contralateral "
        "breast: 6 mm simple cyst at 10 o'clock, no action."
    )
    found = sides(text)
    assert (found.get("surgical_clips"), found.get("breast_cyst")) == ({"left"}, {None})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bone's named plate is no fixation plate (the review of the change)
        ("CT FACIAL BONES: The cribriform plate is fractured on the left.", {"fracture": "present"}),
        (
            "XR WRIST: The epiphyseal plate is fractured at the distal radius (Salter-Harris I).",
            {"fracture": "present"},
        ),
        # the "acute" of a denial does not reach an infarct past a comma, nor one the bleed is said of
        (
            "CT head: No acute bleed, right MCA infarct as before.",
            {"intracranial_hemorrhage": "absent", "cerebral_infarct": "present"},
        ),
        (
            "CT head: No acute haemorrhage within the left MCA infarct.",
            {"intracranial_hemorrhage": "absent", "cerebral_infarct": "absent"},
        ),
        # the oedema of the ventricles' lining gives way to the brain's oedema said in other words
        ("CT head: Cerebral oedema. No transependymal oedema.", {"cerebral_edema": "present"}),
        ("CT HEAD: Transependymal oedema. No cerebral swelling.", {"hydrocephalus": "present"}),
        # the whole body's oedema (reviews rv79a, rv85c, rv90c)
        (
            "FINDINGS: Moderate ascites and diffuse anasarca.",
            {"ascites": "present", "soft_tissue_swelling": "present"},
        ),
        # the head's arteries' calcification (review rv90b)
        (
            "CT head: Atherosclerotic calcifications of the bilateral cavernous internal carotid and distal vertebral "
            "arteries.",
            {"vascular_calcification": "present"},
        ),
        # a tip said on its own in a report of one line is that line's (reviews rv73d, rv90c, rv91d)
        (
            "Left subclavian port in place. Lungs clear. Catheter tip projects at the cavoatrial junction.",
            {"port_catheter": "present"},
        ),
        # ... not in a report of another device only
        (
            "ETT 4 cm above carina. Catheter tip in the SVC.",
            {"endotracheal_tube": "present", "catheter_tip": "present"},
        ),
        # ... nor an ECMO cannula's tip (the review of the change)
        (
            "Portable chest. Findings: VA ECMO. Venous cannula tip in the right atrium. Right PICC.",
            {"support_device": "present", "catheter_tip": "present", "picc": "present"},
        ),
        # the body wall's oedema said beside a denied anasarca (the review of the change)
        (
            "CT abdomen pelvis. Findings: Small volume ascites and body wall edema. No anasarca.",
            {"ascites": "present", "soft_tissue_swelling": "present"},
        ),
    ],
)
def test_the_reviews_of_the_change_rv90(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
