"""Two sides joined, each with its own degree ("small right and moderate left pleural effusions"), are one finding a
side with that side's degree; the impression says them in one sentence again."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.draft.impression import write_impression


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Small right and moderate left pleural effusions.", [("right", "small"), ("left", "moderate")]),
        ("Moderate left and trace right pleural effusions.", [("left", "moderate"), ("right", "trace")]),
        # the change said after them is each one's
        ("Small right and moderate left pleural effusions, increased from prior.",
         [("right", "small"), ("left", "moderate")]),
        # ... or after the bilateral finding and its comma
        ("Bilateral pleural effusions, small on the right and moderate on the left.",
         [("right", "small"), ("left", "moderate")]),
        ("Bilateral pleural effusions, moderate left and trace right.", [("left", "moderate"), ("right", "trace")]),
        ("Bilateral effusions, small right and moderate left with adjacent atelectasis.",
         [("right", "small"), ("left", "moderate")]),
        ("Bilateral pleural effusions, right greater than left.", [("bilateral", None)]),
        # one degree for both sides, or a side without its own degree: one bilateral finding
        ("Small right and left pleural effusions.", [("bilateral", "small")]),
        ("Small bilateral pleural effusions.", [("bilateral", "small")]),
        ("Small right and XXXX left pleural effusions.", [("bilateral", "small")]),
        ("Right greater than left pleural effusions.", [("bilateral", None)]),
    ],
)  # fmt: skip
def test_each_side_has_its_degree(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = [f for f in structure(text).findings if f.code == "pleural_effusion"]
    assert [(f.laterality.value if f.laterality else None, f.severity) for f in found] == expected
    assert all(f.assertion.value == "present" for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "Small right and moderate left pleural effusions with adjacent atelectasis.",
        "Bilateral effusions, small right and moderate left with adjacent atelectasis.",
    ],
)
def test_the_pair_is_not_the_next_findings(text: str) -> None:
    # the degrees are the effusions', never the atelectasis beside them
    assert all(f.severity is None for f in structure(text).findings if f.code == "atelectasis")


def test_the_change_goes_to_both_sides() -> None:
    found = structure("Small right and moderate left pleural effusions, increased from prior.").findings
    assert [f.change.value if f.change else None for f in found] == ["worsened", "worsened"]


def test_a_denied_pair_stays_denied() -> None:
    found = structure("No large right or small left pleural effusion.").findings
    assert [f.assertion.value for f in found] == ["absent"]


@pytest.mark.parametrize(
    ("findings", "impression"),
    [
        ("Small right and moderate left pleural effusions. Heart size is normal.",
         "Small right and moderate left pleural effusions."),
        ("Small right and moderate left pleural effusions, increased from prior.",
         "Increased small right and moderate left pleural effusions."),
        # two mentions stay two sentences
        ("Small right pleural effusion and moderate left pleural effusion.",
         "1. Small right pleural effusion.\n2. Moderate left pleural effusion."),
    ],
)  # fmt: skip
def test_the_impression_says_the_pair_once(findings: str, impression: str) -> None:
    assert write_impression(f"FINDINGS: {findings}").impression == impression
