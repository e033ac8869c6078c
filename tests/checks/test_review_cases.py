"""Checks after the clinical review: communication must be documented as done and to the care team; laterality
and size compare an observation with its is_a family but only the same lesion; a recommendation is not negated
or past; the order's side abbreviations are read as words of their own."""

from __future__ import annotations

import pytest

from radpilot.checks import run_checks_on_text

PTX = "FINDINGS: New moderate right pneumothorax.\nIMPRESSION: New moderate right pneumothorax. {said}"


def _codes(text: str, ctx: dict[str, object] | None = None) -> list[tuple[str, str]]:
    return [(c.code, c.severity) for c in run_checks_on_text(text, ctx or {})]


COMMUNICATION: list[tuple[str, bool]] = [
    # not communicated
    ("Findings were not discussed with the ordering provider at the time of dictation.", False),
    ("These results will be discussed with Dr. Smith.", False),
    ("Patient was notified of the results.", False),  # the patient alone is not the care team
    ("Dr. Lee was paged at 14:05 but did not respond.", False),
    ("Attempted to notify the referring physician.", False),
    ("", False),
    # communicated
    ("Discussed with Dr. Smith at 10:32.", True),
    ("Critical result communicated to Dr. Lee by telephone at 14:05 with read-back.", True),
    ("Findings discussed with the patient and with Dr. Lee at 14:05.", True),
    ("The ED physician was notified at 03:10.", True),
]


@pytest.mark.parametrize(
    ("said", "communicated"), COMMUNICATION, ids=[c[0] or "(nothing)" for c in COMMUNICATION]
)
def test_communication_must_be_done_and_to_the_care_team(said: str, communicated: bool) -> None:
    blocked = ("critical_not_communicated", "blocking") in _codes(PTX.format(said=said))
    assert blocked is not communicated


def test_communication_in_the_history_does_not_count() -> None:
    text = (
        "HISTORY: Pneumothorax, discussed with surgery.\nFINDINGS: New moderate right pneumothorax.\n"
        "IMPRESSION: New moderate right pneumothorax."
    )
    assert ("critical_not_communicated", "blocking") in _codes(text)
    said = text + " Discussed with the surgery team at 09:15."
    assert ("critical_not_communicated", "blocking") not in _codes(said)


def test_intracranial_hemorrhage_blocks_until_communicated() -> None:
    text = (
        "FINDINGS: Acute left subdural hematoma measuring 12 mm in thickness with 7 mm rightward midline shift.\n"
        "IMPRESSION: Acute left subdural hematoma with 7 mm midline shift."
    )
    blocking = [c for c in run_checks_on_text(text) if c.code == "critical_not_communicated"]
    assert blocking and all(c.severity == "blocking" for c in blocking)
    assert any("red" in c.message for c in blocking)
    done = text + " Discussed with Dr. Patel (neurosurgery) by telephone at 02:14 with read-back."
    assert not [c for c in run_checks_on_text(done) if c.code == "critical_not_communicated"]
    old = "FINDINGS: Chronic left subdural hematoma, unchanged.\nIMPRESSION: Chronic left subdural hematoma."
    assert not [c for c in run_checks_on_text(old) if c.code == "critical_not_communicated"]


# (findings, impression, expected check codes among laterality/size/unsupported)
MATCHING: list[tuple[str, str, list[str]]] = [
    # is_a family: solid_nodule in the findings, nodule in the impression
    (
        "9 mm solid nodule in the right upper lobe.",
        "9 mm left upper lobe nodule.",
        ["laterality_discrepancy"],
    ),
    ("9 mm solid nodule in the right upper lobe.", "12 mm right upper lobe nodule.", ["size_discrepancy"]),
    ("9 mm solid nodule in the right upper lobe.", "9 mm right upper lobe nodule.", []),
    # two different nodules: the impression names one of them correctly
    (
        "6 mm solid nodule in the right lower lobe. 3 mm nodule in the left upper lobe.",
        "6 mm right lower lobe nodule. 3 mm left upper lobe nodule.",
        [],
    ),
    (
        "6 mm solid nodule in the right lower lobe. 3 mm nodule in the left upper lobe.",
        "6 mm solid right lower lobe nodule.",
        [],
    ),
    # ... or puts the 3 mm upper lobe one on the wrong side
    (
        "6 mm solid nodule in the right lower lobe. 3 mm nodule in the left upper lobe.",
        "3 mm right upper lobe nodule.",
        ["laterality_discrepancy"],
    ),
    ("Small left pleural effusion.", "Small right pleural effusion.", ["laterality_discrepancy"]),
]

_MATCH_CODES = {"laterality_discrepancy", "size_discrepancy", "impression_unsupported"}


@pytest.mark.parametrize(("findings", "impression", "expected"), MATCHING)
def test_family_and_lesion_matching(findings: str, impression: str, expected: list[str]) -> None:
    text = f"FINDINGS: {findings}\nIMPRESSION: {impression}"
    got = sorted(c for c, _ in _codes(text) if c in _MATCH_CODES)
    assert got == sorted(expected)
    for c in run_checks_on_text(text):
        if c.code in ("laterality_discrepancy", "size_discrepancy"):
            assert c.severity == "blocking"


NODULE = (
    "EXAMINATION: CT chest\nFINDINGS: There is a new 10 mm solid nodule in the right upper lobe.\n"
    "IMPRESSION: 10 mm right upper lobe nodule. {said}"
)
RECOMMENDATION: list[tuple[str, bool]] = [
    ("No follow-up is needed.", False),
    ("Follow-up is not required.", False),
    ("It has increased from 6 months ago.", False),
    ("It is larger than 12 months prior.", False),
    ("Recommend no further imaging.", False),
    ("Recommend CT chest in 3 months.", True),
    ("Follow-up CT in 3 months is recommended.", True),
    ("PET/CT or tissue sampling is suggested.", True),
]


@pytest.mark.parametrize(("said", "recommends"), RECOMMENDATION, ids=[c[0] for c in RECOMMENDATION])
def test_negated_or_past_is_not_a_recommendation(said: str, recommends: bool) -> None:
    codes = [c for c, _ in _codes(NODULE.format(said=said), {"exam": "CT CHEST", "age": 63})]
    assert ("missing_recommendation" not in codes) is recommends


ORDERS: list[tuple[str, str, bool]] = [
    ("Small right knee joint effusion. Right patellar fracture.", "XR KNEE LT 3 VIEWS", True),
    ("Small right knee joint effusion. Right patellar fracture.", "XR KNEE L", True),
    ("Small right knee joint effusion. Right patellar fracture.", "XR KNEE RT 3 VIEWS", False),
    ("Small right knee joint effusion. Right patellar fracture.", "XR KNEES BILAT", False),
    ("6 mm right renal calculus.", "XR L-SPINE 2-3 VIEWS", False),
    ("6 mm right renal calculus.", "XR ABDOMEN R/O OBSTRUCTION", False),
]


@pytest.mark.parametrize(("findings", "exam", "flagged"), ORDERS, ids=[o[1] for o in ORDERS])
def test_order_side_abbreviations(findings: str, exam: str, flagged: bool) -> None:
    text = f"FINDINGS: {findings}\nIMPRESSION: See findings."
    got = ("laterality_order_discrepancy", "blocking") in _codes(text, {"exam": exam})
    assert got is flagged
