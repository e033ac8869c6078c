"""Letters after the seventh review (made-up breast, thyroid, liver and chest CT reports): what a patient would miss
or misread."""

from __future__ import annotations

import pytest

from radpilot.patient.simplify import simplify
from radpilot.patient.verifier import verify
from radpilot.structure import structure


# -- 1. "No evidence of recurrent disease" is told, in the report's own noun --------------------------------------
@pytest.mark.parametrize(
    ("impression", "lang", "said"),
    [
        ("No evidence of recurrent disease.", "en", ["There is no sign that the disease has come back."]),
        ("No evidence of recurrent disease.", "es", ["No hay señales de que la enfermedad haya vuelto."]),
        ("No evidence of recurrence.", "en", ["There is no sign that the disease has come back."]),
        ("No evidence of recurrent malignancy.", "en", ["There is no sign that the cancer has come back."]),
        ("No evidence of recurrent malignancy.", "es", ["No hay señales de que el cáncer haya vuelto."]),
        (
            "No residual or recurrent tumor.",
            "en",
            ["There is no sign that the tumor is still there or has come back."],
        ),
        ("No residual or recurrent tumor.", "es", ["No hay señales de que el tumor siga ahí o haya vuelto."]),
        ("No evidence of metastatic disease.", "en", ["There is no sign that cancer has spread."]),
        ("No evidence of metastatic disease.", "es", ["No hay señales de que el cáncer se haya extendido."]),
        (
            "No evidence of recurrent or metastatic disease.",
            "en",
            ["There is no sign that the disease has come back.", "There is no sign that cancer has spread."],
        ),
    ],
)
def test_no_recurrence_is_told_first(impression: str, lang: str, said: list[str]) -> None:
    pv = simplify(f"FINDINGS: 0.4 cm nodule in the right thyroid lobe.\nIMPRESSION: {impression}", lang=lang)
    assert pv.letter.found[: len(said)] == said, pv.letter.found
    assert pv.verified, pv.issues
    # the statement is told, not counted as a note we could not put in plain words
    assert not any("more note" in s or "nota más" in s for s in pv.letter.found), pv.letter.found


@pytest.mark.parametrize(
    "report",
    [
        # a place or a qualifier the letter cannot say: not told as if it were everywhere
        "FINDINGS: Small right pleural effusion. IMPRESSION: No evidence of local recurrence.",
        "FINDINGS: Small right pleural effusion. IMPRESSION: No evidence of metastatic disease in the chest.",
        # beside a concern of cancer or a spread the report finds, it would mislead
        "FINDINGS: New 8 mm nodule in the right upper lobe, suspicious for metastasis. "
        "IMPRESSION: No evidence of recurrent disease in the surgical bed.",
        "FINDINGS: New liver lesions consistent with metastases. IMPRESSION: No evidence of recurrent disease.",
        # no recurrence named
        "FINDINGS: No residual pneumothorax.",
    ],
)
def test_no_recurrence_is_not_told_where_it_would_overstate(report: str) -> None:
    pv = simplify(report)
    assert not any("come back" in s or "has spread" in s or "still there" in s for s in pv.letter.found)


def test_a_no_recurrence_sentence_the_report_does_not_say_fails_verification() -> None:
    check = verify(
        structure("FINDINGS: 8 mm nodule in the right upper lobe."),
        "There is no sign that the cancer has come back. We see a spot on the lung on the right side. It measures "
        "8 mm.",
    )
    assert not check.ok and any("come back" in i for i in check.issues)
    # "recurrent disease" is never told as cancer
    check = verify(
        structure("FINDINGS: Stable postoperative changes. IMPRESSION: No evidence of recurrent disease."),
        "There is no sign that the cancer has come back.",
    )
    assert not check.ok and any("come back" in i for i in check.issues)
