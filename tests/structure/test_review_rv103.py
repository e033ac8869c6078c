"""Reviews rv103 (emergency chest imaging; kidney, adrenal and retroperitoneum; neuro-oncology and demyelination;
abdomen in the elderly and in palliative care) and rv104 (musculoskeletal trauma; vascular imaging; thoracic
oncology; liver and biliary imaging), written before any output was seen: what they found, and what the reviews of
the change kept the rules from reading."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "no further" denies what it names right after it
        ("No further tumour-suspicious foci.", {"mass": "absent"}),
        (
            "No further nodules, masses or lymphadenopathy.",
            {"nodule": "absent", "mass": "absent", "lymphadenopathy": "absent"},
        ),
        ("No further levels of cord or cauda equina compression.", {"cauda_equina_compression": "absent"}),
        # what a study cannot assess, named right before
        ("Sonographic Murphy sign could not be reliably assessed due to the patient's mental status.", {}),
        ("Murphy sign not assessable.", {}),
        ("Sonographic Murphy sign was not elicited.", {"sonographic_murphy_sign": "absent"}),
        (
            "Coronaries: extensive coronary calcification, not assessable for stenosis.",
            {"coronary_calcification": "present"},
        ),
        ("For consideration of palliative colonic stent vs defunctioning stoma.", {}),
        (
            "No focal lesion on this portal venous phase study, but sensitivity for HCC is limited.",
            {"lesion": "absent"},
        ),
        # the airspaces' consolidation and opacities
        ("New airspace consolidation in the right lower lobe.", {"consolidation": "present"}),
        ("New R paramediastinal airspace opacification.", {"airspace_disease": "present"}),
        # synonyms and places
        ("Costophrenic sinuses free.", {"costophrenic_blunting": "absent"}),
        ("The mediastinum is displaced to the left.", {"mediastinal_shift": "present"}),
        (
            "Right kidney: tracer accumulates in a dilated right renal pelvis with a rising curve.",
            {"hydronephrosis": "present"},
        ),
        ("Calcified atheroma of the aorta.", {"aortic_atherosclerosis": "present"}),
        ("Right cerebellar metastases.", {"brain_metastases": "present"}),
        ("Right occipital calvarial metastasis.", {"osseous_metastasis": "present"}),
        (
            "Confluent symmetrical periventricular white matter T2/FLAIR hyperintensity, stable.",
            {"white_matter_lesions": "present"},
        ),
        ("No urinary tract calculi.", {"nephrolithiasis": "absent"}),
        ("The rectal wall is thickened to 8 mm.", {"bowel_wall_thickening": "present"}),
        (
            "Gallbladder wall of normal thickness, no pericholecystic fluid.",
            {"gallbladder_wall_thickening": "absent", "pericholecystic_fluid": "absent"},
        ),
        ("Moderate faecal load in the ascending and transverse colon.", {"fecal_loading": "present"}),
        (
            "Previously avid perigastric nodes are no longer enlarged or FDG-avid.",
            {"lymphadenopathy": "absent"},
        ),
        ("Degenerative changes at the ACJ.", {"arthritis": "present"}),
        ("Tear of the posterior urethra.", {"urethral_injury": "present"}),
        (
            "Periscrew lucency around the most distal fibular screw.",
            # (a lucency too, review rv109a)
            {"hardware_complication": "present", "orthopedic_hardware": "present", "lucency": "present"},
        ),
        ("Kidneys: Small cortical scar in the left kidney, ?old infarct.", {"renal_infarct": "uncertain"}),
        ("There is a 4 cm tight stenosis of the SVC.", {"svc_obstruction": "present"}),
        (
            "IMPRESSION: Ruptured 8.1 cm infrarenal AAA.",
            {"aortic_rupture": "present", "aortic_aneurysm": "present"},
        ),
        (
            "Impression: Left ovarian vein incompetence with pelvic varices.",
            {"venous_insufficiency": "present", "varices": "present"},
        ),
        (
            "Gallbladder wall thickening and oedema, related to ascites.",
            {"gallbladder_wall_thickening": "present", "ascites": "present"},
        ),
        ("Impression: Hypoattenuating lesions left lobe, ?microabscesses.", {"abscess": "uncertain"}),
        # a lesion list with its sizes in brackets, read as what it is
        (
            "Two small dural-based enhancing lesions, right frontal convexity (7 mm) and right tentorial leaflet (5 mm), unchanged, in keeping with meningiomas.",
            {"meningioma": "present"},
        ),
        # what ", with" adds after a denial is there
        ("Liver is not enlarged, with a 2 cm cyst.", {"hepatomegaly": "absent", "cyst": "present"}),
        (
            "Aorta is not aneurysmal, with mild calcified plaque.",
            {"aortic_aneurysm": "absent", "aortic_atherosclerosis": "present"},
        ),
        ("No pneumothorax, with no effusion.", {"pneumothorax": "absent", "pleural_effusion": "absent"}),
        ("No acute cardiopulmonary process, with mild cardiomegaly.", {"cardiomegaly": "present"}),
        (
            "No fracture, with soft tissue swelling and joint effusion.",
            {"fracture": "absent", "soft_tissue_swelling": "present", "joint_effusion": "present"},
        ),
        (
            "No acute abnormality, with mild cardiomegaly and no pulmonary oedema.",
            {"cardiomegaly": "present", "pulmonary_edema": "absent"},
        ),
        (
            "No acute abnormality, with the caveat that subsegmental emboli may be missed.",
            {"pulmonary_embolism": "absent"},
        ),
        (
            "No acute abnormality, with limited assessment for DVT in the calf veins.",
            {"deep_vein_thrombosis": "absent"},
        ),
        ("No abnormal enhancement, with features of osteomyelitis.", {"osteomyelitis": "absent"}),
        (
            "No hardware complication, with intact spinal fusion hardware at L4-L5.",
            {"hardware_complication": "absent", "spinal_fusion_hardware": "present"},
        ),
    ],
)
def test_review_rv103_rv104(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a study's words: the MS protocol's lesions, the abdomen's herniation, a cystogram's leak, an ICU film's
        # devices
        (
            "MRI BRAIN - MS PROTOCOL\nFindings: Stable lesion load. No enhancing lesions.",
            {"demyelinating_lesions": "present"},
        ),
        (
            "CT ABDOMEN/PELVIS\n\nFindings: A knuckle of ileum herniates through the right obturator canal. Partial herniation is suspected.",
            {"abdominal_hernia": "uncertain"},
        ),
        (
            "CT HEAD\n\nFindings: Mass effect with early herniation.",
            {"mass_effect": "present", "brain_herniation": "present"},
        ),
        (
            "CT CYSTOGRAM\nFindings: Flame-shaped extravasation of contrast into the prevesical space.\nImpression: Extraperitoneal bladder rupture.",
            {"bladder_injury": "present"},
        ),
        (
            "CXR AP PORTABLE\n\nLines/tubes: R IJ CVC, tip in the SVC. NG tube tip in the stomach.\n\nFindings: Small left pneumothorax.",
            {"central_venous_catheter": "present", "enteric_tube": "present", "pneumothorax": "present"},
        ),
        (
            "CT thorax with IV contrast\n\nFindings: Enlarged left hilar (15 mm) and subcarinal (12 mm) lymph nodes.",
            {"lymphadenopathy": "present"},
        ),
    ],
)
def test_the_studys_words_rv103_rv104(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the reviews of the change kept the new rules from reading
        (
            "The left costophrenic recess is not clear, with a small effusion.",
            {"costophrenic_blunting": "present", "pleural_effusion": "present"},
        ),
        ("No leptomeningeal deposits.", {"leptomeningeal_disease": "absent"}),
        (
            "Configuration unchanged, with no evidence of limb separation, kinking or strut fracture.",
            {"hardware_complication": "absent"},
        ),
        ("No further nodule follow-up is required.", {"nodule": "present"}),
        (
            "No further lymph node enlargement; the right axillary node measures 22 mm.",
            {"lymphadenopathy": "present"},
        ),
        ("No DVT, with DVT excluded in the calf veins.", {"deep_vein_thrombosis": "absent"}),
        ("No pneumonia, with clinical concern for pneumonia.", {"pneumonia": "absent"}),
        (
            "Small foci of restricted diffusion in both cerebellar hemispheres, likely embolic infarcts.",
            {"cerebral_infarct": "uncertain"},
        ),
        (
            "PFO closure device deployed via right femoral vein access; good position on TOE.",
            {"cardiac_occluder": "present"},
        ),
        ("Bilateral bile drains in situ.", {"drainage_catheter": "present"}),
        (
            "Gallstones, Murphy's -ve, no pericholecystic fluid.",
            {"gallstones": "present", "pericholecystic_fluid": "absent"},
        ),
        ("Post-lytic scan shows a new lesion in the left thalamus.", {"brain_lesion": "present"}),
        ("Left inferomedial orbital strut fracture.", {"fracture": "present"}),
        ("Ruptured right CIA aneurysm and AAA.", {"aneurysm": "present", "aortic_aneurysm": "present"}),
        ("Intimal calcification of the coronary arteries.", {"coronary_calcification": "present"}),
        (
            "Abdominal wall reconstruction with anterior component separation; no recurrent hernia.",
            {"abdominal_hernia": "absent"},
        ),
        ("No component separation.", {"hardware_complication": "absent"}),
        ("PORTABLE CHEST\nLines/tubes: Stable.\nLungs: Clear.", {"support_device": "present"}),
        (
            "CARDIAC MRI - RHEUMATIC MS\nFindings: 8 mm mobile lesion attached to the left atrial appendage, likely thrombus.",
            {"lesion": "present", "thrombus": "uncertain"},
        ),
        (
            "MRI BRAIN - MS PROTOCOL\nFindings: Stable MS lesions. New acute infarct in the right PCA territory. The new lesion restricts diffusion.",
            {"demyelinating_lesions": "present", "acute_infarct": "present", "brain_lesion": "present"},
        ),
        (
            "CT TRAUMA WITH CYSTOGRAM\nFindings: Extravasation of contrast from the left inferior epigastric artery with a rectus sheath haematoma. No bladder injury.",
            {"active_extravasation": "present", "hematoma": "present", "bladder_injury": "absent"},
        ),
        ("CT CHEST\nFindings: No enlarged hilar or mediastinal nodes.", {"hilar_enlargement": "absent"}),
        ("No further significant change in the right pleural effusion.", {"pleural_effusion": "present"}),
        ("No further loss of height of the L1 compression fracture.", {"compression_fracture": "present"}),
        (
            "No further radiological follow-up is required for the 4 mm pulmonary nodule.",
            {"nodule": "present"},
        ),
        ("There has been no further change in the right pleural effusion.", {"pleural_effusion": "present"}),
        ("No further collapse of the left lower lobe.", {"atelectasis": "present"}),
        ("The spleen is no longer enlarged.", {"splenomegaly": "absent"}),
        (
            "Subdural haematoma on the right, and the ventricles are no longer enlarged.",
            {"subdural_hematoma": "present"},
        ),
        ("Gallstones, sonographic Murphy sign not assessable.", {"gallstones": "present"}),
        ("Right PICC line tip not assessable.", {"picc": "present"}),
        ("For consideration of biopsy of the pancreatic head mass.", {"pancreatic_mass": "present"}),
        (
            "Left costophrenic recess blunted, right costophrenic recess sharp.",
            {"costophrenic_blunting": "present"},
        ),
        ("Pelvic drains well positioned.", {"drainage_catheter": "present"}),
        ("The right kidney drains normally.", {}),
        ("Bilateral kidney drains in situ.", {"drainage_catheter": "present"}),
        ("Subcapital fracture risk of avascular necrosis.", {"fracture": "present"}),
        (
            "CT correlation of the right femoral lesion is recommended given fracture risk.",
            {"lesion": "present"},
        ),
        (
            "Endobronchial lesion occluding the left upper lobe bronchus; the lobe opacifies distally.",
            {"lesion": "present", "lung_opacity": "present"},
        ),
        ("Dural metastasis adjacent to the skull.", {"metastasis": "present"}),
        ("Omental and parietal metastases with ascites.", {"metastasis": "present", "ascites": "present"}),
        (
            "Twisted spermatic cord on the left, point of torsion at the external ring, with absent testicular flow.",
            {"testicular_torsion": "present"},
        ),
        ("Normal faecal load.", {}),
        (
            "The oesophagus in the posterior mediastinum is displaced to the right by the aneurysmal descending aorta.",
            {"aortic_aneurysm": "present"},
        ),
        (
            "The NG tube is displaced to the right.",
            {"enteric_tube": "present", "hardware_complication": "present"},
        ),
        ("Previously the mediastinum was displaced to the right; it is now midline.", {}),
        ("Urinary tract calculus in the right VUJ.", {"ureterolithiasis": "present"}),
        ("Complete tear of the ACL.", {"ligament_tear": "present"}),
        ("Intact, non-ruptured 6.4 cm infrarenal AAA.", {"aortic_aneurysm": "present"}),
        (
            "Open infrarenal AAA repair with tube graft 2 days ago. The aortic graft is patent.",
            {"support_device": "present"},
        ),
        ("Dr Murphy's team was informed.", {}),
        ("PFO closure device in satisfactory position.", {"cardiac_occluder": "present"}),
        (
            "Left CIA: 85% eccentric calcified stenosis at the origin.",
            {"calcification": "present", "arterial_stenosis": "present"},
        ),
    ],
)
def test_what_the_reviews_of_the_change_kept_rv103(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
