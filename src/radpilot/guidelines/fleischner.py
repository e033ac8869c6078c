"""Fleischner Society 2017 recommendations for incidental pulmonary nodules on CT.

Not for lung cancer screening, patients under 35, patients with a known primary cancer or immunosuppression,
an airway (endobronchial) lesion, nor for a lesion of 30 mm or more (a mass): for those the result says so
(category ``not applicable``) instead of a recommendation. Size is the average of the long and short axes rounded
to the nearest millimetre (the table's footnote), so ">8 mm" starts at a rounded 9 mm. The solid component of a
part-solid nodule is sized the same way (mean of its axes, rounded), as Lung-RADS v2022 sizes it by mean diameter.
Multiple nodules: the most suspicious one guides management.
A nodule the report names without a size gives ``size not stated`` (no follow-up; the management asks for the
measurement) rather than nothing or a row that assumes a size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from radpilot.guidelines.model import (
    NOT_APPLICABLE,
    SIZE_NOT_STATED,
    FollowUp,
    GuidelineResult,
    LungNodule,
    PatientContext,
    lesion_dict,
    size_not_stated,
)

NAME = "fleischner"
VERSION = "Fleischner Society 2017"
MIN_AGE = 35
MAX_NODULE_MM = 30  # Fleischner covers nodules < 30 mm; a larger lesion is a mass needing diagnostic work-up

# A nodule named without a size ("small right upper lobe nodule") cannot be put in a row: every row is chosen by
# the rounded mean diameter, and one unmeasured nodule also decides single versus multiple. The result says so and
# asks for the measurement, unless a measured nodule already gets the table's most aggressive advice (tissue
# sampling or PET/CT considered), which no other nodule's size could lower.
_SIZE_NEEDED = (
    "Size not stated; measure the nodule to apply Fleischner 2017: give its long and short axes in mm (their "
    "average, rounded to the nearest millimetre, chooses the row). No follow-up is recommended without it."
)
_COULD_BE = (
    "by its rounded mean diameter it could fall in any size row (solid < 6 mm, 6-8 mm or > 8 mm; subsolid < 6 mm "
    "or >= 6 mm)"
)


@dataclass(slots=True, frozen=True)
class Row:
    category: str
    rank: int  # how suspicious the row is, to pick the most suspicious nodule
    low: tuple[str, FollowUp | None]
    high: tuple[str, FollowUp | None]
    biopsy: bool = False

    @property
    def risk_dependent(self) -> bool:
        return self.low != self.high


def _same(text: str, fu: FollowUp | None) -> tuple[tuple[str, FollowUp | None], tuple[str, FollowUp | None]]:
    return (text, fu), (text, fu)


_CT = "CT"
ROWS: dict[str, Row] = {
    "solid single <6 mm": Row(
        "solid single <6 mm",
        1,
        ("No routine follow-up.", None),
        (
            "Optional CT at 12 months (particularly with suspicious morphology or upper lobe location).",
            FollowUp(_CT, (12, 12)),
        ),
    ),
    "solid single 6-8 mm": Row(
        "solid single 6-8 mm",
        4,
        ("CT at 6-12 months, then consider CT at 18-24 months.", FollowUp(_CT, (6, 12))),
        ("CT at 6-12 months, then CT at 18-24 months.", FollowUp(_CT, (6, 12))),
    ),
    "solid single >8 mm": Row(
        "solid single >8 mm",
        8,
        *_same("Consider CT at 3 months, PET/CT, or tissue sampling.", FollowUp(_CT, (3, 3))),
        biopsy=True,
    ),
    "solid multiple <6 mm": Row(
        "solid multiple <6 mm",
        1,
        ("No routine follow-up.", None),
        ("Optional CT at 12 months.", FollowUp(_CT, (12, 12))),
    ),
    "solid multiple >=6 mm": Row(
        "solid multiple >=6 mm",
        5,
        ("CT at 3-6 months, then consider CT at 18-24 months.", FollowUp(_CT, (3, 6))),
        ("CT at 3-6 months, then CT at 18-24 months.", FollowUp(_CT, (3, 6))),
    ),
    "ground-glass single <6 mm": Row("ground-glass single <6 mm", 0, *_same("No routine follow-up.", None)),
    "ground-glass single >=6 mm": Row(
        "ground-glass single >=6 mm",
        3,
        *_same(
            "CT at 6-12 months to confirm persistence, then CT every 2 years until 5 years.",
            FollowUp(_CT, (6, 12)),
        ),
    ),
    "part-solid single <6 mm": Row("part-solid single <6 mm", 0, *_same("No routine follow-up.", None)),
    "part-solid single >=6 mm": Row(
        "part-solid single >=6 mm",
        6,
        *_same(
            "CT at 3-6 months to confirm persistence; if unchanged and the solid component remains <6 mm, "
            "annual CT for 5 years.",
            FollowUp(_CT, (3, 6)),
        ),
    ),
    "subsolid multiple <6 mm": Row(
        "subsolid multiple <6 mm",
        2,
        *_same("CT at 3-6 months; if stable, consider CT at 2 and 4 years.", FollowUp(_CT, (3, 6))),
    ),
    "subsolid multiple >=6 mm": Row(
        "subsolid multiple >=6 mm",
        6,
        *_same(
            "CT at 3-6 months; subsequent management based on the most suspicious nodule(s).",
            FollowUp(_CT, (3, 6)),
        ),
    ),
    # persistence at follow-up
    "ground-glass persistent >=6 mm": Row(
        "ground-glass persistent >=6 mm",
        3,
        *_same("Persistent: CT every 2 years until 5 years.", FollowUp(_CT, (24, 24))),
    ),
    "part-solid persistent, solid component <6 mm": Row(
        "part-solid persistent, solid component <6 mm",
        6,
        *_same("Persistent and unchanged: annual CT for 5 years.", FollowUp(_CT, (12, 12))),
    ),
    "part-solid persistent, solid component >=6 mm": Row(
        "part-solid persistent, solid component >=6 mm",
        9,
        *_same(
            "Persistent part-solid nodule with a solid component of 6 mm or more: highly suspicious; consider "
            "PET/CT, biopsy or resection.",
            None,
        ),
        biopsy=True,
    ),
    "solid stable >=2 years": Row(
        "solid stable >=2 years", 0, *_same("Stable for 2 years or more: no further follow-up.", None)
    ),
}


def rounded_size(mean_mm: float) -> int:
    """Average diameter rounded to the nearest millimetre (half up)."""
    return math.floor(mean_mm + 0.5)


def exclusion(context: PatientContext) -> str | None:
    """Why Fleischner does not apply to this patient, or None."""
    if context.screening:
        return "the exam is lung cancer screening (use Lung-RADS)"
    if context.age is not None and context.age < MIN_AGE:
        return f"the patient is {context.age}, under {MIN_AGE} years"
    if context.known_cancer:
        return "the patient has a known primary cancer"
    if context.immunosuppressed:
        return "the patient is immunosuppressed"
    return None


def _airway_reason(n: LungNodule) -> str:
    if n.airway == "subsegmental":
        return "a subsegmental airway nodule is not a parenchymal nodule (often mucus; Fleischner does not cover it)"
    return (
        "an airway (endobronchial) lesion is not a parenchymal nodule; Fleischner does not cover it: it needs "
        "work-up (e.g. bronchoscopy)"
    )


def row_for(n: LungNodule, multiple: bool) -> tuple[Row, str]:
    """The table row for one nodule, and how its size was read."""
    mean = n.mean_mm
    if mean is None:
        raise ValueError("Fleischner needs the nodule's size")
    size = rounded_size(mean)
    how = f"mean diameter {mean:g} mm, rounded to {size} mm"
    if n.size_below_mm is not None and size >= n.size_below_mm:
        # a size said as a bound ("sub-6 mm", "<6 mm") is below it, whatever its mean rounds to: the row below the bound
        size = math.ceil(n.size_below_mm) - 1
        how = f"mean diameter {mean:g} mm, stated as below {n.size_below_mm:g} mm: read as {size} mm"
    persistent = n.status in ("stable", "decreased")
    if n.type == "solid":
        months = n.stable_months if n.stable_months is not None else n.interval_months
        if persistent and months is not None and months >= 24:
            return ROWS["solid stable >=2 years"], f"{how}; stable for {months:g} months"
        if multiple:
            return ROWS["solid multiple <6 mm" if size < 6 else "solid multiple >=6 mm"], how
        if size < 6:
            return ROWS["solid single <6 mm"], how
        if size <= 8:
            return ROWS["solid single 6-8 mm"], how
        return ROWS["solid single >8 mm"], how
    if multiple:
        return ROWS["subsolid multiple <6 mm" if size < 6 else "subsolid multiple >=6 mm"], how
    if n.type == "ground-glass":
        if size >= 6 and persistent:
            return ROWS["ground-glass persistent >=6 mm"], how
        return ROWS["ground-glass single <6 mm" if size < 6 else "ground-glass single >=6 mm"], how
    if size >= 6 and persistent:
        sc = n.solid_component_mm
        small = ROWS["part-solid persistent, solid component <6 mm"]
        if sc is None:
            return small, f"{how}; solid component size not stated"
        # the solid component is sized like the nodule: mean of its long and short axes, rounded to the nearest mm
        comp = f"{how}; solid component mean diameter {sc:g} mm, rounded to {rounded_size(sc)} mm"
        if rounded_size(sc) >= 6:
            return ROWS["part-solid persistent, solid component >=6 mm"], comp
        return small, comp
    return ROWS["part-solid single <6 mm" if size < 6 else "part-solid single >=6 mm"], how


def _size_not_stated(
    nodules: Sequence[LungNodule], unsized: Sequence[str], measured: tuple[Row, str, LungNodule, str] | None
) -> GuidelineResult:
    """The result when a nodule's size is missing and no measured nodule already gets the most aggressive row."""
    said = unsized[0]
    rationale = f"Fleischner not applied: a lung nodule without a size; {_COULD_BE} ({said!r})"
    if len(unsized) > 1:
        rationale += f"; {len(unsized)} nodules without a size"
    management = _SIZE_NEEDED
    if measured is not None:
        row, how, n, advice = measured
        where = f" ({n.text!r})" if n.text else ""
        rationale += (
            f"; the measured nodule alone would be row '{row.category}'{where}: {how}, but the unmeasured one may "
            "change the row and whether the nodules are single or multiple"
        )
        management += f" The measured nodule alone would be row '{row.category}': {advice}"
    findings = [lesion_dict(n) for n in nodules]
    findings += [{"text": t, "category": SIZE_NOT_STATED} for t in unsized]
    return size_not_stated(NAME, VERSION, management, rationale + ".", findings)


def categorize(
    nodules: Sequence[LungNodule], context: PatientContext | None = None, unsized: Sequence[str] = ()
) -> GuidelineResult:
    """Fleischner 2017 recommendation for incidental nodules (the most suspicious nodule guides management).

    ``unsized`` are the sentences of lung nodules named without a size: with one, the result is ``size not
    stated`` (it asks for the measurement) unless a measured nodule already gets a tissue-sampling row."""
    context = context or PatientContext()
    sized = [n for n in nodules if n.mean_mm is not None and not n.benign_features and n.airway is None]
    why_not = exclusion(context)
    masses = [n for n in sized if rounded_size(n.mean_mm or 0) >= MAX_NODULE_MM]
    airway = [n for n in nodules if n.airway is not None]
    said = ""
    if why_not is None and airway and not sized and not unsized:
        # the 2017 table covers parenchymal nodules; an endobronchial lesion is not one, and "no follow-up" for it
        # would be wrong
        said = f" ({airway[0].text!r})" if airway[0].text else ""
        why_not = _airway_reason(airway[0])
    if why_not is None and masses:
        big = max(masses, key=lambda n: n.mean_mm or 0)
        said = f" ({big.text!r})" if big.text else ""
        why_not = (
            f"a lesion of {big.mean_mm:g} mm mean diameter is a mass, not a nodule (Fleischner covers nodules "
            f"< {MAX_NODULE_MM} mm); it needs diagnostic work-up"
        )
    if why_not is not None:
        return GuidelineResult(
            name=NAME,
            version=VERSION,
            category=NOT_APPLICABLE,
            follow_up=None,
            biopsy_recommended=False,
            management=f"Fleischner 2017 does not apply: {why_not}. Manage per the clinical context.",
            rationale=f"Not applied because {why_not}{said}.",
            findings=[lesion_dict(n) for n in nodules],
            applicable=False,
        )
    if not sized and unsized:
        return _size_not_stated(nodules, unsized, None)
    if not sized:
        benign = [n for n in nodules if n.benign_features]
        reason = "benign calcification or fat" if benign else "no measurable nodule"
        return GuidelineResult(
            name=NAME,
            version=VERSION,
            category="no follow-up",
            follow_up=None,
            biopsy_recommended=False,
            management="No routine follow-up for nodules with benign features.",
            rationale=f"No Fleischner row applies: {reason}.",
            findings=[lesion_dict(n) for n in nodules],
        )
    # "multiple" is per table: several solid nodules use the multiple-solid rows, several subsolid nodules the
    # multiple-subsolid rows; one ground-glass nodule beside one solid nodule is a single nodule of each kind.
    kinds = {
        kind: sum(1 for n in sized if (n.type == "solid") == (kind == "solid"))
        for kind in ("solid", "subsolid")
    }

    def several(n: LungNodule) -> bool:
        return n.multiple or kinds["solid" if n.type == "solid" else "subsolid"] > 1

    scored = [(row_for(n, several(n)), n) for n in sized]
    (row, how), decisive = max(scored, key=lambda x: (x[0][0].rank, x[1].mean_mm or 0))
    multiple = several(decisive)
    risk = context.risk
    if risk == "low":
        management, follow_up = row.low
        risk_note = "low risk"
    elif risk == "high":
        management, follow_up = row.high
        risk_note = "high risk"
    else:
        management, follow_up = row.high
        risk_note = "risk not given"
        if row.risk_dependent:
            management = (
                f"High risk: {row.high[0]} Low risk: {row.low[0]} "
                "(patient risk not given; the high-risk interval is shown)"
            )
    if unsized and not row.biopsy:
        return _size_not_stated(nodules, unsized, (row, how, decisive, management))
    age_note = "" if context.age is not None else f"; age not given (applies to adults >= {MIN_AGE})"
    where = f" ({decisive.text!r})" if decisive.text else ""
    if multiple:
        count = "multiple nodules, most suspicious shown"
    elif len(sized) > 1:
        count = f"single nodule of its kind ({len(sized)} nodules in all, most suspicious shown)"
    else:
        count = "single nodule"
    rationale = f"Fleischner row '{row.category}'{where}: {how}, {count}, {risk_note}{age_note}."
    if airway:
        rationale = rationale[:-1] + f"; also {_airway_reason(airway[0])} ({airway[0].text!r})."
    findings = [lesion_dict(n) for n in nodules]
    if unsized:
        rationale = rationale[:-1] + (
            f"; also a nodule without a size ({unsized[0]!r}): measure it (this row stands, it is the table's "
            "most aggressive)."
        )
        findings += [{"text": t, "category": SIZE_NOT_STATED} for t in unsized]
    return GuidelineResult(
        name=NAME,
        version=VERSION,
        category=row.category,
        follow_up=follow_up,
        biopsy_recommended=row.biopsy,
        management=management,
        rationale=rationale,
        findings=findings,
    )
