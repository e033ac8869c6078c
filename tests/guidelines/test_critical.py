"""Critical results: negation-aware, tiers from the data file, codes validated against the lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from radpilot.guidelines import assess, critical_results, default_critical_rules, load_critical_rules
from radpilot.structure import DataFileError, structure

CXR = "EXAM: Portable chest x-ray\nHISTORY: {history}\nFINDINGS: {finding}\nIMPRESSION: See findings."

# (finding sentence, expected [(code, tier)])
CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("No pneumothorax.", []),
    ("There is no evidence of pneumothorax or pleural effusion.", []),
    ("Large right pneumothorax.", [("pneumothorax", "red")]),
    ("New small left apical pneumothorax.", [("pneumothorax", "red")]),
    ("Small right apical pneumothorax, unchanged.", [("pneumothorax", "orange")]),
    ("Right pneumothorax with mediastinal shift to the left.", [("pneumothorax", "red")]),
    ("A small pneumothorax cannot be excluded.", [("pneumothorax", "orange")]),
    ("Tension pneumothorax on the right.", [("tension_pneumothorax", "red")]),
    ("The endotracheal tube tip is in the right mainstem bronchus.", [("endotracheal_tube", "red")]),
    ("Endotracheal tube in standard position.", []),
    ("The enteric tube courses into the right lower lobe bronchus.", [("enteric_tube", "red")]),
    # a course through the airway still counts when the tip is not said to be in place
    (
        "Feeding tube courses through the left mainstem bronchus with tip in the left lower lobe.",
        [("enteric_tube", "red")],
    ),
    ("The enteric tube tip is in the distal esophagus and should be advanced.", [("enteric_tube", "orange")]),
    ("Free air under the diaphragm.", [("pneumoperitoneum", "red")]),
    ("No free air under the diaphragm.", []),
    ("Large right pleural effusion.", [("pleural_effusion", "orange")]),
    ("Small right pleural effusion.", []),
]


@pytest.mark.parametrize(("finding", "expected"), CASES, ids=[c[0] for c in CASES])
def test_chest_radiograph_critical(finding: str, expected: list[tuple[str, str]]) -> None:
    out = assess(CXR.format(history="Shortness of breath.", finding=finding), {})
    assert out.profile == "chest-radiograph"
    assert sorted((c.code, c.tier) for c in out.critical) == sorted(expected)
    for c in out.critical:
        text = CXR.format(history="Shortness of breath.", finding=finding)
        assert text[c.span[0] : c.span[1]] == c.text


@pytest.mark.parametrize(
    ("finding", "code"),
    [
        ("Acute aortic dissection involving the ascending aorta.", "aortic_dissection"),
        (
            "Filling defects in the right lower lobe pulmonary arteries consistent with pulmonary embolism.",
            "pulmonary_embolism",
        ),
        ("Pneumopericardium.", "pneumopericardium"),
    ],
)
def test_ct_red_findings(finding: str, code: str) -> None:
    out = assess(f"EXAMINATION: CT chest\nFINDINGS: {finding}", {"age": 60})
    assert (code, "red") in [(c.code, c.tier) for c in out.critical]


@pytest.mark.parametrize(
    "text",
    [
        "EXAMINATION: CTA chest\nHISTORY: Evaluate for pulmonary embolism.\nFINDINGS: No pulmonary embolism.",
        "EXAMINATION: CT chest\nHISTORY: History of aortic dissection repair.\nFINDINGS: Postoperative changes.",
        "EXAMINATION: Chest x-ray\nHISTORY: Rule out pneumothorax.\nFINDINGS: Lungs are clear.",
    ],
)
def test_history_and_negation_are_not_critical(text: str) -> None:
    assert assess(text, {}).critical == []


def test_result_shape() -> None:
    sr = structure("FINDINGS: Large left pneumothorax.")
    [c] = critical_results(sr)
    d = c.to_dict()
    assert {"code", "tier", "text", "span"} <= set(d) and d["code"] == "pneumothorax" and d["tier"] == "red"


def test_default_list_loads_and_names_phrase_codes() -> None:
    rules = default_critical_rules()
    assert rules.tiers.keys() == {"red", "orange", "yellow"}
    assert {r.entry.code for r in rules.rules} >= {"pneumothorax", "endotracheal_tube", "pneumoperitoneum"}


def test_unknown_code_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "critical.yaml"
    bad.write_text(
        "version: x\ntiers: {red: now, orange: soon, yellow: later}\nresults:\n"
        "  - code: pneumothorax\n    tier: red\n    label: ok\n"
        "  - code: pnemothorax\n    tier: red\n    label: typo\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"critical.yaml:7 .*unknown observation code 'pnemothorax'"):
        load_critical_rules(bad)


def test_bad_tier_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "critical.yaml"
    bad.write_text(
        "version: x\ntiers: {red: now}\nresults:\n  - code: pneumothorax\n    tier: purple\n    label: x\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="tier"):
        load_critical_rules(bad)


# -- review findings: each repro with a control ---------------------------------------------------------------

CT = "EXAMINATION: {exam}\nFINDINGS: {finding}\nIMPRESSION: See findings."


def _tiers(finding: str, exam: str = "CT head without contrast") -> list[tuple[str, str]]:
    text = CT.format(exam=exam, finding=finding)
    out = assess(text, {})
    for c in out.critical:
        assert text[c.span[0] : c.span[1]] == c.text
    return sorted((c.code, c.tier) for c in out.critical)


# (finding sentence, expected [(code, tier)])
BRAIN: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Acute left subdural hematoma measuring 12 mm in thickness with 7 mm rightward midline shift.",
        [("midline_shift", "red"), ("subdural_hematoma", "red")],
    ),
    ("Small subarachnoid hemorrhage in the left sylvian fissure.", [("subarachnoid_hemorrhage", "red")]),
    ("Acute epidural hematoma over the right temporal convexity.", [("epidural_hematoma", "red")]),
    (
        "Intraventricular hemorrhage layering in the occipital horns.",
        [("intraventricular_hemorrhage", "red")],
    ),
    ("Acute intraparenchymal hemorrhage in the right basal ganglia.", [("intracranial_hemorrhage", "red")]),
    ("Left uncal herniation.", [("brain_herniation", "red")]),
    ("Acute infarct in the left MCA territory.", [("acute_infarct", "red")]),
    ("Acute right MCA territory infarct.", [("acute_infarct", "red")]),
    ("Left MCA territory infarct with restricted diffusion.", [("cerebral_infarct", "red")]),
    ("Acute-on-chronic left subdural hematoma.", [("subdural_hematoma", "red")]),
    ("Chronic left subdural hematoma with an acute component.", [("subdural_hematoma", "red")]),
    ("Interval increase in size of the left subdural hematoma.", [("subdural_hematoma", "red")]),
    # controls: negated, chronic, old, unchanged
    ("No acute intracranial hemorrhage, mass effect or midline shift.", []),
    ("Chronic left subdural hematoma, unchanged.", []),
    ("Chronic left subdural hematoma without acute hemorrhage.", []),
    ("Old left frontal infarct.", []),
    ("Remote right parietal infarct.", []),
    ("Stable small left subdural hematoma.", [("subdural_hematoma", "yellow")]),
    ("Tension pneumocephalus with mass effect on the frontal lobes.", [("pneumocephalus", "red")]),
    ("Small amount of postoperative pneumocephalus.", []),
    ("Scattered cerebral microhemorrhages.", []),
    (
        "Acute subdural hematoma along the left convexity with a chronic right frontal infarct.",
        [("subdural_hematoma", "red")],
    ),
]


@pytest.mark.parametrize(("finding", "expected"), BRAIN, ids=[c[0] for c in BRAIN])
def test_intracranial_critical(finding: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == expected


def test_intracranial_history_is_not_critical() -> None:
    text = (
        "EXAMINATION: CT head\nHISTORY: Fall, evaluate for intracranial hemorrhage.\n"
        "FINDINGS: No intracranial hemorrhage.\nIMPRESSION: No acute intracranial abnormality."
    )
    assert assess(text, {}).critical == []


ABDOMEN_AND_VESSELS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Ruptured infrarenal abdominal aortic aneurysm measuring 7.2 cm with large left retroperitoneal hematoma.",
        [("aortic_aneurysm", "red")],
    ),
    (
        "Pneumatosis intestinalis of the distal ileum with portal venous gas.",
        [("pneumatosis", "red"), ("portal_venous_gas", "red")],
    ),
    ("Portal venous gas in the left hepatic lobe.", [("portal_venous_gas", "red")]),
    ("Occlusion of the superior mesenteric artery.", [("mesenteric_ischemia", "red")]),
    ("Hyperdense left MCA sign consistent with M1 occlusion.", [("large_vessel_occlusion", "red")]),
    ("Retropulsed fragment with cord compression at T10.", [("spinal_cord_compression", "red")]),
    (
        "Grade 3 splenic laceration with moderate hemoperitoneum.",
        [("hemoperitoneum", "red"), ("solid_organ_injury", "orange")],
    ),
    ("Small hemoperitoneum, expected after recent surgery.", [("hemoperitoneum", "orange")]),
    ("Decreased hemoperitoneum.", [("hemoperitoneum", "orange")]),
    ("No hemoperitoneum.", []),
    ("No cord compression.", []),
    ("No evidence of mesenteric ischemia.", []),
    ("Sigmoid volvulus with marked dilatation of the sigmoid colon.", [("volvulus", "red")]),
    ("Gastric volvulus, unchanged from prior.", [("volvulus", "yellow")]),
    ("Ileocolic intussusception in the right upper quadrant.", [("intussusception", "red")]),
    ("Aortic rupture at the isthmus.", [("aortic_rupture", "red")]),
    (
        "Active extravasation from the splenic laceration.",
        [("active_extravasation", "red"), ("solid_organ_injury", "orange")],
    ),
    # controls
    ("Infrarenal abdominal aortic aneurysm measuring 4.2 cm without rupture.", []),
    ("No pneumatosis or portal venous gas.", []),
    ("No volvulus or intussusception.", []),
    ("Transient small bowel intussusception without obstruction, likely incidental.", []),
    ("No active extravasation.", []),
]


@pytest.mark.parametrize(
    ("finding", "expected"), ABDOMEN_AND_VESSELS, ids=[c[0] for c in ABDOMEN_AND_VESSELS]
)
def test_abdominal_and_vascular_critical(finding: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(finding, "CT abdomen and pelvis with contrast") == expected


# the tip position decides; the course and landmarks named next to the tube do not
TUBES: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "The nasogastric tube courses along the expected course of the esophagus, posterior to the trachea, "
        "with tip in the stomach.",
        [],
    ),
    ("Enteric tube tip projects over the gastric fundus, below the left lung base.", []),
    ("Enteric tube tip projects over the right lung base.", [("enteric_tube", "red")]),
    ("The enteric tube courses into the right lower lobe bronchus.", [("enteric_tube", "red")]),
    # a course through the airway still counts when the tip is not said to be in place
    (
        "Feeding tube courses through the left mainstem bronchus with tip in the left lower lobe.",
        [("enteric_tube", "red")],
    ),
    ("The enteric tube tip is in the distal esophagus and should be advanced.", [("enteric_tube", "orange")]),
    # ETT: tip 5 +/- 2 cm above the carina
    ("Endotracheal tube tip is 0.5 cm above the carina.", [("endotracheal_tube", "red")]),
    ("Endotracheal tube tip is 15 mm above the carina.", [("endotracheal_tube", "red")]),
    ("Endotracheal tube tip 1 cm below the carina.", [("endotracheal_tube", "red")]),
    (
        "Endotracheal tube tip at the thoracic inlet, approximately 9 cm above the carina.",
        [("endotracheal_tube", "orange")],
    ),
    ("Endotracheal tube tip is 4 cm above the carina.", []),
    ("Endotracheal tube tip is 2-3 cm above the carina.", []),
    ("Endotracheal tube tip is 4 cm above the carina, previously 1 cm above the carina.", []),
]


@pytest.mark.parametrize(("finding", "expected"), TUBES, ids=[c[0] for c in TUBES])
def test_tube_position(finding: str, expected: list[tuple[str, str]]) -> None:
    out = assess(CXR.format(history="Intubated.", finding=finding), {})
    assert sorted((c.code, c.tier) for c in out.critical) == expected


# the most urgent matching entry wins, whatever the order of the entries
TIERS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Large right pleural effusion causing leftward mediastinal shift.", [("pleural_effusion", "red")]),
    ("Moderate right pleural effusion with mediastinal shift.", [("pleural_effusion", "red")]),
    ("Large right pleural effusion.", [("pleural_effusion", "orange")]),
    # "more than expected" / "not expected" do not make free air expected
    (
        "Moderate pneumoperitoneum, more than expected for postoperative day 12.",
        [("pneumoperitoneum", "red")],
    ),
    ("Free air under the diaphragm, not expected at this stage.", [("pneumoperitoneum", "red")]),
    # air the report calls expected after surgery is not a result (it was orange: "act soon" in a patient letter)
    ("Small pneumoperitoneum, expected postoperative finding.", []),
    # a known chronic finding is not a new critical result (exempt); one that grows is
    ("Chronic type B aortic dissection, unchanged in extent since 2019.", []),
    ("There is chronic pulmonary embolism, unchanged from 2022.", []),
    ("Known small right pneumothorax, unchanged.", []),
    ("Pulmonary embolism in the right lower lobe, chronic in appearance.", []),
    # "chronic" said of something else in the sentence does not exempt the finding
    ("Small right pneumothorax in a patient with chronic lung disease.", [("pneumothorax", "orange")]),
    (
        "Chronic type B aortic dissection with new extension into the left common iliac artery.",
        [("aortic_dissection", "red")],
    ),
    ("Type B aortic dissection.", [("aortic_dissection", "red")]),
    ("Acute pulmonary embolism in the right lower lobe pulmonary arteries.", [("pulmonary_embolism", "red")]),
    ("Small right apical pneumothorax, unchanged.", [("pneumothorax", "orange")]),
]


@pytest.mark.parametrize(("finding", "expected"), TIERS, ids=[c[0] for c in TIERS])
def test_tier_order_expected_and_known(finding: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(finding, "CT chest abdomen pelvis") == expected


def test_entry_order_never_lowers_a_tier(tmp_path: Path) -> None:
    path = tmp_path / "critical.yaml"
    path.write_text(
        "version: x\ntiers: {red: now, orange: soon, yellow: later}\nresults:\n"
        "  - code: pleural_effusion\n    tier: yellow\n    label: any effusion\n"
        "  - code: pleural_effusion\n    tier: red\n    label: shift\n    words: [mediastinal shift]\n",
        encoding="utf-8",
    )
    rules = load_critical_rules(path)
    [c] = critical_results(structure("FINDINGS: Small left pleural effusion with mediastinal shift."), rules)
    assert (c.tier, c.label) == ("red", "shift")
    [c] = critical_results(structure("FINDINGS: Small left pleural effusion."), rules)
    assert (c.tier, c.label) == ("yellow", "any effusion")


def test_family_entry_covers_narrower_codes(tmp_path: Path) -> None:
    path = tmp_path / "critical.yaml"
    body = "version: x\ntiers: {red: now, orange: soon, yellow: later}\nresults:\n"
    entry = "  - code: intracranial_hemorrhage\n    tier: red\n    label: ich\n"
    path.write_text(body + entry, encoding="utf-8")
    sr = structure("FINDINGS: Small left subdural hematoma.")
    assert critical_results(sr, load_critical_rules(path)) == []
    path.write_text(body + entry + "    family: true\n", encoding="utf-8")
    [c] = critical_results(sr, load_critical_rules(path))
    assert (c.code, c.tier, c.label) == ("subdural_hematoma", "red", "ich")


def test_distance_needs_a_bound(tmp_path: Path) -> None:
    bad = tmp_path / "critical.yaml"
    bad.write_text(
        "version: x\ntiers: {red: now}\nresults:\n  - code: endotracheal_tube\n    tier: red\n    label: x\n"
        "    distance: {to: [carina]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="less_than_cm or more_than_cm"):
        load_critical_rules(bad)


# found by a review of made-up pelvic, chest CT and screening reports
PELVIS_AND_SCREENING: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("US PELVIS", "The right ovary is enlarged with absent flow, consistent with ovarian torsion.",
     [("ovarian_torsion", "red")]),
    ("US PELVIS", "Findings concerning for torsion of the left ovary.", [("ovarian_torsion", "red")]),
    ("US PELVIS", "Twisted pedicle with free fluid, consistent with adnexal torsion.", [("ovarian_torsion", "red")]),
    ("US PELVIS", "No sonographic evidence of ovarian torsion.", []),
    ("US PELVIS", "Ruptured left ectopic pregnancy with hemoperitoneum.",
     [("ectopic_pregnancy", "red"), ("hemoperitoneum", "red")]),
    ("US PELVIS", "Intrauterine pregnancy. No ectopic pregnancy.", []),
    ("CT CHEST", "The tension pneumothorax has resolved; there is a tiny residual right apical pneumothorax.",
     [("pneumothorax", "orange")]),
    ("CT CHEST", "Moderate right pneumothorax causing mediastinal shift.", [("pneumothorax", "red")]),
    # a nodule named by its type is a nodule ("new solid nodule")
    ("CT CHEST", "New 7 x 5 mm solid nodule in the left lower lobe.", [("solid_nodule", "yellow")]),
    ("CT CHEST", "Interval development of a 5 x 4 mm part-solid nodule in the left upper lobe.",
     [("part_solid_nodule", "yellow")]),
    ("CT CHEST", "Stable 5 mm solid nodule.", []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("exam", "finding", "expected"), PELVIS_AND_SCREENING, ids=[c[1] for c in PELVIS_AND_SCREENING]
)
def test_pelvic_emergencies_and_nodule_types(
    exam: str, finding: str, expected: list[tuple[str, str]]
) -> None:
    assert _tiers(finding, exam) == expected


def test_a_lung_rads_4b_nodule_is_a_suspected_malignancy_to_communicate() -> None:
    text = (
        "EXAM: LDCT LUNG CANCER SCREENING\nFINDINGS: Part-solid nodule in the right upper lobe measuring 22 x 18 mm "
        "with a 9 mm solid component.\nIMPRESSION: Part-solid nodule."
    )
    a = assess(text, {"age": 64})
    assert [g.category for g in a.guidelines] == ["4B"]
    assert [(c.code, c.tier) for c in a.critical] == [("nodule", "yellow")]
    assert a.critical[0].label.startswith("Lung-RADS 4B: suspicious for malignancy")
    start, end = a.critical[0].span
    assert text[start:end] == a.critical[0].text and "9 mm solid component" in a.critical[0].text
    # a Lung-RADS 3 nodule is not
    small = "EXAM: LDCT LUNG CANCER SCREENING\nFINDINGS: 7 mm solid nodule in the right upper lobe."
    assert assess(small, {"age": 64}).critical == []
