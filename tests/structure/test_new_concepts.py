"""Observations added to ct_us.yaml beyond the first CT/US set: each is read when said, read as absent when
denied, not read from a neighbour's words, and its lay words read back to it."""

from __future__ import annotations

import pytest

from radpilot.structure import ancestors, default_lexicon, structure

NEW_CODES = (
    "pneumocephalus",
    "encephalomalacia",
    "cerebral_microhemorrhages",
    "vascular_malformation",
    "paranasal_sinus_disease",
    "mastoid_effusion",
    "mosaic_attenuation",
    "ards",
    "pulmonary_contusion",
    "cardiac_chamber_enlargement",
    "pericardial_thickening",
    "splenic_lesion",
    "gallbladder_wall_thickening",
    "fat_stranding",
    "volvulus",
    "intussusception",
    "portal_venous_gas",
    "varices",
    "renal_atrophy",
    "bladder_wall_thickening",
    "adnexal_mass",
    "endometrial_thickening",
    "breast_implant_rupture",
    "breast_skin_thickening",
)


def _assertions(text: str, code: str) -> list[str]:
    return [f.assertion.value for f in structure(text).findings if f.code == code]


def _codes(text: str) -> set[str]:
    return {f.code for f in structure(text).findings}


# (code, a sentence that says it, a sentence that denies it)
PRESENT_AND_ABSENT = [
    (
        "pneumocephalus",
        "Small amount of right frontal pneumocephalus after craniotomy.",
        "No pneumocephalus.",
    ),
    ("pneumocephalus", "Trace intracranial air.", "No intracranial air."),
    ("encephalomalacia", "Encephalomalacia in the left frontal lobe.", "No encephalomalacia."),
    ("cerebral_microhemorrhages", "Scattered cerebral microhemorrhages.", "No microhemorrhages."),
    ("cerebral_microhemorrhages", "Multiple microbleeds in the basal ganglia.", "No cerebral microbleeds."),
    (
        "vascular_malformation",
        "Arteriovenous malformation in the left parietal lobe.",
        "No vascular malformation.",
    ),
    ("vascular_malformation", "Left lower lobe pulmonary AVM.", "No AVM."),
    (
        "paranasal_sinus_disease",
        "Mucosal thickening in the bilateral maxillary sinuses.",
        "No sinus disease.",
    ),
    (
        "paranasal_sinus_disease",
        "Opacification of the left sphenoid sinus.",
        "The visualized paranasal sinuses are clear.",
    ),
    ("paranasal_sinus_disease", "Right maxillary sinus mucosal thickening.", "No paranasal sinus disease."),
    (
        "mastoid_effusion",
        "Partial opacification of the left mastoid air cells.",
        "The mastoid air cells are clear.",
    ),
    ("mastoid_effusion", "Right mastoid effusion.", "No mastoid effusion."),
    ("mosaic_attenuation", "Mosaic attenuation in both lungs.", "No mosaic attenuation."),
    ("ards", "Diffuse bilateral opacities consistent with ARDS.", "No evidence of ARDS."),
    ("pulmonary_contusion", "Right lower lobe pulmonary contusion.", "No pulmonary contusion."),
    ("cardiac_chamber_enlargement", "Left atrial enlargement.", "No left atrial enlargement."),
    (
        "cardiac_chamber_enlargement",
        "The left atrium is moderately enlarged.",
        "No right ventricular enlargement.",
    ),
    ("pericardial_thickening", "Pericardial thickening without effusion.", "No pericardial thickening."),
    ("splenic_lesion", "Hypodense lesion in the spleen.", "No splenic lesion."),
    ("gallbladder_wall_thickening", "The gallbladder wall is thickened.", "No gallbladder wall thickening."),
    ("fat_stranding", "Fat stranding around the sigmoid colon.", "No mesenteric fat stranding."),
    ("volvulus", "Sigmoid volvulus.", "No volvulus."),
    (
        "intussusception",
        "Ileocolic intussusception.",
        "No evidence for intussusception or small bowel obstruction.",
    ),
    ("portal_venous_gas", "Portal venous gas in the left hepatic lobe.", "No portal venous gas."),
    ("varices", "Esophageal varices.", "No gastric varices."),
    (
        "renal_atrophy",
        "The left kidney measures 8 cm and is atrophic.",
        "No renal atrophy or hydronephrosis.",
    ),
    ("bladder_wall_thickening", "The bladder wall is thickened.", "No bladder wall thickening."),
    ("adnexal_mass", "Complex cystic right adnexal mass.", "No adnexal mass."),
    (
        "endometrial_thickening",
        "The endometrium is thickened, measuring 15 mm.",
        "No endometrial thickening.",
    ),
    ("breast_implant_rupture", "Intracapsular rupture of the left breast implant.", "No implant rupture."),
    (
        "breast_implant_rupture",
        "Rupture of the left breast implant.",
        "Bilateral breast implants without evidence of rupture.",
    ),
    (
        "breast_skin_thickening",
        "Mild skin thickening of the right breast.",
        "No skin thickening or nipple retraction.",
    ),
]


@pytest.mark.parametrize(("code", "present", "absent"), PRESENT_AND_ABSENT)
def test_said_and_denied(code: str, present: str, absent: str) -> None:
    assert _assertions(present, code)[:1] == ["present"], structure(present).findings
    assert _assertions(absent, code) == ["absent"], structure(absent).findings


# (a sentence, the code it must not give, the code it gives instead or None)
NEIGHBOURS = [
    ("Subdural hematoma.", "pneumocephalus", "subdural_hematoma"),
    ("Subcutaneous air in the neck.", "pneumocephalus", "subcutaneous_emphysema"),
    ("Chronic lacunar infarct in the right basal ganglia.", "encephalomalacia", "cerebral_infarct"),
    ("Acute intraparenchymal hemorrhage.", "cerebral_microhemorrhages", "intracranial_hemorrhage"),
    ("Intracranial aneurysm.", "vascular_malformation", "aneurysm"),
    ("Fluid in the right costophrenic sinus.", "paranasal_sinus_disease", None),
    ("Pacing lead in the coronary sinus.", "paranasal_sinus_disease", None),
    ("Small right pleural effusion.", "mastoid_effusion", "pleural_effusion"),
    ("Hyperinflated lungs, air trapping versus inspiratory effort.", "mosaic_attenuation", "hyperinflation"),
    ("Patient in respiratory distress.", "ards", None),
    ("Bone contusion of the lateral femoral condyle.", "pulmonary_contusion", None),
    ("The heart is enlarged.", "cardiac_chamber_enlargement", "cardiomegaly"),
    ("PICC tip in the right atrium.", "cardiac_chamber_enlargement", "picc"),
    (
        "Pacemaker leads in the right atrium and right ventricle.",
        "cardiac_chamber_enlargement",
        "cardiac_pacemaker",
    ),
    ("The lateral ventricles are enlarged.", "cardiac_chamber_enlargement", None),
    ("Pericardial thickening.", "pleural_thickening", "pericardial_thickening"),
    ("Small pericardial effusion.", "pericardial_thickening", "pericardial_effusion"),
    ("Liver lesion.", "splenic_lesion", "liver_lesion"),
    ("Calcified splenic granulomas.", "splenic_lesion", "granuloma"),
    ("Splenic lesion.", "mass", "splenic_lesion"),
    ("Gallbladder wall thickening.", "cholecystitis", "gallbladder_wall_thickening"),
    ("Acute cholecystitis.", "gallbladder_wall_thickening", "cholecystitis"),
    # the stranding is what is seen; the pancreatitis it suggests is the report's to say
    ("Peripancreatic fat stranding.", "pancreatitis", "fat_stranding"),
    ("In the collapsed left upper lobe are stranding and pneumatoceles.", "fat_stranding", None),
    ("Small bowel obstruction.", "volvulus", "bowel_obstruction"),
    ("Ovarian torsion.", "volvulus", "ovarian_torsion"),
    ("Pneumatosis intestinalis.", "portal_venous_gas", "pneumatosis"),
    ("Portal venous gas.", "pneumatosis", "portal_venous_gas"),
    ("Air in the biliary tree.", "portal_venous_gas", "pneumobilia"),
    ("Portal vein thrombosis.", "varices", "portal_vein_thrombosis"),
    ("Left hydroureter.", "renal_atrophy", "hydronephrosis"),
    ("Bladder wall thickening.", "bowel_wall_thickening", "bladder_wall_thickening"),
    ("Thickened bowel wall.", "bladder_wall_thickening", "bowel_wall_thickening"),
    ("Gallbladder wall thickening.", "bladder_wall_thickening", "gallbladder_wall_thickening"),
    ("Right adnexal mass.", "ovarian_cyst", "adnexal_mass"),
    ("Hemorrhagic ovarian cyst.", "adnexal_mass", "ovarian_cyst"),
    ("Uterine fibroids.", "endometrial_thickening", "uterine_fibroid"),
    ("Bilateral breast implants.", "breast_implant_rupture", "breast_implant"),
    ("Rupture of the abdominal aortic aneurysm.", "breast_implant_rupture", "aortic_aneurysm"),
    ("Skin thickening of the left thigh.", "breast_skin_thickening", None),
]


@pytest.mark.parametrize(("text", "not_code", "code"), NEIGHBOURS)
def test_a_neighbour_is_not_the_new_concept(text: str, not_code: str, code: str | None) -> None:
    codes = _codes(text)
    assert not_code not in codes, codes
    if code is not None:
        assert code in codes, codes


@pytest.mark.parametrize(("code", "parent"), [("adnexal_mass", "mass")])
def test_is_a(code: str, parent: str) -> None:
    assert parent in ancestors(default_lexicon(), code)


def test_no_new_concept_is_a_kind_of_an_acute_finding() -> None:
    # microbleeds are old blood, not an intracranial hemorrhage that the critical list would call new
    lex = default_lexicon()
    assert "intracranial_hemorrhage" not in ancestors(lex, "cerebral_microhemorrhages")
    assert "pneumatosis" not in ancestors(lex, "portal_venous_gas")
    assert "cholecystitis" not in ancestors(lex, "gallbladder_wall_thickening")


def test_chamber_enlargement_has_no_side_and_keeps_cardiomegaly() -> None:
    findings = structure("Right and left atrial enlargement with cardiomegaly.").findings
    chambers = [f for f in findings if f.code == "cardiac_chamber_enlargement"]
    assert chambers and all(f.laterality is None for f in chambers)
    assert "cardiomegaly" in {f.code for f in findings}


def test_sides_are_kept_where_they_belong() -> None:
    (sinus,) = [f for f in structure("Right maxillary sinus mucosal thickening.").findings]
    assert sinus.code == "paranasal_sinus_disease" and sinus.laterality is not None
    assert sinus.laterality.value == "right"
    (kidney,) = structure("The left kidney is atrophic.").findings
    assert kidney.code == "renal_atrophy" and kidney.laterality is not None
    assert kidney.laterality.value == "left"


def _lay_cases() -> list[tuple[str, str]]:
    lex = default_lexicon()
    return [(code, phrase) for code in NEW_CODES for phrase in lex.observations[code].lay]


@pytest.mark.parametrize(("code", "phrase"), _lay_cases())
def test_lay_words_read_back(code: str, phrase: str) -> None:
    for text in (f"We see {phrase}.", f"There is no sign of {phrase}.", f"There may be {phrase}."):
        findings = structure(text).findings
        assert [f.code for f in findings] == [code], (text, findings)
    assert _assertions(f"There is no sign of {phrase}.", code) == ["absent"]
    assert _assertions(f"There may be {phrase}.", code) == ["uncertain"]


def test_every_new_code_is_in_the_lexicon_with_lay_words() -> None:
    lex = default_lexicon()
    for code in NEW_CODES:
        assert code in lex.observations, code
        assert lex.observations[code].lay, code
