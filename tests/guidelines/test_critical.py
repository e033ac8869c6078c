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
