"""QA checks in the spirit of radiology quality tools.

Each check names what is wrong, where (section and character span in the report text), and whether it blocks
signing. The checks read the report through the structuring engine and the guideline engines; their word
lists are data (``checks/data/checks.yaml``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from radpilot.report import Assertion, Finding, StructuredReport
from radpilot.structure import ancestors, default_engine, default_lexicon
from radpilot.structure.datafiles import StrictModel, load_mapping

if TYPE_CHECKING:
    from radpilot.guidelines.engine import Assessment

Severity = Literal["blocking", "warning"]


@dataclass(slots=True)
class Check:
    code: str
    severity: Severity
    message: str
    span: tuple[int, int] | None
    section: str | None

    @property
    def id(self) -> str:
        """Stable across re-runs of the same text, so an acknowledgement can refer to it."""
        key = f"{self.code}|{self.message}|{self.span}".encode()
        return hashlib.sha256(key).hexdigest()[:12]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "span": list(self.span) if self.span else None,
            "section": self.section,
        }


class _AgeRule(StrictModel):
    terms: list[str] = Field(min_length=1)
    min_age: int | None = None
    max_age: int | None = None
    message: str


class CheckVocabulary(StrictModel):
    sex_specific: dict[Literal["female", "male"], list[str]]
    age_specific: list[_AgeRule]
    body_parts: dict[str, list[str]]
    communication: list[str]
    recommendation: list[str]


@cache
def vocabulary() -> CheckVocabulary:
    path = Path(str(resources.files("radpilot.checks") / "data" / "checks.yaml"))
    return load_mapping(path, CheckVocabulary)


@cache
def _words_re(terms: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.IGNORECASE)


def _section_at(sr: StructuredReport, pos: int) -> str | None:
    for sec in sr.report.sections:
        if sec.span[0] <= pos <= sec.span[1]:
            return sec.name
    return None


def _positive(sr: StructuredReport, section: str) -> list[Finding]:
    return [f for f in sr.findings if f.section == section and f.assertion is not Assertion.ABSENT]


def _laterality(sr: StructuredReport, ctx: dict[str, Any]) -> list[Check]:
    out: list[Check] = []
    findings = _positive(sr, "findings")
    for f in _positive(sr, "impression"):
        if f.laterality is None or f.laterality.value == "bilateral":
            continue
        same = [g for g in findings if g.code == f.code]
        sides = {g.laterality.value for g in same if g.laterality}
        if same and sides and f.laterality.value not in sides and "bilateral" not in sides:
            out.append(
                Check(
                    "laterality_discrepancy",
                    "blocking",
                    f"impression says {f.laterality.value} {f.name.lower()}, findings say {'/'.join(sorted(sides))}",
                    f.span,
                    f.section,
                )
            )
    exam = str(ctx.get("exam") or "")
    exam_side = {s for s in ("left", "right") if re.search(rf"\b{s}\b|\b{s[0]}\b", exam, re.IGNORECASE)}
    if len(exam_side) == 1 and not re.search(r"\bbilat", exam, re.IGNORECASE):
        (ordered,) = exam_side
        other = "right" if ordered == "left" else "left"
        sided = [f for f in sr.findings if f.laterality and f.laterality.value in ("left", "right")]
        if sided and all(f.laterality and f.laterality.value == other for f in sided):
            f = sided[0]
            out.append(
                Check(
                    "laterality_order_discrepancy",
                    "blocking",
                    f"the order is for the {ordered} side but the report describes only the {other} side",
                    f.span,
                    f.section,
                )
            )
    return out


def _sex(sr: StructuredReport, ctx: dict[str, Any]) -> list[Check]:
    sex = str(ctx.get("sex") or "").strip().upper()[:1]
    if sex not in ("M", "F"):
        return []
    wrong: Literal["female", "male"] = "female" if sex == "M" else "male"
    terms = tuple(vocabulary().sex_specific[wrong])
    text = sr.report.text
    out = []
    for m in _words_re(terms).finditer(text):
        out.append(
            Check(
                "sex_mismatch",
                "blocking",
                f"'{m.group(0)}' is {wrong} anatomy but the patient's sex is {'male' if sex == 'M' else 'female'}",
                m.span(),
                _section_at(sr, m.start()),
            )
        )
    return out


def _age(sr: StructuredReport, ctx: dict[str, Any]) -> list[Check]:
    age = ctx.get("age")
    if not isinstance(age, int | float) or isinstance(age, bool):
        return []
    out = []
    for rule in vocabulary().age_specific:
        if rule.min_age is not None and age >= rule.min_age:
            continue
        if rule.max_age is not None and age <= rule.max_age:
            continue
        for m in _words_re(tuple(rule.terms)).finditer(sr.report.text):
            out.append(
                Check(
                    "age_mismatch",
                    "warning",
                    f"'{m.group(0)}': " + rule.message.format(age=age),
                    m.span(),
                    _section_at(sr, m.start()),
                )
            )
    return out


def _body_parts(text: str) -> set[str]:
    found = set()
    for part, terms in vocabulary().body_parts.items():
        if _words_re(tuple(terms)).search(text):
            found.add(part)
    return found


def _exam(sr: StructuredReport, ctx: dict[str, Any]) -> list[Check]:
    exam = str(ctx.get("exam") or "")
    sec = sr.report.section("examination")
    if not exam or sec is None:
        return []
    ordered = _body_parts(exam)
    reported = _body_parts(sec.text)
    if ordered and reported and not ordered & reported:
        return [
            Check(
                "exam_discrepancy",
                "blocking",
                f"the report's examination ({sec.text.strip()[:60]}) does not match the order ({exam})",
                sec.span,
                "examination",
            )
        ]
    return []


def _supported(f: Finding, findings: list[Finding]) -> bool:
    lex = default_lexicon()
    for g in findings:
        related = g.code == f.code or f.code in ancestors(lex, g.code) or g.code in ancestors(lex, f.code)
        if related and not (f.laterality and g.laterality and f.laterality != g.laterality):
            return True
    return False


def _unsupported(sr: StructuredReport, ctx: dict[str, Any]) -> list[Check]:
    if sr.report.section("findings") is None:
        return []
    findings = _positive(sr, "findings")
    out = []
    for f in _positive(sr, "impression"):
        if not _supported(f, findings):
            out.append(
                Check(
                    "impression_unsupported",
                    "warning",
                    f"impression states {f.assertion.value} {f.name.lower()} that the findings do not describe",
                    f.span,
                    f.section,
                )
            )
    return out


def _sizes(sr: StructuredReport, ctx: dict[str, Any]) -> list[Check]:
    out = []
    seen: dict[tuple[str, str | None, str | None], Finding] = {}
    for f in sr.findings:
        if f.size_mm is None or f.assertion is Assertion.ABSENT:
            continue
        key = (f.code, f.laterality.value if f.laterality else None, f.location)
        prev = seen.get(key)
        if prev is not None and prev.section != f.section and abs(prev.size_mm - f.size_mm) > 0.05:  # type: ignore[operator]
            out.append(
                Check(
                    "size_discrepancy",
                    "blocking",
                    f"{f.name.lower()} is {prev.size_mm:g} mm in the {prev.section} but {f.size_mm:g} mm in the {f.section}",
                    f.span,
                    f.section,
                )
            )
        seen.setdefault(key, f)
    return out


def guideline_context(ctx: dict[str, Any]) -> dict[str, Any]:
    """The part of a check context the guideline engines take."""
    return {k: v for k, v in ctx.items() if k in ("exam", "age", "sex", "indication", "risk", "prior_date")}


def _guideline_checks(
    sr: StructuredReport, ctx: dict[str, Any], assessment: Assessment | None = None
) -> list[Check]:
    """``assessment``: ``assess(sr.report.text, guideline_context(ctx), structured=sr)`` when the caller has it."""
    if assessment is None:
        from radpilot.guidelines import assess

        try:
            assessment = assess(sr.report.text, guideline_context(ctx), structured=sr)
        except ValueError:
            return []
    out: list[Check] = []
    rec_re = _words_re(tuple(vocabulary().recommendation))
    tail = sr.report.section_text("impression", "recommendation")
    for g in assessment.guidelines:
        actionable = g.follow_up is not None or g.biopsy_recommended
        if actionable and not rec_re.search(tail):
            out.append(
                Check(
                    "missing_recommendation",
                    "warning",
                    f"{g.name} {g.category} calls for follow-up ({g.management}) but the report makes no recommendation",
                    None,
                    "impression",
                )
            )
    communicated = bool(ctx.get("communication")) or bool(
        _words_re(tuple(vocabulary().communication)).search(sr.report.text)
    )
    for c in assessment.critical:
        if not communicated:
            out.append(
                Check(
                    "critical_not_communicated",
                    "blocking",
                    f"critical result ({c.tier}): {c.label if hasattr(c, 'label') else c.code} has no documented "
                    "communication (who, to whom, when, how)",
                    c.span,
                    _section_at(sr, c.span[0]),
                )
            )
    return out


CHECKS: tuple[Callable[[StructuredReport, dict[str, Any]], list[Check]], ...] = (
    _laterality,
    _sex,
    _age,
    _exam,
    _unsupported,
    _sizes,
    _guideline_checks,
)


def run_checks_on_text(
    text: str,
    context: dict[str, Any] | None = None,
    structured: StructuredReport | None = None,
    *,
    assessment: Assessment | None = None,
) -> list[Check]:
    """All QA checks for a report text; ``context``: exam, age, sex, indication, communication (bool).
    ``structured``: the report already structured from this very text (saves reading it again).
    ``assessment``: ``assess(text, guideline_context(context), structured=structured)`` already computed; used
    only together with ``structured`` (so only when that is this very text)."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("the report is empty")
    ctx = dict(context or {})
    reuse = structured is not None and structured.report.text == text
    sr = structured if reuse and structured is not None else default_engine().structure(text)
    given = assessment if reuse else None
    out: list[Check] = []
    for check in CHECKS:
        out.extend(_guideline_checks(sr, ctx, given) if check is _guideline_checks else check(sr, ctx))
    return out


def report_text(findings: str, impression: str) -> str:
    """The text the checks read for a report given as its findings and impression sections."""
    return f"FINDINGS: {findings.strip()}\nIMPRESSION: {impression.strip()}"


def run_checks(
    findings: str,
    impression: str,
    context: dict[str, Any] | None = None,
    structured: StructuredReport | None = None,
    *,
    assessment: Assessment | None = None,
) -> list[Check]:
    """QA checks for a report given as its findings and impression sections; ``structured``: that report
    already structured from :func:`report_text` (used only when its text is exactly that); ``assessment``: its
    guideline assessment (see :func:`run_checks_on_text`)."""
    return run_checks_on_text(report_text(findings, impression), context, structured, assessment=assessment)
