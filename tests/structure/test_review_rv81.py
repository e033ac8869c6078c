"""Reviews rv81 (thyroid and neck ultrasound, post-operative abdomen CT, scrotal and abdominal wall ultrasound, ward
chest films in older adults), rv82 (knee and shoulder MRI, PET-CT and nuclear medicine, pancreas, spleen, adrenal and
kidney, outpatient chest films) and rv83 (paediatric MSK, transplant imaging, outpatient brain MRI, colon and
fluoroscopy), written before any output was seen, and the reviews of the change: what they found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a thyroid's scintigraphy named on its first line is a study of the thyroid (review rv81a)
        (
            "THYROID SCAN AND UPTAKE\nFindings: The thyroid gland is diffusely enlarged with homogeneous uptake. No focal hot or cold nodules.",
            {"goiter": "present", "thyroid_nodule": "absent"},
        ),
        # the kinds of one disease are no alternative finding (review rv81a)
        (
            "Tc-99m pertechnetate thyroid scan and 24 h RAIU.\nFindings: Markedly reduced uptake. No focal nodule.\nImpression: Findings consistent with thyroiditis (subacute or painless) in the thyrotoxic phase.",
            {"thyroid_nodule": "absent", "thyroiditis": "present"},
        ),
        # a study that shows no chest reads no finding of the chest's own: a thyroid's flow (review rv81a)
        (
            "THYROID ULTRASOUND\nFINDINGS: The gland is mildly enlarged. Echotexture is diffusely heterogeneous. Vascularity is mildly increased. No discrete nodule.",
            {"thyroid_nodule": "absent"},
        ),
        # ... a thyroiditis's fibrous septa (review rv81a)
        (
            "US THYROID\nFINDINGS: Gland small, diffusely heterogeneous and hypoechoic with fibrotic septa, c/w chronic thyroiditis.",
            {"thyroiditis": "present"},
        ),
        # ... a spermatic cord said tortuous (review rv81c)
        (
            "SCROTAL US\nFINDINGS: The right spermatic cord appears mildly thickened and tortuous, without a definite whirlpool sign. Both testes normal.",
            {"testicular_torsion": "absent"},
        ),
        # the scrotal wall's swelling (review rv81c)
        (
            "FINDINGS: R epididymis enlarged and hyperemic. The scrotal wall is thickened and edematous on the right. No torsion.",
            {"soft_tissue_swelling": "present", "torsion": "absent"},
        ),
        (
            "FINDINGS: Marked diffuse scrotal wall edema bilaterally, without soft tissue gas. Small bilateral hydroceles.",
            {"soft_tissue_swelling": "present", "subcutaneous_emphysema": "absent", "hydrocele": "present"},
        ),
        # a salivary duct named with its possessive (review rv81a)
        (
            "US SUBMANDIBULAR GLANDS\nR submandibular gland enlarged. 7 mm calculus in the proximal Wharton's duct with upstream ductal dilatation to 3 mm.",
            {"calculus": "present"},
        ),
        # what was treated is history; a clavicle's side in its letter (review rv81d)
        (
            "Follow-up CXR 6 weeks post treatment for LLL pneumonia. The previously seen L lower zone consolidation has resolved. Old healed R clavicular fracture.",
            {"consolidation": "absent", "fracture": "present"},
        ),
        # a pacemaker's pocket's side in its letter (review rv81d)
        (
            "Post dual-chamber PPM insertion. L pectoral generator with leads in the RA and RV apex. No pneumothorax.",
            {"cardiac_pacemaker": "present", "support_device": "present", "pneumothorax": "absent"},
        ),
        # the upper mediastinum's widening (review rv81d)
        (
            "AP supine. Apparent widening of the upper mediastinum, likely due to projection and an unfolded aorta. Lungs clear.",
            {"mediastinal_widening": "uncertain", "tortuous_aorta": "uncertain"},
        ),
        # a diaphragm's plaques are the pleura's (review rv81d)
        (
            "FINDINGS: Bilateral calcified pleural plaques, including diaphragmatic plaques. No pleural effusion.",
            {"pleural_plaque": "present", "pleural_effusion": "absent"},
        ),
        # the aortic arch's calcified atheroma (review rv81d)
        (
            "Comparison 2021. Lungs clear. No effusion. Calcified atheroma of the aortic arch.",
            {"pleural_effusion": "absent", "aortic_atherosclerosis": "present"},
        ),
        # a laparoscopic port's hernia (review rv81b)
        (
            "IMPRESSION: Small bowel obstruction due to an incarcerated right lower quadrant port-site hernia.",
            {"bowel_obstruction": "present", "abdominal_hernia": "present"},
        ),
        # the aneurysm's repair is the operation's name; its tube graft a device (review rv81b, the review of the change)
        (
            "Open infrarenal AAA repair with tube graft 2 days ago. CT A/P with IV contrast. The aortic graft is patent. No free air.",
            {"support_device": "present", "pneumoperitoneum": "absent"},
        ),
        # the knee's menisci said normal or without a tear (review rv82a)
        (
            "MRI L knee. Findings: Menisci normal in morphology and signal without tear. Cruciate and collateral ligaments intact. No joint effusion.",
            {"meniscal_tear": "absent", "ligament_tear": "absent", "joint_effusion": "absent"},
        ),
        (
            "EXAM: MRI LEFT KNEE\nFINDINGS: Menisci without tear. No effusion.",
            {"meniscal_tear": "absent", "joint_effusion": "absent"},
        ),
        (
            "EXAM: MRI LEFT KNEE\nFINDINGS: The lateral meniscus is normal. The medial meniscus has a tear.",
            {"meniscal_tear": "present"},
        ),
        # a title before its heading's colon, or before what it was asked for, is the study's side (review rv82a)
        (
            "MRI RIGHT KNEE: FINDINGS: Bucket-handle tear of the medial meniscus. Mild bone bruise in the medial tibial plateau. Moderate effusion.",
            {"meniscal_tear": "present", "bone_contusion": "present", "joint_effusion": "present"},
        ),
        (
            "Left knee MRI for lateral joint line swelling. There is a horizontal cleavage tear of the lateral meniscus with a parameniscal cyst. Small effusion.",
            {"meniscal_tear": "present", "cyst": "present", "joint_effusion": "present"},
        ),
        # a meniscus's root and ramp tears (review rv82a)
        (
            "EXAMINATION: MRI LEFT KNEE\nIMPRESSION: 1. Medial meniscal posterior root tear. 2. Medial meniscal ramp tear.",
            {"meniscal_tear": "present"},
        ),
        # a cuff's PASTA lesion is no bone's (review rv82a)
        (
            "MRI RIGHT SHOULDER\nImpression: Supraspinatus tendinosis versus low-grade partial-thickness articular-sided tear (PASTA lesion).",
            {"tendinosis": "uncertain", "ligament_tear": "uncertain"},
        ),
        # a muscle's denervation oedema (review rv82a)
        (
            "EXAMINATION: MR ARTHROGRAM RIGHT SHOULDER\nIMPRESSION: Paralabral cyst causing suprascapular nerve compression and infraspinatus denervation edema.",
            {"cyst": "present"},
        ),
        # a meniscus's blunting on a knee's MRI (review rv82a)
        (
            "EXAM: MRI RIGHT KNEE\nFINDINGS: Blunting of the free edge of the body of the medial meniscus. No effusion.",
            {"joint_effusion": "absent"},
        ),
        # nodes said to be metastases are the metastasis too (review rv82b)
        (
            "FINDINGS: Bilateral obturator lymph nodes up to 9 mm with intense uptake, consistent with nodal metastases.",
            {"lymphadenopathy": "present", "metastasis": "present"},
        ),
        # the pancreas said without its duct's dilatation (review rv82c)
        (
            "FINDINGS: Pancreas normal in size and enhancement without ductal dilatation.",
            {"pancreatic_duct_dilatation": "absent"},
        ),
        (
            "FINDINGS: The pancreatic remnant is atrophic without duct dilatation. Main duct normal in caliber without stricture.",
            {"pancreatic_duct_dilatation": "absent"},
        ),
        # a portal collateral shunt is no device (review rv82c)
        (
            "FINDINGS: Nodular liver contour consistent with cirrhosis. Splenorenal shunt and gastroesophageal varices.",
            {"cirrhosis": "present", "varices": "present"},
        ),
        # a pancreas's oedema beside its necrosis (review rv82c)
        (
            "FINDINGS: Small area of hypoenhancement in the pancreatic neck, possibly early necrosis versus edema.",
            {},
        ),
    ],
)
def test_review_rv81_rv82(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        (
            "FINDINGS: R epididymis enlarged and hyperemic. The scrotal wall is thickened and edematous on the right. No torsion.",
            "soft_tissue_swelling",
            "right",
        ),
        (
            "FINDINGS: Marked diffuse scrotal wall edema bilaterally, without soft tissue gas. Small bilateral hydroceles.",
            "soft_tissue_swelling",
            "bilateral",
        ),
        (
            "FINDINGS: Marked diffuse scrotal wall edema bilaterally, without soft tissue gas. Small bilateral hydroceles.",
            "hydrocele",
            "bilateral",
        ),
        (
            "Follow-up CXR 6 weeks post treatment for LLL pneumonia. The previously seen L lower zone consolidation has resolved. Old healed R clavicular fracture.",
            "fracture",
            "right",
        ),
        (
            "Post dual-chamber PPM insertion. L pectoral generator with leads in the RA and RV apex. No pneumothorax.",
            "support_device",
            "left",
        ),
        (
            "CT abdomen/pelvis. Findings: Large left rectus sheath haematoma. The ventral hernia mesh is in position without recurrent hernia.",
            "hematoma",
            "left",
        ),
        (
            "IMPRESSION: Small bowel obstruction due to an incarcerated right lower quadrant port-site hernia.",
            "abdominal_hernia",
            "right",
        ),
        (
            "EXAM: MRI LEFT KNEE\nFINDINGS: The lateral meniscus is normal. The medial meniscus has a tear.",
            "meniscal_tear",
            "left",
        ),
        (
            "MRI RIGHT KNEE: FINDINGS: Bucket-handle tear of the medial meniscus. Mild bone bruise in the medial tibial plateau. Moderate effusion.",
            "meniscal_tear",
            "right",
        ),
        (
            "MRI RIGHT KNEE: FINDINGS: Bucket-handle tear of the medial meniscus. Mild bone bruise in the medial tibial plateau. Moderate effusion.",
            "bone_contusion",
            "right",
        ),
        (
            "MRI RIGHT KNEE: FINDINGS: Bucket-handle tear of the medial meniscus. Mild bone bruise in the medial tibial plateau. Moderate effusion.",
            "joint_effusion",
            "right",
        ),
        (
            "Left knee MRI for lateral joint line swelling. There is a horizontal cleavage tear of the lateral meniscus with a parameniscal cyst. Small effusion.",
            "meniscal_tear",
            "left",
        ),
        (
            "Left knee MRI for lateral joint line swelling. There is a horizontal cleavage tear of the lateral meniscus with a parameniscal cyst. Small effusion.",
            "cyst",
            "left",
        ),
        (
            "Left knee MRI for lateral joint line swelling. There is a horizontal cleavage tear of the lateral meniscus with a parameniscal cyst. Small effusion.",
            "joint_effusion",
            "left",
        ),
        (
            "EXAMINATION: MRI LEFT KNEE\nIMPRESSION: 1. Medial meniscal posterior root tear. 2. Medial meniscal ramp tear.",
            "meniscal_tear",
            "left",
        ),
        (
            "MRI RIGHT SHOULDER\nImpression: Supraspinatus tendinosis versus low-grade partial-thickness articular-sided tear (PASTA lesion).",
            "tendinosis",
            "right",
        ),
        (
            "MRI RIGHT SHOULDER\nImpression: Supraspinatus tendinosis versus low-grade partial-thickness articular-sided tear (PASTA lesion).",
            "ligament_tear",
            "right",
        ),
        (
            "EXAMINATION: MR ARTHROGRAM RIGHT SHOULDER\nIMPRESSION: Paralabral cyst causing suprascapular nerve compression and infraspinatus denervation edema.",
            "cyst",
            "right",
        ),
    ],
)
def test_the_sides_rv81_rv82(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a thyroid and neck study's other glands keep their own nodules (the reviews of the change)
        (
            "US THYROID AND NECK\nFINDINGS: Normal thyroid. A 1 cm nodule in the left submandibular gland.",
            {"nodule": "present"},
        ),
        # a second part named in what the first was asked for takes the title's side from nobody (the reviews of the change)
        (
            "Left wrist for fall, right ankle for twisting injury. Left wrist: distal radius buckle fracture. Right ankle: no fracture, soft tissue swelling.",
            {"fracture": "present", "soft_tissue_swelling": "absent"},
        ),
        # ... nor a second title after it (the reviews of the change)
        (
            "Left hip x-ray for pain. Right knee x-ray for swelling. Findings: Left hip osteoarthritis, moderate. Right knee small effusion. Chondrocalcinosis.",
            {"arthritis": "present", "joint_effusion": "present", "chondrocalcinosis": "present"},
        ),
        # a meniscus's tear-like signal is no tear (the reviews of the change)
        (
            "MRI KNEE\nFindings: The medial meniscus has a tear-like signal which does not reach the articular surface, compatible with degeneration.",
            {},
        ),
        # a structure said normal with an exception of its own kind is not denied (the reviews of the change)
        (
            "MRI KNEE\nFindings: Menisci are normal except for truncation of the lateral meniscus body, consistent with a radial tear.",
            {"meniscal_tear": "present"},
        ),
        (
            "MRI RIGHT KNEE\nFindings: Lateral meniscus unremarkable other than a tear of the posterior root.",
            {"meniscal_tear": "present"},
        ),
        # the plural menisci of the chest's bases are the pleura's (the reviews of the change)
        (
            "CHEST X-RAY\nFindings: Menisci at both lung bases. Mild cardiomegaly.",
            {"pleural_effusion": "present", "cardiomegaly": "present"},
        ),
        (
            "PORTABLE CXR: Bilateral menisci at the costophrenic angles. ET tube in good position.",
            {"pleural_effusion": "present", "endotracheal_tube": "present"},
        ),
        # a nerve root's tear is no meniscus's (the reviews of the change)
        (
            "MRI BRACHIAL PLEXUS\nFindings: Right C5 root tear with small pseudomeningocele.",
            {},
        ),
        # a hernia's mesh keeps its hernia's name for the bare hernia after it (the reviews of the change)
        (
            "CT ABDOMEN\nFINDINGS: Ventral hernia mesh with a new hernia lateral to the mesh containing omentum.",
            {"abdominal_hernia": "present"},
        ),
        # ... and a bare hernia mesh is no hiatal hernia (the reviews of the change)
        (
            "CT ABDOMEN\nFINDINGS: Hernia mesh in the right inguinal region. No free fluid.",
            {"free_fluid": "absent"},
        ),
        # the lungs' own cysts keep their septal thickening (the reviews of the change)
        (
            "CT CHEST\nFINDINGS: Interlobular septal thickening surrounding multiple small cystic spaces in the lower lobes, early honeycombing.",
            {"interstitial_markings": "present", "honeycombing": "present"},
        ),
        # a breast's main duct is no pancreatic duct (the reviews of the change)
        (
            "ULTRASOUND BREAST\nINDICATION: Nipple discharge.\nFINDINGS: Main duct not dilated. No intraductal lesion.",
            {"breast_mass": "absent"},
        ),
        # a denied nodal metastasis denies no other metastasis (the reviews of the change)
        (
            "CT CHEST ABDOMEN PELVIS\nFINDINGS: New liver lesion suspicious for metastasis. No nodal metastases.",
            {"liver_lesion": "present", "liver_metastasis": "uncertain", "lymphadenopathy": "absent"},
        ),
        # an aortic tube graft is still a device (the reviews of the change)
        (
            "CT ABDOMEN\nFINDINGS: Aortic tube graft patent. No aneurysm.",
            {"support_device": "present", "aneurysm": "absent"},
        ),
        # a vascular plug is an embolic device (the reviews of the change)
        (
            "CT ABDOMEN\nFINDINGS: Cirrhosis. The gastrorenal shunt is occluded with a vascular plug and sclerosant.",
            {"cirrhosis": "present", "embolization_coils": "present"},
        ),
        # calcified atheroma of the aorta listed with other vessels stays the vessels' calcification (the reviews of the change)
        (
            "Calcified atheroma in the aortic arch and carotid bifurcations.",
            {"vascular_calcification": "present", "carotid_plaque": "present"},
        ),
        # ... but the aorta's named as the aorta is the aorta's, as "aortoiliac atherosclerosis" is (review rv103b:
        # "Calcified atheroma of the aorta.")
        (
            "Calcified atheroma of the aorta and iliac arteries.",
            {"aortic_atherosclerosis": "present"},
        ),
    ],
)
def test_the_reviews_of_the_change_rv81(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_a_later_parts_finding_takes_no_side_from_the_first_title() -> None:
    # ("Left hip x-ray for pain. Right knee x-ray for swelling. ... Chondrocalcinosis.": the knee's, not the left hip's)
    text = "Left hip x-ray for pain. Right knee x-ray for swelling. Findings: Left hip osteoarthritis, moderate. Right knee small effusion. Chondrocalcinosis."
    assert sides(text).get("chondrocalcinosis") == {None}


@pytest.mark.parametrize(
    ("text", "expected", "expected_sides"),
    [
        # a transplanted kidney's findings take the side of its fossa (review rv83b)
        (
            "US renal transplant.\nIndication: Cr 2.1.\nFindings: Transplant kidney in the LLQ. 6 cm fluid collection medial to the lower pole. It causes mild pelvicaliectasis of the transplant.",
            {"fluid_collection": "present", "hydronephrosis": "present"},
            {"fluid_collection": None, "hydronephrosis": "left"},
        ),
        # ... and what is said of the graft in its own clause
        (
            "Renal transplant US, LLQ graft. Mild hydronephrosis. Small peritransplant collection.",
            {"hydronephrosis": "present", "fluid_collection": "present"},
            {"hydronephrosis": "left", "fluid_collection": "left"},
        ),
        # ... not the liver's or the native kidneys' (the review of the change)
        (
            "US abdomen and renal transplant: Liver normal in size with no focal lesion. Native kidneys atrophic. Transplant kidney in the left iliac fossa with mild hydronephrosis.",
            {
                "hepatomegaly": "absent",
                "liver_lesion": "absent",
                "renal_atrophy": "present",
                "hydronephrosis": "present",
            },
            # (both native kidneys, not the transplant's side: review rv108d)
            {"renal_atrophy": "bilateral", "hydronephrosis": "left"},
        ),
        # ... nor the gallbladder's
        (
            "US RENAL TRANSPLANT AND ABDOMEN: Gallbladder contains several small stones. Transplant kidney in the left iliac fossa without hydronephrosis.",
            {"gallstones": "present", "hydronephrosis": "absent"},
            {"gallstones": None},
        ),
        # a template's "Joint:" heading on a study of one joint is that joint's (review rv82a)
        (
            "EXAM: MRI LEFT KNEE\nFINDINGS:\nJoint: Large effusion with a fat-fluid level.",
            {"joint_effusion": "present", "lipohemarthrosis": "present"},
            {"joint_effusion": "left", "lipohemarthrosis": "left"},
        ),
        # a title with its modality before a bare colon gives its side (review rv82a)
        (
            "US LEFT SHOULDER: Full-thickness tear of the anterior supraspinatus tendon. Small joint effusion.",
            {"ligament_tear": "present", "joint_effusion": "present"},
            {"ligament_tear": "left", "joint_effusion": "left"},
        ),
        # ... not when another part is named later (the review of the change)
        (
            "US LEFT SHOULDER: Full-thickness supraspinatus tear. Right shoulder for comparison: intact rotator cuff, no effusion.",
            {"ligament_tear": "present", "joint_effusion": "absent"},
            {"ligament_tear": "left"},
        ),
        (
            "XR LEFT HIP: Moderate osteoarthritis. XR RIGHT KNEE: Small effusion. No fracture.",
            {"arthritis": "present", "joint_effusion": "present", "fracture": "absent"},
            {"arthritis": "left", "joint_effusion": "right"},
        ),
        # a title may end with what the film follows (review rv82a)
        (
            "XR R shoulder post reduction.\nA small Hill-Sachs deformity of the posterolateral humeral head.",
            {"fracture": "present"},
            {"fracture": "right"},
        ),
        # a brain's lobectomy is no lung resection (review rv83c)
        (
            "MRI BRAIN\nFINDINGS: Postsurgical changes of right anterior temporal lobectomy.",
            {},
            {},
        ),
        # a hyperinflated lung's herniation is no brain's (review rv83b)
        (
            "CT CHEST\nFINDINGS: Severe emphysema of the native right lung, which is hyperinflated with mild herniation across the anterior midline.",
            {"emphysema": "present", "hyperinflation": "present"},
            {"emphysema": "right", "hyperinflation": None},
        ),
        # ... while the brain's beside an anterior midline shift stays (the review of the change)
        (
            "EXAM: CT head\nFINDINGS: 10 mm anterior midline shift with herniation of the left cingulate gyrus beneath the falx.",
            {"midline_shift": "present", "brain_herniation": "present"},
            {"midline_shift": None, "brain_herniation": "left"},
        ),
    ],
)
def test_review_rv83(text: str, expected: dict[str, str], expected_sides: dict[str, str | None]) -> None:
    assert report_codes(text) == expected
    found = sides(text)
    for code, side in expected_sides.items():
        assert found.get(code) == {side}
