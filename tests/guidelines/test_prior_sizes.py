"""Prior sizes: one reader (``features.prior_size``) for lung nodules, thyroid nodules and liver observations.

Growth decisions (Lung-RADS 4A/4B, LI-RADS threshold growth) and today's size (TI-RADS FNA) depend on telling the
prior size from today's; each case is a made-up sentence.
"""

from __future__ import annotations

from typing import Any

import pytest

from radpilot.guidelines import assess, features
from radpilot.report import find_measurements

N = "Right upper lobe solid nodule "

# (sentence, the sizes (as written) read as prior, the unitless prior read before today's size or None)
DETECTOR: list[tuple[str, list[str], tuple[float, ...] | None]] = [
    (N + "measures 8 mm, previously 6 mm.", ["6 mm"], None),
    (N + "measuring 8 mm (previously 6 mm).", ["6 mm"], None),
    (N + "measures 8 mm, previously measured 6 mm.", ["6 mm"], None),
    (N + "now measures 8 mm, previously measuring 6 mm.", ["6 mm"], None),
    (N + "measures 8 mm, initially measuring 6 mm.", ["6 mm"], None),
    (N + "has increased from 6 mm to 8 mm.", ["6 mm"], None),
    (N + "measures 8 mm, up from 6 mm.", ["6 mm"], None),
    (N + "measures 8 mm, 6 mm on 01/2025.", ["6 mm"], None),
    (N + "measuring 8 mm (6 mm on 01/2025).", ["6 mm"], None),
    (N + "measuring 8 mm, 6 mm on 2025-01-15.", ["6 mm"], None),
    (N + "measures 8 mm, 6 mm in January 2025.", ["6 mm"], None),
    (N + "measures 8 mm, was 6 mm on the prior.", ["6 mm"], None),
    (N + "measures 8 mm, was 6 mm.", ["6 mm"], None),
    (N + "measures 8 mm versus 6 mm previously.", ["6 mm"], None),
    (N + "measures 8 mm, 6 mm 12 months ago.", ["6 mm"], None),
    (N + "measured 6 mm on the prior and now measures 8 mm.", ["6 mm"], None),
    (N + "measures 8 x 7 mm, previously measured 6 x 5 mm on 11/12/2025.", ["6 x 5 mm"], None),
    # the prior written without its unit
    (N + "has increased from 6 to 8 mm.", [], (6.0,)),
    (N + "has decreased from 9 to 7 mm.", [], (9.0,)),
    ("Segment 8 observation has increased from 1.2 to 2.0 cm.", [], (12.0,)),
    # not prior sizes
    (N + "measuring 8 mm on image 1123 of series 4.", [], None),
    (N + "measures 8 mm prior to contrast.", [], None),
    ("Multiple solid nodules ranging from 4 mm to 8 mm in both lungs.", [], None),
    ("Solid nodules ranging in size from 4 to 8 mm.", [], None),
    (N + "measuring from 6 to 8 mm.", [], None),
    ("There was an 8 mm solid nodule in the right upper lobe.", [], None),
    ("The previously noted 8 mm solid nodule in the right upper lobe is unchanged.", [], None),
]


@pytest.mark.parametrize(("sentence", "priors", "unitless"), DETECTOR, ids=[c[0] for c in DETECTOR])
def test_prior_size_detector(sentence: str, priors: list[str], unitless: tuple[float, ...] | None) -> None:
    ms = find_measurements(sentence)
    assert [m.text for m in ms if features.prior_size(sentence, m)] == priors
    found = [features.unitless_prior(sentence, m) for m in ms]
    assert [u for u in found if u is not None] == ([unitless] if unitless else [])


SCREEN = "EXAMINATION: Low-dose CT chest, lung cancer screening\nFINDINGS: "
# (id, findings, expected Lung-RADS category, words in the rationale)
LUNG: list[tuple[str, str, str, str]] = [
    ("unitless prior, +1 mm", N + "has increased from 7 to 8 mm.", "4A", "up 1 mm from 7 mm"),
    ("unitless prior, +2 mm", N + "has increased from 6 to 8 mm.", "4B", "up 2 mm from 6 mm"),
    ("unitless prior, decreased", N + "has decreased from 9 to 7 mm.", "3", "down from 9 mm"),
    (
        "range is not a prior",
        "Multiple solid nodules ranging from 4 mm to 8 mm in both lungs.",
        "4A",
        "(8 mm)",
    ),
    ("image number is not a date", N + "measuring 8 mm on image 1123 of series 4.", "4A", "(8 mm)"),
    ("'prior to' is not the prior", N + "measures 8 mm prior to contrast.", "4A", "(8 mm)"),
    ("dated prior", N + "measures 7 x 6 mm, 5 x 4 mm on 02/2025.", "4A", "up 2 mm from 4.5 mm in 11"),
    ("previously measured", N + "measures 8 mm, previously measured 6 mm.", "4B", "up 2 mm from 6 mm"),
    # the prior written without its unit after today's size takes today's unit
    ("unitless prior after", N + "measuring 8 mm, previously 6.", "4B", "up 2 mm from 6 mm"),
    ("unitless prior in cm", N + "measuring 1.2 cm (previously 0.9).", "4B", "up 3 mm from 9 mm"),
    ("unitless prior, +1 mm after", N + "measuring 8 mm, previously 7.", "4A", "up 1 mm from 7 mm"),
    # every size dated: the latest is today's, the one before it the prior (a year alone gives no interval)
    ("both dated", N + "measures 8 mm on 01/10/2026, compared with 6 mm on 03/10/2025.", "4B",
     "up 2 mm from 6 mm in 10.2 months"),
    ("both dated by year", N + "measures 8 mm in 2026 and 6 mm in 2025.", "4B", "up 2 mm from 6 mm (interval not"),
    ("only a prior", N + "measured 6 mm on 01/2025.", "size not stated", "without a size"),
    # the date the sizes are compared with, said with the growth
    ("grown since a date", N + "has grown since 07/2025, now 8 mm, previously 6 mm.", "4B",
     "up 2 mm from 6 mm in 6"),
    ("grown over a year", N + "has increased compared to the prior exam of March 2024, now 8 mm, previously 6 mm.",
     "4A", "not growth by definition"),
    ("stable since is how long it has not grown", N + "measures 8 mm, unchanged since 07/2025.", "3",
     "stable at >= 3-month follow-up (6 months)"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "body", "cat", "words"), LUNG, ids=[c[0] for c in LUNG])
def test_lung_rads_reads_the_prior_size(case: str, body: str, cat: str, words: str) -> None:
    [r] = assess(SCREEN + body, {"age": 64, "exam_date": "2026-01-15"}, critical=False).guidelines
    assert r.category == cat, r.rationale
    assert words in r.rationale


THYROID = "EXAMINATION: US THYROID\nFINDINGS: Right lobe nodule, solid, hypoechoic, smooth margins, "
# (id, rest of the sentence, today's maximum diameter, FNA)
THY: list[tuple[str, str, float, bool]] = [
    ("dated prior after today's size", "measures 1.4 cm, 1.8 cm on 01/2025.", 14.0, False),
    ("dated prior in parentheses", "measures 1.4 cm (1.8 cm on 01/2025).", 14.0, False),
    ("control: previously", "measures 1.4 cm, previously 1.8 cm.", 14.0, False),
    ("control: today's size only", "measures 1.8 cm.", 18.0, True),
]


@pytest.mark.parametrize(("case", "rest", "size", "fna"), THY, ids=[c[0] for c in THY])
def test_ti_rads_uses_todays_size(case: str, rest: str, size: float, fna: bool) -> None:
    [r] = assess(THYROID + rest, {}, critical=False).guidelines
    assert (r.category, r.findings[0]["max_diameter_mm"], r.biopsy_recommended) == ("TR4", size, fna), (
        r.rationale
    )


LIVER = (
    "EXAMINATION: MRI LIVER\nCLINICAL HISTORY: Cirrhosis.\nFINDINGS: Segment 8 observation with nonrim arterial "
    "phase hyperenhancement "
)
# (id, rest of the sentence, context, LI-RADS category, prior size read)
LIV: list[tuple[str, str, dict[str, Any], str, float | None]] = [
    (
        "dated prior first",
        "measures 1.2 cm on 07/2025, now 2.0 cm.",
        {"exam_date": "2026-01-15"},
        "LR-5",
        12.0,
    ),
    ("dated prior after", "measures 2.0 cm, 1.2 cm on 09/2025.", {"exam_date": "2026-01-15"}, "LR-5", 12.0),
    ("unitless prior", "has increased from 1.2 to 2.0 cm since the MRI 4 months ago.", {}, "LR-5", 12.0),
    ("control: 12 months", "measures 2.0 cm, 1.2 cm on 01/2025.", {"exam_date": "2026-01-15"}, "LR-4", 12.0),
    ("control: no exam date", "measures 2.0 cm, 1.2 cm on 09/2025.", {}, "LR-4", 12.0),
]


@pytest.mark.parametrize(("case", "rest", "ctx", "cat", "prior"), LIV, ids=[c[0] for c in LIV])
def test_li_rads_reads_the_prior_size(
    case: str, rest: str, ctx: dict[str, Any], cat: str, prior: float | None
) -> None:
    [r] = assess(LIVER + rest, ctx, critical=False).guidelines
    assert r.category == cat, r.rationale
    assert r.findings[0].get("size_mm") == 20.0
    assert r.findings[0].get("prior_size_mm") == prior
