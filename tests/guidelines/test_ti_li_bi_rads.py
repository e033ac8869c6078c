"""ACR TI-RADS, LI-RADS v2018 CT/MRI and BI-RADS: points, thresholds (>=), diagnostic table, assessments."""

from __future__ import annotations

from typing import Any

import pytest

from radpilot.guidelines import (
    BiRadsStatement,
    LiverObservation,
    ThyroidNodule,
    assess,
    bi_rads,
    li_rads,
    ti_rads,
)

# -- TI-RADS --------------------------------------------------------------------------------------------------

POINTS: list[tuple[dict[str, Any], int, str]] = [
    (
        {"composition": "cystic", "echogenicity": "anechoic", "shape": "wider-than-tall", "margin": "smooth"},
        0,
        "TR1",
    ),
    ({"composition": "spongiform", "echogenicity": "hypoechoic", "margin": "irregular"}, 0, "TR1"),
    ({"composition": "mixed", "echogenicity": "isoechoic", "margin": "smooth"}, 2, "TR2"),
    ({"composition": "solid", "echogenicity": "hyperechoic", "margin": "ill-defined"}, 3, "TR3"),
    ({"composition": "solid", "echogenicity": "hypoechoic", "margin": "smooth"}, 4, "TR4"),
    ({"composition": "solid", "echogenicity": "very-hypoechoic", "margin": "lobulated"}, 7, "TR5"),
    ({"composition": "mixed", "echogenicity": "isoechoic", "shape": "taller-than-wide"}, 5, "TR4"),
    ({"composition": "solid", "echogenicity": "hypoechoic", "margin": "extrathyroidal-extension"}, 7, "TR5"),
    (
        {
            "composition": "solid",
            "echogenicity": "isoechoic",
            "echogenic_foci": ["macrocalcification", "peripheral"],
        },
        6,
        "TR4",
    ),
    (
        {"composition": "solid", "echogenicity": "isoechoic", "echogenic_foci": ["punctate", "comet-tail"]},
        6,
        "TR4",
    ),
    ({"composition": "solid", "echogenicity": "hypoechoic", "echogenic_foci": ["punctate"]}, 7, "TR5"),
]


@pytest.mark.parametrize(("features", "points", "level"), POINTS)
def test_ti_rads_points(features: dict[str, Any], points: int, level: str) -> None:
    s = ti_rads.score(ThyroidNodule(**features))
    assert (s.points, s.level) == (points, level)


# level features -> (size mm, expected: "fna" | "follow" | "none")
_LEVEL: dict[str, dict[str, Any]] = {
    "TR3": {"composition": "solid", "echogenicity": "isoechoic"},
    "TR4": {"composition": "solid", "echogenicity": "hypoechoic"},
    "TR5": {"composition": "solid", "echogenicity": "hypoechoic", "echogenic_foci": ["punctate"]},
}
THRESHOLDS = [
    ("TR3", 25.0, "fna"),
    ("TR3", 24.9, "follow"),
    ("TR3", 15.0, "follow"),
    ("TR3", 14.9, "none"),
    ("TR4", 15.0, "fna"),
    ("TR4", 14.9, "follow"),
    ("TR4", 10.0, "follow"),
    ("TR4", 9.9, "none"),
    ("TR5", 10.0, "fna"),
    ("TR5", 9.9, "follow"),
    ("TR5", 5.0, "follow"),
    ("TR5", 4.9, "none"),
]
_WORDS = {
    "TR3": "solid, isoechoic",
    "TR4": "solid, hypoechoic",
    "TR5": "solid, hypoechoic, punctate echogenic foci",
}


def _expect(r: Any, action: str) -> None:
    assert r.biopsy_recommended is (action == "fna"), r.rationale
    assert (r.follow_up is not None) is (action == "follow"), r.rationale


@pytest.mark.parametrize(("level", "size", "action"), THRESHOLDS)
def test_ti_rads_thresholds_structured(level: str, size: float, action: str) -> None:
    [r] = ti_rads.categorize([ThyroidNodule(max_diameter_mm=size, **_LEVEL[level])])
    assert r.category == level
    _expect(r, action)


@pytest.mark.parametrize(("level", "size", "action"), THRESHOLDS)
def test_ti_rads_thresholds_from_text(level: str, size: float, action: str) -> None:
    text = f"EXAM: US thyroid\nFINDINGS: Nodule 1: right lower pole, {size} mm, {_WORDS[level]}."
    [r] = assess(text, {}, critical=False).guidelines
    assert r.name == "ti-rads" and r.category == level, r.rationale
    _expect(r, action)


def test_ti_rads_text_features_and_missing_named() -> None:
    text = (
        "EXAM: US thyroid\nFINDINGS: Nodule 1: left mid pole, 1.2 x 0.9 x 0.8 cm. It is solid and very hypoechoic "
        "with irregular margins and microcalcifications. It is taller-than-wide.\n"
        "Nodule 2: right lobe, 0.8 cm, spongiform."
    )
    rs = assess(text, {}, critical=False).guidelines
    assert [r.category for r in rs] == ["TR5", "TR1"]
    assert rs[0].findings[0]["points"] == 2 + 3 + 3 + 2 + 3 and rs[0].biopsy_recommended
    partial = assess("EXAM: US thyroid\nFINDINGS: Nodule 1: 2 cm, solid.", {}, critical=False).guidelines[0]
    assert "not described (0 points): echogenicity, shape, margin" in partial.rationale


def test_ti_rads_reports_at_most_four_highest() -> None:
    nodules = [
        ThyroidNodule(composition="solid", echogenicity=e, max_diameter_mm=10)
        for e in ("anechoic", "isoechoic", "hypoechoic", "very-hypoechoic", "hyperechoic")
    ]
    rs = ti_rads.categorize(nodules)
    assert len(rs) == 4 and rs[0].findings[0]["points"] == 5
    assert "anechoic" not in [r.findings[0]["echogenicity"] for r in rs]  # the lowest-scoring one is left out


# -- LI-RADS --------------------------------------------------------------------------------------------------

TABLE: list[tuple[dict[str, Any], str]] = [
    ({"aphe": "none", "size_mm": 19}, "LR-3"),
    ({"aphe": "none", "size_mm": 19, "capsule": True}, "LR-3"),
    ({"aphe": "none", "size_mm": 19, "capsule": True, "washout": True}, "LR-4"),
    ({"aphe": "none", "size_mm": 20}, "LR-3"),
    ({"aphe": "none", "size_mm": 20, "washout": True}, "LR-4"),
    ({"aphe": "nonrim", "size_mm": 9}, "LR-3"),
    ({"aphe": "nonrim", "size_mm": 9, "washout": True}, "LR-4"),
    ({"aphe": "nonrim", "size_mm": 9, "washout": True, "capsule": True}, "LR-4"),
    ({"aphe": "nonrim", "size_mm": 10}, "LR-3"),
    ({"aphe": "nonrim", "size_mm": 10, "capsule": True}, "LR-4"),
    ({"aphe": "nonrim", "size_mm": 19, "capsule": True}, "LR-4"),
    ({"aphe": "nonrim", "size_mm": 10, "washout": True}, "LR-5"),
    ({"aphe": "nonrim", "size_mm": 19, "threshold_growth": True}, "LR-5"),
    ({"aphe": "nonrim", "size_mm": 15, "washout": True, "capsule": True}, "LR-5"),
    ({"aphe": "nonrim", "size_mm": 20}, "LR-4"),
    ({"aphe": "nonrim", "size_mm": 20, "capsule": True}, "LR-5"),
    ({"aphe": "rim", "size_mm": 25}, "LR-M"),
    ({"stated": "LR-2", "size_mm": 8}, "LR-2"),
    ({"stated": "LR-TIV"}, "LR-TIV"),
]


@pytest.mark.parametrize(("obs", "cat"), TABLE)
def test_li_rads_table(obs: dict[str, Any], cat: str) -> None:
    [r] = li_rads.categorize([LiverObservation(**obs)], at_risk="cirrhosis")
    assert r.category == cat, r.rationale


MRI = "EXAM: MRI liver\nHISTORY: Cirrhosis.\nFINDINGS: "


@pytest.mark.parametrize(
    ("sentence", "cat"),
    [
        (
            "15 mm observation in segment 6 with nonrim arterial phase hyperenhancement and enhancing capsule, "
            "without washout.",
            "LR-4",
        ),
        (
            "15 mm observation in segment 6 with nonrim arterial phase hyperenhancement and nonperipheral washout.",
            "LR-5",
        ),
        (
            "9 mm observation in segment 2 with arterial phase hyperenhancement, no washout or capsule.",
            "LR-3",
        ),
        ("22 mm observation in segment 8 with nonrim APHE and washout.", "LR-5"),
        ("25 mm mass in segment 4 with rim arterial phase hyperenhancement.", "LR-M"),
        ("12 mm observation in segment 3, LR-2.", "LR-2"),
    ],
)
def test_li_rads_from_text(sentence: str, cat: str) -> None:
    rs = assess(MRI + sentence, {}, critical=False).guidelines
    assert rs[0].name == "li-rads" and rs[0].category == cat, rs[0].rationale


def test_li_rads_threshold_growth_from_sizes() -> None:
    grew = LiverObservation(aphe="nonrim", size_mm=15, prior_size_mm=10, interval_months=6)
    slow = LiverObservation(aphe="nonrim", size_mm=15, prior_size_mm=10, interval_months=7)
    assert li_rads.categorize([grew], at_risk="HBV")[0].category == "LR-5"
    assert li_rads.categorize([slow], at_risk="HBV")[0].category == "LR-3"


def test_li_rads_only_for_patients_at_risk() -> None:
    text = "EXAM: MRI liver\nFINDINGS: 15 mm observation in segment 6 with nonrim APHE and washout."
    r = assess(text, {}, critical=False).guidelines[0]
    assert r.category == "not applicable" and "high risk" in r.management
    assert assess(text, {"hcc_risk": True}, critical=False).guidelines[0].category == "LR-5"
    no_cirrhosis = (
        "EXAM: MRI liver\nHISTORY: No cirrhosis.\nFINDINGS: 15 mm observation with nonrim APHE and washout."
    )
    assert assess(no_cirrhosis, {}, critical=False).guidelines[0].category == "not applicable"


# -- BI-RADS --------------------------------------------------------------------------------------------------

BIRADS = [
    ("0", False, [0, 0]),
    ("1", False, [12, 12]),
    ("2", False, [12, 12]),
    ("3", False, [6, 6]),
    ("4", True, None),
    ("4A", True, None),
    ("4B", True, None),
    ("4C", True, None),
    ("5", True, None),
    ("6", False, None),
]


@pytest.mark.parametrize(("cat", "biopsy", "interval"), BIRADS)
def test_bi_rads_structured(cat: str, biopsy: bool, interval: list[int] | None) -> None:
    r = bi_rads.categorize([BiRadsStatement(category=cat)])
    assert r is not None and r.category == cat and r.biopsy_recommended is biopsy
    assert (r.follow_up.to_dict()["interval_months"] if r.follow_up else None) == interval


@pytest.mark.parametrize(("cat", "biopsy", "interval"), BIRADS)
def test_bi_rads_from_text(cat: str, biopsy: bool, interval: list[int] | None) -> None:
    text = f"EXAM: Diagnostic mammogram\nIMPRESSION: ACR BI-RADS Category {cat}."
    [r] = assess(text, {}, critical=False).guidelines
    assert r.name == "bi-rads" and r.category == cat and r.biopsy_recommended is biopsy


def test_bi_rads_overall_by_hierarchy() -> None:
    text = "EXAM: Bilateral mammogram\nIMPRESSION: Right breast: BI-RADS 2. Left breast: BI-RADS 4A."
    [r] = assess(text, {}, critical=False).guidelines
    assert r.category == "4A" and "left breast" in r.rationale and len(r.findings) == 2
    zero = bi_rads.categorize([BiRadsStatement(category="3"), BiRadsStatement(category="0")])
    assert zero is not None and zero.category == "0"


# -- clinical review: each repro with a control that must not change ------------------------------------------

THYROID = "EXAMINATION: Thyroid ultrasound\nFINDINGS: "

# (id, findings, points, level, action, max diameter mm)
TI_REVIEW: list[tuple[str, str, int, str, str, float]] = [
    # 4. "not taller-than-wide" negates the shape only, not the features after it
    (
        "not taller-than-wide, punctate foci",
        "Solid hypoechoic nodule, not taller-than-wide, with punctate echogenic foci, measuring 1.2 cm.",
        7,
        "TR5",
        "fna",
        12.0,
    ),
    (
        "not taller-than-wide, macrocalcifications",
        "Solid hypoechoic nodule, not taller-than-wide, with macrocalcifications, measuring 1.2 cm.",
        5,
        "TR4",
        "follow",
        12.0,
    ),
    (
        "control: taller-than-wide",
        "Solid hypoechoic nodule, taller-than-wide, measuring 1.2 cm.",
        7,
        "TR5",
        "fna",
        12.0,
    ),
    (
        "control: no echogenic foci",
        "Solid hypoechoic nodule, not taller-than-wide, with no echogenic foci, measuring 1.2 cm.",
        4,
        "TR4",
        "follow",
        12.0,
    ),
    # 5. a lobe's dimensions are not the nodule's size
    (
        "lobe size in the next sentence",
        "Right lobe: solid hypoechoic nodule measuring 0.8 cm. Left lobe measures 4.8 x 1.7 x 1.5 cm.",
        4,
        "TR4",
        "none",
        8.0,
    ),
    (
        "lobe size in the same sentence",
        "Right lobe measures 5.1 x 2.0 x 1.8 cm and contains a solid hypoechoic nodule measuring 0.7 cm.",
        4,
        "TR4",
        "none",
        7.0,
    ),
    ("control: size after the lobe", "Right lobe: 1.6 cm solid hypoechoic nodule.", 4, "TR4", "fna", 16.0),
    (
        "control: nodule in a lobe measures",
        "Right lobe measures 5.0 x 1.8 x 1.6 cm. A solid hypoechoic nodule in the right lobe measures 1.6 x 1.0 cm.",
        4,
        "TR4",
        "fna",
        16.0,
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "points", "level", "action", "size"), TI_REVIEW, ids=[c[0] for c in TI_REVIEW]
)
def test_ti_rads_review_repros(
    case: str, body: str, points: int, level: str, action: str, size: float
) -> None:
    [r] = assess(THYROID + body, {}, critical=False).guidelines
    assert (r.category, r.findings[0]["points"]) == (level, points), r.rationale
    assert r.findings[0]["max_diameter_mm"] == size
    _expect(r, action)


def test_ti_rads_not_taller_than_wide_keeps_margin() -> None:
    body = "Solid hypoechoic nodule, not taller-than-wide, with ill-defined margin, measuring 1.2 cm."
    [r] = assess(THYROID + body, {}, critical=False).guidelines
    f = r.findings[0]
    assert (f["shape"], f["margin"]) == ("wider-than-tall", "ill-defined"), r.rationale


LIVER = "EXAMINATION: MRI liver\nCLINICAL HISTORY: Cirrhosis, HCC surveillance.\nFINDINGS: "
_OBS = "Segment 5 observation measuring 1.2 cm with arterial phase hyperenhancement"

# 2. LI-RADS v2018: a major feature the report is unsure of counts as absent
LI_REVIEW: list[tuple[str, str, str]] = [
    ("possible washout", f"{_OBS}. Possible washout.", "LR-3"),
    ("questionable washout", f"{_OBS}. Questionable washout.", "LR-3"),
    ("washout cannot be excluded", f"{_OBS}. Washout cannot be excluded.", "LR-3"),
    ("equivocal washout", f"{_OBS} and equivocal washout.", "LR-3"),
    ("probable washout", f"{_OBS} and probable washout.", "LR-3"),
    ("washout versus pseudowashout", f"{_OBS}. Washout versus pseudowashout.", "LR-3"),
    (
        "possible APHE and washout",
        "Segment 8 observation measuring 2.2 cm with possible arterial phase hyperenhancement and washout.",
        "LR-3",
    ),
    ("suggestion of capsule", f"{_OBS} and a suggestion of capsule.", "LR-3"),
    ("control: washout", f"{_OBS} and washout.", "LR-5"),
    ("control: capsule", f"{_OBS} and enhancing capsule.", "LR-4"),
    ("control: washout, likely HCC", f"{_OBS} and washout, likely HCC.", "LR-5"),
    (
        "control: APHE and washout, 2.2 cm",
        "Segment 8 observation measuring 2.2 cm with arterial phase hyperenhancement and washout.",
        "LR-5",
    ),
]


@pytest.mark.parametrize(("case", "body", "cat"), LI_REVIEW, ids=[c[0] for c in LI_REVIEW])
def test_li_rads_review_repros(case: str, body: str, cat: str) -> None:
    [r] = assess(LIVER + body, {}, critical=False).guidelines
    assert r.category == cat, r.rationale
    if not case.startswith("control"):
        assert "uncertain, so counted as absent" in r.rationale


# 13. a BI-RADS category said of the past is not this exam's
BI_REVIEW: list[tuple[str, str, str]] = [
    (
        "history of BI-RADS 4",
        "FINDINGS: Scattered fibroglandular densities. History of BI-RADS 4 lesion which was biopsied with benign "
        "results.\nIMPRESSION: BI-RADS 2.",
        "2",
    ),
    (
        "control: previously 3, now 4B",
        "FINDINGS: Right breast mass, previously BI-RADS 3, now larger.\nIMPRESSION: Right breast: BI-RADS 4B.",
        "4B",
    ),
    ("control: this exam's 4, previously 3", "IMPRESSION: BI-RADS 4, previously BI-RADS 3.", "4"),
]


@pytest.mark.parametrize(("case", "body", "cat"), BI_REVIEW, ids=[c[0] for c in BI_REVIEW])
def test_bi_rads_review_repros(case: str, body: str, cat: str) -> None:
    [r] = assess("EXAMINATION: Bilateral diagnostic mammogram\n" + body, {}, critical=False).guidelines
    assert r.category == cat, r.rationale


# -- review rv71: LI-RADS population (B) ------------------------------------------------------------------------

_LIV_OBS = (
    "A 2.2 cm observation in segment 6 demonstrates nonrim arterial phase hyperenhancement and washout."
)

POPULATION: list[tuple[str, str, str, str, str | None]] = [
    # (case, history, more findings, category, the words that put the patient at risk)
    (
        "question: evaluate for cirrhosis",
        "Abnormal LFTs, evaluate for cirrhosis.",
        "",
        "not applicable",
        None,
    ),
    ("question: rule out cirrhosis", "Rule out cirrhosis.", "", "not applicable", None),
    ("question: cirrhosis?", "Splenomegaly, cirrhosis?", "", "not applicable", None),
    (
        "denied: no morphologic features of cirrhosis",
        "Evaluate for cirrhosis.",
        "No morphologic features of cirrhosis.",
        "not applicable",
        None,
    ),
    ("denied: no cirrhosis", "Elevated enzymes. No cirrhosis.", "", "not applicable", None),
    (
        "prior HCC written out, status post TACE",
        "Hepatocellular carcinoma status post TACE in 2022.",
        "",
        "LR-5",
        "Hepatocellular carcinoma status post TACE",
    ),
    ("HCC s/p ablation", "HCC s/p microwave ablation.", "", "LR-5", "HCC s/p microwave ablation"),
    (
        "history of hepatocellular carcinoma",
        "History of hepatocellular carcinoma.",
        "",
        "LR-5",
        "History of hepatocellular carcinoma",
    ),
    (
        "surveillance for hepatocellular carcinoma",
        "Surveillance for hepatocellular carcinoma.",
        "",
        "LR-5",
        "Surveillance for hepatocellular carcinoma",
    ),
    ("control: cirrhosis", "Alcoholic cirrhosis.", "", "LR-5", "cirrhosis"),
    (
        "control: asked, then found",
        "Evaluate for cirrhosis.",
        "Nodular contour, consistent with cirrhosis.",
        "LR-5",
        "cirrhosis",
    ),
    (
        "control: HCC as this lesion's diagnosis",
        "Liver lesion.",
        "Findings consistent with HCC.",
        "not applicable",
        None,
    ),
]


@pytest.mark.parametrize(
    ("case", "history", "more", "cat", "words"), POPULATION, ids=[c[0] for c in POPULATION]
)
def test_li_rads_population_from_text(
    case: str, history: str, more: str, cat: str, words: str | None
) -> None:
    text = f"EXAMINATION: MRI liver\nCLINICAL HISTORY: {history}\nFINDINGS: {more} {_LIV_OBS}"
    [r] = assess(text, {}, critical=False).guidelines
    assert r.category == cat, r.rationale
    if words is None:
        assert "does not apply" in r.management and r.biopsy_recommended is False
    else:
        assert f"applies because: the report says {words!r}" in r.rationale


# -- review rv71: a negated or past LI-RADS category is not stated (C) -------------------------------------------

STATED: list[tuple[str, str, list[str], str]] = [
    # (case, findings, categories of the results, words the top rationale must have)
    (
        "without tumor in vein",
        "Observation 1: Segment 7, 22 x 18 mm, nonrim arterial phase hyperenhancement, no washout. The portal veins "
        "are patent without tumor in vein.",
        ["LR-4"],
        "nonrim APHE, >= 20 mm (22 mm) with no additional major feature",
    ),
    (
        "without evidence of tumor in vein",
        "Segment 4 observation measuring 1.9 cm with nonrim arterial phase hyperenhancement, no washout and no "
        "capsule. Hepatic and portal veins are patent, without evidence of tumor in vein.",
        ["LR-3"],
        "nonrim APHE, 10-19 mm (19 mm)",
    ),
    (
        "no other LR-M features",
        "Observation 1: Segment 8, 23 mm, nonrim arterial phase hyperenhancement and washout. No rim APHE or other "
        "LR-M features.",
        ["LR-5"],
        "nonrim APHE, >= 20 mm (23 mm) with washout",
    ),
    (
        "previously categorized LR-2 makes no second observation",
        "Segment 6 observation now measures 16 mm with nonrim arterial phase hyperenhancement and an enhancing "
        "capsule, without washout. This observation was previously categorized LR-2.",
        ["LR-4"],
        "nonrim APHE, 10-19 mm (16 mm) with capsule",
    ),
    (
        "upgraded from LR-3",
        "Segment 2 observation measuring 12 mm with nonrim APHE and washout, upgraded from LR-3.",
        ["LR-5"],
        "with washout",
    ),
    (
        "control: stated LR-TIV",
        "Right lobe mass measuring 6 cm with tumor in vein.",
        ["LR-TIV"],
        "LR-TIV as stated",
    ),
    ("control: stated LR-M", "Segment 3 mass measuring 3 cm, LR-M.", ["LR-M"], "LR-M as stated"),
]


@pytest.mark.parametrize(("case", "body", "cats", "rule"), STATED, ids=[c[0] for c in STATED])
def test_li_rads_negated_or_past_category_is_not_stated(
    case: str, body: str, cats: list[str], rule: str
) -> None:
    rs = assess(LIVER + body, {}, critical=False).guidelines
    assert [r.category for r in rs] == cats, [r.rationale for r in rs]
    assert rule in rs[0].rationale
    assert ("stated" in rs[0].findings[0]) is case.startswith("control")


# -- review rv71: a thyroid cyst is scored (E) -------------------------------------------------------------------

# (case, findings, composition, points, level, action)
CYSTS: list[tuple[str, str, str, int, str, str]] = [
    (
        "complex cyst with a solid mural component",
        "Left lobe: 2.8 x 2.1 x 1.9 cm complex cyst in the lower pole with a hypoechoic solid mural component "
        "containing punctate echogenic foci. Margins are smooth.",
        "mixed",
        1 + 2 + 3,
        "TR4",
        "fna",
    ),
    (
        "cyst with a solid component",
        "Right lobe: 2.0 cm cyst with a small isoechoic solid component.",
        "mixed",
        1 + 1,
        "TR2",
        "none",
    ),
    (
        "simple anechoic cyst",
        "Left lobe: 1.2 x 1.0 x 0.9 cm anechoic simple cyst in the mid pole with no solid component.",
        "cystic",
        0,
        "TR1",
        "none",
    ),
    (
        "control: cystic nodule",
        "Right lobe: 1.5 cm purely cystic anechoic nodule.",
        "cystic",
        0,
        "TR1",
        "none",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "composition", "points", "level", "action"), CYSTS, ids=[c[0] for c in CYSTS]
)
def test_ti_rads_cyst_is_a_nodule(
    case: str, body: str, composition: str, points: int, level: str, action: str
) -> None:
    [r] = assess(THYROID + body, {}, critical=False).guidelines
    assert r.name == "ti-rads" and (r.category, r.findings[0]["points"]) == (level, points), r.rationale
    assert f"composition {composition} {ti_rads.COMPOSITION[composition]}" in r.rationale
    _expect(r, action)


def test_ti_rads_no_cysts_is_no_nodule() -> None:
    assert (
        assess(THYROID + "Both lobes are normal in size. No nodules or cysts.", {}, critical=False).guidelines
        == []
    )


# -- review rv71: TI-RADS feature wordings (F) -------------------------------------------------------------------

# (case, findings, points, level, action, a part the rationale must name)
FEATURES: list[tuple[str, str, int, str, str, str]] = [
    (
        "a single punctate echogenic focus",
        "Right lobe: 1.6 x 1.3 cm solid isoechoic nodule. A single punctate echogenic focus is present centrally.",
        2 + 1 + 3,
        "TR4",
        "fna",
        "echogenic foci punctate 3",
    ),
    (
        "punctate hyperechoic foci without comet-tail",
        "Nodule 1: 1.3 cm, solid, hypoechoic, smooth margins. Punctate hyperechoic foci without comet-tail artifact.",
        2 + 2 + 3,
        "TR5",
        "fna",
        "echogenic foci punctate 3",
    ),
    (
        "spiculated margins",
        "Nodule 1: 1.6 cm, solid, isoechoic, wider-than-tall, with spiculated margins.",
        2 + 1 + 2,
        "TR4",
        "fna",
        "margin irregular 2",
    ),
    (
        "microlobulated margins",
        "Nodule 1: 1.1 cm, solid, isoechoic, wider-than-tall, with microlobulated margins. No calcifications.",
        2 + 1 + 2,
        "TR4",
        "follow",
        "margin lobulated 2",
    ),
    (
        "peripheral (rim) calcifications",
        "Nodule 1: 1.2 cm, solid, isoechoic, smooth margins, with peripheral (rim) calcifications.",
        2 + 1 + 2,
        "TR4",
        "follow",
        "echogenic foci peripheral 2",
    ),
    (
        "almost completely solid with a small cystic component",
        "Nodule 1: 1.6 cm. Almost completely solid with a small cystic component. Hypoechoic. Smooth margins.",
        2 + 2,
        "TR4",
        "fna",
        "composition solid 2",
    ),
    (
        "solid nodule of mixed echogenicity",
        "Right lobe: 2.0 x 1.5 cm solid nodule of mixed echogenicity, predominantly isoechoic, with smooth margins.",
        2 + 1,
        "TR3",
        "follow",
        "composition solid 2, echogenicity isoechoic 1",
    ),
    (
        "control: mixed cystic and solid",
        "Nodule 1: 1.6 cm, mixed cystic and solid, isoechoic, smooth margins.",
        1 + 1,
        "TR2",
        "none",
        "composition mixed 1",
    ),
    (
        "control: predominantly solid",
        "Nodule 1: 1.6 cm, predominantly solid, hypoechoic, smooth margins.",
        1 + 2,
        "TR3",
        "follow",
        "composition mixed 1",
    ),
    (
        "control: non-spiculated",
        "Nodule 1: 1.6 cm, solid, isoechoic, non-spiculated smooth margins.",
        2 + 1,
        "TR3",
        "follow",
        "margin smooth 0",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "points", "level", "action", "part"), FEATURES, ids=[c[0] for c in FEATURES]
)
def test_ti_rads_feature_wordings(
    case: str, body: str, points: int, level: str, action: str, part: str
) -> None:
    [r] = assess(THYROID + body, {}, critical=False).guidelines
    assert (r.category, r.findings[0]["points"]) == (level, points), r.rationale
    assert part in r.rationale
    _expect(r, action)


# -- review rv71: TI-RADS size and echogenicity taken from the right words (J) ------------------------------------

# (case, findings, points, level, action, max diameter mm)
TI_SIZES: list[tuple[str, str, int, str, str, float]] = [
    (
        "lobe size followed by 'without nodules'",
        "The right lobe measures 5.2 x 2.1 x 1.9 cm and contains a 0.6 cm solid hypoechoic nodule with smooth "
        "margins. The left lobe measures 4.8 x 1.7 x 1.5 cm without nodules.",
        4,
        "TR4",
        "none",
        6.0,
    ),
    (
        "lymph node size",
        "Nodule 1: Left upper pole, 0.7 x 0.6 x 0.8 cm, solid, hypoechoic, taller-than-wide, smooth margins.\n"
        "Lymph nodes: A reactive-appearing right level II lymph node measures 2.3 x 0.7 cm with a fatty hilum.",
        7,
        "TR5",
        "follow",
        8.0,
    ),
    (
        "now measuring X, previously Y",
        "Nodule 1: Left lower pole solid isoechoic nodule with coarse macrocalcification, smooth margins, now "
        "measuring 1.4 x 1.0 x 0.9 cm, previously 1.7 x 1.2 x 1.0 cm.",
        4,
        "TR4",
        "follow",
        14.0,
    ),
    (
        "previously measuring Y, now X",
        "Nodule 1: solid hypoechoic nodule, previously measuring 1.7 cm, now 1.4 cm.",
        4,
        "TR4",
        "follow",
        14.0,
    ),
    (
        "isoechoic with a hypoechoic halo",
        "Nodule 1: Right lower pole, 1.6 x 1.2 x 1.1 cm, solid, isoechoic with a thin hypoechoic halo, smooth margins.",
        3,
        "TR3",
        "follow",
        16.0,
    ),
    (
        "control: lobe size then a nodule",
        "The left lobe measures 4.8 x 1.7 x 1.5 cm. Left lobe: 1.6 cm solid hypoechoic nodule.",
        4,
        "TR4",
        "fna",
        16.0,
    ),
    (
        "control: markedly hypoechoic",
        "Nodule 1: 1.2 cm, solid, markedly hypoechoic.",
        5,
        "TR4",
        "follow",
        12.0,
    ),
    (
        "control: anechoic fluid and an isoechoic solid part",
        "Nodule 1: 1.6 cm, mixed cystic and solid, anechoic cystic part with an isoechoic solid component.",
        2,
        "TR2",
        "none",
        16.0,
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "points", "level", "action", "size"), TI_SIZES, ids=[c[0] for c in TI_SIZES]
)
def test_ti_rads_size_and_echogenicity_words(
    case: str, body: str, points: int, level: str, action: str, size: float
) -> None:
    [r] = assess(THYROID + body, {}, critical=False).guidelines
    assert (r.category, r.findings[0]["points"]) == (level, points), r.rationale
    assert r.findings[0]["max_diameter_mm"] == size, r.rationale
    _expect(r, action)


def test_li_rads_prior_size_said_measured() -> None:
    text = LIVER + "Segment 6 observation, previously measured 10 mm, now measures 16 mm with nonrim APHE."
    [r] = assess(text, {}, critical=False).guidelines
    assert (r.findings[0]["size_mm"], r.findings[0]["prior_size_mm"]) == (16.0, 10.0), r.rationale


# -- review rv71: FNA for at most the two highest-scoring nodules (L) --------------------------------------------


def _nodule(level: str, size: float) -> ThyroidNodule:
    return ThyroidNodule(max_diameter_mm=size, location=f"{level} {size:g} mm", **_LEVEL[level])


# (nodules as (level, mm), expected actions in ranked order)
FNA_CAP: list[tuple[str, list[tuple[str, float]], list[str]]] = [
    (
        "three meet FNA: the lowest-scoring gets follow-up",
        [("TR3", 28), ("TR4", 20), ("TR5", 12)],
        ["fna", "fna", "follow"],
    ),
    (
        "four meet FNA",
        [("TR3", 30), ("TR4", 16), ("TR4", 20), ("TR5", 11)],
        ["fna", "fna", "follow", "follow"],
    ),
    ("control: two meet FNA", [("TR3", 28), ("TR4", 20), ("TR5", 8)], ["follow", "fna", "fna"]),
    (
        "control: a TR5 below follow-up stays none",
        [("TR5", 4), ("TR4", 20), ("TR3", 28)],
        ["none", "fna", "fna"],
    ),
]


@pytest.mark.parametrize(("case", "nodules", "actions"), FNA_CAP, ids=[c[0] for c in FNA_CAP])
def test_ti_rads_fna_for_at_most_two(case: str, nodules: list[tuple[str, float]], actions: list[str]) -> None:
    rs = ti_rads.categorize([_nodule(level, mm) for level, mm in nodules])
    assert sum(r.biopsy_recommended for r in rs) <= ti_rads.MAX_FNA
    for r, action in zip(rs, actions, strict=True):
        _expect(r, action)
        if action == "follow" and r.findings[0]["max_diameter_mm"] >= ti_rads.THRESHOLDS[r.category][0]:
            assert "FNA is limited to the 2 highest-scoring nodules" in r.management
            assert "at most 2 nodules are biopsied" in r.rationale


def test_ti_rads_fna_cap_from_text() -> None:
    body = (
        "Nodule 1: Right mid pole, 2.0 x 1.4 x 1.5 cm, solid, hypoechoic, smooth margins, no echogenic foci.\n"
        "Nodule 2: Left lower pole, 1.2 x 1.0 x 0.9 cm, solid, hypoechoic, smooth margins, with punctate echogenic "
        "foci.\nNodule 3: Isthmus, 2.8 x 2.0 x 1.6 cm, mixed cystic and solid, isoechoic, smooth margins, with "
        "macrocalcifications."
    )
    rs = assess(THYROID + body, {}, critical=False).guidelines
    assert [(r.category, r.biopsy_recommended) for r in rs] == [("TR5", True), ("TR4", True), ("TR3", False)]
    assert rs[2].follow_up is not None and "Nodule 3" in rs[2].rationale
    assert "meets the FNA size" in rs[2].management


# -- review rv71: a category without the word BI-RADS (G) --------------------------------------------------------

# (case, impression, category, biopsy) - None: no BI-RADS result
BARE_CATEGORY: list[tuple[str, str, str | None, bool]] = [
    (
        "Category 0: Incomplete",
        "Category 0: Incomplete. Additional imaging of the left breast is recommended.",
        "0",
        False,
    ),
    (
        "Category 4B: moderate suspicion",
        "Suspicious left breast mass. Category 4B: moderate suspicion for malignancy.",
        "4B",
        True,
    ),
    ("Category 3 - probably benign", "Category 3 - Probably benign. Six-month follow-up.", "3", False),
    (
        "control: density category letter",
        "The breasts are heterogeneously dense (ACR category c).",
        None,
        False,
    ),
    ("control: a number without a descriptor", "Category 2 of 3 findings is stable.", None, False),
]


@pytest.mark.parametrize(
    ("case", "impression", "cat", "biopsy"), BARE_CATEGORY, ids=[c[0] for c in BARE_CATEGORY]
)
def test_bi_rads_category_without_the_word(case: str, impression: str, cat: str | None, biopsy: bool) -> None:
    rs = assess(f"EXAMINATION: Screening mammogram\nIMPRESSION: {impression}", {}, critical=False).guidelines
    if cat is None:
        assert rs == []
        return
    [r] = rs
    assert (r.name, r.category, r.biopsy_recommended) == ("bi-rads", cat, biopsy), r.rationale
    assert f"BI-RADS {cat}:" in r.rationale


# -- review rv71: BI-RADS category of the past, hypothetical, or of the other breast (I) ---------------------------

# (case, report body, category, side in the rationale or None, statements read as "side cat")
BI_SENTENCE: list[tuple[str, str, str, str | None, list[str]]] = [
    (
        "recalled from screening (BI-RADS 0)",
        "FINDINGS: The patient was recalled from screening (BI-RADS 0) for a left breast asymmetry. Spot views are "
        "normal.\nIMPRESSION: BI-RADS 1: Negative. Return to annual screening.",
        "1",
        None,
        ["overall 1"],
    ),
    (
        "would be upgraded to BI-RADS 4",
        "IMPRESSION: BI-RADS 3: Probably benign. Recommend 6-month follow-up. If the calcifications increase, they "
        "would be upgraded to BI-RADS 4 and stereotactic biopsy performed.",
        "3",
        None,
        ["overall 3"],
    ),
    (
        "right 2 and left 4A in one sentence",
        "IMPRESSION: Right breast BI-RADS 2 and left breast BI-RADS 4A. Biopsy of the left breast mass is recommended.",
        "4A",
        "left",
        ["right 2", "left 4A"],
    ),
    (
        "the side after the category",
        "IMPRESSION: BI-RADS 2 for the right breast and BI-RADS 4B for the left breast.",
        "4B",
        "left",
        ["right 2", "left 4B"],
    ),
    (
        "control: side labels",
        "IMPRESSION: Left: BI-RADS 0, incomplete. Magnification views.\nRight: BI-RADS 1, negative.",
        "0",
        "left",
        ["left 0", "right 1"],
    ),
    (
        "control: the side after, other breast named later",
        "IMPRESSION: BI-RADS 4C for the left breast mass; the right breast cyst is benign.",
        "4C",
        "left",
        ["left 4C"],
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "cat", "side", "statements"), BI_SENTENCE, ids=[c[0] for c in BI_SENTENCE]
)
def test_bi_rads_which_statements_count(
    case: str, body: str, cat: str, side: str | None, statements: list[str]
) -> None:
    [r] = assess("EXAMINATION: Diagnostic mammogram\n" + body, {}, critical=False).guidelines
    assert r.category == cat, r.rationale
    assert (f"({side} breast)" in r.rationale) if side else ("breast)" not in r.rationale)
    assert [f"{f.get('laterality') or 'overall'} {f['category']}" for f in r.findings] == statements


# -- review rv71: targetoid features without the word "rim" give LR-M (H) ------------------------------------------

# (case, findings, category, words the rationale must have)
TARGETOID: list[tuple[str, str, str, str]] = [
    (
        "peripheral washout and delayed central enhancement",
        "Segment 8 observation measuring 2.6 cm shows peripheral washout and delayed central enhancement.",
        "LR-M",
        "targetoid features (peripheral washout, delayed central enhancement): LR-M",
    ),
    (
        "delayed central enhancement alone",
        "Segment 2 observation measuring 1.8 cm with delayed central enhancement.",
        "LR-M",
        "targetoid features (delayed central enhancement): LR-M",
    ),
    (
        "targetoid restriction",
        "Segment 7 mass measuring 3.0 cm with targetoid restriction on diffusion-weighted imaging.",
        "LR-M",
        "targetoid features (targetoid restriction): LR-M",
    ),
    (
        "hedged: possible peripheral washout",
        "Segment 8 observation measuring 2.6 cm with nonrim APHE and possible peripheral washout.",
        "LR-4",
        "uncertain, so counted as absent: targetoid features",
    ),
    (
        "control: no peripheral washout",
        "Segment 8 observation measuring 2.6 cm with nonrim APHE and washout, no peripheral washout.",
        "LR-5",
        "nonrim APHE, >= 20 mm (26 mm) with washout",
    ),
    (
        "control: nonperipheral washout is a major feature",
        "Segment 8 observation measuring 2.6 cm with nonrim APHE and nonperipheral washout.",
        "LR-5",
        "with washout",
    ),
]


@pytest.mark.parametrize(("case", "body", "cat", "words"), TARGETOID, ids=[c[0] for c in TARGETOID])
def test_li_rads_targetoid_features(case: str, body: str, cat: str, words: str) -> None:
    [r] = assess(LIVER + body, {}, critical=False).guidelines
    assert r.category == cat and words in r.rationale, r.rationale
    assert r.biopsy_recommended is (cat == "LR-M")


def test_li_rads_targetoid_structured() -> None:
    o = LiverObservation.parse(
        {"size_mm": 25, "aphe": "nonrim", "washout": True, "targetoid": ["peripheral washout"]}
    )
    [r] = li_rads.categorize([o], at_risk="cirrhosis")
    assert r.category == "LR-M" and "often including biopsy" in r.management


# -- review rv71: the liver's own capsule is not an enhancing capsule (K) -------------------------------------------

# (case, findings, category)
CAPSULE: list[tuple[str, str, str]] = [
    (
        "abutting the liver capsule",
        "A 13 mm observation in segment 6 abutting the liver capsule demonstrates nonrim arterial phase "
        "hyperenhancement. It does not wash out.",
        "LR-3",
    ),
    (
        "Glisson's capsule",
        "A 13 mm observation in segment 6 near Glisson's capsule with nonrim APHE.",
        "LR-3",
    ),
    ("along the capsule", "A 13 mm subcapsular observation along the capsule with nonrim APHE.", "LR-3"),
    (
        "capsule of the liver",
        "A 13 mm observation bulging the capsule of the liver with nonrim APHE.",
        "LR-3",
    ),
    (
        "control: enhancing capsule",
        "A 13 mm observation in segment 6 with nonrim APHE and an enhancing capsule.",
        "LR-4",
    ),
    (
        "control: liver capsule and an enhancing capsule",
        "A 13 mm observation abutting the liver capsule with nonrim APHE and an enhancing capsule.",
        "LR-4",
    ),
]


@pytest.mark.parametrize(("case", "body", "cat"), CAPSULE, ids=[c[0] for c in CAPSULE])
def test_li_rads_liver_capsule_is_anatomy(case: str, body: str, cat: str) -> None:
    [r] = assess(LIVER + body, {}, critical=False).guidelines
    assert r.category == cat, r.rationale
    assert r.findings[0].get("capsule", False) is (cat == "LR-4")
    assert ("with capsule" in r.rationale) is (cat == "LR-4")
