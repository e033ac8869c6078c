"""LI-RADS v2018 CT/MRI diagnostic categories for untreated observations in patients at high risk for HCC.

Only for patients at risk (cirrhosis, chronic hepatitis B, current or prior HCC); otherwise the result says it
does not apply. LR-1, LR-2, LR-M, LR-TIV and LR-NC are taken where the report states them; a targetoid feature
stated for sure (rim arterial phase hyperenhancement, peripheral washout, delayed central enhancement, targetoid
restriction or appearance) gives LR-M; otherwise the diagnostic table decides from arterial phase
hyperenhancement, size and the additional major features (nonperipheral washout, enhancing capsule, threshold
growth). A feature the report is unsure about counts as absent. Ancillary features are not applied.
"""

from __future__ import annotations

from collections.abc import Sequence

from radpilot.guidelines.model import (
    NOT_APPLICABLE,
    FollowUp,
    GuidelineResult,
    LiverObservation,
    PatientContext,
    lesion_dict,
)

NAME = "li-rads"
VERSION = "LI-RADS v2018 CT/MRI"
THRESHOLD_GROWTH = 0.5  # >= 50 % size increase ...
THRESHOLD_GROWTH_MONTHS = 6.0  # ... in <= 6 months

MANAGEMENT: dict[str, tuple[str, FollowUp | None, bool]] = {
    "LR-NC": ("Repeat or alternative diagnostic imaging in <= 3 months.", FollowUp("CT/MRI", (0, 3)), False),
    "LR-1": ("Return to surveillance in 6 months.", FollowUp("US surveillance", (6, 6)), False),
    "LR-2": (
        "Return to surveillance in 6 months; consider repeat diagnostic imaging in <= 6 months.",
        FollowUp("US surveillance", (6, 6)),
        False,
    ),
    "LR-3": ("Repeat or alternative diagnostic imaging in 3-6 months.", FollowUp("CT/MRI", (3, 6)), False),
    "LR-4": (
        "Multidisciplinary discussion for tailored workup, which may include biopsy, or repeat or alternative "
        "diagnostic imaging in <= 3 months.",
        FollowUp("CT/MRI", (0, 3)),
        False,
    ),
    "LR-5": (
        "Multidisciplinary discussion for consensus management; HCC is diagnosed without biopsy.",
        None,
        False,
    ),
    "LR-M": ("Multidisciplinary discussion for tailored workup, often including biopsy.", None, True),
    "LR-TIV": ("Multidisciplinary discussion for tailored workup; biopsy may be considered.", None, False),
}
RANK = {"LR-1": 0, "LR-2": 1, "LR-NC": 2, "LR-3": 3, "LR-4": 4, "LR-5": 5, "LR-M": 6, "LR-TIV": 7}


def threshold_growth(o: LiverObservation) -> bool:
    if o.threshold_growth:
        return True
    if o.prior_size_mm is None or o.size_mm is None or o.interval_months is None:
        return False
    grew = (o.size_mm - o.prior_size_mm) / o.prior_size_mm >= THRESHOLD_GROWTH
    return grew and o.interval_months <= THRESHOLD_GROWTH_MONTHS


def diagnostic_table(o: LiverObservation) -> tuple[str, str]:
    """The CT/MRI diagnostic table: (category, the cell that decided)."""
    size = o.size_mm
    assert size is not None
    growth = threshold_growth(o)
    extras = [
        name
        for name, on in (("washout", o.washout), ("capsule", o.capsule), ("threshold growth", growth))
        if on
    ]
    n = len(extras)
    feats = ", ".join(extras) if extras else "no additional major feature"
    if o.aphe == "nonrim":
        if size < 10:
            band, cat = "nonrim APHE, < 10 mm", "LR-3" if n == 0 else "LR-4"
        elif size < 20:
            band = "nonrim APHE, 10-19 mm"
            if n == 0:
                cat = "LR-3"
            elif n == 1:
                cat = "LR-4" if extras == ["capsule"] else "LR-5"
            else:
                cat = "LR-5"
        else:
            band, cat = "nonrim APHE, >= 20 mm", "LR-4" if n == 0 else "LR-5"
    else:
        if size < 20:
            band, cat = "no APHE, < 20 mm", "LR-3" if n < 2 else "LR-4"
        else:
            band, cat = "no APHE, >= 20 mm", "LR-3" if n == 0 else "LR-4"
    return cat, f"{band} ({size:g} mm) with {feats}"


def categorize_observation(o: LiverObservation) -> tuple[str, str]:
    if o.stated is not None:
        return o.stated, f"{o.stated} as stated in the report"
    if o.aphe == "rim":
        return "LR-M", "rim arterial phase hyperenhancement (targetoid): LR-M"
    if o.targetoid:
        return "LR-M", f"targetoid features ({', '.join(o.targetoid)}): LR-M"
    return diagnostic_table(o)


def assess_observation(o: LiverObservation) -> GuidelineResult:
    cat, rule = categorize_observation(o)
    management, follow_up, biopsy = MANAGEMENT[cat]
    where = f" ({o.text!r})" if o.text else (f" in {o.location}" if o.location else "")
    unsure = f"; uncertain, so counted as absent: {', '.join(o.uncertain)}" if o.uncertain else ""
    return GuidelineResult(
        name=NAME,
        version=VERSION,
        category=cat,
        follow_up=follow_up,
        biopsy_recommended=biopsy,
        management=management,
        rationale=f"{cat} by '{rule}'{where}{unsure}.",
        findings=[dict(lesion_dict(o), threshold_growth=threshold_growth(o))],
    )


def at_risk_reason(context: PatientContext) -> str | None:
    if context.hcc_risk:
        return "patient at high risk for HCC"
    return None


def categorize(
    observations: Sequence[LiverObservation],
    context: PatientContext | None = None,
    at_risk: str | None = None,
) -> list[GuidelineResult]:
    """One result per observation, most suspicious first; ``at_risk`` names why the patient is at risk."""
    context = context or PatientContext()
    reason = at_risk or at_risk_reason(context)
    if context.hcc_risk is False:
        reason = None
    if reason is None:
        return [
            GuidelineResult(
                name=NAME,
                version=VERSION,
                category=NOT_APPLICABLE,
                follow_up=None,
                biopsy_recommended=False,
                management="LI-RADS does not apply: the patient is not stated to be at high risk for HCC "
                "(cirrhosis, chronic hepatitis B, current or prior HCC).",
                rationale="Not applied: no cirrhosis, chronic hepatitis B or HCC in the context or the report.",
                findings=[lesion_dict(o) for o in observations],
                applicable=False,
            )
        ]
    results = [assess_observation(o) for o in observations]
    results.sort(key=lambda r: RANK[r.category], reverse=True)
    for r in results:
        r.rationale = r.rationale[:-1] + f"; applies because: {reason}."
    return results
