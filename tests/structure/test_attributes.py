"""Attributes per finding: laterality, location, size, severity, change, section, spans."""

from __future__ import annotations

import pytest

from radpilot.structure import structure


def _first(text: str, code: str):  # type: ignore[no-untyped-def]
    return next(f for f in structure(text).findings if f.code == code)


@pytest.mark.parametrize(
    ("text", "code", "laterality", "location"),
    [
        ("Small left pleural effusion.", "pleural_effusion", "left", None),
        ("Right lower lobe atelectasis.", "atelectasis", "right", "lower lobe"),
        ("Bibasilar atelectasis.", "atelectasis", "bilateral", "base"),
        ("Opacities in both lungs.", "lung_opacity", "bilateral", None),
        ("Biapical pleural thickening.", "pleural_thickening", "bilateral", "apex"),
        ("Retrocardiac opacity.", "lung_opacity", "left", "retrocardiac"),
        ("Nodule in the lingula.", "nodule", "left", "lingula"),
        ("Bilateral pleural effusions.", "pleural_effusion", "bilateral", None),
        # a zone of the frontal view is not a lobe
        ("Patchy opacity in the right midlung.", "lung_opacity", "right", "mid lung"),
        ("Left mid lung atelectasis.", "atelectasis", "left", "mid lung"),
        ("Right middle lobe pneumonia.", "pneumonia", "right", "middle lobe"),
    ],
)
def test_laterality_and_location(text: str, code: str, laterality: str, location: str | None) -> None:
    f = _first(text, code)
    assert (f.laterality, f.location) == (laterality, location)


@pytest.mark.parametrize(
    ("text", "code", "laterality", "location"),
    [
        # two sides said together of one finding: bilateral
        ("Right greater than left pleural effusions.", "pleural_effusion", "bilateral", None),
        # ... unless each side has its own degree: one finding a side (test_each_side_degree.py)
        ("Small right and moderate left pleural effusions.", "pleural_effusion", "right", None),
        ("Bilateral pleural effusions, left greater than right.", "pleural_effusion", "bilateral", None),
        ("Bibasilar atelectasis, left greater than right.", "atelectasis", "bilateral", "base"),
        ("Diffuse, right greater than left, interstitial opacities.", "lung_opacity", "bilateral", None),
        # ... keeping a place only when it is true of both sides
        ("Patchy right upper lobe and left lower lobe opacities.", "lung_opacity", "bilateral", None),
        ("Right upper and left upper lobe bullous disease.", "emphysema", "bilateral", "upper lobe"),
        ("Right and left lower lobe infiltrates.", "infiltrate", "bilateral", "lower lobe"),
        ("Bibasilar and right midlung pulmonary opacities.", "lung_opacity", "bilateral", None),
        # otherwise the nearest side is the finding's
        (
            "Bilateral degenerative changes of the shoulders with dislocation of the left humerus.",
            "dislocation",
            "left",
            "humerus",
        ),
        (
            "Small 3 mm right pneumothorax only visible on the left lateral decubitus view.",
            "pneumothorax",
            "right",
            None,
        ),
        (
            "Bilateral pleural effusions, left greater than right, with left basilar opacities.",
            "lung_opacity",
            "left",
            "base",
        ),
        ("Bibasilar opacities, more prominent on the left.", "lung_opacity", "bilateral", "base"),
        # a side said outright beats the one a place implies (retrocardiac: left)
        ("Right retrocardiac calcified nodule.", "calcified_nodule", "right", "retrocardiac"),
        # "R" and "L" said as sides, and "R > L" (the tokenizer keeps no ">")
        ("R lower lobe opacity.", "lung_opacity", "right", "lower lobe"),
        ("Small L pleural effusion.", "pleural_effusion", "left", None),
        ("R IJ central line.", "central_venous_catheter", "right", None),
        ("R and L lower lobe opacities.", "lung_opacity", "bilateral", "lower lobe"),
        ("R > L pleural effusions.", "pleural_effusion", "bilateral", None),
        ("Right > left pleural effusions.", "pleural_effusion", "bilateral", None),
        ("Rt IJ CVC.", "central_venous_catheter", "right", None),
        ("Bilateral pleural effusions, left larger than right.", "pleural_effusion", "bilateral", None),
        ("Interstitial and airspace opacities in both lungs.", "lung_opacity", "bilateral", None),
        # two lobes said with one "lobe": the side, no one place
        ("Right upper and middle lobe opacities.", "lung_opacity", "right", None),
        ("Left upper and lower lobe nodules.", "nodule", "left", None),
        # separate findings keep their own sides
        ("Left lower lobe opacity with right pleural effusion.", "pleural_effusion", "right", None),
        ("Left lower lobe opacity with right pleural effusion.", "lung_opacity", "left", "lower lobe"),
    ],
)
def test_sides_said_together(text: str, code: str, laterality: str, location: str | None) -> None:
    f = _first(text, code)
    assert (f.laterality, f.location) == (laterality, location)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Right and left atrial enlargement with cardiomegaly.", "cardiomegaly"),
        ("Small left retrocardiac hiatal hernia.", "hiatal_hernia"),
        ("Small right pneumoperitoneum.", "pneumoperitoneum"),
    ],
)
def test_midline_findings_have_no_side(text: str, code: str) -> None:
    assert _first(text, code).laterality is None


def test_a_side_near_a_midline_finding_is_not_given_to_another() -> None:
    sr = structure("Cardiomegaly with left pleural effusion.")
    assert {(f.code, f.laterality) for f in sr.findings} == {
        ("cardiomegaly", None),
        ("pleural_effusion", "left"),
    }


@pytest.mark.parametrize(
    ("text", "code", "laterality", "location"),
    [
        ("Opacities in the left lung base are compatible with scarring.", "scarring", "left", "base"),
        (
            "Dense nodule in the right base suggests a previous granulomatous process.",
            "granuloma",
            "right",
            "base",
        ),
        ("Opacity in the left base, possibly atelectasis or scarring.", "scarring", "left", "base"),
        ("Right lower lobe atelectasis versus pneumonia.", "pneumonia", "right", "lower lobe"),
        (
            "Streaky opacity within the left lung base representing atelectasis.",
            "atelectasis",
            "left",
            "base",
        ),
        # a feature said "with" the finding is that finding's, and the interpretation is of both
        (
            "Right lower lobe consolidation with air bronchograms, consistent with pneumonia.",
            "pneumonia",
            "right",
            "lower lobe",
        ),
        (
            "Right lower lobe consolidation with associated effusion, consistent with pneumonia.",
            "pneumonia",
            "right",
            "lower lobe",
        ),
        (
            "Dense right upper lobe opacity with volume loss, compatible with atelectasis.",
            "atelectasis",
            "right",
            "upper lobe",
        ),
        # a second finding joined on is not an interpretation
        ("Left pleural effusion with atelectasis.", "atelectasis", None, None),
        ("No right effusion with atelectasis; findings suggest pneumonia.", "pneumonia", None, None),
        ("Opacity in the left base and cardiomegaly.", "cardiomegaly", None, None),
    ],
)
def test_an_interpretation_is_where_its_finding_is(
    text: str, code: str, laterality: str | None, location: str | None
) -> None:
    f = _first(text, code)
    assert (f.laterality, f.location) == (laterality, location)


@pytest.mark.parametrize(
    ("text", "code", "laterality"),
    [
        # a side that belongs to something else is not the finding's
        ("Retrocardiac opacity, right lung clear.", "lung_opacity", "left"),
        ("Retrocardiac opacity with clear right lung.", "lung_opacity", "left"),
        ("Opacity in the right lower lobe and left lung is clear.", "lung_opacity", "right"),
        ("Right lung transplant and left pneumothorax.", "pneumothorax", "left"),
        ("Left mastectomy and small right pleural effusion.", "pleural_effusion", "right"),
        ("Left lateral decubitus view shows a layering right pleural effusion.", "pleural_effusion", "right"),
        ("Left lateral pleural thickening.", "pleural_thickening", "left"),
        # a place said after the finding ("in the ...") is that finding's
        ("Mass in the right upper lobe and nodule in the left lower lobe.", "mass", "right"),
        ("Mass in the right upper lobe and nodule in the left lower lobe.", "nodule", "left"),
        ("A 3 cm mass has developed in the posterior segment of the right upper lobe.", "mass", "right"),
        ("Healed right 10th and left 9th rib fractures.", "fracture", "bilateral"),
        ("Acute fracture of the left 7th rib with small left pneumothorax.", "pneumothorax", "left"),
        # one side or the other: not said which
        ("Opacity in the right middle lobe or lingula.", "lung_opacity", None),
    ],
)
def test_a_side_is_the_findings_own(text: str, code: str, laterality: str | None) -> None:
    assert _first(text, code).laterality == laterality


@pytest.mark.parametrize(
    ("text", "code", "laterality", "location"),
    [
        # not an interpretation: negated, another finding in between, another part of the body, midline
        ("Right basilar atelectasis without pleural effusion or pneumothorax.", "pneumothorax", None, None),
        ("Right upper lobe nodule, no pleural effusion or pneumothorax.", "pneumothorax", None, None),
        ("Left pleural effusion, cardiomegaly, possible edema.", "pulmonary_edema", None, None),
        ("Right pleural effusion secondary to congestive heart failure.", "heart_failure", None, None),
        (
            "Mass in the right upper lobe, likely bronchogenic carcinoma, mediastinal lymphadenopathy.",
            "lymphadenopathy",
            None,
            None,
        ),
        (
            "Left basilar opacity may be atelectasis, right pleural effusion, pulmonary edema.",
            "pulmonary_edema",
            None,
            None,
        ),
        ("Right lower lobe opacity, likely pneumonia, cardiomegaly.", "cardiomegaly", None, None),
        # a place inside a finding's own phrase stays with it (a tip said after its line is the line's)
        ("PICC line catheter tip in the right atrium.", "picc", None, "right atrium"),
        ("Central venous catheter tip in the right atrium.", "central_venous_catheter", None, "right atrium"),
        # sides joined across different places: both sides, no one place
        ("Right rib and left clavicle fractures.", "fracture", "bilateral", None),
        # a normal lung "except for" a finding: the side is the finding's
        ("The left lung is clear except for a small calcified granuloma.", "granuloma", "left", None),
        ("Normal left chest tube position.", "chest_tube", "left", None),
        # one place or another on the same side: the side, no place
        ("Opacity in the lingula or left lower lobe.", "lung_opacity", "left", None),
        ("Acute fracture of the left 7th rib with small left pneumothorax.", "pneumothorax", "left", None),
        ("Acute fracture of the left 7th rib with small left pneumothorax.", "fracture", "left", "rib"),
    ],
)
def test_what_is_not_an_interpretation_keeps_its_own_place(
    text: str, code: str, laterality: str | None, location: str | None
) -> None:
    f = _first(text, code)
    assert (f.laterality, f.location) == (laterality, location)


def test_sides_of_separate_findings_are_not_joined() -> None:
    sr = structure("There is a 6 mm nodule in the right upper lobe and a 4 mm nodule in the left lower lobe.")
    got = sorted((f.laterality, f.location, f.size_mm) for f in sr.findings if f.code == "nodule")
    assert got == [("left", "lower lobe", 4.0), ("right", "upper lobe", 6.0)]


def test_a_distance_is_not_a_size() -> None:
    from radpilot.report import find_measurements

    assert [m.distance for m in find_measurements("ETT tip 4 cm above the carina; 7 mm nodule.")] == [
        True,
        False,
    ]
    assert _first("The endotracheal tube tip is 10 mm above the carina.", "endotracheal_tube").size_mm is None
    # how far to move a tube is a distance too
    moves = "Recommend retraction by approximately 2 cm. Advance 3 cm. Withdrawn 1 cm. Nodule measures 2 cm."
    assert [m.distance for m in find_measurements(moves)] == [True, True, True, False]
    f = _first("Endotracheal tube tip is in the right mainstem bronchus.", "endotracheal_tube")
    assert (f.laterality, f.location) == ("right", "mainstem bronchus")


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("Nodes now measure <1 cm.", ["below"]),
        ("No lymph node larger than 1 cm in short axis; a 7 mm nodule.", ["above", None]),
        ("No aneurysm > 2 mm. Gallstones up to 8 mm, the largest 8 mm.", ["above", "at_most", None]),
        ("Subcentimetre nodes; sub 5 mm nodules; at least 3 mm of fluid.", ["below", "at_least"]),
        ("Nodules of 4 and 3 mm, none over 6 mm.", [None, None, "above"]),
        ("A 12 x 9 mm node, previously 15 mm.", [None, None]),
    ],
)
def test_a_size_said_as_a_bound(text: str, bounds: list[str | None]) -> None:
    """The measurement says whether its number is a bound, and which, read once where the size is found
    (the engine keeps a node "<1 cm" below its limit and a denial's "greater than 2 mm" from being a size)."""
    from radpilot.report import find_measurements

    assert [m.bound for m in find_measurements(text)] == bounds


def test_a_bound_is_no_size_of_the_finding() -> None:
    assert _first(
        "The previously enlarged mediastinal nodes now measure <1 cm.", "lymphadenopathy"
    ).assertion == ("absent")
    assert _first("No abdominal aortic aneurysm greater than 3 cm.", "aortic_aneurysm").size_mm is None


@pytest.mark.parametrize(
    ("text", "code", "size_mm", "location"),
    [
        # what one organ measures, and the organ itself, are not said of the next organ's statement
        ("The liver measures 19 cm and the spleen is normal in size.", "splenomegaly", None, None),
        ("The liver measures approximately 19 cm, the spleen is normal in size.", "splenomegaly", None, None),
        # ... but its own statement keeps them
        ("The spleen measures 14 cm and is enlarged.", "splenomegaly", 140.0, "spleen"),
        ("Right lower lobe nodule measures 8 mm and there is a left effusion.", "nodule", 8.0, "lower lobe"),
        ("Measuring 5 mm, there is a nodule in the left lung.", "nodule", 5.0, None),
        # a size said with "measuring" is the finding's before the verb, however far
        (
            "Spiculated mass in the left upper lobe measuring 3.2 x 2.8 x 2.5 cm, highly suspicious for carcinoma.",
            "mass",
            32.0,
            "upper lobe",
        ),
        (
            "Irregular mass at the left breast 2 o'clock position, 4 cm from the nipple, measuring 1.3 x 0.9 cm.",
            "breast_mass",
            13.0,
            "breast",
        ),
        (
            "The ascending thoracic aorta is aneurysmal, measuring 4.8 cm.",
            "aortic_aneurysm",
            48.0,
            "ascending aorta",
        ),
        # a size it had before is not the finding's now
        (
            "Left thyroid nodule has increased in size from 1.1 cm to 1.6 cm.",
            "thyroid_nodule",
            16.0,
            "thyroid",
        ),
        (
            "Ground-glass nodule in the left upper lobe has decreased in size, now 6 mm from 9 mm.",
            "ground_glass_nodule",
            6.0,
            "upper lobe",
        ),
        ("Previously 6 mm nodule now measures 9 mm.", "nodule", 9.0, None),
        ("Nodules ranging from 4 mm to 9 mm.", "nodule", 9.0, None),
        (
            "The left kidney measures 12 cm and there is mild hydronephrosis.",
            "hydronephrosis",
            None,
            "kidney",
        ),
        ("The right kidney is 11 cm and there is moderate hydronephrosis.", "hydronephrosis", None, "kidney"),
    ],
)
def test_a_clause_keeps_its_own_measurement(
    text: str, code: str, size_mm: float | None, location: str | None
) -> None:
    f = _first(text, code)
    assert (f.size_mm, f.location) == (size_mm, location)


@pytest.mark.parametrize(
    "text",
    [
        "There is a " + "9" * 400 + " mm nodule in the right upper lobe.",
        "A 0 mm nodule.",
        "A 5000 cm nodule.",
    ],
)
def test_a_size_no_body_has_is_not_a_size(text: str) -> None:
    f = _first(text, "nodule")
    assert f.size_mm is None and f.sizes_mm == ()


@pytest.mark.parametrize(
    ("text", "size_mm", "sizes_mm"),
    [
        ("A 7 mm nodule in the right upper lobe.", 7.0, (7.0,)),
        ("A 1.2 cm nodule in the right upper lobe.", 12.0, (12.0,)),
        ("A 1.2 x 0.9 cm nodule in the right upper lobe.", 12.0, (12.0, 9.0)),
        ("Right upper lobe nodule measuring 9 by 11 mm.", 11.0, (9.0, 11.0)),
    ],
)
def test_size_normalized_to_mm(text: str, size_mm: float, sizes_mm: tuple[float, ...]) -> None:
    f = _first(text, "nodule")
    assert f.size_mm == size_mm and f.sizes_mm == sizes_mm


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("Trace left pleural effusion.", "trace"),
        ("Small left pleural effusion.", "small"),
        ("Mild pulmonary edema.", "mild"),
        ("Moderate right pleural effusion.", "moderate"),
        ("Large left pleural effusion.", "large"),
        ("Severe pulmonary edema.", "severe"),
    ],
)
def test_severity(text: str, severity: str) -> None:
    code = "pulmonary_edema" if "edema" in text else "pleural_effusion"
    assert _first(text, code).severity == severity


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("New left pleural effusion.", "new"),
        ("Stable left pleural effusion.", "stable"),
        ("Improved left pleural effusion.", "improved"),
        ("Increased left pleural effusion.", "worsened"),
        ("Left pleural effusion has resolved.", "resolved"),
    ],
)
def test_change(text: str, change: str) -> None:
    assert _first(text, "pleural_effusion").change == change


def test_section_sentence_and_span_point_into_the_text() -> None:
    text = "FINDINGS: Heart size normal. Small left pleural effusion.\nIMPRESSION: Left pleural effusion."
    sr = structure(text)
    effusions = [f for f in sr.findings if f.code == "pleural_effusion"]
    assert [f.section for f in effusions] == ["findings", "impression"]
    for f in effusions:
        assert text[f.span[0] : f.span[1]] == f.text
    assert effusions[0].sentence < effusions[1].sentence


def test_lay_words_read_back() -> None:
    codes = structure(
        "There is a small amount of fluid around the left lung. Your heart looks larger than normal."
    )
    by_code = codes.by_code()
    assert by_code["pleural_effusion"].laterality == "left"
    assert by_code["cardiomegaly"].assertion.value == "present"


def test_density_near_a_rib_is_not_a_lung_opacity() -> None:
    assert "density" not in structure("Nodular density overlying the anterior left 4th rib.").by_code()
    assert (
        structure("Patchy density in the left lower lobe.").by_code()["density"].assertion.value == "present"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Expansile lesion of the right posterior 9th rib.",
        "A lesion of the left 5th rib.",
        "Sternal lesion.",
        "Mass arising from the left clavicle.",
    ],
)
def test_a_lesion_of_a_bone_is_a_bone_lesion_not_a_lung_mass(text: str) -> None:
    by_code = structure(text).by_code()
    assert "mass" not in by_code
    assert by_code["bone_lesion"].assertion.value == "present"


def test_a_lung_mass_near_a_bone_stays_a_lung_mass() -> None:
    assert (
        structure("Right apical mass with destruction of the posterior 3rd rib.").by_code()["mass"].location
        == "apex"
    )
    assert structure("3 cm mass in the left upper lobe.").by_code()["mass"].location == "upper lobe"


def test_a_comma_keeps_a_place_with_the_finding_it_follows() -> None:
    from radpilot.structure import structure

    sr = structure("FINDINGS: There is a patchy opacity in the right lower lobe, likely pneumonia.")
    by = {f.code: f for f in sr.findings}
    assert (by["lung_opacity"].laterality, by["lung_opacity"].location) == ("right", "lower lobe")
    # the interpretation is where the opacity is (see test_an_interpretation_is_where_its_finding_is)
    assert (by["pneumonia"].laterality, by["pneumonia"].location) == ("right", "lower lobe")
    sr = structure("FINDINGS: Small left pleural effusion, right lower lobe atelectasis.")
    by = {f.code: f for f in sr.findings}
    assert by["pleural_effusion"].laterality == "left" and by["atelectasis"].laterality == "right"


def test_a_repeated_sentence_is_read_the_same_and_placed_where_it_stands() -> None:
    from radpilot.structure import StructuringEngine

    engine = StructuringEngine()
    a = engine.structure("FINDINGS: Small left pleural effusion. IMPRESSION: Small left pleural effusion.")
    first, second = a.findings
    assert (first.section, second.section) == ("findings", "impression")
    assert first.span != second.span and first.text == second.text == "pleural effusion"
    first.laterality = None  # a caller changing its copy changes nothing for the next report
    b = engine.structure("INDICATION: cough. FINDINGS: Small left pleural effusion.")
    (again,) = b.findings
    assert again.laterality == "left" and b.report.text[again.span[0] : again.span[1]] == "pleural effusion"
    engine.clear_cache()
    assert [f.to_dict() for f in engine.structure(b.report.text).findings] == [
        f.to_dict() for f in b.findings
    ]


def test_a_size_before_a_finding_is_that_findings_on_a_tie() -> None:
    from radpilot.structure import structure

    by = {
        f.code: f
        for f in structure(
            "FINDINGS: Calcified hilar lymph nodes and a 9 mm right upper lobe nodule."
        ).findings
    }
    assert by["nodule"].size_mm == 9.0 and by["calcified_lymph_node"].size_mm is None


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a word that is a finding by itself ("calcified") said of the aorta is the aorta's calcification
        ("Calcified tortuous aorta.", {"aortic_atherosclerosis", "tortuous_aorta"}),
        ("The thoracic aorta is tortuous and calcified.", {"aortic_atherosclerosis", "tortuous_aorta"}),
        ("The thoracic aorta is calcified.", {"aortic_atherosclerosis"}),
        ("Calcification in the tortuous aorta.", {"aortic_atherosclerosis", "tortuous_aorta"}),
        # ... and stays itself when said of something else
        ("Calcified granuloma in the right upper lobe.", {"granuloma"}),
        ("Scattered calcifications in the left breast.", {"breast_calcifications"}),
        # other plain words for findings
        ("The right lower lobe is totally opaque.", {"lung_opacity"}),
        ("Mixed lucent and opaque area in the right lung base.", {"lucency", "lung_opacity"}),
        ("There is a right diaphragmatic hump.", {"diaphragm_elevation"}),
        ("Mild degenerate change of the thoracic spine.", {"degenerative_spine"}),
    ],
)
def test_what_a_finding_word_is_said_of(text: str, codes: set[str]) -> None:
    assert {f.code for f in structure(text).findings if f.assertion.value == "present"} == codes


def test_limb_joints_are_places_and_their_wear_is_not_the_spines() -> None:
    hip = structure("Rotated subcapital fracture left hip.").by_code()["fracture"]
    assert (hip.laterality and hip.laterality.value, hip.location) == ("left", "hip")
    shoulder = structure("Osteophytes of the right shoulder.").by_code()
    assert "degenerative_spine" not in shoulder
    assert shoulder["arthritis"].location == "shoulder"
    assert "arthritis" in structure("Degenerative changes of the acromioclavicular joints.").by_code()
    # a place said beside the spine is not the spine's; the spine has no side
    spine = structure("Degenerative changes of the spine and both shoulders.").by_code()["degenerative_spine"]
    assert (spine.laterality, spine.location) == (None, None)
    assert structure("Degenerative changes of the thoracic spine.").by_code()[
        "degenerative_spine"
    ].location == ("thoracic spine")


@pytest.mark.parametrize(
    ("text", "code", "location"),
    [
        ("8 mm nodule in the right thyroid lobe.", "thyroid_nodule", "thyroid"),
        ("8 mm nodule in the left adrenal gland.", "adrenal_nodule", "adrenal gland"),
        ("8 mm hypodense nodule in the liver.", "liver_lesion", "liver"),
        ("2 cm mass in the left breast.", "breast_mass", "breast"),
        ("3 cm mass in the right kidney.", "renal_mass", "kidney"),
        # a lung nodule beside an organ stays a lung nodule
        ("Right lower lobe nodule near the liver dome.", "nodule", "lower lobe"),
    ],
)
def test_a_nodule_of_another_organ_is_that_organs(text: str, code: str, location: str) -> None:
    [f] = [f for f in structure(text).findings if f.assertion.value == "present"]
    assert (f.code, f.location) == (code, location)


# From a clinical review of CT, MR and head studies: what each sentence is, and where.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The study is nondiagnostic for PE due to respiratory motion.", set()),
        (
            "Filling defects in the right lower lobe segmental pulmonary arteries.",
            {("pulmonary_embolism", "right", "lower lobe")},
        ),
        (
            "Large right MCA territory infarct with 5 mm leftward midline shift.",
            {("cerebral_infarct", "right", None), ("midline_shift", "left", None)},
        ),
        ("Old myocardial infarction.", set()),
        ("Stable left proximal humeral enchondroma versus remote bony infarct.", set()),
        ("Infarct in the right cerebellar hemisphere.", {("cerebral_infarct", "right", "brain")}),
        (
            "Large hiatal hernia containing stomach. Small bowel loops are seen in the hernia.",
            {("hiatal_hernia", None, None)},
        ),
        (
            "Stanford type A dissection extending to the left subclavian artery.",
            {("aortic_dissection", None, None)},
        ),
        ("Scrotal hernia containing small bowel.", {("abdominal_hernia", None, None)}),
        (
            "Endotracheal tube tip at the thoracic inlet, 9 cm above the carina.",
            {("endotracheal_tube", None, "thoracic inlet")},
        ),
        (
            "Dissecting aneurysm of the descending thoracic aorta.",
            {("aortic_dissection", None, "descending aorta")},
        ),
        (
            "Hemorrhage in the right basal ganglia with surrounding edema.",
            {("intracranial_hemorrhage", "right", "brain"), ("cerebral_edema", "right", "brain")},
        ),
        ("Medial meniscus tear.", {("meniscal_tear", None, None)}),
        ("1.5 x 1.2 cm enhancing lesion in the left frontal lobe.", {("brain_lesion", "left", "brain")}),
        # a cystic lesion is a cyst, not a solid mass
        ("1.2 cm cystic lesion in the pancreatic tail.", {("pancreatic_cyst", None, "pancreas")}),
        # a place said not to be the finding's, and a change word a cue holds
        (
            "Enteric tube tip is not in the stomach; it courses into the left pleural space.",
            {("enteric_tube", None, None)},
        ),
        ("Nasogastric tube with tip in the stomach.", {("enteric_tube", None, "stomach")}),
        ("Right basal atelectasis.", {("atelectasis", "right", "base")}),
        # from a review: places that are the finding's after all, and organs it is only seen over
        ("Small effusion is not excluded at the right base.", set()),
        (
            "Thick-walled cavity containing fluid in the right upper lobe.",
            {("cavitary_lesion", "right", "upper lobe")},
        ),
        ("Pleural effusion that is not loculated at the left base.", {("pleural_effusion", "left", "base")}),
        ("Mass extending beyond the right hilum.", {("mass", "right", "perihilar")}),
        ("8 mm nodule projecting over the right breast.", {("nodule", "right", None)}),
        ("6 mm nodule near the liver dome.", {("nodule", None, None)}),
        (
            "Spurring of the thoracic spine and both shoulders.",
            {("degenerative_spine", None, "thoracic spine"), ("arthritis", "bilateral", None)},
        ),
        ("Calcified mitral annulus and aortic valve.", {("calcification", None, None)}),
        ("Cortical infarct in the left kidney.", set()),
        # a finding said of organs that make it different observations is one per organ, each with its side
        (
            "Cysts in the liver and both kidneys.",
            {("hepatic_cyst", None, "liver"), ("renal_cyst", "bilateral", "kidney")},
        ),
        (
            "Simple cysts in the liver, right kidney and pancreas.",
            {
                ("hepatic_cyst", None, "liver"),
                ("renal_cyst", "right", "kidney"),
                ("pancreatic_cyst", None, "pancreas"),
            },
        ),
        (
            "Nodules in both lungs and the liver.",
            {("nodule", "bilateral", None), ("liver_lesion", None, "liver")},
        ),
        (
            "Nodule in the left upper lobe and the thyroid.",
            {("nodule", "left", "upper lobe"), ("thyroid_nodule", None, "thyroid")},
        ),
        (
            "Metastases to the liver and both adrenal glands.",
            {("liver_metastasis", None, "liver"), ("adrenal_metastasis", "bilateral", "adrenal gland")},
        ),
        (
            "Lesions in the liver and right kidney are too small to characterize.",
            {("liver_lesion", None, "liver"), ("renal_mass", "right", "kidney")},
        ),
        (
            "Degenerative changes of the lumbar spine and both hips.",
            {("degenerative_spine", None, "lumbar spine"), ("arthritis", "bilateral", "hip")},
        ),
        # ... but the subject of a clause of its own is not one of the organs
        ("Small nodule in the right lung, the liver is unremarkable.", {("nodule", "right", None)}),
        # an organ the sentence is about places what is found in it, across a clause
        # (the enlarged thyroid is a goiter of its own)
        (
            "The thyroid is enlarged; there is a 2 cm nodule.",
            {("goiter", None, "thyroid"), ("thyroid_nodule", None, "thyroid")},
        ),
        (
            "The left kidney measures 12 cm and there is mild hydronephrosis.",
            {("hydronephrosis", "left", "kidney")},
        ),
        # ... not when the organs make it one observation (a nodule a side, each at its lobe: fifteenth session)
        (
            "Nodules in the right upper lobe and left lower lobe.",
            {("nodule", "right", "upper lobe"), ("nodule", "left", "lower lobe")},
        ),
        ("Recommend fine needle aspiration.", set()),
        ("Thyroid nodule with microcalcifications.", {("thyroid_nodule", None, "thyroid")}),
        (
            "Enteric tube tip in the stomach, side port in the distal esophagus.",
            {("enteric_tube", None, "stomach")},
        ),
        ("Dilated loops of small bowel.", {("ileus", None, "small bowel")}),
    ],
)
def test_what_and_where_beyond_the_chest_radiograph(
    text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    got = {
        (f.code, f.laterality.value if f.laterality else None, f.location)
        for f in structure(text).findings
        if f.assertion.value == "present"
    }
    assert got == expected


def test_no_new_nodules_says_nothing_new() -> None:
    [f] = structure("No new nodules.").findings
    assert f.change is None
    assert structure("New nodule in the right upper lobe.").by_code()["nodule"].change.value == "new"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a combined study's part heading places the bone findings after it that name no place of their own
        (
            "Left knee: Moderately severe medial joint space narrowing and spurring. No fracture.",
            {("arthritis", "present", "left", "knee"), ("fracture", "absent", "left", "knee")},
        ),
        (
            "Pelvis and left hip There is an impacted fracture through the neck of the femur.",
            {("fracture", "present", "left", "hip")},
        ),
        (
            "Left ankle: Small effusion. Mild degenerative spurring.",
            {("joint_effusion", "present", "left", "ankle"), ("arthritis", "present", "left", "ankle")},
        ),
        # ... until the next heading; the chest's findings are not moved
        (
            "Chest. No pneumothorax. Left shoulder: Marginal osteophytes. Chest. Mild degenerative changes of the "
            "thoracic spine.",
            {
                ("pneumothorax", "absent", None, None),
                ("arthritis", "present", "left", "shoulder"),
                ("degenerative_spine", "present", None, "thoracic spine"),
            },
        ),
        # not a heading: a place said inside a sentence
        ("Left shoulder arthroplasty is noted.", {("orthopedic_hardware", "present", "left", "shoulder")}),
    ],
)
def test_part_headings_of_combined_studies(
    text: str, expected: set[tuple[str, str, str | None, str | None]]
) -> None:
    got = {
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.location)
        for f in structure(text).findings
    }
    assert got == expected


def test_a_sentence_under_a_heading_keeps_the_place_it_names() -> None:
    sr = structure(
        "Pelvis and left hip There is an impacted fracture of the femoral neck. Arthritic changes are present in the "
        "lower lumbar spine. Clips in the gallbladder region. Femur No fracture of the remaining femur."
    )
    got = {(f.code, f.assertion.value, f.location) for f in sr.findings}
    assert ("fracture", "present", "hip") in got
    assert ("arthritis", "present", "hip") not in got  # the spine's, named in its own sentence
    assert ("surgical_clips", "present", "gallbladder") in got  # a device is not moved by a bone heading
    assert ("fracture", "absent", "femur") in got  # "Femur" is a heading of its own


@pytest.mark.parametrize(
    ("text", "code", "location"),
    [
        # another part's heading ends the last one
        ("Left hip: No fracture. Sacrum: Insufficiency fracture.", "fracture", None),
        (
            "Right knee: No fracture. Right tibia/fibula: Spiral fracture of the distal shaft.",
            "fracture",
            "tibia",
        ),
        # a sentence naming its own bone keeps it; the spine's findings are the spine's
        (
            "Right hip: No fracture. Old healed fracture of the left superior pubic ramus.",
            "fracture",
            "pelvis",
        ),
        ("Left hip: No fracture. Scoliosis.", "scoliosis", None),
    ],
)
def test_a_heading_ends_at_the_next_part(text: str, code: str, location: str | None) -> None:
    present = [f for f in structure(text).findings if f.code == code and f.assertion.value == "present"]
    assert present and all(f.location == location for f in present)


@pytest.mark.parametrize(
    ("text", "code", "location"),
    [
        # an effusion said of a joint, or under a joint's heading, is the joint's
        ("Moderate effusion in the right knee.", "joint_effusion", "knee"),
        ("Knee: Small effusion.", "joint_effusion", "knee"),
        ("Small ankle effusion.", "joint_effusion", "ankle"),
        ("Small effusion of the left wrist.", "joint_effusion", "wrist"),
        ("Trace effusion at the right elbow.", "joint_effusion", "elbow"),
        ("Small subacromial-subdeltoid bursal effusion.", "joint_effusion", None),
        # ... but a pleural effusion named under it is the chest's
        ("Left knee: No fracture. Small left pleural effusion.", "pleural_effusion", None),
        # a joint said to be normal is not the effusion's place
        ("Small left pleural effusion; the left shoulder is unremarkable.", "pleural_effusion", None),
        ("Trace right pleural effusion, right hip unremarkable.", "pleural_effusion", None),
        # ... nor is a place said of a symptom
        ("Small left pleural effusion in a patient with elbow pain.", "pleural_effusion", None),
    ],
)
def test_an_effusion_of_a_joint(text: str, code: str, location: str | None) -> None:
    assert any(f.code == code and f.location == location for f in structure(text).findings)


@pytest.mark.parametrize(
    ("text", "code", "laterality", "location"),
    [
        # a tip said after a named line is that line's, not a second device
        ("Right upper extremity PICC with tip in the right atrium.", "picc", "right", "right atrium"),
        ("Left chest port catheter tip in the low SVC.", "port_catheter", "left", "superior vena cava"),
        # ... a line named only by its tip stays one
        ("Right chest XXXX with tip in the mid SVC.", "catheter_tip", "right", "superior vena cava"),
    ],
)
def test_a_tip_is_its_lines(text: str, code: str, laterality: str, location: str) -> None:
    found = [f for f in structure(text).findings if f.assertion.value == "present"]
    assert [(f.code, f.laterality.value if f.laterality else None, f.location) for f in found] == [
        (code, laterality, location)
    ]


@pytest.mark.parametrize(
    ("text", "code", "laterality", "location"),
    [
        # the bones of limb radiographs are places
        ("Acute transverse fracture of the mid right femoral shaft.", "fracture", "right", "femur"),
        ("Comminuted fracture of the distal left radius.", "fracture", "left", "forearm"),
        ("Nondisplaced fracture of the right scaphoid waist.", "fracture", "right", "wrist"),
        ("Healing fracture of the left distal fibula.", "fracture", "left", "fibula"),
        ("Nondisplaced fracture of the left lateral malleolus.", "fracture", "left", "ankle"),
        ("Old healed fracture of the left superior pubic ramus.", "fracture", "left", "pelvis"),
        ("Small suprapatellar joint effusion.", "joint_effusion", None, "knee"),
        ("Mild degenerative changes of the first carpometacarpal joint.", "arthritis", None, "hand"),
        # ... not a femoral line or the heading words of a combined study
        ("Right femoral central venous catheter.", "central_venous_catheter", "right", None),
        (
            "Pelvis and left hip There is an impacted fracture through the neck of the femur.",
            "fracture",
            "left",
            "hip",
        ),
    ],
)
def test_bones_of_the_limbs_are_places(
    text: str, code: str, laterality: str | None, location: str | None
) -> None:
    f = _first(text, code)
    assert (f.laterality.value if f.laterality else None, f.location) == (laterality, location)


@pytest.mark.parametrize(
    ("text", "code", "change"),
    [
        # a change said after a comma is said of what came before, however far
        ("Hepatic hemangioma in segment 4A measuring 1.9 cm, unchanged.", "hepatic_hemangioma", "stable"),
        ("Left rectus sheath hematoma measuring 8.5 x 4 cm, increased from prior.", "hematoma", "worsened"),
        (
            "Small right pneumothorax, unchanged in size following chest tube placement.",
            "pneumothorax",
            "stable",
        ),
        # ... not when it describes what follows it
        ("Cardiomegaly, new left pleural effusion.", "pleural_effusion", "new"),
        ("Cardiomegaly, new left pleural effusion.", "cardiomegaly", None),
        ("Mild cardiomegaly, stable mediastinal contours.", "cardiomegaly", None),
    ],
)
def test_a_change_after_a_comma(text: str, code: str, change: str | None) -> None:
    f = _first(text, code)
    assert (f.change.value if f.change else None) == change


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the exam line says what the study is of: a bare effusion of a knee study is the knee's
        (
            "EXAMINATION: XR LEFT KNEE 3 VIEWS. FINDINGS: Small effusion. IMPRESSION: Osteoarthritis.",
            {("joint_effusion", "knee"), ("arthritis", "knee")},
        ),
        (
            "EXAMINATION: US THYROID. FINDINGS: 1.8 cm solid nodule in the right lobe with microcalcifications.",
            {("thyroid_nodule", "thyroid"), ("calcification", "thyroid")},
        ),
        ("EXAMINATION: CT HEAD. FINDINGS: Mild generalized volume loss.", {("cerebral_atrophy", "brain")}),
        # ... a chest study is not placed, and a study of two places places nothing
        (
            "EXAMINATION: CHEST PA AND LATERAL. FINDINGS: Small left pleural effusion.",
            {("pleural_effusion", None)},
        ),
        # (a bare effusion on a study of the joints is a joint's, of neither named joint)
        ("EXAMINATION: XR KNEE AND HIP. FINDINGS: Small effusion.", {("joint_effusion", None)}),
        # a lung place is no place of a bone finding ("the base of the fifth metatarsal")
        ("Healing fracture of the base of the right fifth metatarsal.", {("fracture", None)}),
    ],
)
def test_the_exam_line_places_what_names_no_place(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert {(f.code, f.location) for f in structure(text).findings} == expected
