"""ACR TI-RADS (Tessler et al., JACR 2017): points, TR1-TR5, FNA and follow-up size thresholds.

Points: composition + echogenicity + shape + margin + all echogenic foci that apply. A spongiform nodule takes
no further points. Size thresholds compare the maximum diameter with ">=". FNA goes to at most the two
highest-scoring nodules that meet FNA criteria; another nodule that meets them gets follow-up instead, and says why. A feature the report does not
describe scores 0 and is named in the rationale, so an under-described nodule is never silently upgraded.
A total of 1 point, which the chart leaves undefined, is read as TR2 (the more cautious level; TR1 and TR2 both
need neither FNA nor follow-up).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from radpilot.guidelines.model import FollowUp, GuidelineResult, ThyroidNodule, lesion_dict

NAME = "ti-rads"
VERSION = "ACR TI-RADS 2017"
MAX_REPORTED = 4  # score and report at most the four highest-scoring nodules
MAX_FNA = 2  # biopsy at most the two highest-scoring nodules that meet FNA criteria

COMPOSITION = {"cystic": 0, "spongiform": 0, "mixed": 1, "solid": 2, "indeterminate": 2}
ECHOGENICITY = {
    "anechoic": 0,
    "hyperechoic": 1,
    "isoechoic": 1,
    "hypoechoic": 2,
    "very-hypoechoic": 3,
    "indeterminate": 1,
}
SHAPE = {"wider-than-tall": 0, "taller-than-wide": 3}
MARGIN = {"smooth": 0, "ill-defined": 0, "lobulated": 2, "irregular": 2, "extrathyroidal-extension": 3}
FOCI = {"none": 0, "comet-tail": 0, "macrocalcification": 1, "peripheral": 2, "punctate": 3}

# level -> (FNA if max diameter >= mm, follow-up if >= mm, follow-up schedule in years)
THRESHOLDS: dict[str, tuple[float, float, str]] = {
    "TR3": (25.0, 15.0, "at 1, 3 and 5 years"),
    "TR4": (15.0, 10.0, "at 1, 2, 3 and 5 years"),
    "TR5": (10.0, 5.0, "annually for up to 5 years"),
}
DESCRIPTOR = {
    "TR1": "benign",
    "TR2": "not suspicious",
    "TR3": "mildly suspicious",
    "TR4": "moderately suspicious",
    "TR5": "highly suspicious",
}


@dataclass(slots=True, frozen=True)
class Score:
    points: int
    level: str
    parts: tuple[str, ...]
    missing: tuple[str, ...]


def level_for(points: int) -> str:
    if points == 0:
        return "TR1"
    if points <= 2:
        return "TR2"
    if points == 3:
        return "TR3"
    if points <= 6:
        return "TR4"
    return "TR5"


def score(n: ThyroidNodule) -> Score:
    parts: list[str] = []
    missing: list[str] = []
    total = 0
    if n.composition is None:
        missing.append("composition")
    else:
        total += COMPOSITION[n.composition]
        parts.append(f"composition {n.composition} {COMPOSITION[n.composition]}")
    if n.composition == "spongiform":
        return Score(0, "TR1", (*parts, "spongiform: no further points"), ())
    for label, value, table in (
        ("echogenicity", n.echogenicity, ECHOGENICITY),
        ("shape", n.shape, SHAPE),
        ("margin", n.margin, MARGIN),
    ):
        if value is None:
            missing.append(label)
        else:
            total += table[value]
            parts.append(f"{label} {value} {table[value]}")
    foci = n.echogenic_foci or ()
    for focus in foci:
        total += FOCI[focus]
        parts.append(f"echogenic foci {focus} {FOCI[focus]}")
    if not foci:
        parts.append("echogenic foci none 0")
    return Score(total, level_for(total), tuple(parts), tuple(missing))


def level_of(n: ThyroidNodule) -> tuple[str, str]:
    """The nodule's level and, when it is not the scored one, why: a level the report states stands where the
    features it describes score lower only because some are not described ("0.4 cm nodule, TR3": TR3, not the TR1 of
    no features); a stated level that the described features contradict gives way to the score, and says so."""
    s = score(n)
    if n.stated is None or n.stated == s.level:
        return s.level, ""
    if s.missing and n.stated > s.level:
        return n.stated, (
            f"{n.stated} as stated in the report (the described features score {s.level}, "
            f"but {', '.join(s.missing)} not described)"
        )
    return s.level, f"the report states {n.stated}, but the described features score {s.level}"


def assess_nodule(n: ThyroidNodule, fna_allowed: bool = True) -> GuidelineResult:
    """The nodule's level and management; ``fna_allowed=False`` when two higher-scoring nodules already need FNA."""
    s = score(n)
    size = n.max_diameter_mm
    level, why = level_of(n)
    follow_up: FollowUp | None = None
    biopsy = False
    if level in THRESHOLDS:
        fna_mm, fu_mm, schedule = THRESHOLDS[level]
        if size is None:
            management = (
                f"{level}: FNA if >= {fna_mm / 10:g} cm; follow-up if >= {fu_mm / 10:g} cm "
                "(maximum diameter not stated)."
            )
            rule = f"{level} ({s.points} points), size not stated"
        elif size >= fna_mm and not fna_allowed:
            follow_up = FollowUp("US", (12, 12))
            management = (
                f"Ultrasound follow-up {schedule} ({level}, maximum diameter >= {fna_mm / 10:g} cm meets the FNA size, "
                f"but FNA is limited to the {MAX_FNA} highest-scoring nodules that meet FNA criteria)."
            )
            rule = (
                f"{level} FNA threshold >= {fna_mm / 10:g} cm (nodule {size / 10:g} cm), but at most {MAX_FNA} "
                f"nodules are biopsied (the highest-scoring), so follow-up threshold >= {fu_mm / 10:g} cm"
            )
        elif size >= fna_mm:
            biopsy = True
            management = f"FNA: {level} nodule with maximum diameter >= {fna_mm / 10:g} cm."
            rule = f"{level} FNA threshold >= {fna_mm / 10:g} cm (nodule {size / 10:g} cm)"
        elif size >= fu_mm:
            follow_up = FollowUp("US", (12, 12))
            management = f"Ultrasound follow-up {schedule} ({level}, maximum diameter >= {fu_mm / 10:g} cm)."
            rule = f"{level} follow-up threshold >= {fu_mm / 10:g} cm, below FNA {fna_mm / 10:g} cm (nodule {size / 10:g} cm)"
        else:
            management = f"No FNA or follow-up: {level} nodule below {fu_mm / 10:g} cm."
            rule = f"{level} below the follow-up threshold {fu_mm / 10:g} cm (nodule {size / 10:g} cm)"
    else:
        management = f"No FNA: {level} ({DESCRIPTOR[level]})."
        rule = f"{level} ({s.points} points): no FNA"
    where = f" ({n.text!r})" if n.text else (f" in the {n.location}" if n.location else "")
    rationale = (
        f"TI-RADS {level} ({DESCRIPTOR[level]}), {s.points} points{where}: {', '.join(s.parts)}; rule: {rule}"
    )
    if s.missing:
        rationale += f"; not described (0 points): {', '.join(s.missing)}"
    if why:
        rationale += f"; {why}"
    findings = [dict(lesion_dict(n), points=s.points)]
    return GuidelineResult(
        name=NAME,
        version=VERSION,
        category=level,
        follow_up=follow_up,
        biopsy_recommended=biopsy,
        management=management,
        rationale=rationale + ".",
        findings=findings,
    )


def categorize(nodules: Sequence[ThyroidNodule]) -> list[GuidelineResult]:
    """One result per nodule, for at most the four highest-scoring nodules (largest first on ties); FNA for at most
    the two highest-scoring nodules that meet FNA criteria."""
    ranked = sorted(
        nodules, key=lambda n: (level_of(n)[0], score(n).points, n.max_diameter_mm or 0), reverse=True
    )
    out: list[GuidelineResult] = []
    for n in ranked[:MAX_REPORTED]:
        r = assess_nodule(n, fna_allowed=sum(x.biopsy_recommended for x in out) < MAX_FNA)
        out.append(r)
    return out
