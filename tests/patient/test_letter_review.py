"""Letters after a review of 124 made-up letters (62 reports, English and Spanish): what a patient would misread."""

from __future__ import annotations

import pytest

from radpilot.patient.simplify import simplify


@pytest.mark.parametrize(
    ("report", "lang", "said", "never"),
    [
        # the exam says what the study is of: a knee's effusion is never fluid around the lung
        (
            "EXAMINATION: XR LEFT KNEE. FINDINGS: Small effusion. IMPRESSION: Osteoarthritis with small effusion.",
            "en",
            "joint",
            "lung",
        ),
        (
            "EXAMINATION: US THYROID. FINDINGS: 1.8 cm solid nodule in the right thyroid lobe with microcalcifications.",
            "en",
            "thyroid",
            "breast",
        ),
        ("EXAMINATION: CT HEAD. FINDINGS: Mild generalized volume loss.", "en", "brain", "lung"),
        ("Healing fracture of the base of the right fifth metatarsal.", "en", "broken bone", "lung"),
        # findings the letter could not name before
        (
            "FINDINGS: A 5 mm polyp in the gallbladder. IMPRESSION: 5 mm gallbladder polyp.",
            "en",
            "gallbladder",
            "notes",
        ),
        ("FINDINGS: Soft tissue swelling over the lateral malleolus.", "es", "hinchazón", "notas"),
        (
            "FINDINGS: Possible asymmetry in the left breast. IMPRESSION: BI-RADS 0.",
            "en",
            "other breast",
            "lump",
        ),
    ],
)
def test_what_the_letter_finds(report: str, lang: str, said: str, never: str) -> None:
    pv = simplify(report, lang=lang)
    found = " ".join(pv.letter.found).lower()
    assert said in found and never not in found, pv.letter.found
    assert pv.verified, pv.issues


@pytest.mark.parametrize(
    ("report", "step"),
    [
        # a next step said not to be needed is never one to take
        (
            "FINDINGS: Benign-appearing left thyroid nodule. IMPRESSION: No biopsy or follow-up needed.",
            "no more tests",
        ),
        (
            "FINDINGS: Left adrenal adenoma. IMPRESSION: Left adrenal adenoma. No further imaging is needed.",
            "no more",
        ),
        (
            "FINDINGS: Solid thyroid nodule. IMPRESSION: Fine needle aspiration is recommended.",
            "tissue sample",
        ),
        (
            "FINDINGS: No suspicious mass. IMPRESSION: Negative. BI-RADS 1. Recommend routine screening mammogram in 1 year.",
            "a mammogram in 1 year",
        ),
        (
            "FINDINGS: Possible asymmetry in the left breast. IMPRESSION: BI-RADS 0. Recommend additional diagnostic "
            "mammogram views and ultrasound.",
            "a mammogram and an ultrasound",
        ),
    ],
)
def test_what_happens_next(report: str, step: str) -> None:
    nxt = " ".join(simplify(report, lang="en").letter.next)
    assert step in nxt, nxt
    if step.startswith("no more"):
        assert "suggests" not in nxt, nxt


@pytest.mark.parametrize(
    "report",
    [
        "FINDINGS: The right kidney measures 10.5 cm. The left kidney measures 11 cm. No hydronephrosis, stones or "
        "masses. IMPRESSION: Normal renal ultrasound.",
        "FINDINGS: No suspicious mass or calcifications. IMPRESSION: Negative. BI-RADS 1.",
    ],
)
def test_a_normal_study_is_said_to_be_normal(report: str) -> None:
    pv = simplify(report, lang="en")
    assert "We did not find a problem on your images." in pv.letter.found, pv.letter.found


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", ["toward the left", "It is moderate."]),
        (
            "es",
            [
                "Vemos un desplazamiento del cerebro hacia la izquierda.",
                "Vemos un riñón hinchado",
                "Es de grado moderado.",
            ],
        ),
    ],
)
def test_a_direction_and_a_degree_are_said_as_such(lang: str, said: list[str]) -> None:
    pv = simplify("FINDINGS: 6 mm leftward midline shift. Moderate left hydronephrosis.", lang=lang)
    found = " ".join(pv.letter.found)
    assert all(s in found for s in said), found
    assert "medium in size" not in found and "tamaño mediano" not in found


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_organs_own_finding_does_not_say_its_organ_twice(lang: str) -> None:
    pv = simplify("FINDINGS: The liver is enlarged. 2 cm cyst in the left kidney.", lang=lang)
    found = " ".join(pv.letter.found)
    assert "It is in the liver" not in found and "Está en el hígado" not in found, found
    assert "It is in the kidney" not in found and "Está en el riñón" not in found, found
    if lang == "es":
        assert "centímetros" not in found, found  # "Mide 2 cm." needs no comparison in centimetres


def test_spanish_writes_decimals_with_a_comma_and_the_letter_still_verifies() -> None:
    pv = simplify("FINDINGS: 4.2 cm mass in the right upper lobe.", lang="es")
    assert "4,2 cm" in " ".join(pv.letter.found), pv.letter.found
    assert pv.verified, pv.issues


def test_a_degree_word_that_names_a_thing_is_no_degree() -> None:
    pv = simplify("FINDINGS: Chronic small vessel ischemic disease. Small bowel obstruction.", lang="en")
    found = " ".join(pv.letter.found)
    assert "It is mild" not in found and "It is small" not in found, found


@pytest.mark.parametrize(
    ("lang", "urgent"), [("en", "Your doctor needs to act on this right away."), ("es", "enseguida")]
)
def test_a_critical_result_is_said_to_need_acting_on_first(lang: str, urgent: str) -> None:
    pv = simplify(
        "FINDINGS: Small left pleural effusion. The feeding tube courses into the right lower lobe bronchus.",
        lang=lang,
    )
    assert urgent in pv.letter.found[0] and urgent not in " ".join(pv.letter.found[1:]), pv.letter.found
    assert pv.verified, pv.issues


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_reassurance_beside_a_concern_of_cancer(lang: str) -> None:
    pv = simplify(
        "FINDINGS: Fine pleomorphic calcifications in the right breast. IMPRESSION: Suspicious calcifications, "
        "BI-RADS 4. Stereotactic biopsy is recommended.",
        lang=lang,
    )
    means = " ".join(pv.letter.means).lower()
    assert "harmless" not in means and "inofensiv" not in means and "common" not in means, means
    assert pv.verified, pv.issues


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_report_that_only_denies_tells_what_it_denies(lang: str) -> None:
    pv = simplify("FINDINGS: No deep vein thrombosis.", lang=lang)
    assert len(pv.letter.found) == 1 and pv.verified, (pv.letter.found, pv.issues)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_nothing_acute_is_said_beside_chronic_findings(lang: str) -> None:
    pv = simplify(
        "FINDINGS: Mild chronic small vessel ischemic disease. IMPRESSION: No acute intracranial abnormality.",
        lang=lang,
    )
    assert pv.letter.found[-1] in (
        "Your report says there is no new or sudden problem.",
        "Su informe dice que no hay ningún problema nuevo o repentino.",
    ), pv.letter.found
    assert pv.verified, pv.issues
