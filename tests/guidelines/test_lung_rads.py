"""Lung-RADS v2022: one case per rule row and boundary, from structured input and from report text."""

from __future__ import annotations

from typing import Any

import pytest

from radpilot.guidelines import LungNodule, PatientContext, assess, lung_rads
from radpilot.guidelines.lung_rads import ExamFindings, categorize_nodule

SCREEN = "EXAMINATION: Low-dose CT chest, lung cancer screening\nFINDINGS: "

# (id, structured nodule, report sentence, context, expected category)
CASES: list[tuple[str, dict[str, Any], str, dict[str, Any], str]] = [
    (
        "solid 5.9 baseline",
        {"long_axis_mm": 5.9},
        "There is a 5.9 mm solid nodule in the right upper lobe.",
        {},
        "2",
    ),
    (
        "solid 6.0 baseline",
        {"long_axis_mm": 6.0},
        "There is a 6.0 mm solid nodule in the right upper lobe.",
        {},
        "3",
    ),
    (
        "solid 7.9 baseline",
        {"long_axis_mm": 7.9},
        "There is a 7.9 mm solid nodule in the right upper lobe.",
        {},
        "3",
    ),
    (
        "solid 8.0 baseline",
        {"long_axis_mm": 8.0},
        "There is a 8.0 mm solid nodule in the right upper lobe.",
        {},
        "4A",
    ),
    (
        "solid 14.9 baseline",
        {"long_axis_mm": 14.9},
        "There is a 14.9 mm solid nodule in the left upper lobe.",
        {},
        "4A",
    ),
    (
        "solid 15.0 baseline",
        {"long_axis_mm": 15.0},
        "There is a 15.0 mm solid nodule in the left upper lobe.",
        {},
        "4B",
    ),
    (
        "mean of axes",
        {"long_axis_mm": 7.0, "short_axis_mm": 5.0},
        "A 7 x 5 mm solid nodule in the RLL.",
        {},
        "3",
    ),
    (
        "new 3.9",
        {"long_axis_mm": 3.9, "status": "new"},
        "There is a new 3.9 mm solid nodule in the lingula.",
        {},
        "2",
    ),
    (
        "new 4.0",
        {"long_axis_mm": 4.0, "status": "new"},
        "There is a new 4.0 mm solid nodule in the lingula.",
        {},
        "3",
    ),
    (
        "new 5.9",
        {"long_axis_mm": 5.9, "status": "new"},
        "There is a new 5.9 mm solid nodule in the lingula.",
        {},
        "3",
    ),
    (
        "new 6.0",
        {"long_axis_mm": 6.0, "status": "new"},
        "There is a new 6.0 mm solid nodule in the lingula.",
        {},
        "4A",
    ),
    (
        "new 7.9",
        {"long_axis_mm": 7.9, "status": "new"},
        "There is a new 7.9 mm solid nodule in the lingula.",
        {},
        "4A",
    ),
    (
        "new 8.0",
        {"long_axis_mm": 8.0, "status": "new"},
        "There is a new 8.0 mm solid nodule in the lingula.",
        {},
        "4B",
    ),
    (
        "growth 1.5 mm in 12 months is not growth (stable 3 -> 2)",
        {"long_axis_mm": 7.5, "prior_mean_mm": 6.0, "interval_months": 12, "status": "stable"},
        "The 7.5 mm solid nodule in the right upper lobe was previously 6.0 mm.",
        {"prior_date": "2023-03-01", "exam_date": "2024-03-01"},
        "2",
    ),
    (
        "growth 1.6 mm in 12 months",
        {"long_axis_mm": 7.6, "prior_mean_mm": 6.0, "interval_months": 12},
        "The 7.6 mm solid nodule in the right upper lobe was previously 6.0 mm.",
        {"prior_date": "2023-03-01", "exam_date": "2024-03-01"},
        "4A",
    ),
    (
        "growing to >= 8 mm",
        {"long_axis_mm": 9.0, "prior_mean_mm": 6.0, "interval_months": 6},
        "The right upper lobe solid nodule has grown from 6 mm to 9 mm.",
        {"prior_date": "2023-09-01", "exam_date": "2024-03-01"},
        "4B",
    ),
    (
        "growth 1.6 mm over 13 months: reclassified by size only",
        {"long_axis_mm": 7.6, "prior_mean_mm": 6.0, "interval_months": 13},
        "The 7.6 mm solid nodule in the right upper lobe was previously 6.0 mm.",
        {"prior_date": "2023-02-01", "exam_date": "2024-03-01"},
        "3",
    ),
    (
        "part-solid 5.9 total",
        {"type": "part-solid", "long_axis_mm": 5.9},
        "There is a 5.9 mm part-solid nodule in the right upper lobe.",
        {},
        "2",
    ),
    (
        "part-solid solid 5.9",
        {"type": "part-solid", "long_axis_mm": 10, "solid_component_mm": 5.9},
        "There is a 10 mm part-solid nodule with a 5.9 mm solid component in the right upper lobe.",
        {},
        "3",
    ),
    (
        "part-solid solid 6.0",
        {"type": "part-solid", "long_axis_mm": 10, "solid_component_mm": 6.0},
        "There is a 10 mm part-solid nodule with a 6.0 mm solid component in the right upper lobe.",
        {},
        "4A",
    ),
    (
        "part-solid solid 7.9",
        {"type": "part-solid", "long_axis_mm": 10, "solid_component_mm": 7.9},
        "There is a 10 mm part-solid nodule with a 7.9 mm solid component in the right upper lobe.",
        {},
        "4A",
    ),
    (
        "part-solid solid 8.0",
        {"type": "part-solid", "long_axis_mm": 10, "solid_component_mm": 8.0},
        "There is a 10 mm part-solid nodule with a 8.0 mm solid component in the right upper lobe.",
        {},
        "4B",
    ),
    (
        "part-solid new < 6 total",
        {"type": "part-solid", "long_axis_mm": 5.0, "status": "new"},
        "There is a new 5 mm part-solid nodule in the left lower lobe.",
        {},
        "3",
    ),
    (
        "part-solid new solid 3.9",
        {"type": "part-solid", "long_axis_mm": 9, "solid_component_mm": 3.9, "status": "new"},
        "There is a new 9 mm part-solid nodule with a 3.9 mm solid component in the left lower lobe.",
        {},
        "4A",
    ),
    (
        "part-solid new solid 4.0",
        {"type": "part-solid", "long_axis_mm": 9, "solid_component_mm": 4.0, "status": "new"},
        "There is a new 9 mm part-solid nodule with a 4.0 mm solid component in the left lower lobe.",
        {},
        "4B",
    ),
    (
        "ground-glass 29.9",
        {"type": "ground-glass", "long_axis_mm": 29.9},
        "There is a 29.9 mm ground-glass nodule in the left upper lobe.",
        {},
        "2",
    ),
    (
        "ground-glass 30.0",
        {"type": "ground-glass", "long_axis_mm": 30.0},
        "There is a 30.0 mm ground-glass nodule in the left upper lobe.",
        {},
        "3",
    ),
    (
        "ground-glass 30 stable",
        {"type": "ground-glass", "long_axis_mm": 30.0, "status": "stable"},
        "There is a stable 30 mm ground-glass nodule in the left upper lobe.",
        {},
        "2",
    ),
    (
        "juxtapleural 9.9 smooth lentiform",
        {"long_axis_mm": 9.9, "juxtapleural": True, "morphology": ["smooth", "lentiform"]},
        "There is a 9.9 mm smooth lentiform juxtapleural solid nodule in the right lower lobe.",
        {},
        "2",
    ),
    (
        "juxtapleural 10.0 smooth lentiform",
        {"long_axis_mm": 10.0, "juxtapleural": True, "morphology": ["smooth", "lentiform"]},
        "There is a 10.0 mm smooth lentiform juxtapleural solid nodule in the right lower lobe.",
        {},
        "4A",
    ),
    (
        "juxtapleural 9.9 without typical morphology",
        {"long_axis_mm": 9.9, "juxtapleural": True},
        "There is a 9.9 mm juxtapleural solid nodule in the right lower lobe.",
        {},
        "4A",
    ),
    (
        "perifissural 8 mm",
        {"long_axis_mm": 8.0, "perifissural": True},
        "There is an 8 mm perifissural nodule along the right minor fissure.",
        {},
        "2",
    ),
    (
        "benign calcification",
        {"long_axis_mm": 12, "calcification": "benign"},
        "There is a 12 mm densely calcified nodule in the right upper lobe.",
        {},
        "1",
    ),
    (
        "fat-containing",
        {"long_axis_mm": 12, "fat_containing": True},
        "There is a 12 mm fat-containing nodule in the left lower lobe, likely hamartoma.",
        {},
        "1",
    ),
    (
        "spiculated 4A -> 4X",
        {"long_axis_mm": 9, "morphology": ["spiculated"]},
        "There is a 9 mm spiculated solid nodule in the right upper lobe.",
        {},
        "4X",
    ),
    (
        "3 stable at 6 months -> 2",
        {"long_axis_mm": 7.0, "status": "stable", "interval_months": 6},
        "The 7 mm solid nodule in the right upper lobe is unchanged.",
        {"prior_date": "2023-09-01", "exam_date": "2024-03-01"},
        "2",
    ),
    (
        "4A stable at 3 months -> 3",
        {"long_axis_mm": 10.0, "status": "stable", "interval_months": 3},
        "The 10 mm solid nodule in the right upper lobe is unchanged.",
        {"prior_date": "2023-12-01", "exam_date": "2024-03-01"},
        "3",
    ),
    (
        "3 stable, interval unknown stays 3",
        {"long_axis_mm": 7.0, "status": "stable"},
        "The 7 mm solid nodule in the right upper lobe is unchanged.",
        {},
        "3",
    ),
    (
        "stable since a date",
        {"long_axis_mm": 7.0, "status": "stable", "stable_months": 24},
        "The 7 mm solid nodule in the right upper lobe has been stable since 2022-03-01.",
        {"exam_date": "2024-03-01"},
        "2",
    ),
    (
        "airway segmental baseline",
        {"airway": "segmental"},
        "There is an endobronchial nodule in the right lower lobe segmental bronchus.",
        {},
        "4A",
    ),
    (
        "airway subsegmental",
        {"airway": "subsegmental"},
        "There is a subsegmental endobronchial nodule in the left lower lobe.",
        {},
        "2",
    ),
    ("no nodules", {}, "The lungs are clear. No suspicious pulmonary nodules.", {}, "1"),
]


@pytest.mark.parametrize(("case", "nodule", "sentence", "ctx", "expected"), CASES, ids=[c[0] for c in CASES])
def test_structured(
    case: str, nodule: dict[str, Any], sentence: str, ctx: dict[str, Any], expected: str
) -> None:
    nodules = [LungNodule(**nodule)] if nodule else []
    result = lung_rads.categorize(nodules, PatientContext.parse(ctx))
    assert result.category == expected, result.rationale
    assert result.name == "lung-rads" and result.version == "Lung-RADS v2022"


@pytest.mark.parametrize(("case", "nodule", "sentence", "ctx", "expected"), CASES, ids=[c[0] for c in CASES])
def test_from_text(
    case: str, nodule: dict[str, Any], sentence: str, ctx: dict[str, Any], expected: str
) -> None:
    out = assess(SCREEN + sentence, ctx, critical=False)
    assert out.profile == "lung-cancer-screening"
    [result] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert result.category == expected, result.rationale


def test_exam_category_is_most_suspicious_and_management() -> None:
    r = lung_rads.categorize(
        [LungNodule(long_axis_mm=5), LungNodule(long_axis_mm=9, location="left upper lobe")]
    )
    assert r.category == "4A"
    assert r.follow_up is not None and r.follow_up.to_dict() == {
        "modality": "LDCT",
        "interval_months": [3, 3],
    }
    assert "4A: solid nodule >= 8 to < 15 mm" in r.rationale and "left upper lobe" in r.rationale
    assert len(r.findings) == 2


def test_4b_recommends_tissue_sampling_and_1_annual() -> None:
    r = lung_rads.categorize([LungNodule(long_axis_mm=20)])
    assert (r.category, r.follow_up, r.biopsy_recommended) == ("4B", None, True)
    r1 = lung_rads.categorize([])
    assert r1.category == "1" and r1.follow_up is not None and r1.follow_up.interval_months == (12, 12)


def test_s_modifier_reported_separately() -> None:
    r = lung_rads.categorize(
        [LungNodule(long_axis_mm=5)], exam=ExamFindings(significant_other=("aortic aneurysm",))
    )
    assert r.category == "2" and r.modifiers == ["S"]
    out = assess(
        SCREEN + "4 mm solid nodule in the RUL. Severe coronary artery calcification.", {}, critical=False
    )
    d = out.to_dict()["guidelines"][0]
    assert d["category"] == "2" and d["modifiers"] == ["S"]
    assert out.recommendations[0].startswith("Lung-RADS 2S:")


def test_s_modifier_not_for_negated_finding() -> None:
    out = assess(
        SCREEN + "4 mm solid nodule in the RUL. No coronary artery calcification.", {}, critical=False
    )
    assert out.guidelines[0].modifiers == []


def test_infectious_findings_give_0_with_short_follow_up() -> None:
    out = assess(
        SCREEN + "Lobar consolidation in the right lower lobe. 4 mm solid nodule in the RUL.",
        {},
        critical=False,
    )
    r = out.guidelines[0]
    assert r.category == "0" and r.follow_up is not None and r.follow_up.interval_months == (1, 3)


def test_negated_nodules_are_not_read() -> None:
    out = assess(SCREEN + "No new or suspicious nodules. No 8 mm nodule is seen.", {}, critical=False)
    assert out.guidelines[0].category == "1"


def test_multiple_nodules_in_one_sentence_are_separate() -> None:
    out = assess(
        SCREEN
        + "A 5 mm solid nodule in the right upper lobe and a 9 mm solid nodule in the left lower lobe.",
        {},
        critical=False,
    )
    r = out.guidelines[0]
    assert r.category == "4A" and len(r.findings) == 2


def test_categorize_nodule_names_rule_row() -> None:
    nc = categorize_nodule(LungNodule(type="part-solid", long_axis_mm=10, solid_component_mm=6.0))
    assert nc.category == "4A" and "solid component >= 6 to < 8 mm" in nc.rule


# -- clinical review: each repro with a control that must not change ------------------------------------------

REVIEW_SCREEN = "EXAMINATION: Low-dose CT chest for lung cancer screening\nFINDINGS: "

# (id, findings text after REVIEW_SCREEN, expected exam category, expected number of graded findings or None)
REVIEW: list[tuple[str, str, str, int | None]] = [
    # rv22a: a sized granuloma said after the nodule is a lesion of its own, not the nodule's calcification
    (
        "granuloma of its own",
        "9 mm solid nodule in the right upper lobe and a 3 mm calcified granuloma in the left lower lobe.",
        "4A",
        1,
    ),
    (
        "granuloma of its own, with",
        "9 mm nodule in the right upper lobe with a 3 mm calcified granuloma adjacent to it.",
        "4A",
        1,
    ),
    (
        "control: the nodule's own",
        "5 mm calcified nodule in the right upper lobe, consistent with a granuloma.",
        "1",
        1,
    ),
    # rv22a: "X and Y" of two sized nodules is two nodules, either order; one plural of two sizes is two too
    (
        "second nodule after and",
        "4 mm solid nodule in the right lower lobe and 7 mm solid nodule in the left upper lobe.",
        "3",
        2,
    ),
    (
        "second nodule after and, reversed",
        "7 mm solid nodule in the left upper lobe and 4 mm solid nodule in the right lower lobe.",
        "3",
        2,
    ),
    ("control: one plural", "4 mm and 6 mm nodules in the right upper lobe.", "3", 2),
    # rv22a: an airway's soft tissue nodule is the lung's; a chest wall's is not
    (
        "endobronchial soft tissue nodule",
        "Endobronchial soft tissue nodule in the left lower lobe segmental bronchus measuring 5 mm.",
        "4A",
        1,
    ),
    ("control: chest wall soft tissue nodule", "8 mm soft tissue nodule in the left chest wall.", "1", 0),
    # rv22a: the words of lymph nodes said with a nodule are not the nodule's
    (
        "enlarged nodes are no growth",
        "9 mm solid nodule in the RUL with enlarged right hilar lymph nodes.",
        "4A",
        1,
    ),
    (
        "new nodes are no new nodule",
        "9 mm solid right upper lobe nodule with new right hilar lymphadenopathy.",
        "4A",
        1,
    ),
    (
        "control: a new nodule",
        "New 9 mm solid nodule in the RUL with enlarged right hilar lymph nodes.",
        "4B",
        1,
    ),
    # rv22a: a size sequence's size said "now" is today's, the ones before it earlier sizes
    (
        "size sequence",
        "The right upper lobe nodule has grown over the last three annual screens, 4 mm, then 5.5 mm, now 7 mm.",
        "4B",
        1,
    ),
    # rv22d: a nodule's own words said before or after its nodes are the nodule's; a component said "now" is the
    # component's
    (
        "spiculated, with nodes",
        "8 mm solid nodule in the right upper lobe with spiculated margins and enlarged hilar lymph nodes.",
        "4X",
        1,
    ),
    (
        "spiculated, no nodes",
        "9 mm solid nodule in the right upper lobe. It is spiculated and there is no lymphadenopathy.",
        "4X",
        1,
    ),
    (
        "grown, no nodes",
        "8 mm solid nodule in the RUL. It has grown since 2025-03-01, without lymphadenopathy.",
        "4B",
        1,
    ),
    (
        "component now",
        "Right upper lobe part-solid nodule, 12 mm with a solid component now measuring 7 mm.",
        "4A",
        1,
    ),
    (
        "no sequence with a prior",
        "Solid nodule in the RUL measures 8 x 6 mm, previously 6 x 4 mm, now 8 mm mean.",
        "4A",
        1,
    ),
    (
        "chest wall soft tissue nodule near a lobe",
        "8 mm soft tissue nodule in the subcutaneous fat of the right chest wall adjacent to the right upper lobe.",
        "1",
        0,
    ),
    (
        "the prior's coverage",
        "5 mm solid nodule in the right upper lobe. The lung bases were outside the field of view on the prior study.",
        "2",
        1,
    ),
    # rv22e: the size a nodule grew or shrank to is today's; a table row with no word "nodule"; the S modifier as
    # reports word it
    ("grown to", "The 5 mm right upper lobe solid nodule has increased to 9 mm.", "4B", 1),
    ("table row", "| 1 | LLL | solid | 9 mm | new |", "4B", 1),
    (
        "table rows",
        "Nodules:\n| # | Lobe | Type | Size | Change |\n| 1 | RUL | solid | 7 x 6 mm | new |\n"
        "| 2 | LLL | ground-glass | 12 mm | stable |",
        "4A",
        2,
    ),
    # rv22f: a component that grew to a size is the component's; its prior said after its size; a row of another finding
    (
        "component grew to",
        "Part-solid nodule in the right upper lobe measuring 14 mm, solid component has increased to 6 mm.",
        "4A",
        1,
    ),
    (
        "component prior after its size",
        "Part-solid nodule in the right upper lobe, 14 mm, solid component now 6 mm (previously 3 mm).",
        "4B",
        1,
    ),
    ("a row of atelectasis", "| RLL | atelectasis | 20 mm | solid |", "1", 0),
    # rv22e: a cystic lesion is a cyst: an atypical one is 4A, not a 15-20 mm solid nodule's 4B
    (
        "thick-walled cystic lesion",
        "Thick-walled cystic lesion in the right upper lobe measuring 15 mm with 3 mm wall thickness.",
        "4A",
        1,
    ),
    (
        "multilocular cystic lesion",
        "Multilocular cystic lesion in the left lower lobe measuring 20 mm.",
        "4A",
        1,
    ),
    # rv22a: lungs left out of the scan
    ("apices excluded", "The lung apices are excluded from the field of view. No nodules.", "0", 0),
    ("base not imaged", "Part of the right lung base is not imaged.", "0", 0),
    # 1. "non-" negates the feature it is attached to
    ("non-spiculated", "Non-spiculated 9 mm solid nodule in the right upper lobe.", "4A", 1),
    ("control: spiculated", "Spiculated 9 mm solid nodule in the right upper lobe.", "4X", 1),
    (
        "control: without spiculation",
        "9 mm solid nodule in the right upper lobe without spiculation.",
        "4A",
        1,
    ),
    # 3. benign features must be stated, not hedged
    (
        "granuloma in a differential",
        "9 mm solid nodule in the right upper lobe; differential includes granuloma or neoplasm.",
        "4A",
        1,
    ),
    ("possibly a granuloma", "7 mm solid nodule in the right upper lobe, possibly a granuloma.", "3", 1),
    ("control: densely calcified", "7 mm densely calcified nodule in the right upper lobe.", "1", 1),
    ("control: stated granuloma", "7 mm nodule in the right upper lobe, a calcified granuloma.", "1", 1),
    # 7. a nodule the report says is gone is not graded
    ("no longer visualized", "The 8 mm left lower lobe nodule is no longer visualized.", "1", 0),
    ("has resolved", "The previously noted 7 mm right upper lobe nodule has resolved.", "1", 0),
    (
        "resolved beside a remaining nodule",
        "The 6 mm right upper lobe nodule is unchanged. The previously noted 8 mm left lower lobe nodule has "
        "resolved.",
        "3",
        1,
    ),
    (
        "control: partially resolved is still there",
        "The 8 mm left lower lobe nodule has partially resolved.",
        "4A",
        1,
    ),
    # 8. a nodule named without size in the findings: the impression's sized nodule counts
    (
        "size only in the impression",
        "Lungs: Right upper lobe nodule, see impression. No pleural effusion.\n"
        "IMPRESSION: 1. 9 mm solid right upper lobe nodule. Lung-RADS 4A.",
        "4A",
        1,
    ),
    (
        "control: described twice counts once",
        "Lungs: 5 mm solid right upper lobe nodule.\nIMPRESSION: 1. 5 mm right upper lobe nodule.",
        "2",
        1,
    ),
    (
        "sized in findings, another only in the impression",
        "6 mm solid left lower lobe nodule. Right upper lobe nodule, see impression.\n"
        "IMPRESSION: 1. 9 mm solid right upper lobe nodule. 2. 6 mm left lower lobe nodule.",
        "4A",
        2,
    ),
    # 9. several sizes in one sentence are several nodules
    ("two sizes", "Two solid nodules in the right upper lobe measuring 4 mm and 9 mm.", "4A", 2),
    ("sizes per lobe", "Solid nodules in the right upper lobe (5 mm) and left lower lobe (10 mm).", "4A", 2),
    (
        "two small sizes are two nodules",
        "Two solid nodules in the right upper lobe measuring 4 mm and 5 mm.",
        "2",
        2,
    ),
    (
        "control: prior size is not a nodule",
        "A 9 mm solid nodule in the right upper lobe, previously 6 mm.",
        "4B",
        1,
    ),
    # 11. pneumonia / lobar consolidation -> 0
    (
        "pneumonia",
        "Right lower lobe consolidation. 5 mm nodule in the left upper lobe.\n"
        "IMPRESSION: Right lower lobe pneumonia. Lung-RADS 0.",
        "0",
        1,
    ),
    (
        "control: resolved pneumonia",
        "Right lower lobe pneumonia has resolved. 5 mm nodule in the left upper lobe.",
        "2",
        1,
    ),
    ("control: no pneumonia", "No pneumonia. 5 mm nodule in the left upper lobe.", "2", 1),
]


@pytest.mark.parametrize(("case", "body", "expected", "n"), REVIEW, ids=[c[0] for c in REVIEW])
def test_review_repros(case: str, body: str, expected: str, n: int | None) -> None:
    out = assess(REVIEW_SCREEN + body, {"age": 62}, critical=False)
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert r.category == expected, r.rationale
    if n is not None:
        assert len(r.findings) == n, r.findings


def test_sizes_in_one_sentence_keep_their_lobes() -> None:
    out = assess(
        REVIEW_SCREEN + "Solid nodules in the right upper lobe (5 mm) and left lower lobe (10 mm).",
        {},
        critical=False,
    )
    found = [(f["location"], f["mean_diameter_mm"], f["category"]) for f in out.guidelines[0].findings]
    assert found == [("right upper lobe", 5.0, "2"), ("left lower lobe", 10.0, "4A")]


# Review rv70 group A: a lesion, mass or sized solid opacity placed in the lung is a lung nodule; one of another
# organ, the mediastinum or the pleura never is. (id, findings after REVIEW_SCREEN, category, rule words)
LUNG_LESIONS: list[tuple[str, str, str, str]] = [
    (
        "spiculated lesion in a lobe",
        "Spiculated 1.3 x 1.1 cm lesion in the left upper lobe.",
        "4X",
        "spiculation",
    ),
    ("irregular lesion >= 15 mm", "Irregular 2.1 x 1.8 cm lesion in the right lower lobe.", "4B", "19.5 mm"),
    ("mass named by lobe abbreviation", "1.7 cm LLL mass with lobulated margins.", "4B", "17 mm"),
    ("mass after the lobe abbreviation", "There is a 2.3 x 1.9 cm mass in the RUL.", "4B", "21 mm"),
    ("hilar mass", "3.1 x 2.7 cm right hilar mass narrowing the bronchus intermedius.", "4B", "29 mm"),
    ("sized solid opacity in a lobe", "Round 10 x 8 mm solid opacity in the left lower lobe.", "4A", "9 mm"),
    (
        "control: liver lesion",
        "Lungs are clear. 1.5 cm hypodense lesion in the liver.",
        "1",
        "no lung nodules",
    ),
    (
        "control: bone lesion",
        "Lungs are clear. 1.2 cm sclerotic lesion in a right rib.",
        "1",
        "no lung nodules",
    ),
    (
        "control: mediastinal mass beside the lung",
        "Lungs: 4 cm anterior mediastinal mass abutting the left upper lobe.",
        "1",
        "no lung nodules",
    ),
    (
        "control: mass effect",
        "Mass effect on the right lower lobe from a large effusion.",
        "1",
        "no lung nodules",
    ),
    (
        "control: unsized solid opacity",
        "Linear solid opacity in the lingula, likely scar.",
        "1",
        "no lung nodules",
    ),
    ("control: denied lesion", "No suspicious pulmonary lesion.", "1", "no lung nodules"),
]


@pytest.mark.parametrize(("case", "body", "expected", "rule"), LUNG_LESIONS, ids=[c[0] for c in LUNG_LESIONS])
def test_lung_lesion_mass_and_opacity_are_nodules(case: str, body: str, expected: str, rule: str) -> None:
    out = assess(REVIEW_SCREEN + body, {"age": 62}, critical=False)
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert r.category == expected, r.rationale
    assert rule in r.rationale


# Review rv70 group B: "except for" ends a denial; a nodule only the impression describes is read when the findings
# only deny nodules. (id, text after REVIEW_SCREEN, category, number of graded nodules)
READ_SCOPE: list[tuple[str, str, str, int]] = [
    (
        "except for a sized nodule",
        "No suspicious pulmonary nodules except for a 7 x 6 mm solid nodule in the left upper lobe.",
        "3",
        1,
    ),
    (
        "except for, benign one",
        "No pulmonary nodules except for a 4 mm solid nodule in the right middle lobe.",
        "2",
        1,
    ),
    (
        "impression only, findings deny new nodules",
        "Lungs: No new pulmonary nodules. Mild emphysema.\n"
        "IMPRESSION: 1. 9 x 8 mm solid left lower lobe nodule. Lung-RADS 4A.",
        "4A",
        1,
    ),
    (
        "control: denied in both",
        "Lungs: No pulmonary nodules.\nIMPRESSION: No pulmonary nodules. Lung-RADS 1.",
        "1",
        0,
    ),
    (
        "control: gone in findings is not re-read from the impression",
        "Lungs: The 6 mm right upper lobe nodule has resolved.\nIMPRESSION: Resolved 6 mm right upper lobe nodule.",
        "1",
        0,
    ),
]


@pytest.mark.parametrize(("case", "body", "expected", "n"), READ_SCOPE, ids=[c[0] for c in READ_SCOPE])
def test_negation_ends_at_except_and_impression_only_nodule(
    case: str, body: str, expected: str, n: int
) -> None:
    out = assess(REVIEW_SCREEN + body, {"age": 62}, critical=False)
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert r.category == expected, r.rationale
    assert len(r.findings) == n, r.findings
    assert all(f.get("count", 1) == 1 for f in r.findings)  # the denied plural is not a second nodule


# Review rv70 group G: two nodules in one sentence joined by ", and there is ..." are two nodules.
TWO_IN_ONE: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "and there is a new nodule",
        "The previously noted 4 mm RML solid nodule is stable, and there is a new 7 x 6 mm solid nodule in the LUL.",
        "4A",
        [("right middle lobe", "2"), ("left upper lobe", "4A")],
    ),
    (
        "and there are two more words",
        "A 5 mm solid nodule in the RUL and there is an additional 9 x 9 mm solid nodule in the RLL.",
        "4A",
        [("right upper lobe", "2"), ("right lower lobe", "4A")],
    ),
]


@pytest.mark.parametrize(("case", "body", "expected", "rows"), TWO_IN_ONE, ids=[c[0] for c in TWO_IN_ONE])
def test_two_nodules_in_one_sentence(
    case: str, body: str, expected: str, rows: list[tuple[str, str]]
) -> None:
    out = assess(REVIEW_SCREEN + body, {"age": 62}, critical=False)
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert r.category == expected, r.rationale
    assert [(f["location"], f["category"]) for f in r.findings] == rows


# Review rv70 group C: benign calcification is the nodule's own, never a neighbour's; group H: a nodule touching a
# fissure is juxtapleural and needs its typical shape stated, only the word "perifissural" implies it.
OWN_FEATURES: list[tuple[str, str, str, str]] = [
    (
        "noncalcified beside a calcified granuloma",
        "9 x 8 mm noncalcified solid nodule in the left upper lobe, adjacent to a small calcified granuloma.",
        "4A",
        "4A: solid nodule >= 8 to < 15 mm (8.5 mm)",
    ),
    (
        "nodule next to a granuloma",
        "7 mm solid nodule in the right lower lobe next to a calcified granuloma.",
        "3",
        "3: solid nodule >= 6 to < 8 mm (7 mm)",
    ),
    (
        "control: the nodule is a calcified granuloma",
        "7 mm nodule in the left lower lobe, a calcified granuloma.",
        "1",
        "1: benign calcification",
    ),
    (
        "control: smooth and densely calcified",
        "8 mm nodule in the right upper lobe, smooth and densely calcified.",
        "1",
        "1: benign calcification",
    ),
    (
        "round nodule abutting the fissure",
        "9 x 8 mm round solid nodule in the left lower lobe abutting the major fissure.",
        "4A",
        "4A: solid nodule >= 8 to < 15 mm (8.5 mm)",
    ),
    (
        "oval smooth nodule along the fissure",
        "8 x 6 mm smooth oval solid nodule along the minor fissure.",
        "2",
        "2: juxtapleural solid nodule",
    ),
    (
        "control: the word perifissural keeps its default",
        "8 x 7 mm perifissural solid nodule in the right middle lobe.",
        "2",
        "2: juxtapleural solid nodule",
    ),
]


@pytest.mark.parametrize(("case", "body", "expected", "rule"), OWN_FEATURES, ids=[c[0] for c in OWN_FEATURES])
def test_benign_and_perifissural_features_are_the_nodules_own(
    case: str, body: str, expected: str, rule: str
) -> None:
    out = assess(REVIEW_SCREEN + body, {"age": 62}, critical=False)
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert r.category == expected, r.rationale
    assert rule in r.rationale


# Review rv70 group E: MM/YYYY dates are that month, "previously measured" is the prior size, and growth over
# several screens is v2022 4B (never "stable"). (id, text after REVIEW_SCREEN, context, category, rationale words)
GROWTH_AND_DATES: list[tuple[str, str, dict[str, Any], str, str]] = [
    (
        "MM/YYYY comparison date",
        "COMPARISON: LDCT 09/2025.\nFINDINGS: Left lower lobe solid nodule now measures 8 x 7 mm, previously 6 x 5 mm.",
        {"exam_date": "2026-08-20"},
        "4A",
        "in 11.1 months",
    ),
    (
        "stable since MM/YYYY, under 9 months",
        "Left upper lobe solid nodule measures 10 x 8 mm, stable since 01/2026.",
        {"exam_date": "2026-09-01"},
        "3",
        "(7.5 months)",
    ),
    (
        "stable since MM/YYYY, 9 months or more",
        "Left upper lobe solid nodule measures 10 x 8 mm, stable since 11/2025.",
        {"exam_date": "2026-09-01"},
        "2",
        "(9.5 months)",
    ),
    (
        "previously measured is the prior",
        "Right lower lobe solid nodule measures 8 x 6 mm, previously measured 5 x 5 mm on 10/14/2025.",
        {"exam_date": "2026-10-01"},
        "4A",
        "mean diameter up 2 mm from 5 mm in 11.6 months",
    ),
    (
        "measuring approximately is the current size",
        "Solid nodule in the left upper lobe measuring approximately 9 mm.",
        {},
        "4A",
        "(9 mm)",
    ),
    (
        "slow growth said over multiple screens",
        "Right upper lobe solid nodule measures 7 x 6 mm, previously 6 x 6 mm, gradually enlarging over several "
        "annual screening exams.",
        {"prior_date": "2025-10-01", "exam_date": "2026-10-01"},
        "4B",
        "4B: slow-growing solid nodule",
    ),
    (
        "steady growth in a series of priors",
        "Left upper lobe solid nodule measures 7 x 7 mm, previously 6 x 6 mm on 10/2025, 5.5 x 5 mm on 10/2024 and "
        "5 x 4.5 mm on 10/2023.",
        {"exam_date": "2026-10-20"},
        "4B",
        "growing over multiple screening exams",
    ),
    (
        "slow-growing part-solid with spiculation is 4X",
        "Spiculated part-solid nodule in the right upper lobe measuring 12 x 10 mm with a 3 mm solid component, "
        "slowly growing over serial screening CTs.",
        {"prior_date": "2025-10-01", "exam_date": "2026-10-01"},
        "4X",
        "slow-growing part-solid nodule",
    ),
    (
        "control: priors up and down are not steady growth",
        "Left upper lobe solid nodule measures 7 x 7 mm, previously 6 x 6 mm on 10/2025, 6.5 x 6.5 mm on 10/2024.",
        {"exam_date": "2026-10-20"},
        "2",
        "stable at >= 6-month follow-up",
    ),
    (
        "control: ground-glass slow growth stays 2",
        "Ground-glass nodule in the left upper lobe measures 14 x 12 mm, slowly enlarging over multiple screens.",
        {},
        "2",
        "non-solid",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "ctx", "expected", "words"), GROWTH_AND_DATES, ids=[c[0] for c in GROWTH_AND_DATES]
)
def test_dates_priors_and_slow_growth(
    case: str, body: str, ctx: dict[str, Any], expected: str, words: str
) -> None:
    head, _, findings = body.rpartition("FINDINGS: ")
    out = assess(
        f"EXAMINATION: Low-dose CT chest for lung cancer screening\n{head}FINDINGS: {findings}",
        {"age": 62, **ctx},
        critical=False,
    )
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert r.category == expected, r.rationale
    assert words in r.rationale


# Review rv70 group F: a two-axis solid component is read, and Lung-RADS uses its mean diameter.
SOLID_COMPONENTS: list[tuple[str, str, str, str]] = [
    (
        "solid component measuring two axes, mean 7.5",
        "Part-solid nodule in the right lower lobe measuring 20 x 16 mm with a solid component measuring 9 x 6 mm.",
        "4A",
        "solid component >= 6 to < 8 mm (7.5 mm)",
    ),
    (
        "two axes before the words, mean 8",
        "Part-solid nodule in the left upper lobe measuring 17 x 15 mm with a 10 x 6 mm solid component.",
        "4B",
        "solid component >= 8 mm (8 mm)",
    ),
    (
        "largest axis 8 but mean under 6",
        "Part-solid nodule in the left lower lobe measuring 16 x 14 mm with a solid component of 8 x 3 mm.",
        "3",
        "solid component < 6 mm (5.5 mm)",
    ),
    (
        "control: one axis",
        "Part-solid nodule in the right upper lobe measuring 18 x 14 mm with a 7 mm solid component.",
        "4A",
        "(7 mm)",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "expected", "rule"), SOLID_COMPONENTS, ids=[c[0] for c in SOLID_COMPONENTS]
)
def test_two_axis_solid_component_uses_its_mean(case: str, body: str, expected: str, rule: str) -> None:
    out = assess(REVIEW_SCREEN + body, {"age": 62}, critical=False)
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert r.category == expected, r.rationale
    assert rule in r.rationale
    assert len(r.findings) == 1  # the component's size is not a second nodule


# Review rv70 group J: on a screen, an endobronchial lesion follows the v2022 airway rows.
@pytest.mark.parametrize(
    ("body", "expected", "rule"),
    [
        (
            "8 mm endobronchial lesion within the left lower lobe bronchus.",
            "4A",
            "4A: segmental or more proximal",
        ),
        (
            "3 mm subsegmental endobronchial nodule in the right lower lobe.",
            "2",
            "2: subsegmental airway nodule",
        ),
    ],
)
def test_endobronchial_lesion_uses_airway_rows(body: str, expected: str, rule: str) -> None:
    [r] = assess(REVIEW_SCREEN + body, {"age": 62}, critical=False).guidelines
    assert r.category == expected, r.rationale
    assert rule in r.rationale


# Review rv70 group D: a nodule without a size is never "1: no lung nodules"; the result asks for the size.
UNSIZED: list[tuple[str, str, str, str]] = [
    (
        "subcentimeter nodule",
        "Lungs: Subcentimeter solid nodule in the left upper lobe. Otherwise clear lungs.\n"
        "IMPRESSION: Subcentimeter LUL nodule.",
        lung_rads.SIZE_NOT_STATED,
        "2, 3 or 4A (< 10 mm)",
    ),
    (
        "small nodule",
        "Small solid nodule in the right lower lobe.",
        lung_rads.SIZE_NOT_STATED,
        "2, 3, 4A or 4B",
    ),
    (
        "unsized beside a category 2 nodule",
        "4 mm solid nodule in the right upper lobe. Solid nodule in the left lower lobe.",
        lung_rads.SIZE_NOT_STATED,
        "1 other finding(s) below category 3",
    ),
    (
        "unsized beside a 4A nodule keeps 4A",
        "9 mm solid nodule in the right upper lobe. Solid nodule in the left lower lobe.",
        "4A",
        "also a nodule without a size",
    ),
    (
        "control: size in the impression",
        "Lungs: Right upper lobe nodule, see impression.\nIMPRESSION: 7 mm solid right upper lobe nodule.",
        "3",
        "(7 mm)",
    ),
    (
        "control: hypothetical nodule",
        "Bony overlap at the apices could obscure a small pulmonary nodule.",
        "1",
        "no lung nodules",
    ),
    (
        "control: calcified unsized nodule",
        "Densely calcified nodule in the right upper lobe.",
        "1",
        "1: benign",
    ),
]


@pytest.mark.parametrize(("case", "body", "expected", "words"), UNSIZED, ids=[c[0] for c in UNSIZED])
def test_unsized_nodule_asks_for_the_size(case: str, body: str, expected: str, words: str) -> None:
    [r] = assess(REVIEW_SCREEN + body, {"age": 62}, critical=False).guidelines
    assert r.category == expected, r.rationale
    assert words in r.rationale
    if expected == lung_rads.SIZE_NOT_STATED:
        assert r.follow_up is None and "size" in r.management and "Category 1" in r.management


# Item gl7-4: growth is a mean-diameter increase of more than 1.5 mm within 12 months (v2022). Over a longer interval
# it is not growth: the nodule is reclassified by size, unless it grew over multiple screens (slow growth: 4B for
# solid and part-solid). A nodule that enlarges into a higher size band without growth by definition is also
# reclassified by size, never stepped down as "stable".
# (id, structured nodule, category, words in the rule)
GROWTH: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "+1.6 mm in 12.0 months is growth",
        {"long_axis_mm": 8.0, "prior_mean_mm": 6.4, "interval_months": 12.0},
        "4B",
        "growing solid nodule >= 8 mm",
    ),
    (
        "+1.5 mm in 12 months is not growth, but a higher size band",
        {"long_axis_mm": 8.0, "prior_mean_mm": 6.5, "interval_months": 12.0},
        "4A",
        "into a higher size band; reclassified by size",
    ),
    (
        "+3 mm over 12.1 months: reclassified by size",
        {"long_axis_mm": 8.0, "prior_mean_mm": 5.0, "interval_months": 12.1},
        "4A",
        "not growth by definition: more than 12 months",
    ),
    (
        "+3 mm over 12.1 months, 7 mm",
        {"long_axis_mm": 7.0, "prior_mean_mm": 4.0, "interval_months": 12.1},
        "3",
        "(growth over multiple screens would be 4B)",
    ),
    (
        "+3 mm over 12.1 months, slow growth over multiple screens",
        {"long_axis_mm": 8.0, "prior_mean_mm": 5.0, "interval_months": 12.1, "slow_growth": True},
        "4B",
        "slow-growing solid nodule",
    ),
    (
        "7 -> 8 mm in 12 months enters 4A: not stepped down",
        {"long_axis_mm": 8.0, "prior_mean_mm": 7.0, "interval_months": 12.0},
        "4A",
        "into a higher size band",
    ),
    (
        "control: 7 -> 7.5 mm in 12 months stays in band 3, stable: stepped to 2",
        {"long_axis_mm": 7.5, "prior_mean_mm": 7.0, "interval_months": 12.0},
        "2",
        "stable at >= 6-month follow-up",
    ),
    (
        "part-solid 5.5 -> 6.2 mm total enters category 3",
        {"type": "part-solid", "long_axis_mm": 6.2, "prior_mean_mm": 5.5, "interval_months": 12.0},
        "3",
        "into a higher size band",
    ),
    (
        "control: ground-glass >= 30 mm slowly enlarging stays 2",
        {"type": "ground-glass", "long_axis_mm": 30.5, "prior_mean_mm": 29.5, "interval_months": 12.0},
        "2",
        "non-solid nodule >= 30 mm",
    ),
]


@pytest.mark.parametrize(("case", "nodule", "cat", "words"), GROWTH, ids=[c[0] for c in GROWTH])
def test_growth_window_and_size_bands(case: str, nodule: dict[str, Any], cat: str, words: str) -> None:
    nc = categorize_nodule(LungNodule.parse(nodule))
    assert nc.category == cat, nc.rule
    assert words in nc.rule


GROWTH_TEXT = (
    "EXAMINATION: Low-dose CT chest, lung cancer screening\nCOMPARISON: LDCT 11/10/2025.\nFINDINGS: Lungs and "
    "airways: "
)
# (id, findings, exam date, category, words in the rationale)
GROWTH_REPORTS: list[tuple[str, str, str, str, str]] = [
    (
        "+3 mm over 12.1 months (review L50): reclassified by size",
        "Right upper lobe nodule has increased in size from 5 mm to 8 mm since 11/10/2025.",
        "2026-11-12",
        "4A",
        "over 12.1 months (not growth by definition",
    ),
    (
        "+3 mm within 12 months: growth",
        "Right upper lobe nodule has increased in size from 5 mm to 8 mm since 11/10/2025.",
        "2026-11-09",
        "4B",
        "growing solid nodule >= 8 mm",
    ),
    (
        "+3 mm over two annual screens: slow growth",
        "Right upper lobe solid nodule measures 8 mm, previously 6.5 mm on 11/10/2025 and 5 mm on 11/2024.",
        "2026-11-20",
        "4B",
        "slow-growing solid nodule",
    ),
    (
        "said to grow slowly over multiple screens",
        "Right upper lobe solid nodule measures 8 mm, slowly enlarging over multiple screening examinations.",
        "2026-11-20",
        "4B",
        "slow-growing solid nodule",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "exam_date", "cat", "words"), GROWTH_REPORTS, ids=[c[0] for c in GROWTH_REPORTS]
)
def test_growth_window_from_text(case: str, body: str, exam_date: str, cat: str, words: str) -> None:
    [r] = assess(GROWTH_TEXT + body, {"age": 66, "exam_date": exam_date}, critical=False).guidelines
    assert r.category == cat, r.rationale
    assert words in r.rationale


def test_a_stable_nodule_since_said_before_its_words() -> None:
    """rv22a: "Stable <size> <type> nodule in the <lobe> since <date>" is stable since that date."""
    out = assess(
        REVIEW_SCREEN + "Stable 7 mm solid nodule in the right middle lobe since 03/2024.",
        {"age": 62, "exam_date": "2026-03-01"},
        critical=False,
    )
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert r.category == "2", r.rationale


@pytest.mark.parametrize(
    ("prior", "expected"), [("2025-09-01", "2"), ("2025-09-05", "2"), ("2025-10-15", "3")]
)
def test_a_six_month_follow_up_a_little_early_still_steps_down(prior: str, expected: str) -> None:
    """rv22a: a 6-month LDCT of 181 days (5.9 months) is that follow-up; one of 4.5 months is not."""
    out = assess(
        REVIEW_SCREEN + "7 mm solid nodule in the right upper lobe, unchanged.",
        {"age": 62, "exam_date": "2026-03-01", "prior_date": prior},
        critical=False,
    )
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert r.category == expected, r.rationale


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Part-solid nodule in the right upper lobe, solid component increased from 3 mm to 6 mm, total 14 mm.",
            "4B",
        ),
        (
            "Part-solid nodule in the right upper lobe, 14 mm, with a 6 mm solid component (solid component "
            "previously 3 mm).",
            "4B",
        ),
        (
            "Part-solid nodule in the right upper lobe, previously pure ground glass 15 mm, now 18 mm with a solid "
            "component of 7 mm.",
            "4B",
        ),
        # (control: a component said unchanged steps down)
        (
            "Part-solid nodule in the right upper lobe measuring 14 mm with a 5 mm solid component, unchanged.",
            "2",
        ),
    ],
)
def test_a_growing_or_new_solid_component(body: str, expected: str) -> None:
    """rv22a: the solid component's own growth, or one the nodule did not have, is 4B when >= 4 mm (v2022)."""
    out = assess(
        REVIEW_SCREEN + body,
        {"age": 62, "exam_date": "2026-03-01", "prior_date": "2025-09-01"},
        critical=False,
    )
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert r.category == expected, r.rationale


@pytest.mark.parametrize(
    "significant",
    [
        "Severe three-vessel coronary artery calcification.",
        "Coronary calcification: severe.",
        "Extensive emphysema.",
        "The ascending aorta is aneurysmal, 4.9 cm.",
        "Large right pleural effusion.",
    ],
)
def test_the_s_modifier_as_reports_word_it(significant: str) -> None:
    """rv22e: a significant finding worded as reports word it gives the S modifier; a denied one does not."""
    out = assess(REVIEW_SCREEN + significant + " 4 mm solid nodule in the RUL.", {"age": 62}, critical=False)
    [r] = [g for g in out.guidelines if g.name == "lung-rads"]
    assert (r.category, r.modifiers) == ("2", ["S"]), r.rationale
    for mild in ("No pleural effusion.", "Mild three-vessel coronary artery calcification."):
        out = assess(REVIEW_SCREEN + mild + " 4 mm solid nodule in the RUL.", {"age": 62}, critical=False)
        [r] = [g for g in out.guidelines if g.name == "lung-rads"]
        assert not r.modifiers, mild
