"""Every finding the structuring engine knows is named in the letter by its glossary words.

A lexicon code without a coded glossary entry used to fall back to a lexicon ``lay`` phrase in "We see signs of
{bare}." ("We see signs of breathing muscle looks flatter than usual.") in English and to "un hallazgo llamado
..." in Spanish. These tests hold each such code to its plain words, in both languages, and keep every lexicon
code covered by both glossaries."""

from __future__ import annotations

import pytest

from radpilot.patient.glossary import glossary, languages, letter_text
from radpilot.patient.rewriter import Told, rewriter
from radpilot.patient.simplify import simplify
from radpilot.report import Assertion
from radpilot.structure import default_lexicon

# (code, a one-line report that says it)
CASES = [
    ("arterial_occlusion", "Occlusion of the left superficial femoral artery."),
    ("enthesophyte", "Plantar calcaneal spur."),
    ("orchitis", "Right orchitis."),
    ("epididymal_cyst", "Small left epididymal cyst."),
    ("testicular_microlithiasis", "Testicular microlithiasis."),
    ("testicular_mass", "Solid intratesticular mass on the right."),
    ("adenomyosis", "Diffuse adenomyosis."),
    ("hydrosalpinx", "Left hydrosalpinx."),
    ("polycystic_ovaries", "Polycystic ovarian morphology."),
    ("medical_renal_disease", "Increased renal cortical echogenicity."),
    ("chondrocalcinosis", "Meniscal chondrocalcinosis."),
    ("plantar_fasciitis", "Plantar fasciitis."),
    ("tenosynovitis", "Flexor tenosynovitis."),
    ("sacroiliitis", "Bilateral sacroiliitis."),
    ("schmorl_node", "Schmorl node at L2."),
    ("loss_of_lordosis", "Straightening of the cervical lordosis."),
    ("pituitary_adenoma", "Pituitary microadenoma."),
    ("vestibular_schwannoma", "Right vestibular schwannoma."),
    ("empty_sella", "Partially empty sella."),
    ("angiomyolipoma", "Left renal angiomyolipoma."),
    ("horseshoe_kidney", "Horseshoe kidney."),
    ("bladder_diverticulum", "Bladder diverticulum."),
    ("accessory_spleen", "Splenule."),
    ("lipoma", "Subcutaneous lipoma."),
    ("gallbladder_adenomyomatosis", "Fundal adenomyomatosis of the gallbladder."),
    ("intramammary_lymph_node", "Intramammary lymph node in the left breast."),
    ("fat_necrosis", "Fat necrosis in the right breast."),
    ("duct_ectasia", "Duct ectasia."),
    ("esophageal_wall_thickening", "Distal esophageal wall thickening."),
    ("fecal_loading", "Large stool burden throughout the colon."),
    ("carotid_plaque", "Carotid bulb plaque on the left."),
    ("venous_insufficiency", "Greater saphenous vein reflux."),
    ("bursitis", "Mild trochanteric bursitis."),
    ("infarct", "Small infarct."),
    ("volume_loss", "Left lower lobe volume loss."),
    ("heart_failure", "Congestive heart failure."),
    ("calcified_nodule", "Calcified nodule in the right upper lobe."),
    ("calcified_lymph_node", "Calcified lymph nodes in the right hilum."),
    ("hyperlucency", "Hyperlucent left lung."),
    ("diaphragm_flattening", "Flattening of the diaphragms."),
    ("dish", "DISH of the thoracic spine."),
    ("arthritis", "Arthritic changes of the spine."),
    ("fibronodular_change", "Fibronodular scarring in the right apex."),
    ("density", "Density in the left lower lobe."),
]


def _fallbacks(lang: str) -> list[str]:
    """The wording of a finding the glossary cannot name: the bare-phrase templates and the unknown wording."""
    tx = letter_text(lang)
    return [
        tx.present_bare.split("{", 1)[0],
        tx.uncertain_bare.split("{", 1)[0],
        tx.unknown_thing.split("{", 1)[0],
    ]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(("code", "sentence"), CASES, ids=[c for c, _ in CASES])
def test_letter_names_the_finding_in_glossary_words(code: str, sentence: str, lang: str) -> None:
    entry = glossary(lang).by_code[code]
    for text, assertion in (
        (sentence, "present"),
        (f"Possible {sentence[0].lower()}{sentence[1:]}", "uncertain"),
    ):
        pv = simplify(f"FINDINGS: {text}", lang=lang)
        assert [(t["code"], t["assertion"]) for t in pv.findings_kept] == [(code, assertion)]
        assert pv.verified, pv.issues
        assert not pv.issues
        found = " ".join(pv.letter.found)
        assert entry.plain in found
        for fallback in _fallbacks(lang):
            assert fallback not in found, found
        # the explanation is kept: in English only when it reads back as the same finding
        assert entry.explain in " ".join(pv.letter.means)
        assert pv.readability.grade <= 6.5


@pytest.mark.parametrize(("code", "sentence"), CASES, ids=[c for c, _ in CASES])
def test_english_and_spanish_name_the_same_terms(code: str, sentence: str) -> None:
    en, es = glossary("en").by_code[code], glossary("es").by_code[code]
    assert en.term == es.term and en.priority == es.priority
    assert es.local
    assert es.gender or not es.countable


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_lexicon_code_has_a_coded_glossary_entry(lang: str) -> None:
    assert lang in languages()
    codes = set(default_lexicon().observations)
    by_code = glossary(lang).by_code
    assert not sorted(codes - set(by_code)), f"{lang} glossary has no coded entry for these lexicon codes"
    assert not sorted(set(by_code) - codes), f"{lang} glossary names codes the lexicon does not have"


def test_every_english_plain_phrase_reads_back_as_its_finding() -> None:
    """The letter says "We see <plain>." for every code: the engine must read it back as that code, or the
    rewriter falls back to a lexicon phrase ("We see signs of ...")."""
    lex = default_lexicon()
    rw = rewriter("en")
    gl = glossary("en")
    wrong = []
    for code, obs in sorted(lex.observations.items()):
        ph = rw.phrase(code, obs.name)
        if not ph.article or ph.bare != gl.by_code[code].plain:
            wrong.append((code, ph.thing))
    assert not wrong


@pytest.mark.parametrize(("code", "sentence"), CASES, ids=[c for c, _ in CASES])
def test_explanation_reads_back_for_present_and_possible(code: str, sentence: str) -> None:
    rw = rewriter("en")
    name = default_lexicon().observations[code].name
    for assertion in (Assertion.PRESENT, Assertion.UNCERTAIN):
        told = Told(code=code, name=name, assertion=assertion)
        assert rw.explanation(told, rw.phrase(code, name)) is not None, assertion
