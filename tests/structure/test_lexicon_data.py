"""Structure-level facts about the shipped lexicon, and structuring cases for the CT/US and device entries.

The lexicon is data (``structure/data/lexicon/*.yaml``); these tests check what the data promises: enough
observations, every evaluation code present, lay words on every entry that read back to the same code, broader
codes (``is_a``) that exist, devices that are support devices, and the phrases of ``ct_us.yaml`` and
``devices.yaml`` read through :func:`radpilot.structure.structure` the way a report would use them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from radpilot.report import Finding
from radpilot.structure import ancestors, default_lexicon, load_lexicon, structure
from radpilot.structure.lexicon import Lexicon, lexicon_files

LEXICON_DIR = Path(str(resources.files("radpilot.structure") / "data" / "lexicon"))
OWN_FILES = ("ct_us.yaml", "devices.yaml", "msk_spine_more.yaml")
SHARED_LABELS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "iu_xray_labels.yaml"
PACKAGED_LABELS = Path(str(resources.files("radpilot.eval") / "iu_xray_labels.yaml"))

# In devices.yaml, entries that are deliberately not support devices (see the file's comments).
NOT_SUPPORT_DEVICES = {
    "support_device",
    "foreign_body",
    "breast_implant",
    "surgical_sutures",
    "intrauterine_device",
}


def _entries(name: str) -> list[dict[str, object]]:
    data = yaml.safe_load((LEXICON_DIR / name).read_text(encoding="utf-8"))
    entries = data["observations"]
    assert isinstance(entries, list)
    return entries


def _phrases(entry: dict[str, object], key: str) -> list[str]:
    value = entry.get(key, [])
    assert isinstance(value, list)
    return [str(p) for p in value]


def _found(text: str, code: str) -> list[Finding]:
    return [f for f in structure(text).findings if f.code == code]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


# -- the lexicon as a whole ---------------------------------------------------------------------------------
def test_loads_every_file_with_enough_observations(lexicon: Lexicon) -> None:
    assert {Path(s).name for s in lexicon.sources} >= set(OWN_FILES)
    assert len(lexicon.observations) >= 80
    assert len(_entries("ct_us.yaml")) >= 60


@pytest.mark.parametrize("labels_file", [PACKAGED_LABELS, SHARED_LABELS], ids=["packaged", "shared"])
def test_every_evaluation_code_exists(lexicon: Lexicon, labels_file: Path) -> None:
    if not labels_file.exists():
        pytest.skip(f"{labels_file} is not here")
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))["labels"]
    codes = {c for spec in labels.values() for c in spec.get("codes", [])}
    assert "support_device" in codes
    assert sorted(codes - set(lexicon.observations)) == []


def test_every_entry_has_a_lay_synonym(lexicon: Lexicon) -> None:
    assert [code for code, obs in lexicon.observations.items() if not obs.lay] == []


def test_is_a_targets_exist_and_do_not_loop(lexicon: Lexicon) -> None:
    for code, obs in lexicon.observations.items():
        for parent in obs.is_a:
            assert parent in lexicon.observations, f"{code} is_a unknown {parent}"
            assert code not in ancestors(lexicon, parent), f"{code} and {parent} are each other's ancestors"


def test_becomes_at_names_places_the_attribute_file_gives(lexicon: Lexicon) -> None:
    from radpilot.structure.rules import default_attributes

    places = {a.location for a in default_attributes().values() if a.location}
    used = {place for obs in lexicon.observations.values() for place, _ in obs.becomes_at}
    assert used, "no entry uses becomes_at"
    used |= {place for obs in lexicon.observations.values() for place in obs.places}
    assert used <= places, sorted(used - places)


def test_devices_are_support_devices_and_not_abnormal(lexicon: Lexicon) -> None:
    for entry in _entries("devices.yaml"):
        code = str(entry["code"])
        if code in NOT_SUPPORT_DEVICES:
            continue
        assert "support_device" in ancestors(lexicon, code), code
        assert lexicon.observations[code].abnormal is False, code
    assert lexicon.observations["support_device"].abnormal is False
    # a foreign body is abnormal and is not counted as a support device
    assert lexicon.observations["foreign_body"].abnormal is True
    assert "support_device" not in ancestors(lexicon, "foreign_body")


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        ("solid_nodule", "nodule"),
        ("part_solid_nodule", "nodule"),
        ("ground_glass_nodule", "nodule"),
        ("perifissural_nodule", "nodule"),
        ("tension_pneumothorax", "pneumothorax"),
        ("compression_fracture", "fracture"),
        ("mediastinal_mass", "mass"),
        ("honeycombing", "interstitial_lung_disease"),
        ("acute_infarct", "cerebral_infarct"),
        ("subdural_hematoma", "intracranial_hemorrhage"),
        ("endotracheal_tube", "support_device"),
        ("vascular_stent", "support_device"),
    ],
)
def test_is_a_chains(lexicon: Lexicon, code: str, parent: str) -> None:
    assert parent in ancestors(lexicon, code)


@pytest.mark.parametrize("name", OWN_FILES)
def test_ids_are_strings_of_digits_or_rids(name: str) -> None:
    for entry in _entries(name):
        if "snomed" in entry:
            assert isinstance(entry["snomed"], str) and entry["snomed"].isdigit(), entry["code"]
        if "radlex" in entry:
            assert str(entry["radlex"]).startswith("RID"), entry["code"]


def test_loading_only_the_device_file_names_the_missing_parent(tmp_path: Path) -> None:
    # is_a targets must exist: a devices-like file without support_device is refused with a clear message
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "observations:\n  - code: picc_only\n    name: PICC\n    synonyms: [picc]\n    lay: [arm line]\n"
        "    is_a: [support_device]\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="unknown code 'support_device'"):
        load_lexicon([bad])


# -- every phrase of the owned files reads back to its own code -------------------------------------------
def _readback_cases(key: str) -> list[tuple[str, str]]:
    cases = []
    for name in OWN_FILES:
        for entry in _entries(name):
            for phrase in _phrases(entry, key):
                if not phrase.endswith("*"):
                    cases.append((str(entry["code"]), phrase))
    return cases


@pytest.mark.parametrize(("code", "phrase"), _readback_cases("lay"))
def test_lay_phrases_read_back(code: str, phrase: str) -> None:
    found = _found(f"There is {phrase}.", code)
    assert found, f"{phrase!r} does not read back as {code}"
    assert found[0].assertion.value == "present"


# synonyms read as their code only beside the words that make them so (engine._rupture_of_the_aorta: a bare
# "rupture" is the aorta's beside its aneurysm, and no finding alone; engine._EDEMA_AROUND: the edema around a bleed
# is the brain's on a study of the head), with the words that do
CONTEXT_ONLY = {
    ("aortic_rupture", "rupture"): "Abdominal aortic aneurysm.",
    ("tension_pneumothorax", "tension"): "Large right pneumothorax with",
    ("carotid_stenosis", "string sign"): "Right ICA:",
    ("bowel_obstruction", "obstruction"): "CT abdomen and pelvis: colonic diverticulosis. No",
    ("bowel_obstruction", "partial obstruction"): "CT abdomen and pelvis: dilated small bowel loops. No",
    ("cerebral_atrophy", "atrophy"): "CT head: no haemorrhage. Moderate",
    # (a bare asymmetry is the breast's on a study of the breast only: review rv106a, "HMPAO brain perfusion SPECT ...
    # with the asymmetry increasing to approximately 25%")
    ("breast_asymmetry", "asymmetry"): "Screening mammogram:",
    ("breast_asymmetry", "asymmetries"): "Screening mammogram:",
    # a bare leak is the join's only in a report that names an operation on the gut (review rv111a)
    **{
        ("anastomotic_leak", phrase): "Water-soluble swallow after sleeve gastrectomy:"
        for phrase in ("leak", "leaks", "leakage")
    },
    **{
        ("bowel_wall_thickening", phrase): "CT abdomen and pelvis:"
        for phrase in ("wall thickening", "mural thickening", "wall thickened", "wall is thickened")
    },
    **{
        ("cerebral_edema", phrase): "CT head: right frontal hemorrhage."
        for phrase in (
            "surrounding edema",
            "adjacent edema",
            "associated edema",
            "surrounding oedema",
            "adjacent oedema",
            # (round a lesion or a tumour, the brain's on a study of the head only: review rv101c and the review of the
            # change, "Osteoid osteoma of the tibia with extensive perilesional oedema")
            "perilesional edema",
            "perilesional oedema",
            "peritumoral edema",
            "peritumoral oedema",
            "peritumoural edema",
            "peritumoural oedema",
        )
    },
}


def test_synonyms_read_back_to_their_own_code() -> None:
    wrong = []
    for code, phrase in _readback_cases("synonyms"):
        if (code, phrase) in CONTEXT_ONLY:
            assert not structure(f"{phrase}.").findings  # (and nothing else either)
            assert any(f.code == code for f in structure(f"{CONTEXT_ONLY[code, phrase]} {phrase}.").findings)
            continue
        findings = structure(f"{phrase}.").findings
        if not any(f.code == code and f.assertion.value == "present" for f in findings):
            wrong.append((code, phrase, [(f.code, f.assertion.value) for f in findings]))
    assert wrong == []


def test_exclusions_block_a_device_reading() -> None:
    for text in ("This may lead to a fallopian tube problem.", "Left-to-right shunt physiology."):
        codes = {f.code for f in structure(text).findings}
        assert "support_device" not in codes, text


# -- structuring cases ------------------------------------------------------------------------------------
PRESENT, ABSENT, UNCERTAIN = "present", "absent", "uncertain"


@pytest.mark.parametrize(
    ("text", "code", "assertion"),
    [
        # pericardial vs pleural effusion
        ("Small pericardial effusion.", "pericardial_effusion", PRESENT),
        ("No pericardial effusion.", "pericardial_effusion", ABSENT),
        ("There is fluid around the heart.", "pericardial_effusion", PRESENT),
        # free air, air in the wrong places
        ("No pneumoperitoneum.", "pneumoperitoneum", ABSENT),
        ("No free air under the diaphragm.", "pneumoperitoneum", ABSENT),
        ("Free intraperitoneal air is present.", "pneumoperitoneum", PRESENT),
        ("Pneumomediastinum and subcutaneous emphysema in the neck.", "pneumomediastinum", PRESENT),
        ("Small pneumopericardium after pericardiocentesis.", "pneumopericardium", PRESENT),
        ("No pericardial air.", "pneumopericardium", ABSENT),
        ("Moderate coronary artery calcifications.", "coronary_calcification", PRESENT),
        ("Findings consistent with aspiration pneumonitis.", "pneumonitis", PRESENT),
        ("Coronary artery calcifications.", "aortic_atherosclerosis", None),
        ("Pneumomediastinum and subcutaneous emphysema in the neck.", "subcutaneous_emphysema", PRESENT),
        ("Large right tension pneumothorax.", "tension_pneumothorax", PRESENT),
        # nodules by type, lymph nodes, airways, interstitium
        ("A 6 mm part-solid nodule in the right upper lobe.", "part_solid_nodule", PRESENT),
        ("Ground-glass nodule in the left lower lobe.", "ground_glass_nodule", PRESENT),
        ("Solid pulmonary nodule, stable.", "solid_nodule", PRESENT),
        ("Perifissural nodule along the minor fissure.", "perifissural_nodule", PRESENT),
        ("Enlarged lymph nodes", "lymphadenopathy", PRESENT),
        ("Mediastinal lymph nodes are enlarged.", "lymphadenopathy", PRESENT),
        ("No mediastinal or axillary lymphadenopathy.", "lymphadenopathy", ABSENT),
        ("No thoracic adenopathy.", "lymphadenopathy", ABSENT),
        ("Cylindrical bronchiectasis in both lower lobes.", "bronchiectasis", PRESENT),
        ("Subpleural honeycombing at the bases.", "honeycombing", PRESENT),
        ("Findings could represent pulmonary fibrosis.", "pulmonary_fibrosis", UNCERTAIN),
        ("Changes of cystic fibrosis.", "pulmonary_fibrosis", None),
        # vessels
        ("No pulmonary embolism.", "pulmonary_embolism", ABSENT),
        (
            "Filling defects in the pulmonary arteries consistent with pulmonary emboli.",
            "pulmonary_embolism",
            PRESENT,
        ),
        ("Cannot exclude aortic dissection.", "aortic_dissection", UNCERTAIN),
        ("4.5 cm infrarenal abdominal aortic aneurysm.", "aortic_aneurysm", PRESENT),
        # abdomen and pelvis
        ("The spleen is enlarged, measuring 15 cm.", "splenomegaly", PRESENT),
        ("Spleen is normal in size.", "splenomegaly", ABSENT),
        ("The liver is not enlarged.", "hepatomegaly", ABSENT),
        ("Diffuse hepatic steatosis.", "hepatic_steatosis", PRESENT),
        ("Nodular liver contour compatible with cirrhosis.", "cirrhosis", PRESENT),
        ("Moderate ascites.", "ascites", PRESENT),
        ("Cholelithiasis without evidence of acute cholecystitis.", "gallstones", PRESENT),
        ("Cholelithiasis without evidence of acute cholecystitis.", "cholecystitis", ABSENT),
        ("The common bile duct is dilated.", "biliary_dilatation", PRESENT),
        ("Nonobstructing left renal stone.", "nephrolithiasis", PRESENT),
        ("No hydronephrosis.", "hydronephrosis", ABSENT),
        ("Simple right renal cyst.", "renal_cyst", PRESENT),
        ("Findings consistent with acute appendicitis.", "appendicitis", PRESENT),
        (
            "Small bowel obstruction with a transition point in the right lower quadrant.",
            "bowel_obstruction",
            PRESENT,
        ),
        ("Sigmoid diverticulitis without abscess.", "diverticulitis", PRESENT),
        ("Sigmoid diverticulitis without abscess.", "abscess", ABSENT),
        ("1.2 cm left adrenal nodule.", "adrenal_nodule", PRESENT),
        # the nodule is there; the hedge after the comma is about what it is
        ("Left adrenal nodule, likely adenoma.", "adrenal_nodule", PRESENT),
        ("Hypoenhancing pancreatic head mass.", "pancreatic_mass", PRESENT),
        ("Small amount of free fluid in the pelvis.", "free_fluid", PRESENT),
        ("Small umbilical hernia containing fat.", "abdominal_hernia", PRESENT),
        # thyroid, breast, bone, brain
        ("Incidental 1.5 cm thyroid nodule.", "thyroid_nodule", PRESENT),
        ("Irregular spiculated breast mass at 2 o'clock.", "breast_mass", PRESENT),
        (
            "Grouped fine pleomorphic calcifications in the upper outer quadrant.",
            "breast_calcifications",
            PRESENT,
        ),
        ("Architectural distortion in the left breast.", "architectural_distortion", PRESENT),
        (
            "Multiple sclerotic osseous lesions concerning for osseous metastases.",
            "osseous_metastasis",
            UNCERTAIN,
        ),
        ("No lytic bone lesion.", "lytic_bone_lesion", ABSENT),
        ("No sclerotic bone lesions.", "sclerotic_bone_lesion", ABSENT),
        ("Chronic L1 vertebral compression fracture.", "compression_fracture", PRESENT),
        ("No acute intracranial hemorrhage.", "intracranial_hemorrhage", ABSENT),
        ("No acute infarct.", "acute_infarct", ABSENT),
        ("Acute infarct in the left MCA territory.", "acute_infarct", PRESENT),
        ("No hydrocephalus or midline shift.", "hydrocephalus", ABSENT),
        ("No hydrocephalus or midline shift.", "midline_shift", ABSENT),
        ("5 mm rightward midline shift.", "midline_shift", PRESENT),
        # tubes, lines and other devices
        ("Endotracheal tube tip 4 cm above the carina.", "endotracheal_tube", PRESENT),
        ("The endotracheal tube has been removed.", "endotracheal_tube", ABSENT),
        ("Nasogastric tube courses below the diaphragm.", "enteric_tube", PRESENT),
        ("Dobhoff tube tip in the stomach.", "enteric_tube", PRESENT),
        ("Left PICC line tip at the cavoatrial junction.", "picc", PRESENT),
        ("Right chest port-a-cath with tip in the SVC.", "port_catheter", PRESENT),
        ("Swan-Ganz catheter tip in the right pulmonary artery.", "swan_ganz_catheter", PRESENT),
        ("Left chest tube in place. No pneumothorax.", "chest_tube", PRESENT),
        (
            "Dual-chamber pacemaker with leads in the right atrium and right ventricle.",
            "cardiac_pacemaker",
            PRESENT,
        ),
        ("Left chest wall AICD.", "cardiac_pacemaker", PRESENT),
        ("Intact median sternotomy wires.", "sternotomy_wires", PRESENT),
        ("Cholecystectomy clips in the right upper quadrant.", "surgical_clips", PRESENT),
        ("Prosthetic aortic valve.", "prosthetic_heart_valve", PRESENT),
        ("Coronary artery stent.", "vascular_stent", PRESENT),
        ("Anterior cervical fusion hardware.", "spinal_fusion_hardware", PRESENT),
        ("Right shoulder arthroplasty.", "orthopedic_hardware", PRESENT),
        ("Bilateral breast implants.", "breast_implant", PRESENT),
        ("Overlying EKG leads.", "ecg_leads", PRESENT),
        ("Loop recorder over the left chest.", "loop_recorder", PRESENT),
        ("IABP tip 2 cm below the aortic arch.", "intra_aortic_balloon_pump", PRESENT),
        ("PEG tube in place.", "gastrostomy_tube", PRESENT),
        ("Metallic foreign body in the left chest wall soft tissues.", "foreign_body", PRESENT),
        ("All lines and tubes are in stable position.", "support_device", PRESENT),
        ("Interval removal of the chest tube.", "chest_tube", ABSENT),
    ],
)
def test_structuring_case(text: str, code: str, assertion: str | None) -> None:
    found = _found(text, code)
    if assertion is None:
        assert found == [], f"{code} should not be read in {text!r}"
        return
    assert found, f"{code} not found in {text!r}: {[f.code for f in structure(text).findings]}"
    assert found[0].assertion.value == assertion


@pytest.mark.parametrize(
    ("text", "code", "not_code"),
    [
        ("Small pericardial effusion.", "pericardial_effusion", "pleural_effusion"),
        ("Moderate pericardial effusion, no pleural effusion.", "pericardial_effusion", None),
        ("Right knee joint effusion.", "joint_effusion", "pleural_effusion"),
        ("Incidental thyroid nodule.", "thyroid_nodule", "nodule"),
        ("Subcutaneous emphysema along the chest wall.", "subcutaneous_emphysema", "emphysema"),
        ("Morgagni hernia.", "diaphragmatic_hernia", "hiatal_hernia"),
        ("No mass effect.", "mass_effect", "mass"),
        ("Sternotomy wires are intact.", "sternotomy_wires", "support_device"),
        # an airway's thickened wall is not the lung's interstitium
        ("Mild peribronchial cuffing.", "bronchial_wall_thickening", "interstitial_markings"),
        ("Bronchial wall thickening, compatible with bronchitis.", "bronchial_wall_thickening",
         "interstitial_markings"),
        ("Bilateral lower lobe bronchial thickening.", "bronchial_wall_thickening", None),
    ],
)  # fmt: skip
def test_specific_phrase_wins_over_generic(text: str, code: str, not_code: str | None) -> None:
    codes = {f.code for f in structure(text).findings}
    assert code in codes
    if not_code:
        assert not_code not in codes


def test_pleural_effusion_still_read_beside_a_pericardial_one() -> None:
    findings = structure("Moderate pericardial effusion, no pleural effusion.").findings
    by_code = {f.code: f.assertion.value for f in findings}
    assert by_code["pericardial_effusion"] == "present"
    assert by_code["pleural_effusion"] == "absent"


def test_central_line_with_side_and_tip_position() -> None:
    text = "Right IJ central venous catheter with tip in the SVC."
    (f,) = _found(text, "central_venous_catheter")
    assert f.assertion.value == "present"
    assert f.laterality is not None and f.laterality.value == "right"
    lexicon = default_lexicon()
    assert "support_device" in ancestors(lexicon, f.code)
    # the tip position is read on a device finding of the sentence (the catheter itself, or its tip)
    devices = [d for d in structure(text).findings if "support_device" in ancestors(lexicon, d.code)]
    assert "superior vena cava" in {d.location for d in devices}


def test_picc_side_and_cavoatrial_junction() -> None:
    (f,) = _found("Left upper extremity PICC terminates at the cavoatrial junction.", "picc")
    assert f.laterality is not None and f.laterality.value == "left"
    assert f.location == "cavoatrial junction"
    assert f.assertion.value == "present"


def test_sizes_attach_to_ct_observations() -> None:
    (f,) = _found("1.2 x 0.9 cm right adrenal nodule.", "adrenal_nodule")
    assert f.size_mm == 12.0
    assert f.laterality is not None and f.laterality.value == "right"


def test_devices_are_read_and_flagged_not_abnormal() -> None:
    lexicon = default_lexicon()
    report = structure("FINDINGS: Left PICC tip in the SVC. Sternotomy wires. Lungs are clear.")
    present = {f.code for f in report.findings if f.assertion.value == "present"}
    assert {"picc", "sternotomy_wires"} <= present
    assert not any(lexicon.observations[c].abnormal for c in present)
    (effusion,) = _found("FINDINGS: Small pericardial effusion.", "pericardial_effusion")
    assert lexicon.observations[effusion.code].abnormal is True


@pytest.mark.parametrize(
    ("lay_text", "code"),
    [
        ("You have a small amount of fluid around the heart.", "pericardial_effusion"),
        ("There is free air in the belly.", "pneumoperitoneum"),
        ("The scan shows a blood clot in the lung arteries.", "pulmonary_embolism"),
        ("Your breathing tube is in a good position.", "endotracheal_tube"),
        ("You have swollen glands in the chest.", "lymphadenopathy"),
        ("There is fat in the liver.", "hepatic_steatosis"),
        ("There is a stone in the kidney.", "nephrolithiasis"),
        ("There is no bleeding in the brain.", "intracranial_hemorrhage"),
    ],
)
def test_lay_sentences_read_back(lay_text: str, code: str) -> None:
    assert _found(lay_text, code)


def test_owned_files_are_in_the_package() -> None:
    names = {p.name for p in lexicon_files()}
    assert set(OWN_FILES) <= names
