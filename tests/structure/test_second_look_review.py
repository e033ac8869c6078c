"""Readings a second look at the neuro, vascular and pediatric review's open rows found wrong; each row is the
reading a radiologist gives."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import assess


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # "not definitely seen" only says it was not seen for certain: a hedge on the same mention wins
        ("Possible tiny dissection flap in the proximal descending aorta, not definitely seen on delayed images.",
         "aortic_dissection", "uncertain"),
        ("Possible small nodule in the right upper lobe, not well seen on the lateral view.", "nodule", "uncertain"),
        ("Questionable left apical pneumothorax, not clearly visualized on the lateral view.", "pneumothorax",
         "uncertain"),
        # ... and without one it is still a denial
        ("Pneumothorax is not definitely seen.", "pneumothorax", "absent"),
        ("No pneumothorax, not definitely seen on this view.", "pneumothorax", "absent"),
        ("The previously described nodule is not well seen.", "nodule", "absent"),
    ],
)  # fmt: skip
def test_assertion(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


@pytest.mark.parametrize(
    "text",
    [
        "No hemorrhage along the catheter tract.",
        "No hematoma along the chest tube tract.",
        "Small hematoma along the drain tract.",
    ],
)
def test_a_catheter_tract_is_a_place_not_a_device(text: str) -> None:
    devices = {f.code for f in structure(text).findings} & {"support_device", "chest_tube", "drain"}
    assert devices == set()


@pytest.mark.parametrize(
    ("text", "code", "change"),
    [
        # a direction said of the finding beats "persistent"/"unchanged"
        ("Persistent right lower lobe consolidation, slightly improved.", "consolidation", "improved"),
        ("Right pleural effusion, persistent but slightly improved.", "pleural_effusion", "improved"),
        ("Persistent but decreasing basilar infiltrates.", "infiltrate", "improved"),
        ("Persistent left pleural effusion, increased in size.", "pleural_effusion", "worsened"),
        ("Stable postsurgical changes with improved bibasilar airspace opacities.", "airspace_disease", "improved"),
        # ... not a word of the finding's own name, another thing's change or a change denied
        ("Stable increased lung volumes consistent with chronic lung disease.", "hyperinflation", "stable"),
        ("Stable blunting of the left costophrenic angle with improved aeration of the left base.",
         "costophrenic_blunting", "stable"),
        ("The nodule is unchanged, suggesting no progression of the nodule.", "nodule", "stable"),
    ],
)  # fmt: skip
def test_change(text: str, code: str, change: str) -> None:
    assert structure(text).by_code()[code].change == change


@pytest.mark.parametrize(
    ("text", "code", "size_mm"),
    [
        # a bound of what was looked for is no size of what is not there
        ("No aneurysm greater than 2 mm.", "aneurysm", None),
        ("No pulmonary nodule > 4 mm.", "nodule", None),
        ("No nodule larger than 6 mm.", "nodule", None),
        # ... and a finding that is there keeps its bound as its size
        ("Aneurysm greater than 5 cm.", "aneurysm", 50.0),
        ("No pneumothorax. Nodule measuring 6 mm.", "nodule", 6.0),
    ],
)
def test_size(text: str, code: str, size_mm: float | None) -> None:
    assert structure(text).by_code()[code].size_mm == size_mm


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # an enema that reduced an intussusception leaves none; one not reduced is still there
        ("Ileocolic intussusception was successfully reduced with air enema.", "intussusception", "absent"),
        ("Successful reduction of ileocolic intussusception.", "intussusception", "absent"),
        ("Ileocolic intussusception was not successfully reduced.", "intussusception", "present"),
        ("Attempted reduction of the intussusception was unsuccessful.", "intussusception", "present"),
        ("Ileocolic intussusception, not reduced after three attempts.", "intussusception", "present"),
        # a statement of normal size that is denied is no normal size
        ("The heart is not enlarged.", "cardiomegaly", "absent"),
        ("Heart size is not within normal limits.", "cardiomegaly", "present"),
        # findings the lexicon did not have
        ("Type II endoleak from a lumbar artery.", "endoleak", "present"),
        ("No endoleak.", "endoleak", "absent"),
        ("Chiari I malformation with cerebellar tonsils 8 mm below the foramen magnum.", "chiari_malformation",
         "present"),
        ("Cerebellar tonsillar ectopia of 4 mm.", "chiari_malformation", "present"),
        ("Findings consistent with herpes encephalitis.", "encephalitis", "present"),
        ("Abnormal position of the duodenojejunal junction consistent with malrotation.", "malrotation", "present"),
        ("Intestinal malrotation without volvulus.", "volvulus", "absent"),
    ],
)  # fmt: skip
def test_reduction_and_new_findings(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


def test_a_chiari_malformation_is_no_brain_herniation() -> None:
    text = "Chiari I malformation with cerebellar tonsillar herniation 8 mm below the foramen magnum."
    assert "brain_herniation" not in structure(text).by_code()
    assert assess("FINDINGS: " + text).critical == []
    # a herniation pushed by a mass is still one
    assert structure("Tonsillar herniation due to the large mass.").by_code()[
        "brain_herniation"
    ].assertion.value == ("present")


@pytest.mark.parametrize(
    ("finding", "critical"),
    [
        ("Type Ia endoleak at the proximal landing zone.", [("endoleak", "orange")]),
        ("Type II endoleak from a lumbar artery.", []),
        ("Intestinal malrotation without volvulus.", [("malrotation", "orange")]),
        ("Malrotation with midgut volvulus.", [("volvulus", "red"), ("malrotation", "orange")]),
        ("Findings consistent with herpes encephalitis.", [("encephalitis", "orange")]),
    ],
)
def test_critical_results(finding: str, critical: list[tuple[str, str]]) -> None:
    assert [(c.code, c.tier) for c in assess("FINDINGS: " + finding).critical] == critical


@pytest.mark.parametrize(
    ("text", "code", "assertion", "size_mm"),
    [
        # stranding around an organ is a sign; the diagnosis it suggests keeps its hedge
        ("Peripancreatic fat stranding is suggestive of mild acute pancreatitis.", "fat_stranding", "present", None),
        ("Peripancreatic fat stranding is suggestive of mild acute pancreatitis.", "pancreatitis", "uncertain", None),
        ("Pancolitis with diffuse bowel wall thickening and pericolonic stranding.", "fat_stranding", "present", None),
        ("Mild left perinephric stranding.", "fat_stranding", "present", None),
        # a lytic lesion is the bone's
        ("Lytic lesion in the proximal right femur measuring 3.4 cm with endosteal scalloping.", "lytic_bone_lesion",
         "present", 34.0),
        # a vertebra's compression deformity is its compression fracture; a burst or Chance fracture is a fracture
        ("Chronic mild compression deformity of T12, unchanged.", "compression_fracture", "present", None),
        ("Acute burst fracture of L2 with 6 mm of retropulsion narrowing the canal.", "fracture", "present", None),
        ("Chance fracture of L1 with distraction of the posterior elements.", "fracture", "present", None),
        # how far a part moved is no size
        ("Acute compression fracture of the L1 vertebral body with 40% height loss and 4 mm of retropulsion.",
         "compression_fracture", "present", None),
        ("Full-thickness tear of the supraspinatus tendon with 1.5 cm of retraction.", "ligament_tear", "present",
         None),
        # pancreatitis' collections
        ("Acute necrotic collection in the lesser sac measuring 8.2 x 5.1 cm.", "fluid_collection", "present", 82.0),
        ("Walled-off necrosis in the pancreatic bed.", "fluid_collection", "present", None),
        # a disc's height loss is wear of the spine
        ("Moderate disc height loss at L5-S1.", "degenerative_spine", "present", None),
    ],
)  # fmt: skip
def test_abdomen_and_spine_readings(text: str, code: str, assertion: str, size_mm: float | None) -> None:
    f = structure(text).by_code()[code]
    assert (f.assertion.value, f.size_mm) == (assertion, size_mm)


@pytest.mark.parametrize(
    ("text", "not_code"),
    [
        ("Acute burst fracture of L2 with 6 mm of retropulsion narrowing the canal.", "compression_fracture"),
        ("Acute compression fracture of the L1 vertebral body with 40% height loss.", "bone_deformity"),
        ("Lytic lesion in the proximal right femur.", "lucency"),
        ("Moderate disc height loss at L5-S1.", "bone_deformity"),
    ],
)
def test_not_read_as(text: str, not_code: str) -> None:
    assert not_code not in {f.code for f in structure(text).findings}


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # broken or loose hardware is a finding of its own; the hardware is still there
        ("Fracture of the right L4 pedicle screw.", "hardware_complication", "present"),
        ("Fracture of the right L4 pedicle screw.", "spinal_fusion_hardware", "present"),
        ("The lateral fixation screw is fractured.", "hardware_complication", "present"),
        ("Screws have backed out.", "hardware_complication", "present"),
        ("Intact hardware without loosening.", "hardware_complication", "absent"),
        ("Fracture of the left humerus with screw fixation.", "fracture", "present"),
        ("No growth plate fracture of the distal radius.", "fracture", "absent"),
        # emergencies and obstructions the lexicon did not have
        ("Soft tissue gas tracking along the fascial planes of the right thigh, concerning for necrotizing "
         "fasciitis.", "necrotizing_fasciitis", "uncertain"),
        ("Soft tissue gas tracking along the fascial planes of the right thigh, concerning for necrotizing "
         "fasciitis.", "subcutaneous_emphysema", "present"),
        ("Marked distention of the stomach and proximal duodenum, suggestive of gastric outlet obstruction.",
         "gastric_outlet_obstruction", "uncertain"),
    ],
)  # fmt: skip
def test_hardware_and_new_findings(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


def test_a_fractured_screw_is_no_broken_bone() -> None:
    assert "fracture" not in structure("Fracture of the right L4 pedicle screw.").by_code()


@pytest.mark.parametrize(
    ("finding", "critical"),
    [
        ("Anastomotic leak at the colorectal anastomosis.", [("anastomotic_leak", "orange")]),
        ("No evidence of anastomotic leak.", []),
    ],
)
def test_an_anastomotic_leak_is_orange(finding: str, critical: list[tuple[str, str]]) -> None:
    assert [(c.code, c.tier) for c in assess("FINDINGS: " + finding).critical] == critical


def test_necrotizing_fasciitis_is_red() -> None:
    text = "FINDINGS: Gas along the fascial planes of the right thigh, concerning for necrotizing fasciitis."
    assert ("necrotizing_fasciitis", "red") in [(c.code, c.tier) for c in assess(text).critical]


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # ", favored to represent" opens a reading of its own that no denial before it reaches
        ("Mildly dilated small bowel loops without a discrete transition point, favored to represent ileus.", "ileus",
         "uncertain"),
        ("No pneumothorax, favored to be skin fold.", "pneumothorax", "absent"),
        # "X is likely Y": the hedge is the reading's, X is there
        ("The opacity is likely atelectasis.", "lung_opacity", "present"),
        ("The opacity is likely atelectasis.", "atelectasis", "uncertain"),
        ("The nodule is likely a granuloma.", "nodule", "present"),
        ("Fluid collection in the gallbladder fossa is likely a postoperative seroma, without evidence of abscess.",
         "fluid_collection", "present"),
        ("Gallbladder wall thickening is likely related to third-spacing from ascites rather than cholecystitis.",
         "gallbladder_wall_thickening", "present"),
        ("Gallbladder wall thickening is likely related to third-spacing from ascites rather than cholecystitis.",
         "cholecystitis", "absent"),
        ("Pleural thickening is likely related to prior surgery.", "pleural_thickening", "present"),
        # ... and with nothing read after it, the finding itself is hedged
        ("Pneumothorax is likely.", "pneumothorax", "uncertain"),
        ("The heart is likely enlarged.", "cardiomegaly", "uncertain"),
        ("Effusion is probably present.", "pleural_effusion", "uncertain"),
    ],
)  # fmt: skip
def test_readings_and_their_hedges(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


@pytest.mark.parametrize(
    ("text", "code", "laterality", "size_mm", "change"),
    [
        # the wall's thickness is not the stones' size
        ("Distended gallbladder with gallstones, wall thickening to 5 mm, pericholecystic fluid, consistent with "
         "acute cholecystitis.", "gallstones", None, None, None),
        ("Gallbladder wall thickening to 5 mm.", "gallbladder_wall_thickening", None, 5.0, None),
        ("Gallstones measuring up to 8 mm.", "gallstones", None, 8.0, None),
        # a paired organ's side, however far
        ("Enlarged right ovary with absent internal arterial flow, concerning for ovarian torsion.",
         "ovarian_torsion", "right", None, None),
        ("Left testicle is enlarged and heterogeneous with absent flow, consistent with torsion.",
         "testicular_torsion", "left", None, None),
        ("The right ovary contains a 3 cm simple cyst.", "ovarian_cyst", "right", 30.0, None),
        # the degree before says how it changed
        ("Mild left hydronephrosis, previously moderate.", "hydronephrosis", "left", None, "improved"),
        ("Moderate right pleural effusion, previously small.", "pleural_effusion", "right", None, "worsened"),
        ("Large right pneumothorax, now small.", "pneumothorax", "right", None, "improved"),
        ("Small left effusion, previously small.", "pleural_effusion", "left", None, None),
    ],
)  # fmt: skip
def test_sides_sizes_and_changes(
    text: str, code: str, laterality: str | None, size_mm: float | None, change: str | None
) -> None:
    f = structure(text).by_code()[code]
    assert (f.laterality.value if f.laterality else None, f.size_mm, f.change) == (
        laterality,
        size_mm,
        change,
    )


def test_the_degree_before_is_not_the_degree_now() -> None:
    assert (
        structure("Mild left hydronephrosis, previously moderate.").by_code()["hydronephrosis"].severity
        == "mild"
    )


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        ("Mural thickening of the terminal ileum with mucosal hyperenhancement, compatible with active Crohn disease.",
         "bowel_wall_thickening", "present"),
        ("Mural thickening of the terminal ileum with mucosal hyperenhancement, compatible with active Crohn disease.",
         "enteritis", "present"),
        ("Enterocolitis.", "colitis", "present"),
        # vessels the lexicon lacked
        ("Celiac artery stenosis of 50-70%.", "arterial_stenosis", "present"),
        ("High-grade stenosis of the left renal artery origin.", "arterial_stenosis", "present"),
        ("Moderate right renal artery stenosis versus artifact.", "arterial_stenosis", "uncertain"),
        ("Active extravasation of contrast in the pelvis arising from the left internal iliac artery branch.",
         "active_extravasation", "present"),
        ("Left subclavian artery occlusion with retrograde flow in the left vertebral artery consistent with "
         "subclavian steal.", "subclavian_steal", "present"),
        ("Bone contusion of the lateral femoral condyle.", "bone_contusion", "present"),
        ("Epiploic appendagitis adjacent to the descending colon.", "epiploic_appendagitis", "present"),
        ("Phlegmon in the right lower quadrant without drainable abscess.", "phlegmon", "present"),
        ("Phlegmon in the right lower quadrant without drainable abscess.", "abscess", "absent"),
        ("Anastomotic leak at the colorectal anastomosis.", "anastomotic_leak", "present"),
        ("No evidence of anastomotic leak.", "anastomotic_leak", "absent"),
    ],
)  # fmt: skip
def test_abdomen_and_bone_findings_the_lexicon_lacked(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


@pytest.mark.parametrize(
    ("text", "not_code"),
    [
        # a fat tag's inflammation is not the appendix's
        ("Epiploic appendagitis adjacent to the descending colon.", "appendicitis"),
        # a fracture's own marrow edema is the fracture's, not a second bruise
        ("Acute on chronic compression fracture of L2 with new marrow edema.", "bone_contusion"),
        ("Bone marrow edema in the medial femoral condyle.", "pulmonary_edema"),
    ],
)
def test_not_read_as_its_neighbour(text: str, not_code: str) -> None:
    assert not_code not in {f.code for f in structure(text).findings}


@pytest.mark.parametrize(
    ("text", "code", "assertion", "laterality"),
    [
        # a bare ischemia said of the bowel is the bowel's
        ("Closed loop small bowel obstruction with bowel wall hypoenhancement, concerning for ischemia.",
         "mesenteric_ischemia", "uncertain", None),
        ("Closed loop small bowel obstruction with bowel wall hypoenhancement, concerning for ischemia.",
         "bowel_obstruction", "present", None),
        ("Small bowel obstruction without evidence of ischemia.", "bowel_obstruction", "present", None),
        # the isthmus is the thyroid's, and midline
        ("Isthmus nodule measuring 9 mm.", "thyroid_nodule", "present", None),
        ("EXAMINATION: US THYROID\nFINDINGS: 1.2 cm isthmus nodule with a right level 3 lymph node.",
         "thyroid_nodule", "present", None),
    ],
)  # fmt: skip
def test_bowel_ischemia_and_the_isthmus(text: str, code: str, assertion: str, laterality: str | None) -> None:
    f = structure(text).by_code()[code]
    assert (f.assertion.value, f.laterality.value if f.laterality else None) == (assertion, laterality)


def test_chronic_small_vessel_ischemia_is_no_bowel_ischemia() -> None:
    assert "mesenteric_ischemia" not in structure("Chronic small vessel ischemia.").by_code()


@pytest.mark.parametrize(
    ("text", "code", "laterality", "change"),
    [
        # a feature said "increased"/"decreased" is no change of the finding
        (
            "Small bowel obstruction with decreased enhancement of the bowel wall.",
            "bowel_obstruction",
            None,
            None,
        ),
        ("Thyroid nodule with increased vascularity.", "thyroid_nodule", None, None),
        # ... a few words on, within its phrase ("decreased bowel wall enhancement")
        (
            "Small bowel obstruction with possible decreased bowel wall enhancement.",
            "bowel_obstruction",
            None,
            None,
        ),
        ("Thyroid nodule with increased internal vascularity.", "thyroid_nodule", None, None),
        (
            "Decreased biapical vascular markings with moderate hyperexpansion of the lungs.",
            "hyperinflation",
            "bilateral",
            None,
        ),
        # ... but the finding's own words are no feature ("vascular congestion"), nor is one past a comma
        ("Worsening central vascular congestion.", "vascular_congestion", None, "worsened"),
        (
            "The right lower lobe nodule has increased in size, with enhancement.",
            "nodule",
            "right",
            "worsened",
        ),
        ("Increased density in the left base.", "density", "left", None),  # (what is seen, no change)
        ("There is stable lucency in the right mid clavicle.", "lucency", "right", "stable"),
        # one injury, one side
        ("Fracture-dislocation of the left shoulder.", "fracture", "left", None),
        ("Right hip fracture dislocation.", "dislocation", "right", None),
        # ... not a device's tip in a sided artery
        (
            "Pulmonary artery catheter tip in the left interlobar pulmonary artery.",
            "swan_ganz_catheter",
            None,
            None,
        ),
    ],
)
def test_features_and_shared_sides(text: str, code: str, laterality: str | None, change: str | None) -> None:
    f = structure(text).by_code()[code]
    assert (f.laterality.value if f.laterality else None, f.change) == (laterality, change)


# rows a regression review of this change found wrong, now right
@pytest.mark.parametrize(
    ("text", "code", "assertion", "laterality", "size_mm"),
    [
        # a thickness that is the finding's own measurement stays its size
        ("Pyloric muscle thickness measures 4.5 mm and channel length measures 18 mm, consistent with hypertrophic "
         "pyloric stenosis.", "pyloric_stenosis", "present", None, 4.5),
        ("Pyloric muscle thickness of 5 mm, consistent with pyloric stenosis.", "pyloric_stenosis", "present", None,
         5.0),
        # marrow edema alone is no bruise
        ("Marrow edema in the calcaneus without definite cortical destruction; early osteomyelitis cannot be "
         "excluded.", "osteomyelitis", "uncertain", None, None),
        # a possibly loose screw is still a screw, on its side
        ("Lucency surrounding the left S1 pedicle screw, concerning for loosening.", "spinal_fusion_hardware",
         "present", "left", None),
        ("Lucency surrounding the left S1 pedicle screw, concerning for loosening.", "hardware_complication",
         "uncertain", "left", None),
    ],
)  # fmt: skip
def test_regression_review_rows(
    text: str, code: str, assertion: str, laterality: str | None, size_mm: float | None
) -> None:
    f = structure(text).by_code()[code]
    assert (f.assertion.value, f.laterality.value if f.laterality else None, f.size_mm) == (
        assertion,
        laterality,
        size_mm,
    )


def test_marrow_edema_alone_is_no_bone_contusion() -> None:
    text = "Marrow edema in the calcaneus without definite cortical destruction; early osteomyelitis cannot be excluded."
    assert "bone_contusion" not in structure(text).by_code()


@pytest.mark.parametrize(
    ("text", "code", "assertion", "laterality"),
    [
        # chest CTA review: emboli named by their arteries, a neck artery's flap, an aneurysm "of the aorta"
        ("Emboli in the right and left lower lobe segmental arteries.", "pulmonary_embolism", "present",
         "bilateral"),
        ("Filling defects in the right and left lower lobe segmental arteries.", "pulmonary_embolism", "present",
         "bilateral"),
        ("Dissection flap in the right common carotid artery.", "cervical_artery_dissection", "present", "right"),
        ("No dissection of the carotid arteries.", "cervical_artery_dissection", "absent", None),
        ("Fusiform aneurysm of the descending thoracic aorta measuring 5.8 cm, previously 5.2 cm.",
         "aortic_aneurysm", "present", None),
        # the other acute aortic syndromes are no dissection by name
        ("Penetrating atherosclerotic ulcer of the descending aorta without intramural hematoma.",
         "penetrating_aortic_ulcer", "present", None),
        ("Penetrating atherosclerotic ulcer of the descending aorta without intramural hematoma.",
         "intramural_hematoma", "absent", None),
        ("Type B dissection with intramural hematoma.", "intramural_hematoma", "present", None),
        ("No acute aortic syndrome.", "aortic_dissection", "absent", None),
    ],
)  # fmt: skip
def test_chest_cta_readings(text: str, code: str, assertion: str, laterality: str | None) -> None:
    f = structure(text).by_code()[code]
    assert f.assertion.value == assertion
    if laterality is not None:
        assert f.laterality is not None and f.laterality.value == laterality


def test_a_penetrating_ulcer_is_no_dissection() -> None:
    text = "Penetrating atherosclerotic ulcer of the descending aorta without intramural hematoma."
    assert "aortic_dissection" not in structure(text).by_code()


@pytest.mark.parametrize(
    ("finding", "critical"),
    [
        ("Moderate pericardial effusion with flattening of the right atrium, suggestive of early tamponade.",
         [("cardiac_tamponade", "red")]),
        ("Penetrating atherosclerotic ulcer of the descending aorta without intramural hematoma.",
         [("penetrating_aortic_ulcer", "orange")]),
        ("Stable small penetrating atherosclerotic ulcer of the descending aorta.", []),
        ("Fusiform aneurysm of the descending thoracic aorta measuring 5.8 cm, previously 5.2 cm.",
         [("aortic_aneurysm", "yellow")]),
        ("Dissection flap in the right common carotid artery.", [("cervical_artery_dissection", "red")]),
        # chronic emboli are no new emergency, unless an acute one is said
        ("Web-like filling defects in the right lower lobe pulmonary arteries, consistent with chronic pulmonary "
         "embolism.", []),
        ("Acute on chronic pulmonary embolism.", [("pulmonary_embolism", "red")]),
        ("Segmental pulmonary embolism in the right lower lobe.", [("pulmonary_embolism", "red")]),
    ],
)  # fmt: skip
def test_chest_cta_critical_results(finding: str, critical: list[tuple[str, str]]) -> None:
    assert [(c.code, c.tier) for c in assess("FINDINGS: " + finding).critical] == critical


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        ("The main pulmonary artery is enlarged, measuring 3.6 cm.", "pulmonary_artery_enlargement", "present"),
        ("Dilated main pulmonary artery, which can be seen with pulmonary arterial hypertension.",
         "pulmonary_hypertension", "uncertain"),
    ],
)  # fmt: skip
def test_a_wide_pulmonary_artery_is_no_stated_hypertension(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


def test_a_new_embolus_on_the_other_side_is_its_own() -> None:
    sr = structure(
        "Known right lower lobe pulmonary embolism, now with a new embolus in the left upper lobe."
    )
    pes = sorted(
        (f.laterality.value if f.laterality else "", f.location or "", f.change.value if f.change else "")
        for f in sr.findings
        if f.code == "pulmonary_embolism"
    )
    assert pes == [("left", "upper lobe", "new"), ("right", "lower lobe", "")]


@pytest.mark.parametrize(
    "text", ["Septic emboli in the right lower lobe.", "Air embolus in the right ventricle.", "Fat emboli."]
)
def test_emboli_that_are_no_blood_clot(text: str) -> None:
    assert "pulmonary_embolism" not in structure(text).by_code()


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # a fibrosis pattern's grade (ATS/ERS/JRS/ALAT 2018) is no doubt of the fibrosis; the UIP pattern is its own
        # code now (uip_pattern, a kind of interstitial lung disease), and the grade is the pattern's certainty
        ("Probable UIP pattern of fibrosis.", "uip_pattern", "uncertain"),
        ("Probable UIP pattern of fibrosis.", "pulmonary_fibrosis", "present"),
        (
            "Fibrotic interstitial lung disease in a probable UIP pattern.",
            "interstitial_lung_disease",
            "present",
        ),
        ("Pattern indeterminate for UIP.", "uip_pattern", "uncertain"),
        # ... a doubt of the disease stays one
        ("Findings may represent early UIP.", "uip_pattern", "uncertain"),
    ],
)
def test_fibrosis_patterns(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # a degree said of one side only is no degree of both: each side is its own finding with its degree
        ("Small right and moderate left pleural effusions.", [("right", "small"), ("left", "moderate")]),
        ("Moderate right and small left pleural effusions.", [("right", "moderate"), ("left", "small")]),
        # ... one said of both is
        ("Small bilateral pleural effusions.", [("bilateral", "small")]),
        ("Small right and left pleural effusions.", [("bilateral", "small")]),
    ],
)
def test_a_degree_of_one_side_is_no_degree_of_both(text: str, sides: list[tuple[str, str]]) -> None:
    found = [f for f in structure(text).findings if f.code == "pleural_effusion"]
    assert [(f.laterality.value if f.laterality else None, f.severity) for f in found] == sides


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # a rupture of the aorta is a finding of its own, not only a critical result's words
        ("Thoracic aortic aneurysm with surrounding high-attenuation fluid concerning for contained rupture.",
         "aortic_rupture", "uncertain"),
        ("Infrarenal abdominal aortic aneurysm measuring 6.2 cm with contained rupture.", "aortic_rupture", "present"),
        ("No evidence of aortic rupture.", "aortic_rupture", "absent"),
        ("Ruptured appendix with contained rupture and abscess.", "appendicitis", "present"),
    ],
)  # fmt: skip
def test_ruptures(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


def test_an_appendix_rupture_is_no_aortic_rupture() -> None:
    assert (
        "aortic_rupture" not in structure("Ruptured appendix with contained rupture and abscess.").by_code()
    )


@pytest.mark.parametrize(
    ("text", "code", "laterality"),
    [
        ("Moderate calcified plaque in the left anterior descending coronary artery.", "coronary_calcification", None),
        ("Subcentimeter hypodensity in the right hepatic lobe, too small to characterize.", "liver_lesion", None),
        ("Architectural distortion in the left breast at 2 o'clock.", "architectural_distortion", "left"),
    ],
)  # fmt: skip
def test_chest_ct_neighbours(text: str, code: str, laterality: str | None) -> None:
    f = structure(text).by_code()[code]
    assert f.assertion.value == "present"
    assert (f.laterality.value if f.laterality else None) == laterality


def test_the_lungs_architectural_distortion_is_no_breast_finding() -> None:
    text = (
        "Upper lobe predominant fibrosis with architectural distortion, likely sequela of prior sarcoidosis."
    )
    assert "architectural_distortion" not in structure(text).by_code()
