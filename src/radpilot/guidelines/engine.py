"""Report text + context -> profile -> guideline results and critical results.

``assess(text, context, profile)`` is what ``radpilot assess`` and the service call. Each guideline reads the
lesion features it needs from the report once (``ReportDoc`` caches them), so running five guidelines costs
little more than running one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from radpilot.guidelines import bi_rads, features, fleischner, li_rads, lung_rads, ti_rads
from radpilot.guidelines.critical import CriticalResult, CriticalRules, critical_results
from radpilot.guidelines.model import (
    BiRadsStatement,
    GuidelineInputError,
    GuidelineResult,
    LiverObservation,
    LungNodule,
    PatientContext,
    ProfileError,
    ThyroidNodule,
)
from radpilot.guidelines.profiles import Profile, default_profiles, get_profile, select_profile
from radpilot.report import Report, parse_report


@dataclass
class ReportDoc:
    """One report being assessed: its parse, context and lazily read lesion features."""

    report: Report
    context: PatientContext  # as given
    profile: Profile | None = None
    today: dt.date = field(default_factory=dt.date.today)

    @cached_property
    def text_context(self) -> features.TextContext:
        return features.text_context(self.report, self.context)

    @cached_property
    def effective(self) -> PatientContext:
        ctx = self.context
        if self.profile is not None and self.profile.spec.context_defaults:
            unset = {k: v for k, v in self.profile.spec.context_defaults.items() if getattr(ctx, k) is None}
            if unset:
                ctx = PatientContext.parse({**ctx.model_dump(exclude_none=True), **unset})
        return features.effective_context(ctx, self.text_context)

    @cached_property
    def interval(self) -> float | None:
        return features.report_interval(self.report, self.effective)

    @cached_property
    def lung_reading(self) -> tuple[list[LungNodule], tuple[str, ...]]:
        return features.lung_nodule_reading(self.report, self.effective, self.today)

    @cached_property
    def lung_nodules(self) -> list[LungNodule]:
        return self.lung_reading[0]

    @cached_property
    def thyroid_nodules(self) -> list[ThyroidNodule]:
        return features.thyroid_nodules(self.report)

    @cached_property
    def liver_observations(self) -> list[LiverObservation]:
        return features.liver_observations(self.report, self.interval, self.effective.exam_date)

    @cached_property
    def birads(self) -> list[BiRadsStatement]:
        return features.birads_statements(self.report)


def _lung_rads(doc: ReportDoc) -> list[GuidelineResult]:
    s_patterns = doc.profile.s_patterns() if doc.profile is not None else []
    exam = features.lung_exam_findings(doc.report, s_patterns)
    if doc.lung_reading[1]:
        exam = dataclasses.replace(exam, unsized=doc.lung_reading[1])
    return [lung_rads.categorize(doc.lung_nodules, doc.effective, exam)]


def _fleischner(doc: ReportDoc) -> list[GuidelineResult]:
    unsized = doc.lung_reading[1]
    if not doc.lung_nodules and not unsized:
        return []
    result = fleischner.categorize(doc.lung_nodules, doc.effective, unsized)
    if not result.applicable:
        tc = doc.text_context
        said = [
            f"{what}: {words!r}"
            for what, words, given in (
                ("age", tc.age_words, doc.context.age),
                ("screening", tc.screening, doc.context.screening),
                ("known cancer", tc.known_cancer, doc.context.known_cancer),
                ("immunosuppression", tc.immunosuppressed, doc.context.immunosuppressed),
            )
            if words and given is None
        ]
        if said:
            result.rationale = result.rationale[:-1] + f" (from the report: {'; '.join(said)})."
    elif doc.effective.risk is None and doc.text_context.risk_factor:
        result.rationale = (
            result.rationale[:-1] + f"; the history names a risk factor: {doc.text_context.risk_factor}."
        )
    if result.applicable and doc.context.age is None and doc.text_context.age_words:
        result.rationale = result.rationale[:-1] + f"; age from the report: {doc.text_context.age_words!r}."
    return [result]


def _ti_rads(doc: ReportDoc) -> list[GuidelineResult]:
    return ti_rads.categorize(doc.thyroid_nodules) if doc.thyroid_nodules else []


def _li_rads(doc: ReportDoc) -> list[GuidelineResult]:
    if not doc.liver_observations:
        return []
    reason = None
    if doc.effective.hcc_risk:
        words = doc.text_context.hcc_risk
        reason = (
            f"the report says {words!r}" if words and doc.context.hcc_risk is None else "context hcc_risk"
        )
    return li_rads.categorize(doc.liver_observations, doc.effective, at_risk=reason)


def _bi_rads(doc: ReportDoc) -> list[GuidelineResult]:
    result = bi_rads.categorize(doc.birads)
    return [result] if result is not None else []


@dataclass(frozen=True, slots=True)
class GuidelineSpec:
    name: str
    version: str
    title: str
    from_text: Callable[[ReportDoc], list[GuidelineResult]]


REGISTRY: dict[str, GuidelineSpec] = {
    s.name: s
    for s in (
        GuidelineSpec(lung_rads.NAME, lung_rads.VERSION, "Lung cancer screening CT", _lung_rads),
        GuidelineSpec(fleischner.NAME, fleischner.VERSION, "Incidental pulmonary nodules", _fleischner),
        GuidelineSpec(ti_rads.NAME, ti_rads.VERSION, "Thyroid nodules on ultrasound", _ti_rads),
        GuidelineSpec(
            li_rads.NAME, li_rads.VERSION, "Liver observations in patients at risk for HCC", _li_rads
        ),
        GuidelineSpec(bi_rads.NAME, bi_rads.VERSION, "Breast imaging assessment", _bi_rads),
    )
}


def get_guideline(name: str) -> GuidelineSpec:
    if name not in REGISTRY:
        raise ProfileError(f"unknown guideline '{name}' (known: {', '.join(REGISTRY)})")
    return REGISTRY[name]


@dataclass(slots=True)
class Assessment:
    profile: str | None
    profile_reason: str
    guidelines: list[GuidelineResult]
    critical: list[CriticalResult]
    recommendations: list[str]
    observations: list[str]

    def to_dict(self, report_id: Any = None) -> dict[str, Any]:
        return {
            "id": report_id,
            "profile": self.profile,
            "guidelines": [g.to_dict() for g in self.guidelines],
            "critical": [c.to_dict() for c in self.critical],
            "recommendations": self.recommendations,
            "observations": self.observations,
            "profile_reason": self.profile_reason,
        }


def _recommendation(profile: Profile | None, r: GuidelineResult) -> str:
    template = profile.spec.recommendation.get(r.name) if profile is not None else None
    fu = (
        f"{r.follow_up.modality} in {r.follow_up.interval_months[0]:g}-{r.follow_up.interval_months[1]:g} months"
        if r.follow_up
        else ""
    )
    fields = {
        "name": r.name,
        "version": r.version,
        "category": r.category,
        "management": r.management,
        "modifiers": "".join(r.modifiers),
        "follow_up": fu,
    }
    return (template or "{name} {category}: {management}").format(**fields)


# Lung-RADS 4B and 4X mean a probability of malignancy above 15%: a suspected malignancy, which the ACR practice
# parameter on communication asks to be communicated (category 3, within days) even when the wording of the report
# ("part-solid nodule ... with a 9 mm solid component") names no new or growing finding.
_SUSPICIOUS_LUNG_RADS = frozenset({"4B", "4X"})
_NODULE_CODES = frozenset(
    {"nodule", "solid_nodule", "part_solid_nodule", "ground_glass_nodule", "subsolid_nodule", "mass"}
)


def _suspicious_nodules(
    results: list[GuidelineResult], crit: list[CriticalResult], text: str
) -> list[CriticalResult]:
    if any(c.code in _NODULE_CODES for c in crit):
        return []  # the nodule is flagged already
    for r in results:
        if r.name != "lung-rads" or not r.applicable or r.category.rstrip("S") not in _SUSPICIOUS_LUNG_RADS:
            continue
        f = r.findings[0] if r.findings else {}
        span = f.get("span") or (0, 0)
        start, end = int(span[0]), int(span[1])
        sentence = str(f.get("text") or text[start:end])
        label = f"Lung-RADS {r.category.rstrip('S')}: suspicious for malignancy (probability above 15%)"
        return [CriticalResult("nodule", "yellow", sentence, (start, end), label, sentence)]
    return []


def assess(
    text: str,
    context: PatientContext | dict[str, Any] | None = None,
    profile: str | None = None,
    *,
    guidelines: list[str] | None = None,
    critical: bool | None = None,
    critical_rules: CriticalRules | None = None,
    structured: Any = None,
    today: dt.date | None = None,
) -> Assessment:
    """Assess one report. ``profile`` (or ``context['profile']``) picks the profile; otherwise the exam and
    indication choose one. ``guidelines`` overrides the profile's list. Raises ``GuidelineInputError`` (a
    ``ValueError``) for bad context, an unknown profile or contradictory sizes."""
    if not isinstance(text, str):
        raise GuidelineInputError(f"text: expected a string, got {type(text).__name__}")
    ctx = context if isinstance(context, PatientContext) else PatientContext.parse(context)
    # A report structured from this very text carries its parse: reuse it rather than parse the text again.
    parsed = getattr(structured, "report", None)
    report = parsed if isinstance(parsed, Report) and parsed.text == text else parse_report(text)
    name = profile or ctx.profile
    chosen: Profile | None
    if name:
        chosen = get_profile(name, default_profiles())
        reason = "profile requested" if profile else "context.profile"
    else:
        doc0 = ReportDoc(report, ctx)
        tc = doc0.text_context
        # the findings may say the exam is screening ("Baseline lung cancer screening examination.")
        said = tc.screening if tc.screening and tc.screening not in f"{tc.exam} {tc.indication}" else ""
        chosen, reason = select_profile(f"{tc.exam} {said}".strip(), tc.indication, ctx)
    doc = ReportDoc(report, ctx, chosen, today or dt.date.today())
    names = guidelines if guidelines is not None else (list(chosen.spec.guidelines) if chosen else [])
    results: list[GuidelineResult] = []
    for g in names:
        results.extend(get_guideline(g).from_text(doc))
    want_critical = critical if critical is not None else (chosen.spec.critical if chosen else True)
    crit: list[CriticalResult] = []
    if want_critical:
        if structured is None:
            from radpilot.structure import structure

            structured = structure(text)
        crit = critical_results(structured, critical_rules)
        crit.extend(_suspicious_nodules(results, crit, report.text))
    observations: list[str] = []
    if chosen is not None:
        body = " ".join(s.text for s in report.sentences if s.section not in features.CONTEXT_SECTIONS)
        observations = [o.name for o, rx in chosen.observations if features.affirmed(rx, body)]
    recs = [_recommendation(chosen, r) for r in results if r.applicable]
    return Assessment(chosen.name if chosen else None, reason, results, crit, recs, observations)
