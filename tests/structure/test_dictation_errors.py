"""Eighth 2026-12-01 session: review rv18a, the errors of real dictation and typing (made-up text): statements that
lost their stop, misspelled and misheard words. Tables by kind, one test a kind."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.report import parse_report


def _assertions(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in structure(text).findings:
        # (the report-level reading: present > uncertain > absent)
        if out.get(f.code) != "present":
            out[f.code] = f.assertion.value if out.get(f.code) != "uncertain" else "uncertain"
    return out


# a statement that lost its stop: the denial before it does not reach it
RUN_ONS = [
    ("No pleural effusion mild cardiomegaly", {"pleural_effusion": "absent", "cardiomegaly": "present"}),
    (
        "No pneumothorax right lower lobe consolidation",
        {"pneumothorax": "absent", "consolidation": "present"},
    ),
    (
        "No pleural effusion left lower lobe atelectasis",
        {"pleural_effusion": "absent", "atelectasis": "present"},
    ),
    (
        "No focal consolidation small left pneumothorax",
        {"consolidation": "absent", "pneumothorax": "present"},
    ),
    ("No pneumothorax 4 mm nodule in the right upper lobe", {"pneumothorax": "absent", "nodule": "present"}),
    (
        "Without pneumothorax small bilateral effusions",
        {"pneumothorax": "absent", "pleural_effusion": "present"},
    ),
    # ... or with its subject's own verb, run on or after a comma
    ("No pneumothorax heart is enlarged", {"pneumothorax": "absent", "cardiomegaly": "present"}),
    ("No pneumothorax the aorta is tortuous", {"pneumothorax": "absent", "tortuous_aorta": "present"}),
    (
        "No pneumothorax or pleural effusion, heart is enlarged.",
        {"pneumothorax": "absent", "pleural_effusion": "absent", "cardiomegaly": "present"},
    ),
    ("No ascites, liver is enlarged.", {"ascites": "absent", "hepatomegaly": "present"}),
    (
        "No pleural effusion and the heart is not enlarged.",
        {"pleural_effusion": "absent", "cardiomegaly": "absent"},
    ),
    ("No evidence that the heart is enlarged.", {"cardiomegaly": "absent"}),
    # (a dash is a stop the tokenizer does not keep)
    ("No pneumothorax - small left effusion.", {"pneumothorax": "absent", "pleural_effusion": "present"}),
    ("Negative for fracture - small joint effusion.", {"fracture": "absent", "joint_effusion": "present"}),
    # ... but a denied list keeps its items: one that lost its "or", one said with a degree of a list, and the sides
    # and degrees said before the finding
    (
        "There is no pneumothorax large pleural effusion.",
        {"pneumothorax": "absent", "pleural_effusion": "absent"},
    ),
    (
        "No evidence of focal airspace consolidation large pleural effusion or pneumothorax.",
        {"consolidation": "absent", "pleural_effusion": "absent", "pneumothorax": "absent"},
    ),
    ("No small or large pleural effusion.", {"pleural_effusion": "absent"}),
    ("No right or left pleural effusion.", {"pleural_effusion": "absent"}),
    ("No pleural effusion or pneumothorax.", {"pleural_effusion": "absent", "pneumothorax": "absent"}),
    # (review rv18b: a list that lost its commas, a side that is the finding's own word)
    (
        "No pneumothorax small pleural effusion or consolidation",
        {"pneumothorax": "absent", "pleural_effusion": "absent", "consolidation": "absent"},
    ),
]

# a stop typed without its space, or a line that ended without one
BREAKS = [
    (
        "No pleural effusion.small right pneumothorax.",
        {"pleural_effusion": "absent", "pneumothorax": "present"},
    ),
    (
        "NO PNEUMOTHORAX.RIGHT LOWER LOBE CONSOLIDATION.",
        {"pneumothorax": "absent", "consolidation": "present"},
    ),
    (
        "IMPRESSION:NO EFFUSION.RIGHT LOWER LOBE PNEUMONIA.",
        {"pleural_effusion": "absent", "pneumonia": "present"},
    ),
    (
        "No pneumothorax\nSmall right pleural effusion",
        {"pneumothorax": "absent", "pleural_effusion": "present"},
    ),
    (
        "FINDINGS:\nPneumothorax: No\nEffusion: Small left\nCardiomegaly: No",
        {"pneumothorax": "absent", "pleural_effusion": "present", "cardiomegaly": "absent"},
    ),
    # (a header glued to the stop before it still opens its section)
    ("HISTORY: COUGH.FINDINGS: RIGHT LOWER LOBE PNEUMONIA.", {"pneumonia": "present"}),
    # ... a wrapped line goes on before an acronym or a line of capitals (review rv18b)
    ("There is no evidence of acute\nPE.", {"pulmonary_embolism": "absent"}),
    (
        "THERE IS NO PNEUMOTHORAX OR PLEURAL\nEFFUSION.",
        {"pneumothorax": "absent", "pleural_effusion": "absent"},
    ),
    # ... a shortened word is no end before a small letter or glued to it, an end before a capital
    ("No bilat.pleural effusions.", {"pleural_effusion": "absent"}),
    ("Neg.for fracture.", {"fracture": "absent"}),
    ("Torsion: neg. Small left hydrocele.", {"torsion": "absent", "hydrocele": "present"}),
    # ... a line that leaves its statement open goes on on the next
    (
        "There is no pleural effusion or\nPneumothorax.",
        {"pleural_effusion": "absent", "pneumothorax": "absent"},
    ),
    ("There is no\nPneumothorax.", {"pneumothorax": "absent"}),
]


SPLITS = [
    ("No effusion.small pneumothorax.", ["No effusion.", "small pneumothorax."]),
    ("HEART SIZE NORMAL.LUNGS CLEAR.", ["HEART SIZE NORMAL.", "LUNGS CLEAR."]),
    ("No pneumothorax\nSmall right pleural effusion", ["No pneumothorax", "Small right pleural effusion"]),
    # an abbreviation, a decimal, "e.g." and a line that ends open are no ends
    ("The nodule measures approx.5 mm.", ["The nodule measures approx.5 mm."]),
    ("A 1.5 cm nodule.", ["A 1.5 cm nodule."]),
    ("Seen on the prior study of\nMarch 2020.", ["Seen on the prior study of\nMarch 2020."]),
    ("Dr.Smith was called.", ["Dr.Smith was called."]),
    ("Atelectasis e.g.at the bases.", ["Atelectasis e.g.at the bases."]),
]


@pytest.mark.parametrize(("text", "expected"), RUN_ONS + BREAKS)
def test_what_a_denial_reaches_in_dictation_that_lost_its_stops(text: str, expected: dict[str, str]) -> None:
    assert _assertions(text) == expected


@pytest.mark.parametrize(("text", "sentences"), SPLITS)
def test_sentences_of_dictation_that_lost_its_spaces(text: str, sentences: list[str]) -> None:
    assert [s.text for s in parse_report(text).sentences] == sentences


# numbers as dictated: a decimal comma, "point", numbers said as words (a wrong size changes a nodule's follow-up)
SIZES = [
    ("A 1 point 5 cm nodule in the right upper lobe.", [15.0]),
    ("A two point five cm mass.", [25.0]),
    ("A 2,5 cm mass in the left lower lobe.", [25.0]),
    ("A 2,5 x 1,5 cm mass.", [25.0, 15.0]),
    ("A four mm nodule in the right middle lobe.", [4.0]),
    ("A twelve millimeter nodule.", [12.0]),
    ("A Four-mm nodule.", [4.0]),
    # ... a number said as a word that counts is no size, nor a number with a thousands comma
    ("Two 5 mm nodules in the left upper lobe.", [5.0]),
    # ... and a list of numbers shares the unit said after its last ("3, 4 and 5 mm": three sizes, no 3.4 mm)
    ("Nodules of 3, 4 and 5 mm.", [3.0, 4.0, 5.0]),
]


@pytest.mark.parametrize(("text", "sizes"), SIZES)
def test_sizes_as_dictated(text: str, sizes: list[float]) -> None:
    from radpilot.report.measure import find_measurements

    assert [v for m in find_measurements(text) for v in m.values_mm] == sizes
    nodule = next(f for f in structure(text).findings if f.code in ("nodule", "mass"))
    assert nodule.size_mm == max(sizes)
