"""Letters after the seventh review (made-up breast, thyroid, liver and chest CT reports): what a patient would miss
or misread."""

from __future__ import annotations

import pytest

from radpilot.patient.simplify import simplify
from radpilot.patient.verifier import verify
from radpilot.structure import structure


# -- 1. "No evidence of recurrent disease" is told, in the report's own noun --------------------------------------
@pytest.mark.parametrize(
    ("impression", "lang", "said"),
    [
        ("No evidence of recurrent disease.", "en", ["There is no sign that the disease has come back."]),
        ("No evidence of recurrent disease.", "es", ["No hay señales de que la enfermedad haya vuelto."]),
        ("No evidence of recurrence.", "en", ["There is no sign that the disease has come back."]),
        ("No evidence of recurrent malignancy.", "en", ["There is no sign that the cancer has come back."]),
        ("No evidence of recurrent malignancy.", "es", ["No hay señales de que el cáncer haya vuelto."]),
        (
            "No residual or recurrent tumor.",
            "en",
            ["There is no sign that the tumor is still there or has come back."],
        ),
        ("No residual or recurrent tumor.", "es", ["No hay señales de que el tumor siga ahí o haya vuelto."]),
        ("No evidence of metastatic disease.", "en", ["There is no sign that cancer has spread."]),
        ("No evidence of metastatic disease.", "es", ["No hay señales de que el cáncer se haya extendido."]),
        (
            "No evidence of recurrent or metastatic disease.",
            "en",
            ["There is no sign that the disease has come back.", "There is no sign that cancer has spread."],
        ),
    ],
)
def test_no_recurrence_is_told_first(impression: str, lang: str, said: list[str]) -> None:
    pv = simplify(f"FINDINGS: 0.4 cm nodule in the right thyroid lobe.\nIMPRESSION: {impression}", lang=lang)
    assert pv.letter.found[: len(said)] == said, pv.letter.found
    assert pv.verified, pv.issues
    # the statement is told, not counted as a note we could not put in plain words
    assert not any("more note" in s or "nota más" in s for s in pv.letter.found), pv.letter.found


@pytest.mark.parametrize(
    "report",
    [
        # a place or a qualifier the letter cannot say: not told as if it were everywhere
        "FINDINGS: Small right pleural effusion. IMPRESSION: No evidence of local recurrence.",
        "FINDINGS: Small right pleural effusion. IMPRESSION: No evidence of metastatic disease in the chest.",
        # beside a concern of cancer or a spread the report finds, it would mislead
        "FINDINGS: New 8 mm nodule in the right upper lobe, suspicious for metastasis. "
        "IMPRESSION: No evidence of recurrent disease in the surgical bed.",
        "FINDINGS: New liver lesions consistent with metastases. IMPRESSION: No evidence of recurrent disease.",
        # no recurrence named
        "FINDINGS: No residual pneumothorax.",
    ],
)
def test_no_recurrence_is_not_told_where_it_would_overstate(report: str) -> None:
    pv = simplify(report)
    assert not any("come back" in s or "has spread" in s or "still there" in s for s in pv.letter.found)


def test_a_no_recurrence_sentence_the_report_does_not_say_fails_verification() -> None:
    check = verify(
        structure("FINDINGS: 8 mm nodule in the right upper lobe."),
        "There is no sign that the cancer has come back. We see a spot on the lung on the right side. It measures "
        "8 mm.",
    )
    assert not check.ok and any("come back" in i for i in check.issues)
    # "recurrent disease" is never told as cancer
    check = verify(
        structure("FINDINGS: Stable postoperative changes. IMPRESSION: No evidence of recurrent disease."),
        "There is no sign that the cancer has come back.",
    )
    assert not check.ok and any("come back" in i for i in check.issues)


# -- 8. cancer proven by biopsy (BI-RADS 6) or definite by imaging (LR-5) is never "could be cancer" ---------------
@pytest.mark.parametrize(
    ("report", "lang", "said"),
    [
        (
            "EXAM: Diagnostic mammogram.\nFINDINGS: Biopsy clip within the known 1.5 cm mass in the right breast.\n"
            "IMPRESSION: BI-RADS 6: Known biopsy-proven malignancy in the right breast.",
            "en",
            "Your report says this is the cancer that was already found by biopsy. Please talk about the next steps "
            "with your doctor.",
        ),
        (
            "EXAM: Diagnostic mammogram.\nFINDINGS: Biopsy clip within the known 1.5 cm mass in the right breast.\n"
            "IMPRESSION: BI-RADS 6: Known biopsy-proven malignancy in the right breast.",
            "es",
            "Su informe dice que este es el cáncer que ya se encontró con la biopsia. Hable con su médico sobre los "
            "próximos pasos.",
        ),
        (
            "EXAM: MRI liver.\nFINDINGS: Segment 7 observation measuring 2.4 cm with washout.\n"
            "IMPRESSION: LR-5 observation in segment 7, definitely hepatocellular carcinoma.",
            "en",
            "Your report says the scan shows liver cancer. Please talk about it with your doctor soon.",
        ),
        (
            "EXAM: MRI liver.\nFINDINGS: Segment 7 observation measuring 2.4 cm with washout.\n"
            "IMPRESSION: LR-5 observation in segment 7, definitely hepatocellular carcinoma.",
            "es",
            "Su informe dice que la prueba muestra cáncer de hígado. Hable de esto pronto con su médico.",
        ),
    ],
)
def test_proven_or_definite_cancer_is_told_as_such(report: str, lang: str, said: str) -> None:
    pv = simplify(report, lang=lang)
    assert said in pv.letter.means, pv.letter.means
    concern = {"en": "could be cancer", "es": "pueda ser cáncer"}[lang]
    assert not any(concern in m for m in pv.letter.means), pv.letter.means
    assert pv.verified, pv.issues


def test_a_proven_cancer_beside_another_concern_says_both() -> None:
    from radpilot.patient.glossary import letter_text

    tx = letter_text("en")
    pv = simplify(
        "EXAM: Bilateral mammogram.\nFINDINGS: Known 1.5 cm mass in the right breast. New 8 mm mass in the left "
        "breast.\nIMPRESSION: Right breast: BI-RADS 6. Left breast: BI-RADS 4, suspicious for malignancy."
    )
    assert tx.proven_note in pv.letter.means and tx.concern_note in pv.letter.means
    # a letter that says proven or definite cancer where the report does not fails verification
    for note in (tx.proven_note, tx.definite_note):
        check = verify(
            structure("FINDINGS: 8 mm mass in the left breast. IMPRESSION: BI-RADS 4."),
            f"We see a lump. {note}",
        )
        assert not check.ok, note


# -- 3. a probably-benign category (BI-RADS 3, Lung-RADS 3) is told, never beside a concern of cancer -------------
@pytest.mark.parametrize(
    ("report", "lang", "said"),
    [
        (
            "EXAM: LDCT lung screening.\nFINDINGS: 7 mm solid nodule in the left lower lobe, new since prior.\n"
            "IMPRESSION: Lung-RADS 3: Probably benign. Recommend low-dose chest CT in 6 months.",
            "en",
            "Your report says the main finding is probably benign, which means it is most likely not cancer.",
        ),
        (
            "EXAM: LDCT lung screening.\nFINDINGS: 7 mm solid nodule in the left lower lobe, new since prior.\n"
            "IMPRESSION: Lung-RADS 3: Probably benign. Recommend low-dose chest CT in 6 months.",
            "es",
            "Su informe dice que el hallazgo principal probablemente es benigno, es decir, que lo más seguro es que no "
            "sea cáncer.",
        ),
        (
            "EXAM: Diagnostic mammogram.\nFINDINGS: 8 mm oval circumscribed mass in the left breast.\n"
            "IMPRESSION: BI-RADS 3: Probably benign. Recommend short-interval follow-up in 6 months.",
            "en",
            "Your report says the main finding is probably benign, which means it is most likely not cancer.",
        ),
    ],
)
def test_a_probably_benign_category_is_told(report: str, lang: str, said: str) -> None:
    from radpilot.patient.glossary import letter_text

    pv = simplify(report, lang=lang)
    assert said in pv.letter.means, pv.letter.means
    # never called benign outright
    assert letter_text(lang).benign_note not in pv.letter.means
    assert pv.verified, pv.issues


def test_probably_benign_is_never_beside_a_concern_and_is_verified() -> None:
    from radpilot.patient.glossary import letter_text

    note = letter_text("en").probably_benign_note
    mixed = simplify(
        "FINDINGS: Right breast mass, BI-RADS 3. Left breast mass, highly suggestive of malignancy, BI-RADS 5."
    )
    assert note not in mixed.letter.means
    # a right BI-RADS 2 beside a left BI-RADS 3: probably benign, not benign
    both = simplify("FINDINGS: Right breast cyst, BI-RADS 2. Left breast 6 mm mass, BI-RADS 3.")
    assert note in both.letter.means and letter_text("en").benign_note not in both.letter.means
    check = verify(
        structure("FINDINGS: 8 mm nodule in the right upper lobe."), "We see a spot on the lung. " + note
    )
    assert not check.ok and any("probably benign" in i for i in check.issues)


# -- 2. results not back yet are told as such ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("impression", "lang", "said"),
    [
        (
            "Clip in expected position. Pathology pending.",
            "en",
            "The results of the tissue sample are not back yet. Your doctor will share them with you.",
        ),
        (
            "Clip in expected position. Biopsy results are pending.",
            "en",
            "The results of the tissue sample are not back yet. Your doctor will share them with you.",
        ),
        (
            "Clip in expected position. Pathology pending.",
            "es",
            "Los resultados de la muestra de tejido todavía no están listos. Su médico se los dará.",
        ),
    ],
)
def test_pending_results_are_a_next_step(impression: str, lang: str, said: str) -> None:
    pv = simplify(
        f"FINDINGS: Small post-biopsy hematoma in the left breast.\nIMPRESSION: {impression}", lang=lang
    )
    assert pv.letter.next == [said], pv.letter.next
    assert pv.verified, pv.issues


# -- 4. the thyroid's isthmus is midline: a nodule there has no side -----------------------------------------------
@pytest.mark.parametrize(
    ("report", "lang", "found"),
    [
        (
            "EXAM: Thyroid ultrasound.\nFINDINGS: TR4 isthmus nodule measuring 1.1 cm.\nIMPRESSION: Recommend FNA "
            "of the isthmus nodule and the right level 3 lymph node.",
            "en",
            [
                "We see a lump in the thyroid. It is in the middle part of the thyroid. It measures 1.1 cm, which is "
                "less than half an inch."
            ],
        ),
        (
            "EXAM: Thyroid ultrasound.\nFINDINGS: Right lobe 8 mm nodule. Isthmus 6 mm nodule, TR3.",
            "en",
            [
                "We see a lump in the thyroid on the right side. It measures 8 mm, which is less than half an inch.",
                "We see a lump in the thyroid. It is in the middle part of the thyroid. It measures 6 mm, which is less "
                "than a quarter of an inch.",
            ],
        ),
        (
            "EXAM: Thyroid ultrasound.\nFINDINGS: 9 mm nodule in the isthmus. A 7 mm nodule in the left lobe of the "
            "thyroid.",
            "es",
            [
                "Vemos un bulto en la tiroides. Está en la parte del medio de la tiroides. Mide 9 mm, es decir, menos de "
                "un centímetro.",
                "Vemos un bulto en la tiroides en el lado izquierdo. Mide 7 mm, es decir, menos de un centímetro.",
            ],
        ),
    ],
)
def test_an_isthmus_nodule_has_no_side(report: str, lang: str, found: list[str]) -> None:
    pv = simplify(report, lang=lang)
    assert pv.letter.found == found
    assert pv.verified, pv.issues


# -- 5. a lymph node's cortex is not the bone's ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "es"])
def test_cortex_is_an_outer_layer_not_only_a_bones(lang: str) -> None:
    pv = simplify(
        "EXAM: Left breast ultrasound.\nFINDINGS: An enlarged left axillary lymph node with cortical thickening.",
        lang=lang,
    )
    entry = next(w for w in pv.letter.words if w.term == "cortex")
    assert {"en": "lymph node", "es": "ganglio linfático"}[lang] in entry.explain
    assert "bone" not in entry.plain and "hueso" not in entry.plain


# -- 9. Spanish: gender, degree words for an amount of calcium, and no Spain-only words ----------------------------
@pytest.mark.parametrize(
    ("report", "lang", "said", "never"),
    [
        ("FINDINGS: Left hilar enlargement.", "es", "Vemos una raíz del pulmón más grande", "un raíz"),
        (
            "FINDINGS: Possible left hilar enlargement.",
            "es",
            "Puede haber una raíz del pulmón más grande",
            "un raíz",
        ),
        (
            "FINDINGS: Severe coronary artery calcification.",
            "es",
            "Vemos calcio en las arterias del corazón. La cantidad es muy grande.",
            "grave",
        ),
        (
            "FINDINGS: Severe coronary artery calcification.",
            "en",
            "We see calcium in the heart arteries. The amount is very large.",
            "severe",
        ),
        (
            "FINDINGS: Moderate coronary artery calcification.",
            "en",
            "We see calcium in the heart arteries. The amount is medium.",
            "medium in size",
        ),
        ("FINDINGS: Moderate vascular calcification.", "es", "La cantidad es mediana.", "tamaño"),
    ],
)
def test_spanish_words_and_amounts(report: str, lang: str, said: str, never: str) -> None:
    pv = simplify(report, lang=lang)
    found = " ".join(pv.letter.found)
    assert said in found and never not in found, pv.letter.found
    assert pv.verified, pv.issues


def test_no_spain_only_words_in_the_spanish_glossary() -> None:
    from radpilot.patient.glossary import data_dir

    text = (data_dir() / "glossary_es.yaml").read_text(encoding="utf-8").lower()
    for word in ("judía", "alubia", "habichuela"):
        assert word not in text


# -- 6. a biopsy clip is a marker placed at a biopsy, not "metal clips from surgery" ------------------------------
@pytest.mark.parametrize(
    ("report", "lang", "said"),
    [
        (
            "EXAM: Post-biopsy left mammogram.\nFINDINGS: A biopsy clip is in the left breast.\nIMPRESSION: Clip in "
            "expected position.",
            "en",
            "We see a small metal clip that marks where a biopsy was done on the left side. It is in the breast.",
        ),
        (
            "EXAM: Post-biopsy left mammogram.\nFINDINGS: A biopsy clip is in the left breast.\nIMPRESSION: Clip in "
            "expected position.",
            "es",
            "Vemos un pequeño clip de metal que marca dónde se hizo la biopsia en el lado izquierdo. Está en el seno.",
        ),
        (
            "FINDINGS: Marker clip in the right breast.",
            "en",
            "We see a small metal clip that marks where a biopsy was done on the right side. It is in the breast.",
        ),
        # surgical clips are still surgical clips
        (
            "FINDINGS: Cholecystectomy clips in the right upper quadrant.",
            "en",
            "We see metal clips from surgery",
        ),
    ],
)
def test_a_biopsy_clip_is_a_marker(report: str, lang: str, said: str) -> None:
    pv = simplify(report, lang=lang)
    assert any(s.startswith(said) for s in pv.letter.found), pv.letter.found
    text = " ".join(pv.letter.found + pv.letter.means).lower()
    if "biopsy" in said or "biopsia" in said:
        assert "surgery" not in text and "cirugía" not in text and "grapas" not in text
    assert pv.verified, pv.issues
