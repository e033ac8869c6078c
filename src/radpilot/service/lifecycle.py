"""The report lifecycle: who may do what to a report, in which state, and what each change records.

draft -> preliminary -> final -> amended/corrected. Residents write drafts and preliminary reports; only
radiologists sign. Signing is refused (409, with the ``blocking`` list) while a blocking check is open or a
critical result has no communication record. A signed report is immutable: addenda and amendments are new,
linked versions. Every change appends an audit event holding the state hashes before and after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from radpilot.service import audit, drafting
from radpilot.service.errors import Conflict, Forbidden, Invalid, NotFound
from radpilot.service.users import Principal
from radpilot.store.models import (
    SIGNED_STATUSES,
    CheckResult,
    CriticalCommunication,
    CriticalResult,
    FollowUp,
    Order,
    Patient,
    Report,
    ReportVersion,
    Study,
    utcnow,
)

#: Check codes that only a communication record closes (acknowledging them is refused).
COMMUNICATION_CHECKS = frozenset({"critical_not_communicated"})
COMMUNICATION_METHODS = ("phone", "in-person", "secure-message", "page", "fax", "email", "video", "other")
WRITERS = ("radiologist", "resident")


# --- studies ------------------------------------------------------------------------------------------------


def create_study(session: Session, who: Principal, data: dict[str, Any]) -> Study:
    """Patient (found or created by id), Order and Study from a validated request body."""
    if session.scalar(select(Order.id).where(Order.accession == data["accession"])) is not None:
        raise Conflict(f"an order with accession {data['accession']!r} already exists")
    uid = data.get("study_instance_uid")
    if uid and session.scalar(select(Study.id).where(Study.study_instance_uid == uid)) is not None:
        raise Conflict(f"a study with StudyInstanceUID {uid!r} already exists")
    p = data["patient"]
    patient = session.scalar(select(Patient).where(Patient.mrn == p["id"]))
    if patient is None:
        patient = Patient(mrn=p["id"], name=p.get("name"), sex=p.get("sex"), birth_date=p.get("birth_date"))
        session.add(patient)
        session.flush()
    else:
        for key in ("name", "sex", "birth_date"):
            if p.get(key) is not None and getattr(patient, key) is None:
                setattr(patient, key, p[key])
    order = Order(
        accession=data["accession"],
        exam=data["exam"],
        exam_code=data.get("exam_code"),
        indication=data.get("indication") or "",
        priority=data.get("priority") or "routine",
        ordering_clinician=data.get("ordering_clinician"),
        patient_id=patient.id,
        source=data.get("source") or "api",
    )
    session.add(order)
    session.flush()
    study = Study(order_id=order.id, patient_id=patient.id, study_instance_uid=uid, modality=data["modality"])
    session.add(study)
    session.flush()
    audit.append(
        session,
        chain=audit.SYSTEM_CHAIN,
        actor=who.actor,
        action="study.create",
        detail={"study_id": study.id, "order_id": order.id},
    )
    return study


def get_study(session: Session, study_id: int) -> Study:
    study = session.get(Study, study_id)
    if study is None:
        raise NotFound(f"no study {study_id}")
    return study


# --- reports: reading -----------------------------------------------------------------------------------------


def get_report(session: Session, report_id: int, *, lock: bool = False) -> Report:
    stmt = select(Report).where(Report.id == report_id)
    if lock:
        stmt = stmt.with_for_update(of=Report)
    report = session.scalar(stmt)
    if report is None:
        raise NotFound(f"no report {report_id}")
    return report


def current_version(session: Session, report: Report) -> ReportVersion:
    v = session.scalar(
        select(ReportVersion).where(
            ReportVersion.report_id == report.id, ReportVersion.number == report.current_version
        )
    )
    if v is None:  # a report row always has its first version; this is a broken database
        raise RuntimeError(f"report {report.id} has no version {report.current_version}")
    return v


def version_checks(session: Session, version: ReportVersion) -> list[CheckResult]:
    return list(
        session.scalars(
            select(CheckResult).where(CheckResult.version_id == version.id).order_by(CheckResult.id)
        )
    )


def version_criticals(session: Session, version: ReportVersion) -> list[CriticalResult]:
    return list(
        session.scalars(
            select(CriticalResult).where(CriticalResult.version_id == version.id).order_by(CriticalResult.id)
        )
    )


def communications(session: Session, report: Report) -> list[CriticalCommunication]:
    return list(
        session.scalars(
            select(CriticalCommunication)
            .where(CriticalCommunication.report_id == report.id)
            .order_by(CriticalCommunication.id)
        )
    )


def check_dict(c: CheckResult) -> dict[str, Any]:
    return {
        "id": c.check_id,
        "code": c.code,
        "severity": c.severity,
        "message": c.message,
        "span": c.span,
        "section": c.section,
        "acknowledged": c.acknowledged_at is not None,
        "acknowledged_by": c.acknowledged_by_id,
        "acknowledged_at": c.acknowledged_at.isoformat() if c.acknowledged_at else None,
        "note": c.note,
    }


def blocking_items(
    checks: list[CheckResult] | list[dict[str, Any]], criticals: list[Any], communicated: bool
) -> list[dict[str, Any]]:
    """What stands between this version and a signature."""
    rows = [check_dict(c) if isinstance(c, CheckResult) else c for c in checks]
    out = [
        {
            "id": c["id"],
            "code": c["code"],
            "message": c["message"],
            "span": c["span"],
            "section": c["section"],
        }
        for c in rows
        if c["severity"] == "blocking" and not c.get("acknowledged") and c["code"] not in COMMUNICATION_CHECKS
    ]
    crit_codes = [c.code if isinstance(c, CriticalResult) else c["code"] for c in criticals]
    flagged = any(c["code"] in COMMUNICATION_CHECKS for c in rows)
    if (crit_codes or flagged) and not communicated:
        named = ", ".join(sorted(set(crit_codes))) or "critical result"
        out.append(
            {
                "id": "critical_communication",
                "code": "critical_communication_missing",
                "message": f"critical result ({named}) has no communication record (who, to whom, when, how); "
                "record it with POST .../critical-communications",
                "span": None,
                "section": None,
            }
        )
    return out


def report_view(session: Session, report: Report) -> dict[str, Any]:
    """The report as the API shows it."""
    versions = list(
        session.scalars(
            select(ReportVersion).where(ReportVersion.report_id == report.id).order_by(ReportVersion.number)
        )
    )
    v = next((x for x in versions if x.number == report.current_version), None)
    if v is None:  # a report row always has its first version; this is a broken database
        raise RuntimeError(f"report {report.id} has no version {report.current_version}")
    return view_of(
        report,
        v,
        version_checks(session, v),
        version_criticals(session, v),
        communications(session, report),
        versions,
    )


def view_of(
    report: Report,
    v: ReportVersion,
    checks: list[CheckResult],
    criticals: list[CriticalResult],
    comms: list[CriticalCommunication],
    versions: list[ReportVersion],
) -> dict[str, Any]:
    """:func:`report_view` from rows in hand (the current version ``v``, its checks and critical results)."""
    signed = report.status in SIGNED_STATUSES
    return {
        "id": report.id,
        "report_id": report.id,
        "study_id": report.study_id,
        "status": report.status,
        "version": v.number,
        "findings": v.findings,
        "impression": v.impression,
        "recommendations": v.recommendations,
        "addenda": v.addenda,
        "checks": [check_dict(c) for c in checks],
        "critical": [{"code": c.code, "tier": c.tier, "text": c.text, "span": c.span} for c in criticals],
        "communications": [communication_dict(c) for c in comms],
        "blocking": [] if signed else blocking_items(checks, criticals, bool(comms)),
        "provenance": v.provenance,
        "engine": report.engine,
        "guidelines": v.extra.get("guidelines", []),
        "structured": v.extra.get("structured", []),
        "versions": [
            {
                "number": x.number,
                "status": x.status,
                "kind": x.kind,
                "author_id": x.author_id,
                "created_at": x.created_at.isoformat(),
                "content_hash": x.content_hash,
                "parent": x.parent_id,
                "reason": x.reason,
            }
            for x in versions
        ],
        "created_at": report.created_at.isoformat(),
        "updated_at": report.updated_at.isoformat(),
        "signed_at": report.signed_at.isoformat() if report.signed_at else None,
        "signed_by": report.signed_by_id,
    }


def communication_dict(c: CriticalCommunication) -> dict[str, Any]:
    return {
        "id": c.id,
        "recipient": c.recipient,
        "method": c.method,
        "time": c.communicated_at.isoformat(),
        "note": c.note,
        "recorded_by": c.recorded_by_id,
        "recorded_at": c.recorded_at.isoformat(),
    }


def state_hash(session: Session, report: Report) -> str:
    """A hash of everything a change can touch: current version, status, check acknowledgements, comms."""
    v = current_version(session, report)
    checks = version_checks(session, v)
    return state_digest(report.status, v, checks, len(communications(session, report)))


def state_digest(status: str, v: ReportVersion, checks: list[CheckResult], communications: int) -> str:
    """:func:`state_hash` from rows in hand: the status, the current version, its checks, the communications."""
    return audit.sha256_of(
        {
            "status": status,
            "version": v.number,
            "content_hash": v.content_hash,
            "acknowledged": sorted(c.check_id for c in checks if c.acknowledged_at is not None),
            "communications": communications,
        }
    )


# --- reports: writing -------------------------------------------------------------------------------------------


def _new_version(
    session: Session,
    report: Report,
    *,
    status: str,
    kind: str,
    findings: str,
    impression: str,
    recommendations: list[Any],
    addenda: list[Any],
    provenance: list[Any],
    extra: dict[str, Any],
    author: Principal,
    parent: ReportVersion | None,
    reason: str | None = None,
) -> ReportVersion:
    v = ReportVersion(
        report_id=report.id,
        number=report.current_version + 1,
        status=status,
        kind=kind,
        findings=findings,
        impression=impression,
        recommendations=list(recommendations),
        addenda=list(addenda),
        provenance=list(provenance),
        extra=dict(extra),
        author_id=author.id,
        parent_id=parent.id if parent else None,
        reason=reason,
    )
    if status in SIGNED_STATUSES:
        v.exam, v.exam_code, v.indication = _order_as_signed(report, parent)
    v.content_hash = audit.content_hash(v)
    session.add(v)
    session.flush()
    report.current_version = v.number
    report.status = status
    report.updated_at = utcnow()
    return v


def _order_as_signed(report: Report, parent: ReportVersion | None) -> tuple[str, str | None, str]:
    """The examination, its code and the indication a signed version keeps: those of the signed version it
    follows (an addendum or amendment does not re-read the order), else the order's at the signature."""
    if parent is not None and parent.exam is not None:
        return parent.exam, parent.exam_code, parent.indication or ""
    order = report.study.order
    return order.exam, order.exam_code, order.indication or ""


def _store_checks(
    session: Session,
    report: Report,
    v: ReportVersion,
    checks: list[dict[str, Any]],
    carried: dict[str, CheckResult],
) -> list[CheckResult]:
    rows = []
    for c in checks:
        prev = carried.get(str(c["id"]))
        row = _check_row(report.id, v.id, c)
        if prev is not None and prev.acknowledged_at is not None:
            row.acknowledged_by_id = prev.acknowledged_by_id
            row.acknowledged_at = prev.acknowledged_at
            row.note = prev.note
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def _check_row(report_id: int, version_id: int, c: dict[str, Any]) -> CheckResult:
    """The stored row of one check (``Check.to_dict()``), not acknowledged."""
    return CheckResult(
        report_id=report_id,
        version_id=version_id,
        check_id=str(c["id"]),
        code=str(c["code"]),
        severity=str(c["severity"]),
        message=str(c["message"]),
        span=list(c["span"]) if c.get("span") else None,
        section=c.get("section"),
        acknowledged_by_id=None,
        acknowledged_at=None,
        note=None,
    )


def _critical_row(report_id: int, version_id: int, c: dict[str, Any]) -> CriticalResult:
    """The stored row of one critical result (``{code, tier, text, span}``)."""
    return CriticalResult(
        report_id=report_id,
        version_id=version_id,
        code=str(c["code"]),
        tier=str(c.get("tier") or ""),
        text=str(c.get("text") or ""),
        span=list(c["span"]) if c.get("span") else None,
    )


def _store_criticals(session: Session, report: Report, v: ReportVersion, items: list[dict[str, Any]]) -> None:
    for c in items:
        session.add(_critical_row(report.id, v.id, c))
    report.critical = bool(items)


def _audit(
    session: Session,
    report: Report,
    who: Principal,
    action: str,
    before: str | None,
    detail: dict[str, Any],
) -> None:
    audit.append(
        session,
        chain=audit.report_chain(report.id),
        report_id=report.id,
        actor=who.actor,
        action=action,
        before_hash=before,
        after_hash=state_hash(session, report),
        detail=detail,
    )


def store_draft(
    session: Session, who: Principal, study: Study | int, draft: dict[str, Any], *, job_id: str | None = None
) -> Report:
    """The AI draft as version 1 of a new report (called by the drafting job, in one transaction)."""
    return insert_draft(
        session, who, study if isinstance(study, int) else study.id, draft, job_id=job_id
    ).report


@dataclass(slots=True)
class StoredDraft:
    """What :func:`insert_draft` wrote: the rows as they are in the database (not attached to a session)."""

    report: Report
    version: ReportVersion
    checks: list[CheckResult]
    criticals: list[CriticalResult]

    def view(self) -> dict[str, Any]:
        """:func:`report_view` of the new report, without reading it back (it has nothing else yet)."""
        return view_of(self.report, self.version, self.checks, self.criticals, [], [self.version])


def insert_draft(
    session: Session, who: Principal, study_id: int, draft: dict[str, Any], *, job_id: str | None = None
) -> StoredDraft:
    """:func:`store_draft`, returning the rows written.

    A new report has no other version, acknowledgement or communication, so everything (the version's content
    hash, the state hash the audit event records, the API view) comes from the rows in hand, and the rows go
    in as plain INSERTs: the same rows and the same audit event as the general path, in one transaction.
    """
    conn = session.connection()
    now = utcnow()
    criticals_in = list(draft.get("critical") or [])
    report = Report(
        study_id=study_id,
        status="draft",
        current_version=1,
        critical=bool(criticals_in),
        engine=str(draft.get("engine") or ""),
        created_at=now,
        updated_at=now,
        signed_at=None,
        signed_by_id=None,
        draft_words=None,
        ai_words=None,
        signed_words=None,
        edit_distance=None,
    )
    try:
        report.id = audit.inserted_id(conn.execute(_INSERT_REPORT, _columns(report, _REPORT_COLUMNS)))
    except IntegrityError as exc:
        # The study's existence is checked by the row's foreign key (SQLite: PRAGMA foreign_keys=ON), not by
        # a query before it; signed_by_id is NULL, so a foreign-key failure here can only be the study.
        if _foreign_key_violation(exc):
            raise NotFound(f"no study {study_id}") from None
        raise
    v = ReportVersion(
        report_id=report.id,
        number=1,
        status="draft",
        kind="ai_draft",
        findings=str(draft.get("findings") or ""),
        impression=str(draft.get("impression") or ""),
        recommendations=list(draft.get("recommendations") or []),
        addenda=[],
        provenance=list(draft.get("provenance") or []),
        extra={
            k: draft.get(k)
            for k in ("structured", "guidelines", "verified", "warnings", "profile")
            if k in draft
        },
        author_id=who.id,
        parent_id=None,
        reason=None,
        created_at=now,
    )
    v.content_hash = audit.content_hash(v)
    v.id = audit.inserted_id(conn.execute(_INSERT_VERSION, _columns(v, _VERSION_COLUMNS)))
    checks = [_check_row(report.id, v.id, c) for c in draft.get("checks") or []]
    if checks:
        conn.execute(_INSERT_CHECK, [_columns(c, _CHECK_COLUMNS) for c in checks])
    criticals = [_critical_row(report.id, v.id, c) for c in criticals_in]
    if criticals:
        conn.execute(_INSERT_CRITICAL, [_columns(c, _CRITICAL_COLUMNS) for c in criticals])
    detail: dict[str, Any] = {"version": v.number, "content_hash": v.content_hash, "engine": report.engine}
    if job_id:
        detail["job_id"] = job_id
    audit.append(
        session,
        chain=audit.report_chain(report.id),
        report_id=report.id,
        actor=who.actor,
        action="report.draft",
        before_hash=None,
        after_hash=state_digest(report.status, v, checks, 0),
        detail=detail,
    )
    return StoredDraft(report, v, checks, criticals)


_REPORT_COLUMNS = (
    "study_id",
    "status",
    "current_version",
    "critical",
    "engine",
    "created_at",
    "updated_at",
    "signed_at",
    "signed_by_id",
    "draft_words",
    "ai_words",
    "signed_words",
    "edit_distance",
)
_VERSION_COLUMNS = (
    "report_id",
    "number",
    "status",
    "kind",
    "findings",
    "impression",
    "recommendations",
    "addenda",
    "provenance",
    "extra",
    "author_id",
    "parent_id",
    "reason",
    "created_at",
    "content_hash",
)
_CHECK_COLUMNS = (
    "report_id",
    "version_id",
    "check_id",
    "code",
    "severity",
    "message",
    "span",
    "section",
    "acknowledged_by_id",
    "acknowledged_at",
    "note",
)
_CRITICAL_COLUMNS = ("report_id", "version_id", "code", "tier", "text", "span")


# Built once: a statement object keeps its cache key, so each draft reuses the compiled INSERT outright.
_INSERT_REPORT = insert(Report)
_INSERT_VERSION = insert(ReportVersion)
_INSERT_CHECK = insert(CheckResult)
_INSERT_CRITICAL = insert(CriticalResult)


def _columns(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def _foreign_key_violation(exc: IntegrityError) -> bool:
    """Whether the database refused a row for a foreign key (PostgreSQL SQLSTATE 23503, or SQLite's)."""
    orig = exc.orig
    if getattr(orig, "sqlstate", None) == "23503":
        return True
    if getattr(orig, "sqlite_errorname", None) == "SQLITE_CONSTRAINT_FOREIGNKEY":
        return True
    return "FOREIGN KEY constraint failed" in str(orig)


def _recheck(
    session: Session, report: Report, prev: ReportVersion, v: ReportVersion
) -> tuple[list[CheckResult], list[dict[str, Any]]]:
    ctx = drafting.study_context(report.study)
    ctx["communication"] = bool(communications(session, report))
    checks = drafting.checks(v.findings, v.impression, ctx)
    carried = {c.check_id: c for c in version_checks(session, prev)}
    rows = _store_checks(session, report, v, checks, carried)
    criticals = drafting.critical_results(v.findings, v.impression)
    _store_criticals(session, report, v, criticals)
    return rows, criticals


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def carry_provenance(previous: list[Any], findings: str, impression: str) -> list[dict[str, Any]]:
    """Each sentence of the edited text keeps its earlier source when unchanged; the rest are the radiologist's."""
    known: dict[tuple[str, str], dict[str, Any]] = {}
    for p in previous:
        if isinstance(p, dict):
            sec = str(p.get("section") or ("impression" if p.get("source") == "impression" else "findings"))
            known[(sec, str(p.get("sentence", "")).strip())] = p
    out: list[dict[str, Any]] = []
    for section, text in (("findings", findings), ("impression", impression)):
        for sent in sentences(text):
            p = known.get((section, sent))
            if p is not None:
                out.append({**p, "section": section})
            else:
                out.append(
                    {
                        "sentence": sent,
                        "source": "radiologist",
                        "backend": "radiologist",
                        "model_id": "",
                        "section": section,
                    }
                )
    return out


def _require_writer(who: Principal, what: str) -> None:
    if who.role not in WRITERS:
        raise Forbidden(f"only radiologists and residents may {what}")


def _require_radiologist(who: Principal, what: str) -> None:
    if who.role != "radiologist":
        raise Forbidden(f"only radiologists may {what}")


def _refuse_signed(report: Report, what: str) -> None:
    if report.status in SIGNED_STATUSES:
        raise Conflict(
            f"report {report.id} is {report.status} and cannot be changed ({what}); "
            "add an addendum or an amendment instead"
        )


def edit_report(
    session: Session,
    who: Principal,
    report_id: int,
    findings: str,
    impression: str,
    status: str | None = None,
    recommendations: list[str] | None = None,
) -> Report:
    """A new draft or preliminary version with the radiologist's text; the checks run again."""
    _require_writer(who, "edit reports")
    report = get_report(session, report_id, lock=True)
    _refuse_signed(report, "edit")
    target = status or report.status
    if target not in ("draft", "preliminary"):
        raise Invalid(
            f"status must be draft or preliminary when editing, got {target!r}; sign with POST .../sign"
        )
    if report.status == "preliminary" and target == "draft":
        raise Conflict(f"report {report.id} is preliminary; it cannot go back to draft")
    before = state_hash(session, report)
    prev = current_version(session, report)
    v = _new_version(
        session,
        report,
        status=target,
        kind="edit",
        findings=findings,
        impression=impression,
        recommendations=prev.recommendations if recommendations is None else recommendations,
        addenda=[],
        provenance=carry_provenance(prev.provenance, findings, impression),
        extra={"edited_from": prev.number},
        author=who,
        parent=prev,
    )
    _recheck(session, report, prev, v)
    _audit(
        session,
        report,
        who,
        "report.preliminary" if target == "preliminary" and prev.status == "draft" else "report.edit",
        before,
        {"version": v.number, "content_hash": v.content_hash, "status": target},
    )
    return report


def sign_report(session: Session, who: Principal, report_id: int) -> Report:
    """Sign the current version as final (radiologists only), or refuse with the blocking list."""
    _require_radiologist(who, "sign final reports")
    report = get_report(session, report_id, lock=True)
    if report.status in SIGNED_STATUSES:
        raise Conflict(f"report {report.id} is already signed ({report.status})")
    prev = current_version(session, report)
    if not prev.findings.strip() and not prev.impression.strip():
        raise Conflict(f"report {report.id} has no text to sign")
    blocking = blocking_items(
        version_checks(session, prev), version_criticals(session, prev), bool(communications(session, report))
    )
    if blocking:
        raise Conflict(
            f"report {report.id} cannot be signed: {len(blocking)} blocking item(s) open", blocking=blocking
        )
    before = state_hash(session, report)
    v = _new_version(
        session,
        report,
        status="final",
        kind="sign",
        findings=prev.findings,
        impression=prev.impression,
        recommendations=prev.recommendations,
        addenda=[],
        provenance=prev.provenance,
        extra={},
        author=who,
        parent=prev,
    )
    _carry(session, report, prev, v)
    report.signed_at = v.created_at
    report.signed_by_id = who.id
    _measure_edits(session, report, v)
    _follow_ups(session, report, v)
    _audit(session, report, who, "report.sign", before, {"version": v.number, "content_hash": v.content_hash})
    return report


def _carry(session: Session, report: Report, prev: ReportVersion, v: ReportVersion) -> None:
    """A signature does not change the text: its checks and critical results are those of ``prev``."""
    for c in version_checks(session, prev):
        session.add(
            CheckResult(
                report_id=report.id,
                version_id=v.id,
                check_id=c.check_id,
                code=c.code,
                severity=c.severity,
                message=c.message,
                span=c.span,
                section=c.section,
                acknowledged_by_id=c.acknowledged_by_id,
                acknowledged_at=c.acknowledged_at,
                note=c.note,
            )
        )
    for k in version_criticals(session, prev):
        session.add(
            CriticalResult(
                report_id=report.id, version_id=v.id, code=k.code, tier=k.tier, text=k.text, span=k.span
            )
        )
    session.flush()


def _measure_edits(session: Session, report: Report, signed: ReportVersion) -> None:
    from radpilot.service.metrics import word_edit_distance, words

    if report.draft_words is not None:
        return
    draft = session.scalar(
        select(ReportVersion).where(ReportVersion.report_id == report.id, ReportVersion.kind == "ai_draft")
    )
    if draft is None:
        return
    a = words(f"{draft.findings}\n{draft.impression}")
    b = words(f"{signed.findings}\n{signed.impression}")
    report.draft_words = len(a)
    dictated = sum(
        len(words(str(p.get("sentence", ""))))
        for p in draft.provenance
        if isinstance(p, dict) and p.get("source") in ("dictated", "radiologist")
    )
    report.ai_words = max(0, len(a) - dictated)
    report.signed_words = len(b)
    report.edit_distance = word_edit_distance(a, b)


_INTERVAL = re.compile(
    r"\b(?:in|within)\s+(\d{1,2})(?:\s*(?:-|to)\s*(\d{1,2}))?\s*(day|week|month|year)s?\b", re.I
)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def due_date(text: str, start: date) -> date | None:
    """The due date a recommendation states ("in 3-6 months" -> the earliest), or None."""
    m = _INTERVAL.search(text)
    if not m:
        return None
    return start + timedelta(days=int(m.group(1)) * _UNIT_DAYS[m.group(3).lower()])


def _follow_ups(session: Session, report: Report, v: ReportVersion) -> None:
    start = (report.signed_at or utcnow()).date()
    for rec in v.recommendations:
        text = str(rec).strip()
        if text:
            session.add(FollowUp(report_id=report.id, recommendation=text, due_date=due_date(text, start)))


def add_addendum(session: Session, who: Principal, report_id: int, text: str) -> Report:
    """An addendum to a signed report: a new linked version; the signed text stays as it was."""
    _require_radiologist(who, "add addenda")
    report = get_report(session, report_id, lock=True)
    if report.status not in SIGNED_STATUSES:
        raise Conflict(
            f"report {report.id} is {report.status}; addenda are for signed reports (edit the draft)"
        )
    before = state_hash(session, report)
    prev = current_version(session, report)
    entry = {"text": text, "author_id": who.id, "at": utcnow().isoformat(timespec="seconds")}
    v = _new_version(
        session,
        report,
        status="amended",
        kind="addendum",
        findings=prev.findings,
        impression=prev.impression,
        recommendations=prev.recommendations,
        addenda=[*prev.addenda, entry],
        provenance=prev.provenance,
        extra={},
        author=who,
        parent=prev,
    )
    _carry(session, report, prev, v)
    _audit(
        session, report, who, "report.addendum", before, {"version": v.number, "content_hash": v.content_hash}
    )
    return report


def amend_report(
    session: Session,
    who: Principal,
    report_id: int,
    findings: str,
    impression: str,
    reason: str,
    kind: str = "amended",
) -> Report:
    """A changed text for a signed report (amended or corrected), signed at once; the gate applies again."""
    _require_radiologist(who, "amend signed reports")
    if kind not in ("amended", "corrected"):
        raise Invalid(f"status must be amended or corrected, got {kind!r}")
    report = get_report(session, report_id, lock=True)
    if report.status not in SIGNED_STATUSES:
        raise Conflict(f"report {report.id} is {report.status}; amend only signed reports (edit the draft)")
    before = state_hash(session, report)
    prev = current_version(session, report)
    v = _new_version(
        session,
        report,
        status=kind,
        kind="amendment",
        findings=findings,
        impression=impression,
        recommendations=prev.recommendations,
        addenda=prev.addenda,
        provenance=carry_provenance(prev.provenance, findings, impression),
        extra={"amends": prev.number},
        author=who,
        parent=prev,
        reason=reason,
    )
    rows, criticals = _recheck(session, report, prev, v)
    blocking = blocking_items(rows, criticals, bool(communications(session, report)))
    if blocking:
        raise Conflict(
            f"the amendment cannot be signed: {len(blocking)} blocking item(s) open", blocking=blocking
        )
    _audit(
        session,
        report,
        who,
        f"report.{'correct' if kind == 'corrected' else 'amend'}",
        before,
        {"version": v.number, "content_hash": v.content_hash, "status": kind},
    )
    return report


def acknowledge_check(
    session: Session, who: Principal, report_id: int, check_id: str, note: str | None
) -> Report:
    _require_writer(who, "acknowledge checks")
    report = get_report(session, report_id, lock=True)
    _refuse_signed(report, "acknowledge a check")
    v = current_version(session, report)
    row = session.scalar(
        select(CheckResult).where(CheckResult.version_id == v.id, CheckResult.check_id == check_id)
    )
    if row is None:
        raise NotFound(f"report {report.id} has no check {check_id!r} in its current version")
    if row.code in COMMUNICATION_CHECKS:
        raise Conflict(
            f"check {check_id!r} ({row.code}) is closed by recording the communication "
            "(POST .../critical-communications), not by acknowledging it"
        )
    if row.acknowledged_at is not None:
        return report
    before = state_hash(session, report)
    row.acknowledged_by_id = who.id
    row.acknowledged_at = utcnow()
    row.note = note
    session.flush()
    _audit(session, report, who, "check.acknowledge", before, {"check_id": check_id, "code": row.code})
    return report


def record_communication(
    session: Session,
    who: Principal,
    report_id: int,
    recipient: str,
    method: str,
    when: datetime,
    note: str | None,
) -> CriticalCommunication:
    _require_writer(who, "record critical-result communications")
    report = get_report(session, report_id, lock=True)
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    if when > utcnow() + timedelta(minutes=5):
        raise Invalid("time is in the future; give the time the result was communicated")
    before = state_hash(session, report)
    row = CriticalCommunication(
        report_id=report.id,
        recipient=recipient,
        method=method,
        communicated_at=when,
        note=note,
        recorded_by_id=who.id,
    )
    session.add(row)
    session.flush()
    report.updated_at = utcnow()
    _audit(
        session, report, who, "critical.communicate", before, {"communication_id": row.id, "method": method}
    )
    return row


def reports_for_study(session: Session, study_id: int) -> list[Report]:
    return list(session.scalars(select(Report).where(Report.study_id == study_id).order_by(Report.id)))


def count_versions(session: Session, report_id: int, status: str) -> int:
    return int(
        session.scalar(
            select(func.count()).where(ReportVersion.report_id == report_id, ReportVersion.status == status)
        )
        or 0
    )
