"""Letters from reviews rv15b and rv15d (2026-12-01): a normal first-trimester pregnancy is told with its heartbeat, a
failed one explained without stating it when only possible, the Spanish letter says a side as the paired body part's
adjective, a denial with its article and an amount of fluid as an amount, and a denied tumor in a vein is no "no sign
of a lump" beside a liver cancer."""

from __future__ import annotations

import pytest

from radpilot.patient import simplify


def test_a_live_intrauterine_pregnancy_is_told_with_its_heartbeat() -> None:
    report = (
        "EXAM: US OB first trimester\nFINDINGS: Single live intrauterine pregnancy. Crown-rump length 8 mm, "
        "corresponding to 6 weeks 5 days. Fetal heart rate 162 beats per minute."
    )
    en = simplify(report)
    assert "We see a pregnancy inside the womb. There is a heartbeat." in en.letter.found
    assert en.verified, en.issues
    es = simplify(report, lang="es")
    assert "Vemos un embarazo dentro de la matriz. Hay latido del corazón." in es.letter.found


def test_no_heartbeat_is_told_for_a_failed_pregnancy() -> None:
    pv = simplify(
        "EXAM: US OB\nFINDINGS: Single intrauterine gestational sac with an embryo. No embryonic cardiac activity "
        "is identified."
    )
    found = " ".join(pv.letter.found)
    assert "We see a pregnancy that has stopped growing." in found
    assert "There is a heartbeat." not in found
    assert pv.verified, pv.issues


@pytest.mark.parametrize(
    ("report", "said"),
    [
        ("FINDINGS: 6 mm nodule in the right upper lobe.", "Vemos una mancha en el pulmón derecho."),
        (
            "FINDINGS: Small left pleural effusion.",
            "Vemos líquido alrededor del pulmón izquierdo. La cantidad es pequeña.",
        ),
        ("FINDINGS: No fracture.", "No hay señales de un hueso roto."),
        ("FINDINGS: Small bilateral pleural effusions.", "Vemos líquido alrededor de los dos pulmones."),
        ("FINDINGS: Bilateral renal cysts.", "Vemos unos sacos con líquido en los dos riñones."),
        ("FINDINGS: No pleural effusion.", "No hay señales de líquido alrededor del pulmón."),
    ],
)
def test_spanish_wording(report: str, said: str) -> None:
    pv = simplify(report, lang="es")
    assert any(s.startswith(said) for s in pv.letter.found), pv.letter.found


def test_a_tumor_denied_in_a_vein_is_no_denied_lump_beside_a_liver_cancer() -> None:
    pv = simplify(
        "EXAM: MRI liver\nFINDINGS: 3.2 cm arterially enhancing observation in segment 7 with washout and capsule, "
        "LR-5, consistent with hepatocellular carcinoma. No tumor in vein."
    )
    assert not any("no sign of a lump" in s for s in pv.letter.found), pv.letter.found
    assert pv.verified, pv.issues


def test_a_malpositioned_iud_is_told_before_an_incidental_cyst() -> None:
    pv = simplify(
        "EXAM: US pelvis\nFINDINGS: Left ovary contains a 2.5 cm simple cyst; no follow-up imaging is needed. "
        "The intrauterine device is malpositioned, with the shaft in the cervical canal."
    )
    assert pv.letter.found[0] == (
        "We see a birth control device in the womb. It is not in the right place, and your doctor will talk with you "
        "about it."
    )
    assert pv.verified, pv.issues


def test_two_broken_bones_at_two_places_are_each_told() -> None:
    report = (
        "EXAM: XR LEFT WRIST 3 VIEWS\nFINDINGS: There is an acute transverse fracture of the distal radial metaphysis "
        "with 3 mm of dorsal displacement and mild dorsal angulation. Ulnar styloid fracture. Soft tissue swelling.\n"
        "IMPRESSION: Acute distal radius fracture with mild dorsal angulation and associated ulnar styloid fracture."
    )
    pv = simplify(report)
    broken = [line for line in pv.letter.found if line.startswith("We see a broken bone")]
    assert len(broken) == 2, pv.letter.found
    assert any("forearm" in line for line in broken) and any("wrist" in line for line in broken)
    assert not any("mild" in line for line in broken)
    assert pv.verified, pv.issues


def test_a_torn_acl_beside_a_torn_meniscus_is_told_too() -> None:
    report = (
        "EXAM: MRI LEFT KNEE\nFINDINGS: Complete tear of the anterior cruciate ligament. Vertical longitudinal tear of "
        "the posterior horn of the lateral meniscus.\nIMPRESSION: Complete ACL tear. Lateral meniscal tear."
    )
    pv = simplify(report)
    found = " ".join(pv.letter.found)
    assert "torn ligament or tendon" in found and "torn cartilage pad in the knee" in found, pv.letter.found
    assert pv.verified, pv.issues


def test_a_pain_studys_emergency_denied_is_told() -> None:
    report = (
        "EXAM: US PELVIS\nINDICATION: Pelvic pain.\nFINDINGS: RIGHT OVARY: 2.9 cm hemorrhagic cyst. Normal arterial "
        "and venous flow.\nIMPRESSION: 2.9 cm right ovarian hemorrhagic cyst. No evidence of torsion."
    )
    pv = simplify(report)
    # (a bare torsion on a pelvic study is the ovary's, review rv37c)
    assert any("no sign of a twisted ovary" in line for line in pv.letter.found), pv.letter.found
    # (the impression's cyst is the ovary's, told once)
    assert sum("sac" in line for line in pv.letter.found) == 1, pv.letter.found


@pytest.mark.parametrize(
    ("impression", "lines"),
    [
        (
            "5 mm right upper lobe solid nodule. In a low-risk patient, no routine follow-up is needed per Fleischner "
            "guidelines; in a high-risk patient, optional CT at 12 months.",
            [
                "Your report says no more tests or visits are needed for this if your doctor finds that your risk is "
                "low.",
                "Your report says a CT scan in 12 months may be done if your doctor finds that your risk is high.",
            ],
        ),
        (
            "New 4 mm left upper lobe nodule, likely inflammatory; optional follow-up CT in 12 months if high risk.",
            [
                "Your report says a CT scan in 12 months may be done if your doctor finds that your risk is high."
            ],
        ),
        (
            "4 mm nodule. Optional follow-up CT in 12 months.",
            ["Your report says a CT scan in 12 months is an option."],
        ),
        ("4 mm nodule. Follow-up CT in 12 months.", ["Your report suggests a CT scan in 12 months."]),
    ],
)
def test_a_step_said_for_one_risk_or_as_optional_keeps_its_condition(
    impression: str, lines: list[str]
) -> None:
    pv = simplify(f"EXAM: CT CHEST\nFINDINGS: Small right upper lobe nodule.\nIMPRESSION: {impression}")
    assert pv.letter.next == lines
    assert pv.verified, pv.issues


def test_an_intermediate_risk_of_malignancy_is_a_concern_of_cancer() -> None:
    pv = simplify(
        "EXAM: US PELVIS\nFINDINGS: Left ovary contains a 4.5 cm complex cystic lesion with a thick septation.\n"
        "IMPRESSION: 4.5 cm complex left adnexal lesion, O-RADS 4, intermediate risk of malignancy."
    )
    assert any("concerned this could be cancer" in line for line in pv.letter.means), pv.letter.means


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_finding_said_only_not_to_be_new_is_not_explained_as_possible(lang: str) -> None:
    pv = simplify(
        "EXAM: MRI RIGHT KNEE\nFINDINGS: Postoperative changes of partial medial meniscectomy. No new meniscal tear. "
        "Small joint effusion.\nIMPRESSION: No new meniscal tear.",
        lang=lang,
    )
    means = " ".join(pv.letter.means)
    assert "rubbery pads" not in means and "almohadillas" not in means, pv.letter.means
    # (nothing in the letter "may be" there)
    assert "not sure" not in means and "no está seguro" not in means, pv.letter.means
    assert pv.verified, pv.issues
