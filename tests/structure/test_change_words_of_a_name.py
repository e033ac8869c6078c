"""A change word that is part of a finding's own name is no change: "decreased lung volumes" are low lung volumes, not
an improvement; "increased interstitial markings" are not a worsening; "periosteal new bone" is not new. A change said
of the finding is still its change ("increased right pleural effusion", "... similar to the prior study")."""

from __future__ import annotations

import pytest

from radpilot import structure


def _changes(text: str) -> list[tuple[str, str | None]]:
    return [(f.code, f.change.value if f.change else None) for f in structure(text).findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Decreased lung volumes.", [("low_lung_volumes", None)]),
        ("There are diminished lung volumes.", [("low_lung_volumes", None)]),
        ("Increased interstitial markings at the lung bases.", [("interstitial_markings", None)]),
        ("Increased retrosternal airspace.", [("hyperinflation", None)]),
        ("Decreased bone density.", [("osteopenia", None)]),
        ("There is increased kyphosis of the thoracic spine.", [("kyphosis", None)]),
        ("Periosteal new bone formation along the left femur.", [("periosteal_reaction", None)]),
        # ... and a statement's word for it
        ("Decreased amniotic fluid.", [("oligohydramnios", None)]),
        ("Pulmonary vascularity is increased.", [("vascular_congestion", None)]),
        ("Lung volumes are mildly decreased.", [("low_lung_volumes", None)]),
        # a change said of it stays its change
        (
            "There is increased kyphosis of the thoracic spine similar to the prior study.",
            [("kyphosis", "stable")],
        ),
        ("Increased right pleural effusion.", [("pleural_effusion", "worsened")]),
        ("New right pleural effusion.", [("pleural_effusion", "new")]),
        ("Interval increase in interstitial markings.", [("interstitial_markings", "worsened")]),
        ("Increased interstitial markings, increased from prior.", [("interstitial_markings", "worsened")]),
        (
            "Stable cardiomediastinal silhouette.",
            [("cardiomegaly", "stable"), ("mediastinal_widening", None)],
        ),
    ],
)
def test_a_change_word_of_the_name(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _changes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # compared with a study before, the finding its direction names went further
        ("Lung volumes are decreased compared to prior.", [("low_lung_volumes", "worsened")]),
        ("Increased density in the left lower lobe since the prior study.", [("density", "worsened")]),
    ],
)
def test_a_change_word_of_the_name_compared_with_before(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _changes(text) == expected
