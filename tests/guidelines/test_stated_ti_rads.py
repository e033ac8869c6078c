"""A TI-RADS level the report states: it stands where the features the report describes score lower only because
some are not described ("Right lobe 0.4 cm nodule, TR3": TR3, not the TR1 of a nodule with no features), and gives
way to the score where the described features contradict it (a stated TR2 for a solid, very hypoechoic nodule with
punctate foci), the rationale saying which. Reports are made up."""

from __future__ import annotations

import pytest

from radpilot.guidelines import ThyroidNodule, assess, ti_rads


def _thyroid(findings: str) -> list[tuple[str | None, bool, str]]:
    a = assess(f"EXAM: Thyroid ultrasound.\nFINDINGS: {findings}\n", {"exam_date": "2026-12-01"})
    return [(r.category, r.biopsy_recommended, r.rationale) for r in a.guidelines if r.name == "ti-rads"]


@pytest.mark.parametrize(
    ("findings", "level"),
    [
        ("Right lobe 0.4 cm nodule, TR3, too small to follow.", "TR3"),
        ("Left lobe: 0.8 cm solid hypoechoic nodule, TI-RADS 4.", "TR4"),
        ("Right lobe: 1.6 cm mixed cystic and solid nodule, isoechoic, ACR TI-RADS category 3.", "TR3"),
        ("2.1 cm nodule in the left lobe, TIRADS 5.", "TR5"),
        # no level stated: the score alone
        ("Right lobe 0.4 cm nodule.", "TR1"),
    ],
)
def test_a_stated_level_stands_for_an_under_described_nodule(findings: str, level: str) -> None:
    (got,) = _thyroid(findings)
    assert got[0] == level, got


def test_a_stated_level_decides_the_management() -> None:
    # 2.1 cm: TR5 needs FNA from 1 cm; the TR1 of no described features would need nothing
    ((level, biopsy, rationale),) = _thyroid("2.1 cm nodule in the left lobe, TIRADS 5.")
    assert (level, biopsy) == ("TR5", True)
    assert "TR5 as stated in the report" in rationale and "not described" in rationale


def test_a_stated_level_the_features_contradict_gives_way_to_the_score() -> None:
    n = ThyroidNodule(
        composition="solid",
        echogenicity="very-hypoechoic",
        shape="wider-than-tall",
        margin="smooth",
        echogenic_foci=("punctate",),
        max_diameter_mm=12,
        stated="TR2",
    )
    r = ti_rads.assess_nodule(n)
    assert r.category == "TR5" and r.biopsy_recommended
    assert "the report states TR2, but the described features score TR5" in r.rationale


def test_a_level_of_the_prior_exam_is_not_this_ones() -> None:
    ((level, _, _),) = _thyroid("Right lobe 0.5 cm nodule, previously categorized TR4.")
    assert level == "TR1"
