"""Twelfth 2026-12-02 session: what review rv21a left alone and reviews rv22a/rv22b found (made-up text). Tables by
kind, one test a kind."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import placed

# a heading that lists organs gives none of them to a finding the sentence places in one of them; a heading of one
# organ still places its findings
LISTED_ORGANS = [
    (
        "Kidneys, ureters, bladder: 1.5 cm simple cyst in the left kidney.",
        [("renal_cyst", "present", "left", "kidney")],
    ),
    ("Liver, spleen: 1 cm cyst in the spleen.", [("splenic_lesion", "present", None, "spleen")]),
    (
        "Pancreas, spleen, adrenals: 1.5 cm nodule in the left adrenal gland.",
        [("adrenal_nodule", "present", "left", "adrenal gland")],
    ),
    (
        "Kidneys, ureters, bladder: 4 mm stone in the left ureter.",
        [("ureterolithiasis", "present", "left", "ureter")],
    ),
    ("Right kidney: 1 cm cyst in the upper pole.", [("renal_cyst", "present", "right", "kidney")]),
]


@pytest.mark.parametrize(("text", "expected"), LISTED_ORGANS, ids=[t for t, _ in LISTED_ORGANS])
def test_a_headings_list_of_organs(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


# a dermoid (a mature cystic teratoma) is a cyst of the organ it is in
DERMOIDS = [
    ("US PELVIS\nFINDINGS:\nRight ovary: 4 cm dermoid.", [("ovarian_cyst", "present", "right", "ovary")]),
    (
        "FINDINGS: 5 cm mature cystic teratoma of the left ovary.",
        [("ovarian_cyst", "present", "left", "ovary")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DERMOIDS, ids=[t for t, _ in DERMOIDS])
def test_a_dermoid_is_the_organs_cyst(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


def _read(text: str) -> list[tuple[str, str, str | None]]:
    """(code, assertion, side) of each finding, in order."""
    return [
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
        for f in structure(text).findings
    ]


# a report with no findings header dictates its findings after its history's line: the history goes on only with a
# history's words (who, what is known, asked or felt), a small letter or a question
AFTER_THE_HISTORY = [
    ("Clinical details: cough\nSmall left pleural effusion.", [("pleural_effusion", "present", "left")]),
    (
        "Clinical notes: SOB\nBilateral pleural effusions, R>L. Cardiomegaly.",
        [("pleural_effusion", "present", "bilateral"), ("cardiomegaly", "present", None)],
    ),
    ("History: Fall.\nRight 5th rib fracture.", [("fracture", "present", "right")]),
    ("History: cough and\nfever\nSmall left effusion.", [("pleural_effusion", "present", "left")]),
    (
        "Indication: fever\nPneumonia?\nRight lower lobe consolidation.",
        [("consolidation", "present", "right")],
    ),
    # (the question asked, then the answer said on its line)
    ("Clinical details: ?PE. Large saddle pulmonary embolus.", [("pulmonary_embolism", "present", None)]),
    # (the history goes on: what is known, asked or who the patient is)
    ("INDICATION: 65M\nKnown sarcoidosis with hilar adenopathy\nIMPRESSION: No acute disease.", []),
    ("CLINICAL HISTORY: 65M, CHF.\nEvaluate for effusion.\nIMPRESSION: Normal chest.", []),
    ("Clinical details: cough. Pneumonia?\nIMPRESSION: Normal chest.", []),
    # (review rv22c: a size or a count first, a word of complaints and findings alike with no complaint, a small
    # letter after a line that ends on no joining word)
    ("Indication: trauma\n2 cm right apical pneumothorax.", [("pneumothorax", "present", "right")]),
    ("Clinical details: trauma\n3 displaced left rib fractures.", [("fracture", "present", "left")]),
    (
        "CT HEAD WITHOUT CONTRAST\nHISTORY: Fall\nAcute left subdural hematoma.",
        [("subdural_hematoma", "present", "left")],
    ),
    (
        "History: Acute shortness of breath\nNew onset chest pain\nSmall left effusion.",
        [("pleural_effusion", "present", "left")],
    ),
    ("history: sob\nlarge right pneumothorax.", [("pneumothorax", "present", "right")]),
    (
        "Clinical details: ?fracture. Undisplaced fracture of the right distal fibula.",
        [("fracture", "present", "right")],
    ),
    (
        "Clinical details: ?effusion. Persistent left pleural effusion.",
        [("pleural_effusion", "present", "left")],
    ),
    ("Clinical details: ?PE. Recent surgery.\nIMPRESSION: Normal.", []),
    ("Indication: cough\n1. Right lower lobe consolidation.", [("consolidation", "present", "right")]),
    # (the history goes on: its notes before a blank line, an age, a wrapped line)
    ("Indication: SOB\nPE\n\nNo pulmonary embolus.", [("pulmonary_embolism", "absent", None)]),
    ("INDICATION: Fall\n65M\nRight hip fracture.", [("fracture", "present", "right")]),
    (
        "HISTORY: Metastatic breast cancer with known\nright pleural effusion and pulmonary nodules.\n"
        "The lungs are clear. No effusion.",
        [("pleural_effusion", "absent", None)],
    ),
    # (after a title line the report's own words name no header: what follows its opening sections is findings)
    ("CXR\nComparison: 28/04/2024.\nLarge right pneumothorax.", [("pneumothorax", "present", "right")]),
    (
        "Chest radiograph 03/05/2024\nComparison: 28/04/2024.\nLarge right pneumothorax.",
        [("pneumothorax", "present", "right")],
    ),
    (
        "Chest radiograph 03/05/2024\nClinical details: cough\nObservation: Large right pneumothorax.",
        [("pneumothorax", "present", "right")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), AFTER_THE_HISTORY, ids=[t for t, _ in AFTER_THE_HISTORY])
def test_the_findings_after_a_history_line(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


def _changed(text: str) -> list[tuple[str, str, str | None, float | None]]:
    """(code, assertion, change, size) of each finding, in order."""
    return [
        (f.code, f.assertion.value, f.change.value if f.change else None, f.size_mm)
        for f in structure(text).findings
    ]


# British and Indian house styles (review rv22b)
HOUSE_STYLES = [
    # a finding "clearing" is getting better; "clearing of" it is its going
    ("Right lower zone shadowing is clearing.", [("lung_opacity", "present", "improved", None)]),
    ("Clearing of the left basal consolidation.", [("consolidation", "absent", "resolved", None)]),
    # "reduced" against the earlier film, "bigger"
    ("Small left pneumothorax, reduced in size.", [("pneumothorax", "present", "improved", None)]),
    (
        "The left effusion is reduced compared to 12/06/2024.",
        [("pleural_effusion", "present", "improved", None)],
    ),
    ("The right effusion is bigger.", [("pleural_effusion", "present", "worsened", None)]),
    (
        "The right effusion is slightly bigger than on the previous film.",
        [("pleural_effusion", "present", "worsened", None)],
    ),
    ("Reduced left lung volume.", []),
    # a blood test is no growth
    ("Tumour markers are raised.", []),
    ("Tumor markers pending.", []),
    # a denial before "post ... insertion" does not reach the device
    (
        "No pneumothorax post PICC insertion.",
        [("pneumothorax", "absent", None, None), ("picc", "present", None, None)],
    ),
    # plural units
    ("Left renal calculus measuring 6 mms.", [("nephrolithiasis", "present", None, 6.0)]),
    ("Mass 3.2cms.", [("mass", "present", None, 32.0)]),
    # the permanent pacemaker's letters
    ("PPM in situ.", [("cardiac_pacemaker", "present", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), HOUSE_STYLES, ids=[t for t, _ in HOUSE_STYLES])
def test_british_and_indian_house_styles(
    text: str, expected: list[tuple[str, str, str | None, float | None]]
) -> None:
    assert _changed(text) == expected


# a bare "ICD" is the intercostal drain where the report speaks of a drained chest, the heart's device elsewhere
ICD = [
    ("Left ICD in situ. Left lung re-expanded.", ["chest_tube"]),
    ("Left ICD (intercostal drain) in situ.", ["chest_tube", "chest_tube"]),
    ("Right ICD in situ with residual small apical pneumothorax.", ["chest_tube", "pneumothorax"]),
    ("Right basal ICD in situ. Right pneumothorax is no longer visible.", ["chest_tube", "pneumothorax"]),
    # (an American report's defibrillator, even with an air leak after it was put in)
    ("ICD in place. Small left pneumothorax.", ["cardiac_pacemaker", "pneumothorax"]),
    (
        "Left chest wall ICD with leads in the RA and RV. Right pneumothorax.",
        ["cardiac_pacemaker", "pneumothorax"],
    ),
    ("Dual chamber ICD with leads in the RA and RV.", ["cardiac_pacemaker"]),
]


@pytest.mark.parametrize(("text", "expected"), ICD, ids=[t for t, _ in ICD])
def test_an_icd_is_a_drain_or_the_hearts_device(text: str, expected: list[str]) -> None:
    assert [f.code for f in structure(text).findings] == expected


# British and Indian words for common findings (review rv22b)
HOUSE_WORDS = [
    ("Overlying soft tissue swelling.", [("soft_tissue_swelling", "present", None)]),
    ("Mucosal thickening in the left maxillary antrum.", [("paranasal_sinus_disease", "present", "left")]),
    ("Fluid level in the right maxillary antrum.", [("paranasal_sinus_disease", "present", "right")]),
    (
        "The gallbladder is distended with a thickened wall.",
        [("gallbladder_wall_thickening", "present", None)],
    ),
    ("Mild backpressure changes in the right kidney.", [("hydronephrosis", "present", "right")]),
    ("No backpressure changes.", [("hydronephrosis", "absent", None)]),
    ("Age-appropriate involutional change.", [("cerebral_atrophy", "present", None)]),
    ("No acute bony injury.", [("fracture", "absent", None)]),
    ("Active Koch's in the right upper zone.", [("infection", "present", "right")]),
    ("Appearances suggestive of active pulmonary tuberculosis.", [("infection", "uncertain", None)]),
    ("No evidence of active tuberculosis.", [("infection", "absent", None)]),
    # (healed or past tuberculosis is no infection now)
    ("Old healed Koch's in the right upper zone.", [("granuloma", "present", "right")]),
    ("Prior tuberculosis.", []),
    # (dilated loops with a transition are the obstruction's sign, not an ileus)
    ("Dilated loops of small bowel up to 4 cm with a transition in the pelvis.", []),
    # (the exam line's shortened side)
    ("XR KNEE RT\nSmall joint effusion.", [("joint_effusion", "present", "right")]),
]


@pytest.mark.parametrize(("text", "expected"), HOUSE_WORDS, ids=[t for t, _ in HOUSE_WORDS])
def test_british_and_indian_words(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


# review rv22a: a denial said of a dated earlier study makes the finding new; a sentence's opening place is that of
# the first finding after its comma
DATED_AND_OPENING = [
    (
        "There is a new 6 mm nodule in the right upper lobe, not present on 03/2025.",
        [("nodule", "present", "right", "upper lobe")],
    ),
    (
        "A 6 mm nodule in the right upper lobe, not present in March 2025.",
        [("nodule", "present", "right", "upper lobe")],
    ),
    ("No pneumothorax on 03/12/2025.", [("pneumothorax", "absent", None, None)]),
    (
        "In the right lower lobe, there is an 8 mm solid nodule.",
        [("solid_nodule", "present", "right", "lower lobe")],
    ),
    (
        "In the right lower lobe, there is an 8 mm solid nodule and a small effusion.",
        [("solid_nodule", "present", "right", "lower lobe"), ("pleural_effusion", "present", None, None)],
    ),
    ("In the interval, there is a new left effusion.", [("pleural_effusion", "present", "left", None)]),
]


@pytest.mark.parametrize(("text", "expected"), DATED_AND_OPENING, ids=[t for t, _ in DATED_AND_OPENING])
def test_dated_studies_and_opening_places(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


def test_the_gallbladders_wall_thickening_said_after_its_stones() -> None:
    codes = {
        f.code
        for f in structure("The gallbladder contains multiple calculi with wall thickening of 5 mm.").findings
    }
    assert codes == {"gallstones", "gallbladder_wall_thickening"}


# the lung under or over a sided effusion is on its side ("with underlying lung collapse"; review rv22b)
UNDER_AND_OVER = [
    (
        "Right sided pleural effusion with underlying lung collapse.",
        [("pleural_effusion", "present", "right"), ("atelectasis", "present", "right")],
    ),
    (
        "Left basal effusion with overlying collapse.",
        [("pleural_effusion", "present", "left"), ("atelectasis", "present", "left")],
    ),
    (
        "Right pleural effusion with overlying rib fractures.",
        [("pleural_effusion", "present", "right"), ("fracture", "present", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNDER_AND_OVER, ids=[t for t, _ in UNDER_AND_OVER])
def test_the_lung_under_a_sided_effusion(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


def test_a_size_after_of_is_the_findings_before_it() -> None:
    findings = structure(
        "Gallbladder wall thickening of 5 mm and a positive sonographic Murphy sign."
    ).findings
    assert [(f.code, f.size_mm) for f in findings] == [
        ("gallbladder_wall_thickening", 5.0),
        ("sonographic_murphy_sign", None),
    ]


# review rv22d (a review of this change): what the new rules must not do
NOT_OVERREACHING = [
    # a history's note of a diagnosis stays history (and the impression's denial stands alone)
    (
        "Indication: Chest pain\nPulmonary embolism.\nImpression: No pulmonary embolism.",
        [("pulmonary_embolism", "absent", None)],
    ),
    (
        "HISTORY: Shortness of breath\nCongestive heart failure.\nIMPRESSION: No acute cardiopulmonary process.",
        [],
    ),
    ("History: 65M\nPneumonia.", []),
    ("History: MVA\nRib fractures on outside film.", []),
    ("History: ?pneumonia. The patient has a known left pleural effusion.", []),
    # ... but the answer to the question the line before asks is a finding
    ("Reason: Fracture?\nDistal radius fracture.", [("fracture", "present", None)]),
    # a line of capitals that says what is seen is no exam title
    (
        "CXR SHOWS LARGE RIGHT PNEUMOTHORAX\nIMPRESSION: Urgent review.",
        [("pneumothorax", "present", "right")],
    ),
    # an American defibrillator stays one, a denied leak says nothing
    (
        "FINDINGS: Left ICD in place. No pneumothorax or hemothorax.",
        [
            ("cardiac_pacemaker", "present", "left"),
            ("pneumothorax", "absent", None),
            ("hemothorax", "absent", None),
        ],
    ),
    ("ICD overlies the cardiac apex.", [("cardiac_pacemaker", "present", None)]),
    (
        "Left ICD in place. Small left pneumothorax.",
        [("cardiac_pacemaker", "present", "left"), ("pneumothorax", "present", "left")],
    ),
    # a background disease under an air leak takes no side
    (
        "Right pneumothorax with underlying emphysema.",
        [("pneumothorax", "present", "right"), ("emphysema", "present", None)],
    ),
    # radiotherapy is no side
    (
        "EXAMINATION: MAMMOGRAM BREAST POST RT\nFINDINGS: 1 cm mass at 12 o'clock.",
        [("breast_mass", "present", None)],
    ),
    # a dermoid's plug is the named cyst's; a treated tuberculosis is no infection now
    (
        "Dermoid plug in the left ovarian cyst.",
        [("ovarian_cyst", "present", None), ("ovarian_cyst", "present", "left")],
    ),
    ("Patient on treatment for tuberculosis; no active disease.", []),
]


@pytest.mark.parametrize(("text", "expected"), NOT_OVERREACHING, ids=[t for t, _ in NOT_OVERREACHING])
def test_the_new_rules_do_not_overreach(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "date",
    [
        "12 March 2025",
        "12.03.2025",
        "12-03-2025",
        "12th March 2025",
        "March 12, 2025",
        "2025-03-12",
        "03/2025",
    ],
)
def test_a_denial_of_a_dated_study_in_any_form(date: str) -> None:
    [f] = structure(f"A 6 mm nodule in the right upper lobe, not present on {date}.").findings
    assert (f.code, f.assertion.value, f.change.value if f.change else None) == ("nodule", "present", "new")


# review rv22f (a second review of this change): findings after a history line, titles that name what is asked, a
# drain for blood or pus, a teratoma of the ovary, tuberculosis being treated
SECOND_REVIEW = [
    ("INDICATION: Cough\nA right pneumothorax is present.", [("pneumothorax", "present", "right")]),
    ("INDICATION: trauma\nDisplaced left 6th rib fracture from the fall.", [("fracture", "present", "left")]),
    (
        "INDICATION: post procedure\nNo pneumothorax following the procedure.",
        [("pneumothorax", "absent", None)],
    ),
    (
        "INDICATION: post op\nSmall right pleural effusion, new since admission.",
        [("pleural_effusion", "present", "right")],
    ),
    ("INDICATION: Pain\nThe heart is enlarged.", [("cardiomegaly", "present", None)]),
    (
        "HISTORY: chest pain\nLarge right pneumothorax\n\nNo other abnormality.",
        [("pneumothorax", "present", "right")],
    ),
    ("CTA CHEST PULMONARY EMBOLUS\nNo pulmonary embolus.", [("pulmonary_embolism", "absent", None)]),
    ("CT LEFT KNEE NO CONTRAST\nJoint effusion.", [("joint_effusion", "present", "left")]),
    (
        "ICD in situ. Moderate right haemothorax.",
        [("chest_tube", "present", None), ("hemothorax", "present", "right")],
    ),
    ("Mature teratoma of the left ovary.", [("ovarian_cyst", "present", "left")]),
    ("Dermoid plug in the right ovary.", [("ovarian_cyst", "present", "right")]),
    (
        "Right apical cavity, tuberculosis on treatment.",
        [("cavitary_lesion", "present", "right"), ("infection", "present", None)],
    ),
    ("EXAMINATION: MAMMOGRAM POST-RT\nFINDINGS: 1 cm mass.", [("breast_mass", "present", None)]),
]


@pytest.mark.parametrize(("text", "expected"), SECOND_REVIEW, ids=[t for t, _ in SECOND_REVIEW])
def test_what_the_second_review_found(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected
