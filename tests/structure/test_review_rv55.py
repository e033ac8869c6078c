"""Review rv55 (held-out lung cancer screening CT, breast imaging, thyroid/liver ultrasound and liver MRI, and ICU
chest radiographs with lines and tubes, written before any output was seen), and the leftovers of the last
session's note: what they found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare "fibrosis" said of an organ outside the chest is that organ's scar (last session's note: a rectum's
        # fibrosis was pulmonary fibrosis)
        ("Low signal in the rectal wall in keeping with fibrosis.", {}),
        ("The liver is nodular consistent with fibrosis.", {}),
        ("Breast: postsurgical fibrotic changes.", {}),
        ("Thickened rectal wall with fibrosis.", {"bowel_wall_thickening": "present"}),
        # ... one said of the lung stays, whatever organ follows
        (
            "Mild fibrosis at the lung bases and hepatic steatosis.",
            {"pulmonary_fibrosis": "present", "hepatic_steatosis": "present"},
        ),
        (
            "Pulmonary fibrosis and hepatic steatosis.",
            {"pulmonary_fibrosis": "present", "hepatic_steatosis": "present"},
        ),
        ("Bibasilar fibrosis.", {"pulmonary_fibrosis": "present"}),
        # the adnexa's own tube is no device, whatever side it is said on (last session's note)
        ("Right ovary and tube normal.", {}),
        ("Left tube and ovary are normal.", {}),
        ("Both tubes and ovaries are unremarkable. Right IJ line.", {"central_venous_catheter": "present"}),
        # what a finding did not do is no denial of the choice that reads it after a dash (rv55c)
        (
            "The lesion did not enhance - cyst versus abscess.",
            {"lesion": "present", "cyst": "uncertain", "abscess": "uncertain"},
        ),
        (
            "The lesion does not enhance, cyst or abscess.",
            {"lesion": "present", "cyst": "uncertain", "abscess": "uncertain"},
        ),
        (
            "The catheter did not advance, no pneumothorax or effusion.",
            {"support_device": "present", "pneumothorax": "absent", "pleural_effusion": "absent"},
        ),
        # a screening report's shorthand (rv55a)
        (
            "LDCT. cf 2023.\n- RUL 5mm solid nod, stable.\n- LLL 8 mm GGN, new.\n- mod CLE.\n- CAC mod.\n- no LAD. no eff.",
            {
                "solid_nodule": "present",
                "ground_glass_nodule": "present",
                "emphysema": "present",
                "coronary_calcification": "present",
                "lymphadenopathy": "absent",
                "pleural_effusion": "absent",
            },
        ),
        # ... a calcium score above zero is the calcium, one of zero none
        ("CAC score 250.", {"coronary_calcification": "present"}),
        ("CAC score: 0.", {"coronary_calcification": "absent"}),
        ("Coronary artery calcium score of zero.", {"coronary_calcification": "absent"}),
        # an interstitial lung abnormality is what the CT shows, not yet the disease (rv55a)
        (
            "Basal interstitial lung abnormality, possibly early ILD.",
            {"interstitial_markings": "present", "interstitial_lung_disease": "uncertain"},
        ),
        # a gland thickened throughout is no nodule (rv55a)
        ("Mild bilateral adrenal thickening without discrete adrenal nodule.", {"adrenal_nodule": "absent"}),
        # a mass's own air bronchograms are the mass's (rv55a)
        ("Spiculated mass in the right lower lobe with internal air bronchograms.", {"mass": "present"}),
        # breast imaging (rv55b): composition is no finding, "including" lists what is there, a tumour bed is a place
        (
            "SCREENING MAMMO 3D\nDensity: B.\nStable benign findings including an oil cyst in the left subareolar "
            "breast. No new masses.",
            {"fat_necrosis": "present", "breast_mass": "uncertain"},
        ),
        (
            "Right: The previously seen irregular enhancing mass is no longer identified. Signal void from biopsy clip "
            "at the tumor bed.\nImpression: Complete imaging response. BI-RADS 6 (known malignancy).",
            {"mass": "absent", "surgical_clips": "present"},
        ),
        (
            "Left breast: skin thickening and subcutaneous edema, consistent with mastitis.",
            {"breast_skin_thickening": "present", "soft_tissue_swelling": "present", "infection": "present"},
        ),
        (
            "Findings of L breast edema - inflammatory breast carcinoma versus mastitis.",
            {"breast_mass": "uncertain", "infection": "uncertain"},
        ),
        (
            "L implant: intracapsular collapse with free-floating shell (linguine sign). Small R-sided peri-implant "
            "effusion, likely physiological.",
            {"breast_implant": "present", "breast_implant_rupture": "present"},
        ),
        ("Subareolar US R breast\nA 5 mm intraductal solid mass.", {"breast_mass": "present"}),
        # another organ's hilum, a node's fatty hilum, portal hypertension's own shunt (rv55b, rv55c)
        (
            "Prominent tortuous varices at the splenic hilum and a spontaneous splenorenal shunt, consistent with "
            "portal hypertension.",
            {"varices": "present"},
        ),
        ("Right axillary lymph node 0.8 cm with restored fatty hilum, no longer enlarged.", {}),
        # the bladder's wall on a KUB study is no bowel's (rv55b: "USG" is a title's ultrasound)
        (
            "USG KUB\nIMP: Lt VUJ calculus causing mild HDUN.\nUB: Well distended, wall not thickened.",
            {"hydronephrosis": "present", "ureterolithiasis": "present", "bladder_wall_thickening": "absent"},
        ),
        # ICU films (rv55d)
        ("Right IJ Swan with tip in the main PA.", {"swan_ganz_catheter": "present"}),
        ("R subclavian TLC tip SVC.", {"central_venous_catheter": "present"}),
        ("Intubation tube with tip 3 cm above the carina.", {"endotracheal_tube": "present"}),
        (
            # (the pigtail is the pleura's drain, not also a non-pleural one: review rv85b)
            "A left pigtail catheter has been placed into the left pleural space.",
            {"chest_tube": "present"},
        ),
        (
            "Portable CXR, ventilated patient with ARDS.\nNo definite pneumothorax.",
            {"pneumothorax": "absent"},
        ),
    ],
)
def test_review_rv55(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # the place a sentence opens with, however long, is its finding's (rv55b; IU 2414 reads the same)
        (
            "In the left breast at 12-1 o'clock, middle depth, there is an irregular high density spiculated mass.",
            "breast_mass",
            "left",
        ),
        (
            "In the right lower lobe at the posterior basal segment, there is a spiculated mass.",
            "mass",
            "right",
        ),
        # a breast's clock face and implant take their single-letter side
        ("Irregular mass at L 12:30, 4 cm FN.", "mass", "left"),
        ("At R 7 o'clock there is a 6 mm oval mass.", "mass", "right"),
        ("L implant: intact.", "support_device", "left"),
    ],
)
def test_the_side_of_review_rv55(text: str, code: str, side: str) -> None:
    from radpilot import structure

    f = next(f for f in structure(text).findings if f.code == code)
    assert f.laterality is not None and f.laterality.value == side
