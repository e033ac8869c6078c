"""Review rv26 (the session's rules on 227 sentences written to trip them): what they had over-reached. "None are
seen" with a place of its own denies only there; "rotated" said of something else, or an "inverted T-shaped" IUD, is
no malposition; "none represent X" denies X."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import asserted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gallstones are present; none are seen within the common bile duct.", [("gallstones", "present")]),
        (
            "Multiple sclerotic lesions in the pelvis; none are seen in the spine.",
            [("sclerotic_bone_lesion", "present")],
        ),
        (
            "Pulmonary nodules are present in the right lung, but none are identified in the left lung.",
            [("nodule", "present")],
        ),
        (
            "Gallbladder sludge is present. None is seen in the bile ducts.",
            [("gallbladder_sludge", "present")],
        ),
        # (with when, not where, it still denies)
        ("Rib fractures are specific for abuse. None are seen on this survey.", [("fracture", "absent")]),
        (
            "The left femur is externally rotated, and the IUD is in appropriate position.",
            [("intrauterine_device", "present")],
        ),
        ("The uterus is inverted, and an IUD is in place.", [("intrauterine_device", "present")]),
        (
            "The inverted T-shaped IUD is appropriately positioned in the fundus.",
            # (its place said: no malposition, review rv100a)
            [("intrauterine_device", "present"), ("iud_malposition", "absent")],
        ),
        ("The IUD is malrotated.", [("intrauterine_device", "present"), ("iud_malposition", "present")]),
        (
            "Hyperdense foci in the basal ganglia are calcifications; none represent hemorrhage.",
            [("calcification", "present"), ("intracranial_hemorrhage", "absent")],
        ),
        (
            "Multiple nodules, none of which represent metastases.",
            [("nodule", "present"), ("metastasis", "absent")],
        ),
        # a sign said without its finding is no finding
        (
            "A transition point of the bowel caliber is seen at the ileocecal valve without obstruction.",
            [("bowel_obstruction", "absent")],
        ),
        # a reading that was considered is a hedge
        (
            "Nonaccidental trauma was considered; none of the classic fracture patterns are present.",
            [("nonaccidental_trauma", "uncertain"), ("fracture", "absent")],
        ),
    ],
)
def test_no_over_reach(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what "none" of the items is, is no item's change, degree or size
        ("None of the lung nodules have grown.", [("nodule", None, None, None)]),
        ("Multiple gallstones, none larger than 1 cm.", [("gallstones", None, None, None)]),
        ("Pleural effusions, none large.", [("pleural_effusion", None, None, None)]),
        ("Several mediastinal lymph nodes, none exceeding 1 cm in short axis.", []),
        # (a size of its own stays)
        (
            "Enlarged right hilar node measuring 1.4 cm; none elsewhere.",
            [("lymphadenopathy", None, None, 14.0)],
        ),
    ],
)
def test_what_none_of_the_items_is(
    text: str, expected: list[tuple[str, str | None, str | None, float | None]]
) -> None:
    assert [
        (f.code, f.change.value if f.change else None, f.severity, f.size_mm)
        for f in structure(text).findings
    ] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Right upper lobe nodule at a 5 mm distance from the pleura.",
        "Transverse fracture of the distal radius with a 3 mm gap.",
        "The fracture extends a 2 cm distance into the diaphysis.",
    ],
)
def test_a_distance_or_a_gap_is_no_size(text: str) -> None:
    assert [f.size_mm for f in structure(text).findings] == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "none on the prior study": there now, not before
        ("Small left pneumothorax, none on the prior study.", [("pneumothorax", "present", "new")]),
        (
            "Bilateral pleural effusions; none were seen on the previous examination.",
            [("pleural_effusion", "present", "new")],
        ),
        ("Posterior rib fractures are specific for abuse; none are seen.", [("fracture", "absent", None)]),
    ],
)
def test_none_before(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert [
        (f.code, f.assertion.value, f.change.value if f.change else None) for f in structure(text).findings
    ] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bone density is decreased compared to the study from 2019.", [("osteopenia", "present")]),
        # (said normal it denies osteopenia, review rv69c)
        ("Bone density is normal.", [("osteopenia", "absent")]),
    ],
)
def test_bone_density_said_low(text: str, expected: list[tuple[str, str]]) -> None:
    assert asserted(text) == expected


def test_a_disease_treated_is_history() -> None:
    sr = structure("Vesicoureteral reflux was treated; no hydronephrosis.")
    assert asserted("Vesicoureteral reflux was treated; no hydronephrosis.") == [("hydronephrosis", "absent")]
    assert [(f.code, f.context.value if f.context else None) for f in sr.other_mentions] == [
        ("vesicoureteral_reflux", "historical")
    ]
