"""Readings that a review of 274 made-up neuro, vascular, pediatric and ICU sentences found wrong; each row is the
reading a radiologist gives (the review's sentences, or their shortest form)."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import assess


@pytest.mark.parametrize(
    ("text", "code", "laterality"),
    [
        # a side inside the vessel's name
        ("Occlusion of the left internal carotid artery at its origin.", "large_vessel_occlusion", "left"),
        ("Occluded right internal carotid artery.", "large_vessel_occlusion", "right"),
        # a neck artery's dissection is not the aorta's
        ("Left internal carotid artery dissection with intramural hematoma and 60% luminal narrowing.",
         "cervical_artery_dissection", "left"),
        ("Dissection of the right vertebral artery at V2 segment.", "cervical_artery_dissection", "right"),
        ("Thrombosis of the left transverse and sigmoid sinuses.", "venous_sinus_thrombosis", "left"),
        ("Dural venous sinus thrombosis involving the superior sagittal sinus.", "venous_sinus_thrombosis", None),
        ("Calf vein thrombosis in the left peroneal veins.", "deep_vein_thrombosis", "left"),
        ("Germinal matrix hemorrhage grade II on the left.", "intracranial_hemorrhage", "left"),
        ("CT perfusion demonstrates a core infarct of 12 mL in the left MCA territory.", "acute_infarct", "left"),
        ("Perched facets at C6-C7 on the left.", "dislocation", "left"),
        ("Cervical cord contusion at C4 without hemorrhage.", "spinal_cord_injury", None),
        ("Hypertrophic pyloric stenosis.", "pyloric_stenosis", None),
        ("Button battery in the stomach.", "foreign_body", None),
        ("Slipped capital femoral epiphysis on the left.", "slipped_capital_femoral_epiphysis", "left"),
        ("Classic metaphyseal lesion of the distal right femur.", "fracture", "right"),
        ("Mild chronic microangiopathic white matter changes.", "small_vessel_disease", None),
        # (a vestibular schwannoma is outside the brain: its own code, not a brain mass)
        ("Small right vestibular schwannoma measuring 6 mm.", "vestibular_schwannoma", "right"),
        # fluid is not blood, and a joint's infection is not the bone's
        ("Small bilateral subdural hygromas.", "subdural_hygroma", "bilateral"),
    ],
)  # fmt: skip
def test_read_as_a_radiologist_reads_it(text: str, code: str, laterality: str | None) -> None:
    f = structure(text).by_code()[code]
    assert f.assertion.value == "present" and f.laterality == laterality


@pytest.mark.parametrize(
    ("text", "code", "not_code"),
    [
        ("Left internal carotid artery dissection with intramural hematoma.", "cervical_artery_dissection",
         "aortic_dissection"),
        ("Small bilateral subdural hygromas.", "subdural_hygroma", "subdural_hematoma"),
        ("Small right hip joint effusion, transient synovitis versus septic arthritis.", "septic_arthritis",
         "osteomyelitis"),
        ("Classic metaphyseal lesion of the distal right femur.", "fracture", "lesion"),
    ],
)  # fmt: skip
def test_not_read_as_its_neighbour(text: str, code: str, not_code: str) -> None:
    codes = {f.code for f in structure(text).findings}
    assert code in codes and not_code not in codes


@pytest.mark.parametrize(
    ("finding", "code", "tier"),
    [
        ("Left internal carotid artery dissection.", "cervical_artery_dissection", "red"),
        ("Superior sagittal sinus thrombosis.", "venous_sinus_thrombosis", "red"),
        ("Cervical cord contusion at C4.", "spinal_cord_injury", "red"),
        ("Hypertrophic pyloric stenosis.", "pyloric_stenosis", "orange"),
        ("Slipped capital femoral epiphysis on the left.", "slipped_capital_femoral_epiphysis", "orange"),
    ],
)
def test_new_emergencies_are_critical_results(finding: str, code: str, tier: str) -> None:
    assert [(c.code, c.tier) for c in assess("FINDINGS: " + finding).critical] == [(code, tier)]


def test_a_hygroma_is_no_bleed_to_call_about() -> None:
    assert assess("FINDINGS: Small bilateral subdural hygromas.").critical == []


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # a removal is the device's, not the finding's before it
        ("Small residual pneumothorax after chest tube removal.", "pneumothorax", "present"),
        ("Tiny left apical pneumothorax following chest tube removal.", "pneumothorax", "present"),
        ("Pneumothorax after central line removal.", "pneumothorax", "present"),
        ("Small left pleural effusion after chest tube removal.", "pleural_effusion", "present"),
        ("Status post chest tube removal.", "chest_tube", "absent"),
        ("No pneumothorax after chest tube removal.", "pneumothorax", "absent"),
        # what something only looks like is not there
        ("Skin fold mimicking pneumothorax.", "pneumothorax", "absent"),
        ("Large hiatal hernia simulating a mass.", "mass", "absent"),
        ("Large hiatal hernia simulating a mass.", "hiatal_hernia", "present"),
        # "stable, enlarged" is an enlarged heart that has not changed
        ("Heart size is stable, enlarged.", "cardiomegaly", "present"),
        ("Cardiomediastinal silhouette is stable, enlarged.", "cardiomegaly", "present"),
    ],
)
def test_assertion(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


@pytest.mark.parametrize(
    ("text", "code", "size_mm", "change"),
    [
        # the size before is the one just measured's, even with a finding after it
        ("Acute right subdural hematoma measuring 11 mm, previously 7 mm, with 6 mm leftward midline shift.",
         "subdural_hematoma", 11.0, "worsened"),
        ("Acute right subdural hematoma measuring 11 mm, previously 7 mm, with 6 mm leftward midline shift.",
         "midline_shift", 6.0, None),
        ("Infrarenal abdominal aortic aneurysm measuring 5.6 cm, previously 5.1 cm, with mural thrombus.",
         "aortic_aneurysm", 56.0, "worsened"),
        ("Right upper lobe nodule measuring 12 mm, previously 8 mm, with adjacent atelectasis.", "nodule", 12.0,
         "worsened"),
        # a size is not the removed tube's
        ("Small right apical pneumothorax after right chest tube removal, measuring 1.2 cm.", "pneumothorax", 12.0,
         None),
    ],
)  # fmt: skip
def test_size_and_change(text: str, code: str, size_mm: float, change: str | None) -> None:
    f = structure(text).by_code()[code]
    assert (f.size_mm, f.change.value if f.change else None) == (size_mm, change)


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # from the letter review: a neck node called abnormal or suspicious is a node, not breast calcifications
        ("An abnormal right level 3 lymph node with microcalcifications measuring 1.4 cm, suspicious for "
         "metastasis.", "lymphadenopathy", "present"),
        ("Suspicious right cervical lymph node.", "lymphadenopathy", "present"),
        ("No suspicious lymph nodes.", "lymphadenopathy", "absent"),
        # a penetrating atherosclerotic ulcer is an acute aortic syndrome, not the aorta's plaque
        # (each its own code: an ulcer or a hematoma in the wall is no tear by name)
        ("No evidence of intramural hematoma or penetrating atherosclerotic ulcer.", "intramural_hematoma", "absent"),
        ("No evidence of intramural hematoma or penetrating atherosclerotic ulcer.", "penetrating_aortic_ulcer",
         "absent"),
    ],
)  # fmt: skip
def test_letter_review_readings(text: str, code: str, assertion: str) -> None:
    assert structure(text).by_code()[code].assertion.value == assertion


@pytest.mark.parametrize(
    ("text", "absent_code"),
    [
        (
            "An abnormal right level 3 lymph node with microcalcifications measuring 1.4 cm.",
            "breast_calcifications",
        ),
        (
            "No evidence of intramural hematoma or penetrating atherosclerotic ulcer.",
            "aortic_atherosclerosis",
        ),
        ("Recommend multidisciplinary tumor board discussion.", "mass"),
    ],
)
def test_not_read(text: str, absent_code: str) -> None:
    assert absent_code not in {f.code for f in structure(text).findings}


def test_dilated_loops_concerning_for_obstruction_are_a_possible_obstruction_not_an_ileus() -> None:
    codes = {
        f.code: f.assertion.value
        for f in structure("Dilated loops of small bowel concerning for obstruction.").findings
    }
    assert codes == {"bowel_obstruction": "uncertain"}
