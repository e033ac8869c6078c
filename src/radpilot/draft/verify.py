"""The verifier between model text and its source: the structuring engine reads both and compares them.

A model-written impression must have every present/uncertain finding supported by the findings (the same code or
a broader one, not absent there, same side), must not flip certainty either way nor a change the findings state,
and must keep every critical finding. Any mismatch is a reason to fail closed.
"""

from __future__ import annotations

from radpilot.report import Assertion, Finding, StructuredReport
from radpilot.structure import ancestors, default_engine, default_lexicon


def _matches(f: Finding, source: list[Finding]) -> list[Finding]:
    """The findings' mentions that support an impression's finding: not absent, the same code or a narrower one
    (an impression may say "nodule" of a solid nodule, not "acute infarct" of an old infarct), no other side."""
    lex = default_lexicon()
    return [
        g
        for g in source
        if g.assertion is not Assertion.ABSENT
        and (g.code == f.code or f.code in ancestors(lex, g.code))
        and not (f.laterality and g.laterality and f.laterality != g.laterality)
    ]


def verify_impression(findings_sr: StructuredReport, impression: str) -> list[str]:
    """Reasons the impression is not supported by the findings (empty when it is)."""
    from radpilot.guidelines.critical import critical_results

    engine = default_engine()
    # (read under the study's own exam line, as the findings were: "moderate effusion" of a knee is the joint's)
    exam = findings_sr.report.section_text("examination")
    imp = engine.structure(
        f"EXAMINATION: {exam}\nIMPRESSION: {impression}" if exam else f"IMPRESSION: {impression}"
    )
    source = [f for f in findings_sr.findings if f.context is None]
    reasons: list[str] = []
    for f in imp.findings:
        if f.assertion is Assertion.ABSENT or f.context is not None:
            continue
        found = _matches(f, source)
        g = found[0] if found else None
        side = f" ({f.laterality.value})" if f.laterality else ""
        if g is None:
            reasons.append(f"added finding: '{f.text}' ({f.code}{side}) is not in the findings")
        elif f.assertion is Assertion.PRESENT and g.assertion is Assertion.UNCERTAIN:
            reasons.append(
                f"certainty flipped: '{f.text}' is stated as present but the findings say uncertain"
            )
        elif f.assertion is Assertion.UNCERTAIN and all(h.assertion is Assertion.PRESENT for h in found):
            reasons.append(
                f"certainty flipped: '{f.text}' is stated as uncertain but the findings say present"
            )
        elif (
            f.change is not None
            and all(h.change != f.change for h in found)
            and any(h.change is not None for h in found)
        ):
            was = next(h.change for h in found if h.change is not None)
            reasons.append(f"change flipped: '{f.text}' is {f.change.value}, the findings say {was.value}")
        elif f.laterality and g.laterality is None:
            reasons.append(f"side added: '{f.text}'{side} has no side in the findings")
        elif f.size_mm is not None and g.size_mm is not None and abs(f.size_mm - g.size_mm) > 0.05:
            reasons.append(f"size changed: '{f.text}' is {f.size_mm:g} mm, the findings say {g.size_mm:g} mm")
    imp_codes = {
        c
        for f in imp.findings
        if f.assertion is not Assertion.ABSENT
        for c in ancestors(default_lexicon(), f.code)
    }
    for c in critical_results(findings_sr):
        if c.code not in imp_codes:
            reasons.append(f"critical finding dropped: {c.code} ({c.tier})")
    for f in imp.findings:
        if f.assertion is Assertion.ABSENT:
            g = next(iter(_matches(f, source)), None)
            if g is not None and g.assertion is Assertion.PRESENT:
                reasons.append(f"finding negated: '{f.text}' is present in the findings")
    return reasons
