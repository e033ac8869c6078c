"""Review rv30a (neuroradiology and spine, held out until the eighteenth session) and rv31 (held-out neuro, spine and
neck, body and trauma inputs written before any output was seen): what they found."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import Placed, asserted, placed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a statement's words hidden inside a longer phrase of another statement: "are normal" is the heart's,
        # "normal in size" the ventricles'; "enlargement of" the airway's, "enlargement" the ventricles'; "severely
        # narrowing" an artery's, "narrowing" the lateral recess's
        ("The ventricles are normal in size and configuration.", [("hydrocephalus", "absent")]),
        ("Ventricles are normal in size and configuration.", [("hydrocephalus", "absent")]),
        (
            "Interval enlargement of the lateral and third ventricles compared with the prior CT.",
            [("hydrocephalus", "present")],
        ),
        (
            "L4/5: Large left paracentral disc extrusion, severely narrowing the left lateral recess.",
            [("disc_herniation", "present"), ("lateral_recess_stenosis", "present")],
        ),
        # ... not one subject's parts read as two ("Heart and mediastinum normal." is the heart's and the
        # mediastinum's own statement)
        (
            "Heart and mediastinum normal.",
            [("cardiomegaly", "absent"), ("mediastinal_widening", "absent")],
        ),
        # a spinal level as its line's heading, its second body's number before the colon
        ("L3-4: mild bulge, no stenosis.", [("disc_bulge", "present"), ("spinal_stenosis", "absent")]),
        (
            "L4-5: small central protrusion with annular fissure.",
            [("disc_herniation", "present"), ("annular_fissure", "present")],
        ),
        ("C5-6: degenerative disc disease.", [("degenerative_spine", "present")]),
    ],
)
def test_hidden_statements_and_level_headings_rv30(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sided heading's line is of that side, further on than a statement's usual reach
        (
            "Right ICA: calcified and noncalcified plaque at the origin with 70% stenosis by NASCET criteria.",
            [("carotid_plaque", "present", "right", None), ("carotid_stenosis", "present", "right", None)],
        ),
        (
            "Left ICA: mild plaque without hemodynamically significant stenosis.",
            [("carotid_plaque", "present", "left", None), ("carotid_stenosis", "absent", "left", None)],
        ),
        ("Right ICA: 50-69% stenosis.", [("carotid_stenosis", "present", "right", None)]),
        # "calcified" of the finding it is said of, also across "and noncalcified" and a disc's words
        (
            "No cord compression, but there is effacement of the thecal sac at T6-T7 by a calcified central disc "
            "herniation.",
            [
                ("spinal_cord_compression", "absent", None, None),
                ("spinal_stenosis", "present", None, "thoracic spine"),
                ("disc_herniation", "present", None, "thoracic spine"),
            ],
        ),
        (
            "Calcified bilateral hilar granulomas.",
            [("granuloma", "present", "bilateral", "perihilar")],
        ),
        # a side's letter before the head's and the spine's words
        ("Old L cerebellar infarct.", [("cerebral_infarct", "present", "left", None)]),
        ("Evolving R MCA infarct.", [("cerebral_infarct", "present", "right", None)]),
        ("EVD R frontal, tip in the third ventricle.", [("csf_shunt", "present", "right", None)]),
    ],
)
def test_headings_sides_and_calcified_rv30(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the edema around a bleed or a mass is the brain's on a study of the head, on the side of what it surrounds
        (
            "CT HEAD: Large right frontal intraparenchymal hemorrhage measuring 5.4 x 3.8 cm with surrounding edema "
            "and 9 mm of midline shift.",
            [
                ("intracranial_hemorrhage", "present", "right", None),
                ("cerebral_edema", "present", "right", None),
                ("midline_shift", "present", None, None),
            ],
        ),
        (
            "Ring-enhancing lesion in the left frontal lobe with central restricted diffusion and surrounding edema.",
            [("brain_lesion", "present", "left", "brain"), ("cerebral_edema", "present", "left", "brain")],
        ),
        # ... also in a sentence of its own, after the bleed's (review rv31a)
        (
            "Left frontal hemorrhage, now 4.1 cm. Surrounding edema has increased.",
            [
                ("intracranial_hemorrhage", "present", "left", None),
                ("cerebral_edema", "present", "left", None),
            ],
        ),
        # ... and no finding of its own elsewhere
        ("Acute pancreatitis with surrounding edema.", [("pancreatitis", "present", None, None)]),
        ("Perianal abscess with adjacent edema.", [("abscess", "present", None, None)]),
        # a vertebra's or a disc's edema is no lung's
        (
            "Findings suggestive of early L4-L5 discitis-osteomyelitis with endplate edema.",
            [("osteomyelitis", "uncertain", None, "lumbar spine")],
        ),
        # a head study's shorthand: the subarachnoid bleed said "SAH" makes "hydro" the brain's
        (
            "SAH stable, Fisher 3. No hydro.",
            [("subarachnoid_hemorrhage", "present", None, None), ("hydrocephalus", "absent", None, None)],
        ),
    ],
)
def test_the_brains_edema_and_shorthand_rv30(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the spine's and the head's words
        ("Mild degenerative changes at C5-6 and C6-7.", [("degenerative_spine", "present")]),
        ("Adjacent segment degeneration at C6-C7.", [("degenerative_spine", "present")]),
        (
            "Epidural abscess with mild compression of the thoracic cord.",
            [("epidural_abscess", "present"), ("spinal_cord_compression", "present")],
        ),
        (
            "Abnormal T2 hyperintense signal within the cord at this level.",
            [("cord_signal_abnormality", "present")],
        ),
        ("The conus medullaris is normal in signal.", [("cord_signal_abnormality", "absent")]),
        ("No signal abnormality in the conus medullaris.", [("cord_signal_abnormality", "absent")]),
        ("Prevertebral soft tissues are within normal limits.", [("soft_tissue_swelling", "absent")]),
        ("Prevertebral soft tissue swelling.", [("soft_tissue_swelling", "present")]),
        ("Disruption of the anterior longitudinal ligament at C4-C5.", [("ligament_tear", "present")]),
        ("Transverse ligament injury is suspected.", [("ligament_tear", "uncertain")]),
        (
            "Burst fracture of L1 with mild retropulsion narrowing the spinal canal.",
            [("fracture", "present"), ("spinal_stenosis", "present")],
        ),
        # a vertebra's height loss said with its compression deformity is the deformity's
        (
            "Chronic compression deformity of T12 with approximately 20% anterior height loss.",
            [("compression_fracture", "present")],
        ),
        (
            "The disc abuts but does not compress the traversing right S1 nerve root.",
            [("nerve_root_compression", "absent")],
        ),
        ("No jugular vein thrombosis.", [("deep_vein_thrombosis", "absent")]),
        ("Chronic microvascular changes.", [("small_vessel_disease", "present")]),
        ("Moderate periventricular white matter hypoattenuation.", [("small_vessel_disease", "present")]),
        ("The basal cisterns are effaced.", [("mass_effect", "present")]),
        ("Entrapment of the right lateral ventricle.", [("hydrocephalus", "present")]),
        ("Hippocampal volume loss, more on the left.", [("cerebral_atrophy", "present")]),
        # the patient a finding is read in has the disease said after it: history
        # (the enhancement is the carcinomatosis's sign, as hedged as its reading)
        (
            "Leptomeningeal enhancement concerning for leptomeningeal carcinomatosis in this patient with breast cancer.",
            [("leptomeningeal_disease", "uncertain"), ("leptomeningeal_disease", "uncertain")],
        ),
    ],
)
def test_spine_and_head_words_rv30(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lesion the report says, without a hedge, what it is, is that finding, with the lesion's side, place and
        # size
        (
            "MRI brain: 1.4 cm ring-enhancing lesion in the left cerebellar hemisphere with moderate surrounding "
            "vasogenic edema, consistent with metastasis.",
            [
                ("cerebral_edema", "present", "left", "brain"),
                ("brain_metastases", "present", "left", "brain"),
            ],
        ),
        (
            "Dedicated pituitary MRI: A 5 mm hypoenhancing lesion in the pituitary gland, consistent with a "
            "microadenoma.",
            [("pituitary_adenoma", "present", None, "brain")],
        ),
        (
            "Enhancing 8 mm intracanalicular lesion in the left internal auditory canal, consistent with vestibular "
            "schwannoma.",
            [("vestibular_schwannoma", "present", "left", None)],
        ),
        (
            "Three new T2 hyperintense lesions in the cervical cord at C2, C4 and C6, in keeping with active "
            "demyelination.",
            [
                ("cord_signal_abnormality", "present", None, "spinal cord"),
                ("demyelinating_lesions", "present", None, "cervical spine"),
            ],
        ),
        # ... not a hedged reading, nor a lesion described as another part's (a vertebra's "hemangioma" is no liver's)
        (
            "1.5 cm hyperdense lesion in the left cerebellar hemisphere, possibly a metastasis.",
            [
                ("brain_lesion", "present", "left", "brain"),
                ("brain_metastases", "uncertain", "left", "brain"),
            ],
        ),
        (
            "Focal lesion in the proximal right humeral metaphysis, enchondroma versus chondrosarcoma.",
            [("bone_lesion", "present", "right", "humerus"), ("bone_lesion", "uncertain", None, None)],
        ),
        # ... nor a finding of its own ("opacity ... consistent with pneumonia" keeps the opacity)
        (
            "Opacity in the right lower lobe, consistent with pneumonia.",
            [
                ("lung_opacity", "present", "right", "lower lobe"),
                ("pneumonia", "present", "right", "lower lobe"),
            ],
        ),
        # a sign read, with a hedge, as the finding it is a sign of is as hedged as its reading
        (
            "Early dilatation of the temporal horns, suspicious for developing hydrocephalus.",
            [("hydrocephalus", "uncertain", None, None), ("hydrocephalus", "uncertain", None, None)],
        ),
        (
            "Lucency surrounding the left S1 pedicle screw, concerning for loosening.",
            [
                ("lucency", "present", None, None),
                ("hardware_complication", "uncertain", "left", None),
                ("spinal_fusion_hardware", "present", "left", None),
                ("hardware_complication", "uncertain", "left", None),
            ],
        ),
        # (a mass "suspicious for neoplasm" is a certain mass)
        (
            "Lobulated right middle lobe mass, highly suspicious for malignancy.",
            [("mass", "present", "right", "middle lobe"), ("mass", "uncertain", "right", "middle lobe")],
        ),
    ],
)
def test_a_lesion_read_as_what_it_is_rv31(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a carotid study's bare plaque and stenosis are the carotid's, on the side its line is headed by
        (
            "Carotid duplex. Right: no plaque; no stenosis. Left: no plaque; no stenosis.",
            [
                ("carotid_plaque", "absent", "right", None),
                ("carotid_stenosis", "absent", "right", None),
                ("carotid_plaque", "absent", "left", None),
                ("carotid_stenosis", "absent", "left", None),
            ],
        ),
        (
            "CAROTID DUPLEX ULTRASOUND\nRIGHT: Moderate heterogeneous plaque at the carotid bulb. Peak systolic "
            "velocity 245 cm/s, consistent with 70% or greater stenosis.\nLEFT: Minimal plaque. Velocities within "
            "normal limits; no hemodynamically significant stenosis.",
            [
                ("carotid_plaque", "present", "right", None),
                ("carotid_stenosis", "present", "right", None),
                ("carotid_plaque", "present", "left", None),
                ("carotid_stenosis", "absent", "left", None),
            ],
        ),
        (
            "R ICA: PSV 88, EDV 22. Small calcified plaque.\nL ICA: PSV 410, EDV 160. >70% stenosis.",
            [("carotid_plaque", "present", "right", None), ("carotid_stenosis", "present", "left", None)],
        ),
        (
            "CTA head and neck: Mild atherosclerotic plaque of the right carotid bulb without stenosis.",
            [("carotid_plaque", "present", "right", None), ("carotid_stenosis", "absent", "right", None)],
        ),
        # ... a spine study's the canal's; elsewhere an artery's
        (
            "MRI lumbar spine: L4-5 disc bulge. No stenosis.",
            [("disc_bulge", "present", None, "lumbar spine"), ("spinal_stenosis", "absent", None, None)],
        ),
        ("CTA abdomen: Patent celiac axis. No stenosis.", [("arterial_stenosis", "absent", None, None)]),
        # a velocity is no size
        ("Right ICA: 50-69% stenosis with PSV 160 cm/s.", [("carotid_stenosis", "present", "right", None)]),
        # the British costophrenic sinuses are no paranasal ones (they are the costophrenic angles: review rv103a)
        ("The costophrenic sinuses are clear.", [("costophrenic_blunting", "absent", None, None)]),
        ("CT head: Sinuses clear.", [("paranasal_sinus_disease", "absent", None, None)]),
    ],
)
def test_carotid_and_spine_studies_rv31(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


def test_a_velocity_is_no_size_rv31() -> None:
    (f,) = structure("Right ICA: 50-69% stenosis with PSV 160 cm/s.").findings
    assert f.size_mm is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head's words (review rv31a)
        (
            "No midline shfit. No acute intracranial hemmorhage. No masss effect.",
            [("midline_shift", "absent"), ("intracranial_hemorrhage", "absent"), ("mass_effect", "absent")],
        ),
        (
            "Chronic lacunar infract in the right internal capsule. No acute infract.",
            [("cerebral_infarct", "present"), ("acute_infarct", "absent")],
        ),
        (
            "The ventricles are midline and normal in size. The calvarium is intact.",
            [("hydrocephalus", "absent"), ("midline_shift", "absent"), ("fracture", "absent")],
        ),
        (
            "Ventricles and basal cisterns are normal. Ventricles nl size.",
            [("hydrocephalus", "absent"), ("hydrocephalus", "absent")],
        ),
        (
            "Right-to-left midline shift with trapping of the left lateral ventricle.",
            [("midline_shift", "present"), ("hydrocephalus", "present")],
        ),
        (
            "Encephalomalacia in the left MCA territory with ex vacuo dilatation of the left lateral ventricle.",
            [("encephalomalacia", "present")],
        ),
        (
            "CT head: Bilateral subdural collections. No acute blood. Moderate global volume loss.",
            [
                ("subdural_hematoma", "present"),
                ("intracranial_hemorrhage", "absent"),
                ("cerebral_atrophy", "present"),
            ],
        ),
        (
            "Postoperative CT head. A small amount of blood products in the left frontal resection cavity.",
            [("intracranial_hemorrhage", "present")],
        ),
        (
            "Stable 1.1 cm partially calcified extra-axial mass along the falx, likely a meningioma.",
            [("brain_mass", "present"), ("meningioma", "uncertain")],
        ),
        (
            "No space-occupying lesion. No leptomeningeal enhancement.",
            [("mass", "absent"), ("leptomeningeal_disease", "absent")],
        ),
        ("Calcified atherosclerosis of the carotid siphons.", [("vascular_calcification", "present")]),
        ("Streak artifact from dental hardware limits evaluation.", []),
        ("Patient with acute blood loss anemia.", []),
        # the spine's and the neck's words (review rv31b)
        (
            "The lumbar lordosis is normal. Loss of signal in the L4/5 disc consistent with desiccation.",
            [("loss_of_lordosis", "absent"), ("degenerative_spine", "present")],
        ),
        (
            "A central disc protrusion abuts but does not compress the descending S1 roots.",
            [("disc_herniation", "present"), ("nerve_root_compression", "absent")],
        ),
        (
            "The exit foramina are widely patent. The canal is capacious.",
            [("foraminal_stenosis", "absent"), ("spinal_stenosis", "absent")],
        ),
        (
            "T2 hyperintense lesion in the dorsal cord at C3. Cord signal is normal at the other levels.",
            [("cord_signal_abnormality", "present"), ("cord_signal_abnormality", "absent")],
        ),
        (
            "Broad disc bulges indent the theca and contact but do not deform the cord.",
            [("disc_bulge", "present"), ("spinal_cord_compression", "absent")],
        ),
        (
            "Lumbar MRI: Edema in the L2 and L3 endplates, highly suspicious for early discitis.",
            [("osteomyelitis", "uncertain")],
        ),
        (
            "T4 compression fracture, which is new, with 20% height loss.",
            [("compression_fracture", "present")],
        ),
        (
            "Acute L1 compression fracture with bone marrow edema and 15% height loss.",
            [("compression_fracture", "present")],
        ),
        (
            "L1 burst fx w/ 5 mm retropulsion, ~50% canal compromise.",
            [("fracture", "present"), ("spinal_stenosis", "present")],
        ),
        (
            "Ultrasound thyroid: Both lobes normal in size. The thyroid is bulky.",
            [("goiter", "absent"), ("goiter", "present")],
        ),
        ("Pseudo-disc bulge at L5-S1 related to the slip.", []),
        ("Disc-osteophyte bar at C6/7.", [("disc_bulge", "present")]),
        (
            "Moderate left and mild right neural foramenal narrowing at L3-4.",
            [("foraminal_stenosis", "present"), ("foraminal_stenosis", "present")],
        ),
    ],
)
def test_head_spine_and_neck_words_rv31(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bilateral L4 pars defects.", [("spondylolysis", "present", "bilateral", "lumbar spine")]),
        ("L-spine: L3 R transverse process fx.", [("fracture", "present", "right", "lumbar spine")]),
        ("Mild edema in the adjacent right frontal lobe.", [("cerebral_edema", "present", "right", "brain")]),
        (
            "CT head. R parietal IPH 2.9 cm. Perihematomal edema increased.",
            [
                ("intracranial_hemorrhage", "present", "right", None),
                ("cerebral_edema", "present", "right", None),
            ],
        ),
        (
            "The treated left parietal metastasis has decreased, with decreased surrounding edema.",
            [("metastasis", "present", "left", None), ("cerebral_edema", "present", "left", None)],
        ),
    ],
)
def test_sides_rv31(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv31c: body and trauma
        (
            "In the setting of positive beta-hCG without an intrauterine pregnancy, findings are highly concerning "
            "for ruptured ectopic pregnancy.",
            [("intrauterine_pregnancy", "absent"), ("ectopic_pregnancy", "uncertain")],
        ),
        ("No findings are seen to suggest pneumonia.", [("pneumonia", "absent")]),
        (
            "Severe left hydronephrosis with layering debris; in the setting of fever, pyonephrosis is a concern.",
            [("hydronephrosis", "present"), ("pyonephrosis", "uncertain")],
        ),
        ("Enteric tube courses below the diaphragm, tip not visualized.", [("enteric_tube", "present")]),
        ("Large left pneumothorax. Left chest tube placement recommended.", [("pneumothorax", "present")]),
        ("Appy CT. Impression: Acute appendicits.", [("appendicitis", "present")]),
        ("The mediastinum has returned to midline.", [("mediastinal_shift", "absent")]),
        ("A 9 mm stone is seen in the distal CBD.", [("choledocholithiasis", "present")]),
        (
            "MRCP: Tiny 3 mm filling defect in the distal CBD, possibly a small stone versus flow artifact.",
            [("choledocholithiasis", "uncertain"), ("choledocholithiasis", "uncertain")],
        ),
        (
            "Stone CT. R UVJ 4mm stone, mild R hydro.",
            [("ureterolithiasis", "present"), ("hydronephrosis", "present")],
        ),
        (
            "Supine abdominal radiograph: Dilated small bowel loops up to 3.5 cm, concerning for obstruction.",
            [("bowel_obstruction", "uncertain")],
        ),
        (
            "The right ventricular pacing lead tip appears retracted; lead dislodgement is suspected.",
            [("cardiac_pacemaker", "present"), ("hardware_complication", "uncertain")],
        ),
        ("Renal tract ultrasound: Moderate left pelvicalyceal dilatation.", [("hydronephrosis", "present")]),
        ("No periaortic stranding.", [("fat_stranding", "absent")]),
        # (a hyperdense pericardial effusion is there, whatever it is)
        (
            "Moderate hyperdense pericardial effusion concerning for hemopericardium.",
            [("hemopericardium", "present"), ("hemopericardium", "uncertain")],
        ),
        # ("There is central IV line." is no mediastinum said central)
        ("There is central IV line.", [("central_venous_catheter", "present")]),
    ],
)
def test_body_and_trauma_words_rv31(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Portable CXR: Large R PTX with tension, mediastinum shifted to the L.",
            [
                ("pneumothorax", "present", "right", None),
                ("tension_pneumothorax", "present", "right", None),
                ("mediastinal_shift", "present", "left", None),
            ],
        ),
        (
            "Large left pneumothorax with rightward mediastinal shift and flattening of the left hemidiaphragm.",
            [
                ("pneumothorax", "present", "left", None),
                ("mediastinal_shift", "present", "right", None),
                ("diaphragm_flattening", "present", "left", None),
            ],
        ),
    ],
)
def test_body_and_trauma_sides_rv31(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a collection the report says without a hedge what it is, is that finding
        (
            "CT NECK: Rim-enhancing 3.5 x 2.0 x 2.6 cm collection in the right submandibular space, compatible with "
            "odontogenic abscess.",
            [("abscess", "present", "right", None)],
        ),
        (
            "A 1.5 cm ring-enhancing fluid collection in the retropharyngeal space, concerning for retropharyngeal "
            "abscess.",
            [("fluid_collection", "present", None, None), ("abscess", "uncertain", None, None)],
        ),
        # the spine's epidural hematoma, on a spine study; the head's on a head study
        (
            "MRI cervical spine trauma: No cord contusion. No epidural hematoma.",
            [
                ("spinal_cord_injury", "absent", None, "cervical spine"),
                ("spinal_epidural_hematoma", "absent", None, None),
            ],
        ),
        (
            "CT head: Right temporal bone fracture with acute epidural hematoma.",
            [("fracture", "present", "right", "skull"), ("epidural_hematoma", "present", None, None)],
        ),
        # the carotids' atherosclerosis is their plaque; the cavernous carotids' calcification is the head's
        (
            "CTA neck: Atherosclerotic calcification of the carotid bulbs without significant stenosis.",
            [("carotid_plaque", "present", None, None), ("carotid_stenosis", "absent", None, None)],
        ),
        (
            "Mild atherosclerotic calcification of the cavernous internal carotid arteries without significant "
            "stenosis.",
            [("vascular_calcification", "present", None, None), ("carotid_stenosis", "absent", None, None)],
        ),
        (
            "Mild calcified plaque at both carotid bifurcations.",
            [("carotid_plaque", "present", "bilateral", None)],
        ),
        (
            "Carotid ultrasound: Right: widely patent endarterectomy site without restenosis.",
            [("carotid_stenosis", "absent", "right", None)],
        ),
        (
            "No sialolith. No evidence of cervical arterial dissection.",
            [("calculus", "absent", None, None), ("cervical_artery_dissection", "absent", None, None)],
        ),
        # the dura's own density, and a brain's volume loss said beside its sulci
        (
            "There is a subtle hyperdensity which could reflect a tiny subdural hematoma versus normal dural density.",
            [("subdural_hematoma", "uncertain", None, None)],
        ),
        (
            "Ventricular enlargement is proportional to sulcal widening, consistent with volume loss rather than "
            "hydrocephalus.",
            [("cerebral_atrophy", "present", None, "brain"), ("hydrocephalus", "absent", None, None)],
        ),
    ],
)
def test_neck_and_spine_studies_rv31(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare "tension" is the pneumothorax's where one is spoken of, and no finding elsewhere
        (
            "Small right apical pneumothorax. No tension.",
            [("pneumothorax", "present"), ("tension_pneumothorax", "absent")],
        ),
        (
            "Right pneumothorax without tension.",
            [("pneumothorax", "present"), ("tension_pneumothorax", "absent")],
        ),
        (
            "Large right pneumothorax with mediastinal shift, concerning for tension.",
            [
                ("pneumothorax", "present"),
                ("mediastinal_shift", "present"),
                ("tension_pneumothorax", "uncertain"),
            ],
        ),
        ("CT head: Tension pneumocephalus.", [("pneumocephalus", "present")]),
        ("Skin tension lines.", []),
        # an excluder's apposition ("consistent with colitis, infectious or inflammatory" is no lung infection); the
        # choice after the comma is of the colitis's kind, not of whether it is there (review rv50d)
        (
            "Diffuse colonic wall thickening, consistent with colitis, infectious or inflammatory.",
            [("bowel_wall_thickening", "present"), ("colitis", "present")],
        ),
    ],
)
def test_tension_and_apposition_rv31(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare wall thickening is the gallbladder's in a report of the gallbladder, the bowel's beside the bowel,
        # and no finding of a vessel's wall
        (
            "Gallbladder is distended with a 2.1 cm stone. Wall thickened to 5 mm with pericholecystic fluid.",
            [
                ("gallstones", "present"),
                ("gallbladder_wall_thickening", "present"),
                ("pericholecystic_fluid", "present"),
            ],
        ),
        (
            "Gallbladder contains a solitary 18 mm calculus. Wall is of normal thickness.",
            [("gallstones", "present"), ("gallbladder_wall_thickening", "absent")],
        ),
        (
            "Gallbladder is distended with sludge and mild wall thickening.",
            [("gallbladder_wall_thickening", "present"), ("gallbladder_sludge", "present")],
        ),
        (
            "Perforated appendicitis. Reactive wall thickening of the adjacent cecum and terminal ileum.",
            [
                ("appendicitis", "present"),
                ("bowel_perforation", "present"),
                ("bowel_wall_thickening", "present"),
            ],
        ),
        ("BLADDER: Wall thickening.", [("bladder_wall_thickening", "present")]),
        ("Chronic post-thrombotic wall thickening in the popliteal vein.", []),
        (
            "Nonshadowing 6 mm echogenic focus along the gallbladder wall, likely a polyp.",
            [("gallbladder_polyp", "uncertain")],
        ),
    ],
)
def test_a_bare_wall_thickening_rv31(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv30b (MSK and trauma, held out until now)
        (
            "Bony Bankart fracture of the anteroinferior glenoid rim. The labrum is torn. Moderate effusion.",
            [("fracture", "present"), ("ligament_tear", "present"), ("joint_effusion", "present")],
        ),
        (
            "Small left pleural effusion. No joint effusion.",
            [("pleural_effusion", "present"), ("joint_effusion", "absent")],
        ),
        ("Acute burst fracture of L1 with approximately 40% anterior collapse.", [("fracture", "present")]),
        (
            "Right lower lobe collapse with rib fractures.",
            [("atelectasis", "present"), ("fracture", "present")],
        ),
        ("Patellar tendinosis. Infrapatellar fat pad edema.", [("tendinosis", "present")]),
        (
            "Line in the second metatarsal with surrounding marrow and periosteal edema, consistent with a stress "
            "fracture.",
            [("fracture", "present")],
        ),
    ],
)
def test_msk_and_trauma_words_rv30b(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv32c (body and chest, held out until its own rules)
        (
            "CT chest w/o: ETT ok. OGT tip in stomach.",
            [("endotracheal_tube", "present"), ("enteric_tube", "present")],
        ),
        (
            "Small residual nonocclusive thrombus in the left interlobar artery, decreased.",
            [("pulmonary_embolism", "present")],
        ),
        (
            "Loculated left pleural fluid collection, compatible with empyema. Pigtail catheter drainage is recommended.",
            [("pleural_effusion", "present"), ("empyema", "present")],
        ),
        (
            "Right inguinal hernia with upstream small bowel dilatation, compatible with obstruction.",
            [("abdominal_hernia", "present"), ("bowel_obstruction", "present")],
        ),
        (
            "4.5 x 3.0 cm rim-enhancing fluid collection in the presacral space, concerning for abscess.",
            [("abscess", "uncertain"), ("abscess", "uncertain")],
        ),
        (
            "Rim-enhancing fluid collection in the right lower quadrant, consistent with abscess.",
            [("abscess", "present"), ("abscess", "present")],
        ),
        (
            "ICU patient. Distended gallbladder with sludge and wall thickening to 6 mm; no stones.",
            [
                ("gallbladder_wall_thickening", "present"),
                ("gallbladder_sludge", "present"),
                ("gallstones", "absent"),
            ],
        ),
        (
            "Renal ultrasound: No hydronephrosis bilaterally. No shadowing calculi. Bladder is unremarkable.",
            [("hydronephrosis", "absent"), ("nephrolithiasis", "absent")],
        ),
        (
            "CT KUB: 5 mm calculus at the left ureterovesical junction. Two nonobstructing calculi in the right kidney.",
            [("ureterolithiasis", "present"), ("nephrolithiasis", "present")],
        ),
    ],
)
def test_body_words_rv32c(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lesion said in one sentence and read in the next, which points back to it
        (
            "There is a 4.2 cm lesion in the upper pole of the left kidney. It is homogeneous and of fluid "
            "attenuation, consistent with a simple cyst (Bosniak I).",
            [("renal_cyst", "present", "left", "kidney")],
        ),
        (
            "A 2 cm lesion in the left kidney, consistent with a simple cyst.",
            [("renal_cyst", "present", "left", "kidney")],
        ),
        # ... not a reading of something else the sentence before said
        (
            "Small left pleural effusion. It is consistent with heart failure.",
            [("pleural_effusion", "present", "left", None), ("heart_failure", "present", None, None)],
        ),
    ],
)
def test_a_lesion_read_in_the_next_sentence_rv32c(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv32a (neuro and spine): the carotids inside the skull are the head's; a degenerative slip is a slip
        (
            "Atherosclerotic calcifications of the bilateral cavernous carotid arteries.",
            [("vascular_calcification", "present", "bilateral", None)],
        ),
        ("Calcification of the carotid siphons.", [("vascular_calcification", "present", None, None)]),
        (
            "Grade 1 degenerative anterolisthesis of L4 on L5.",
            [("spondylolisthesis", "present", None, "lumbar spine")],
        ),
    ],
)
def test_neuro_and_spine_words_rv32a(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review rv32b: a vein's wall thickening is no finding; the bowel's and the abdomen's is
        (
            "Bilateral lower extremity venous duplex: The left is chronic and nonocclusive with wall thickening.",
            [],
        ),
        ("CT abdomen: Mild wall thickening.", [("bowel_wall_thickening", "present")]),
        # a reading's side across the edema said around what it reads, off a study of the head
        (
            "Left foot MRI (heel): Thickening of the proximal plantar fascia to 7 mm with surrounding edema, "
            "consistent with plantar fasciitis. The Achilles tendon is normal.",
            [("plantar_fasciitis", "present")],
        ),
    ],
)
def test_walls_and_edema_off_the_head_rv32b(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


def test_a_reading_keeps_its_side_past_the_edema_around_rv32b() -> None:
    (f,) = structure(
        "Left foot MRI (heel): Thickening of the proximal plantar fascia to 7 mm with surrounding edema, consistent "
        "with plantar fasciitis. The Achilles tendon is normal."
    ).findings
    assert (f.code, f.laterality.value if f.laterality else None) == ("plantar_fasciitis", "left")
