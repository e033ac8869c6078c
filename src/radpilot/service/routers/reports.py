"""Reports: read, edit (new version), sign, addenda, amendments, checks, critical communications, exports, audit."""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import JSONResponse, PlainTextResponse

from radpilot.service import audit, exports, lifecycle
from radpilot.service.auth import WRITERS, allow
from radpilot.service.errors import Forbidden
from radpilot.service.routers import DbId
from radpilot.service.schemas import (
    Acknowledge,
    AddendumCreate,
    AmendmentCreate,
    CommunicationCreate,
    PatientLinkCreate,
    ReportEdit,
)
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal
from radpilot.store.models import SIGNED_STATUSES, Report

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])

READERS = ("radiologist", "resident", "admin", "referrer")
AUDITORS = ("radiologist", "admin")


def _visible(who: Principal, report: Report) -> None:
    """Referrers see signed results only; drafts and preliminary reports stay in the reading room."""
    if who.role == "referrer" and report.status not in SIGNED_STATUSES:
        raise Forbidden(f"report {report.id} is not signed yet; referrers see signed reports only")


@router.get(
    "/{report_id}",
    response_model=None,
    responses={
        200: {"content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}}}
    },
)
async def get_report(
    report_id: DbId, who: Principal = Depends(allow(*READERS)), state: ServiceState = Depends(get_state)
) -> JSONResponse:
    # Short CPU-bound work: the first-come-first-served lane (see ServiceState.cpu_lane).
    view = await anyio.to_thread.run_sync(_report_view, report_id, who, state, limiter=state.cpu_lane("read"))
    return JSONResponse(view)


def _report_view(report_id: int, who: Principal, state: ServiceState) -> dict[str, Any]:
    with state.db.read() as s:
        report = lifecycle.get_report(s, report_id)
        _visible(who, report)
        return lifecycle.report_view(s, report)


@router.put("/{report_id}")
def edit_report(
    report_id: DbId,
    body: ReportEdit,
    who: Principal = Depends(allow(*WRITERS)),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    with state.db.write() as s:
        report = lifecycle.edit_report(
            s, who, report_id, body.findings, body.impression, body.status, body.recommendations
        )
        return lifecycle.report_view(s, report)


@router.post("/{report_id}/sign")
def sign_report(
    report_id: DbId, who: Principal = Depends(allow("radiologist")), state: ServiceState = Depends(get_state)
) -> dict[str, Any]:
    with state.db.write() as s:
        report = lifecycle.sign_report(s, who, report_id)
        return lifecycle.report_view(s, report)


@router.post("/{report_id}/addenda", status_code=201)
def add_addendum(
    report_id: DbId,
    body: AddendumCreate,
    who: Principal = Depends(allow("radiologist")),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    with state.db.write() as s:
        report = lifecycle.add_addendum(s, who, report_id, body.text)
        return lifecycle.report_view(s, report)


@router.post("/{report_id}/amendments", status_code=201)
def amend_report(
    report_id: DbId,
    body: AmendmentCreate,
    who: Principal = Depends(allow("radiologist")),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    with state.db.write() as s:
        report = lifecycle.amend_report(
            s, who, report_id, body.findings, body.impression, body.reason, body.status
        )
        return lifecycle.report_view(s, report)


@router.post("/{report_id}/checks/{check_id}/acknowledge")
def acknowledge_check(
    report_id: DbId,
    check_id: str,
    body: Acknowledge | None = Body(None),
    who: Principal = Depends(allow(*WRITERS)),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    with state.db.write() as s:
        report = lifecycle.acknowledge_check(s, who, report_id, check_id, body.note if body else None)
        return lifecycle.report_view(s, report)


@router.post("/{report_id}/critical-communications", status_code=201)
def record_communication(
    report_id: DbId,
    body: CommunicationCreate,
    who: Principal = Depends(allow(*WRITERS)),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    with state.db.write() as s:
        row = lifecycle.record_communication(
            s, who, report_id, body.recipient, body.method, body.time, body.note
        )
        out = lifecycle.communication_dict(row)
        report = lifecycle.get_report(s, report_id)
        out["report"] = lifecycle.report_view(s, report)
        return out


@router.get("/{report_id}/fhir")
def report_fhir(
    report_id: DbId, who: Principal = Depends(allow(*READERS)), state: ServiceState = Depends(get_state)
) -> dict[str, Any]:
    with state.db.read() as s:
        report = lifecycle.get_report(s, report_id)
        _visible(who, report)
        return exports.fhir(s, report)


@router.get("/{report_id}/hl7", response_class=PlainTextResponse)
def report_hl7(
    report_id: DbId, who: Principal = Depends(allow(*READERS)), state: ServiceState = Depends(get_state)
) -> PlainTextResponse:
    with state.db.read() as s:
        report = lifecycle.get_report(s, report_id)
        _visible(who, report)
        return PlainTextResponse(exports.hl7(s, report), media_type="x-application/hl7-v2+er7; charset=utf-8")


@router.get("/{report_id}/patient")
def report_patient(
    report_id: DbId,
    lang: str = Query("en", pattern=r"^[a-z]{2}$"),
    who: Principal = Depends(allow(*READERS)),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    with state.db.read() as s:
        report = lifecycle.get_report(s, report_id)
        _visible(who, report)
        return exports.patient_version(s, report, lang)


@router.post("/{report_id}/patient-link", status_code=201)
def create_patient_link(
    report_id: DbId,
    body: PatientLinkCreate | None = Body(None),
    who: Principal = Depends(allow("radiologist")),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    from radpilot.service.links import create_link

    body = body or PatientLinkCreate()
    key = state.key()
    with state.db.write() as s:
        report = lifecycle.get_report(s, report_id, lock=True)
        exports.patient_version(s, report, body.lang)  # refuse now what the patient could not open later
        before = lifecycle.state_hash(s, report)
        link, token = create_link(
            s, key, who, report, body.hours or state.settings.patient_link_hours, body.lang
        )
        audit.append(
            s,
            chain=audit.report_chain(report.id),
            report_id=report.id,
            actor=who.actor,
            action="patient_link.create",
            before_hash=before,
            after_hash=before,
            detail={"link_id": link.id, "expires_at": link.expires_at.isoformat()},
        )
        path = f"/api/v1/patient-links/{token}"
        return {
            "token": token,
            "path": path,
            "url": f"{state.settings.public_url}{path}",
            "expires_at": link.expires_at.isoformat(),
            "lang": link.lang,
        }


@router.get("/{report_id}/audit")
def report_audit(
    report_id: DbId, who: Principal = Depends(allow(*AUDITORS)), state: ServiceState = Depends(get_state)
) -> list[dict[str, Any]]:
    with state.db.read() as s:
        lifecycle.get_report(s, report_id)
        return [audit.event_dict(e) for e in audit.events(s, audit.report_chain(report_id))]


@router.get("/{report_id}/audit/verify")
def verify_audit(
    report_id: DbId, who: Principal = Depends(allow(*AUDITORS)), state: ServiceState = Depends(get_state)
) -> dict[str, Any]:
    with state.db.read() as s:
        lifecycle.get_report(s, report_id)
        return audit.verify_report(s, report_id).to_dict()
