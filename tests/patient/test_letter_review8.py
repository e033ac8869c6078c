"""Letter review 8 (abdomen, MSK and spine): old, healed and healing fractures and a denied new one; a hernia that
may be stuck; a burst appendix and a damaged pancreas; several liver cysts; organ sizes; earlier sizes."""

from __future__ import annotations

import pytest

from radpilot.patient import simplify
from radpilot.patient.glossary import glossary

# (report sentence, English sentences the letter has, Spanish sentences it has, sentences neither may have)
CASES = [
    (
        "Negative for acute fracture. Old healed right rib fractures.",
        [
            "We see an old, healed broken bone on the right side.",
            "Your report says there is no new broken bone.",
        ],
        [
            "Vemos un hueso roto antiguo ya curado en el lado derecho.",
            "Su informe dice que no hay señales nuevas de hueso roto.",
        ],
        ["We see a broken bone on the right side."],
    ),
    (
        "Old healed fracture deformity of the left clavicle.",
        ["We see an old, healed broken bone on the left side."],
        ["Vemos un hueso roto antiguo ya curado en el lado izquierdo."],
        ["no new broken bone"],
    ),
    (
        "Old right rib fractures.",
        ["We see an old broken bone on the right side."],
        ["Vemos un hueso roto antiguo en el lado derecho."],
        ["healed"],
    ),
    (
        "Healing fracture of the right seventh rib with callus formation.",
        ["We see a broken bone that is healing on the right side."],
        ["Vemos un hueso roto que se está curando en el lado derecho."],
        ["old"],
    ),
    (
        "Acute right rib fracture, old healed left clavicle fracture.",
        ["We see a broken bone on the right side.", "We see an old, healed broken bone on the left side."],
        [
            "Vemos un hueso roto en el lado derecho.",
            "Vemos un hueso roto antiguo ya curado en el lado izquierdo.",
        ],
        ["We see an old, healed broken bone on the right side."],
    ),
    (
        "Acute on chronic compression fracture of L2 with new marrow edema.",
        ["We see a collapsed bone in the spine."],
        ["Vemos un hueso de la columna aplastado."],
        ["old collapsed"],
    ),
    (
        "Chronic mild compression deformity of T12, unchanged.",
        ["We see an old collapsed bone in the spine."],
        ["Vemos un hueso de la columna aplastado hace tiempo."],
        [],
    ),
    (
        "Left inguinal hernia containing a loop of small bowel with proximal bowel dilatation, concerning for "
        "incarceration.",
        ["We see a bulge through the belly wall on the left side.", "The bulge may be stuck."],
        ["Puede que el bulto esté atrapado."],
        ["The bulge is stuck."],
    ),
    (
        "Incarcerated umbilical hernia.",
        ["The bulge is stuck."],
        ["El bulto está atrapado."],
        ["may be stuck"],
    ),
    (
        "Left inguinal hernia without evidence of incarceration.",
        ["We see a bulge through the belly wall on the left side."],
        ["Vemos un bulto en la pared de la barriga en el lado izquierdo."],
        ["stuck"],
    ),
    (
        "Perforated appendicitis with a 4.1 x 3.0 cm rim-enhancing periappendiceal abscess.",
        ["We see an infected appendix that has burst."],
        ["Vemos un apéndice infectado que se ha reventado."],
        [],
    ),
    (
        "Acute appendicitis without perforation.",
        ["We see an infected appendix."],
        ["Vemos un apéndice infectado."],
        ["burst"],
    ),
    (
        "Necrotizing pancreatitis with approximately 30% nonenhancement of the pancreatic body and tail.",
        ["We see an inflamed pancreas.", "Part of the pancreas is damaged."],
        ["Una parte del páncreas está dañada."],
        [],
    ),
    (
        "Multiple hepatic cysts.",
        ["We see some fluid-filled sacs in the liver."],
        ["Vemos unos sacos con líquido en el hígado."],
        ["a fluid-filled sac"],
    ),
    (
        "Several cysts in the liver.",
        ["We see some fluid-filled sacs in the liver."],
        ["Vemos unos sacos con líquido en el hígado."],
        [],
    ),
    (
        "Innumerable hepatic cysts, the largest 2.1 cm.",
        ["We see some fluid-filled sacs in the liver.", "The biggest one measures 2.1 cm,"],
        ["Vemos unos sacos con líquido en el hígado.", "El mayor tamaño es de 2,1 cm."],
        ["It measures 2.1 cm."],
    ),
    (
        "Simple hepatic cyst measuring 1.2 cm.",
        ["We see a fluid-filled sac in the liver.", "It measures 1.2 cm,"],
        ["Vemos un saco con líquido en el hígado."],
        ["sacs"],
    ),
    (
        "The liver measures 16 cm. Hepatic steatosis.",
        ["Your report says your liver measures 16 cm."],
        ["Su informe dice que su hígado mide 16 cm."],
        ["a measurement of 16 cm", "It measures 16 cm."],
    ),
    (
        "The right kidney measures 11.2 cm. Right renal cyst measures 2 cm. The spleen measures 12 cm.",
        [
            "Your report says your right kidney measures 11.2 cm.",
            "Your report says your spleen measures 12 cm.",
            "It measures 2 cm,",
        ],
        ["Su informe dice que su riñón derecho mide 11,2 cm.", "Su informe dice que su bazo mide 12 cm."],
        ["measurement of"],
    ),
    (
        "Hepatomegaly, the liver measures 19 cm.",
        ["We see a big liver.", "It measures 19 cm."],
        ["Vemos un hígado grande."],
        ["Your report says your liver"],
    ),
    (
        "Right lower lobe nodule measures 4 mm, previously 6 mm.",
        ["It measures 4 mm,", "It measured 6 mm before."],
        ["Mide 4 mm,", "Antes medía 6 mm."],
        ["measurement of 6 mm", "It measures 6 mm"],
    ),
]


def _letter(text: str, lang: str) -> tuple[str, bool, list[str]]:
    pv = simplify("FINDINGS: " + text, lang=lang)
    return " ".join(pv.letter.found), pv.verified, pv.issues


@pytest.mark.parametrize(("text", "en", "es", "never"), CASES, ids=[c[0][:40] for c in CASES])
def test_letter(text: str, en: list[str], es: list[str], never: list[str]) -> None:
    found, verified, issues = _letter(text, "en")
    assert verified, issues
    for want in en:
        assert want in found, found
    found_es, verified_es, issues_es = _letter(text, "es")
    assert verified_es, issues_es
    for want in es:
        assert want in found_es, found_es
    for bad in never:
        assert bad not in found, found


def test_every_qualifier_is_worded_in_every_language() -> None:
    en = glossary("en").data
    es = glossary("es").data
    assert {q.name for q in en.qualifiers} == {q.name for q in es.qualifiers}
    for q in es.qualifiers:
        e = next(x for x in en.qualifiers if x.name == q.name)
        assert bool(q.plain) == bool(e.plain) and bool(q.note) == bool(e.note)
        assert bool(q.note_hedged) == bool(e.note_hedged) and q.code == e.code and q.old == e.old
    assert set(es.organs) == set(en.organs)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_drainable_collection_is_told(lang: str) -> None:
    pv = simplify("FINDINGS: Right lower quadrant phlegmon without drainable fluid collection.", lang=lang)
    said = {"en": "There is no sign of a pocket of fluid.", "es": "No hay señales de una bolsa de líquido."}[
        lang
    ]
    assert said in pv.letter.found and pv.verified
