"""Readings that a stress test of 391 made-up CT, MR, ultrasound, MSK and breast sentences found wrong (the
structuring engine had been tuned mostly on chest radiographs); each row is the reading a radiologist gives."""

from __future__ import annotations

import pytest

from radpilot import structure


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # a denial does not run through a comma into the reading of what was (not) seen
        ("The right ovary is enlarged with no detectable internal flow, concerning for ovarian torsion.",
         "ovarian_torsion", "uncertain"),
        ("The left ovary is enlarged without internal flow, suspicious for ovarian torsion.", "ovarian_torsion",
         "uncertain"),
        # a hedge before words of its own after "with" is theirs, even when they name no finding
        ("Moderate glenohumeral joint effusion with a possible tear of the superior labrum.", "joint_effusion",
         "present"),
        ("Small hiatal hernia with a possible small gastric polyp.", "hiatal_hernia", "present"),
        ("Cardiomegaly with possible mild interstitial edema.", "cardiomegaly", "present"),
        # a mammographic finding that spreads out on spot compression was not there; one likely a summation of
        # tissue may not be
        ("The previously seen focal asymmetry resolves on spot compression views, consistent with overlapping "
         "tissue.", "breast_asymmetry", "absent"),
        ("Focal asymmetry in the right breast seen on the CC view only, likely summation artifact.",
         "breast_asymmetry", "uncertain"),
        # ... but a disease superimposed on another is no shadow
        ("Emphysema with increased lung markings, possibly superimposed chronic lung disease.", "emphysema",
         "present"),
        # ... nor is a denied list's adjective a reading
        ("No focal consolidation, suspicious pulmonary opacity, pleural effusion, or pneumothorax.", "lung_opacity",
         "absent"),
    ],
)  # fmt: skip
def test_assertion(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


def test_an_occult_fracture_suggested_is_uncertain() -> None:
    text = "Elevated anterior and posterior fat pads without a visible fracture, suggestive of an occult fracture."
    assert "uncertain" in {f.assertion.value for f in structure(text).findings if f.code == "fracture"}


@pytest.mark.parametrize(
    ("text", "size_mm", "change"),
    [
        # the size said now is the size; the one before is what it is compared with
        ("The 8 mm right lower lobe nodule now measures 11 mm.", 11.0, "worsened"),
        ("The previously described 8 mm left upper lobe nodule now measures 5 mm.", 5.0, "improved"),
        ("Right lower lobe nodule, previously 8 mm, now measures 11 mm.", 11.0, "worsened"),
        ("The right lower lobe nodule measures 11 mm, previously 8 mm.", 11.0, "worsened"),
        ("Right upper lobe nodule measuring 6 mm, previously 6 mm.", 6.0, "stable"),
        # a change word said is kept
        ("Decreased right lower lobe nodule, now 5 mm, previously 8 mm.", 5.0, "improved"),
        # no size before, no change made up
        ("Right upper lobe nodule measuring 6 mm.", 6.0, None),
    ],
)
def test_size_now_and_before(text: str, size_mm: float, change: str | None) -> None:
    f = structure(text).by_code()["nodule"]
    assert (f.size_mm, f.change.value if f.change else None) == (size_mm, change)


@pytest.mark.parametrize(
    ("text", "code", "laterality", "location"),
    [
        # a one-sided study of a limb gives its side to what it finds in the limb's bones and soft tissue
        ("EXAM: XR LEFT WRIST\nFINDINGS: Nondisplaced fracture of the distal radius.", "fracture", "left", "forearm"),
        ("EXAM: XR RIGHT SHOULDER\nFINDINGS: Anterior dislocation of the humeral head.", "dislocation", "right",
         "humerus"),
        ("EXAM: XR RIGHT ANKLE\nFINDINGS: Fracture of the lateral malleolus with soft tissue swelling.",
         "soft_tissue_swelling", "right", "ankle"),
        # ... not to what names its own side or organ
        ("EXAM: XR RIGHT SHOULDER\nFINDINGS: Left clavicle fracture.", "fracture", "left", "clavicle"),
        ("EXAM: XR RIGHT SHOULDER\nFINDINGS: Small left pleural effusion.", "pleural_effusion", "left", None),
        # the knee's three compartments
        ("EXAM: XR BILATERAL KNEES\nFINDINGS: Mild tricompartmental degenerative changes bilaterally.", "arthritis",
         "bilateral", "knee"),
        # a comparison of sides is no change over time
        ("Bilateral pleural effusions, right worse than left.", "pleural_effusion", "bilateral", None),
    ],
)  # fmt: skip
def test_side_and_place(text: str, code: str, laterality: str, location: str | None) -> None:
    f = structure(text).by_code()[code]
    assert (f.laterality.value if f.laterality else None, f.location, f.change) == (
        laterality,
        location,
        None,
    )


@pytest.mark.parametrize(
    "text",
    [
        "EXAM: XR LEFT HIP\nFINDINGS: Status post left total hip arthroplasty without evidence of hardware complication.",
        "Posterior fusion L4-S1 with pedicle screws, without evidence of hardware loosening.",
    ],
)
def test_a_denied_complication_is_not_a_denied_device(text: str) -> None:
    findings = structure(text).findings
    devices = [f for f in findings if f.code != "hardware_complication"]
    assert devices and all(f.assertion.value == "present" for f in devices)
    # the complication is what is denied
    assert [f.assertion.value for f in findings if f.code == "hardware_complication"] == ["absent"]


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # edema said of the brain is the brain's
        ("Enhancing lesion in the left cerebellum with edema and mild mass effect.", "cerebral_edema", "present"),
        # a lesion of the brain is an abnormal area, not a growth, until the report says what it is
        ("1.5 x 1.2 cm enhancing lesion in the left frontal lobe.", "brain_lesion", "present"),
        ("Multiple periventricular and juxtacortical lesions, suggestive of multiple sclerosis.",
         "demyelinating_lesions", "present"),
        # a bare "hernia" after a hernia of another kind is that one
        ("There is a small fat-containing umbilical hernia. No bowel is seen in the hernia.", "abdominal_hernia",
         "present"),
    ],
)  # fmt: skip
def test_what_it_is(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Enhancing lesion in the left cerebellum with edema and mild mass effect.", "pulmonary_edema"),
        ("1.5 x 1.2 cm enhancing lesion in the left frontal lobe.", "brain_mass"),
        (
            "There is a small fat-containing umbilical hernia. No bowel is seen in the hernia.",
            "hiatal_hernia",
        ),
    ],
)
def test_not_read_as(text: str, code: str) -> None:
    assert code not in {f.code for f in structure(text).findings}


def test_a_hiatal_hernia_named_after_another_keeps_its_bare_mentions() -> None:
    codes = [
        f.code for f in structure("Umbilical hernia. Small hiatal hernia. The hernia is unchanged.").findings
    ]
    assert codes == ["abdominal_hernia", "hiatal_hernia", "hiatal_hernia"]


@pytest.mark.parametrize(
    ("text", "code", "location"),
    [
        # beside an organ is not in it
        ("There is free intraperitoneal air anterior to the liver.", "pneumoperitoneum", None),
        ("Hematoma posterior to the right kidney.", "hematoma", None),
        ("Cyst in the posterior right kidney.", "renal_cyst", "kidney"),
        ("Mass in the superior pole of the left kidney.", "renal_mass", "kidney"),
    ],
)
def test_beside_an_organ(text: str, code: str, location: str | None) -> None:
    assert structure(text).by_code()[code].location == location


@pytest.mark.parametrize(
    ("text", "code", "severity", "change"),
    [
        # a degree said of the change is the change's
        ("Left 2.6 cm thyroid nodule, slightly increased from 2.4 cm.", "thyroid_nodule", None, "worsened"),
        ("Severe tricompartmental degenerative changes without fracture.", "arthritis", "severe", None),
        # ... not where the increase or decrease is the finding
        ("Lung volumes are mildly decreased.", "low_lung_volumes", "mild", None),
    ],
)
def test_degree_of_a_change(text: str, code: str, severity: str | None, change: str | None) -> None:
    f = structure(text).by_code()[code]
    assert f.severity == severity
    if change is not None:
        assert f.change is not None and f.change.value == change


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # a bare torsion or clot is the organ's or the vessel's the study or the sentence is of
        ("EXAM: US SCROTUM\nFINDINGS: Absent blood flow to the right testis, concerning for torsion.",
         "testicular_torsion", "uncertain"),
        ("EXAM: US PELVIS\nFINDINGS: The right ovary is enlarged without internal flow, concerning for torsion.",
         "ovarian_torsion", "uncertain"),
        ("EXAM: US VENOUS DUPLEX LEFT LOWER EXTREMITY\nFINDINGS: Thrombus in the left popliteal vein.",
         "deep_vein_thrombosis", "present"),
        ("The previously seen thrombus in the left femoral vein has resolved.", "deep_vein_thrombosis", "absent"),
        ("EXAM: CT PULMONARY ANGIOGRAM\nFINDINGS: Filling defect in the right interlobar artery.",
         "pulmonary_embolism", "present"),
        ("Possible small filling defect in a left lower lobe subsegmental artery versus mixing artifact.",
         "pulmonary_embolism", "uncertain"),
    ],
)  # fmt: skip
def test_a_bare_emergency_is_its_organs(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # words of the chest film said of other things
        ("Subchondral fracture of the femoral head, compatible with avascular necrosis with early collapse.",
         "atelectasis"),
        ("Pulmonary arteries are well opacified without filling defect.", "lung_opacity"),
        ("2.8 cm complex cyst in the left ovary with internal reticular echoes, likely a hemorrhagic cyst.",
         "lung_opacity"),
        ("Calcified atherosclerotic plaque in the cavernous internal carotid arteries.", "aortic_atherosclerosis"),
        ("Dilated loops of small bowel with a transition point in the right lower quadrant, compatible with small "
         "bowel obstruction.", "ileus"),
        ("Mildly dilated common bile duct measuring 9 mm without an obstructing stone.", "ureterolithiasis"),
        ("Filling defect in the left renal pelvis.", "pulmonary_embolism"),
        ("Filling defect in the left renal pelvis.", "thrombus"),
    ],
)  # fmt: skip
def test_not_read_outside_its_organ(text: str, code: str) -> None:
    assert code not in {f.code for f in structure(text).findings}


def test_the_aorta_keeps_its_plaque_beside_the_coronaries() -> None:
    codes = {
        f.code
        for f in structure("Atherosclerotic calcifications of the aorta and coronary arteries.").findings
    }
    assert "aortic_atherosclerosis" in codes


@pytest.mark.parametrize(
    ("text", "code", "assertion", "laterality"),
    [
        # the spine MRI's own findings (a helper's lexicon file, msk_spine_more.yaml)
        ("L4-L5 disc herniation with moderate left neural foraminal stenosis.", "foraminal_stenosis", "present",
         "left"),
        ("Left paracentral disc extrusion at L4-L5 compressing the left L5 nerve root.", "disc_herniation",
         "present", "left"),
        ("Herniation at L3-L4 contacts the left L4 nerve root.", "disc_herniation", "present", "left"),
        ("Broad-based disc bulge at L5-S1 without central canal stenosis.", "spinal_stenosis", "absent", None),
        ("Severe spinal canal stenosis at L3-4.", "spinal_stenosis", "present", None),
        ("Tear of the posterior superior labrum.", "ligament_tear", "present", None),
        ("Torn ACL.", "ligament_tear", "present", None),
        ("Medial meniscus tear.", "meniscal_tear", "present", None),
        ("70% stenosis of the right internal carotid artery.", "carotid_stenosis", "present", "right"),
        ("Small left hydrocele.", "hydrocele", "present", "left"),
        ("Mosaic attenuation with air trapping on expiratory images.", "air_trapping", "present", None),
    ],
)  # fmt: skip
def test_spine_msk_and_other_gaps(text: str, code: str, assertion: str, laterality: str | None) -> None:
    f = structure(text).by_code()[code]
    assert (f.assertion.value, f.laterality.value if f.laterality else None) == (assertion, laterality)


@pytest.mark.parametrize(
    "text", ["No disc herniation at L5-S1.", "Herniation at L3-L4 contacts the L4 nerve root."]
)
def test_a_disc_is_no_brain(text: str) -> None:
    assert "brain_herniation" not in {f.code for f in structure(text).findings}


@pytest.mark.parametrize(
    ("text", "code", "location"),
    [
        # an organ named by its part: a liver segment, a vertebra by its level
        ("1.4 cm hypodense lesion in hepatic segment 7, too small to characterize.", "liver_lesion", "liver"),
        ("Enhancing lesion in the T7 vertebral body.", "bone_lesion", "thoracic spine"),
        ("Sclerotic lesion in the L2 vertebra.", "sclerotic_bone_lesion", "lumbar spine"),
    ],
)
def test_an_organ_named_by_its_part(text: str, code: str, location: str) -> None:
    assert structure(text).by_code()[code].location == location


@pytest.mark.parametrize(
    ("text", "code", "laterality"),
    [
        # a one-sided limb study's side for what it finds in the limb without naming a place
        ("EXAM: XR LEFT TIBIA AND FIBULA\nFINDINGS: Avulsion fracture of the distal fibula.", "fracture", "left"),
        ("EXAM: XR RIGHT FEMUR\nFINDINGS: Intramedullary rod transfixing a healed midshaft femoral fracture.",
         "orthopedic_hardware", "right"),
        ("EXAM: XR RIGHT HAND\nFINDINGS: Periarticular osteopenia and marginal erosions.", "osteopenia", "right"),
        # ... never a pleural effusion on a shoulder film
        ("EXAM: XR RIGHT SHOULDER\nFINDINGS: Small pleural effusion.", "pleural_effusion", None),
    ],
)  # fmt: skip
def test_a_limb_studys_side(text: str, code: str, laterality: str | None) -> None:
    f = structure(text).by_code()[code]
    assert (f.laterality.value if f.laterality else None) == laterality


def test_seen_over_the_spine_is_not_in_it() -> None:
    f = structure("There is a round bullet overlying the T10 vertebral body.").by_code()["foreign_body"]
    assert f.location is None
    f = structure("Mild dextrocurvature near the thoracolumbar junction.").by_code()["scoliosis"]
    assert f.location == "thoracolumbar spine"


def test_a_differentials_size_is_the_lesions() -> None:
    sr = structure("Hepatic lesion in segment 6, hemangioma versus metastasis, measuring 1.6 cm.")
    assert sr.by_code()["liver_lesion"].size_mm == 16.0
    assert all(f.size_mm is None for f in sr.findings if f.code != "liver_lesion")
    f = structure("Right upper lobe nodule, granuloma or scar, measuring 4 mm.").by_code()["nodule"]
    assert (f.assertion.value, f.size_mm) == ("present", 4.0)


def test_what_another_study_would_show_is_no_finding() -> None:
    sr = structure(
        "No definite acute intracranial abnormality; however, MRI is more sensitive for acute ischemia."
    )
    assert "acute_infarct" not in {f.code for f in sr.findings}


def test_a_numbered_label_is_not_a_second_finding() -> None:
    sr = structure("Nodule 1: Right lower pole solid hypoechoic thyroid nodule measuring 1.6 x 1.2 x 1.1 cm.")
    [f] = sr.findings
    assert (f.code, f.laterality.value if f.laterality else None, f.size_mm) == (
        "thyroid_nodule",
        "right",
        16.0,
    )


@pytest.mark.parametrize(
    "text", ["Mildly displaced distal fibular fracture.", "Moderate displacement of the fracture fragments."]
)
def test_a_displacements_degree_is_not_the_fractures(text: str) -> None:
    assert structure(text).by_code()["fracture"].severity is None


def test_an_acute_territorial_infarct_is_acute_with_its_side() -> None:
    f = structure("Acute left MCA territory infarct.").by_code()["acute_infarct"]
    assert f.laterality is not None and f.laterality.value == "left"


def test_what_a_hernia_holds_is_not_where_it_is() -> None:
    f = structure("Left inguinal hernia containing a loop of small bowel without obstruction.").by_code()[
        "abdominal_hernia"
    ]
    assert (f.laterality.value if f.laterality else None, f.location) == ("left", None)


def test_a_likely_meningioma_is_told_as_one() -> None:
    f = structure("2.1 cm right frontal convexity extra-axial mass, most likely a meningioma.").by_code()[
        "meningioma"
    ]
    assert f.assertion.value == "uncertain"


@pytest.mark.parametrize(
    ("text", "code", "laterality"),
    [
        # a side said before a pair is the pair's; "adjacent" atelectasis is beside the sided effusion
        ("Small bilateral pleural effusions with adjacent atelectasis.", "atelectasis", "bilateral"),
        ("Bilateral apical pleural thickening and scarring.", "scarring", "bilateral"),
        # ... not a lobe's finding's, a device's, or a side said after the first
        ("Right lower lobe consolidation and pneumothorax.", "pneumothorax", None),
        ("Left PICC line and NG tube remain in place.", "enteric_tube", None),
        ("Pleural effusion on the right and atelectasis.", "atelectasis", None),
        # a blocked brain artery with its side and segment between the words
        ("Occlusion of the proximal right M1 segment.", "large_vessel_occlusion", "right"),
        ("Hyperdense left MCA sign.", "large_vessel_occlusion", "left"),
    ],
)
def test_shared_sides(text: str, code: str, laterality: str | None) -> None:
    f = structure(text).by_code()[code]
    assert (f.laterality.value if f.laterality else None) == laterality


def test_the_ascending_thoracic_aorta_dilated() -> None:
    f = structure("The ascending thoracic aorta is dilated to 4.6 cm.").by_code()["aortic_dilatation"]
    assert f.size_mm == 46.0


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # cancer spread said of an organ is that organ's metastases
        ("Multiple metastases in the liver.", "liver_metastasis"),
        ("Enhancing lesions in the brain, consistent with metastases to the brain.", "brain_metastases"),
        ("Metastasis in the T7 vertebral body.", "osseous_metastasis"),
    ],
)
def test_metastases_of_an_organ(text: str, code: str) -> None:
    assert code in {f.code for f in structure(text).findings}


@pytest.mark.parametrize(
    ("text", "code", "size_mm"),
    [
        # an organ's own measurement is not a lesion's in it, nor a finding's after it
        ("The spleen measures 14 cm with a 1 cm cyst.", "splenic_lesion", 10.0),  # (a cyst of the spleen)
        (
            "The uterus is enlarged, measuring 12.4 x 7.8 x 7.0 cm, with multiple fibroids.",
            "uterine_fibroid",
            None,
        ),
        # ... but the organ's own enlargement takes it
        ("The spleen measures 14 cm and is enlarged.", "splenomegaly", 140.0),
    ],
)
def test_an_organs_own_size(text: str, code: str, size_mm: float | None) -> None:
    assert structure(text).by_code()[code].size_mm == size_mm


@pytest.mark.parametrize(
    ("text", "code", "laterality"),
    [
        # a paired organ's finding with no side of its own takes the one side its sentence names
        ("Striated nephrogram of the left kidney with perinephric stranding, compatible with pyelonephritis.",
         "pyelonephritis", "left"),
        ("5 mm right ureteral calculus at the level of L4 with mild upstream hydroureter.", "hydronephrosis",
         "right"),
        # ... not a thyroid nodule's calcifications
        ("EXAMINATION: US THYROID\nFINDINGS: 1.1 cm nodule in the left lobe with punctate microcalcifications.",
         "calcification", None),
    ],
)  # fmt: skip
def test_the_side_of_a_paired_organ(text: str, code: str, laterality: str | None) -> None:
    f = structure(text).by_code()[code]
    assert (f.laterality.value if f.laterality else None) == laterality


@pytest.mark.parametrize(
    ("text", "code", "severity", "change"),
    [
        # a degree after a comma said of a change is the change's
        ("The largest fibroid measures 4.5 cm, mildly increased.", "uterine_fibroid", None, "worsened"),
        # ... not one said of a finding ("moderately enlarged and tortuous aorta")
        (
            "Stable heart size, moderately enlarged and tortuous calcified aorta.",
            "tortuous_aorta",
            "moderate",
            None,
        ),
    ],
)
def test_a_degree_of_a_change_after_a_comma(
    text: str, code: str, severity: str | None, change: str | None
) -> None:
    f = structure(text).by_code()[code]
    assert (f.severity, f.change.value if f.change else None) == (severity, change)


@pytest.mark.parametrize(
    "text",
    [
        "There is callus formation at the distal radius.",
        "Callus formation about the left clavicle.",
        "Focal opacity overlying the 9th posterior rib represents healing rib callus.",
    ],
)
def test_callus_is_a_healing_fracture_not_a_deformity(text: str) -> None:
    codes = {f.code for f in structure(text).findings}
    assert "fracture" in codes and "bone_deformity" not in codes


def test_callus_is_not_an_acute_fracture() -> None:
    from radpilot.guidelines import assess

    assert assess("FINDINGS: Callus formation about a left rib fracture.").critical == []


@pytest.mark.parametrize(
    ("text", "code", "size_mm"),
    [
        # the sentence after a finding that only measures it gives it its size
        ("Multiple enhancing brain lesions. The largest is in the right frontal lobe measuring 1.4 cm with "
         "surrounding edema.", "brain_lesion", 14.0),
        ("Several hypodense liver lesions are present. The largest measures 2.1 x 1.8 cm in segment 7.",
         "liver_lesion", 21.0),
        ("Another nodule is present near the right hilum. It is approximately 2 cm in diameter.", "nodule", 20.0),
        ("There has been development of a small lung nodule. This measures approximately 8 mm in diameter.",
         "nodule", 8.0),
        ("Gallstones are present. The largest measures 1.2 cm.", "gallstones", 12.0),
        # ... not to a finding that is not measured so, nor across a finding of the other number
        ("Left lower lobe nodule and small right effusion. It measures 6 mm.", "nodule", None),
        ("Multiple pulmonary nodules. It measures 6 mm.", "nodule", None),
        ("Right upper lobe nodule. It is unchanged.", "nodule", None),
        ("Right pleural effusion. It is 2 cm from the chest wall.", "pleural_effusion", None),
    ],
)  # fmt: skip
def test_a_size_said_in_the_next_sentence(text: str, code: str, size_mm: float | None) -> None:
    assert structure(text).by_code()[code].size_mm == size_mm
