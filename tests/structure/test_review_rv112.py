"""Reviews rv111 (bariatric surgery; children's sports injuries; genitourinary and pelvic trauma; endocrine imaging),
mended as the forty-ninth session's baseline, rv112 (soft tissue masses and sarcoma; gastrointestinal bleeding and
ischaemia; hand, wrist and elbow; environmental and toxicological emergencies) and rv113 (gynaecological oncology;
dental and maxillofacial; general nuclear medicine; hip and groin in athletes), written before any output was seen:
what they found, and what the reviews of the change kept the rules from reading."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "US SCROTUM\nFindings: Right scrotal wall swelling and oedema.",
            {"soft_tissue_swelling": "present"},
        ),
        (
            "Right testicular rupture with large haematocele.",
            {"solid_organ_injury": "present", "hematoma": "present"},
        ),
        ("No evidence of testicular rupture.", {"solid_organ_injury": "absent"}),
        ("Urethra: catheter not yet placed; blood at meatus reported.", {"support_device": "absent"}),
        (
            "Left antegrade nephrostogram via existing nephrostomy.\nNephrostomy remains in situ.",
            {"drainage_catheter": "present"},
        ),
        ("Recommend nephrostomy.", {}),
        ("Leak sealed on this study.", {}),
        ("The esophageal perforation has sealed; no residual leak.", {"esophageal_perforation": "absent"}),
        (
            "Two lateral divergent K-wires transfix the supracondylar fracture.",
            {"orthopedic_hardware": "present", "fracture": "present"},
        ),
        ("Three microcoils deployed in the ileocolic branch.", {"embolization_coils": "present"}),
        ("Possible post-embolisation caecal ischaemia.", {"ischemic_colitis": "uncertain"}),
        ("Appearances are consistent with caecal angiodysplasia.", {"vascular_malformation": "present"}),
        ("Impression: Active diverticular haemorrhage, left colon.", {"active_extravasation": "present"}),
        (
            "Thumbprinting of the transverse colon due to mucosal oedema.",
            {"bowel_wall_thickening": "present"},
        ),
        ("The epiglottis is markedly thickened (thumbprint sign).", {"airway_edema": "present"}),
        (
            "FLUOROSCOPIC ESOPHAGRAM, WATER-SOLUBLE CONTRAST\nNo extraluminal contrast to suggest perforation.",
            {"esophageal_perforation": "absent"},
        ),
        (
            "WATER-SOLUBLE SWALLOW\nContrast passes into the stomach. No perforation of the stomach.",
            {"bowel_perforation": "absent"},
        ),
        ("CT CHEST\nEsophagus: normal. No perforation.", {"bowel_perforation": "absent"}),
        ("Multiple packets throughout the colon.", {"foreign_body": "present"}),
        ("Radiopaque tablets in the stomach, consistent with iron ingestion.", {"foreign_body": "present"}),
        ("A few pelvic phleboliths.", {"calcification": "present"}),
        ("Early radioscaphoid degenerative change.", {"arthritis": "present"}),
        ("Impression: SLAC wrist, stage II.", {"ligament_tear": "present"}),
        ("The previously elevated fat pads have returned to a normal position.", {}),
        (
            "Barium passes through the band with a stoma of 4 mm. Band orientation normal.",
            {"support_device": "present"},
        ),
        ("Fibrotic band in the left lower zone.", {"scarring": "present"}),
        ("Liver: enlarged, 19 cm.", {"hepatomegaly": "present"}),
        (
            "CTA Mesenteric\nSevere calcified atherosclerotic plaque at the celiac axis origin.",
            {"aortic_atherosclerosis": "present"},
        ),
        (
            "CT MESENTERIC ANGIOGRAM\nCalcified plaque of the infrarenal aorta.",
            {"aortic_atherosclerosis": "present"},
        ),
        (
            "Water-soluble contrast swallow post sleeve gastrectomy.\nIMPRESSION: No leak.",
            {"anastomotic_leak": "absent"},
        ),
        ("CT HEAD\nNo leak.", {}),
        ("Post anterior resection.\nNo bile leak.", {}),
        ("Bilateral preseptal soft tissue swelling and eyelid oedema.", {"soft_tissue_swelling": "present"}),
        (
            "US THYROID AND NECK\nFINDINGS: Normal thyroid. A 1 cm nodule in the left submandibular gland.",
            {"nodule": "present"},
        ),
        (
            "Cam-type femoroacetabular impingement morphology with an anterosuperior labral tear.",
            {"bone_deformity": "present", "ligament_tear": "present"},
        ),
        (
            "Acetabular overcoverage and coxa profunda, in keeping with pincer morphology.",
            {"bone_deformity": "present"},
        ),
        (
            "Echogenic nodular thickening of the omentum beneath the anterior abdominal wall.",
            {"peritoneal_nodules": "present"},
        ),
        ("Tunnelled peritoneal catheter with its tip in the pelvis.", {"support_device": "present"}),
        (
            "Perforated duodenal ulcer, sealed by the omentum, with a small amount of free gas.",
            {"bowel_perforation": "present", "pneumoperitoneum": "present"},
        ),
        ("Severe left hydronephrosis, nephrostomy not yet placed.", {"hydronephrosis": "present"}),
        (
            "Liver: Innumerable metastases throughout both lobes, markedly enlarged at 23 cm.",
            {"hepatomegaly": "present", "liver_metastasis": "present"},
        ),
        (
            "Numerous packets of gas in the bowel wall, in keeping with pneumatosis.",
            {"pneumatosis": "present"},
        ),
        (
            "Post anterior resection.\nDeep pelvic collection, no leak demonstrated on rectal contrast.",
            {"fluid_collection": "present", "anastomotic_leak": "absent"},
        ),
        ("EXAMINATION: BARIUM SWALLOW\nNormal oesophagogastric junction. No leak.", {}),
        (
            "History: poor swallow, aspiration risk.\nChest radiograph: No perforation. Lungs clear.",
            {"bowel_perforation": "absent"},
        ),
        (
            "EXAMINATION: XR RIGHT WRIST\nDegenerative TFCC tear with fluid in the midcarpal joint.",
            {"ligament_tear": "present"},
        ),
        ("XR SKULL\nDiffuse thumb printing of the skull vault.", {}),
        (
            "Adhesive band causing small bowel obstruction; transition point above the band.",
            {"bowel_obstruction": "present"},
        ),
        ("Infected knee replacement.", {"septic_arthritis": "present", "hardware_complication": "present"}),
        (
            "The endograft has sealed the aneurysm sac with no endoleak.",
            {"vascular_stent": "present", "aortic_aneurysm": "present", "endoleak": "absent"},
        ),
        (
            "Nasojejunal tube not yet placed beyond the DJ flexure; tip in the stomach.",
            {"enteric_tube": "present"},
        ),
        ("Post Whipple. Pseudoaneurysm of the GDA stump with leak.", {"pseudoaneurysm": "present"}),
        (
            "EXAMINATION: WATER SOLUBLE SWALLOW POST GASTROJEJUNOSTOMY\nNo perforation.",
            {"bowel_perforation": "absent"},
        ),
        (
            "Left TKR, pyrexia.\nPROCEDURE: CT-guided drainage of a pelvic collection.\nFINDINGS: Small effusion.",
            {"pleural_effusion": "present"},
        ),
        (
            "Small mesenteric lymph nodes. Left renal angiomyolipoma. Calcified atherosclerotic plaque.",
            {"angiomyolipoma": "present", "aortic_atherosclerosis": "present"},
        ),
    ],
)
def test_review_rv111_rv113(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected_sides"),
    [
        (
            "Deep laceration through the left renal midpole.\nLarge perinephric haematoma measuring 9 x 6 cm.",
            {"solid_organ_injury": "left", "hematoma": "left"},
        ),
        (
            "HISTORY: Grade IV left renal laceration.\nFINDINGS: Perinephric hematoma stable at 7 cm.",
            {"hematoma": "left"},
        ),
        ("L kidney surrounded by heterogeneous echogenic perinephric haematoma.", {"hematoma": "left"}),
        (
            "Left renal RCC. Stable pancreatic and renal cysts.",
            {"renal_mass": "left", "pancreatic_cyst": None, "renal_cyst": None},
        ),
        (
            "EXAMINATION: XR WRIST\nRIGHT WRIST:\nTransverse fracture through the scaphoid waist. Marked soft tissue swelling.",
            {"fracture": "right", "soft_tissue_swelling": "right"},
        ),
        (
            "XR BOTH HIPS\nRight hip:\nTotal hip arthroplasty.\nThe contralateral acetabulum shows a fracture.",
            {"orthopedic_hardware": "right", "fracture": "left"},
        ),
        (
            "XR R ELBOW post CRPF (2/52 follow-up)\nTwo K-wires transfix the supracondylar fracture. The effusion persists.",
            {"orthopedic_hardware": "right", "fracture": "right", "joint_effusion": "right"},
        ),
        (
            "Right middle finger, 2 views.\nAvulsion fracture from the dorsal base of the distal phalanx.",
            {"fracture": "right"},
        ),
        (
            "FLUOROSCOPIC WRIST ARTHROGRAM, RIGHT\nProcedure: Aseptic technique.\nImpression: Scapholunate ligament tear.",
            {"ligament_tear": "right"},
        ),
        ("US RIGHT WRIST - radial side\nDe Quervain's tenosynovitis.", {"tenosynovitis": "right"}),
        (
            "US right forearm soft tissues\nSurrounding subcutaneous oedema.",
            {"soft_tissue_swelling": "right"},
        ),
        (
            "CT RIGHT LOWER EXTREMITY WITH IV CONTRAST\nMarked subcutaneous edema.",
            {"soft_tissue_swelling": "right"},
        ),
        (
            "DUPLEX ULTRASOUND LEFT LOWER LIMB VEINS\nNon-compressible popliteal vein containing thrombus.",
            {"deep_vein_thrombosis": "left"},
        ),
        (
            "XR LEFT FOREARM AND ELBOW, 2 VIEWS\nElbow: small joint effusion with elevated posterior fat pad.",
            {"joint_effusion": "left"},
        ),
        (
            "Airspace opacity in the right mid and lower zones, in keeping with aspiration pneumonitis.",
            {"airspace_disease": "right", "pneumonitis": "right"},
        ),
        (
            "Diffuse bilateral airspace opacification, now with air bronchograms, consistent with ARDS.",
            {"airspace_disease": "bilateral", "consolidation": None, "ards": "bilateral"},
        ),
        (
            "US RIGHT SHOULDER\nOval lesion in the subcutaneous fat, consistent with a lipoma.",
            {"lipoma": "right"},
        ),
        (
            "ULTRASOUND AND FLUOROSCOPY GUIDED LEFT NEPHROSTOMY\nUltrasound: Gross hydronephrosis with cortical thinning.",
            {"hydronephrosis": "left"},
        ),
        (
            "FLUOROSCOPY: RIGHT HIP ARTHROGRAM (PRE-MR)\nIncidental 6 mm sclerotic focus in the intertrochanteric region, in keeping with a bone island.",
            {"sclerotic_bone_lesion": "right"},
        ),
        (
            "EXAMINATION: XR HANDS PA AND OBLIQUE\nRIGHT HAND:\nNo erosions.\nLeft hand: periarticular osteopenia with erosions at the 2nd MCP joint.",
            {"osteopenia": "left"},
        ),
        (
            "EXAMINATION: XR WRIST\nFINDINGS: Distal radius fracture with dorsal angulation.\nRIGHT WRIST:\nComparison views show normal anatomy.",
            {"fracture": None},
        ),
        (
            "Right ankle ORIF\nEXAM: CHEST 1 VIEW\nFINDINGS: Patchy consolidation in the mid zone. Small effusion.",
            {"consolidation": None, "pleural_effusion": None},
        ),
        ("EXAMINATION: XR RIGHT HIP\nHips: Symmetric mild joint space narrowing.", {"arthritis": None}),
        (
            "US LEFT SHOULDER: Full-thickness tear of supraspinatus. Subdeltoid bursal effusion. Left upper limb lymphoedema.",
            {"ligament_tear": "left", "joint_effusion": "left"},
        ),
        (
            "Right kidney contains a 7 mm interpolar calculus. Left kidney normal. Perinephric haematoma.",
            {"nephrolithiasis": "right", "hematoma": None},
        ),
        (
            "Status post left nephrectomy. Right kidney is normal. Small perinephric collection.",
            {"fluid_collection": None},
        ),
        ("Retroaortic left renal vein. Perinephric fat stranding.", {"fat_stranding": None}),
        (
            "Left pleural effusion, in keeping with metastatic ovarian carcinoma.",
            {"pleural_effusion": "left", "adnexal_mass": None},
        ),
        (
            "EXAMINATION: US LEFT NECK AND THYROID\nFINDINGS: Isthmic nodule 8 mm. Lymph node at level II.",
            {"thyroid_nodule": None},
        ),
        (
            "Grade III liver laceration and a simple left renal cyst. Perinephric haematoma 3 cm.",
            {"solid_organ_injury": None, "renal_cyst": "left", "hematoma": None},
        ),
        (
            "Left cerebellar infarct, consistent with basilar artery occlusion.",
            {"cerebral_infarct": "left", "large_vessel_occlusion": None},
        ),
        (
            "Right renal laceration, grade II. No left renal injury. Perinephric haematoma measures 3 cm.",
            {"solid_organ_injury": "right", "hematoma": "right"},
        ),
        (
            "EXAMINATION: XR SHOULDER\nRIGHT SHOULDER:\nGreater tuberosity fracture.\nChest: Small effusion.",
            {"fracture": "right", "joint_effusion": None},
        ),
    ],
)
def test_review_rv111_rv113_sides(text: str, expected_sides: dict[str, str | None]) -> None:
    found = sides(text)
    for code, side in expected_sides.items():
        assert found.get(code) == {side}
