"""Review rv27 (a fresh held-out check of 200 inputs on the session's code): the false critical results and misread
histories it found. A low-lying placenta is no previa; a bare hemarthrosis is a joint's blood, not the fat of a
fracture; a disease the patient "was treated for" is history; "... was considered on the prior film but is not present
today" denies it."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import critical_results
from tests.structure.conftest import asserted


@pytest.mark.parametrize(
    ("text", "expected", "called"),
    [
        (
            "Placenta is anterior and low-lying, 1.5 cm from the internal os; no previa.",
            [("placenta_previa", "absent")],
            [],
        ),
        ("Low-lying placenta.", [], []),
        (
            "Tibial plateau fracture with hemarthrosis.",
            [("fracture", "present"), ("joint_effusion", "present")],
            [],
        ),
        ("Lipohemarthrosis of the left knee.", [("lipohemarthrosis", "present")], ["lipohemarthrosis"]),
        (
            "The patient was treated for right-sided empyema; no residual pleural fluid collection.",
            [("pleural_effusion", "absent")],
            [],
        ),
        (
            "Pneumothorax was considered on the prior film but is not present today.",
            [("pneumothorax", "absent")],
            [],
        ),
        (
            "A small effusion was suspected but is not seen on this study.",
            [("pleural_effusion", "absent")],
            [],
        ),
        ("Right effusion, but it is not large.", [("pleural_effusion", "present")], []),
    ],
)
def test_what_rv27_found(text: str, expected: list[tuple[str, str]], called: list[str]) -> None:
    assert asserted(text) == expected
    assert [c.code for c in critical_results(structure(text))] == called


def test_a_reading_of_a_finding_with_its_feature_takes_its_change() -> None:
    sr = structure("New right lower lobe consolidation with air bronchograms, concerning for pneumonia.")
    assert [(f.code, f.change.value if f.change else None) for f in sr.findings if f.code == "pneumonia"] == [
        ("pneumonia", "new")
    ]
    assert [c.code for c in critical_results(sr)] == ["pneumonia"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a joint's own finding with no joint of its own is the sentence's joint's, with its side
        (
            "Moderate osteoarthritis of the right knee with a small joint effusion.",
            [("arthritis", "right", "knee"), ("joint_effusion", "right", "knee")],
        ),
        (
            "Fracture of the right distal radius; small joint effusion at the elbow.",
            [("fracture", "right", "forearm"), ("joint_effusion", None, "elbow")],
        ),
        ("Small joint effusion.", [("joint_effusion", None, None)]),
        # ... and a joint finding with none takes the joint another names in its own words, with its side
        (
            "Moderate left knee joint effusion with tricompartmental osteoarthritis.",
            [("joint_effusion", "left", "knee"), ("arthritis", "left", "knee")],
        ),
    ],
)
def test_the_joint_of_the_sentence(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert [
        (f.code, f.laterality.value if f.laterality else None, f.location) for f in structure(text).findings
    ] == expected
