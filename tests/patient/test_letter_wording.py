"""Short sentences about one finding read as one where a simple merge reads better: a degree and a place ("It is mild
and in the bottom part of the lung.", "Es leve y está en ..."), and a size and its everyday comparison ("It measures 11
mm, which is less than half an inch."). The merged letter is still verified. A normal study says so before the sizes
of its organs."""

from __future__ import annotations

import pytest

from radpilot.patient import simplify

# (made-up report, English sentence, Spanish sentence, sentences never said)
CASES = [
    (
        "FINDINGS: Mild right lower lobe atelectasis.",
        "We see a partly closed lung on the right side. It is mild and in the bottom part of the lung.",
        "Vemos una parte del pulmón cerrada en el lado derecho. Es leve y está en la parte de abajo del pulmón.",
        ["It is mild."],
    ),
    (
        "FINDINGS: Moderate degenerative changes of the thoracic spine.",
        "It is moderate and in the middle part of the backbone.",
        "Es de grado moderado y está en la parte media de la columna.",
        ["It is moderate."],
    ),
    (
        "FINDINGS: 11 mm solid nodule in the left upper lobe.",
        "It measures 11 mm, which is less than half an inch.",
        "Mide 11 mm",  # (Spanish has no exact everyday comparison for it)
        ["That is less than"],
    ),
    (
        "FINDINGS: 8 mm solid nodule in the left upper lobe.",
        "It measures 8 mm, which is less than half an inch.",
        "Mide 8 mm, es decir, menos de un centímetro.",
        ["That is less than"],
    ),
    # an amount is said apart ("The amount is very large."), and a degree without a place stays one sentence
    (
        "FINDINGS: Severe coronary artery calcification.",
        "We see calcium in the heart arteries. The amount is very large.",
        "La cantidad es muy grande.",
        [],
    ),
    ("FINDINGS: Moderate left pleural effusion.", "It is medium in size.", "La cantidad es mediana.", []),
    # a large disc extrusion is large, not "extensive"
    (
        "FINDINGS: Large central disc extrusion at L4-L5.",
        "We see a disc that has pushed out of place. It is large and in the lower part of the backbone.",
        "Es de tamaño grande y está en la parte baja de la columna.",
        ["It is extensive."],
    ),
    # a Spanish place said of several ("Están ...") is not joined to a degree said of one ("Es leve.")
    (
        "FINDINGS: Mild centrilobular emphysema in the upper lobes.",
        "It is mild and in the top part of the lung.",
        "Vemos sacos de aire dañados. Están en la parte de arriba del pulmón. Es leve.",
        [],
    ),
    # a normal study says so first, then the organs' sizes
    (
        "FINDINGS: Liver measures 14.5 cm. Gallbladder is normal. No biliary dilatation.\n"
        "IMPRESSION: Normal right upper quadrant ultrasound.",
        "We did not find a problem on your images. Your report says your liver measures 14.5 cm.",
        "No encontramos ningún problema en sus imágenes. Su informe dice que su hígado mide 14,5 cm.",
        [],
    ),
]


@pytest.mark.parametrize(("report", "en", "es", "never"), CASES)
def test_short_sentences_of_one_finding_are_merged(report: str, en: str, es: str, never: list[str]) -> None:
    pv = simplify(report)
    assert pv.verified, pv.issues
    found = " ".join(pv.letter.found)
    assert en in found, found
    for bad in never:
        assert bad not in found, found
    pv_es = simplify(report, lang="es")
    assert pv_es.verified, pv_es.issues
    assert es in " ".join(pv_es.letter.found), pv_es.letter.found
