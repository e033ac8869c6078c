"""Review rv30a (neuroradiology and spine, held out until the eighteenth session) and rv31 (held-out neuro, spine and
neck, body and trauma inputs written before any output was seen): what they found."""

from __future__ import annotations

import pytest

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
            [("cardiomegaly", "absent")],
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
        (
            "Left frontal hemorrhage, now 4.1 cm. Surrounding edema has increased.",
            [("intracranial_hemorrhage", "present", "left", None), ("cerebral_edema", "present", None, None)],
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
        (
            "Leptomeningeal enhancement concerning for leptomeningeal carcinomatosis in this patient with breast cancer.",
            [("leptomeningeal_disease", "uncertain")],
        ),
    ],
)
def test_spine_and_head_words_rv30(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected
