"""The verifier between model text and its source: the structuring engine reads both and compares them.

A model-written impression must have every present/uncertain finding supported by the findings (same code or
a broader one, not absent there, same side), must not flip certainty from uncertain to present, and must keep
every critical finding. Any mismatch is a reason to fail closed.
"""

from __future__ import annotations

from radpilot.report import Assertion, Finding, StructuredReport
from radpilot.structure import ancestors, default_engine, default_lexicon


def _supported(f: Finding, source: list[Finding]) -> Finding | None:
    lex = default_lexicon()
    want = ancestors(lex, f.code)
    for g in source:
        if g.assertion is Assertion.ABSENT:
            continue
        if g.code != f.code and f.code not in ancestors(lex, g.code) and g.code not in want:
            continue
        if f.laterality and g.laterality and f.laterality != g.laterality:
            continue
        return g
    return None


def verify_impression(findings_sr: StructuredReport, impression: str) -> list[str]:
    """Reasons the impression is not supported by the findings (empty when it is)."""
    from radpilot.guidelines.critical import critical_results

    engine = default_engine()
    imp = engine.structure(f"IMPRESSION: {impression}")
    source = [f for f in findings_sr.findings if f.context is None]
    reasons: list[str] = []
    for f in imp.findings:
        if f.assertion is Assertion.ABSENT or f.context is not None:
            continue
        g = _supported(f, source)
        side = f" ({f.laterality.value})" if f.laterality else ""
        if g is None:
            reasons.append(f"added finding: '{f.text}' ({f.code}{side}) is not in the findings")
        elif f.assertion is Assertion.PRESENT and g.assertion is Assertion.UNCERTAIN:
            reasons.append(
                f"certainty flipped: '{f.text}' is stated as present but the findings say uncertain"
            )
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
            g = _supported(f, source)
            if g is not None and g.assertion is Assertion.PRESENT:
                reasons.append(f"finding negated: '{f.text}' is present in the findings")
    return reasons
