"""House-style vocabulary of chest radiograph reports (review rv17, lexicon session; made-up dictation only): ICU
shorthand ("Small L eff.", "Bibasilar atx.", "R fem line."), British, Indian and Australian house styles ("CTR
0.58", "upper lobe blood diversion", "lower zone shadowing", "ICD tube", "Ryle's tube", "free subdiaphragmatic
gas"), British spellings ("oedema", "haemothorax", "haematoma", "oesophageal") and three new codes
(pulmonary_hemorrhage, dextrocardia, cervical_rib). All of it is data: lexicon and attribute words."""

from __future__ import annotations

import pytest

from radpilot import structure

Reading = tuple[str, str, str | None, str | None]


def _read(text: str) -> list[Reading]:
    return sorted(
        {
            (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.location)
            for f in structure(text).findings
        }
    )


# (sentence, every finding it gives: code, assertion, side, place)
CASES: list[tuple[str, list[Reading]]] = [
    # --- ICU shorthand ---------------------------------------------------------------------------------------
    ("Small L eff.", [("pleural_effusion", "present", "left", None)]),
    ("Small b/l effs.", [("pleural_effusion", "present", "bilateral", None)]),
    ("Mod L eff.", [("pleural_effusion", "present", "left", None)]),
    ("Lg R eff.", [("pleural_effusion", "present", "right", None)]),
    ("Sm L eff.", [("pleural_effusion", "present", "left", None)]),
    ("L eff unchanged.", [("pleural_effusion", "present", "left", None)]),
    ("?R eff.", [("pleural_effusion", "uncertain", "right", None)]),
    ("R eff?", [("pleural_effusion", "uncertain", "right", None)]),
    ("No eff.", [("pleural_effusion", "absent", None, None)]),
    ("No PTX or eff.", [("pleural_effusion", "absent", None, None), ("pneumothorax", "absent", None, None)]),
    ("Bibasilar atx.", [("atelectasis", "present", "bilateral", "base")]),
    ("B/l basilar atx.", [("atelectasis", "present", "bilateral", "base")]),
    ("Likely atx at the L base.", [("atelectasis", "uncertain", "left", "base")]),
    ("Small R pneumo.", [("pneumothorax", "present", "right", None)]),
    ("Tiny L apical pneumo.", [("pneumothorax", "present", "left", "apex")]),
    ("No R pneumo.", [("pneumothorax", "absent", "right", None)]),
    ("SQ air L chest wall.", [("subcutaneous_emphysema", "present", "left", None)]),
    ("Subq air in the R chest wall.", [("subcutaneous_emphysema", "present", "right", None)]),
    ("Bilat effusions.", [("pleural_effusion", "present", "bilateral", None)]),
    ("Small bilat pleural effusions.", [("pleural_effusion", "present", "bilateral", None)]),
    ("Low lung vols.", [("low_lung_volumes", "present", None, None)]),
    ("Heart size nl.", [("cardiomegaly", "absent", None, None)]),
    ("Heart nl size.", [("cardiomegaly", "absent", None, None)]),
    ("Heart size WNL.", [("cardiomegaly", "absent", None, None)]),
    ("R fem line.", [("central_venous_catheter", "present", "right", None)]),
    ("L IJ HD catheter tip in RA.", [("central_venous_catheter", "present", "left", None)]),
    ("Dobhoff tip in the duodenum.", [("enteric_tube", "present", None, None)]),
    ("Interval extubation.", [("endotracheal_tube", "absent", None, None)]),
    ("The patient has been extubated.", [("endotracheal_tube", "absent", None, None)]),
    # "CM" is centimetres, never cardiomegaly
    ("Lesion measures 3 CM.", [("lesion", "present", None, None)]),
    # --- British, Indian and Australian house styles -------------------------------------------------------
    ("CTR 0.58.", [("cardiomegaly", "present", None, None)]),
    ("CTR: 0.62.", [("cardiomegaly", "present", None, None)]),
    ("Cardiothoracic ratio is increased.", [("cardiomegaly", "present", None, None)]),
    ("CTR: 0.45.", [("cardiomegaly", "absent", None, None)]),
    ("The cardiothoracic ratio is within normal limits.", [("cardiomegaly", "absent", None, None)]),
    ("Upper lobe blood diversion.", [("vascular_congestion", "present", None, "upper lobe")]),
    ("There is upper lobe diversion.", [("vascular_congestion", "present", None, "upper lobe")]),
    # only the right lung has a horizontal fissure
    ("Fluid in the horizontal fissure.", [("pleural_effusion", "present", "right", None)]),
    ("Fluid in the right horizontal fissure.", [("pleural_effusion", "present", "right", None)]),
    ("Left ventricular failure.", [("heart_failure", "present", None, None)]),
    ("Features of LVF.", [("heart_failure", "present", None, None)]),
    ("Congestive cardiac failure.", [("heart_failure", "present", None, None)]),
    ("Bilateral lower zone shadowing.", [("lung_opacity", "present", "bilateral", "lower lobe")]),
    ("Airspace shadowing in the right lower zone.", [("airspace_disease", "present", "right", "lower lobe")]),
    ("Bilateral interstitial shadowing.", [("interstitial_markings", "present", "bilateral", None)]),
    ("Miliary shadowing throughout both lungs.", [("nodule", "present", "bilateral", None)]),
    ("White-out of the left hemithorax.", [("lung_opacity", "present", "left", None)]),
    (
        "Cavity in the right upper lobe with air-fluid level.",
        [("cavitary_lesion", "present", "right", "upper lobe")],
    ),
    ("Thick-walled cavity in the left upper zone.", [("cavitary_lesion", "present", "left", "upper lobe")]),
    # a bare cavity is not the lung's
    ("The oral cavity is clear.", []),
    ("s/p R pneumonectomy.", [("lung_resection", "present", "right", None)]),
    ("s/p L lobectomy.", [("lung_resection", "present", "left", None)]),
    # the intercostal drain; a bare "ICD" stays the defibrillator
    ("Right ICD tube in situ.", [("chest_tube", "present", "right", None)]),
    ("Left ICD in situ.", [("cardiac_pacemaker", "present", "left", None)]),
    ("Ryle's tube in situ.", [("enteric_tube", "present", None, None)]),
    ("Ryles tube in the stomach.", [("enteric_tube", "present", None, "stomach")]),
    ("Right IJV catheter in situ.", [("central_venous_catheter", "present", "right", None)]),
    ("Pulmonary nodule in the right mid zone measuring 12 mm.", [("nodule", "present", "right", "mid lung")]),
    ("Left mid zone opacity.", [("lung_opacity", "present", "left", "mid lung")]),
    ("Calcified granuloma in the left mid zone.", [("granuloma", "present", "left", "mid lung")]),
    ("Patchy consolidation in both lower zones.", [("consolidation", "present", "bilateral", "lower lobe")]),
    ("No free subdiaphragmatic gas.", [("pneumoperitoneum", "absent", None, None)]),
    ("Free gas under the diaphragm.", [("pneumoperitoneum", "present", None, None)]),
    # strands of scar are a scar, not a fibrotic lung disease
    ("Fibrotic strands in the right upper zone.", [("scarring", "present", "right", "upper lobe")]),
    # an ultrasound's shadow is no lung opacity
    ("Gallstone with posterior acoustic shadowing.", [("gallstones", "present", None, None)]),
    ("Old healed tuberculosis in the right upper zone.", [("granuloma", "present", "right", "upper lobe")]),
    # --- new codes -----------------------------------------------------------------------------------------
    ("Pulmonary haemorrhage.", [("pulmonary_hemorrhage", "present", None, None)]),
    ("Diffuse alveolar hemorrhage.", [("pulmonary_hemorrhage", "present", None, None)]),
    ("Dextrocardia.", [("dextrocardia", "present", None, None)]),
    ("Right cervical rib.", [("cervical_rib", "present", "right", None)]),
    # --- British spellings ---------------------------------------------------------------------------------
    ("Pulmonary oedema.", [("pulmonary_edema", "present", None, None)]),
    ("Interstitial oedema.", [("pulmonary_edema", "present", None, None)]),
    ("Right haemothorax.", [("hemothorax", "present", "right", None)]),
    ("Subdural haematoma.", [("subdural_hematoma", "present", None, None)]),
    (
        "Intracerebral haemorrhage in the left frontal lobe.",
        [("intracranial_hemorrhage", "present", "left", "brain")],
    ),
    ("Oesophageal varices.", [("varices", "present", None, "esophagus")]),
    ("Small vessel ischaemic changes.", [("small_vessel_disease", "present", None, None)]),
    ("Soft tissue oedema of the left ankle.", [("soft_tissue_swelling", "present", "left", "ankle")]),
    ("Caecal volvulus.", [("volvulus", "present", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_reading(text: str, expected: list[Reading]) -> None:
    assert _read(text) == sorted(expected)


# (sentence, code, degree, change): the shorthand's degree and change words
DEGREES = [
    ("Small L eff.", "pleural_effusion", "small", None),
    ("Sm L eff.", "pleural_effusion", "small", None),
    ("Mod L eff.", "pleural_effusion", "moderate", None),
    ("Lg R eff.", "pleural_effusion", "large", None),
    ("Tiny L apical pneumo.", "pneumothorax", "trace", None),
    ("L eff unchanged.", "pleural_effusion", None, "stable"),
]


@pytest.mark.parametrize(("text", "code", "degree", "change"), DEGREES, ids=[d[0] for d in DEGREES])
def test_degree_and_change(text: str, code: str, degree: str | None, change: str | None) -> None:
    (f,) = [f for f in structure(text).findings if f.code == code]
    assert (getattr(f.severity, "value", f.severity) if f.severity else None) == degree
    assert (f.change.value if f.change else None) == change


# the reading a phrase must not give
NOT = [
    ("Atx vs PNA at the R base.", "atelectasis", None),
    ("Fibrotic strands in the right upper zone.", None, "pulmonary_fibrosis"),
    ("Right ICD tube in situ.", None, "cardiac_pacemaker"),
    ("Lesion measures 3 CM.", None, "cardiomegaly"),
]


@pytest.mark.parametrize(("text", "must", "must_not"), NOT, ids=[n[0] for n in NOT])
def test_given_and_not_given(text: str, must: str | None, must_not: str | None) -> None:
    codes = {f.code for f in structure(text).findings}
    if must:
        assert must in codes
    if must_not:
        assert must_not not in codes
