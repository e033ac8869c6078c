"""Ninth 2026-12-01 session: held-out review rv19a of the scope of denials and hedges in long and compound sentences
(made-up text): where "no new" reaches, a denied list that a statement of its own breaks, denied changes, and cue
variants. Tables by kind, one test a kind."""

from __future__ import annotations

import pytest

from radpilot import structure


def _read(text: str) -> list[tuple[str, str, str | None]]:
    """(code, assertion, change) of each finding, in order."""
    return [
        (f.code, f.assertion.value, f.change.value if f.change else None) for f in structure(text).findings
    ]


# "no new X" says nothing of what was said before it, and ends at another denial or a statement of its own
NO_NEW = [
    (
        "Stable 6 mm right upper lobe nodule, no new nodules, mild centrilobular emphysema, and no effusion or "
        "pneumothorax.",
        [
            ("nodule", "present", "stable"),
            ("nodule", "uncertain", None),
            ("emphysema", "present", None),
            ("pleural_effusion", "absent", None),
            ("pneumothorax", "absent", None),
        ],
    ),
    (
        "Small left effusion, no new consolidation.",
        [("pleural_effusion", "present", None), ("consolidation", "uncertain", None)],
    ),
    (
        "Cardiomegaly and small effusions, no new consolidation.",
        [
            ("cardiomegaly", "present", None),
            ("pleural_effusion", "present", None),
            ("consolidation", "uncertain", None),
        ],
    ),
    (
        "No new focal consolidation, small left effusion.",
        [("consolidation", "uncertain", None), ("pleural_effusion", "present", None)],
    ),
    (
        "Cannot exclude early pneumonia, no effusion.",
        [("pneumonia", "uncertain", None), ("pleural_effusion", "absent", None)],
    ),
    # ... and still reaches each item of its own list
    (
        "No new or enlarging nodules, masses, or lymphadenopathy.",
        [("nodule", "uncertain", None), ("mass", "uncertain", None), ("lymphadenopathy", "uncertain", None)],
    ),
    (
        "No new consolidation, effusion or pneumothorax.",
        [
            ("consolidation", "uncertain", None),
            ("pleural_effusion", "uncertain", None),
            ("pneumothorax", "uncertain", None),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NO_NEW)
def test_no_new_reaches_only_forward_and_within_its_statement(
    text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert _read(text) == expected


# after ", and", a finding with its own degree or hedge is a statement of its own unless the list before it is a list
# of denied items
AND_AFTER_A_DENIAL = [
    (
        "No pneumothorax, and mild soft tissue swelling.",
        {"pneumothorax": "absent", "soft_tissue_swelling": "present"},
    ),
    ("No free air, and moderate ascites.", {"pneumoperitoneum": "absent", "ascites": "present"}),
    (
        "Acute nondisplaced fracture of the right fifth rib, no pneumothorax, small right hemothorax, and mild right "
        "chest wall soft tissue swelling.",
        {
            "fracture": "present",
            "pneumothorax": "absent",
            "hemothorax": "present",
            "soft_tissue_swelling": "present",
        },
    ),
    (
        "Large hiatal hernia, no pneumothorax, minimal right basilar atelectasis, and possible small right effusion.",
        {
            "hiatal_hernia": "present",
            "pneumothorax": "absent",
            "atelectasis": "present",
            "pleural_effusion": "uncertain",
        },
    ),
    # (a denied list of several bare items goes on after its "and")
    (
        "No pneumothorax, effusion, and mild atelectasis.",
        {"pneumothorax": "absent", "pleural_effusion": "absent", "atelectasis": "absent"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), AND_AFTER_A_DENIAL)
def test_a_statement_of_its_own_after_and(text: str, expected: dict[str, str]) -> None:
    assert {code: assertion for code, assertion, _ in _read(text)} == expected


# a change denied is no change: the finding is there and stable
DENIED_CHANGES = [
    ("No significant interval increase in the right pneumothorax.", "pneumothorax"),
    ("The pneumothorax has not increased in size.", "pneumothorax"),
    ("No worsening of the bibasilar atelectasis.", "atelectasis"),
    ("No further increase in the size of the right hydronephrosis.", "hydronephrosis"),
    ("Right pleural effusion, not increased.", "pleural_effusion"),
    ("The nodule has not grown and measures 6 mm.", "nodule"),
    ("The left pleural effusion has not resolved.", "pleural_effusion"),
    ("The right lower lobe consolidation has failed to resolve.", "consolidation"),
    ("No substantial progression of the bilateral ground-glass opacities.", "ground_glass_opacity"),
    ("Not much change in the right basilar atelectasis.", "atelectasis"),
    ("Lack of interval change in the 9 mm left upper lobe nodule.", "nodule"),
]


@pytest.mark.parametrize(("text", "code"), DENIED_CHANGES)
def test_a_denied_change_is_stable(text: str, code: str) -> None:
    assert _read(text) == [(code, "present", "stable")]


# cue variants the review found unread
CUE_VARIANTS = [
    ("Nil pneumothorax.", "pneumothorax", "absent"),
    ("Nil effusion or consolidation.", "pleural_effusion", "absent"),
    ("Pulmonary embolism can be confidently excluded.", "pulmonary_embolism", "absent"),
    ("The right pneumothorax has not recurred.", "pneumothorax", "absent"),
    ("A pleural effusion can not be entirely excluded.", "pleural_effusion", "uncertain"),
    ("Hard to exclude a small amount of free fluid in the pelvis.", "free_fluid", "uncertain"),
]


@pytest.mark.parametrize(("text", "code", "assertion"), CUE_VARIANTS)
def test_cue_variants(text: str, code: str, assertion: str) -> None:
    assert [(c, a) for c, a, _ in _read(text) if c == code] == [(code, assertion)]


def test_the_reason_for_a_follow_up_is_no_finding() -> None:
    # (the contract: an indication is never present)
    assert structure("Follow-up for pneumonia. The lungs are clear.").normal
    assert _read(
        "Follow-up for pneumonia. Near complete resolution of the right lower lobe consolidation."
    ) == [("consolidation", "present", "improved")]


# a history ends where what follows says how things are now
HISTORY_THEN_NOW = [
    (
        "History of right pleural effusion, which has increased in size.",
        [("pleural_effusion", "present", "worsened")],
    ),
    (
        "History of hepatic metastases, which are decreased in size.",
        [("liver_metastasis", "present", "improved")],
    ),
    (
        "History of prior stroke, with encephalomalacia in the left MCA territory and no acute infarct.",
        [("encephalomalacia", "present", None), ("acute_infarct", "absent", None)],
    ),
    (
        "Status post right mastectomy, no axillary adenopathy, no suspicious pulmonary nodules.",
        [("lymphadenopathy", "absent", None), ("nodule", "absent", None)],
    ),
    (
        "Status post chest tube removal, no pneumothorax.",
        [("chest_tube", "absent", None), ("pneumothorax", "absent", None)],
    ),
    # (what was done then stays history)
    ("History of breast cancer, which was treated with mastectomy.", []),
    ("History of pneumonia.", []),
]


@pytest.mark.parametrize(("text", "expected"), HISTORY_THEN_NOW)
def test_a_history_ends_where_now_is_said(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Small joint effusion, intact menisci.", "Menisci intact. Small joint effusion.", "Normal menisci."],
)
def test_the_knees_menisci_are_no_pleural_meniscus(text: str) -> None:
    assert "pleural_effusion" not in {code for code, _, _ in _read(text)}
