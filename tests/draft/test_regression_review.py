"""Rows a regression review of the day's changes found worse, now right (made-up reports): a lesion too small to
characterize is left out only below 1 cm, "acute on chronic" stays one phrase beside a change and a size, a disease the
report's own history names as known is the background and not the question, a screening or staging exam puts its
normal statement after its findings, a malignancy said to be other than HCC is no HCC, an adrenal nodule does not
contradict "no lung nodules" in a letter, and an operation recommended is no operation had."""

from __future__ import annotations

import re

import pytest

from radpilot import structure
from radpilot.draft.impression import write_impression
from radpilot.guidelines import assess
from radpilot.patient import simplify


def _lines(text: str) -> list[str]:
    return [re.sub(r"^\d+\. ", "", x) for x in write_impression(text).impression.splitlines()]


@pytest.mark.parametrize(
    ("text", "first", "present", "absent"),
    [
        ("FINDINGS: Liver: 1.5 cm hypodense lesion in segment 7, too small to characterize.", "15 mm liver lesion.",
         [], []),
        ("FINDINGS: Subcentimeter hepatic hypodensities, too small to characterize.", "No acute abnormality.", [], []),
        ("FINDINGS: Mixed density right convexity subdural collection measuring 14 mm, previously 10 mm, consistent "
         "with acute on chronic subdural hematoma.", "Increased 14 mm right acute on chronic subdural hematoma.", [],
         []),
        ("EXAMINATION: CT ABDOMEN LIVER PROTOCOL\nCLINICAL HISTORY: Hepatitis C cirrhosis. HCC surveillance.\n"
         "FINDINGS:\nLiver: Nodular contour, consistent with cirrhosis. A 23 mm observation in segment 7 shows arterial "
         "phase hyperenhancement, washout and an enhancing capsule.\n", "23 mm liver lesion.", ["Cirrhosis."], []),
        ("EXAMINATION: LOW DOSE CT CHEST\nCLINICAL HISTORY: Lung cancer screening.\nFINDINGS: Stable 4 mm solid "
         "nodule in the left upper lobe.\n", "Stable 4 mm solid pulmonary nodule in the left upper lobe.",
         ["No acute cardiopulmonary abnormality."], []),
        # emboli named artery by artery on both sides, then read: one bilateral item
        ("FINDINGS: Filling defects in the right main pulmonary artery extending into the right upper and lower lobe "
         "segmental branches, and in the left lower lobe segmental arteries, consistent with acute pulmonary emboli.",
         "Acute pulmonary embolism in both pulmonary arteries.", [], []),
        # ... but a question the history asks is still the question
        ("EXAMINATION: CTA CHEST\nCLINICAL HISTORY: Pleuritic chest pain. Evaluate for PE.\nFINDINGS: No pulmonary "
         "embolism. Small left pleural effusion.\n", "No pulmonary embolism.", [], []),
        ("EXAMINATION: CT HEAD\nCLINICAL HISTORY: Fall, headache.\nFINDINGS: Mild chronic small vessel ischemic "
         "disease. No intracranial hemorrhage.\n", "No acute intracranial abnormality.", [], []),
    ],
)  # fmt: skip
def test_impression(text: str, first: str, present: list[str], absent: list[str]) -> None:
    lines = _lines(text)
    assert lines[0] == first, lines
    assert set(present) <= set(lines), lines
    assert not set(absent) & set(lines), lines


def test_a_malignancy_other_than_hcc_is_no_hcc() -> None:
    text = "FINDINGS: Segment 8 observation with peripheral washout, suggesting non-HCC malignancy (LR-M)."
    assert "hepatocellular_carcinoma" not in structure(text).by_code()
    assert "hepatocellular_carcinoma" not in {c.code for c in assess(text, {}).critical}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_adrenal_nodule_does_not_deny_the_lungs_negative(lang: str) -> None:
    pv = simplify(
        "FINDINGS: No lung nodules. Lungs are clear. Incidental 1.5 cm left adrenal nodule.", lang=lang
    )
    assert pv.verified, pv.issues
    assert {"nodule": "absent"}.items() <= {t["code"]: t["assertion"] for t in pv.findings_kept}.items()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_operation_recommended_is_no_operation_had(lang: str) -> None:
    pv = simplify(
        "FINDINGS: Infrarenal AAA 4.2 cm, previously 3.9 cm.\nIMPRESSION: Growing AAA. Recommend vascular surgery "
        "follow-up.",
        lang=lang,
    )
    assert pv.verified, pv.issues
    assert not any("operation" in s or "operación" in s for s in pv.letter.found), pv.letter.found


def test_no_extraluminal_air_is_told() -> None:
    pv = simplify("FINDINGS: Sigmoid diverticulitis. No abscess. No extraluminal air.")
    assert "There is no sign of air outside the bowel." in pv.letter.found
