"""What the editor shows about a report text while it is typed: findings, checks, guidelines, blockers.

Everything runs on the text in the editor (saved or not), with the acknowledgements and communication records
of the report's current version, so the sign button reflects what would happen if the radiologist signed now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from radpilot.service import drafting, lifecycle
from radpilot.service.web.markup import (
    Mark,
    SectionView,
    engine_text,
    finding_marks,
    quote_span,
    report_layout,
)
from radpilot.store.models import SIGNED_STATUSES, Report


@dataclass(slots=True)
class Analysis:
    findings: str
    impression: str
    sections: list[SectionView]
    structured: list[dict[str, Any]]
    checks: list[dict[str, Any]]
    criticals: list[dict[str, Any]]
    guidelines: list[dict[str, Any]]
    blocking: list[dict[str, Any]]
    communicated: bool
    dirty: bool
    signed: bool
    errors: list[str] = field(default_factory=list)

    @property
    def can_sign(self) -> bool:
        return (
            not self.signed and not self.blocking and bool(self.findings.strip() or self.impression.strip())
        )


def _structure(text: str) -> list[dict[str, Any]]:
    from radpilot.structure import default_engine

    return [f.to_dict() for f in default_engine().structure(text).findings]


def _guidelines(text: str, context: dict[str, Any]) -> list[dict[str, Any]]:
    from radpilot.guidelines import assess

    ctx = {k: v for k, v in context.items() if k in ("exam", "age", "sex", "indication")}
    return [g.to_dict() for g in assess(text, ctx).guidelines]


def _draft_provenance(session: Session, report: Report) -> list[Any]:
    from sqlalchemy import select

    from radpilot.store.models import ReportVersion

    draft = session.scalar(
        select(ReportVersion).where(ReportVersion.report_id == report.id, ReportVersion.kind == "ai_draft")
    )
    return list(draft.provenance) if draft is not None else []


def analyse(
    session: Session, report: Report, findings: str | None = None, impression: str | None = None
) -> Analysis:
    """The editor's view of ``findings``/``impression`` (default: the saved text) for ``report``."""
    v = lifecycle.current_version(session, report)
    f = v.findings if findings is None else findings
    i = v.impression if impression is None else impression
    signed = report.status in SIGNED_STATUSES
    communicated = bool(lifecycle.communications(session, report))
    empty = not f.strip() and not i.strip()
    errors: list[str] = []
    context = drafting.study_context(report.study)
    saved_checks = {c.check_id: c for c in lifecycle.version_checks(session, v)}
    dirty = (f.strip(), i.strip()) != (v.findings.strip(), v.impression.strip())
    if empty:
        return Analysis(
            f,
            i,
            report_layout(f, i, v.provenance, []),
            [],
            [],
            [],
            [],
            [],
            communicated,
            dirty,
            signed,
            ["The report is empty: write the findings or the impression."],
        )
    text = engine_text(f, i)
    structured = _structure(text)
    if dirty:
        checks = drafting.checks(f, i, {**context, "communication": communicated})
        for c in checks:
            row = saved_checks.get(str(c["id"]))
            c["acknowledged"] = bool(row is not None and row.acknowledged_at is not None)
            c["note"] = row.note if row is not None else None
    else:
        checks = [lifecycle.check_dict(c) for c in saved_checks.values()]
    criticals = drafting.critical_results(f, i)
    try:
        guidelines = _guidelines(text, context)
    except ValueError as exc:  # a contradictory size or a bad context: say so, keep the rest
        guidelines = []
        errors.append(f"Guidelines could not be applied: {exc}")
    for c in checks:
        c["quote"] = quote_span(f, i, c.get("span"))
        c["closed_by_communication"] = c["code"] in lifecycle.COMMUNICATION_CHECKS
    blocking = [] if signed else lifecycle.blocking_items(checks, criticals, communicated)
    critical_spans = {tuple(c["span"]) for c in criticals if c.get("span")}
    marks = [
        Mark(m.start, m.end, "critical", f"critical result: {m.label}")
        if (m.start, m.end) in critical_spans
        else m
        for m in finding_marks(structured)
    ]
    # A sentence keeps the source it had in the AI draft when the current version's record lost it.
    sections = report_layout(f, i, [*v.provenance, *_draft_provenance(session, report)], marks)
    return Analysis(
        f,
        i,
        sections,
        structured,
        checks,
        criticals,
        guidelines,
        blocking,
        communicated,
        dirty,
        signed,
        errors,
    )
