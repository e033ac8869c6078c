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
    communication_not_done: list[str]
    communication_failed: list[str]
    communication_patient: list[str]
    communication_care_team: list[str]
    recommendation: list[str]
    recommendation_negated_after: list[str]
    recommendation_past_before: list[str]
    recommendation_past_after: list[str]
    order_sides: dict[Literal["left", "right"], list[str]]
    order_both_sides: list[str]


@cache
def vocabulary() -> CheckVocabulary:
    path = Path(str(resources.files("radpilot.checks") / "data" / "checks.yaml"))
    return load_mapping(path, CheckVocabulary)


@cache
def _words_re(terms: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.IGNORECASE)


@cache
def _side_re(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words; a one- or two-letter abbreviation only as a word of its own (not "L-SPINE", "R/O")."""
    words = [re.escape(t) for t in terms if len(t) > 2]
    abbrev = [re.escape(t) for t in terms if len(t) <= 2]
    parts = []
    if words:
        parts.append(rf"\b(?:{'|'.join(words)})\b")
    if abbrev:
        parts.append(rf"(?<![\w/.-])(?:{'|'.join(abbrev)})(?![\w/-])")
    return re.compile("|".join(parts) or r"(?!)", re.IGNORECASE)


_CLAUSE_BREAK_RE = re.compile(
    r"[;,:]|\b(?:but|however|and|although|though|whereas|while|then)\b", re.IGNORECASE
)


def _clause_before(text: str, pos: int) -> str:
    start = 0
    for m in _CLAUSE_BREAK_RE.finditer(text, 0, pos):
        start = m.end()
    return text[start:pos]


@cache
def _family(code: str) -> frozenset[str]:
    return frozenset(ancestors(default_lexicon(), code))


def _related(a: str, b: str) -> bool:
    """The same observation or one a kind of the other (solid_nodule and nodule)."""
    return a == b or a in _family(b) or b in _family(a)


def _same_size(a: Finding, b: Finding) -> bool:
    return a.size_mm is None or b.size_mm is None or abs(a.size_mm - b.size_mm) <= 0.05


def _same_place(a: Finding, b: Finding) -> bool:
    return a.location is None or b.location is None or a.location == b.location


def _side(f: Finding) -> str | None:
    return f.laterality.value if f.laterality else None


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
        side = _side(f)
        if side is None or side == "bilateral":
            continue
        related = [g for g in findings if _side(g) and _related(f.code, g.code)]
        if not related:
            continue
        # the impression may speak of one of several lesions: it agrees when one on its side fits (place, size)
        same = [g for g in related if _side(g) in (side, "bilateral")]
        if any(_same_place(f, g) and _same_size(f, g) for g in same):
            continue
        other = [g for g in related if _side(g) not in (side, "bilateral")]
        conflicting = [g for g in other if _same_place(f, g) and _same_size(f, g)]
        if not conflicting and not same and len(other) == 1:
            conflicting = other  # the findings describe one such lesion, on the other side
        if conflicting:
            sides = sorted({str(_side(g)) for g in conflicting})
            out.append(
                Check(
                    "laterality_discrepancy",
                    "blocking",
                    f"impression says {side} {f.name.lower()}, findings say {'/'.join(sides)}",
                    f.span,
                    f.section,
                )
            )
    exam = str(ctx.get("exam") or "")
    vocab = vocabulary()
    exam_side = {s for s in ("left", "right") if _side_re(tuple(vocab.order_sides[s])).search(exam)}
    if len(exam_side) == 1 and not _side_re(tuple(vocab.order_both_sides)).search(exam):
        (ordered,) = exam_side
        other_side = "right" if ordered == "left" else "left"
        sided = [f for f in sr.findings if f.laterality and f.laterality.value in ("left", "right")]
        if sided and all(f.laterality and f.laterality.value == other_side for f in sided):
            f = sided[0]
            out.append(
                Check(
                    "laterality_order_discrepancy",
                    "blocking",
                    f"the order is for the {ordered} side but the report describes only the {other_side} side",
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


# a template's field left unfilled: a run of blanks or asterisks ("___", "***"), an empty box after a label
# ("Effusion: [ ]") or a choice left standing ("[ ] Yes [ ] No", "Yes / No"). (A label with nothing after it is not
# one: its answer may be on the next line, "Lungs:\nClear.", or it heads the lines after it, "Thyroid:\nRight
# lobe: ...")
_LEFTOVER_RE = re.compile(
    r"_{3,}|\*{3,}|\[\s*\]\s*yes\s*[/,]?\s*\[\s*\]\s*no\b|:[ \t]*yes[ \t]*/[ \t]*no\b|:[ \t]*\[[ \t]*\][ \t]*$"
    # (the choices of a line all left unticked: "[ ] Normal [ ] Abnormal"; or left standing: "Normal/abnormal")
    r"|^(?![^\n]*\[[ \t]*[xX\u2713\u2714][ \t]*\])[^\n]*\[[ \t]*\][^\n]*\[[ \t]*\][^\n]*$"
    r"|:[ \t]*normal[ \t]*/[ \t]*abnormal\b",
    re.IGNORECASE | re.MULTILINE,
)


def _template_leftovers(sr: StructuredReport, ctx: dict[str, Any]) -> list[Check]:
    """A template's field left unfilled: the report says nothing there, and a signed report must not keep it."""
    text = sr.report.text
    out = []
    for m in _LEFTOVER_RE.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        line = text[start : end if end >= 0 else len(text)].strip()
        out.append(
            Check(
                "template_field_blank",
                "blocking",
                f"a template field is left unfilled: {line[:80]!r}",
                (m.start(), m.end()),
                _section_at(sr, m.start()),
            )
        )
    return out


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
    """An impression size that differs from the findings' size of the same lesion: the related finding on the
    same side and place; when several fit and none has that size, the impression may mean another one."""
    out = []
    findings = [f for f in _positive(sr, "findings") if f.size_mm is not None]
    for f in _positive(sr, "impression"):
        if f.size_mm is None:
            continue
        side = _side(f)
        fits = [
            g
            for g in findings
            if _related(f.code, g.code)
            and (side is None or _side(g) is None or _side(g) in (side, "bilateral") or side == "bilateral")
            and _same_place(f, g)
        ]
        if len(fits) != 1 or _same_size(f, fits[0]):
            continue
        prev = fits[0]
        out.append(
            Check(
                "size_discrepancy",
                "blocking",
                f"{f.name.lower()} is {prev.size_mm:g} mm in the {prev.section} but {f.size_mm:g} mm in the {f.section}",
                f.span,
                f.section,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class _RecommendationWords:
    words: re.Pattern[str]
    negation: re.Pattern[str]
    not_after: re.Pattern[str]
    past_before: re.Pattern[str]
    past_after: re.Pattern[str]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _recommendation_words() -> _RecommendationWords:
    v = vocabulary()
    return _RecommendationWords(
        words=_words_re(tuple(v.recommendation)),
        negation=_words_re(("no", "not", "without", "none", "never", "neither", "nor", "don't", "doesn't")),
        # "follow-up is not needed", "is not routinely recommended", "unnecessary"; "recommend no ..."
        not_after=re.compile(
            rf"^\s*(?:is|are|was|were|be)?\s*(?:(?:not|no\s+longer)\s+(?:\w+\s+)?(?:{_alt(v.recommendation_negated_after)})"
            r"|unnecessary)\b|^\s+(?:no|against|not)\b",
            re.IGNORECASE,
        ),
        # "from 6 months ...", "over the past 12 months"
        past_before=re.compile(
            rf"\b(?:{_alt(v.recommendation_past_before)})\s+(?:the\s+|about\s+|approximately\s+|approx\.?\s+)?"
            r"(?:[\d.]+|one|two|three|four|five|six|nine|twelve|eighteen|several|few)?[\s-]*$",
            re.IGNORECASE,
        ),
        past_after=re.compile(rf"^\s*(?:{_alt(v.recommendation_past_after)})\b", re.IGNORECASE),
    )


def _recommends(text: str) -> bool:
    """The text makes a recommendation: a recommending word that is not negated ("no follow-up is needed",
    "follow-up is not required", "recommend no further imaging") and not a past time ("increased from 6 months
    ago", "stable over the past 12 months")."""
    w = _recommendation_words()
    for m in w.words.finditer(text):
        after = text[m.end() : m.end() + 40]
        if w.negation.search(_clause_before(text, m.start())) or w.not_after.match(after):
            continue
        if w.past_after.match(after) or w.past_before.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        return True
    return False


def _communicated(sr: StructuredReport) -> bool:
    """The report documents that a result was communicated to the care team: a communication phrase outside
    the history, examination, comparison and technique, not negated or still to happen in its clause ("were not
    discussed", "will be discussed"), not said to have failed, and not to the patient or family alone."""
    v = vocabulary()
    phrase = _words_re(tuple(v.communication))
    not_done = _words_re(tuple(v.communication_not_done))
    failed = _words_re(tuple(v.communication_failed))
    patient = _words_re(tuple(v.communication_patient))
    team = _words_re(tuple(v.communication_care_team))
    for s in sr.report.sentences:
        if s.section in _NO_COMMUNICATION_SECTIONS:
            continue
        for m in phrase.finditer(s.text):
            if not_done.search(_clause_before(s.text, m.start())) or failed.search(s.text):
                continue
            if patient.search(s.text) and not team.search(s.text):
                continue
            return True
    return False


_NO_COMMUNICATION_SECTIONS = frozenset({"history", "examination", "comparison", "technique"})


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
    tail = sr.report.section_text("impression", "recommendation")
    recommends: bool | None = None
    for g in assessment.guidelines:
        actionable = g.follow_up is not None or g.biopsy_recommended
        if actionable and recommends is None:
            recommends = _recommends(tail)
        if actionable and not recommends:
            out.append(
                Check(
                    "missing_recommendation",
                    "warning",
                    f"{g.name} {g.category} calls for follow-up ({g.management}) but the report makes no recommendation",
                    None,
                    "impression",
                )
            )
    communicated = bool(ctx.get("communication")) or (bool(assessment.critical) and _communicated(sr))
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
    _template_leftovers,
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
    # a mention on the wrong side is a laterality discrepancy, not also an unsupported impression
    wrong_side = {c.span for c in out if c.code == "laterality_discrepancy"}
    return [c for c in out if not (c.code == "impression_unsupported" and c.span in wrong_side)]


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
