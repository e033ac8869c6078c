"""Readings of CT, ultrasound, MSK and line sentences that a review of made-up reports found wrong, each kept as
a row: (sentence, code, assertion, laterality, location, size_mm); None where the field must be empty."""

from __future__ import annotations

import pytest

from radpilot import structure

CASES = [
    # a named line owns the tip said after it; a tube, a drain or a device in another clause does not
    ("Enteric tube with tip in the stomach; right PICC with tip at the cavoatrial junction.", "picc", "present",
     "right", "cavoatrial junction", None),
    ("Endotracheal tube 4 cm above the carina, catheter tip in the right atrium.", "catheter_tip", "present", None,
     "right atrium", None),
    ("Endotracheal tube 4 cm above the carina, catheter tip in the right atrium.", "endotracheal_tube", "present",
     None, None, None),
    ("Right chest tube unchanged; catheter tip projects over the SVC.", "catheter_tip", "present", None,
     "superior vena cava", None),
    # one nodule of mixed attenuation, not two
    ("Mixed ground-glass and solid nodule in the left upper lobe measuring 12 mm.", "part_solid_nodule", "present",
     "left", "upper lobe", 12.0),
    # a joint effusion denied a fat-fluid level stays present
    ("Large knee joint effusion without lipohemarthrosis.", "joint_effusion", "present", None, "knee", None),
    ("Large knee joint effusion without lipohemarthrosis.", "lipohemarthrosis", "absent", None, None, None),
    # a bone of a joint places its wear
    ("Ankle: small osteophyte of the talus.", "arthritis", "present", None, "ankle", None),
    ("Wrist: osteophytes of the scaphoid.", "arthritis", "present", None, "wrist", None),
    # ... not a joint said to be normal
    ("Mild multilevel degenerative changes with anterior osteophytes; the right shoulder is unremarkable.",
     "degenerative_spine", "present", None, None, None),
    ("The right hand and wrist are unremarkable; fracture of the left distal radius.", "fracture", "present", "left",
     "forearm", None),
    # an ovarian mass is a mass, not a cyst
    ("Solid mass in the right ovary.", "adnexal_mass", "present", "right", "ovary", None),
    # a hedge of the whole statement still hedges it across a denial; an "or" in the denied list does not
    ("Small pneumothorax without mediastinal shift is suspected.", "pneumothorax", "uncertain", None, None, None),
    ("Small right pneumothorax, no tension, is suspected.", "pneumothorax", "uncertain", "right", None, None),
    ("Small left effusion, no pneumothorax, versus pleural thickening.", "pleural_effusion", "uncertain", "left",
     None, None),
    ("Small left effusion, no definite pneumothorax or possible consolidation.", "pleural_effusion", "present",
     "left", None, None),
    # the lungs' findings beside another item
    ("Enteric tube in the stomach and mild edema.", "pulmonary_edema", "present", None, None, None),
    ("Vascular congestion and a right hilar mass.", "vascular_congestion", "present", None, None, None),
    ("Vascular congestion with enlarged lymph node.", "vascular_congestion", "present", None, None, None),
    ("Bilateral pulmonary emboli with right ventricular strain and deep venous thrombosis of the left femoral vein.",
     "deep_vein_thrombosis", "present", "left", "deep vein", None),
    ("Aneurysmal splenic artery adjacent to the aorta.", "aneurysm", "present", None, None, None),
    ("No borderline enlarged lymph nodes.", "lymphadenopathy", "absent", None, None, None),
    # a study called prior is not a prior size
    ("Unchanged from prior 4 mm nodule in the right upper lobe.", "nodule", "present", "right", "upper lobe", 4.0),
    ("Lesion in the right hepatic lobe, prior 1.4 cm, now 2.2 cm.", "liver_lesion", "present", None, "liver", 22.0),
    # head CT and MRI
    ("Chronic left occipital infarct.", "cerebral_infarct", "present", "left", None, None),
    ("No acute territorial infarct.", "acute_infarct", "absent", None, None, None),
    ("Small vessel ischemic changes in the pons.", "small_vessel_disease", "present", None, "brain", None),
    ("Effacement of the right lateral ventricle.", "mass_effect", "present", "right", "brain", None),
    ("Age-appropriate volume loss.", "cerebral_atrophy", "present", None, None, None),
    ("No evidence of herniation.", "brain_herniation", "absent", None, None, None),
    # breast imaging
    ("Scattered benign-appearing calcifications in both breasts.", "breast_calcifications", "present", "bilateral",
     "breast", None),
    ("Simple cyst in the left breast measuring 1.1 cm.", "breast_cyst", "present", "left", "breast", 11.0),
    ("Probably benign oval mass in the right breast.", "breast_mass", "present", "right", "breast", None),
    # lines and tubes on ICU films
    ("Enteric tube tip is not visualized.", "enteric_tube", "present", None, None, None),
    ("The tip of the right PICC is not well seen.", "picc", "present", "right", None, None),
    ("No evidence of pneumothorax after central line placement.", "central_venous_catheter", "present", None, None,
     None),
    # a line, its leads and its tip are one device
    ("Left-sided dual-chamber pacemaker with leads in the right atrium and right ventricle.", "cardiac_pacemaker",
     "present", "left", "right atrium", None),
    ("Left IJ hemodialysis catheter with tips in the right atrium.", "central_venous_catheter", "present", "left",
     "right atrium", None),
    ("Stable right IJ Swan-Ganz catheter with tip in the right pulmonary artery.", "swan_ganz_catheter", "present",
     "right", "pulmonary artery", None),
    # a lesion in a sentence about one organ outside the lung is that organ's, never a lung nodule for Fleischner
    ("Enlarged thyroid gland with a 2 cm nodule in the right lobe.", "thyroid_nodule", "present", "right", "thyroid",
     20.0),
    ("Mildly enlarged thyroid gland with multiple nodules.", "goiter", "present", None, "thyroid", None),
    ("Vertebral body hemangioma at T10 in the thoracic spine.", "bone_lesion", "present", None, "thoracic spine",
     None),
    ("Hypoechoic liver lesion which may represent a hemangioma.", "hepatic_hemangioma", "uncertain", None, "liver",
     None),
    ("The prostate is enlarged.", "prostatomegaly", "present", None, None, None),
    # a LI-RADS observation named by its segment
    # (a Couinaud segment by its number is the liver's, review rv33b)
    ("2.5 cm observation in segment 7 with nonrim APHE, washout and an enhancing capsule.", "liver_lesion", "present",
     None, "liver", 25.0),
    # injuries and emergencies a review found read as normal
    ("ACL tear with joint effusion.", "ligament_tear", "present", None, None, None),
    ("Splenic laceration with hemoperitoneum.", "solid_organ_injury", "present", None, None, None),
    ("Hyperdense left MCA sign consistent with M1 occlusion.", "large_vessel_occlusion", "present", "left", None,
     None),
    ("Cord compression at T10.", "spinal_cord_compression", "present", None, "thoracic spine", None),
    ("Right pyelonephritis.", "pyelonephritis", "present", "right", None, None),
    ("Left epididymitis.", "epididymitis", "present", "left", None, None),
    ("Sigmoid colon dilated to 11 cm with a coffee bean sign.", "volvulus", "present", None, None, 110.0),
    # a stone is its organ's; an occluded mesenteric artery; right heart strain
    ("5 mm obstructing calculus in the left proximal ureter with moderate left hydronephrosis.", "ureterolithiasis",
     "present", "left", "ureter", 5.0),
    ("Nonobstructing calculus in the right kidney.", "nephrolithiasis", "present", "right", "kidney", None),
    ("Renal cysts, no hydronephrosis or stones.", "calculus", "absent", None, None, None),
    ("Occlusion of the superior mesenteric artery.", "mesenteric_ischemia", "present", None, None, None),
    ("RV/LV ratio 1.3 with flattening of the interventricular septum.", "right_heart_strain", "present", None, None,
     None),
    ("Subsegmental filling defects in the left lower lobe.", "pulmonary_embolism", "present", "left", "lower lobe",
     None),
    # calcified lymph nodes with a side between ("calcified right hilar lymph nodes"); said as a statement
    ("Calcified right hilar lymph nodes.", "calcified_lymph_node", "present", "right", "perihilar", None),
    ("The mediastinal lymph nodes are calcified.", "calcified_lymph_node", "present", None, None, None),
    # a curve of the spine is the spine's, never a lung apex's; the lungs as a whole have no lobe
    ("Mild dextroscoliosis of the thoracic spine with the apex at T8.", "scoliosis", "present", None,
     "thoracic spine", None),
    ("There are lower lung volumes.", "low_lung_volumes", "present", None, None, None),
    ("Pulmonary artery catheter tip in the left interlobar pulmonary artery.", "swan_ganz_catheter", "present",
     None, "pulmonary artery", None),
    ("Filling defect in the right main pulmonary artery consistent with pulmonary embolism.", "pulmonary_embolism",
     "present", "right", "pulmonary artery", None),
    # ", now 12 mm" is the size of what came before
    ("The right subdural hematoma has increased in size, now 12 mm, with new 6 mm leftward midline shift.",
     "subdural_hematoma", "present", "right", None, 12.0),
    ("The right subdural hematoma has increased in size, now 12 mm, with new 6 mm leftward midline shift.",
     "midline_shift", "present", "left", None, 6.0),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code", "assertion", "laterality", "location", "size_mm"), CASES)
def test_reading(
    text: str, code: str, assertion: str, laterality: str | None, location: str | None, size_mm: float | None
) -> None:
    got = [
        (f.assertion.value, f.laterality.value if f.laterality else None, f.location, f.size_mm)
        for f in structure(text).findings
        if f.code == code
    ]
    assert (assertion, laterality, location, size_mm) in got, got


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mixed ground-glass and solid nodule in the left upper lobe.", "ground_glass_nodule"),
        ("Solid mass in the right ovary.", "ovarian_cyst"),
        ("Aneurysmal splenic artery adjacent to the aorta.", "aortic_aneurysm"),
        ("Increased vascularity of the lymph node hilum.", "vascular_congestion"),
        ("Left mastoid effusion.", "pleural_effusion"),
        ("Opacification of the right mastoid air cells.", "lung_opacity"),
        ("Age-appropriate volume loss.", "volume_loss"),
        ("Heterogeneously dense fibroglandular density.", "density"),
        ("Non-mass enhancement in the left breast.", "breast_mass"),
    ],
)
def test_not_read_as(text: str, code: str) -> None:
    assert code not in {f.code for f in structure(text).findings}


def test_what_a_code_review_found() -> None:
    # the second organ of a list has its own name, not the first organ's
    found = {f.code: f.name for f in structure("Nodules in the liver and both lungs.").findings}
    assert found == {"liver_lesion": "Liver lesion", "nodule": "Nodule"}
    # a denied change is not the finding's change
    nodule = structure("No evidence that the nodule has grown.").findings[0]
    assert (nodule.code, nodule.assertion.value, nodule.change) == ("nodule", "present", None)
    # "measures" after ";" is the next organ's
    cyst = structure(
        "Simple cyst in the left kidney; the right kidney is unremarkable in appearance and measures 11.2 cm."
    ).findings[0]
    assert (cyst.code, cyst.size_mm) == ("renal_cyst", None)
    # "new and enlarging" describes what follows
    changes = {
        f.code: f.change.value if f.change else None
        for f in structure("Cardiomegaly, new and enlarging left pleural effusion.").findings
    }
    assert changes == {"cardiomegaly": None, "pleural_effusion": "new"}
    # litres are not the left side
    fluid = structure("Thoracentesis with removal of 1.5 L pleural fluid.").findings[0]
    assert fluid.laterality is None
    # a head word shared by a list is in the mention's text
    assert structure("No pleural or pericardial effusion.").by_code()["pleural_effusion"].text == (
        "pleural or pericardial effusion"
    )


@pytest.mark.parametrize(
    ("text", "code", "laterality", "change"),
    [
        # each clause its own side and change
        ("Pleural effusions have decreased bilaterally; edema is unchanged.", "pleural_effusion", "bilateral",
         "improved"),
        ("Pleural effusions have decreased bilaterally; edema is unchanged.", "pulmonary_edema", None, "stable"),
        # "smaller" and "nearly resolved" are changes of what is still there
        ("The right pneumothorax is smaller.", "pneumothorax", "right", "improved"),
        ("Left basilar opacity has nearly resolved.", "lung_opacity", "left", "improved"),
        ("Cardiomegaly and left effusion, both stable.", "cardiomegaly", None, "stable"),
        ("Cardiomegaly and left effusion, both stable.", "pleural_effusion", "left", "stable"),
        # a change said of a list it opens is each one's
        ("Unchanged position of the ETT, enteric tube, and right IJ catheter.", "central_venous_catheter", "right",
         "stable"),
        ("Interval placement of a right IJ catheter and enteric tube.", "enteric_tube", None, "new"),
        # ... not of the next finding's own
        ("Stable cardiomegaly and new left effusion.", "pleural_effusion", "left", "new"),
        ("Left subclavian central line tip in the mid SVC, unchanged.", "central_venous_catheter", "left", "stable"),
        ("Interval placement of a left subclavian central venous catheter.", "central_venous_catheter", "left", "new"),
        ("Trace bilateral pleural effusions are not significantly changed.", "pleural_effusion", "bilateral",
         "stable"),
        ("Left chest tube clamped; small left pneumothorax has reaccumulated.", "pneumothorax", "left", "worsened"),
        ("Redemonstration of a small left cerebellar infarct.", "cerebral_infarct", "left", "stable"),
        ("The subarachnoid hemorrhage has largely cleared.", "subarachnoid_hemorrhage", None, "improved"),
    ],
)  # fmt: skip
def test_changes_on_follow_up_films(text: str, code: str, laterality: str | None, change: str) -> None:
    f = structure(text).by_code()[code]
    assert (f.laterality.value if f.laterality else None, f.change.value if f.change else None) == (
        laterality,
        change,
    )


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # "after"/"following" keep only a device out of a denial said before them
        ("Pneumothorax following chest tube removal is not seen.", "pneumothorax", "absent"),
        ("Recurrent pneumothorax after chest tube removal cannot be excluded.", "pneumothorax", "uncertain"),
        ("Possible pneumonia following aspiration event.", "infection", "uncertain"),
        ("No evidence, after comparison with the prior study, of pneumothorax.", "pneumothorax", "absent"),
        # ("drainage of" the empyema says it was there before: a history, review rv67d)
        ("No pleural effusion after evacuation of the empyema.", "empyema", "absent"),
        # a tip not seen only when the tip is what the denial is said of
        ("The previously seen PICC line with tip in the SVC is no longer visualized.", "picc", "absent"),
        ("End-stage renal disease; dialysis catheter not seen.", "central_venous_catheter", "absent"),
        # a denial after a comma is the last finding's when the one before it says its own thing
        ("Endotracheal tube tip at the clavicles, enteric tube not seen.", "endotracheal_tube", "present"),
        ("Endotracheal tube tip at the clavicles, enteric tube not seen.", "enteric_tube", "absent"),
        ("Right effusion, left pneumothorax not seen.", "pleural_effusion", "present"),
        # ... not in a list
        ("Effusion, consolidation and pneumothorax are not seen.", "pleural_effusion", "absent"),
        # a colon opens the cue's list
        ("Negative for the following: pneumothorax, pleural effusion.", "pleural_effusion", "absent"),
        ("No evidence of: pneumothorax or effusion.", "pneumothorax", "absent"),
        ("No pneumothorax: small effusion.", "pleural_effusion", "present"),
    ],
)
def test_what_a_third_review_found(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Parenchymal volume loss in the right upper lobe with traction bronchiectasis.", "cerebral_atrophy"),
        ("Global volume loss of the left hemithorax.", "cerebral_atrophy"),
        ("Herniation of the liver through the right hemidiaphragm.", "brain_herniation"),
        ("Postoperative herniation of the colon through the incision.", "brain_herniation"),
        ("Pleural-based opacity along the parietal pleura could represent infarct.", "cerebral_infarct"),
        ("Sebaceous cyst in the skin of the left breast.", "breast_mass"),
    ],
)
def test_not_read_as_either(text: str, code: str) -> None:
    assert code not in {f.code for f in structure(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Two nodules: the smaller measures 4 mm.",
        "Multiple smaller nodules in both lungs.",
        "Nodule smaller than 6 mm, no follow-up needed.",
    ],
)
def test_smaller_than_another_is_no_change(text: str) -> None:
    assert all(f.change is None for f in structure(text).findings)
