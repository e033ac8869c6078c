"""Thirteenth 2026-12-02 session: what the twelfth session left alone and reviews rv23a/rv23b found (made-up
text). Tables by kind, one test a kind."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import placed


def _said(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.assertion.value) for f in structure(text).findings]


# the cardiothoracic ratio said with "<" or ">" (British, Indian and Australian reports); the signs are read only
# before a figure, so a size said with them still reads as the size
RATIO_SIGNS = [
    ("CTR > 0.5.", [("cardiomegaly", "present")]),
    ("CTR >0.5 on this PA film.", [("cardiomegaly", "present")]),
    ("The cardiothoracic ratio is > 0.5.", [("cardiomegaly", "present")]),
    ("CTR < 0.5.", [("cardiomegaly", "absent")]),
    ("CTR <0.5", [("cardiomegaly", "absent")]),
    ("CTR 0.58.", [("cardiomegaly", "present")]),
]


@pytest.mark.parametrize(("text", "expected"), RATIO_SIGNS, ids=[t for t, _ in RATIO_SIGNS])
def test_the_cardiothoracic_ratio_with_a_sign(text: str, expected: list[tuple[str, str]]) -> None:
    assert _said(text) == expected


def test_a_size_said_with_a_sign_is_still_the_size() -> None:
    (f,) = structure("Multiple nodules < 5 mm in the right upper lobe.").findings
    assert (f.code, f.size_mm, f.laterality, f.location) == ("nodule", 5.0, "right", "upper lobe")


# an obliterated costophrenic angle is a blunted one
OBLITERATED = [
    (
        "Obliteration of the right costophrenic angle.",
        [("costophrenic_blunting", "present", "right", "costophrenic angle")],
    ),
    (
        "Obliterated left costophrenic angle.",
        [("costophrenic_blunting", "present", "left", "costophrenic angle")],
    ),
    (
        "No obliteration of the costophrenic angles.",
        [("costophrenic_blunting", "absent", None, "costophrenic angle")],
    ),
    ("Blunting of the left CP angle.", [("costophrenic_blunting", "present", "left", "costophrenic angle")]),
]


@pytest.mark.parametrize(("text", "expected"), OBLITERATED, ids=[t for t, _ in OBLITERATED])
def test_an_obliterated_costophrenic_angle(
    text: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    assert placed(text) == expected


# an effusion under a joint's heading is the joint's
JOINT_HEADINGS = [
    ("Joint fluid: Small effusion.", [("joint_effusion", "present")]),
    (
        "EXAM: Right knee MRI.\nMenisci: Intact.\nJoint fluid: Moderate effusion.",
        # (the menisci's heading says them intact: review rv106d)
        [("meniscal_tear", "absent"), ("joint_effusion", "present")],
    ),
    (
        "Joints: Small effusion. Lungs: Small left effusion.",
        [("joint_effusion", "present"), ("pleural_effusion", "present")],
    ),
    ("Joint fluid: No effusion.", [("joint_effusion", "absent")]),
]


@pytest.mark.parametrize(("text", "expected"), JOINT_HEADINGS, ids=[t for t, _ in JOINT_HEADINGS])
def test_an_effusion_under_a_joints_heading(text: str, expected: list[tuple[str, str]]) -> None:
    assert _said(text) == expected


# rv23b (obstetric, gynaecologic and scrotal ultrasound): chest words that are no chest finding there, ovarian
# lesions named with their type, torsion said by its absent flow, the adnexa's heading
PELVIS = [
    ("Appropriate interval fetal growth.", []),
    ("Findings concerning for fetal growth restriction.", [("fetal_growth_restriction", "uncertain")]),
    ("Right ovary: Markedly enlarged, 6.8 x 5.5 x 5.0 cm, with central stromal edema.", []),
    # (the scrotal wall's swelling, not the lungs' oedema: review rv81c)
    (
        "Scrotal wall thickening and edema without abscess.",
        [("soft_tissue_swelling", "present"), ("abscess", "absent")],
    ),
    ("4 cm left adnexal cyst with fine reticular pattern of internal echoes.", [("ovarian_cyst", "present")]),
    (
        "Ileocolic intussusception with a cyst as lead point.",
        [("intussusception", "present"), ("cyst", "present")],
    ),
    ("Nabothian cysts in the cervix.", []),
    ("Left ovarian simple cyst, 2.0 cm.", [("ovarian_cyst", "present")]),
    ("Right ovarian hemorrhagic cyst.", [("ovarian_cyst", "present")]),
    ("Enlarged right ovary with absent arterial and venous flow.", [("ovarian_torsion", "uncertain")]),
    ("Enlarged right testis with absent arterial and venous flow.", [("testicular_torsion", "uncertain")]),
    ("Both ovaries demonstrate polycystic morphology.", [("polycystic_ovaries", "present")]),
    ("Single live intrauterine fetus.", [("intrauterine_pregnancy", "present")]),
    ("Right ovary: 3 cm solid lesion.", [("adnexal_mass", "present")]),
    ("Right adnexa: 11 cm multilocular cystic and solid mass.", [("adnexal_mass", "present")]),
    # the chest's own words stay the chest's
    (
        "Mild interstitial edema. Ground glass opacities in both lungs.",
        [("pulmonary_edema", "present"), ("ground_glass_opacity", "present")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PELVIS, ids=[t for t, _ in PELVIS])
def test_pelvic_and_scrotal_ultrasound_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert _said(text) == expected


def test_the_adnexas_heading_gives_its_side_and_size() -> None:
    (f,) = structure("Right adnexa: 11.2 x 9.0 x 8.4 cm multilocular cystic and solid mass.").findings
    assert (f.code, f.laterality, f.size_mm) == ("adnexal_mass", "right", 112.0)


# rv23a (pediatric and neonatal): umbilical lines, a child's fractures, the thymus, the kidney's calyces, aspiration
# as a procedure, an enema's reduction, urinary tract dilation
CHILDREN = [
    ("UVC tip projects over the liver and should be advanced.", [("umbilical_venous_catheter", "present")]),
    (
        "UAC tip at L3. UVC tip at T9.",
        [("umbilical_arterial_catheter", "present"), ("umbilical_venous_catheter", "present")],
    ),
    ("Umbilical venous catheter has been removed.", [("umbilical_venous_catheter", "absent")]),
    (
        "Widening of the distal fibular physis without visible fracture, possibly a Salter-Harris I injury.",
        [("fracture", "absent"), ("fracture", "uncertain")],
    ),
    ("Torus injury of the distal radius.", [("fracture", "present")]),
    ("Medial epicondyle avulsion on the right.", [("fracture", "present")]),
    ("Widened superior mediastinum with a wavy contour, represents normal thymic tissue.", []),
    ("Widened mediastinum concerning for aortic injury.", [("mediastinal_widening", "present")]),
    ("Blunted calyces in the left kidney.", []),
    ("Dilated left renal collecting system.", [("hydronephrosis", "present")]),
    ("UTD P2 on the right.", [("hydronephrosis", "present")]),
    ("Consider joint aspiration.", []),
    ("Successful air enema reduction of ileocolic intussusception.", [("intussusception", "absent")]),
    (
        "Air enema reduction was attempted but unsuccessful; ileocolic intussusception persists.",
        [("intussusception", "present")],
    ),
    ("Edematous valve leaflets.", []),
]


@pytest.mark.parametrize(("text", "expected"), CHILDREN, ids=[t for t, _ in CHILDREN])
def test_pediatric_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert _said(text) == expected


def test_a_uvc_is_a_central_line() -> None:
    from radpilot.structure import ancestors, default_lexicon

    assert {"central_venous_catheter", "support_device"} <= ancestors(
        default_lexicon(), "umbilical_venous_catheter"
    )
    assert "central_venous_catheter" not in ancestors(default_lexicon(), "umbilical_arterial_catheter")
