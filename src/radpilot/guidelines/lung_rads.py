"""ACR Lung-RADS v2022 (lung cancer screening CT): per-nodule category, exam category, S modifier.

Sizes are mean diameters ((long + short axis) / 2, to 0.1 mm). Growth is an increase in mean diameter of more
than 1.5 mm within 12 months. The exam category is the most suspicious finding's. Each category names the rule
row that decided it, so a radiologist can check the reasoning in one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from radpilot.guidelines.model import (
    SIZE_NOT_STATED,
    FollowUp,
    GuidelineResult,
    LungNodule,
    PatientContext,
    fmt_mm,
    lesion_dict,
    size_not_stated,
)

NAME = "lung-rads"
VERSION = "Lung-RADS v2022"
GROWTH_MM = 1.5  # strictly greater than, within 12 months
GROWTH_WINDOW_MONTHS = 12.0

# Exam-level order: the most suspicious finding decides. 0 (incomplete / infectious) outranks the negative
# categories but never hides a 3 or 4 nodule.
RANK = {"1": 0, "2": 1, "0": 2, "3": 3, "4A": 4, "4B": 5, "4X": 6}

# A nodule described without a size cannot be categorized: category 1 ("no nodules") would be false, and a
# category by the smallest possible size could hide a 4A. When nothing else reaches 3, the result says so and asks
# for the size; beside a 0, 3 or 4 finding, that category stands and the rationale names the unsized nodule.
_SUBCENTIMETRE_RE = re.compile(r"\bsub-?\s?centimet\w*|<\s*1\s*cm\b|\bless\s+than\s+(?:1|one)\s+cm\b", re.I)

MANAGEMENT: dict[str, tuple[str, FollowUp | None, bool]] = {
    "0": (
        "Additional lung cancer screening CT images and/or comparison to prior chest CT examinations are needed; "
        "for findings suggesting infection or inflammation, LDCT in 1-3 months.",
        FollowUp("LDCT", (1, 3)),
        False,
    ),
    "1": ("Continue annual screening with LDCT in 12 months.", FollowUp("LDCT", (12, 12)), False),
    "2": ("Continue annual screening with LDCT in 12 months.", FollowUp("LDCT", (12, 12)), False),
    "3": ("6-month LDCT.", FollowUp("LDCT", (6, 6)), False),
    "4A": (
        "3-month LDCT; PET/CT may be considered if there is a solid nodule or solid component of 8 mm or more.",
        FollowUp("LDCT", (3, 3)),
        False,
    ),
    "4B": (
        "Referral for further clinical evaluation: diagnostic chest CT with or without contrast, PET/CT if there "
        "is a solid nodule or solid component of 8 mm or more, and/or tissue sampling, depending on the "
        "probability of malignancy and comorbidities.",
        None,
        True,
    ),
    "4X": (
        "Referral for further clinical evaluation: diagnostic chest CT with or without contrast, PET/CT if there "
        "is a solid nodule or solid component of 8 mm or more, and/or tissue sampling, depending on the "
        "probability of malignancy and comorbidities.",
        None,
        True,
    ),
}


@dataclass(slots=True, frozen=True)
class NoduleCategory:
    category: str
    rule: str  # the rule row, in the guideline's words


@dataclass(slots=True, frozen=True)
class ExamFindings:
    """Exam-level facts beside the nodules."""

    incomplete: str | None = None  # why the exam is incomplete (lungs not evaluable, prior being located)
    infectious: str | None = None  # finding suggesting infection/inflammation (e.g. lobar consolidation)
    significant_other: tuple[str, ...] = ()  # findings for the S modifier
    unsized: tuple[str, ...] = ()  # sentences naming a lung nodule without its size


def _status(n: LungNodule) -> tuple[str, str]:
    """The nodule's status vs the prior, deciding growth from sizes when they are given."""
    mean = n.mean_mm
    if n.prior_mean_mm is not None and mean is not None and n.status not in ("new",):
        delta = round(mean - n.prior_mean_mm, 1)
        if delta > GROWTH_MM:
            if n.interval_months is None:
                return (
                    "growing",
                    f"mean diameter up {delta:g} mm from {n.prior_mean_mm:g} mm (interval not stated)",
                )
            if n.interval_months <= GROWTH_WINDOW_MONTHS:
                return "growing", (
                    f"mean diameter up {delta:g} mm from {n.prior_mean_mm:g} mm in {n.interval_months:g} months"
                )
            hint = "" if n.type == "ground-glass" else " (growth over multiple screens would be 4B)"
            return "enlarging", (
                f"mean diameter up {delta:g} mm over {n.interval_months:g} months (not growth by definition: "
                f"more than {GROWTH_WINDOW_MONTHS:g} months); reclassified by size{hint}"
            )
        if delta < 0:
            return "decreased", f"mean diameter down from {n.prior_mean_mm:g} mm"
        if delta > 0 and n.type != "ground-glass" and _higher_band(n, mean, n.prior_mean_mm):
            # v2022: size thresholds apply whenever a nodule enlarges into a higher size band, even without growth
            # by definition; it is not "stable" (no stepped management down)
            return "enlarging", (
                f"mean diameter up {delta:g} mm from {n.prior_mean_mm:g} mm (not growth: not more than "
                f"{GROWTH_MM:g} mm), into a higher size band; reclassified by size"
            )
        return "stable", f"mean diameter change {delta:+g} mm (not more than {GROWTH_MM:g} mm)"
    return n.status, n.status


def _higher_band(n: LungNodule, mean: float, prior: float) -> bool:
    """Whether a solid or part-solid nodule's size band (its baseline category by size) rose since the prior."""
    if n.type == "part-solid":
        sc = n.solid_component_mm
        prior_sc = n.prior_solid_component_mm if n.prior_solid_component_mm is not None else sc
        now, then = _part_solid_baseline(mean, sc), _part_solid_baseline(prior, prior_sc)
    else:
        now, then = _solid_baseline(mean), _solid_baseline(prior)
    return RANK[now.category] > RANK[then.category]


def categorize_nodule(n: LungNodule) -> NoduleCategory:
    """Lung-RADS v2022 category of one nodule, with the rule row that decided it."""
    if n.benign_features:
        what = "benign calcification" if n.calcification == "benign" else "fat-containing nodule"
        return NoduleCategory("1", f"1: {what}")
    if n.cyst is not None:
        return _cyst(n)
    if n.airway is not None:
        return _airway(n)
    if n.slow_growth and n.type != "ground-glass":
        # v2022 4B: a slow-growing solid or part-solid nodule growing over multiple screens, never "stable"
        base = NoduleCategory(
            "4B",
            f"4B: slow-growing {n.type} nodule, growing over multiple screening exams ({fmt_mm(n.mean_mm)})",
        )
        status = why = "growing"
    else:
        status, why = _status(n)
        base = _by_type(n, status)
    if base.category in ("3", "4A", "4B") and "spiculated" in n.morphology:
        return NoduleCategory("4X", f"4X: category {base.category} ({base.rule}) with spiculation")
    if why != status:
        return NoduleCategory(base.category, f"{base.rule}; {why}")
    return base


def _by_type(n: LungNodule, status: str) -> NoduleCategory:
    d = n.mean_mm
    assert d is not None  # validated: parenchymal nodules carry a size
    if n.type == "ground-glass":
        return _ground_glass(d, status)
    if n.type == "part-solid":
        return _part_solid(n, d, status)
    return _solid(n, d, status)


def _juxtapleural_benign(n: LungNodule, d: float) -> bool:
    shape = {"lentiform", "oval", "triangular"}
    typical = n.perifissural or ("smooth" in n.morphology and bool(shape & set(n.morphology)))
    atypical = bool({"spiculated", "irregular", "lobulated"} & set(n.morphology))
    return (n.juxtapleural or n.perifissural) and typical and not atypical and d < 10.0


def _solid(n: LungNodule, d: float, status: str) -> NoduleCategory:
    s = fmt_mm(d)
    if status in ("baseline", "new") and _juxtapleural_benign(n, d):
        return NoduleCategory(
            "2", f"2: juxtapleural solid nodule, smooth, oval/lentiform/triangular, < 10 mm ({s})"
        )
    if status == "new":
        if d < 4:
            return NoduleCategory("2", f"2: new solid nodule < 4 mm ({s})")
        if d < 6:
            return NoduleCategory("3", f"3: new solid nodule 4 to < 6 mm ({s})")
        if d < 8:
            return NoduleCategory("4A", f"4A: new solid nodule 6 to < 8 mm ({s})")
        return NoduleCategory("4B", f"4B: new solid nodule >= 8 mm ({s})")
    if status == "growing":
        if d < 8:
            return NoduleCategory("4A", f"4A: growing solid nodule < 8 mm ({s})")
        return NoduleCategory("4B", f"4B: growing solid nodule >= 8 mm ({s})")
    cat = _solid_baseline(d)
    if status in ("stable", "decreased"):
        return _stepped(n, cat, f"solid nodule {s}", status)
    return cat


def _solid_baseline(d: float) -> NoduleCategory:
    s = fmt_mm(d)
    if d < 6:
        return NoduleCategory("2", f"2: solid nodule < 6 mm ({s})")
    if d < 8:
        return NoduleCategory("3", f"3: solid nodule >= 6 to < 8 mm ({s})")
    if d < 15:
        return NoduleCategory("4A", f"4A: solid nodule >= 8 to < 15 mm ({s})")
    return NoduleCategory("4B", f"4B: solid nodule >= 15 mm ({s})")


# a follow-up done a little early is still that follow-up: the 6-month LDCT of 181 days (5.9 months) steps down
FOLLOW_UP_GRACE_MONTHS = 0.5


def _stepped(n: LungNodule, size_cat: NoduleCategory, what: str, status: str) -> NoduleCategory:
    """Stepped management for nodules stable or decreased at follow-up (v2022; a follow-up counts from
    FOLLOW_UP_GRACE_MONTHS before its interval)."""
    months = n.stable_months if n.stable_months is not None else n.interval_months
    grace = FOLLOW_UP_GRACE_MONTHS
    cat = size_cat.category
    if cat == "2":
        return NoduleCategory("2", f"2: {status} {what} (size band of category 2)")
    if months is None:
        return NoduleCategory(
            cat,
            f"{size_cat.rule}; {status} but the interval is not stated, so stepped management is not applied "
            "(give prior_date or 'stable since')",
        )

    def when(interval: int) -> str:
        return f"{months:g} months" + (", within the half-month grace" if months < interval else "")

    if cat == "3" and months >= 6 - grace:
        return NoduleCategory("2", f"2: category 3 {what} {status} at >= 6-month follow-up ({when(6)})")
    if cat == "4A" and months >= 9 - grace:
        return NoduleCategory(
            "2", f"2: category 4A {what} {status} at 3-month and then 6-month follow-up ({when(9)})"
        )
    if cat == "4A" and months >= 3 - grace:
        return NoduleCategory("3", f"3: category 4A {what} {status} at >= 3-month follow-up ({when(3)})")
    if cat == "4B":
        return NoduleCategory(
            "4B",
            f"{size_cat.rule}; {status} for {months:g} months, but 4B is downgraded only when proven benign",
        )
    return NoduleCategory(cat, f"{size_cat.rule}; {status} for only {months:g} months")


def _part_solid(n: LungNodule, d: float, status: str) -> NoduleCategory:
    s = fmt_mm(d)
    sc = n.solid_component_mm
    if status == "new":
        if d < 6:
            return NoduleCategory("3", f"3: new part-solid nodule < 6 mm total ({s})")
        if sc is None:
            return NoduleCategory(
                "4A", f"4A: new part-solid nodule >= 6 mm ({s}), solid component size not stated"
            )
        if sc < 4:
            return NoduleCategory(
                "4A", f"4A: part-solid nodule with a new solid component < 4 mm ({fmt_mm(sc)})"
            )
        return NoduleCategory(
            "4B", f"4B: part-solid nodule with a new solid component >= 4 mm ({fmt_mm(sc)})"
        )
    prior_sc = n.prior_solid_component_mm
    if status == "growing" and sc is not None and prior_sc is not None and sc - prior_sc > GROWTH_MM:
        if sc < 4:
            return NoduleCategory(
                "4A", f"4A: part-solid nodule with a growing solid component < 4 mm ({sc:g} mm)"
            )
        return NoduleCategory(
            "4B", f"4B: part-solid nodule with a growing solid component >= 4 mm ({sc:g} mm)"
        )
    cat = _part_solid_baseline(d, sc)
    if status in ("stable", "decreased"):
        return _stepped(n, cat, f"part-solid nodule {s}", status)
    if status == "growing":
        return NoduleCategory(cat.category, f"{cat.rule}; growing, reclassified by size")
    return cat


def _part_solid_baseline(d: float, sc: float | None) -> NoduleCategory:
    s = fmt_mm(d)
    if d < 6:
        return NoduleCategory("2", f"2: part-solid nodule < 6 mm total at baseline ({s})")
    if sc is None:
        return NoduleCategory(
            "3", f"3: part-solid nodule >= 6 mm total ({s}); solid component size not stated (assumed < 6 mm)"
        )
    if sc < 6:
        return NoduleCategory(
            "3", f"3: part-solid nodule >= 6 mm total with solid component < 6 mm ({sc:g} mm)"
        )
    if sc < 8:
        return NoduleCategory("4A", f"4A: part-solid nodule with solid component >= 6 to < 8 mm ({sc:g} mm)")
    return NoduleCategory("4B", f"4B: part-solid nodule with solid component >= 8 mm ({sc:g} mm)")


def _ground_glass(d: float, status: str) -> NoduleCategory:
    s = fmt_mm(d)
    if d < 30:
        return NoduleCategory("2", f"2: non-solid (ground-glass) nodule < 30 mm ({s})")
    if status in ("stable", "decreased", "enlarging"):
        word = "slowly growing" if status == "enlarging" else status
        return NoduleCategory("2", f"2: non-solid nodule >= 30 mm, {word} ({s})")
    if status == "growing":
        return NoduleCategory("3", f"3: non-solid nodule >= 30 mm, growing ({s})")
    return NoduleCategory("3", f"3: non-solid nodule >= 30 mm at baseline or new ({s})")


def _airway(n: LungNodule) -> NoduleCategory:
    if n.airway == "subsegmental":
        return NoduleCategory("2", "2: subsegmental airway nodule")
    if n.status in ("stable", "growing"):
        return NoduleCategory("4B", f"4B: segmental or more proximal airway nodule, {n.status} at follow-up")
    return NoduleCategory("4A", "4A: segmental or more proximal airway nodule")


def _cyst(n: LungNodule) -> NoduleCategory:
    table = {
        "growing-cystic-component": (
            "3",
            "3: atypical cyst, growing cystic component of a thick-walled cyst",
        ),
        "thick-walled": ("4A", "4A: atypical cyst, thick-walled"),
        "multilocular": ("4A", "4A: atypical cyst, multilocular"),
        "growing-wall": ("4B", "4B: atypical cyst with growing wall thickness or nodularity"),
    }
    cat, rule = table[n.cyst or "thick-walled"]
    if n.cyst == "multilocular" and n.status == "growing":
        cat, rule = "4B", "4B: growing multilocular cyst"
    return NoduleCategory(cat, rule)


def _size_not_stated(nodules: Sequence[LungNodule], exam: ExamFindings) -> GuidelineResult:
    """The result for an exam whose most suspicious finding may be a nodule described without a size."""
    said = exam.unsized[0]
    could = "2, 3 or 4A (< 10 mm)" if _SUBCENTIMETRE_RE.search(said) else "2, 3, 4A or 4B"
    rule = f"a lung nodule without a size; by its mean diameter it would be category {could}"
    management = (
        "Lung-RADS needs the nodule's size: give its long and short axes in mm (mean diameter) to assign the "
        "category and follow-up. Category 1 (no nodules) does not apply."
    )
    modifiers = ["S"] if exam.significant_other else []
    if modifiers:
        management += f" S: also report and manage {', '.join(exam.significant_other)}."
    rationale = f"Lung-RADS not assigned: {rule} ({said!r})"
    if len(exam.unsized) > 1:
        rationale += f"; {len(exam.unsized)} nodules without a size"
    if nodules:
        rationale += f"; {len(nodules)} other finding(s) below category 3"
    if modifiers:
        rationale += f"; S modifier for {', '.join(exam.significant_other)}"
    findings = [dict(lesion_dict(n), category=categorize_nodule(n).category) for n in nodules]
    findings += [{"text": t, "category": SIZE_NOT_STATED, "rule": rule} for t in exam.unsized]
    return size_not_stated(NAME, VERSION, management, rationale + ".", findings, modifiers)


def categorize(
    nodules: Sequence[LungNodule],
    context: PatientContext | None = None,
    exam: ExamFindings | None = None,
) -> GuidelineResult:
    """Lung-RADS exam category from structured nodules (the most suspicious finding decides)."""
    exam = exam or ExamFindings()
    rows: list[tuple[str, str, LungNodule | None]] = []
    for n in nodules:
        nc = categorize_nodule(n)
        rows.append((nc.category, nc.rule, n))
    if exam.incomplete:
        rows.append(("0", f"0: {exam.incomplete}", None))
    if exam.infectious:
        rows.append(
            ("0", f"0: findings suggesting an infectious or inflammatory process ({exam.infectious})", None)
        )
    if not rows:
        rows.append(("1", "1: no lung nodules", None))
    if exam.unsized and all(RANK[r[0]] < RANK["0"] for r in rows):
        return _size_not_stated(nodules, exam)
    cat, rule, decisive = max(rows, key=lambda r: RANK[r[0]])
    management, follow_up, biopsy = MANAGEMENT[cat]
    if decisive is not None and decisive.airway and cat == "4B":
        management += " Bronchoscopy may be considered for a persistent airway nodule."
    modifiers = ["S"] if exam.significant_other else []
    if modifiers:
        management += f" S: also report and manage {', '.join(exam.significant_other)}."
    where = ""
    if decisive is not None:
        where = (
            f" ({decisive.text!r})"
            if decisive.text
            else (f" in the {decisive.location}" if decisive.location else "")
        )
    others = len(rows) - 1
    rationale = f"Lung-RADS {cat} by rule '{rule}'{where}" + (
        f"; most suspicious of {len(rows)} findings" if others else ""
    )
    if modifiers:
        rationale += f"; S modifier for {', '.join(exam.significant_other)}"
    if exam.unsized:
        rationale += (
            f"; also a nodule without a size ({exam.unsized[0]!r}): measure it, it may raise the category"
        )
    findings = [dict(lesion_dict(n), category=c, rule=r) for c, r, n in rows if n is not None]
    return GuidelineResult(
        name=NAME,
        version=VERSION,
        category=cat,
        follow_up=follow_up,
        biopsy_recommended=biopsy,
        management=management,
        rationale=rationale + ".",
        findings=findings,
        modifiers=modifiers,
    )
