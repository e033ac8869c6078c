"""The checks take a guideline assessment already computed for the very text they read (the drafting pipeline
passes its own), and ignore one given without that text's structured report."""

from __future__ import annotations

import dataclasses

from radpilot.checks import Check, run_checks
from radpilot.checks.qa import guideline_context, report_text
from radpilot.guidelines import assess
from radpilot.structure import default_engine

FINDINGS = "Large right pneumothorax. A 9 mm solid nodule in the right upper lobe."
IMPRESSION = "Large right pneumothorax."
CTX = {"exam": "CT CHEST", "age": 64, "sex": "F", "indication": "Dyspnea"}


def _codes(checks: list[Check]) -> list[str]:
    return [c.code for c in checks]


def test_a_given_assessment_of_the_same_text_gives_the_same_checks() -> None:
    text = report_text(FINDINGS, IMPRESSION)
    sr = default_engine().structure(text)
    assessment = assess(text, guideline_context(CTX), structured=sr)
    plain = [c.to_dict() for c in run_checks(FINDINGS, IMPRESSION, CTX)]
    given = [c.to_dict() for c in run_checks(FINDINGS, IMPRESSION, CTX, structured=sr, assessment=assessment)]
    assert given == plain
    assert "critical_not_communicated" in _codes(run_checks(FINDINGS, IMPRESSION, CTX))


def test_the_given_assessment_is_what_the_guideline_checks_read() -> None:
    text = report_text(FINDINGS, IMPRESSION)
    sr = default_engine().structure(text)
    none_critical = dataclasses.replace(assess(text, guideline_context(CTX), structured=sr), critical=[])
    codes = _codes(run_checks(FINDINGS, IMPRESSION, CTX, structured=sr, assessment=none_critical))
    assert "critical_not_communicated" not in codes


def test_an_assessment_without_the_matching_structured_report_is_ignored() -> None:
    text = report_text(FINDINGS, IMPRESSION)
    sr = default_engine().structure(text)
    none_critical = dataclasses.replace(assess(text, guideline_context(CTX), structured=sr), critical=[])
    other = default_engine().structure(report_text(FINDINGS, "Pneumothorax."))
    for structured in (None, other):
        codes = _codes(run_checks(FINDINGS, IMPRESSION, CTX, structured=structured, assessment=none_critical))
        assert "critical_not_communicated" in codes


def test_assess_reuses_the_parse_only_of_the_same_text() -> None:
    text = report_text(FINDINGS, IMPRESSION)
    sr = default_engine().structure(text)
    ctx = guideline_context(CTX)
    assert assess(text, ctx, structured=sr).to_dict() == assess(text, ctx).to_dict()
    other = "FINDINGS: The lungs are clear.\nIMPRESSION: Normal."
    assert assess(other, ctx, structured=sr).guidelines == assess(other, ctx).guidelines
