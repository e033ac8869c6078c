"""A report -> its patient version: deterministic letter, optional model rewrite, verification.

The deterministic letter is always built and verified first. A model rewrite (any ``generate(prompt) -> str``)
is used only when it passes the same verification; otherwise the deterministic letter is returned with the
reasons the rewrite was rejected (fail closed).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from radpilot.patient.readability import Readability, measure
from radpilot.patient.rewriter import Letter, Plan, Recommendation, make_plan, rewriter
from radpilot.patient.verifier import Verification, source_facts, verify
from radpilot.report import StructuredReport
from radpilot.structure import StructuringEngine, default_engine

DEFAULT_GRADE = 6.5
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_LETTER_RE = re.compile(r"[^\W\d_]")
Generate = Callable[[str], str]


class ReportNotUnderstood(ValueError):
    """The input cannot be turned into a patient version; the message says why."""


@dataclass(slots=True)
class PatientVersion:
    letter: Letter
    engine: str  # "rules" or "model"
    verified: bool
    issues: list[str]
    readability: Readability
    source_readability: Readability
    plan: Plan = field(repr=False)

    @property
    def findings_kept(self) -> list[dict[str, Any]]:
        return [t.to_dict() for t in self.letter.told]


def check_text(text: str) -> None:
    """Refuse input that is not a report: empty, binary, or without a sentence of words."""
    if not isinstance(text, str):
        raise ReportNotUnderstood(f"the report must be text, got {type(text).__name__}")
    if not text.strip():
        raise ReportNotUnderstood("the report is empty")
    if "\x00" in text:
        raise ReportNotUnderstood("the report looks like binary data (it contains NUL bytes), not text")
    if len(_CONTROL_RE.findall(text)) > 0.05 * len(text):
        raise ReportNotUnderstood("the report looks like binary data (too many control characters), not text")
    if sum(1 for _ in itertools.islice(_LETTER_RE.finditer(text), 3)) < 3:  # (three letters are enough)
        raise ReportNotUnderstood("the report has no words to read")


def simplify(
    report: str | StructuredReport,
    *,
    lang: str = "en",
    grade: float = DEFAULT_GRADE,
    recommendations: Sequence[Recommendation] = (),
    generate: Generate | None = None,
    engine: StructuringEngine | None = None,
) -> PatientVersion:
    """Build the patient version of one report (text, or a report already structured by ``engine``)."""
    eng = engine or default_engine()
    if isinstance(report, str):
        check_text(report)
        sr = eng.structure(report)
    else:
        sr = report
    if not any(s.text.strip() for s in sr.report.sentences):
        raise ReportNotUnderstood("the report has no sentences")
    plan = make_plan(sr, recommendations)
    if plan.empty:
        raise ReportNotUnderstood(
            "no finding, normal statement or next step was recognised in the report's results; "
            "a patient version would be empty (check that the text is a radiology report with findings "
            "or an impression)"
        )
    english = rewriter("en", eng).render(plan)
    facts = source_facts(sr)  # (one reading of the report for both letters' checks)
    check = verify(
        sr, english.prose(), recommendations=recommendations, grade=grade, lang="en", engine=eng, facts=facts
    )
    issues = list(check.issues)
    letter = english
    rd = check.readability
    if lang != "en":
        letter = rewriter(lang, eng).render(plan)
        local = verify(sr, letter.prose(), grade=grade, lang=lang, engine=eng, read_back=False, facts=facts)
        issues = [f"English plan: {i}" for i in issues] + local.issues
        rd = local.readability
    verified = not issues
    engine_name = "rules"
    if generate is not None:
        if lang != "en":
            issues.append(
                f"model rewrite not used: only English lay text can be read back and verified (lang={lang})"
            )
        else:
            from radpilot.patient.model_rewriter import model_rewrite

            outcome = model_rewrite(
                sr, english, generate, recommendations=recommendations, grade=grade, engine=eng
            )
            if outcome.letter is not None and outcome.verification is not None and outcome.verification.ok:
                letter, rd, engine_name, verified = (
                    outcome.letter,
                    outcome.verification.readability,
                    "model",
                    True,
                )
                issues = []
            else:
                issues += [f"model rewrite rejected: {r}" for r in outcome.reasons]
    source_text = "\n".join(
        s.text
        for s in sr.report.sentences
        if s.section not in ("history", "examination", "technique", "comparison")
    )
    return PatientVersion(
        letter=letter,
        engine=engine_name,
        verified=verified,
        issues=issues,
        readability=rd,
        source_readability=measure(source_text, "en"),
        plan=plan,
    )


def as_record(pv: PatientVersion, rid: Any = None, text: str | None = None) -> dict[str, Any]:
    """The JSONL contract: {id, text, reading_grade, verified, engine, findings_kept, issues}."""
    from radpilot.patient.render import render_text

    return {
        "id": rid,
        "text": text if text is not None else render_text(pv),
        "reading_grade": pv.readability.grade,
        "verified": pv.verified,
        "engine": pv.engine,
        "findings_kept": pv.findings_kept,
        "issues": pv.issues,
    }


__all__ = ["DEFAULT_GRADE", "Generate", "PatientVersion", "ReportNotUnderstood", "Verification", "simplify"]
