"""Letters for the chest CT codes of their own (ground-glass opacity, pleural plaque, UIP and NSIP patterns, right
aortic arch, lung resection): each is told in its own plain words, with its certainty, side and place, in English and
in Spanish, and the letter verifies. Reports are made up."""

from __future__ import annotations

import pytest

from radpilot.patient import simplify
from radpilot.patient.glossary import glossary

# (report, code, assertion, English sentence, Spanish sentence)
LETTERS = [
    (
        "FINDINGS: Patchy ground-glass opacities in both lower lobes. No pleural effusion.",
        "ground_glass_opacity",
        "present",
        "We see a faint hazy area in the lung on both sides. It is in the bottom part of the lung.",
        "Vemos una zona de neblina suave en los dos pulmones. Está en la parte de abajo del pulmón.",
    ),
    (
        "FINDINGS: Calcified pleural plaques on the right. The lungs are clear.",
        "pleural_plaque",
        "present",
        "We see a hard patch on the lining of the lung on the right side.",
        "Vemos un parche duro en la capa del pulmón derecho.",
    ),
    (
        "FINDINGS: Probable UIP pattern.",
        "uip_pattern",
        "uncertain",
        "There may be a lung scarring pattern called UIP.",
        "Puede haber un patrón de cicatrices en el pulmón llamado UIP.",
    ),
    (
        "FINDINGS: NSIP pattern.",
        "nsip_pattern",
        "present",
        "We see a lung scarring pattern called NSIP.",
        "Vemos un patrón de cicatrices en el pulmón llamado NSIP.",
    ),
    (
        "FINDINGS: Right aortic arch with aberrant left subclavian artery. No mediastinal mass.",
        "right_aortic_arch",
        "present",
        "We see a main artery that curves to the right.",
        "Vemos una arteria principal que se curva hacia la derecha.",
    ),
    (
        "FINDINGS: Status post right upper lobectomy. No pneumothorax.\n"
        "IMPRESSION: Postsurgical changes of right upper lobectomy.",
        "lung_resection",
        "present",
        "We see signs of lung surgery on the right side. It is in the top part of the lung.",
        "Vemos señales de una cirugía del pulmón derecho. Están en la parte de arriba del pulmón.",
    ),
]


@pytest.mark.parametrize(("report", "code", "assertion", "en", "es"), LETTERS, ids=[c[1] for c in LETTERS])
def test_letter_sentence(report: str, code: str, assertion: str, en: str, es: str) -> None:
    for lang, sentence in (("en", en), ("es", es)):
        pv = simplify(report, lang=lang)
        assert pv.verified, pv.issues
        told = {t["code"]: t["assertion"] for t in pv.findings_kept}
        assert told[code] == assertion
        assert sentence in pv.letter.found, pv.letter.found
        # the glossary's explanation is kept (it reads back as no other finding)
        assert glossary(lang).by_code[code].explain in " ".join(pv.letter.means)
        assert pv.readability.grade <= 6.5


def test_a_resection_in_the_history_is_not_told() -> None:
    pv = simplify("HISTORY: History of right upper lobectomy.\nFINDINGS: No pneumothorax. Lungs are clear.")
    assert pv.verified, pv.issues
    assert "lung_resection" not in {t["code"] for t in pv.findings_kept}
    assert "surgery" not in " ".join(pv.letter.found)


def test_a_nodule_with_a_type_is_still_a_spot_not_a_haze() -> None:
    pv = simplify("FINDINGS: 6 mm ground-glass nodule in the right upper lobe.")
    assert pv.verified, pv.issues
    assert [t["code"] for t in pv.findings_kept] == ["ground_glass_nodule"]
    assert "faint hazy spot in the lung" in " ".join(pv.letter.found)
