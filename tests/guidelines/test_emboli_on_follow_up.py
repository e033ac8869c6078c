"""Pulmonary emboli on a follow-up CT: how much clot there is belongs to the emboli ("decreased clot burden of the
bilateral pulmonary emboli"), and emboli already known that are stable or smaller are no new red result (yellow, as a
stable or improving intracranial hemorrhage), while new or growing emboli stay red."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import assess


def _tiers(finding: str) -> list[tuple[str, str]]:
    return [(c.code, c.tier) for c in assess(f"FINDINGS: {finding}").critical]


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Decreased clot burden of the bilateral pulmonary emboli compared to prior.", "improved"),
        ("Increased clot burden within the bilateral lower lobe pulmonary emboli.", "worsened"),
        ("Decreased thrombus burden in the pulmonary arteries.", "improved"),
        ("Improving bilateral pulmonary emboli.", "improved"),
    ],
)
def test_the_clot_burden_is_the_emboli_s(text: str, change: str) -> None:
    found = structure(text).findings
    assert [f.code for f in found] == ["pulmonary_embolism"]
    assert found[0].change is not None and found[0].change.value == change


def test_a_clot_said_apart_stays_its_own() -> None:
    # the amount is the next finding's only when it says "of/in" it: a comma and "with" keep them apart
    codes = [f.code for f in structure("Decreased clot burden, with residual pulmonary emboli.").findings]
    assert codes == ["thrombus", "pulmonary_embolism"]
    # a clot in a leg vein and emboli in the lungs are two findings
    codes = [f.code for f in structure("Thrombus in the right popliteal vein and pulmonary emboli.").findings]
    assert codes == ["deep_vein_thrombosis", "pulmonary_embolism"]


@pytest.mark.parametrize(
    ("finding", "tiers"),
    [
        ("Decreased clot burden of the bilateral pulmonary emboli compared to prior.",
         [("pulmonary_embolism", "yellow")]),
        ("Improving bilateral pulmonary emboli.", [("pulmonary_embolism", "yellow")]),
        ("Stable pulmonary emboli.", [("pulmonary_embolism", "yellow")]),
        ("Previously seen pulmonary emboli have resolved.", []),
        # new and growing emboli are called
        ("Bilateral pulmonary emboli.", [("pulmonary_embolism", "red")]),
        ("Pulmonary emboli, increased since prior.", [("pulmonary_embolism", "red")]),
        ("Increased clot burden within the bilateral lower lobe pulmonary emboli.", [("pulmonary_embolism", "red")]),
        ("Stable pulmonary emboli. New right lower lobe pulmonary embolus.", [("pulmonary_embolism", "red")]),
    ],
)  # fmt: skip
def test_known_emboli_that_are_not_worse_are_not_called(finding: str, tiers: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == tiers
