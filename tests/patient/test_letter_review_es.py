"""Spanish letters after a review by a bilingual physician (rv83): one variety of Spanish for patients in the
Americas (tomografía, computadora, derrame cerebral), words that say what the report says (enlarged nodes are
"agrandados", not "inflamados"), blood told as an amount, and a certainty note in the letters' own words."""

from __future__ import annotations

import pytest

from radpilot.guidelines import assess
from radpilot.patient import simplify


@pytest.mark.parametrize(
    ("report", "says", "never"),
    [
        ("FINDINGS: Chronic right subdural hematoma, unchanged.",
         "Vemos sangre acumulada sobre la superficie del cerebro", "una sangre"),
        ("FINDINGS: 12 mm right paratracheal lymph node.", "ganglios agrandados", "inflamados"),
        ("FINDINGS: Acute infarct in the left MCA territory.", "derrame cerebral reciente", "ictus"),
        ("FINDINGS: 6 mm nodule. IMPRESSION: Recommend follow-up CT in 6 months.", "una tomografía (TC)",
         "escáner"),
    ],
)  # fmt: skip
def test_spanish_words(report: str, says: str, never: str) -> None:
    pv = simplify(report, lang="es")
    text = " ".join([*pv.letter.found, *pv.letter.next, *pv.letter.means])
    assert pv.verified
    assert says in text and never not in text


def test_the_certainty_note_says_the_letters_words() -> None:
    pv = simplify("FINDINGS: Possible small left pleural effusion.", lang="es")
    assert (
        "Cuando decimos «puede haber» o «es posible», quiere decir que el médico no está seguro."
        in pv.letter.means
    )


def test_a_subcapsular_hematoma_is_no_tear() -> None:
    report = "FINDINGS: Subcapsular hematoma of the liver without parenchymal laceration."
    for lang in ("en", "es"):
        found = " ".join(simplify(report, lang=lang).letter.found)
        assert "tear" not in found and "desgarro" not in found
    assert [(c.code, c.tier) for c in assess(report).critical] == [("hematoma", "orange")]


@pytest.mark.parametrize(
    ("lang", "says"),
    [("en", "The biggest one measures 2.8 cm,"), ("es", "El mayor tamaño es de 2,8 cm.")],
)
def test_the_largest_of_several_glands(lang: str, says: str) -> None:
    # swollen glands are no count noun: the largest one's size is still told as the largest one's
    pv = simplify(
        "FINDINGS: Multiple enlarged mediastinal lymph nodes, the largest measuring 2.8 cm.", lang=lang
    )
    assert says in " ".join(pv.letter.found)


@pytest.mark.parametrize(
    ("report", "lang", "says"),
    [
        # a red critical result is to be acted on right away, an orange one soon
        ("FINDINGS: Large right pneumothorax.", "en", "Your doctor needs to act on this right away."),
        ("FINDINGS: Large right pneumothorax.", "es", "Su médico tiene que ocuparse de esto enseguida."),
        ("FINDINGS: Acute fracture of the left radius.", "en", "Your doctor needs to act on this soon."),
        (
            "FINDINGS: Acute fracture of the left radius.",
            "es",
            "Su médico tiene que ocuparse de esto pronto.",
        ),
    ],
)
def test_two_levels_of_urgency(report: str, lang: str, says: str) -> None:
    pv = simplify(report, lang=lang)
    assert says in " ".join(pv.letter.found) and pv.verified


def test_right_away_comes_before_soon() -> None:
    found = simplify("FINDINGS: Displaced right rib fracture. Tension pneumothorax on the left.").letter.found
    assert "right away" in found[0] and "soon" in found[1]
