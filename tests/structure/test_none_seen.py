"""A statement that nothing is seen ("none are seen") after one that names what is looked for (a skeletal survey's
"posterior rib fractures are specific for abuse; none are seen"): what that statement names is absent, in the same
sentence or the one before. Not "none are displaced", "none are acute", "none were seen on the prior study", "none on
the left"."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import asserted


def _read(text: str) -> set[tuple[str, str]]:
    return set(asserted(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Posterior rib fractures are specific for abuse; none are seen.", {("fracture", "absent")}),
        (
            "Posterior rib fractures are highly specific for abuse, but none are identified.",
            {("fracture", "absent")},
        ),
        ("Rib fractures are a specific sign of abuse; none is definitely seen.", {("fracture", "absent")}),
        ("Fractures may be occult in infants; none are evident on this study.", {("fracture", "absent")}),
        # the sentence after
        (
            "Posterior rib fractures are highly specific for abuse. None are identified.",
            {("fracture", "absent")},
        ),
        ("Rib fractures are specific for abuse. None seen.", {("fracture", "absent")}),
        # only the clause before it
        (
            "Small right pleural effusion. Pneumothorax was questioned clinically; none is seen.",
            {("pleural_effusion", "present"), ("pneumothorax", "absent")},
        ),
        (
            "Small right pleural effusion; a pneumothorax was questioned clinically. None is seen.",
            {("pleural_effusion", "present"), ("pneumothorax", "absent")},
        ),
    ],
)
def test_none_seen_denies_what_was_looked_for(text: str, expected: set[tuple[str, str]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Multiple left rib fractures; none are displaced.", "fracture"),
        ("Old right rib fractures; none are acute.", "fracture"),
        ("Several pulmonary nodules. None were seen on the prior study.", "nodule"),
        ("Several pulmonary nodules, none are seen on the comparison study.", "nodule"),
        ("Small right pleural effusion. None on the left.", "pleural_effusion"),
        ("There is a small right pleural effusion. None is seen on the left.", "pleural_effusion"),
        ("Pulmonary nodules; none are seen to be calcified.", "nodule"),
    ],
)
def test_none_said_of_something_else_denies_nothing(text: str, code: str) -> None:
    assert (code, "present") in _read(text)


def test_the_denial_in_the_findings_of_a_whole_report() -> None:
    report = (
        "EXAM: Skeletal survey.\nFINDINGS: Classic metaphyseal lesions are highly specific for nonaccidental trauma. "
        "None are identified. There is a healing fracture of the right clavicle.\nIMPRESSION: Healing right clavicle "
        "fracture."
    )
    found = structure(report).findings
    assert [f.assertion.value for f in found if f.code == "fracture"] == ["absent", "present", "present"]
    assert [f.laterality.value if f.laterality else None for f in found if f.code == "fracture"][1:] == [
        "right",
        "right",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Scattered subcentimeter mediastinal lymph nodes, none enlarged by size criteria.",
            {("lymphadenopathy", "absent")},
        ),
        ("Several mediastinal lymph nodes, none of which are enlarged.", {("lymphadenopathy", "absent")}),
        (
            "Multiple pulmonary nodules are present; none are calcified.",
            {("nodule", "present"), ("calcification", "absent")},
        ),
        ("None of the nodules are calcified.", {("nodule", "present"), ("calcification", "absent")}),
        # (some of them are)
        ("Several mediastinal lymph nodes, two of which are enlarged.", {("lymphadenopathy", "present")}),
    ],
)
def test_what_none_of_them_are(text: str, expected: set[tuple[str, str]]) -> None:
    assert _read(text) == expected
