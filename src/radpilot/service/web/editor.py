"""The study page (viewer and report editor) and the report actions it posts with htmx.

Every action that changes a report goes through ``radpilot.service.lifecycle`` (the same rules, roles and
audit events as the API). Actions carry the editor's text: when it differs from the saved version it is saved
first (a new version, checks re-run), so nothing typed is lost and a check is acknowledged on the text it was
raised on.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from radpilot.service import audit, lifecycle
from radpilot.service.errors import ServiceError
from radpilot.service.routers import DbId
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal
from radpilot.service.web import session
from radpilot.service.web.analysis import analyse
from radpilot.service.web.errors import PageError
from radpilot.service.web.markup import diff_html, engine_text
from radpilot.service.web.templating import render
from radpilot.store.models import SIGNED_STATUSES, Instance, Report, ReportVersion, Series, Study, User

router = APIRouter()

CLINICIANS = ("radiologist", "resident")
AUDITORS = ("radiologist", "admin")
TEXT_MAX = 20_000


def window_presets(modality: str) -> list[tuple[str, str]]:
    """(value, label) of the window presets offered for a modality (HU presets only where there are HU)."""
    base = [("default", "Default"), ("full", "Full range")]
    if modality.upper() == "CT":
        return [
            *base,
            ("lung", "Lung"),
            ("mediastinum", "Mediastinum"),
            ("bone", "Bone"),
            ("soft_tissue", "Soft tissue"),
        ]
    return base


def _series(s: Session, study: Study) -> list[dict[str, Any]]:
    out = []
    for se in s.scalars(select(Series).where(Series.study_id == study.id).order_by(Series.number, Series.id)):
        instances = list(
            s.scalars(
                select(Instance).where(Instance.series_id == se.id).order_by(Instance.number, Instance.id)
            )
        )
        out.append(
            {
                "uid": se.series_instance_uid,
                "number": se.number,
                "description": se.description or se.modality,
                "modality": se.modality,
                "instances": [{"sop": i.sop_instance_uid, "number": i.number} for i in instances],
            }
        )
    return out


def _users(s: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {u.id: u.name for u in s.scalars(select(User).where(User.id.in_(wanted)))}


def report_context(
    s: Session,
    report: Report,
    who: Principal,
    *,
    findings: str | None = None,
    impression: str | None = None,
    message: str | None = None,
    error: str | None = None,
    link: dict[str, Any] | None = None,
) -> dict[str, Any]:
    view = lifecycle.report_view(s, report)
    a = analyse(s, report, findings, impression)
    versions = list(
        s.scalars(
            select(ReportVersion).where(ReportVersion.report_id == report.id).order_by(ReportVersion.number)
        )
    )
    ai = next((v for v in versions if v.kind == "ai_draft"), None)
    names = _users(
        s,
        {v.author_id for v in versions}
        | {report.signed_by_id}
        | {c["recorded_by"] for c in view["communications"]},
    )
    current_text = engine_text(a.findings, a.impression)
    return {
        "report": view,
        "a": a,
        "versions": versions,
        "names": names,
        "ai_diff": diff_html(engine_text(ai.findings, ai.impression), current_text) if ai else None,
        "ai_changed": bool(ai and engine_text(ai.findings, ai.impression) != current_text),
        "signed": report.status in SIGNED_STATUSES,
        "message": message,
        "error": error,
        "link": link,
        "methods": lifecycle.COMMUNICATION_METHODS,
        "now_local": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M"),
        "can_write": who.role in CLINICIANS,
        "can_sign_role": who.role == "radiologist",
        "can_audit": who.role in AUDITORS,
    }


@router.get("/studies/{study_id}", response_class=HTMLResponse)
def study_page(
    request: Request,
    study_id: DbId,
    who: Principal = Depends(session.page(*CLINICIANS)),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    with state.db.read() as s:
        study = s.get(Study, study_id)
        if study is None:
            raise PageError(404, f"There is no study {study_id}.")
        reports = lifecycle.reports_for_study(s, study.id)
        series = _series(s, study)
        ctx = report_context(s, reports[-1], who) if reports else None
        return render(
            request,
            "study.html",
            study=study,
            order=study.order,
            patient=study.patient,
            series=series,
            presets=window_presets(study.modality),
            first=series[0]["instances"][0] if series and series[0]["instances"] else None,
            total_images=sum(len(x["instances"]) for x in series),
            rc=ctx,
            age=_age(study),
        )


def _age(study: Study) -> int | None:
    from radpilot.service.drafting import age_at

    return age_at(study.patient.birth_date, study.created_at.date())


@router.post("/studies/{study_id}/draft", response_model=None)
def create_draft(
    request: Request,
    study_id: DbId,
    who: Principal = Depends(session.page(*CLINICIANS)),
    state: ServiceState = Depends(get_state),
) -> Response:
    """Draft the report with the service's drafting job (the same job the API runs), then show the study."""
    from radpilot.service import drafting

    with state.db.write() as s:
        study = s.get(Study, study_id)
        if study is None:
            raise PageError(404, f"There is no study {study_id}.")
        if study.order.cancelled_at is not None:
            raise PageError(409, f"The order of study {study_id} was cancelled; it is not drafted.")
        if lifecycle.reports_for_study(s, study.id):
            return Response(status_code=204, headers={"HX-Redirect": f"/studies/{study_id}"})
        paths = list(
            s.scalars(
                select(Instance.path)
                .join(Series, Series.id == Instance.series_id)
                .where(Series.study_id == study.id)
            )
        )
        payload = {
            "study_id": study.id,
            "study": drafting.study_input_fields(study, paths),
            "findings": None,
            "backend": state.settings.default_backend,
            "actor": {"id": who.id, "name": who.name, "role": who.role},
        }
        job, created = state.jobs.enqueue(
            s, "draft", payload, idempotency_key=f"web-draft:{study.id}", created_by=who.id
        )
        job_id = job.id
    if created:
        state.jobs.submit(job_id)
    job = state.jobs.wait(job_id, state.settings.draft_wait_s)
    if job.status == "failed":
        raise PageError(422, f"Drafting failed: {job.error}")
    return Response(status_code=204, headers={"HX-Redirect": f"/studies/{study_id}"})


# --- report actions (htmx) ----------------------------------------------------------------------------------


def _panel(
    request: Request,
    state: ServiceState,
    report_id: DbId,
    who: Principal,
    *,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    with state.db.read() as s:
        report = _report(s, report_id)
        return render(request, "_report.html", status=status, rc=report_context(s, report, who, **extra))


def _report(s: Session, report_id: int) -> Report:
    report = s.get(Report, report_id)
    if report is None:
        raise PageError(404, f"There is no report {report_id}.")
    return report


def _clean_text(findings: str, impression: str) -> tuple[str, str]:
    for name, value in (("findings", findings), ("impression", impression)):
        if len(value) > TEXT_MAX:
            raise ServiceError(f"the {name} are longer than {TEXT_MAX} characters")
        if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
            raise ServiceError(f"the {name} contain control characters")
    return findings.replace("\r\n", "\n"), impression.replace("\r\n", "\n")


def _save_if_changed(
    s: Session,
    who: Principal,
    report_id: DbId,
    findings: str | None,
    impression: str | None,
    status: str | None = None,
) -> bool:
    """Store the editor's text as a new version when it differs from the saved one (or the status changes)."""
    if findings is None or impression is None:
        return False
    findings, impression = _clean_text(findings, impression)
    report = lifecycle.get_report(s, report_id)
    if report.status in SIGNED_STATUSES:
        return False
    v = lifecycle.current_version(s, report)
    same = (findings.strip(), impression.strip()) == (v.findings.strip(), v.impression.strip())
    if same and (status is None or status == report.status):
        return False
    if not findings.strip() and not impression.strip():
        raise ServiceError("the report is empty: write the findings or the impression")
    lifecycle.edit_report(s, who, report_id, findings.strip(), impression.strip(), status)
    return True


def _act(
    request: Request,
    state: ServiceState,
    who: Principal,
    report_id: DbId,
    findings: str | None,
    impression: str | None,
    action: Any,
    done: str,
) -> HTMLResponse:
    """Save the text if changed, run ``action(session)``, answer the refreshed report panel (or the error)."""
    try:
        with state.db.write() as s:
            _report(s, report_id)
            _save_if_changed(s, who, report_id, findings, impression)
            extra = action(s) or {}
    except ServiceError as exc:
        blocking = exc.extra.get("blocking") if isinstance(exc.extra, dict) else None
        detail = exc.detail
        if blocking:
            detail += ": " + "; ".join(str(b.get("message", "")) for b in blocking)
        return _panel(
            request, state, report_id, who, status=200, findings=findings, impression=impression, error=detail
        )
    return _panel(request, state, report_id, who, message=done, **extra)


@router.post("/reports/{report_id}/live", response_class=HTMLResponse)
def live(
    request: Request,
    report_id: DbId,
    findings: str = Form("", max_length=TEXT_MAX),
    impression: str = Form("", max_length=TEXT_MAX),
    who: Principal = Depends(session.page(*CLINICIANS)),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    """Structuring, checks and guidelines of the text as typed (nothing is stored)."""
    with state.db.read() as s:
        report = _report(s, report_id)
        try:
            f, i = _clean_text(findings, impression)
        except ServiceError as exc:
            return render(request, "_error_note.html", message=exc.detail)
        rc = report_context(s, report, who, findings=f, impression=i)
        return render(request, "_analysis.html", rc=rc)


@router.post("/reports/{report_id}/save", response_class=HTMLResponse)
def save(
    request: Request,
    report_id: DbId,
    findings: str = Form("", max_length=TEXT_MAX),
    impression: str = Form("", max_length=TEXT_MAX),
    preliminary: bool = Form(False),
    who: Principal = Depends(session.page(*CLINICIANS)),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    def action(s: Session) -> None:
        if preliminary:
            _save_if_changed(s, who, report_id, findings, impression, "preliminary")

    return _act(
        request,
        state,
        who,
        report_id,
        findings,
        impression,
        action,
        "Saved as preliminary." if preliminary else "Saved.",
    )


@router.post("/reports/{report_id}/sign", response_class=HTMLResponse)
def sign(
    request: Request,
    report_id: DbId,
    findings: str | None = Form(None, max_length=TEXT_MAX),
    impression: str | None = Form(None, max_length=TEXT_MAX),
    who: Principal = Depends(session.page(*CLINICIANS)),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    def action(s: Session) -> None:
        lifecycle.sign_report(s, who, report_id)

    return _act(request, state, who, report_id, findings, impression, action, "Signed. The report is final.")


@router.post("/reports/{report_id}/checks/{check_id}/acknowledge", response_class=HTMLResponse)
def acknowledge(
    request: Request,
    report_id: DbId,
    check_id: str,
    findings: str | None = Form(None, max_length=TEXT_MAX),
    impression: str | None = Form(None, max_length=TEXT_MAX),
    note: str | None = Form(None, max_length=2000),
    who: Principal = Depends(session.page(*CLINICIANS)),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    def action(s: Session) -> None:
        lifecycle.acknowledge_check(s, who, report_id, check_id[:64], (note or "").strip() or None)

    return _act(request, state, who, report_id, findings, impression, action, "Check acknowledged.")


@router.post("/reports/{report_id}/communications", response_class=HTMLResponse)
def communicate(
    request: Request,
    report_id: DbId,
    recipient: str = Form("", max_length=200),
    method: str = Form("", max_length=20),
    time: str = Form("", max_length=40),
    tz_offset: int = Form(0, ge=-900, le=900),
    note: str | None = Form(None, max_length=2000),
    findings: str | None = Form(None, max_length=TEXT_MAX),
    impression: str | None = Form(None, max_length=TEXT_MAX),
    who: Principal = Depends(session.page(*CLINICIANS)),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    def action(s: Session) -> None:
        if not recipient.strip():
            raise ServiceError("say whom you told (recipient)")
        if method not in lifecycle.COMMUNICATION_METHODS:
            raise ServiceError(f"choose how you told them: {', '.join(lifecycle.COMMUNICATION_METHODS)}")
        try:
            local = datetime.fromisoformat(time)
        except ValueError:
            raise ServiceError("give the date and time the result was communicated") from None
        # A datetime-local field has no zone: the browser sends its offset (minutes, as getTimezoneOffset()).
        when = local if local.tzinfo else (local + timedelta(minutes=tz_offset)).replace(tzinfo=UTC)
        lifecycle.record_communication(
            s, who, report_id, recipient.strip(), method, when, (note or "").strip() or None
        )

    return _act(request, state, who, report_id, findings, impression, action, "Communication recorded.")


@router.post("/reports/{report_id}/addenda", response_class=HTMLResponse)
def addendum(
    request: Request,
    report_id: DbId,
    text: str = Form("", max_length=10_000),
    who: Principal = Depends(session.page(*CLINICIANS)),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    def action(s: Session) -> None:
        if not text.strip():
            raise ServiceError("the addendum is empty")
        lifecycle.add_addendum(s, who, report_id, text.strip())

    return _act(request, state, who, report_id, None, None, action, "Addendum added.")


@router.post("/reports/{report_id}/patient-link", response_class=HTMLResponse)
def patient_link(
    request: Request,
    report_id: DbId,
    lang: str = Form("en", pattern=r"^[a-z]{2}$"),
    who: Principal = Depends(session.page(*CLINICIANS)),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    from radpilot.service import exports
    from radpilot.service.links import create_link

    key = state.key()  # before the write transaction: making the key the first time is a write of its own

    def action(s: Session) -> dict[str, Any]:
        if who.role != "radiologist":
            raise ServiceError("only radiologists may give patients a link")
        report = lifecycle.get_report(s, report_id, lock=True)
        exports.patient_version(s, report, lang)  # refuse now what the patient could not open later
        before = lifecycle.state_hash(s, report)
        link, token = create_link(s, key, who, report, state.settings.patient_link_hours, lang)
        audit.append(
            s,
            chain=audit.report_chain(report.id),
            report_id=report.id,
            actor=who.actor,
            action="patient_link.create",
            before_hash=before,
            after_hash=before,
            detail={"link_id": link.id, "expires_at": link.expires_at.isoformat(), "via": "web"},
        )
        base = state.settings.public_url or str(request.base_url).rstrip("/")
        return {"link": {"url": f"{base}/p/{token}", "expires_at": link.expires_at.isoformat(), "lang": lang}}

    return _act(request, state, who, report_id, None, None, action, "Patient link created.")


@router.get("/reports/{report_id}/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    report_id: DbId,
    who: Principal = Depends(session.page(*AUDITORS)),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    with state.db.read() as s:
        report = _report(s, report_id)
        events = [audit.event_dict(e) for e in audit.events(s, audit.report_chain(report.id))]
        verification = audit.verify_report(s, report.id)
        return render(
            request,
            "audit.html",
            report=report,
            study=report.study,
            events=events,
            verification=verification,
        )
