"""Reviews rv84 (facial, orbital and sinus CT, outpatient abdominal ultrasound, early pregnancy ultrasound,
rheumatology imaging) and rv85 (routine chest films in a veterans' hospital's templated style, pleural and
occupational lung disease, heart failure and cardiac devices, mediastinal and hilar disease), written before any output
was seen: what they found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an organ opening with its measurement and what the scan shows of it ends the history's note (review rv84b)
        (
            "Liver US with elastography. Hx: NAFLD, fibrosis staging. Liver 16.2 cm, diffusely hyperechoic w/ attenuation of the deep parenchyma - moderate steatosis. No ascites. Spleen 11.3 cm, normal size.",
            {"hepatic_steatosis": "present", "ascites": "absent", "splenomegaly": "absent"},
        ),
        # ... and figures compared with the prior study are the scan's, no referrer's word (review rv84b)
        (
            "Renal US. Hx: recurrent stones. Comparison 1 yr. R kidney 11.6 cm: 2 lower pole stones, 5 and 7 mm, previously 4 and 6 mm. No hydronephrosis bilaterally.",
            {"nephrolithiasis": "present", "hydronephrosis": "absent"},
        ),
        # ... an organ's lie with its size (review rv84c); the uterine cavity's clot is no thrombus
        (
            "US pelvis TA/TV. Hx: 10 days s/p miscarriage, persistent spotting. Uterus anteverted, 8.9 cm. Within the lower uterine cavity there is a 15 mm avascular echogenic focus, which may represent blood clot; retained products are not excluded.",
            {"retained_products_of_conception": "uncertain"},
        ),
        # the scan's name as a heading (review rv84c)
        (
            "Hx: 2/52 post ERPC for missed miscarriage, continued bleeding. TV US: Thickened endometrium, 16 mm, with a 12 mm echogenic avascular focus in the fundal cavity: small RPOC versus clot.",
            {"endometrial_thickening": "present", "retained_products_of_conception": "uncertain"},
        ),
        # the abdomen's organs said normal (review rv84b)
        (
            "Abdominal ultrasound, complete. Reason: palpable periumbilical lump and vague upper abdominal pain. The liver, gallbladder, pancreas, spleen and kidneys appear normal. No gallstones. No hydronephrosis.",
            {"splenomegaly": "absent", "gallstones": "absent", "hydronephrosis": "absent"},
        ),
        # an organ's bare size may be the referrer's note: the history goes on (the review of the change)
        ("Hx: pelvic pain. Uterus 8 cm. No free fluid. Right ovarian cyst removed.", {}),
        # "Cmp:" is the comparison's heading (review rv85a)
        (
            "CHEST 2 VIEWS. Hx: HTN, DM, annual exam. Cmp: XXXX. Heart nl size. Lungs clear w/o infiltrate. No effusion or PTX.",
            {
                "cardiomegaly": "absent",
                "infiltrate": "absent",
                "pleural_effusion": "absent",
                "pneumothorax": "absent",
            },
        ),
        # a devices' heading after the comparison's line (review rv85d)
        (
            "Portable AP chest. Day 2 post oesophagectomy.\nComparison: Yesterday.\nLines and tubes: Right IJ central venous catheter, tip at the cavoatrial junction. Right basal intercostal drain in situ.\nFindings: No pneumothorax.",
            {"central_venous_catheter": "present", "chest_tube": "present", "pneumothorax": "absent"},
        ),
        # a focal lesion denied after a sentence that opens with its organ is the organ's (review rv84b)
        (
            "Abd US complete. Hx: elevated ALT. Liver 18.2 cm, enlarged and diffusely echogenic, c/w moderate hepatic steatosis. No focal lesion seen, though sensitivity is limited by the steatosis.",
            {"hepatomegaly": "present", "hepatic_steatosis": "present", "liver_lesion": "absent"},
        ),
        ("US abdomen. Findings: The spleen measures 12 cm. No focal lesion.", {"splenic_lesion": "absent"}),
        # an echogenic focus of the liver is no fatty liver (review rv84b)
        (
            "1.6 cm echogenic liver lesion, likely hemangioma.",
            {"liver_lesion": "present", "hepatic_hemangioma": "uncertain"},
        ),
        # early pregnancy's words (review rv84c)
        ("The left ovarian corpus luteal cyst has decreased in size.", {"ovarian_cyst": "present"}),
        (
            "Dating scan. Single live IUP. CRL 45 mm = 11w2d. No SCH. Ovaries nl.",
            {"intrauterine_pregnancy": "present", "hematoma": "absent"},
        ),
        (
            "No IUP. Left ovary contains a 3.2 cm haemorrhagic cyst. No separate extraovarian mass.",
            {"intrauterine_pregnancy": "absent", "ovarian_cyst": "present", "adnexal_mass": "absent"},
        ),
        (
            "Moderate complex free fluid with clot in the pouch of Douglas; the ovaries are partly obscured by clot.",
            {"free_fluid": "present"},
        ),
        # ... but a vein's clot beside retained products is a thrombus
        (
            "Retained products in the uterine cavity and a thrombus in the right ovarian vein.",
            {"retained_products_of_conception": "present", "thrombus": "present"},
        ),
        # a liver's sign read with a hedge is as hedged as its reading (review rv85c)
        (
            "Nodular liver contour, which can be seen with cirrhosis or chronic passive congestion.",
            {"cirrhosis": "uncertain"},
        ),
        # the face's words (review rv84a)
        (
            "CT orbits w/ contrast. Findings: R preseptal soft tissue swelling, consistent with preseptal (periorbital) cellulitis. No abscess.",
            {"soft_tissue_swelling": "present", "infection": "present", "abscess": "absent"},
        ),
        # (a bleed named in a sinus stays the bleed's: denied, it denies no sinus disease, the review of the change)
        (
            "Hemorrhage in the right ethmoid air cells. Impression: Right hemosinus.",
            {"hematoma": "present", "paranasal_sinus_disease": "present"},
        ),
        ("No hemorrhage in the left maxillary sinus. Mild mucosal thickening.", {"hematoma": "absent"}),
        ("XR RIGHT HAND. FINDINGS: Swan-neck deformity of the index finger.", {"bone_deformity": "present"}),
        (
            "Right zygomaticomaxillary complex fracture with 3 mm diastasis at the zygomaticofrontal suture.",
            {"fracture": "present"},
        ),
        (
            "Right forehead laceration with small subcutaneous foci of gas.",
            {"subcutaneous_emphysema": "present"},
        ),
        ("Right medial orbital wall fracture with orbital and eyelid emphysema.", {"fracture": "present"}),
        (
            "Frontal sinusitis complicated by frontal bone osteomyelitis and subgaleal abscess (Pott puffy tumor).",
            {"paranasal_sinus_disease": "present", "osteomyelitis": "present", "abscess": "present"},
        ),
        # the hands' words (review rv84d)
        (
            "XR BOTH HANDS. Ulnar deviation at the MCP joints with swan-neck configuration of several fingers.",
            {},
        ),
        ("XR BOTH HANDS. Broken right 3rd MCP silicone implant.", {}),
        (
            "XR LEFT HAND. Erosive changes at the DIP joints. Mineralization preserved.",
            {"osteopenia": "absent"},
        ),
        ("Normal mineralization. Vascular mineralization is normal.", {"osteopenia": "absent"}),
        ("Hands, PA both. Calcinosis cutis in the fingertips bilaterally.", {"calcification": "present"}),
        # the chest's words (review rv85a-d)
        (
            "Streaky opacities at the left base most likely represent scarring.",
            {"lung_opacity": "present", "scarring": "uncertain"},
        ),
        (
            "No pleural plaques, pleural thickening or effusion.",
            {"pleural_plaque": "absent", "pleural_thickening": "absent", "pleural_effusion": "absent"},
        ),
        (
            "Blunting of the costophrenic angle, pleural thickening or effusion.",
            {
                "costophrenic_blunting": "present",
                "pleural_thickening": "uncertain",
                "pleural_effusion": "uncertain",
            },
        ),
        (
            "Right-sided pigtail drain remains in situ with its tip in the posterior costophrenic recess.",
            {"chest_tube": "present"},
        ),
        (
            "A moderate left pleural effusion. Site marked for drain insertion in the 7th intercostal space.",
            {"pleural_effusion": "present"},
        ),
        (
            "Portable chest. FINDINGS: New moderate left pneumothorax. ICD generator in the left chest with RV lead.\nIMPRESSION: Moderate left pneumothorax following ICD placement.",
            {"pneumothorax": "present", "cardiac_pacemaker": "present", "support_device": "present"},
        ),
        (
            "Leads terminate in the right atrium and the right ventricular apex (with a defibrillator coil).",
            {"support_device": "present", "cardiac_pacemaker": "present"},
        ),
        ("Left atrial appendage occlusion device in place.", {"cardiac_occluder": "present"}),
        ("Both hila are normal in size, position and density.", {"hilar_enlargement": "absent"}),
        # (review rv86b, rv86c, rv86d)
        (
            "Additional calcified plaques are present along both hemidiaphragms.",
            {"pleural_plaque": "present"},
        ),
        (
            "The ascending thoracic aorta is aneurysmally dilated, measuring 4.6 cm.",
            {"aortic_aneurysm": "present"},
        ),
        (
            "No displaced rib fracture identified. Nondisplaced rib fractures may be radiographically occult.",
            {"fracture": "absent"},
        ),
        (
            "Benign-appearing lesion in the T10 vertebral body, typical of a vertebral hemangioma.",
            {"bone_lesion": "present"},
        ),
        ("Calcified hilar LN, old.", {"calcified_lymph_node": "present"}),
    ],
)
def test_review_rv84_rv85(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        # a bare effusion on a one-sided study of a limb's joints is that side's (review rv84d)
        (
            "US RIGHT HAND AND WRIST. Findings: New small effusion at the 3rd PIP joint without Doppler signal.",
            "joint_effusion",
            "right",
        ),
        # the foot's parts name the foot's study (review rv84d)
        (
            "MRI RIGHT FOREFOOT WITHOUT AND WITH CONTRAST\nFINDINGS: Intermetatarsal bursitis between the 2nd and 3rd metatarsal heads.",
            "bursitis",
            "right",
        ),
        (
            "Hemorrhage layers in the left maxillary sinus. Impression: Left hemosinus.",
            "paranasal_sinus_disease",
            "left",
        ),
        (
            "Renal US. Hx: recurrent stones. R kidney 11.6 cm: 2 lower pole stones, 5 and 7 mm.",
            "nephrolithiasis",
            "right",
        ),
    ],
)
def test_the_sides_rv84_rv85(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}
