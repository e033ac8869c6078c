"""Reviews rv87 (emergency neck and airway imaging, chest CT after lung cancer surgery and radiotherapy, sports hip and
groin MRI, incidental findings on templated CT) and rv88 (GI luminal imaging, chest imaging around cardiac and thoracic
interventions, transplant imaging, terse Australian and New Zealand dictation), written before any output was seen: what
they found."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a note of the prior study with its colon, then what the film shows (review rv87b)
        (
            "CT C/A/P w/ contrast. Hx: s/p RLL lobectomy 2022. Compared to 11/2024: New nodular pleural thickening along the R major fissure, up to 8 mm, w/ small new R effusion. No ascites.",
            {"pleural_thickening": "present", "pleural_effusion": "present", "ascites": "absent"},
        ),
        # the film's own denials, ending with a dictated impression (review rv87a)
        (
            "CXR 2V, insp/exp. Hx: 2yo, choking episode at dinner, coughing; hx reactive airway disease. Heart nl size. Lungs clear. No hyperinflation or air trapping on exp view. No PTX. No radiopaque FB. IMP: Neg chest.",
            {
                "cardiomegaly": "absent",
                "hyperinflation": "absent",
                "air_trapping": "absent",
                "pneumothorax": "absent",
                "foreign_body": "absent",
            },
        ),
        # the graft the film shows is no patient's word (review rv88c)
        (
            "RENAL TRANSPLANT US. Hx: LRD transplant 6 wks, JJ stent removed last wk, Cr up 1.3 -> 1.9. Compared w/ 4/2. New moderate hydronephrosis of the transplant kidney w/ dilated proximal ureter measuring 9 mm.",
            {"hydronephrosis": "present"},
        ),
        # what a part of the graft contains is the scan's (review rv88c)
        (
            "US renal transplant. Indication: febrile UTI, 14 months post transplant. The upper pole of the graft contains a 2.2 cm focal area of increased echogenicity with decreased color Doppler perfusion, concerning for focal pyelonephritis.",
            {"pyelonephritis": "uncertain"},
        ),
        # a finding measured on two axes may be another study's or the clinician's: the history goes on (the review
        # of the change)
        ("Hx: dysphagia. EGD: 3 x 2 cm mass at the GE junction, biopsy pending.", {}),
        ("Hx: neck lump. 2 x 1.5 cm mobile nontender lump, left level 2.", {}),
        # the native kidneys' heading (review rv88c)
        (
            "RENAL ULTRASOUND. Indication: s/p renal transplant, microscopic hematuria. Native kidneys: right 7.8 cm, left 8.1 cm, both atrophic. No hydronephrosis.",
            {"hydronephrosis": "absent"},
        ),
        # a referrer's working impression stays the history's
        ("Hx: cough, fever. Imp: ?pneumonia.", {}),
        # a pneumonectomy's space is the operation's sign, however what lies in it is said (review rv87b)
        (
            "CT CHEST W CONTRAST. HISTORY: s/p L pneumonectomy 5 wks ago, fever. FINDINGS: The left postpneumonectomy space contains fluid with multiple new non-dependent gas locules. IMPRESSION: Findings concerning for postpneumonectomy empyema.",
            {"lung_resection": "present", "empyema": "uncertain"},
        ),
        # ... denied gas in it denies no resection
        (
            "FINDINGS: Left pneumonectomy. No gas in the left postpneumonectomy space.",
            {"lung_resection": "present"},
        ),
        # the staple line of a one-sided resection (review rv87b)
        (
            "FINDINGS: Postsurgical changes of right upper lobectomy with intact staple line along the hilum. No pleural effusion.",
            {"lung_resection": "present", "surgical_clips": "present", "pleural_effusion": "absent"},
        ),
        # radiation fibrosis is fibrosis (reviews rv70b, rv87b)
        (
            "FINDINGS: Left perihilar radiation fibrosis with traction bronchiectasis, unchanged. No pleural effusion.",
            {"pulmonary_fibrosis": "present", "bronchiectasis": "present", "pleural_effusion": "absent"},
        ),
        # Kerley B lines are the septa's lines and oedema (reviews rv72d-rv88d)
        (
            "FINDINGS: Upper lobe venous diversion and interstitial oedema with Kerley B lines. Small bilateral pleural effusions.",
            {
                "vascular_congestion": "present",
                "pulmonary_edema": "present",
                "interstitial_markings": "present",
                "pleural_effusion": "present",
            },
        ),
        # ... the oedema said in its own words decides it
        (
            "FINDINGS: Indistinct vascular margins and Kerley B lines suggest mild interstitial edema.",
            {"interstitial_markings": "present", "pulmonary_edema": "uncertain"},
        ),
        # ... denied, both
        (
            "FINDINGS: No Kerley lines. No pleural effusion.",
            {"interstitial_markings": "absent", "pulmonary_edema": "absent", "pleural_effusion": "absent"},
        ),
        # ileocolitis: the ileum's and the colon's (review rv88a)
        (
            "IMPRESSION: Findings consistent with active Crohn's ileocolitis.",
            {"enteritis": "present", "colitis": "present"},
        ),
        # the tongue's oedema is no lung's (review rv87a)
        (
            "FINDINGS: Diffuse edema of the tongue, floor of mouth and supraglottic larynx. No abscess.",
            {"abscess": "absent"},
        ),
        # dictation's GB wall (review rv88d)
        (
            "US ABDOMEN. Multiple mobile gallstones. GB wall thickened at 5 mm with small volume pericholecystic fluid.",
            {
                "gallstones": "present",
                "gallbladder_wall_thickening": "present",
                "pericholecystic_fluid": "present",
            },
        ),
        # a stent where it lies in a hollow organ (review rv88b)
        (
            "FINDINGS: A covered self-expanding metallic stent spans the mid to distal oesophagus and is well expanded.",
            {"nonvascular_stent": "present"},
        ),
        # the tube taken out (review rv88b)
        (
            "FINDINGS: Chest X-ray following tracheostomy decannulation. The tracheostomy tube has been removed. No pneumothorax.",
            {"tracheostomy_tube": "absent", "pneumothorax": "absent"},
        ),
        # a reading said with what it rests on (review rv88d)
        (
            "XR R ELBOW. FINDINGS: Elevated anterior and posterior fat pads. No definite fracture seen; an occult supracondylar fracture is likely given the effusion.",
            {"joint_effusion": "present", "fracture": "uncertain"},
        ),
        # the grade of a tear in doubt, not the tear (review rv87c)
        (
            "FINDINGS: High-grade partial versus complete tear of the direct head of the left rectus femoris.",
            {"ligament_tear": "present"},
        ),
        # ... real alternatives stay in doubt
        (
            "FINDINGS: Tendinosis versus partial tear of the supraspinatus tendon.",
            {"tendinosis": "uncertain", "ligament_tear": "uncertain"},
        ),
        # another study's finding not confirmed (review rv87d)
        ("IMPRESSION: The sonographic left renal cyst is not confirmed.", {"renal_cyst": "absent"}),
        # gone since the prior study (review rv88b)
        (
            "FINDINGS: The small right pleural effusion seen previously is no longer visible. No pneumothorax.",
            {"pleural_effusion": "absent", "pneumothorax": "absent"},
        ),
        # a tendon pulled off the bone (review rv87c)
        (
            "FINDINGS: There is complete avulsion of the conjoint tendon from the right ischial tuberosity with a 6 cm hematoma.",
            {"ligament_tear": "present", "hematoma": "present"},
        ),
        # the kidney named before the cyst (review rv87d)
        (
            "FINDINGS: L renal 2.2 cm simple cyst. Tiny bilateral renal hypodensities, likely cysts.",
            {"renal_cyst": "present", "hypodensity": "present"},
        ),
        # a line's vein with its side (review rv88b)
        (
            "FINDINGS: RIJ CVC tip low SVC. No pneumothorax.",
            {"central_venous_catheter": "present", "pneumothorax": "absent"},
        ),
    ],
)
def test_review_rv87_rv88(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        (
            "CT C/A/P w/ contrast. Hx: s/p RLL lobectomy 2022. Compared to 11/2024: New nodular pleural thickening along the R major fissure, up to 8 mm, w/ small new R effusion. No ascites.",
            "pleural_effusion",
            "right",
        ),
        (
            "FINDINGS: Left pneumonectomy. No gas in the left postpneumonectomy space.",
            "lung_resection",
            "left",
        ),
        (
            "FINDINGS: Postsurgical changes of right upper lobectomy with intact staple line along the hilum. No pleural effusion.",
            "lung_resection",
            "right",
        ),
        (
            "FINDINGS: Postsurgical changes of right upper lobectomy with intact staple line along the hilum. No pleural effusion.",
            "surgical_clips",
            "right",
        ),
        (
            "FINDINGS: Left perihilar radiation fibrosis with traction bronchiectasis, unchanged. No pleural effusion.",
            "pulmonary_fibrosis",
            "left",
        ),
        (
            "FINDINGS: Left perihilar radiation fibrosis with traction bronchiectasis, unchanged. No pleural effusion.",
            "bronchiectasis",
            "left",
        ),
        (
            "XR R ELBOW. FINDINGS: Elevated anterior and posterior fat pads. No definite fracture seen; an occult supracondylar fracture is likely given the effusion.",
            "fracture",
            "right",
        ),
        (
            "FINDINGS: High-grade partial versus complete tear of the direct head of the left rectus femoris.",
            "ligament_tear",
            "left",
        ),
        (
            "FINDINGS: There is complete avulsion of the conjoint tendon from the right ischial tuberosity with a 6 cm hematoma.",
            "ligament_tear",
            "right",
        ),
        ("FINDINGS: RIJ CVC tip low SVC. No pneumothorax.", "central_venous_catheter", "right"),
    ],
)
def test_the_sides_rv87_rv88(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}


# what the reviews of the change found (each said of a rule above, read as the old code read it or better)
@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        # what lies in a pneumonectomy's space keeps the side said with the space
        (
            "Haematoma in the right pneumonectomy space with high attenuation fluid, 55 HU.",
            "hematoma",
            ("present", "right"),
        ),
        ("Large hydropneumothorax in the right pneumonectomy space.", "pneumothorax", ("present", "right")),
        # ... and a space read or denied as what the film shows is hedged or denied
        (
            "Opacified left hemithorax, which may represent a postpneumonectomy space or a large effusion.",
            "lung_resection",
            ("uncertain", "left"),
        ),
        (
            "Appearances are not those of a postpneumonectomy space; there is a large left pleural effusion.",
            "lung_resection",
            ("absent", None),
        ),
        # a radiation field's fibrosis outside the lung stays a scar
        ("Radiation fibrosis of the left axilla. No axillary adenopathy.", "scarring", ("present", "left")),
        (
            "Radiation fibrosis in the left supraclavicular fossa; lungs clear.",
            "scarring",
            ("present", "left"),
        ),
        # a decannulation planned or failed leaves the tube in
        (
            "Tracheostomy decannulation tomorrow; tube in satisfactory position today.",
            "tracheostomy_tube",
            ("present", None),
        ),
        # a hedge said with a known diagnosis keeps the diagnosis the history's
        (
            "Hepatic lesions, metastases are likely given known pancreatic cancer.",
            "liver_lesion",
            ("present", None),
        ),
        # a finding reported before and not confirmed now is absent, not new
        (
            "The liver lesion reported previously is not confirmed on this study.",
            "liver_lesion",
            ("absent", None),
        ),
        # a muscle's own tear is no tendon's
        ("Small intramuscular tear of the semitendinosus without tendon involvement.", "ligament_tear", None),
    ],
)
def test_the_reviews_of_the_change_rv87(
    text: str, code: str, expected: tuple[str, str | None] | None
) -> None:
    found = [f for f in structure(text).findings if f.code == code]
    if expected is None:
        assert found == []
    else:
        assert (
            structure(text).by_code()[code].assertion.value,
            next((f.laterality.value for f in found if f.laterality is not None), None),
        ) == expected


# review rv89 (British ward ultrasound, lung screening CT, musculoskeletal ultrasound, outpatient brain MRI)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an organ opening with how the scan sees it, after the note, starts the findings
        (
            "US ABDOMEN. Indication: recurrent post-prandial epigastric pain. Gallbladder well distended with several "
            "mobile, echogenic, shadowing calculi up to 9 mm. No gallbladder wall thickening (2 mm).",
            {"gallstones": "present", "gallbladder_wall_thickening": "absent"},
        ),
        # ... not a referrer's note of the organ
        ("Hx: gallstones, awaiting lap chole. Gallbladder distended with stones.", {}),
        # what a finding's absence makes of another is said after it
        (
            "IMPRESSION: Absence of central restricted diffusion makes abscess less likely.",
            {"abscess": "uncertain"},
        ),
        # the aorta's and the coronaries' calcification said together
        (
            "FINDINGS: Aortic and coronary atherosclerotic calcifications.",
            {"coronary_calcification": "present", "aortic_atherosclerosis": "present"},
        ),
        # the Achilles tendon's rupture with its side inside
        (
            "ULTRASOUND RIGHT ACHILLES TENDON\nFINDINGS: Complete full-thickness rupture of the right Achilles tendon.",
            {"ligament_tear": "present"},
        ),
    ],
)
def test_review_rv89(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
