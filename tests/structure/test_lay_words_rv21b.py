"""Plain-language wordings a patient letter uses, read back as the report's findings (review rv21b).

Each row: a lay sentence, the code it must give, its assertion and its side (None: no side). Near-misses and
technical text that must not give the code are listed separately.
"""

from __future__ import annotations

import pytest

from radpilot import structure


def _readings(text: str) -> set[tuple[str, str, str | None]]:
    out = set()
    for f in structure(text).findings:
        side = f.laterality.value if f.laterality is not None else None
        out.add((f.code, f.assertion.value, side))
    return out


READS = [
    # lungs
    ("That part of the lung looks filled in.", "consolidation", "present", None),
    ("The lower part of your left lung looks filled in.", "consolidation", "present", "left"),
    ("The filled-in area at the bottom of the left lung has grown.", "consolidation", "present", "left"),
    ("The lung is not filled in.", "consolidation", "absent", None),
    ("There is a lung infection in the right lung.", "pneumonia", "present", "right"),
    ("This could be a lung infection.", "pneumonia", "uncertain", None),
    ("A little fluid sits around the left lung.", "pleural_effusion", "present", "left"),
    ("Small amounts of fluid sit around both lungs.", "pleural_effusion", "present", "bilateral"),
    ("A small part of the bottom of your left lung is collapsed.", "atelectasis", "present", "left"),
    ("The lowest part of the left lung is partly collapsed.", "atelectasis", "present", "left"),
    ("The bottom of the left lung is partly deflated.", "atelectasis", "present", "left"),
    ("It could be a small collapsed area of the lung.", "atelectasis", "uncertain", None),
    ("There is some blood around the right lung.", "hemothorax", "present", "right"),
    (
        "Both lungs have patches that look hazy, like frosted glass.",
        "ground_glass_opacity",
        "present",
        "bilateral",
    ),
    (
        "The tube in your windpipe ends 4 cm above the split of the airway.",
        "endotracheal_tube",
        "present",
        None,
    ),
    ("The tube through your nose goes into the stomach.", "enteric_tube", "present", None),
    ("There is also a swollen lymph node near the right lung.", "lymphadenopathy", "present", "right"),
    # vessels and the heart
    ("There is a new blood clot in the lung arteries.", "pulmonary_embolism", "present", None),
    (
        "The scan found a fresh clot in the lung arteries of the lower right lung.",
        "pulmonary_embolism",
        "present",
        "right",
    ),
    (
        "We see a blood clot in the blood vessels of the lower part of your right lung.",
        "pulmonary_embolism",
        "present",
        "right",
    ),
    ("There is no blood clot in the lung arteries.", "pulmonary_embolism", "absent", None),
    (
        "We see a new clot blocking the big veins of the left thigh.",
        "deep_vein_thrombosis",
        "present",
        "left",
    ),
    ("The ultrasound found a deep vein clot in the left leg.", "deep_vein_thrombosis", "present", "left"),
    ("Your heart is under strain from it.", "right_heart_strain", "present", None),
    ("Your heart is not under strain from it.", "right_heart_strain", "absent", None),
    ("The right side of the heart is not strained.", "right_heart_strain", "absent", None),
    ("The main blood vessel in your belly (the aorta) has a bulge.", "aortic_aneurysm", "present", None),
    ("There are swollen veins in the left side of your scrotum.", "varicocele", "present", "left"),
    ("The left testicle may be twisted.", "testicular_torsion", "uncertain", "left"),
    ("There is no twisting of a testicle.", "testicular_torsion", "absent", None),
    ("The right ovary is twisted.", "ovarian_torsion", "present", "right"),
    ("There is no sign that the ovary is twisted.", "ovarian_torsion", "absent", None),
    # abdomen
    ("Your left kidney is mildly swollen.", "hydronephrosis", "present", "left"),
    ("The left kidney is a little swollen with urine.", "hydronephrosis", "present", "left"),
    ("Your kidneys are not swollen.", "hydronephrosis", "absent", None),
    (
        "There is a 5 mm stone in the tube that drains your left kidney.",
        "ureterolithiasis",
        "present",
        "left",
    ),
    ("Your liver has a little extra fat in it.", "hepatic_steatosis", "present", None),
    ("There is a spot in the right lower part of your liver.", "liver_lesion", "present", "right"),
    ("The 2.1 cm liver spot is probably a hemangioma.", "liver_lesion", "present", None),
    ("The spleen is big, at 15 cm.", "splenomegaly", "present", None),
    ("There is a small amount of fluid in the lower belly.", "free_fluid", "present", None),
    ("A little fluid is in the pelvis.", "free_fluid", "present", None),
    ("Air has leaked into the belly outside the intestines.", "pneumoperitoneum", "present", None),
    ("This might be because of a blockage in the small bowel.", "bowel_obstruction", "uncertain", None),
    ("There is some fluid next to the gallbladder.", "pericholecystic_fluid", "present", None),
    ("It hurt when the probe pressed on it.", "sonographic_murphy_sign", "present", None),
    ("It was tender when pressed with the probe.", "sonographic_murphy_sign", "present", None),
    ("It was sore when pressed with the probe.", "sonographic_murphy_sign", "present", None),
    (
        "There is swelling and infection of small pouches in the large bowel.",
        "diverticulitis",
        "present",
        None,
    ),
    # brain
    ("It is pushing the brain 4 mm toward the left.", "midline_shift", "present", "left"),
    ("It has moved the middle of the brain 4 mm to the left.", "midline_shift", "present", "left"),
    ("The brain is not shifted.", "midline_shift", "absent", None),
    ("There is a small spot in the right front part of your brain.", "brain_lesion", "present", "right"),
    ("A 9 mm spot lights up in the right frontal lobe.", "brain_lesion", "present", "right"),
    ("There is no pool of blood inside the brain tissue.", "intracranial_hemorrhage", "absent", None),
    ("There are also mild changes from small blood vessel disease.", "small_vessel_disease", "present", None),
    # bones, joints, spine
    ("The bone in your left forearm, near the wrist, is broken.", "fracture", "present", "left"),
    ("You have a new break at the end of the left radius.", "fracture", "present", "left"),
    ("Your left wrist X-ray shows a new break of the radius near the wrist.", "fracture", "present", "left"),
    ("You have new breaks in the right 6th and 7th ribs.", "fracture", "present", "right"),
    ("No bones are broken.", "fracture", "absent", None),
    ("The wrist joint is out of place.", "dislocation", "present", None),
    ("No joint is out of place.", "dislocation", "absent", None),
    ("There is moderate fluid in the joint.", "joint_effusion", "present", None),
    (
        "One of the tendons at the top of your left shoulder is torn all the way through.",
        "ligament_tear",
        "present",
        "left",
    ),
    ("The supraspinatus tendon of your left shoulder has a full tear.", "ligament_tear", "present", "left"),
    ("The PCL is not torn.", "ligament_tear", "absent", None),
    ("The inner meniscus (a rubbery cushion) has a tear too.", "meniscal_tear", "present", None),
    ("A small cushion sac in the shoulder is mildly inflamed.", "bursitis", "present", None),
    ("At L4-L5, a disc has pushed out.", "disc_herniation", "present", None),
    ("It is squeezing the left L5 nerve.", "nerve_root_compression", "present", "left"),
    ("The spinal canal is a little narrow there.", "spinal_stenosis", "present", None),
    (
        "The space for the spinal nerves is mildly narrow at the same level.",
        "spinal_stenosis",
        "present",
        None,
    ),
]


@pytest.mark.parametrize(("text", "code", "assertion", "side"), READS)
def test_lay_wording_reads_as_the_finding(text: str, code: str, assertion: str, side: str | None) -> None:
    assert (code, assertion, side) in _readings(text), _readings(text)


# wordings (plain or technical) that must not give the code
NOT_READS = [
    ("There is a pulmonary infection.", "pneumonia"),  # the report's own word stays the generic infection
    ("There is an infection in the lung.", "pneumonia"),  # the glossary's words for the generic infection
    ("Your right lung has partly collapsed because air has leaked around it.", "atelectasis"),
    ("Right lung is completely collapsed due to tension pneumothorax.", "atelectasis"),
    ("There is a blood clot in a vein in your left leg.", "pulmonary_embolism"),
    ("Clot in the left atrial appendage.", "pulmonary_embolism"),
    ("Clot in the left atrial appendage.", "deep_vein_thrombosis"),
    ("Complete tear of the anterior cruciate ligament.", "meniscal_tear"),
    ("The biceps tendon is intact.", "ligament_tear"),
    ("Disc bulge at L3-L4.", "disc_herniation"),
    ("The kidneys are normal in size.", "hydronephrosis"),
    ("Hydronephrosis of the left kidney is absent; the right kidney is normal.", "ureterolithiasis"),
    ("There is fluid in the renal pelvis.", "free_fluid"),
    ("The thecal sac is mildly narrowed at L4-L5.", "bursitis"),
    ("The gestational sac is normal.", "bursitis"),
    ("The small bones of the wrist are not broken.", "dislocation"),
    ("Lead fracture is not seen; there is no break in the lead.", "fracture"),
    ("The heart is normal in size.", "right_heart_strain"),
    ("The left ovary is normal.", "ovarian_torsion"),
    ("One of the two rubbery pads that cushion the knee has a tear.", "ligament_tear"),
    ("There is collapsed lung under pressure.", "atelectasis"),
    ("The liver is normal. No fatty infiltration.", "liver_lesion"),
    ("The spleen is normal in size.", "splenomegaly"),
    ("The aorta is normal in caliber.", "aortic_aneurysm"),
    ("Liver has extra fat in it.", "liver_lesion"),
]


@pytest.mark.parametrize(("text", "code"), NOT_READS)
def test_near_miss_does_not_read_as_the_code(text: str, code: str) -> None:
    assert all(c != code or a == "absent" for c, a, _ in _readings(text)), _readings(text)


def test_denials_stay_denials() -> None:
    assert ("fracture", "absent", None) in _readings("The small bones of the wrist are not broken.")
    assert ("aortic_aneurysm", "absent", None) in _readings("The aorta has no aneurysm.")
    assert ("hydronephrosis", "absent", None) in _readings("Your left kidney is normal and not swollen.")
    assert ("consolidation", "present", None) not in _readings("The lungs are clear.")


# review rv21c: a letter's plain words for resolved
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The abscess has cleared up.", "abscess"),
        ("The pneumonia has gone away.", "pneumonia"),
        ("The fluid around the lung went away.", "pleural_effusion"),
    ],
)
def test_gone_away_is_resolved(text: str, code: str) -> None:
    assert [(f.code, f.assertion.value) for f in structure(text).findings] == [(code, "absent")]


# review rv21c: a letter's plain words for two critical findings (a denial of them flipped had passed unread)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The spinal cord is being pressed.", [("spinal_cord_compression", "present")]),
        ("The spinal cord is not being pressed.", [("spinal_cord_compression", "absent")]),
        ("The middle of your chest has been pushed to the side.", [("mediastinal_shift", "present")]),
    ],
)
def test_critical_findings_in_plain_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.code, f.assertion.value) for f in structure(text).findings] == expected
