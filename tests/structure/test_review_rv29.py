"""Review rv29 (held-out inputs across chest CT, radiographs in many house styles, and abdominal, pelvic, breast,
thyroid and vascular imaging, written before any output was seen) and the rows left open before it: what it found."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import Placed, placed


def changed(text: str) -> list[tuple[str, str | None]]:
    """(code, change) of each finding of ``text``, in order."""
    return [(f.code, f.change.value if f.change else None) for f in structure(text).findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the finding's own verb after "and", or in its relative clause, says how it changed, beyond "again seen"
        (
            "The right lower lobe nodule is again seen and has increased in size, now 9 mm.",
            [("nodule", "worsened")],
        ),
        ("The nodule is again seen and is slightly smaller.", [("nodule", "improved")]),
        (
            "The left pleural effusion persists and has since decreased in size.",
            [("pleural_effusion", "improved")],
        ),
        ("Persistent left effusion which has slightly decreased.", [("pleural_effusion", "improved")]),
        # ... not another finding's verb, nor a change denied
        (
            "Stable cardiomegaly and the effusion has increased.",
            [("cardiomegaly", "stable"), ("pleural_effusion", "worsened")],
        ),
        ("Stable nodule that has not increased.", [("nodule", "stable")]),
        ("Persistent right pleural effusion.", [("pleural_effusion", "stable")]),
    ],
)
def test_a_change_after_again_seen_rv29(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert changed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a measured place goes on to deny is its own
        (
            "The right kidney measures 11 cm without hydronephrosis or stones.",
            [
                ("hydronephrosis", "absent", "right", "kidney"),
                ("nephrolithiasis", "absent", "right", "kidney"),
            ],
        ),
        (
            "The left kidney measures 10 cm in length with no hydronephrosis, calculi, or solid mass.",
            [
                ("hydronephrosis", "absent", "left", "kidney"),
                ("nephrolithiasis", "absent", "left", "kidney"),
                ("renal_mass", "absent", "left", "kidney"),
            ],
        ),
        # ... and the place is still another finding's
        (
            "The right kidney measures 11 cm and contains a 2 cm simple cyst.",
            [("renal_cyst", "present", "right", "kidney")],
        ),
    ],
)
def test_a_measured_place_rv29(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # degrees said respectively are of the findings before them, never of one after
        (
            "Right and left pleural effusions, small and moderate respectively, with adjacent atelectasis.",
            [
                ("pleural_effusion", "right", "small"),
                ("pleural_effusion", "left", "moderate"),
                ("atelectasis", None, None),
            ],
        ),
        (
            "Right and left pleural effusions are small and moderate, respectively.",
            [("pleural_effusion", "right", "small"), ("pleural_effusion", "left", "moderate")],
        ),
        (
            "Right and left pleural effusions are small and moderate, respectively, with mild atelectasis.",
            [
                ("pleural_effusion", "right", "small"),
                ("pleural_effusion", "left", "moderate"),
                ("atelectasis", None, "mild"),
            ],
        ),
    ],
)
def test_degrees_said_respectively_rv29(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    got = [
        (f.code, f.laterality.value if f.laterality else None, f.severity) for f in structure(text).findings
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lung's own finding said with the side's lung, a lobe's abscess or bleed, a measured organ's size
        ("Left lung contusion.", [("pulmonary_contusion", "present", "left", None)]),
        ("Pulm contusion LLL.", [("pulmonary_contusion", "present", "left", "lower lobe")]),
        ("Right lung abscess.", [("lung_abscess", "present", "right", None)]),
        (
            "Right upper lobe cavitary lesion, concerning for abscess.",
            [
                ("cavitary_lesion", "present", "right", "upper lobe"),
                ("lung_abscess", "uncertain", "right", "upper lobe"),
            ],
        ),
        (
            "Small focus of hemorrhage along the needle tract in the right upper lobe.",
            [("pulmonary_hemorrhage", "present", "right", "upper lobe")],
        ),
        ("Abscess in the right lower quadrant.", [("abscess", "present", "right", "right lower quadrant")]),
        # (a bleed of the brain's lobe stays the brain's)
        ("Hemorrhage in the left frontal lobe.", [("intracranial_hemorrhage", "present", "left", "brain")]),
        (
            "Left kidney without mass or stone.",
            [("renal_mass", "absent", "left", "kidney"), ("nephrolithiasis", "absent", "left", "kidney")],
        ),
        # (a lung's place or a bare side before a denial is not the denied finding's place)
        (
            "Right upper lobe opacity without effusion.",
            [("lung_opacity", "present", "right", "upper lobe"), ("pleural_effusion", "absent", None, None)],
        ),
        # a chest finding said with the one before it, next to it or as its lost volume, is on its side
        (
            "Complete left lower lobe collapse with volume loss.",
            [
                ("atelectasis", "present", "left", "lower lobe"),
                ("volume_loss", "present", "left", "lower lobe"),
            ],
        ),
        (
            "Mucus plugging in the left lower lobe segmental bronchi with distal atelectasis.",
            [
                ("mucus_plugging", "present", "left", "lower lobe"),
                ("atelectasis", "present", "left", "lower lobe"),
            ],
        ),
        (
            "Bilateral pleural effusions, larger on the right, with adjacent passive atelectasis.",
            [
                ("pleural_effusion", "present", "bilateral", None),
                ("atelectasis", "present", "bilateral", None),
            ],
        ),
        # ... not one merely joined on, nor the mediastinum's shift
        (
            "Left pleural effusion with atelectasis.",
            [("pleural_effusion", "present", "left", None), ("atelectasis", "present", None, None)],
        ),
        (
            "Right pneumothorax with mediastinal shift.",
            [("pneumothorax", "present", "right", None), ("mediastinal_shift", "present", None, None)],
        ),
    ],
)
def test_places_rv29(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No left-sided emboli.", [("pulmonary_embolism", "absent")]),
        ("No acute emboli.", [("pulmonary_embolism", "absent")]),
        ("No mediastinal or hilar lymph node enlargement.", [("lymphadenopathy", "absent")]),
        ("FDG-avid right hilar lymph node.", [("lymphadenopathy", "present")]),
        (
            "Gallbladder thin-walled and calculus-free.",
            [("gallbladder_wall_thickening", "absent"), ("gallstones", "absent")],
        ),
        ("The gallbladder is calculus-free.", [("gallstones", "absent")]),
        ("Coronary calcs.", [("coronary_calcification", "present")]),
        ("Mild dilatation of the aortic root to 4.2 cm.", [("aortic_dilatation", "present")]),
        ("Cardiothymic silhouette is normal.", [("cardiomegaly", "absent")]),
        (
            "Interval increase in size of the cardiac silhouette, raising concern for pericardial effusion.",
            [("cardiomegaly", "present"), ("pericardial_effusion", "uncertain")],
        ),
        ("The previously noted right upper lobe collapse has re-expanded.", [("atelectasis", "absent")]),
        (
            "Previously enlarged right axillary lymph nodes are now normal in size.",
            [("lymphadenopathy", "absent")],
        ),
        (
            "Thrombus in the gastrocnemius veins is not definitively seen.",
            [("deep_vein_thrombosis", "absent")],
        ),
        # words that are no finding
        ("Crowding of bronchovascular markings at the bases.", []),
        ("Sentinel clot adjacent to the spleen.", []),
        ("Diffuse adenomyosis with a globular uterus and myometrial cysts.", [("adenomyosis", "present")]),
        # ... and "free" of what is free, not after it
        ("Free air under the diaphragm.", [("pneumoperitoneum", "present")]),
    ],
)
def test_words_rv29(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.code, f.assertion.value) for f in structure(text).findings] == expected


def test_a_size_said_before_a_denial_is_no_size_of_it_rv29() -> None:
    found = structure(
        "The kidneys measure 11.2 cm (right) and 11.6 cm (left), without hydronephrosis or stones."
    )
    # (the kidneys' stones, as the sentence is about them: review rv73b)
    assert [(f.code, f.size_mm) for f in found.findings] == [
        ("hydronephrosis", None),
        ("nephrolithiasis", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a breast or thyroid study the report opens by naming places what it finds there, with no exam line
        (
            "Screening mammogram. No suspicious masses, calcifications, or architectural distortion.",
            [
                ("breast_mass", "absent", None, "breast"),
                ("breast_calcifications", "absent", None, "breast"),
                ("architectural_distortion", "absent", None, "breast"),
            ],
        ),
        (
            "Targeted ultrasound of the right breast demonstrates a 7 mm simple cyst. No solid mass.",
            [("breast_cyst", "present", "right", "breast"), ("breast_mass", "absent", "right", "breast")],
        ),
        (
            "Ultrasound of the thyroid: A 4 mm colloid cyst in the right lobe. No suspicious nodules.",
            [
                ("thyroid_nodule", "present", "right", "thyroid"),
                ("thyroid_nodule", "absent", None, "thyroid"),
            ],
        ),
        (
            "Diagnostic mammogram and ultrasound, left breast. A focal asymmetry at 3 o'clock.",
            [("breast_asymmetry", "present", "left", "breast")],
        ),
        # ... not a study the first sentence only mentions
        (
            "Bilateral breast implants. No focal mass.",
            [("breast_implant", "present", "bilateral", "breast"), ("mass", "absent", None, None)],
        ),
        # an implant and its rupture in a report of breasts
        (
            "Left silicone implant. The right implant is intact.",
            [("breast_implant", "present", "left", None), ("breast_implant", "present", "right", None)],
        ),
        (
            "The left breast implant is intact; no evidence of rupture.",
            [
                ("breast_implant", "present", "left", "breast"),
                ("breast_implant_rupture", "absent", "left", None),
            ],
        ),
        (
            "Abdominal aortic aneurysm. No rupture.",
            [("aortic_aneurysm", "present", None, None), ("aortic_rupture", "absent", None, None)],
        ),
        ("No rupture.", []),
        # the way the mediastinum goes, said right after it
        (
            "Air-filled bowel loops in the left hemithorax with mediastinal shift to the right.",
            [("mediastinal_shift", "present", "right", None)],
        ),
        # each reading of a list reads the finding before the list
        (
            "Hazy opacity at the left base may represent atelectasis, effusion, or consolidation.",
            [
                ("lung_opacity", "present", "left", "base"),
                ("atelectasis", "uncertain", "left", "base"),
                ("pleural_effusion", "uncertain", "left", "base"),
                ("consolidation", "uncertain", "left", "base"),
            ],
        ),
        (
            "Left effusion, cardiomegaly, possible edema.",
            [
                ("pleural_effusion", "present", "left", None),
                ("cardiomegaly", "present", None, None),
                ("pulmonary_edema", "uncertain", None, None),
            ],
        ),
        # the way in of another catheter is no catheter of its own
        (
            "Swan-Ganz catheter via the right IJ with tip in the right pulmonary artery.",
            [("swan_ganz_catheter", "present", None, "pulmonary artery")],
        ),
    ],
)
def test_studies_and_readings_rv29(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dilated small bowel loops, favoring ileus over early partial small bowel obstruction.",
            [("ileus", "uncertain"), ("ileus", "uncertain"), ("bowel_obstruction", "uncertain")],
        ),
        (
            "There are mild opacities bilaterally, favoring scar or atelectasis.",
            [("lung_opacity", "present"), ("scarring", "uncertain"), ("atelectasis", "uncertain")],
        ),
        ("Pericecal fat stranding and a fluid-filled appendix.", [("fat_stranding", "present")]),
        ("The appendix is dilated to 12 mm.", [("appendicitis", "present")]),
        ("Repeat PA view with nipple markers is recommended.", []),
        ("Nipple markers are in place.", [("skin_marker", "present")]),
        ("The left axillary lymph nodes are normal in appearance.", [("lymphadenopathy", "absent")]),
        ("Normal-appearing axillary lymph nodes.", [("lymphadenopathy", "absent")]),
        ("Normal appearing appendix.", [("appendicitis", "absent")]),
        (
            "Normal appearing cardiomediastinal silhouette.",
            [("cardiomegaly", "absent"), ("mediastinal_widening", "absent")],
        ),
    ],
)
def test_words_and_hedges_rv29(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.code, f.assertion.value) for f in structure(text).findings] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a size set off by commas before a reading is the finding's before it (what Lung-RADS grades)
        (
            "Part-solid nodule in the RLL, 2.2 cm, concerning for adenocarcinoma.",
            [("part_solid_nodule", 22.0), ("mass", None)],
        ),
        (
            "Solid nodule in the right upper lobe, 9 mm, suspicious for malignancy.",
            [("solid_nodule", 9.0), ("mass", None)],
        ),
        (
            "New 8 mm nodule in the left lower lobe, suspicious for metastasis.",
            # (a lung nodule read as a metastasis is the lung's, review rv37d)
            [("nodule", 8.0), ("pulmonary_metastases", None)],
        ),
    ],
)
def test_a_size_before_a_reading_rv29(text: str, expected: list[tuple[str, float | None]]) -> None:
    assert [(f.code, f.size_mm) for f in structure(text).findings] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the pleura's own finding, and one the name says is the other's, said "with" a sided one
        (
            "Large loculated right pleural effusion with enhancing thickened pleura, concerning for empyema.",
            [
                ("pleural_effusion", "present", "right", None),
                ("pleural_thickening", "present", "right", None),
                ("empyema", "uncertain", "right", None),
            ],
        ),
        (
            "Right lower lobe pneumonia with a small parapneumonic effusion.",
            [("pneumonia", "present", "right", "lower lobe"), ("pleural_effusion", "present", "right", None)],
        ),
        (
            "Post-radiation fibrosis in the medial left upper lobe with traction bronchiectasis, stable.",
            [
                # (a radiation field's fibrosis is fibrosis, as the reviewers of rv70b and rv87b read it)
                ("pulmonary_fibrosis", "present", "left", "upper lobe"),
                ("bronchiectasis", "present", "left", "upper lobe"),
            ],
        ),
        # ... the reading still reads through the feature to the finding
        (
            "Right lower lobe consolidation with associated effusion, consistent with pneumonia.",
            [
                ("consolidation", "present", "right", "lower lobe"),
                ("pleural_effusion", "present", "right", None),
                ("pneumonia", "present", "right", "lower lobe"),
            ],
        ),
        (
            "Thick-walled cavitary lesion in the right upper lobe measuring 3.2 cm with an air-fluid level, likely lung "
            "abscess.",
            [
                ("cavitary_lesion", "present", "right", "upper lobe"),
                ("lung_abscess", "uncertain", "right", "upper lobe"),
            ],
        ),
        # a portal vein said patent or thrombosed, a thin gallbladder wall
        ("The main portal vein is patent.", [("portal_vein_thrombosis", "absent", None, None)]),
        ("The portal vein is thrombosed.", [("portal_vein_thrombosis", "present", None, None)]),
        (
            "The gallbladder contains stones; the common bile duct is not dilated.",
            [("gallstones", "present", None, "gallbladder"), ("biliary_dilatation", "absent", None, None)],
        ),
        (
            "The gallbladder wall is not thickened.",
            [("gallbladder_wall_thickening", "absent", None, "gallbladder")],
        ),
        (
            "No solid component or main duct dilatation.",
            [("pancreatic_duct_dilatation", "absent", None, None)],
        ),
        # (the arteries' occlusions stay theirs)
        ("The right popliteal artery is occluded.", [("arterial_occlusion", "present", "right", None)]),
    ],
)
def test_more_places_rv29(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


def test_a_generator_keeps_the_side_of_the_chest_it_is_over_rv29() -> None:
    found = structure("Pacemaker generator over the right chest with leads.").findings
    assert [(f.code, f.laterality.value if f.laterality else None) for f in found] == [
        ("cardiac_pacemaker", "right")
    ]
    found = structure("Pacemaker with leads in the right atrium and right ventricle.").findings
    assert [(f.code, f.laterality, f.location) for f in found] == [
        ("cardiac_pacemaker", None, "right atrium")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-sided limb venous study or a scrotal study the report opens by naming
        (
            "LLE duplex: Isolated calf DVT. Small ruptured Baker cyst.",
            [("deep_vein_thrombosis", "present", "left", None), ("baker_cyst", "present", "left", None)],
        ),
        (
            "EXAMINATION: Right lower extremity venous duplex.\nFINDINGS: No DVT. Small Baker cyst.",
            [("deep_vein_thrombosis", "absent", "right", None), ("baker_cyst", "present", "right", None)],
        ),
        (
            "Scrotal ultrasound. Preserved arterial and venous flow; no sonographic evidence of torsion.",
            [("testicular_torsion", "absent", None, "scrotum")],
        ),
    ],
)
def test_venous_and_scrotal_studies_rv29(text: str, expected: list[Placed]) -> None:
    assert placed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a head study's shorthand and bare words (review rv30a)
        (
            "Head CT: no ICH. no MLS. No hydro.",
            [("intracranial_hemorrhage", "absent"), ("midline_shift", "absent"), ("hydrocephalus", "absent")],
        ),
        ("CT A/P: No hydro. No renal stones.", [("hydronephrosis", "absent"), ("nephrolithiasis", "absent")]),
        (
            "Redemonstrated right frontal convexity meningioma. No edema.",
            [("meningioma", "present"), ("cerebral_edema", "absent")],
        ),
        (
            "Mild pulmonary vascular congestion. No edema.",
            [("vascular_congestion", "present"), ("pulmonary_edema", "absent")],
        ),
        (
            "Acute subdural hematoma along the falx. No mid line shift.",
            [("subdural_hematoma", "present"), ("midline_shift", "absent")],
        ),
        ("The ventricles are not enlarged.", [("hydrocephalus", "absent")]),
        # (costophrenic sulci are no brain's)
        (
            "Small amount of subpleural edema in the fissures. Mild blunting of both posterior costophrenic sulci.",
            [("pulmonary_edema", "present"), ("costophrenic_blunting", "present")],
        ),
    ],
)
def test_a_head_studys_words_rv30(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.code, f.assertion.value) for f in structure(text).findings] == expected
