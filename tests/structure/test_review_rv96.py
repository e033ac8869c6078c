"""Review rv96 (neonatal and NICU imaging; head and neck cancer; pelvic MRI; lung cancer screening LDCT), written
before any output was seen: what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a treated pelvis's, nasopharynx's or endometriosis's scar is no lung fibrosis (review rv96b, rv96c)
        (
            "The tumour bed now consists predominantly of low T2 signal fibrosis with restoration of the muscle "
            "layers posteriorly (mrTRG 2).",
            {},
        ),
        (
            "Symmetrical post-radiation appearance of the nasopharyngeal mucosa, with low T2 signal fibrotic tissue at "
            "the left fossa of Rosenmuller, unchanged.",
            {},
        ),
        ("Presacral oedema related to radiotherapy.", {}),
        # a rectal cancer's extramural venous invasion (review rv96c)
        ("EMVI: Positive.", {"tumor_thrombus": "present"}),
        ("No suspicious nodes. No EMVI.", {"lymphadenopathy": "absent", "tumor_thrombus": "absent"}),
        (
            "Conclusion: Low rectal cancer, mrT3 N0, EMVI negative, intersphincteric plane involved.",
            {"mass": "present", "tumor_thrombus": "absent"},
        ),
        # a denial said after its name and a comma is its own, not the next clause's
        (
            "Sonographic Murphy sign negative, gallbladder wall thickened to 5 mm.",
            {"sonographic_murphy_sign": "absent", "gallbladder_wall_thickening": "present"},
        ),
        # ... only that name, its side said before it, and a side said after the denial (the reviews of the change)
        (
            "Acute appendicitis, perforation absent, no abscess.",
            {"appendicitis": "present", "bowel_perforation": "absent", "abscess": "absent"},
        ),
        ("COVID negative, bilateral ground-glass opacities.", {"ground_glass_opacity": "present"}),
        (
            "Left DVT negative, left Baker's cyst.",
            {"deep_vein_thrombosis": "absent", "baker_cyst": "present"},
        ),
        (
            "Effusion absent bilaterally, cardiomegaly.",
            {"pleural_effusion": "absent", "cardiomegaly": "present"},
        ),
        ("Right pleural effusion absent, left moderate.", {"pleural_effusion": "present"}),
        ("Right DVT neg; calf haematoma.", {"deep_vein_thrombosis": "absent", "hematoma": "present"}),
        # the larynx's oedema after radiotherapy (review rv96b)
        (
            "Diffuse edema of the epiglottis, aryepiglottic folds and false cords, an expected post-radiation "
            "finding; the airway remains patent.",
            {"airway_edema": "present"},
        ),
        ("Laryngectomy tube with tip approximately 5 cm above the carina.", {"tracheostomy_tube": "present"}),
        # an operation's dissection is no artery's (review rv96b)
        ("Surgical clips in the left neck along the dissection bed.", {"surgical_clips": "present"}),
        # a tumour's growth into bone or fat is no lung infiltrate (review rv96b)
        (
            "Low T1 signal replacing the normal fatty marrow of the clivus, suspicious for bone infiltration.",
            {},
        ),
        # a jaw's reconstruction plate broken (review rv96b)
        (
            "There is a new fracture of the plate at the level of the posterior fibula-ramus junction.",
            {"hardware_complication": "present"},
        ),
        # a reaction to a suture is a granuloma, no suture (review rv96b)
        (
            "New 6 mm right thyroid bed nodule - differential includes recurrence and suture granuloma.",
            {"thyroid_nodule": "present", "tumor_recurrence": "uncertain", "granuloma": "uncertain"},
        ),
        # treated nodes no longer pathological (review rv96b)
        (
            "Expected post-radiation changes with complete response of the primary and nodal disease.",
            {"lymphadenopathy": "absent"},
        ),
        # the newborn's (review rv96a)
        (
            "Multiple small cysts in the periventricular white matter bilaterally, in keeping with cystic "
            "periventricular leukomalacia (grade III).",
            {"cyst": "present", "white_matter_lesions": "present"},
        ),
        (
            "Impression: Meconium ileus causing distal bowel obstruction.",
            {"bowel_obstruction": "present"},
        ),
        (
            "Impression: Left congenital diaphragmatic hernia with herniated stomach and bowel.",
            {"diaphragmatic_hernia": "present"},
        ),
        (
            "Echogenic clot within the left germinal matrix extending into and filling the left lateral ventricle.",
            {},
        ),
        ("Aortic arch appears left-sided.", {"right_aortic_arch": "absent"}),
        ("Right hemidiaphragm normal in position.", {"diaphragm_elevation": "absent"}),
        ("Oedema of the surrounding soft tissues.", {"soft_tissue_swelling": "present"}),
        (
            "The abdomen is distended with a generalised ground-glass appearance and central displacement of bowel "
            "loops, consistent with ascites.",
            {"ascites": "present"},
        ),
        (
            "Permanent scarring cannot be distinguished at this stage; repeat DMSA in 6 months is recommended.",
            {"scarring": "uncertain"},
        ),
        # the pelvis's (review rv96c)
        (
            "Probable focal adenomyoma posterior wall (differential fibroid).",
            {"adenomyosis": "uncertain", "uterine_fibroid": "uncertain"},
        ),
        (
            "Conclusion: Patent left tube. Right distal tubal occlusion with hydrosalpinx.",
            {"hydrosalpinx": "present"},
        ),
        # the screening CT's (review rv96d)
        (
            "Differential includes atypical adenomatous hyperplasia / adenocarcinoma in situ versus focal "
            "inflammation.",
            {"infection": "uncertain"},
        ),
        ("Likely infective or inflammatory in nature.", {"infection": "uncertain"}),
        (
            "Aortic atherosclerosis without aneurysm.",
            {"aortic_atherosclerosis": "present", "aortic_aneurysm": "absent"},
        ),
    ],
)
def test_review_rv96(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        ("Large L tension PTX.", "pneumothorax", "left"),
        ("Known R endometrioma now 3.1 cm.", "ovarian_cyst", "right"),
        # a sign of no part of its own read as a lung finding is on its side (review rv96a)
        (
            "Linear and bubbly lucencies throughout the left lung, suggestive of pulmonary interstitial emphysema.",
            "pulmonary_interstitial_emphysema",
            "left",
        ),
    ],
)
def test_review_rv96_sides(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}
