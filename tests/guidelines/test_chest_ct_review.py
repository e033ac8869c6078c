"""Rows a review of 180 made-up chest CT and CTA sentences found wrong in the guideline results."""

from __future__ import annotations

import pytest

from radpilot.guidelines import assess


@pytest.mark.parametrize(
    ("findings", "categories"),
    [
        # a solid nodule stable for two years or more needs no follow-up, however the words run before "since"
        ("Stable 2.5 cm right lower lobe mass since 2019, likely hamartoma.", ["solid stable >=2 years"]),
        ("Stable 4 mm right upper lobe nodule since 2019.", ["solid stable >=2 years"]),
        # ... a subsolid one needs five
        ("6 mm right upper lobe ground-glass nodule, stable since 2023.", ["ground-glass persistent >=6 mm"]),
        ("Stable 6 mm right upper lobe nodule since the prior study.", ["solid single 6-8 mm"]),
        # what the report says a finding is rather than a nodule is no nodule
        ("Scarring in the right lower lobe rather than nodule.", []),
        ("Linear atelectasis instead of a nodule in the lingula.", []),
        ("5 mm nodule in the right lower lobe rather than a vessel.", ["solid single <6 mm"]),
        # (rv22a) two sized nodules joined by "and" are multiple; a sized granuloma after one is not its calcification
        (
            "4 mm solid nodule in the right lower lobe and 7 mm solid nodule in the left upper lobe.",
            ["solid multiple >=6 mm"],
        ),
        (
            "9 mm solid nodule in the right upper lobe and a 3 mm calcified granuloma in the left lower lobe.",
            ["solid single >8 mm"],
        ),
        # (rv22e) the size a nodule grew to is today's
        ("The previously seen 4 mm left upper lobe nodule has grown to 1.2 cm.", ["solid single >8 mm"]),
    ],
)
def test_fleischner_on_chest_ct(findings: str, categories: list[str]) -> None:
    a = assess(f"EXAMINATION: CT CHEST\nFINDINGS: {findings}", {"exam_date": "2026-12-01"})
    assert [g.category for g in a.guidelines if g.name == "fleischner"] == categories


def test_immunosuppression_named_by_its_drugs() -> None:
    """rv22e: "on high-dose prednisone and rituximab" is an immunosuppressed patient: Fleischner does not apply."""
    a = assess(
        "HISTORY: Granulomatosis with polyangiitis on high-dose prednisone and rituximab.\n"
        "FINDINGS: 9 mm solid nodule in the right upper lobe.",
        {"age": 58, "exam": "CT chest", "exam_date": "2026-03-01"},
    )
    assert [g.category for g in a.guidelines if g.name == "fleischner"] == ["not applicable"]
