"""Readings from a review of whole dictated CT, MRI and ultrasound reports: signs and diagnoses with codes of their
own (an appendicolith is no appendicitis, lateral recess stenosis no central canal stenosis, compression of the cauda
equina no cord compression, extraluminal gas kept near the bowel no free air), an aorta measured with no word of its
own by its size (aneurysmal from 4.5 cm in the chest, 3.0 cm in the abdomen), a heading that names a finding said
again after it, contrast filling the pulmonary arteries, the esophagus and the scalp as places, and a degree of a
feature that is no degree of the finding. Sentences are made up."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import assess
from radpilot.patient import simplify


def _found(text: str) -> set[tuple[str, str, str | None, str | None, float | None]]:
    return {
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.location, f.size_mm)
        for f in structure(text).findings
    }


# (text, what must be read, codes that must not be read)
READINGS = [
    (
        "A 6 mm appendicolith is present at the appendiceal base.",
        ("appendicolith", "present", None, None, 6.0),
        {"appendicitis"},
    ),
    (
        "3.6 x 2.9 cm pericolic fluid and gas collection.",
        ("abscess", "present", None, None, 36.0),
        {"free_fluid"},
    ),
    (
        "Small amount of extraluminal gas adjacent to the appendix.",
        ("extraluminal_gas", "present", None, None, None),
        {"pneumoperitoneum"},
    ),
    (
        "L4-L5: severe left lateral recess stenosis.",
        ("lateral_recess_stenosis", "present", "left", "lumbar spine", None),
        set(),
    ),
    (
        "Mild spinal canal stenosis.",
        ("spinal_stenosis", "present", None, None, None),
        {"lateral_recess_stenosis"},
    ),
    (
        "Mild disc bulge at C4-C5 without stenosis.",
        # (a cervical level said alone places it, as a lumbar one does: "L4-L5")
        ("spinal_stenosis", "absent", None, "cervical spine", None),
        {"lateral_recess_stenosis"},
    ),
    (
        "Large disc extrusion at L4-L5 with compression of the cauda equina.",
        ("cauda_equina_compression", "present", None, "lumbar spine", None),
        {"spinal_cord_compression"},
    ),
    (
        "A twisted vascular pedicle (whirlpool sign) is noted.",
        ("torsion", "present", None, None, None),
        set(),
    ),
    (
        "RIGHT OVARY: Markedly enlarged. Whirlpool sign of the vascular pedicle.",
        ("ovarian_torsion", "present", "right", "ovary", None),
        set(),
    ),
    ("Pericholecystic fluid.", ("pericholecystic_fluid", "present", None, None, None), set()),
    ("Positive sonographic Murphy sign.", ("sonographic_murphy_sign", "present", None, None, None), set()),
    ("Negative sonographic Murphy sign.", ("sonographic_murphy_sign", "absent", None, None, None), set()),
    # an aorta measured: aneurysmal by its size, where it is
    (
        "AORTA: The ascending thoracic aorta measures 4.6 cm, previously 4.4 cm.",
        ("aortic_aneurysm", "present", None, "ascending aorta", 46.0),
        set(),
    ),
    (
        "The infrarenal abdominal aorta measures 3.4 cm.",
        ("aortic_aneurysm", "present", None, "abdominal aorta", 34.0),
        set(),
    ),
    ("Abdominal aorta: 3.1 cm.", ("aortic_aneurysm", "present", None, "abdominal aorta", 31.0), set()),
    ("The abdominal aorta measures 2.1 cm.", None, {"aortic_aneurysm"}),
    ("The ascending aorta measures 3.8 cm.", None, {"aortic_aneurysm"}),
    # ... a size said with another finding of the aorta is that finding's
    (
        "Intramural hematoma of the descending thoracic aorta measuring 9 mm in thickness.",
        ("intramural_hematoma", "present", None, "descending aorta", 9.0),
        {"aortic_aneurysm"},
    ),
    ("Heavily calcified and mildly tortuous aorta.", ("tortuous_aorta", "present", None, None, None), set()),
    # a size written with its unit in one word is a size ("12mm")
    ("A 12mm right paratracheal lymph node.", ("lymphadenopathy", "present", "right", None, 12.0), set()),
    # a heading that names a finding said after it is no finding of its own
    (
        "FREE FLUID: Small amount of physiologic free fluid in the pelvis.",
        ("free_fluid", "present", None, None, None),
        set(),
    ),
    ("FREE FLUID: None.", ("free_fluid", "absent", None, None, None), set()),
    (
        "LINES AND TUBES: Endotracheal tube 4 cm above the carina.",
        ("endotracheal_tube", "present", None, None, None),
        {"support_device"},
    ),
    # contrast in the arteries is no lung opacity
    (
        "PULMONARY ARTERIES: Adequate opacification to the subsegmental level. No pulmonary embolism.",
        ("pulmonary_embolism", "absent", None, None, None),
        {"lung_opacity"},
    ),
    ("Opacification of the right hemithorax.", ("lung_opacity", "present", "right", None, None), set()),
    # emboli named artery by artery on both sides are bilateral; one side denied is not
    (
        "Filling defects are present in the right main pulmonary artery extending into the right lower lobe arteries "
        "and in the left lower lobe segmental arteries.",
        ("pulmonary_embolism", "present", "bilateral", "pulmonary artery", None),
        set(),
    ),
    (
        "Known right lower lobe pulmonary embolism, now with a new embolus in the left upper lobe.",
        ("pulmonary_embolism", "present", "left", "upper lobe", None),
        set(),
    ),
    (
        "Right lower lobe pulmonary embolism without left-sided emboli.",
        ("pulmonary_embolism", "present", "right", "lower lobe", None),
        set(),
    ),
    (
        "Right lower lobe pulmonary embolism with a left pleural effusion.",
        ("pulmonary_embolism", "present", "right", "lower lobe", None),
        set(),
    ),
    # of two sizes before a finding, the nearer is its own
    (
        "LEFT OVARY: 4.8 x 3.9 x 4.2 cm, containing a 4.2 cm simple anechoic cyst.",
        ("ovarian_cyst", "present", "left", "ovary", 42.0),
        set(),
    ),
    (
        "7 mm and 5 mm nodules in the right lower lobe.",
        ("nodule", "present", "right", "lower lobe", 7.0),
        set(),
    ),
    # a lumbar level is a place of the lumbar spine
    (
        "Acute nondisplaced fracture of the left transverse process of L2.",
        ("fracture", "present", "left", "lumbar spine", None),
        set(),
    ),
    # places
    (
        "The enteric tube is coiled in the upper thoracic esophagus.",
        ("enteric_tube", "present", None, "esophagus", None),
        set(),
    ),
    ("Small right parietal scalp hematoma.", ("hematoma", "present", "right", "scalp", None), set()),
]


@pytest.mark.parametrize(("text", "want", "not_read"), READINGS)
def test_reading(
    text: str, want: tuple[str, str, str | None, str | None, float | None] | None, not_read: set[str]
) -> None:
    found = _found(text)
    if want is not None:
        assert want in found, found
    assert not_read.isdisjoint(f[0] for f in found), found


def test_a_degree_of_a_feature_is_no_degree_of_the_nodule() -> None:
    f = structure("1.6 x 1.2 x 1.3 cm solid, markedly hypoechoic, taller-than-wide nodule.").findings[0]
    assert (f.size_mm, f.severity) == (16.0, None)


def test_a_heading_gives_its_degree_to_the_finding_said_after_it() -> None:
    (f,) = structure("FREE FLUID: Small amount of physiologic free fluid in the pelvis.").findings
    assert f.severity == "small"


@pytest.mark.parametrize(
    ("text", "code", "tier"),
    [
        (
            "FINDINGS: Small amount of extraluminal gas adjacent to the appendix. No pneumoperitoneum.",
            "extraluminal_gas",
            "orange",
        ),
        (
            "FINDINGS: Large disc extrusion at L4-L5 with compression of the cauda equina.",
            "cauda_equina_compression",
            "red",
        ),
    ],
)
def test_critical_tiers(text: str, code: str, tier: str) -> None:
    crit = {(c.code, c.tier) for c in assess(text, {}).critical}
    assert (code, tier) in crit, crit
    assert "pneumoperitoneum" not in {c[0] for c in crit}


@pytest.mark.parametrize(
    "text",
    [
        "FINDINGS: Dilated appendix with a 6 mm appendicolith. Small amount of extraluminal gas adjacent to it.",
        "FINDINGS: Gallstones. Pericholecystic fluid. Positive sonographic Murphy sign.",
        "FINDINGS: L4-L5: severe left lateral recess stenosis with compression of the cauda equina.",
        "FINDINGS: Small right parietal scalp hematoma.",
        "FINDINGS: The ascending thoracic aorta measures 4.6 cm, previously 4.4 cm.",
    ],
)
def test_letters_tell_the_new_findings(text: str) -> None:
    codes = {f.code for f in structure(text).findings}
    for lang in ("en", "es"):
        pv = simplify(text, lang=lang)
        assert pv.verified, pv.issues
        assert codes <= {t["code"] for t in pv.findings_kept}, (codes, pv.findings_kept)


@pytest.mark.parametrize(
    ("text", "code", "tier"),
    [
        # a cancer newly found or newly spread is told within days (ACR category 3)
        ("FINDINGS: New brain metastases.", "brain_metastases", "yellow"),
        ("FINDINGS: Lymphangitic carcinomatosis in the right lung, new since the prior study.",
         "lymphangitic_carcinomatosis", "yellow"),
        ("FINDINGS: Segment 7 observation, 2.3 cm, with APHE, washout and capsule. LR-5, definitely hepatocellular "
         "carcinoma.", "hepatocellular_carcinoma", "yellow"),
        # ... not known, treated or stable disease, nor its progression
        ("FINDINGS: Stable osseous metastases.", None, None),
        ("FINDINGS: Increased size of hepatic metastases.", None, None),
        ("FINDINGS: Treated HCC in segment 8 without residual enhancement.", None, None),
    ],
)  # fmt: skip
def test_new_malignancy_is_a_result_to_tell(text: str, code: str | None, tier: str | None) -> None:
    crit = {(c.code, c.tier) for c in assess(text, {}).critical}
    if code is None:
        assert not crit, crit
    else:
        assert (code, tier) in crit, crit


@pytest.mark.parametrize(
    ("text", "code", "change"),
    [
        # an interpretation has the change of what it interprets
        ("Three new enhancing lesions consistent with metastases.", "metastasis", "new"),
        ("Stable nodule in the right upper lobe, likely a granuloma.", "granuloma", "stable"),
        ("New opacity in the left lower lobe, concerning for pneumonia.", "pneumonia", "new"),
        # ... not a change word that is the finding's own name, nor across a break
        (
            "Increased retrosternal clear space suggesting chronic obstructive pulmonary disease.",
            "copd",
            None,
        ),
        ("New nodule; no evidence of metastasis.", "metastasis", None),
    ],
)
def test_an_interpretation_takes_the_change_of_what_it_reads(
    text: str, code: str, change: str | None
) -> None:
    f = next(f for f in structure(text).findings if f.code == code)
    assert f.change == change


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a venous duplex says each deep vein compressible: no thrombus there; one that does not compress has one
        ("COMMON FEMORAL VEIN: Compressible with normal flow.", ("deep_vein_thrombosis", "absent")),
        ("The right femoral and popliteal veins are fully compressible.", ("deep_vein_thrombosis", "absent")),
        ("The left popliteal vein is partially compressible.", ("deep_vein_thrombosis", "present")),
        ("POPLITEAL VEIN: Noncompressible, with occlusive thrombus.", ("deep_vein_thrombosis", "present")),
        ("A 3.1 x 1.2 cm Baker cyst in the right popliteal fossa.", ("baker_cyst", "present")),
    ],
)
def test_venous_duplex(text: str, want: tuple[str, str]) -> None:
    assert want in {(f.code, f.assertion.value) for f in structure(text).findings}


def test_a_negative_duplex_is_impressed_and_told() -> None:
    text = (
        "EXAMINATION: US VENOUS DUPLEX RIGHT LOWER EXTREMITY\nCLINICAL HISTORY: Right calf swelling. Evaluate for "
        "DVT.\nFINDINGS:\nCOMMON FEMORAL VEIN: Compressible with normal flow.\nPOPLITEAL VEIN: Compressible with "
        "normal flow.\nOTHER: A 3.1 x 1.2 cm Baker cyst in the right popliteal fossa.\n"
    )
    from radpilot.draft.impression import write_impression

    lines = write_impression(text).impression.splitlines()
    assert lines[0] == "1. No deep vein thrombosis.", lines
    assert any("Baker cyst" in x for x in lines), lines
    for lang in ("en", "es"):
        pv = simplify(text, lang=lang)
        assert pv.verified, pv.issues


def test_a_solid_components_size_is_not_the_nodules() -> None:
    # a nodule's type said before a lobe's abbreviation is still its type; the solid component's size is not its size
    (f,) = structure("Part-solid LUL nodule with 7 mm solid component.").findings
    assert (f.code, f.laterality.value if f.laterality else None, f.location, f.size_mm) == (
        "part_solid_nodule",
        "left",
        "upper lobe",
        None,
    )
    report = (
        "FINDINGS: Part-solid nodule in the left upper lobe measuring 16 x 14 mm, solid component measuring 7 mm.\n"
        "IMPRESSION: Part-solid LUL nodule with 7 mm solid component."
    )
    pv = simplify(report)
    assert pv.verified, pv.issues
    assert sum("spot" in s for s in pv.letter.found) == 1, pv.letter.found  # one spot, not two


@pytest.mark.parametrize(
    "text", ["Acute left cerebral infarct.", "Acute right MCA infarct.", "Acute left cerebellar infarction."]
)
def test_a_side_inside_an_acute_infarct_keeps_it_acute(text: str) -> None:
    # the impression's own words ("Acute left cerebral infarct.") read back as the acute infarct, with its side
    (f,) = structure(text).findings
    assert f.code == "acute_infarct" and f.laterality is not None


def test_an_acute_infarct_is_impressed_time_first() -> None:
    from radpilot.draft.impression import write_impression

    assert write_impression("FINDINGS: Acute infarct in the left frontal lobe.").impression == (
        "Acute left cerebral infarct."
    )
