"""Reviews rv79 (liver imaging, paediatric chest and abdomen, spine MRI and CT, gynaecological imaging) and rv80
(emergency chest films, venous thromboembolism, oncology staging CT, bone and soft-tissue infection and tumours),
written before any output was seen, and the reviews of the change: what they found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-line history ends after a note of the prior study, before an organ described in a few words (review rv79a)
        (
            "MRI liver w/wo contrast. Indication: NASH cirrhosis, surveillance. Comparison 6/2023. Cirrhotic liver. No PVT. Spleen 12 cm, normal. No ascites.",
            {"cirrhosis": "present", "splenomegaly": "absent", "ascites": "absent"},
        ),
        # ... or a sentence that agrees with what is known (review rv79a)
        (
            "Limited RUQ ultrasound. History: Cirrhosis secondary to NASH. Comparison 8 months ago. Nodular, coarsened liver consistent with known cirrhosis. No ascites.",
            {"cirrhosis": "present", "ascites": "absent"},
        ),
        # ... a note of the prior study said short (review rv80c)
        (
            "CT CAP w contrast. Hx: colon ca s/p R hemicolectomy, 3 yr surveillance. Comp 1 yr. No evidence of metastatic disease in the chest, abdomen or pelvis. Small hiatal hernia. Sigmoid diverticulosis w/o diverticulitis.",
            {
                "metastasis": "absent",
                "hiatal_hernia": "present",
                "diverticulosis": "present",
                "diverticulitis": "absent",
            },
        ),
        # ... a plain note, then the film's denial in its words, with none of the referrer's words after it (review rv79c)
        (
            "CT L-spine without contrast. Indication: MVC, low back pain. No acute fracture or malalignment of the lumbar spine. No spondylolysis. No prevertebral or paraspinal hematoma. Mild atherosclerotic calcification of the abdominal aorta without aneurysm.",
            {
                "fracture": "absent",
                "spondylolysis": "absent",
                "hematoma": "absent",
                "aortic_atherosclerosis": "present",
                "aortic_aneurysm": "absent",
            },
        ),
        # ... but not a denial another study or hospital made (the review of the change)
        (
            "CXR. Hx: SOB. No effusion at the other hospital. No pneumothorax at the other hospital. Transferred.",
            {},
        ),
        (
            "CT head. Hx: fall. No intracranial haemorrhage on initial CT. No midline shift on initial CT. Now drowsy.",
            {},
        ),
        # ... a spine level's heading (review rv79c)
        (
            "CT myelogram L-spine. Hx: neurogenic claudication, pacemaker (MRI contraindicated), history of lumbar discitis 2015. Intrathecal contrast via L2-3 puncture, 10 mL. L2-3: mild DDD, no stenosis. L3-4: broad disc bulge with moderate central stenosis.",
            {"spinal_stenosis": "present", "degenerative_spine": "present", "disc_bulge": "present"},
        ),
        # ... a duplex's veins said compressible (review rv80b)
        (
            "Left upper extremity venous duplex. Clinical: L arm pain and swelling after IV infiltration at the antecubital fossa. The internal jugular, subclavian, axillary and brachial veins are compressible with normal flow. No DVT. Small subcutaneous fluid collection at the antecubital fossa.",
            {"deep_vein_thrombosis": "absent", "fluid_collection": "present"},
        ),
        # a liver said not cirrhotic (review rv79a)
        (
            "Impression: No CT evidence of hepatocellular carcinoma. Non-cirrhotic liver.",
            {"hepatocellular_carcinoma": "absent", "cirrhosis": "absent"},
        ),
        ("The liver is noncirrhotic.", {"cirrhosis": "absent"}),
        # an MRI's proton density; a tumour's central scar
        ("Mean hepatic proton density fat fraction 19%.", {}),
        (
            "2.8 cm lesion in segment 4a with a central scar, consistent with focal nodular hyperplasia.",
            {"liver_lesion": "present"},
        ),
        # a hepatic duct said not dilated (review rv79a); not the ventricles' dilatation
        ("Left hepatic ducts are not dilated.", {"biliary_dilatation": "absent"}),
        (
            "Early dilatation of the temporal horns, suspicious for developing hydrocephalus.",
            {"hydrocephalus": "uncertain"},
        ),
        # a TIPS's failure is the shunt's, its stenosis no artery's (review rv79a)
        (
            "Findings concerning for TIPS dysfunction due to stenosis at the hepatic venous end.",
            {"shunt_malfunction": "uncertain"},
        ),
        (
            "Impression: Patent TIPS. No sonographic evidence of TIPS dysfunction.",
            {"vascular_stent": "present", "shunt_malfunction": "absent"},
        ),
        # a bland thrombus of the portal veins
        (
            "New nonocclusive bland thrombus of the main and right portal veins.",
            {"thrombus": "present", "portal_vein_thrombosis": "present"},
        ),
        # a treated tumour's viable part
        (
            "The marginal enhancement may reflect post-treatment change, but residual or recurrent viable tumor cannot be excluded.",
            {"tumor_recurrence": "uncertain"},
        ),
        # the cauda equina's words before a nerve root (review rv79c)
        (
            "Likely recurrent disc herniation, which impinges on the traversing right L5 nerve root.",
            {"disc_herniation": "uncertain", "nerve_root_compression": "present"},
        ),
        (
            "Disc extrusion impinging on the cauda equina.",
            {"disc_herniation": "present", "cauda_equina_compression": "present"},
        ),
        # the ear's canal is no spine's
        ("The external ear canal is narrowed.", {}),
        # a spinal cord stimulator (review rv79c)
        (
            "Paddle lead of a spinal cord stimulator in the dorsal epidural space at T9-T10.",
            {"support_device": "present", "neurostimulator": "present"},
        ),
        # old post-primary tuberculosis is its scars (review rv80a)
        (
            "Stable bilateral upper lobe fibronodular changes with volume loss, in keeping with old post-primary tuberculosis.",
            {"fibronodular_change": "present", "volume_loss": "present", "granuloma": "present"},
        ),
        ("Findings suspicious for post-primary tuberculosis.", {"infection": "uncertain"}),
        # a sacroiliac joint's effusion (review rv80d)
        ("Right sacroiliac joint effusion with capsular distension.", {"joint_effusion": "present"}),
        # a foot's arch; a treated bone's fatty marrow (review rv80d)
        ("Collapse of the longitudinal arch with rocker-bottom deformity.", {"bone_deformity": "present"}),
        ("Post-radiation fatty marrow replacement in the femur.", {}),
        ("Diffuse marrow replacement in the spine.", {"bone_lesion": "present"}),
        # ... nor another study's or person's result (the review of the change)
        (
            "MRI LEFT HIP. Indication: fall, hip pain. No fracture on the hip radiograph. Undisplaced left femoral neck fracture.",
            {},
        ),
        (
            "CT ABDOMEN. Indication: trauma. FAST scan negative. No free fluid in Morison's pouch. Small volume free fluid in the pelvis.",
            {},
        ),
        (
            "DUPLEX RIGHT LEG. Indication: swelling. The femoral and popliteal veins are compressible per the GP. Occlusive thrombus in the right femoral vein.",
            {},
        ),
        (
            "XR LEFT WRIST. Indication: fall. No fracture seen by the nurse practitioner. Distal radius fracture.",
            {},
        ),
        # a bland thrombus elsewhere stays its vein's (the review of the change)
        ("Bland thrombus in the right common femoral vein.", {"deep_vein_thrombosis": "present"}),
        # a defibrillator's paddles; a stimulator's lead fracture (the review of the change)
        (
            "External defibrillator paddle electrodes project over the left chest.",
            {"cardiac_pacemaker": "present", "support_device": "present"},
        ),
        (
            "Spinal cord stimulator lead fracture.",
            {"neurostimulator": "present", "hardware_complication": "present"},
        ),
        # an artery's stenosis near a TIPS stays the artery's
        (
            "Hepatic artery stenosis near the TIPS stent, PSV 300 cm/s.",
            {"arterial_stenosis": "present", "vascular_stent": "present"},
        ),
        # old post-primary TB keeps its own place (the review of the change)
        (
            "Healed post-primary tuberculosis at the left apex with consolidation in the left lower lobe.",
            {"granuloma": "present", "consolidation": "present"},
        ),
        # a lung density beside a liver's PDFF
        (
            "Hepatic steatosis, PDFF 18%, with a focal density in the right lower lobe that was not present previously.",
            {"hepatic_steatosis": "present", "density": "present"},
        ),
        # each ovary in a scan's shorthand (review rv79d)
        (
            "TVUS. EMS 6 mm. R ov 2.8 cm NAD. L ov 3.0 cm w/ 2.2 cm simple cyst, likely dominant follicle. No FF.",
            {"ovarian_cyst": "present", "free_fluid": "absent"},
        ),
        # a filter retrieved (review rv80b)
        ("IMPRESSION: Successful retrieval of the IVC filter.", {"ivc_filter": "absent"}),
        # the wall named after a bare thickening (review rv79b)
        (
            "There is oedematous thickening of the ileocaecal valve and the terminal ileal wall, up to 5 mm.",
            {"bowel_wall_thickening": "present"},
        ),
    ],
)
def test_review_rv79_rv80(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        ("Right sacroiliac joint effusion with capsular distension.", "joint_effusion", "right"),
        (
            "Likely recurrent disc herniation, which impinges on the traversing right L5 nerve root.",
            "nerve_root_compression",
            "right",
        ),
        (
            "Left upper extremity venous duplex. Clinical: L arm pain and swelling after IV infiltration at the antecubital fossa. The internal jugular, subclavian, axillary and brachial veins are compressible with normal flow. No DVT. Small subcutaneous fluid collection at the antecubital fossa.",
            "fluid_collection",
            "left",
        ),
        (
            "TVUS. EMS 6 mm. R ov 2.8 cm NAD. L ov 3.0 cm w/ 2.2 cm simple cyst, likely dominant follicle. No FF.",
            "ovarian_cyst",
            "left",
        ),
        ("Bland thrombus in the right common femoral vein.", "deep_vein_thrombosis", "right"),
    ],
)
def test_the_sides_rv79_rv80(text: str, code: str, side: str) -> None:
    assert sides(text).get(code) == {side}
