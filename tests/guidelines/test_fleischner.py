"""Fleischner 2017: table rows, the 6 and 8 mm edges (">8" is strict after rounding), scope exclusions."""

from __future__ import annotations

from typing import Any

import pytest

from radpilot.guidelines import LungNodule, PatientContext, assess, fleischner

CT = "EXAMINATION: CT chest with contrast\nFINDINGS: "

# (id, nodules, sentence, context, category, follow-up interval or None, biopsy)
CASES: list[tuple[str, list[dict[str, Any]], str, dict[str, Any], str, list[int] | None, bool]] = [
    (
        "solid 5.4 low",
        [{"long_axis_mm": 5.4}],
        "A 5.4 mm solid nodule in the right upper lobe.",
        {"risk": "low"},
        "solid single <6 mm",
        None,
        False,
    ),
    (
        "solid 5.4 high",
        [{"long_axis_mm": 5.4}],
        "A 5.4 mm solid nodule in the right upper lobe.",
        {"risk": "high"},
        "solid single <6 mm",
        [12, 12],
        False,
    ),
    (
        "solid 6.0 low",
        [{"long_axis_mm": 6.0}],
        "A 6.0 mm solid nodule in the right upper lobe.",
        {"risk": "low"},
        "solid single 6-8 mm",
        [6, 12],
        False,
    ),
    (
        "solid 8.0 is not >8",
        [{"long_axis_mm": 8.0}],
        "A 8.0 mm solid nodule in the right upper lobe.",
        {"risk": "high"},
        "solid single 6-8 mm",
        [6, 12],
        False,
    ),
    (
        "solid 8.4 rounds to 8",
        [{"long_axis_mm": 8.4}],
        "A 8.4 mm solid nodule in the right upper lobe.",
        {"risk": "high"},
        "solid single 6-8 mm",
        [6, 12],
        False,
    ),
    (
        "solid 8.5 rounds to 9: >8",
        [{"long_axis_mm": 8.5}],
        "A 8.5 mm solid nodule in the right upper lobe.",
        {"risk": "low"},
        "solid single >8 mm",
        [3, 3],
        True,
    ),
    (
        "solid 9 x 7 mean 8: 6-8",
        [{"long_axis_mm": 9, "short_axis_mm": 7}],
        "A 9 x 7 mm solid nodule in the RUL.",
        {"risk": "low"},
        "solid single 6-8 mm",
        [6, 12],
        False,
    ),
    (
        "multiple solid <6 low",
        [{"long_axis_mm": 4}, {"long_axis_mm": 5}],
        "A 4 mm solid nodule in the right upper lobe and a 5 mm solid nodule in the left lower lobe.",
        {"risk": "low"},
        "solid multiple <6 mm",
        None,
        False,
    ),
    (
        "multiple solid >=6",
        [{"long_axis_mm": 4}, {"long_axis_mm": 6}],
        "A 4 mm solid nodule in the right upper lobe and a 6 mm solid nodule in the left lower lobe.",
        {"risk": "low"},
        "solid multiple >=6 mm",
        [3, 6],
        False,
    ),
    (
        "multiple by count",
        [{"long_axis_mm": 7, "count": 3}],
        "Three solid nodules, the largest 7 mm in the RUL.",
        {"risk": "high"},
        "solid multiple >=6 mm",
        [3, 6],
        False,
    ),
    (
        "ground-glass 5",
        [{"type": "ground-glass", "long_axis_mm": 5}],
        "A 5 mm ground-glass nodule in the LUL.",
        {},
        "ground-glass single <6 mm",
        None,
        False,
    ),
    (
        "ground-glass 6",
        [{"type": "ground-glass", "long_axis_mm": 6}],
        "A 6 mm ground-glass nodule in the LUL.",
        {},
        "ground-glass single >=6 mm",
        [6, 12],
        False,
    ),
    (
        "part-solid 5",
        [{"type": "part-solid", "long_axis_mm": 5}],
        "A 5 mm part-solid nodule in the LUL.",
        {},
        "part-solid single <6 mm",
        None,
        False,
    ),
    (
        "part-solid 6",
        [{"type": "part-solid", "long_axis_mm": 6, "solid_component_mm": 3}],
        "A 6 mm part-solid nodule with a 3 mm solid component in the LUL.",
        {},
        "part-solid single >=6 mm",
        [3, 6],
        False,
    ),
    (
        "part-solid persistent solid 6",
        [{"type": "part-solid", "long_axis_mm": 12, "solid_component_mm": 6, "status": "stable"}],
        "The 12 mm part-solid nodule with a 6 mm solid component in the LUL is unchanged.",
        {},
        "part-solid persistent, solid component >=6 mm",
        None,
        True,
    ),
    (
        "subsolid multiple <6",
        [{"type": "ground-glass", "long_axis_mm": 4, "count": 2}],
        "Two ground-glass nodules, the largest 4 mm in the RUL.",
        {},
        "subsolid multiple <6 mm",
        [3, 6],
        False,
    ),
]


@pytest.mark.parametrize(
    ("case", "nodules", "sentence", "ctx", "cat", "interval", "biopsy"), CASES, ids=[c[0] for c in CASES]
)
def test_structured(
    case: str,
    nodules: list[dict[str, Any]],
    sentence: str,
    ctx: dict[str, Any],
    cat: str,
    interval: list[int] | None,
    biopsy: bool,
) -> None:
    r = fleischner.categorize([LungNodule(**n) for n in nodules], PatientContext.parse({"age": 60, **ctx}))
    assert r.category == cat, r.rationale
    assert (r.follow_up.to_dict()["interval_months"] if r.follow_up else None) == interval
    assert r.biopsy_recommended is biopsy


@pytest.mark.parametrize(
    ("case", "nodules", "sentence", "ctx", "cat", "interval", "biopsy"), CASES, ids=[c[0] for c in CASES]
)
def test_from_text(
    case: str,
    nodules: list[dict[str, Any]],
    sentence: str,
    ctx: dict[str, Any],
    cat: str,
    interval: list[int] | None,
    biopsy: bool,
) -> None:
    out = assess(CT + sentence, {"age": 60, **ctx}, critical=False)
    assert out.profile == "incidental-pulmonary-nodule"
    [r] = out.guidelines
    assert r.category == cat, r.rationale
    assert (r.follow_up.to_dict()["interval_months"] if r.follow_up else None) == interval


@pytest.mark.parametrize(
    ("ctx", "why"),
    [
        ({"age": 34}, "under 35"),
        ({"age": 60, "screening": True}, "screening"),
        ({"age": 60, "known_cancer": True}, "known primary cancer"),
        ({"age": 60, "immunosuppressed": True}, "immunosuppressed"),
    ],
)
def test_not_applied_says_why(ctx: dict[str, Any], why: str) -> None:
    r = fleischner.categorize([LungNodule(long_axis_mm=7)], PatientContext.parse(ctx))
    assert r.category == "not applicable" and r.follow_up is None and why in r.management


def test_age_35_applies() -> None:
    assert (
        fleischner.categorize([LungNodule(long_axis_mm=7)], PatientContext(age=35)).category
        == "solid single 6-8 mm"
    )


def test_exclusions_read_from_report_history() -> None:
    text = (
        "EXAMINATION: CT chest\nHISTORY: History of breast cancer.\nFINDINGS: 7 mm solid nodule in the RUL."
    )
    r = assess(text, {"age": 60}, critical=False).guidelines[0]
    assert r.category == "not applicable" and "breast cancer" in r.rationale
    text2 = (
        "EXAMINATION: CT chest\nHISTORY: Renal transplant recipient.\nFINDINGS: 7 mm solid nodule in the RUL."
    )
    assert assess(text2, {"age": 60}, critical=False).guidelines[0].category == "not applicable"
    # explicit context wins over the words in the report
    assert (
        assess(text, {"age": 60, "known_cancer": False}, critical=False).guidelines[0].category
        != "not applicable"
    )


def test_unknown_risk_is_said_not_guessed() -> None:
    r = fleischner.categorize([LungNodule(long_axis_mm=7)], PatientContext(age=60))
    assert "risk not given" in r.rationale and "Low risk:" in r.management and "High risk:" in r.management


@pytest.mark.parametrize(
    "sentence",
    [
        "8 mm thyroid nodule.",
        "8 mm nodule in the right thyroid lobe.",
        "8 mm nodule in the left adrenal gland.",
        "8 mm left adrenal nodule.",
        "8 mm hypodense nodule in the liver.",
        "8 mm nodule in the left breast.",
        "8 mm subcutaneous nodule in the chest wall.",
        "12 mm mass in the left kidney.",
    ],
)
def test_a_nodule_of_another_organ_is_never_graded_as_a_lung_nodule(sentence: str) -> None:
    out = assess(CT + sentence, {"age": 60}, critical=False)
    assert [g.name for g in out.guidelines if g.name in ("fleischner", "lung_rads")] == [], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "8 mm nodule in the right upper lobe abutting the chest wall.",
        "8 mm nodule in the right lower lobe near the liver dome.",
        "8 mm right upper lobe nodule. A 2 cm thyroid nodule is also seen.",
    ],
)
def test_a_lung_nodule_beside_another_organ_is_still_graded(sentence: str) -> None:
    out = assess(CT + sentence, {"age": 60}, critical=False)
    [r] = [g for g in out.guidelines if g.name == "fleischner"]
    assert r.category == "solid single 6-8 mm", r.rationale


# -- clinical review: each repro with a control that must not change ------------------------------------------

INCIDENTAL = "EXAMINATION: CT chest without contrast\n"
LOW = {"age": 60, "risk": "low"}
NODULE_9 = "FINDINGS: 9 mm solid nodule in the right upper lobe."

# (id, report, context, category or None for no Fleischner result, follow-up interval or None)
REVIEW: list[tuple[str, str, dict[str, Any], str | None, list[int] | None]] = [
    # 6. a relative's cancer is family history, not the patient's cancer
    (
        "family history of lung cancer",
        INCIDENTAL + "CLINICAL HISTORY: Dyspnea. Family history of lung cancer.\n" + NODULE_9,
        {"age": 60},
        "solid single >8 mm",
        [3, 3],
    ),
    (
        "mother with breast cancer",
        INCIDENTAL + "CLINICAL HISTORY: Dyspnea. Mother with breast cancer.\n" + NODULE_9,
        {"age": 60},
        "solid single >8 mm",
        [3, 3],
    ),
    (
        "cancer in her mother",
        INCIDENTAL + "CLINICAL HISTORY: History of breast cancer in her mother.\n" + NODULE_9,
        {"age": 60},
        "solid single >8 mm",
        [3, 3],
    ),
    (
        "control: own cancer",
        INCIDENTAL + "CLINICAL HISTORY: History of breast cancer.\n" + NODULE_9,
        {"age": 60},
        "not applicable",
        None,
    ),
    (
        "control: relative's and own cancer",
        INCIDENTAL
        + "CLINICAL HISTORY: Mother with breast cancer and personal history of colon cancer.\n"
        + NODULE_9,
        {"age": 60},
        "not applicable",
        None,
    ),
    # 7. a resolved nodule is not graded
    (
        "resolved",
        INCIDENTAL + "FINDINGS: The previously seen 6 mm nodule in the right lower lobe has resolved.",
        LOW,
        None,
        None,
    ),
    (
        "control: unchanged",
        INCIDENTAL + "FINDINGS: The 6 mm nodule in the right lower lobe is unchanged.",
        LOW,
        "solid single 6-8 mm",
        [6, 12],
    ),
    # 8. size only in the impression
    (
        "size only in the impression",
        INCIDENTAL
        + "FINDINGS: Lungs: Small nodule in the right upper lobe.\nIMPRESSION: 1. 8 mm right upper lobe nodule.",
        LOW,
        "solid single 6-8 mm",
        [6, 12],
    ),
    # 9. several sizes in one sentence
    (
        "two sizes, high risk",
        INCIDENTAL + "FINDINGS: Two solid nodules in the right upper lobe measuring 5 mm and 9 mm.",
        {"age": 60, "risk": "high"},
        "solid multiple >=6 mm",
        [3, 6],
    ),
    (
        "control: two small sizes, high risk",
        INCIDENTAL + "FINDINGS: Two solid nodules in the right upper lobe measuring 4 mm and 5 mm.",
        {"age": 60, "risk": "high"},
        "solid multiple <6 mm",
        [12, 12],
    ),
    # 10. a mass (>= 30 mm) is outside Fleischner
    (
        "mass",
        INCIDENTAL + "FINDINGS: Right upper lobe mass measuring 4.2 x 3.8 cm with mediastinal adenopathy.",
        LOW,
        "not applicable",
        None,
    ),
    (
        "control: 29 mm nodule",
        INCIDENTAL + "FINDINGS: Right upper lobe nodule measuring 2.9 cm.",
        LOW,
        "solid single >8 mm",
        [3, 3],
    ),
    # 12. one ground-glass and one solid nodule are not "multiple subsolid"
    (
        "one GGN and one solid",
        INCIDENTAL
        + "FINDINGS: 5 mm ground glass opacity in the right upper lobe. 3 mm solid nodule in the left lower lobe.",
        LOW,
        "solid single <6 mm",
        None,
    ),
    (
        "control: two GGNs",
        INCIDENTAL
        + "FINDINGS: 5 mm ground glass opacity in the right upper lobe. 4 mm ground glass opacity in the left "
        "lower lobe.",
        LOW,
        "subsolid multiple <6 mm",
        [3, 6],
    ),
]


@pytest.mark.parametrize(("case", "text", "ctx", "cat", "interval"), REVIEW, ids=[c[0] for c in REVIEW])
def test_review_repros(
    case: str, text: str, ctx: dict[str, Any], cat: str | None, interval: list[int] | None
) -> None:
    found = [g for g in assess(text, ctx, critical=False).guidelines if g.name == "fleischner"]
    if cat is None:
        assert found == [], found[0].rationale
        return
    [r] = found
    assert r.category == cat, r.rationale
    assert (r.follow_up.to_dict()["interval_months"] if r.follow_up else None) == interval


def test_mass_says_why_and_family_history_is_named_as_a_risk_factor() -> None:
    mass = INCIDENTAL + "FINDINGS: Right upper lobe mass measuring 4.2 x 3.8 cm with mediastinal adenopathy."
    r = assess(mass, LOW, critical=False).guidelines[0]
    assert "mass" in r.management and "< 30 mm" in r.management and "work-up" in r.management
    fh = (
        INCIDENTAL
        + "CLINICAL HISTORY: Dyspnea. Family history of lung cancer.\n"
        + "FINDINGS: 7 mm solid nodule in the right upper lobe."
    )
    r = assess(fh, {"age": 60}, critical=False).guidelines[0]
    assert "risk not given" in r.rationale and "family history of lung cancer" in r.rationale
    assert "Low risk:" in r.management  # named, not used to choose the risk


# Review rv70 group A: a lesion or mass placed in the lung is a nodule for Fleischner (a mass >= 30 mm stays
# "not applicable"; a lesion of another organ is never graded).
LUNG_LESIONS: list[tuple[str, str, str, list[int] | None]] = [
    (
        "spiculated lesion",
        "Spiculated 1.1 x 0.9 cm lesion in the left upper lobe.",
        "solid single >8 mm",
        [3, 3],
    ),
    (
        "mass by lobe abbreviation",
        "2.2 x 1.8 cm mass in the RLL with lobulated margins.",
        "solid single >8 mm",
        [3, 3],
    ),
    ("small lesion", "6 x 5 mm lesion in the right middle lobe.", "solid single 6-8 mm", [6, 12]),
    ("mass >= 30 mm", "3.6 x 3.0 cm RUL mass.", "not applicable", None),
]


@pytest.mark.parametrize(("case", "body", "cat", "interval"), LUNG_LESIONS, ids=[c[0] for c in LUNG_LESIONS])
def test_lung_lesion_and_mass_are_graded(case: str, body: str, cat: str, interval: list[int] | None) -> None:
    [r] = assess(INCIDENTAL + "FINDINGS: " + body, {"age": 60, "risk": "high"}, critical=False).guidelines
    assert r.category == cat, r.rationale
    assert (r.follow_up.to_dict()["interval_months"] if r.follow_up else None) == interval


@pytest.mark.parametrize(
    "body",
    [
        "Lungs are clear. 1.8 cm lesion in the right hepatic lobe.",
        "Lungs are clear. Lytic lesion in the T8 vertebral body.",
    ],
)
def test_lesion_of_another_organ_is_not_a_lung_nodule(body: str) -> None:
    out = assess(INCIDENTAL + "FINDINGS: " + body, {"age": 60, "risk": "high"}, critical=False)
    assert [g for g in out.guidelines if g.name == "fleischner"] == []


# Review rv70 group J: an endobronchial lesion is outside Fleischner (work-up), never "no follow-up".
@pytest.mark.parametrize(
    ("body", "cat", "words"),
    [
        (
            "9 mm endobronchial lesion in the right lower lobe bronchus. No parenchymal nodules.",
            "not applicable",
            "bronchoscopy",
        ),
        ("4 mm subsegmental endobronchial nodule in the left lower lobe.", "not applicable", "often mucus"),
        (
            "7 mm endobronchial lesion in the left upper lobe bronchus. 5 mm solid nodule in the right upper lobe.",
            "solid single <6 mm",
            "also an airway (endobronchial) lesion",
        ),
    ],
)
def test_airway_lesion_is_not_covered(body: str, cat: str, words: str) -> None:
    [r] = assess(INCIDENTAL + "FINDINGS: " + body, {"age": 60, "risk": "high"}, critical=False).guidelines
    assert r.category == cat, r.rationale
    assert r.category != "no follow-up" and words in r.rationale
    assert r.follow_up is None or r.category == "solid single <6 mm"


# Review rv70 group L: an age the history states is used when the context gives none; the context's age wins.
AGES: list[tuple[str, str, dict[str, Any], str, str]] = [
    (
        "28-year-old",
        "CLINICAL HISTORY: 28-year-old female, chest pain.\n",
        {},
        "not applicable",
        "'28-year-old'",
    ),
    ("yo", "CLINICAL HISTORY: 31 yo M with cough.\n", {}, "not applicable", "the patient is 31"),
    ("Age:", "CLINICAL HISTORY: Age: 19. Trauma.\n", {}, "not applicable", "the patient is 19"),
    (
        "adult from text",
        "CLINICAL HISTORY: 64-year-old man, cough.\n",
        {},
        "solid single 6-8 mm",
        "age from the report",
    ),
    (
        "context wins",
        "CLINICAL HISTORY: 28-year-old female, chest pain.\n",
        {"age": 50},
        "solid single 6-8 mm",
        "single nodule",
    ),
    (
        "pack-years are not an age",
        "CLINICAL HISTORY: Cough, 30 pack-years.\n",
        {},
        "solid single 6-8 mm",
        "age not given",
    ),
]


@pytest.mark.parametrize(("case", "history", "ctx", "cat", "words"), AGES, ids=[c[0] for c in AGES])
def test_age_from_history(case: str, history: str, ctx: dict[str, Any], cat: str, words: str) -> None:
    text = INCIDENTAL + history + "FINDINGS: 7 x 6 mm solid nodule in the left lower lobe."
    [r] = assess(text, {"risk": "low", **ctx}, critical=False).guidelines
    assert r.category == cat, r.rationale
    assert words in r.rationale
    if "age" in ctx:
        assert "from the report" not in r.rationale


# Item gl7-1: a lung nodule named without a size gives "size not stated" (never nothing, never a row that assumes a
# size); a measured nodule with a tissue-sampling row keeps it; a patient exclusion still says "not applicable".
# (id, findings, context, category, follow-up interval or None, words in the rationale)
UNSIZED: list[tuple[str, str, dict[str, Any], str, list[int] | None, str]] = [
    (
        "small nodule",
        "Lungs: Small right upper lobe nodule. No consolidation.\nIMPRESSION: Small right upper lobe nodule.",
        {"age": 62},
        fleischner.SIZE_NOT_STATED,
        None,
        "could fall in any size row",
    ),
    (
        "subcentimeter nodule, low risk",
        "Subcentimeter solid nodule in the right upper lobe.",
        LOW,
        fleischner.SIZE_NOT_STATED,
        None,
        "'Subcentimeter solid nodule in the right upper lobe.'",
    ),
    (
        "unsized beside a measured 7 mm nodule",
        "7 x 6 mm solid nodule in the right upper lobe. Solid nodule in the left lower lobe.",
        LOW,
        fleischner.SIZE_NOT_STATED,
        None,
        "the measured nodule alone would be row 'solid single 6-8 mm'",
    ),
    (
        "unsized beside a measured 4 mm nodule",
        "4 mm solid nodule in the right upper lobe. Solid nodule in the left lower lobe.",
        LOW,
        fleischner.SIZE_NOT_STATED,
        None,
        "the measured nodule alone would be row 'solid single <6 mm'",
    ),
    (
        "unsized beside a measured 12 mm nodule keeps its row",
        "12 x 10 mm solid nodule in the right upper lobe. Solid nodule in the left lower lobe.",
        LOW,
        "solid single >8 mm",
        [3, 3],
        "also a nodule without a size",
    ),
    (
        "unsized, patient under 35",
        "Small right upper lobe nodule.",
        {"age": 30},
        "not applicable",
        None,
        "under 35",
    ),
    (
        "unsized beside an airway lesion",
        "7 mm endobronchial lesion in the left upper lobe bronchus. Small right upper lobe nodule.",
        LOW,
        fleischner.SIZE_NOT_STATED,
        None,
        "could fall in any size row",
    ),
    (
        "control: size in the impression",
        "Lungs: Small nodule in the right upper lobe.\nIMPRESSION: 1. 8 mm right upper lobe nodule.",
        LOW,
        "solid single 6-8 mm",
        [6, 12],
        "single nodule",
    ),
    (
        "control: calcified unsized nodule",
        "Densely calcified nodule in the right upper lobe.",
        LOW,
        "no follow-up",
        None,
        "benign calcification",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "ctx", "cat", "interval", "words"), UNSIZED, ids=[c[0] for c in UNSIZED]
)
def test_unsized_nodule_asks_for_the_size(
    case: str, body: str, ctx: dict[str, Any], cat: str, interval: list[int] | None, words: str
) -> None:
    [r] = assess(INCIDENTAL + "FINDINGS: " + body, ctx, critical=False).guidelines
    assert r.name == "fleischner"
    assert r.category == cat, r.rationale
    assert (r.follow_up.to_dict()["interval_months"] if r.follow_up else None) == interval
    assert words in r.rationale
    if cat == fleischner.SIZE_NOT_STATED:
        assert r.applicable and not r.biopsy_recommended
        assert r.management.startswith("Size not stated; measure the nodule to apply Fleischner 2017")
        assert any(f.get("category") == fleischner.SIZE_NOT_STATED for f in r.findings)
        # the JSON contract is unchanged: the same keys as any other result
        assert set(r.to_dict()) == {
            "name",
            "version",
            "category",
            "follow_up",
            "biopsy_recommended",
            "management",
            "rationale",
            "findings",
            "modifiers",
        }


def test_unsized_nodule_structured_api() -> None:
    r = fleischner.categorize([], PatientContext.parse(LOW), ["Small right upper lobe nodule."])
    assert (r.category, r.follow_up, r.biopsy_recommended) == (fleischner.SIZE_NOT_STATED, None, False)
    assert r.findings == [{"text": "Small right upper lobe nodule.", "category": fleischner.SIZE_NOT_STATED}]
    # without unsized sentences the structured API is unchanged
    r = fleischner.categorize([LungNodule(long_axis_mm=7)], PatientContext.parse(LOW))
    assert r.category == "solid single 6-8 mm"


def test_unsized_nodule_recommendation_asks_for_the_size() -> None:
    out = assess(INCIDENTAL + "FINDINGS: Small right upper lobe nodule.", LOW, critical=False)
    assert out.recommendations == [
        "Fleischner 2017 (size not stated): Size not stated; measure the nodule to apply Fleischner 2017: give its "
        "long and short axes in mm (their average, rounded to the nearest millimetre, chooses the row). No "
        "follow-up is recommended without it."
    ]


# Item gl7-3: the solid component of a persistent part-solid nodule is sized like the nodule, by the mean of its
# axes rounded to the nearest millimetre (docs/GUIDELINES.md says where this comes from), and the rationale says so.
# (id, findings, row, words in the rationale)
SOLID_COMPONENT: list[tuple[str, str, str, str]] = [
    (
        "7 x 4 mm component: mean 5.5, rounds to 6",
        "The 14 x 12 mm part-solid nodule in the left upper lobe with a solid component measuring 7 x 4 mm is "
        "unchanged.",
        "part-solid persistent, solid component >=6 mm",
        "solid component mean diameter 5.5 mm, rounded to 6 mm",
    ),
    (
        "7 x 3 mm component: mean 5.0, long axis 7 does not decide",
        "The 14 x 12 mm part-solid nodule in the left upper lobe with a solid component measuring 7 x 3 mm is "
        "unchanged.",
        "part-solid persistent, solid component <6 mm",
        "solid component mean diameter 5 mm, rounded to 5 mm",
    ),
    (
        "6 x 6 mm component",
        "The 14 x 12 mm part-solid nodule in the left upper lobe with a 6 x 6 mm solid component is unchanged.",
        "part-solid persistent, solid component >=6 mm",
        "solid component mean diameter 6 mm, rounded to 6 mm",
    ),
    (
        "component size not stated",
        "The 14 x 12 mm part-solid nodule in the left upper lobe is unchanged.",
        "part-solid persistent, solid component <6 mm",
        "solid component size not stated",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "row", "words"), SOLID_COMPONENT, ids=[c[0] for c in SOLID_COMPONENT]
)
def test_solid_component_is_sized_by_mean_diameter(case: str, body: str, row: str, words: str) -> None:
    [r] = assess(INCIDENTAL + "FINDINGS: " + body, LOW, critical=False).guidelines
    assert r.category == row, r.rationale
    assert words in r.rationale


@pytest.mark.parametrize(
    ("component", "row"),
    [
        (5.4, "part-solid persistent, solid component <6 mm"),
        (5.5, "part-solid persistent, solid component >=6 mm"),
        (6.0, "part-solid persistent, solid component >=6 mm"),
    ],
)
def test_solid_component_rounding_structured(component: float, row: str) -> None:
    n = LungNodule(
        type="part-solid", long_axis_mm=14, short_axis_mm=12, solid_component_mm=component, status="stable"
    )
    assert fleischner.categorize([n], PatientContext.parse(LOW)).category == row


@pytest.mark.parametrize(
    ("findings", "applies"),
    [
        # the findings state the cancer's spread or its treatment: a known cancer (review rv16a)
        ("9 mm solid nodule in the RUL. Multiple hepatic metastases.", False),
        ("9 mm solid nodule in the RUL. Sclerotic mets in the thoracic spine, stable.", False),
        ("Right lower lobe mass treated with SBRT now measures 1.4 cm. 9 mm solid nodule in the RUL.", False),
        # ... not when they deny or only raise it
        ("9 mm solid nodule in the RUL. No evidence of metastatic disease.", True),
        ("9 mm solid nodule in the RUL, concerning for metastasis.", True),
    ],
)
def test_a_cancer_the_findings_state_excludes_fleischner(findings: str, applies: bool) -> None:
    text = f"EXAMINATION: CT chest\nFINDINGS: {findings}"
    r = assess(text, {"age": 60}, critical=False).guidelines[0]
    assert (r.category != "not applicable") is applies, r.rationale


@pytest.mark.parametrize(
    ("sentence", "cat"),
    [
        # a size said as a bound from above is below it, whatever the mean rounds to (review of Measurement.bound)
        ("Solitary sub-6 mm solid nodule in the right upper lobe.", "solid single <6 mm"),
        ("Solitary solid nodule in the right upper lobe, less than 6 mm.", "solid single <6 mm"),
        ("Solitary solid nodule in the right upper lobe, <6 mm.", "solid single <6 mm"),
        ("Solitary solid nodule in the right upper lobe, less than 8 mm.", "solid single 6-8 mm"),
        # ... "up to" gives the largest size, which is the nodule's
        ("Solitary solid nodule in the right upper lobe measuring up to 7 mm.", "solid single 6-8 mm"),
        ("Solitary solid nodule in the right upper lobe measuring up to 9 mm.", "solid single >8 mm"),
    ],
)
def test_a_size_stated_as_a_bound(sentence: str, cat: str) -> None:
    out = assess(CT + sentence, {"age": 60, "risk": "high"}, critical=False)
    [r] = out.guidelines
    assert r.category == cat, r.rationale
