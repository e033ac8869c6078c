"""The verifier: a lay text that drops, adds or flips anything fails, with a reason (table-driven)."""

from __future__ import annotations

import pytest

from radpilot.patient import verify
from radpilot.structure import structure

REPORT = (
    "INDICATION: Cough.\n"
    "FINDINGS: Small left pleural effusion. 7 mm nodule in the right upper lobe. No pneumothorax.\n"
    "IMPRESSION: Possible right lower lobe atelectasis. Recommend CT chest in 3 months."
)
GOOD = (
    "We see fluid around the lung on the left side. "
    "We see a spot on the lung on the right side. It measures 7 mm. "
    "There may be a partly closed lung on the right side. "
    "There is no sign of an air leak around the lung. "
    "Your report suggests a CT scan in 3 months."
)


def test_faithful_lay_text_passes() -> None:
    v = verify(structure(REPORT), GOOD, grade=6.5)
    assert v.ok, v.issues
    assert v.findings_kept == v.findings_total == 3


BAD = [
    (
        "dropped finding",
        GOOD.replace("We see fluid around the lung on the left side. ", ""),
        "dropped finding",
    ),
    ("negation flip", GOOD.replace("There is no sign of an air leak", "We see an air leak"), "new finding"),
    (
        "side flip",
        GOOD.replace("fluid around the lung on the left side", "fluid around the lung on the right side"),
        "changed side",
    ),
    (
        "certainty lost",
        GOOD.replace("There may be a partly closed lung", "We see a partly closed lung"),
        "changed certainty",
    ),
    ("size dropped", GOOD.replace(" It measures 7 mm.", ""), "missing measurement: 7 mm"),
    ("unit changed", GOOD.replace("7 mm", "0.7 cm"), "missing measurement: 7 mm"),
    ("invented finding", GOOD + " We also see a big heart.", "new finding: Cardiomegaly"),
    ("invented negative", GOOD + " There is no sign of a broken bone.", "new negative statement"),
    ("invented next step", GOOD + " You should also have a biopsy.", "new next step: biopsy"),
    ("interval changed", GOOD.replace("in 3 months", "in 12 months"), "new next step: in 12 month"),
]


@pytest.mark.parametrize(("name", "lay", "reason"), BAD, ids=[b[0] for b in BAD])
def test_unfaithful_lay_text_fails_with_reason(name: str, lay: str, reason: str) -> None:
    v = verify(structure(REPORT), lay, grade=6.5)
    assert not v.ok
    assert any(reason in i for i in v.issues), v.issues


def test_reading_grade_over_target_fails() -> None:
    hard = GOOD + (
        " Consequently, comprehensive multidisciplinary interpretation necessitates"
        " sophisticated radiological characterization of indeterminate abnormalities."
    )
    v = verify(structure(REPORT), hard, grade=6.5)
    assert v.preserved
    assert any(i.startswith("reading grade") for i in v.issues)


NODULE_REPORT = (
    "FINDINGS: New 7 mm solid nodule in the right upper lobe. Mild emphysema.\n"
    "IMPRESSION: New 7 mm right upper lobe nodule."
)


def test_a_finding_named_broadly_and_specifically_is_told_once_and_passes() -> None:
    from radpilot.patient import simplify

    pv = simplify(NODULE_REPORT)
    nodule_lines = [s for s in pv.letter.found if "spot" in s]
    assert len(nodule_lines) == 1 and "solid" in nodule_lines[0] and "7 mm" in nodule_lines[0]
    assert not any("no sign" in s for s in pv.letter.found)  # never a negative for what was merged
    assert pv.verified, pv.issues


def test_the_specific_name_does_not_cover_a_different_side_or_certainty() -> None:
    lay_other_side = (
        "We see a solid spot in the lung on the left side. It measures 7 mm. We see damaged air sacs."
    )
    v = verify(structure(NODULE_REPORT), lay_other_side, grade=6.5)
    assert not v.ok and any("changed side" in i or "dropped finding" in i for i in v.issues)
    lay_hedged = (
        "There may be a solid spot in the lung on the right side. It measures 7 mm. We see damaged air sacs."
    )
    v = verify(structure(NODULE_REPORT), lay_hedged, grade=6.5)
    assert not v.ok and any("certainty" in i or "dropped finding" in i for i in v.issues)


# review rv21b: a course told otherwise, and a certainty a naming sentence had hidden
COURSE_REPORT = (
    "COMPARISON: Radiograph 3 days ago.\n"
    "FINDINGS: The heart is enlarged. Mild pulmonary edema, improved from the prior study. "
    "Small bilateral pleural effusions, decreased."
)
COURSE_GOOD = (
    "Your heart is larger than normal. There is a mild amount of extra fluid in the lungs, and it is better than "
    "before. There is a small amount of fluid around both lungs, and it has gone down."
)


def test_a_course_kept_passes() -> None:
    v = verify(structure(COURSE_REPORT), COURSE_GOOD, grade=6.5)
    assert v.preserved, v.issues


def test_a_course_told_otherwise_fails() -> None:
    lay = COURSE_GOOD.replace("it is better than before", "it is worse than before")
    v = verify(structure(COURSE_REPORT), lay, grade=6.5)
    assert any(i.startswith("changed course: Pulmonary edema is improved") for i in v.issues), v.issues


def test_a_term_and_its_meaning_tell_no_course() -> None:
    report = "COMPARISON: Prior study.\nFINDINGS: Stable infectious process in the right lower lobe."
    lay = (
        "We see an infection in the lung on the right side. It is in the bottom part of the lung. This looks the "
        "same as on your last exam.\nInfection in the lung: Germs may be growing in the lung and causing swelling."
    )
    v = verify(structure(report), lay, grade=6.5)
    assert not any("changed course" in i for i in v.issues), v.issues


PNEUMOTHORAX = "FINDINGS: New moderate right pneumothorax. No pleural effusion."


def test_a_naming_sentence_takes_the_certainty_told_before_it() -> None:
    hedged = (
        "There might be a new air leak around your right lung. This is called a pneumothorax. "
        "There is no fluid around the lungs."
    )
    v = verify(structure(PNEUMOTHORAX), hedged, grade=6.5)
    assert any("changed certainty" in i for i in v.issues), v.issues
    kept = hedged.replace("There might be a new", "There is a new")
    assert verify(structure(PNEUMOTHORAX), kept, grade=6.5).preserved
