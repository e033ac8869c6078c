"""A report in the formats other systems read: FHIR R4 DiagnosticReport, HL7 v2 ORU^R01, the patient version."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from radpilot.service.errors import Conflict, Invalid
from radpilot.service.lifecycle import current_version
from radpilot.store.models import Report, ReportVersion, User

#: Our status -> FHIR DiagnosticReport.status; a draft is not a result and is not exported.
FHIR_STATUS = {"preliminary": "preliminary", "final": "final", "amended": "amended", "corrected": "corrected"}


def _exam(report: Report, v: ReportVersion) -> tuple[str, str | None, str]:
    """(examination, exam code, indication) as the version states them: a signed version's own copy, so that a
    later order message cannot change what a final report says it examined; else the order as it is now."""
    if v.exam is not None:
        return v.exam, v.exam_code, v.indication or ""
    order = report.study.order
    return order.exam, order.exam_code, order.indication or ""


def _sections(report: Report, v: ReportVersion) -> dict[str, str]:
    exam, _, indication = _exam(report, v)
    sections = {
        "examination": exam,
        "indication": indication,
        "findings": v.findings,
        "impression": v.impression,
        "recommendation": "\n".join(str(r) for r in v.recommendations),
    }
    if v.addenda:
        sections["addendum"] = "\n".join(str(a.get("text", "")) for a in v.addenda if isinstance(a, dict))
    return {k: t for k, t in sections.items() if t.strip()}


def _exportable(report: Report, what: str) -> None:
    if report.status not in FHIR_STATUS:
        raise Conflict(
            f"report {report.id} is a {report.status}; only preliminary or signed reports go out as {what}"
        )


def _order_patient(report: Report) -> Any:
    from radpilot.interop.order import OrderPatient

    p = report.study.patient
    family, given = None, None
    if p.name:
        family, _, given = p.name.partition("^")
        given = given or None
    return OrderPatient(
        id=p.mrn, family_name=family or None, given_name=given, birth_date=p.birth_date, sex=p.sex
    )


def _interpreter(session: Session, report: Report) -> Any:
    from radpilot.interop.order import OrderingProvider

    if report.signed_by_id is None:
        return None
    user = session.get(User, report.signed_by_id)
    return OrderingProvider(id=str(user.id), family_name=user.name) if user else None


def fhir(session: Session, report: Report) -> dict[str, Any]:
    from radpilot.interop.fhir import FHIRValidationError, ReportInput, diagnostic_report
    from radpilot.structure import default_engine

    _exportable(report, "FHIR")
    v = current_version(session, report)
    status = "appended" if v.kind == "addendum" else FHIR_STATUS[report.status]
    findings = default_engine().structure(f"FINDINGS: {v.findings}\nIMPRESSION: {v.impression}").findings
    exam, exam_code, _ = _exam(report, v)
    try:
        resource = diagnostic_report(
            ReportInput(
                id=f"report-{report.id}-v{v.number}",
                status=status,
                sections=_sections(report, v),
                patient=_order_patient(report),
                issued=v.created_at,
                effective=report.study.created_at,
                accession=report.study.order.accession,
                study_instance_uid=report.study.study_instance_uid,
                exam_code=exam_code,
                exam_text=exam,
                interpreter=_interpreter(session, report),
                findings=findings,
            )
        )
    except FHIRValidationError as exc:
        raise Invalid(f"the report cannot be expressed as FHIR: {exc}") from None
    out: dict[str, Any] = resource.model_dump(mode="json", exclude_none=True)
    return out


def hl7(session: Session, report: Report) -> str:
    from radpilot.interop.hl7v2 import ResultReport, build_oru_r01

    _exportable(report, "HL7")
    v = current_version(session, report)
    exam, exam_code, _ = _exam(report, v)
    try:
        return build_oru_r01(
            ResultReport(
                patient=_order_patient(report),
                accession=report.study.order.accession,
                exam_code=exam_code or exam[:20],
                exam_text=exam,
                sections=_sections(report, v),
                status=report.status,
                observation_datetime=report.study.created_at,
                report_datetime=v.created_at,
                interpreter=_interpreter(session, report),
            )
        )
    except ValueError as exc:
        raise Invalid(f"the report cannot be expressed as HL7 ORU^R01: {exc}") from None


def patient_version(session: Session, report: Report, lang: str = "en") -> dict[str, Any]:
    from radpilot.patient import ReportNotUnderstood, languages, render_json, simplify

    if lang not in languages():
        raise Invalid(f"unknown language {lang!r}; use one of {', '.join(languages())}")
    v = current_version(session, report)
    text = f"FINDINGS: {v.findings}\nIMPRESSION: {v.impression}"
    if v.recommendations:
        text += "\nRECOMMENDATION: " + " ".join(str(r) for r in v.recommendations)
    try:
        pv = simplify(text, lang=lang)
    except ReportNotUnderstood as exc:
        raise Conflict(f"no patient version for report {report.id}: {exc}") from None
    out: dict[str, Any] = render_json(pv, rid=report.id)
    out["report_status"] = report.status
    return out
