"""Readings from a sweep of dictated CT, MR, US and CTA sentences (reviews rvA body, rvB neuro/MSK): a hedge said
right after what "without" denies opens its own clause ("dilated small bowel without pneumatosis concerning for
obstruction": the obstruction is possible, not denied), blood named by the space it lies in (a ventricle, a fissure,
the subdural space), a subdural said as a noun, an occluded carotid said with a verb, plural PEs, the main portal
vein, bare saccular and fusiform aneurysms, a flattened cord and a compressed cauda equina, "consider" and "not
inconsistent with" as hedges, a bare collection, and the knee's menisci that are no pleural effusion. Sentences are
made up."""

from __future__ import annotations

import pytest

from radpilot import structure

Reading = tuple[str, str, str | None]


def _found(text: str) -> set[Reading]:
    return {
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
        for f in structure(text).findings
    }


# (text, what must be read, codes that must not be read)
READINGS: list[tuple[str, Reading, set[str]]] = [
    # a hedge after the denied finding
    (
        "Dilated small bowel without pneumatosis concerning for obstruction.",
        ("bowel_obstruction", "uncertain", None),
        set(),
    ),
    (
        "Mesenteric stranding without free air raises suspicion for bowel injury.",
        ("bowel_injury", "uncertain", None),
        set(),
    ),
    (
        "Fat stranding without abscess concerning for diverticulitis.",
        ("diverticulitis", "uncertain", None),
        set(),
    ),
    (
        "Gallbladder wall thickening without gallstones raises concern for acalculous cholecystitis.",
        ("cholecystitis", "uncertain", None),
        set(),
    ),
    ("No pleural air collections.", ("pneumothorax", "absent", None), {"fluid_collection"}),
    # blood by its space
    (
        "Hemorrhage within the left lateral ventricle.",
        ("intraventricular_hemorrhage", "present", "left"),
        set(),
    ),
    ("Blood in the fourth ventricle.", ("intraventricular_hemorrhage", "present", None), set()),
    ("Hemorrhage extends into the ventricles.", ("intraventricular_hemorrhage", "present", None), set()),
    ("No blood in the ventricles.", ("intraventricular_hemorrhage", "absent", None), set()),
    (
        "Blood is present in the right sylvian fissure.",
        ("subarachnoid_hemorrhage", "present", "right"),
        set(),
    ),
    (
        "Blood products are seen in the subdural space on the left.",
        ("subdural_hematoma", "present", "left"),
        set(),
    ),
    ("Small left subdural.", ("subdural_hematoma", "present", "left"), set()),
    ("Bilateral subdurals.", ("subdural_hematoma", "present", "bilateral"), set()),
    ("Left subdural drain in place.", ("drainage_catheter", "present", "left"), {"subdural_hematoma"}),
    # vessels
    ("Bilateral PEs.", ("pulmonary_embolism", "present", "bilateral"), set()),
    ("Main portal vein thrombosis.", ("portal_vein_thrombosis", "present", None), set()),
    ("Thrombosis of the main portal vein.", ("portal_vein_thrombosis", "present", None), set()),
    ("The left ICA is occluded.", ("large_vessel_occlusion", "present", "left"), set()),
    (
        "Abrupt cutoff of the left internal carotid artery.",
        ("large_vessel_occlusion", "present", "left"),
        set(),
    ),
    ("Mild narrowing of the left ICA.", ("carotid_stenosis", "present", "left"), {"large_vessel_occlusion"}),
    ("7 mm saccular aneurysm of the anterior communicating artery.", ("aneurysm", "present", None), set()),
    ("Fusiform aneurysm of the basilar artery.", ("aneurysm", "present", None), set()),
    # spine
    (
        "Severe central canal stenosis at C4-5 with flattening of the cord.",
        ("spinal_cord_compression", "present", None),
        set(),
    ),
    (
        "Mild spinal canal stenosis without cord deformity.",
        ("spinal_cord_compression", "absent", None),
        set(),
    ),
    (
        "Large disc extrusion at L4-5 effacing the thecal sac and compressing the cauda equina.",
        ("cauda_equina_compression", "present", None),
        set(),
    ),
    # hedges
    ("Consider early appendicitis.", ("appendicitis", "uncertain", None), set()),
    (
        "Findings are not inconsistent with a small subdural hematoma.",
        ("subdural_hematoma", "uncertain", None),
        set(),
    ),
    ("Occluded right vertebral artery.", ("large_vessel_occlusion", "present", "right"), set()),
    ("Left A2 occlusion.", ("large_vessel_occlusion", "present", "left"), set()),
    ("No occlusion of the vertebral arteries.", ("large_vessel_occlusion", "absent", None), set()),
    (
        "Near occlusion of the right internal carotid artery.",
        ("carotid_stenosis", "present", "right"),
        {"large_vessel_occlusion"},
    ),
    ("Severe stenosis of the basilar artery.", ("arterial_stenosis", "present", None), set()),
    ("The superior mesenteric artery is occluded.", ("mesenteric_ischemia", "present", None), set()),
    ("Renal vein thrombosis on the left.", ("thrombus", "present", "left"), set()),
    # brain
    (
        "Increased size of the ventricles, now with transependymal CSF flow.",
        ("hydrocephalus", "present", None),
        set(),
    ),
    ("Entrapment of the left temporal horn.", ("hydrocephalus", "present", "left"), set()),
    ("IPH in the left basal ganglia.", ("intracranial_hemorrhage", "present", "left"), set()),
    ("Extra-axial hemorrhage along the tentorium.", ("intracranial_hemorrhage", "present", None), set()),
    (
        "No evidence of hemorrhage but there is a large left MCA territory infarct.",
        ("intracranial_hemorrhage", "absent", None),
        {"hematoma"},
    ),
    # trauma, bodies
    ("Swallowed coin projects over the upper esophagus.", ("foreign_body", "present", None), set()),
    ("Rupture of the left hemidiaphragm.", ("diaphragmatic_injury", "present", "left"), set()),
    # abdomen
    (
        "A new collection is present in the left paracolic gutter.",
        ("fluid_collection", "present", "left"),
        set(),
    ),
    ("No solid organ injury.", ("solid_organ_injury", "absent", None), set()),
]


@pytest.mark.parametrize(("text", "expected", "never"), READINGS)
def test_sweep_reading(text: str, expected: Reading, never: set[str]) -> None:
    got = _found(text)
    assert expected in got, got
    assert not {code for code, _, _ in got} & never, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a denial with no finding said to be there before it, or a list of denials, still denies
        ("No findings suggestive of pneumonia.", {("pneumonia", "absent", None)}),
        ("Lungs are clear without findings concerning for pneumonia.", {("pneumonia", "absent", None)}),
        (
            "Heart size normal without effusion suggesting congestive failure.",
            {("heart_failure", "absent", None)},
        ),
        (
            "Clear lungs without consolidation or effusion.",
            {("consolidation", "absent", None), ("pleural_effusion", "absent", None)},
        ),
        # the knee's menisci
        ("The menisci are intact.", set()),
        ("MENISCI: Intact.", set()),
        ("Intramural hematoma of the jejunum.", set()),
    ],
)
def test_what_stays_denied_or_unread(text: str, expected: set[Reading]) -> None:
    got = _found(text)
    assert expected <= got, got
    if not expected:
        assert not {code for code, _, _ in got} & {"pleural_effusion", "intramural_hematoma"}, got


def test_a_test_to_consider_hedges_nothing_and_a_gas_collection_is_no_fluid_collection() -> None:
    assert not any(
        f.code == "fluid_collection"
        for f in structure("Gas collection in the right lower quadrant.").findings
    )
    got = _found("Small pleural effusion with a meniscus.")
    assert ("pleural_effusion", "present", None) in got


@pytest.mark.parametrize(
    ("report", "code"),
    [
        (
            "EXAMINATION: CT HEAD WITHOUT CONTRAST\nFINDINGS: No acute hemorrhage. Ventricles are normal.",
            "intracranial_hemorrhage",
        ),
        ("FINDINGS: Gray-white differentiation is preserved. No hemorrhage.", "intracranial_hemorrhage"),
        ("EXAMINATION: CT ABDOMEN AND PELVIS\nFINDINGS: No hemorrhage.", "hematoma"),
        ("FINDINGS: Small amount of hemorrhage adjacent to the spleen.", "hematoma"),
    ],
)
def test_a_bleed_with_no_place_is_the_brains_on_a_study_of_the_head(report: str, code: str) -> None:
    codes = {f.code for f in structure(report).findings}
    assert code in codes and not codes & ({"hematoma", "intracranial_hemorrhage"} - {code}), codes


def test_a_bleed_into_a_cyst_or_the_lung_is_no_collection_of_blood() -> None:
    for text in (
        "Hemorrhage into a right renal cyst.",
        "Density in the right lower lobe representing hemorrhage.",
    ):
        assert not any(f.code in ("hematoma", "intracranial_hemorrhage") for f in structure(text).findings)


@pytest.mark.parametrize(
    ("text", "size_mm"),
    [
        ("A 12-mm right subdural hematoma.", 12.0),
        ("There is an 8-mm left pneumothorax.", 8.0),
        ("A 1.2-cm nodule in the right upper lobe.", 12.0),
        ("Nodules measuring 3-5 mm.", 5.0),  # (a range, not a hyphenated unit)
    ],
)
def test_a_size_joined_to_its_unit_by_a_hyphen(text: str, size_mm: float) -> None:
    assert [f.size_mm for f in structure(text).findings] == [size_mm]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Left chest tube with small residual apical pneumothorax.", ("pneumothorax", "present", "left")),
        (
            "Small left-sided pleural effusion with adjacent compressive atelectasis.",
            ("atelectasis", "present", "left"),
        ),
        (
            "Moderate right and small left pleural effusions with adjacent atelectasis.",
            ("atelectasis", "present", "bilateral"),
        ),
        (
            "Renal stone without hydronephrosis in the right kidney and an obstructing left UVJ stone.",
            ("ureterolithiasis", "present", "left"),
        ),
        ("Absence of flow in the left testis.", ("testicular_torsion", "uncertain", "left")),
        ("The left testis appears torsed.", ("testicular_torsion", "present", "left")),
        (
            "Hypoechoic solid mass in the right testis measuring 1.6 cm, concerning for neoplasm.",
            ("testicular_mass", "present", "right"),
        ),
    ],
)
def test_the_side_a_finding_takes_from_what_it_is_said_with(text: str, expected: Reading) -> None:
    assert expected in _found(text)


def test_a_tube_lends_no_side_to_what_is_denied_or_another_device() -> None:
    assert ("pneumothorax", "absent", None) in _found("Right chest tube in place. No pneumothorax.")
    assert ("enteric_tube", "present", None) in _found("Left PICC line and NG tube.")


# telegraphic dictation (review rvD): "w/o" denies, "b/l" is both sides, "w/" is with, R/L before an abbreviation
# are sides, PNA is pneumonia, "c/w" reads as "consistent with"
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Effusion w/o PTX.", {("pleural_effusion", "present", None), ("pneumothorax", "absent", None)}),
        (
            "Cholelithiasis w/o cholecystitis.",
            {("gallstones", "present", None), ("cholecystitis", "absent", None)},
        ),
        ("b/l pleural effusions.", {("pleural_effusion", "present", "bilateral")}),
        ("B/l lower lobe opacities.", {("lung_opacity", "present", "bilateral")}),
        ("PNA w/ small effusion.", {("pneumonia", "present", None), ("pleural_effusion", "present", None)}),
        ("RLL PNA.", {("pneumonia", "present", "right")}),
        ("LLL consolidation c/w PNA.", {("pneumonia", "present", "left")}),
        ("R PTX.", {("pneumothorax", "present", "right")}),
        ("Moderate L PTX.", {("pneumothorax", "present", "left")}),
        ("L distal radius fx.", {("fracture", "present", "left")}),
        ("Right adnexal ectopic.", {("ectopic_pregnancy", "present", "right")}),
        ("Hypermetabolic left axillary lymph node, SUVmax 5.2.", {("lymphadenopathy", "present", "left")}),
    ],
)
def test_telegraphic_dictation(text: str, expected: set[Reading]) -> None:
    assert expected <= _found(text), _found(text)


def test_litres_a_vertebra_and_an_ectopic_kidney_are_no_sides_or_pregnancies() -> None:
    assert not any(f.laterality for f in structure("On 2 L nasal cannula.").findings)
    assert not any(
        f.code == "ectopic_pregnancy" for f in structure("Ectopic right kidney in the pelvis.").findings
    )
    sizes = [f.size_mm for f in structure("Mass at right 10:00, 5 cm FN, measuring 8 mm.").findings]
    assert sizes == [8.0]  # (5 cm from the nipple is where it is, not how big)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fx of the L distal radius.", ("fracture", "present", "left")),
        ("Nondisplaced fx of the R 5th metatarsal.", ("fracture", "present", "right")),
        ("DVT in the L popliteal vein.", ("deep_vein_thrombosis", "present", "left")),
        ("Mediastinal LAD.", ("lymphadenopathy", "present", None)),
        ("Near resolution of the pneumothorax.", ("pneumothorax", "present", None)),
        (
            "TI-RADS 4 nodule in the right lobe measuring 1.6 cm, FNA recommended.",
            ("thyroid_nodule", "present", "right"),
        ),
    ],
)
def test_more_telegraphic_and_organ_words(text: str, expected: Reading) -> None:
    assert expected in _found(text)


def test_a_thyroid_lobectomy_is_no_lung_resection_and_history_said_as_hx_is_no_finding() -> None:
    assert not any(f.code == "lung_resection" for f in structure("Right thyroid lobectomy.").findings)
    assert not any(
        f.code == "heart_failure" for f in structure("Hx CHF, now w/ bilateral effusions.").findings
    )


def test_a_reading_of_a_description_with_no_finding_takes_its_one_side() -> None:
    """rvC 04: "biconvex extra-axial hyperdense collection overlying the right temporal lobe, consistent with an acute
    epidural hematoma" was impressed with no side; the aorta lying left is no side of it."""
    assert ("epidural_hematoma", "present", "right") in _found(
        "Biconvex extra-axial hyperdense collection overlying the right temporal lobe measuring 11 mm, consistent "
        "with an acute epidural hematoma."
    )
    assert ("fracture", "uncertain", "right") in _found(
        "There is corticated irregularity of the right posterior 5th rib, likely secondary to old rib fracture."
    )
    got = _found(
        "Soft tissue in the left cardiophrenic angle, likely representing a tortuous descending aorta."
    )
    assert not any(side for code, _, side in got if code == "tortuous_aorta"), got
