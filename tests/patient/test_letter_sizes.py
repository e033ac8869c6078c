"""A size the letter gives is placed where the patient can find it: a finding's, the organ's or organ part's it is the
size of ("The main pulmonary artery measures 3.1 cm.", "RIGHT LOBE: 4.9 cm" of a thyroid ultrasound), the one finding's
its sentence tells, the same size said again of a told finding (the aorta's "4.6 cm" in the findings is the aneurysm's
of the impression), or said with the part of the report it is in ("LIVER: ... a separate 5 mm focus"). Only a size of
nothing the report names stays a bare measurement; none is ever left out (the verifier counts every size)."""

from __future__ import annotations

import pytest

from radpilot.patient import simplify

BARE = {"en": "Your report also gives a measurement of", "es": "Su informe también da una medida de"}

# (made-up report, English sentences, Spanish sentences, bare sizes the letter still gives, notes it cannot tell)
CASES = [
    (
        "FINDINGS: The ascending thoracic aorta measures 4.6 cm, previously 4.4 cm.\n"
        "IMPRESSION: Aneurysmal dilatation of the ascending thoracic aorta, 4.6 cm, increased from 4.4 cm.",
        ["We see a bulging of the main artery.", "It measures 4.6 cm,", "It measured 4.4 cm before."],
        ["Vemos un abultamiento de la arteria principal.", "Mide 4,6 cm.", "Antes medía 4,4 cm."],
        0,
        0,
    ),
    (
        "FINDINGS: Main pulmonary artery measures 3.1 cm. No pulmonary embolism.",
        ["Your report says your main artery to the lungs measures 3.1 cm."],
        ["Su informe dice que su arteria principal de los pulmones mide 3,1 cm."],
        0,
        0,
    ),
    (
        "FINDINGS:\nUTERUS: Anteverted, measuring 8.1 x 4.2 x 5.0 cm.\nENDOMETRIUM: 7 mm, homogeneous.\n"
        "RIGHT OVARY: Markedly enlarged, 6.1 x 5.0 x 5.5 cm, with peripheral follicles.",
        [
            "Your report says your uterus measures 8.1 x 4.2 x 5.0 cm.",
            "Your report says your uterus lining measures 7 mm.",
            "Your report says your right ovary measures 6.1 x 5.0 x 5.5 cm.",
        ],
        [
            "Su informe dice que su útero mide 8,1 x 4,2 x 5,0 cm.",
            "Su informe dice que su revestimiento del útero mide 7 mm.",
            "Su informe dice que su ovario derecho mide 6,1 x 5,0 x 5,5 cm.",
        ],
        0,
        1,  # ("markedly enlarged ... with peripheral follicles" is more than the ovary's size)
    ),
    (
        "EXAMINATION: ULTRASOUND THYROID\nFINDINGS:\nRIGHT LOBE: 4.9 x 1.7 x 1.8 cm.\nISTHMUS: 2 mm.\n"
        "LEFT LOBE: 4.5 x 1.4 x 1.5 cm. A 0.9 cm spongiform nodule in the lower pole.",
        [
            "Your report says the right part of your thyroid measures 4.9 x 1.7 x 1.8 cm.",
            "Your report says the middle part of your thyroid measures 2 mm.",
            "Your report says the left part of your thyroid measures 4.5 x 1.4 x 1.5 cm.",
            "It measures 0.9 cm,",
        ],
        [
            "Su informe dice que la parte derecha de su tiroides mide 4,9 x 1,7 x 1,8 cm.",
            "Su informe dice que la parte del medio de su tiroides mide 2 mm.",
            "Su informe dice que la parte izquierda de su tiroides mide 4,5 x 1,4 x 1,5 cm.",
        ],
        0,
        0,
    ),
    # a lobe is the thyroid's only where the exam is of the thyroid
    ("EXAMINATION: CT CHEST\nFINDINGS:\nRIGHT LOBE: 4.9 x 1.7 x 1.8 cm.\nLungs are clear.", [], [], 1, 1),
    (
        "FINDINGS:\nLIVER: Mild hepatic steatosis. A separate 5 mm enhancing focus in segment 6, likely a perfusion "
        "alteration.\nLYMPH NODES: Several mildly prominent mesenteric lymph nodes, the largest measuring 7 mm in short "
        "axis.",
        [
            "In the part about your liver, your report also gives a measurement of 5 mm.",
            "In the part about your lymph glands, your report also gives a measurement of 7 mm.",
        ],
        [
            "En la parte sobre su hígado, su informe también da una medida de 5 mm.",
            "En la parte sobre sus ganglios linfáticos, su informe también da una medida de 7 mm.",
        ],
        0,
        2,  # (what the focus and the nodes are is not told: still notes)
    ),
    (
        "FINDINGS: There is an 8 mm focus of restricted diffusion in the left thalamus, consistent with an acute "
        "lacunar infarct.",
        ["We see a new stroke on the left side.", "It measures 8 mm,"],
        ["Mide 8 mm,"],
        0,
        0,
    ),
    # a finding with a size of its own in the sentence (the engine's) takes no other one: that stays bare
    (
        "FINDINGS: A 9 mm and a 4 mm focus of restricted diffusion in the left thalamus, consistent with an acute "
        "lacunar infarct.",
        [
            "We see a new stroke on the left side.",
            "It measures 4 mm,",
            "Your report also gives a measurement of 9 mm.",
        ],
        [],
        1,
        0,
    ),
    # a size of nothing the report names stays a bare measurement
    (
        "FINDINGS: Mild cardiomegaly. A 3 mm focus is seen.",
        ["Your report also gives a measurement of 3 mm."],
        [],
        1,
        1,
    ),
]


@pytest.mark.parametrize(("report", "en", "es", "bare", "notes"), CASES)
def test_a_size_is_told_with_what_it_is_of(
    report: str, en: list[str], es: list[str], bare: int, notes: int
) -> None:
    for lang, want in (("en", en), ("es", es)):
        pv = simplify(report, lang=lang)
        assert pv.verified, pv.issues
        found = " ".join(pv.letter.found)
        for said in want:
            assert said in found, found
        assert sum(line.startswith(BARE[lang]) for line in pv.letter.found) == bare, found
        assert pv.plan.other_notes == notes, found


def test_every_organ_part_and_place_is_worded_in_every_language() -> None:
    from radpilot.patient.glossary import glossary

    en, es = glossary("en").data, glossary("es").data
    assert set(es.places) == set(en.places)
    assert {o: set(p) for o, p in es.organ_parts.items()} == {o: set(p) for o, p in en.organ_parts.items()}
