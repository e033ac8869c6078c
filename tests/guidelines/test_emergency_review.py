"""Critical results and readings a review of made-up emergency and trauma sentences (rv82) and a regression review of
every earlier case (rv81) found wrong; each row is what an emergency radiologist expects."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.draft.impression import write_impression
from radpilot.guidelines import assess
from radpilot.patient import simplify


def _tiers(finding: str) -> list[tuple[str, str]]:
    return [(c.code, c.tier) for c in assess(f"FINDINGS: {finding}", {"age": 45}).critical]


@pytest.mark.parametrize(
    ("finding", "tiers"),
    [
        # an age is no "old" finding
        ("Large right subdural hematoma in this 85 year old man.", [("subdural_hematoma", "red")]),
        ("Ileocolic intussusception in a 2 year old.", [("intussusception", "red")]),
        ("Old healed left rib fractures.", []),
        # brain
        ("Dense basilar artery suggestive of basilar artery thrombosis.", [("large_vessel_occlusion", "red")]),
        ("Acute obstructive hydrocephalus with transependymal flow.", [("hydrocephalus", "red")]),
        ("Mild ventriculomegaly, likely ex vacuo.", []),
        ("Right cerebellar infarct with effacement of the fourth ventricle.", [("cerebral_infarct", "red")]),
        # spine: unstable by type
        ("Type II odontoid fracture.", [("fracture", "red")]),
        ("Jefferson fracture of C1 with lateral mass offset.", [("fracture", "red")]),
        ("Acute comminuted burst fracture of L1 with 5 mm retropulsion of a fragment into the spinal canal.",
         [("fracture", "red")]),
        ("Spinal epidural hematoma at T4-T6 compressing the cord.", [("spinal_epidural_hematoma", "red"), ("spinal_cord_compression", "red")]),
        ("Transverse process fracture of L2 on the left.", []),
        ("Sacral insufficiency fracture.", []),
        # chest
        ("Moderate left hemothorax.", [("hemothorax", "orange")]),
        ("Large right hemothorax with mediastinal shift to the left.", [("hemothorax", "red")]),
        ("Small pericardial effusion with high-density fluid, concerning for hemopericardium.",
         [("hemopericardium", "red")]),
        ("Left diaphragmatic rupture with herniation of the stomach into the left hemithorax.",
         [("diaphragmatic_injury", "orange")]),
        ("Widened mediastinum on portable chest radiograph; CTA chest recommended to exclude aortic injury.",
         [("mediastinal_widening", "orange")]),
        # abdomen and pelvis
        ("Bowel wall thickening of the proximal jejunum with mesenteric stranding and small interloop fluid, "
         "concerning for bowel and mesenteric injury.", [("bowel_injury", "orange")]),
        ("Open-book pelvic fracture with pubic symphysis diastasis of 3 cm and widening of the right sacroiliac "
         "joint.", [("fracture", "red")]),
        ("Extraperitoneal bladder rupture with extravasation of contrast into the perivesical space on CT cystogram.",
         [("bladder_injury", "orange")]),
        ("Intraperitoneal bladder rupture.", [("bladder_injury", "orange")]),
        ("Pancreatic transection at the neck with peripancreatic fluid.", [("solid_organ_injury", "orange")]),
        ("Shattered spleen, AAST grade V, with devascularization.", [("solid_organ_injury", "red")]),
        ("Splenic pseudoaneurysm in the lower pole measuring 8 mm.", [("pseudoaneurysm", "orange")]),
        ("Occlusive thrombus in the superior mesenteric artery with poorly enhancing small bowel loops.",
         [("mesenteric_ischemia", "red")]),
        ("Colonic wall thickening in the splenic flexure with thumbprinting, concerning for ischemic colitis.",
         [("ischemic_colitis", "orange")]),
    ],
)  # fmt: skip
def test_critical(finding: str, tiers: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == tiers


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hemopericardium.", "hemopericardium"),
        ("Left lower lobe contusion.", "pulmonary_contusion"),
        ("Pulmonary laceration with pneumatocele in the left lower lobe.", "pulmonary_contusion"),
        ("Spinal epidural hematoma at T4-T6 compressing the cord.", "spinal_epidural_hematoma"),
        ("Thrombus within the left internal jugular vein.", "deep_vein_thrombosis"),
    ],
)
def test_reading(text: str, code: str) -> None:
    assert code in {f.code for f in structure(text).findings if f.assertion.value == "present"}


@pytest.mark.parametrize(
    ("text", "not_code"),
    [
        ("Jefferson fracture of C1 with lateral mass offset.", "mass"),  # the lateral mass is bone
        ("Extraperitoneal bladder rupture with extravasation of contrast into the perivesical space.",
         "active_extravasation"),  # urine, not blood
        ("8 mm solid nodule in the right upper lobe with surrounding ground-glass halo.", "ground_glass_opacity"),
    ],
)  # fmt: skip
def test_not_read_as(text: str, not_code: str) -> None:
    assert not_code not in {f.code for f in structure(text).findings}


def test_a_kind_of_opacity_and_its_partner_share_place_and_change() -> None:
    found = structure("Bibasilar ground-glass and reticular opacities, unchanged from 2022.").findings
    assert [(f.laterality.value if f.laterality else None, f.location, f.change.value if f.change else None)
            for f in found] == [("bilateral", "base", "stable")] * 3  # fmt: skip
    # (the reticular opacities say the interstitial markings too: review rv99a)


@pytest.mark.parametrize(
    ("report", "impression"),
    [
        # the draft is written from the findings, not again from the report's own impression
        ("FINDINGS: 15 mm lesion in hepatic segment 7. Nodular liver contour.\nIMPRESSION: Liver lesion. Cirrhosis.",
         "1. 15 mm liver lesion.\n2. Cirrhosis."),
        # an organ's own finding says no place
        ("FINDINGS: Cirrhosis of the liver.", "Cirrhosis."),
        # no chest finding: no chest film's normal statement
        ("FINDINGS: Sclerotic lesions in the pelvis and lumbar spine, unchanged.",
         "1. Stable sclerotic bone lesions in the lumbar spine.\n2. No acute abnormality."),
    ],
)  # fmt: skip
def test_impression(report: str, impression: str) -> None:
    assert write_impression(report).impression == impression


def test_the_exam_date_reaches_the_guidelines() -> None:
    report = (
        "EXAMINATION: Low-dose CT chest for lung cancer screening.\nFINDINGS: Solid right upper lobe nodule "
        "measuring 9 x 8 mm, unchanged since 08/2026."
    )
    with_date = write_impression(report, {"exam_date": "2026-12-01"}).impression
    assert "Lung-RADS 3" in with_date


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "finding",
    [
        "Hemopericardium.",
        "Splenic pseudoaneurysm in the lower pole measuring 8 mm.",
        "Intraperitoneal bladder rupture.",
        "Spinal epidural hematoma at T4-T6 compressing the cord.",
        "Left diaphragmatic rupture.",
        "Urethral injury.",
        "Bowel and mesenteric injury.",
        "Colonic wall thickening, concerning for ischemic colitis.",
    ],
)
def test_the_letter_tells_them_urgently_and_is_verified(finding: str, lang: str) -> None:
    pv = simplify(f"FINDINGS: {finding}", lang=lang)
    assert pv.verified and pv.letter.found


def test_expected_postoperative_air_stays_expected_in_the_impression() -> None:
    assert write_impression("Expected postoperative pneumoperitoneum following laparotomy.").impression == (
        "Expected postoperative pneumoperitoneum."
    )


@pytest.mark.parametrize(
    ("finding", "tiers"),
    [
        # a pneumothorax stated smaller, its tube in place, is no new result; one merely unchanged keeps its tier
        ("Small right pneumothorax, decreased since prior, with right chest tube in place.", []),
        ("Stable small left apical pneumothorax with chest tube in place.", [("pneumothorax", "orange")]),
        ("Small right pneumothorax.", [("pneumothorax", "orange")]),
        ("New small right pneumothorax.", [("pneumothorax", "red")]),
    ],
)
def test_a_known_pneumothorax(finding: str, tiers: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == tiers


@pytest.mark.parametrize(
    ("text", "code", "change"),
    [
        # a change said with its verb is the subject's, not the next finding's
        ("Right-sided pneumothorax has resolved following chest tube placement.", "pneumothorax", "resolved"),
        ("Right-sided pneumothorax has resolved following chest tube placement.", "chest_tube", None),
        ("There are prominent lateral osteophytes along the mid thoracic spine which are stable.",
         "degenerative_spine", "stable"),
    ],
)  # fmt: skip
def test_a_change_with_its_verb(text: str, code: str, change: str | None) -> None:
    f = next(f for f in structure(text).findings if f.code == code)
    assert (f.change.value if f.change else None) == change


@pytest.mark.parametrize(
    ("text", "code", "location"),
    [
        # the neck's spine is a place ("cervical" alone is not: cervical nodes are the neck's)
        ("Type II odontoid fracture.", "fracture", "cervical spine"),
        ("Acute fracture of the C5 vertebral body.", "fracture", "cervical spine"),
        ("Degenerative changes of the cervical spine.", "degenerative_spine", "cervical spine"),
        ("Epidural hematoma in the cervical spine.", "spinal_epidural_hematoma", "cervical spine"),
        ("Enlarged cervical lymph nodes.", "lymphadenopathy", None),
    ],
)
def test_the_cervical_spine(text: str, code: str, location: str | None) -> None:
    f = next(f for f in structure(text).findings if f.code == code)
    assert f.location == location


@pytest.mark.parametrize(("lang", "says"), [("en", "in the neck part of the backbone"), ("es", "del cuello")])
def test_the_letter_places_a_neck_fracture(lang: str, says: str) -> None:
    pv = simplify("FINDINGS: Type II odontoid fracture.", lang=lang)
    assert pv.verified and says in " ".join(pv.letter.found)


@pytest.mark.parametrize(
    "text",
    [
        # how far a part moved or how deep a tear goes is no finding's size
        "Open-book pelvic fracture with pubic symphysis diastasis of 3 cm.",
        "Fracture of the right clavicle, displaced by 12 mm.",
        "Liver laceration with a depth of 2.5 cm in segment 6.",
        "Liver laceration 2.5 cm deep.",
    ],
)
def test_a_displacement_or_depth_is_no_size(text: str) -> None:
    assert all(f.size_mm is None for f in structure(text).findings)


def test_a_size_is_still_a_size() -> None:
    assert structure("4 mm nodule in the right upper lobe.").findings[0].size_mm == 4.0
