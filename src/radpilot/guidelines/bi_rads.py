"""BI-RADS (ACR Atlas, 5th edition, 2013): management for the assessment category the report states.

RadPilot does not assign a BI-RADS category itself; it reads the report's assessment and says what it implies.
With several statements (one per breast) the overall assessment follows the ACR hierarchy, from least to most
needing action: 1, 2, 3, 6, 0, 4, 4A, 4B, 4C, 5.
"""

from __future__ import annotations

from collections.abc import Sequence

from radpilot.guidelines.model import BiRadsStatement, FollowUp, GuidelineResult, lesion_dict

NAME = "bi-rads"
VERSION = "ACR BI-RADS Atlas 5th edition (2013)"
ORDER = ["1", "2", "3", "6", "0", "4", "4A", "4B", "4C", "5"]

MANAGEMENT: dict[str, tuple[str, str, FollowUp | None, bool]] = {
    "0": (
        "incomplete",
        "Recall for additional imaging and/or comparison with prior examinations.",
        FollowUp("diagnostic mammography/US", (0, 0)),
        False,
    ),
    "1": ("negative", "Routine mammography screening.", FollowUp("screening mammography", (12, 12)), False),
    "2": ("benign", "Routine mammography screening.", FollowUp("screening mammography", (12, 12)), False),
    "3": (
        "probably benign (<= 2% likelihood of malignancy)",
        "Short-interval (6-month) follow-up or continued surveillance.",
        FollowUp("diagnostic mammography/US", (6, 6)),
        False,
    ),
    "4": ("suspicious (> 2% to < 95%)", "Tissue diagnosis.", None, True),
    "4A": ("low suspicion for malignancy (> 2% to <= 10%)", "Tissue diagnosis.", None, True),
    "4B": ("moderate suspicion for malignancy (> 10% to <= 50%)", "Tissue diagnosis.", None, True),
    "4C": ("high suspicion for malignancy (> 50% to < 95%)", "Tissue diagnosis.", None, True),
    "5": ("highly suggestive of malignancy (>= 95%)", "Tissue diagnosis.", None, True),
    "6": (
        "known biopsy-proven malignancy",
        "Surgical excision when clinically appropriate.",
        None,
        False,
    ),
}


def categorize(statements: Sequence[BiRadsStatement]) -> GuidelineResult | None:
    """The overall assessment and its management; None when the report states no BI-RADS category."""
    if not statements:
        return None
    decisive = max(statements, key=lambda s: ORDER.index(s.category))
    cat = decisive.category
    descriptor, management, follow_up, biopsy = MANAGEMENT[cat]
    side = (
        f" ({decisive.laterality} breast)"
        if decisive.laterality and decisive.laterality != "bilateral"
        else ""
    )
    quoted = f" stated as {decisive.text!r}" if decisive.text else ""
    rationale = f"BI-RADS {cat}: {descriptor}{side}{quoted}"
    if len(statements) > 1:
        listed = ", ".join(f"{s.laterality or 'overall'} {s.category}" for s in statements)
        rationale += f"; overall assessment by the ACR hierarchy from {listed}"
    return GuidelineResult(
        name=NAME,
        version=VERSION,
        category=cat,
        follow_up=follow_up,
        biopsy_recommended=biopsy,
        management=management,
        rationale=rationale + ".",
        findings=[lesion_dict(s) for s in statements],
    )
