"""Letter review 9: one lesion told once. What the report says a lesion may be ("lesion ..., suspicious for
malignancy", "opacity, suspicious for mass") is told with it, and the impression's size of a nodule the findings
measured ("6.5 mm RUL nodule" of "7 x 6 mm solid nodule in the right upper lobe", its mean diameter) is the same
nodule; two lesions (other sides, other lobes, other sizes, two said) stay two."""

from __future__ import annotations

import pytest

from radpilot.patient import simplify
from radpilot.patient.rewriter import same_size

# (report, English sentences the letter has, Spanish sentences it has, number of told findings, sentences never said)
MERGED = [
    (
        "FINDINGS: Spiculated 2.1 x 1.8 cm lesion in the left lower lobe, suspicious for malignancy.",
        [
            "We see an abnormal area on the left side that may be a lump. It is in the bottom part of the lung. "
            "It measures 2.1 x 1.8 cm, which is less than an inch."
        ],
        [
            "Vemos una zona distinta en el lado izquierdo que puede ser un bulto. Está en la parte de abajo del pulmón."
        ],
        1,
    ),
    (
        "FINDINGS: Irregular 3.0 cm lesion in the right upper lobe.\n"
        "IMPRESSION: Irregular right upper lobe lesion, suspicious for primary lung cancer.",
        ["We see an abnormal area on the right side that may be a lump. It is in the top part of the lung."],
        [
            "Vemos una zona distinta en el lado derecho que puede ser un bulto. Está en la parte de arriba del pulmón."
        ],
        1,
    ),
    (
        "FINDINGS: 4 cm right upper lobe opacity, suspicious for mass.",
        [
            "We see a cloudy area in the lung on the right side that may be a lump. It is in the top part of the lung."
        ],
        ["Vemos una zona nublada en el pulmón derecho que puede ser un bulto."],
        1,
    ),
    (
        "FINDINGS: 1.5 cm nodule in the right lower lobe, suspicious for metastatic disease.",
        ["We see a spot on the lung on the right side that may be cancer spread to the lungs."],
        ["Vemos una mancha en el pulmón derecho que puede ser cáncer que llegó a los pulmones."],
        1,
    ),
    (
        "FINDINGS: 7 x 6 mm solid nodule in the right upper lobe.\nIMPRESSION: 6.5 mm RUL nodule, Lung-RADS 3.",
        [
            "We see a solid spot in the lung on the right side. It is in the top part of the lung. It measures 7 x 6 mm,"
        ],
        [
            "Vemos una mancha sólida en el pulmón derecho. Está en la parte de arriba del pulmón. Mide 7 x 6 mm,"
        ],
        1,
    ),
    (
        "FINDINGS: 9 x 7 mm solid nodule in the left upper lobe.\nIMPRESSION: 8 mm left upper lobe nodule.",
        [
            "We see a solid spot in the lung on the left side. It is in the top part of the lung. It measures 9 x 7 mm,"
        ],
        ["Mide 9 x 7 mm,"],
        1,
    ),
    (
        "FINDINGS: Part-solid nodule in the right upper lobe measuring 34 x 28 mm.\n"
        "IMPRESSION: 3.1 cm part-solid right upper lobe nodule.",
        ["It measures 34 x 28 mm,"],
        ["Mide 34 x 28 mm."],
        1,
    ),
]

NOT_MERGED = [
    # another side
    (
        "FINDINGS: 2 cm lesion in the right upper lobe. Left upper lobe mass suspicious for malignancy.",
        ["We see a lump on the left side.", "We see an abnormal area on the right side."],
        ["Vemos un bulto en el lado izquierdo.", "Vemos una zona distinta en el lado derecho."],
        2,
    ),
    # another lobe, another sentence
    (
        "FINDINGS: 1.2 cm lesion in the right upper lobe. Possible mass in the right lower lobe.",
        ["There may be a lump on the right side. It is in the bottom part of the lung."],
        ["Puede haber un bulto en el lado derecho. Está en la parte de abajo del pulmón."],
        2,
    ),
    # a size in the impression that is not the findings' one
    (
        "FINDINGS: 7 x 6 mm solid nodule in the right upper lobe.\nIMPRESSION: 12 mm right upper lobe nodule.",
        ["It measures 12 mm,", "It measures 7 x 6 mm,"],
        ["Mide 12 mm.", "Mide 7 x 6 mm,"],
        2,
    ),
    # the impression's nodule on the other side
    (
        "FINDINGS: 7 x 6 mm solid nodule in the right upper lobe.\nIMPRESSION: 6.5 mm left upper lobe nodule.",
        ["We see a spot on the lung on the left side.", "We see a solid spot in the lung on the right side."],
        [
            "Vemos una mancha en el pulmón izquierdo.",
            "Vemos una mancha sólida en el pulmón derecho.",
        ],
        2,
    ),
    # two nodules said in the findings, one the other's mean size
    (
        "FINDINGS: 7 x 6 mm solid nodule in the right upper lobe. 6.5 mm nodule in the right upper lobe.",
        ["It measures 7 x 6 mm,", "It measures 6.5 mm,"],
        ["Mide 7 x 6 mm,", "Mide 6,5 mm,"],
        2,
    ),
    # a possible infection is no growth: what an opacity may be is told apart
    (
        "FINDINGS: Right upper lobe opacity, possibly pneumonia.",
        ["We see a cloudy area in the lung on the right side."],
        ["Vemos una zona nublada en el pulmón derecho."],
        2,
    ),
]


def _letter(text: str, lang: str) -> tuple[list[str], int]:
    pv = simplify(text, lang=lang)
    assert pv.verified, pv.issues
    told = [t for t in pv.letter.told if t.assertion.value != "absent"]
    return pv.letter.found, len(told)


def _has(found: list[str], want: str) -> bool:
    return any(want in s for s in found)


@pytest.mark.parametrize(
    ("text", "en", "es", "n"), MERGED + NOT_MERGED, ids=[c[0][10:50] for c in MERGED + NOT_MERGED]
)
def test_one_lesion_told_once(text: str, en: list[str], es: list[str], n: int) -> None:
    found, told = _letter(text, "en")
    assert told == n, found
    for want in en:
        assert _has(found, want), found
    found_es, told_es = _letter(text, "es")
    assert told_es == n, found_es
    for want in es:
        assert _has(found_es, want), found_es


@pytest.mark.parametrize("lang", ["en", "es"])
def test_what_it_may_be_keeps_its_meaning_and_the_concern(lang: str) -> None:
    pv = simplify(
        "FINDINGS: Spiculated 1.4 x 1.2 cm lesion in the right upper lobe, suspicious for primary lung malignancy.",
        lang=lang,
    )
    assert pv.verified, pv.issues
    means = " ".join(pv.letter.means)
    concern = {"en": "could be cancer", "es": "cáncer"}[lang]
    assert concern in means
    # "may be" is said: the note on what "may be" means is there
    sure = {"en": "the doctor is not sure", "es": "no está seguro"}[lang]
    assert sure in means


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ((6.5,), (7.0, 6.0), True),  # mean diameter
        ((7.0,), (7.0, 6.0), True),  # largest axis
        ((8.0,), (9.0, 7.0, 5.0), True),  # mean of long and short axes
        ((7.0, 6.0), (7.0, 6.0), True),
        ((12.0,), (7.0, 6.0), False),
        ((6.0,), (7.0, 4.0), False),
        ((4.0,), (6.0,), False),
    ],
)
def test_same_size(a: tuple[float, ...], b: tuple[float, ...], same: bool) -> None:
    assert same_size(a, b) is same
    assert same_size(b, a) is same


LIMITED = {
    "en": "Your report says some parts of the pictures could not be checked well, so a small problem there could be "
    "missed.",
    "es": "Su informe dice que algunas partes de las imágenes no se pudieron revisar bien, así que podría no verse un "
    "problema pequeño allí.",
}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    ("report", "limited"),
    [
        # a denial is no surer than the study: the letter says the study was limited
        ("FINDINGS: No central pulmonary embolism. Subsegmental evaluation limited by respiratory motion.", True),
        ("IMPRESSION: No pulmonary embolism to the segmental level; subsegmental evaluation is limited by motion.",
         True),
        ("FINDINGS: Nondiagnostic evaluation of the subsegmental arteries. No pneumothorax.", True),
        # "limited to" is a place, not a limit of the study
        ("FINDINGS: Consolidation limited to the left lower lobe.", False),
        ("FINDINGS: No pneumothorax.", False),
    ],
)  # fmt: skip
def test_a_limited_study_is_told(report: str, limited: bool, lang: str) -> None:
    pv = simplify(report, lang=lang)
    assert (LIMITED[lang] in pv.letter.found) == limited
    assert pv.verified, pv.issues


def test_the_verifier_refuses_a_limit_the_report_does_not_state() -> None:
    from radpilot import structure
    from radpilot.patient.verifier import verify

    check = verify(
        structure("FINDINGS: No pneumothorax."),
        "There is no sign of an air leak around the lung. " + LIMITED["en"],
    )
    assert "limited study: the report does not say so" in check.issues
