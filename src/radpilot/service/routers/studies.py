"""Studies (with their order and patient) and the drafting of their reports."""

from __future__ import annotations

from functools import partial
from typing import Any

import anyio
from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import JSONResponse
from sqlalchemy import bindparam, func, select

from radpilot.service import drafting, lifecycle
from radpilot.service.auth import WRITERS, allow
from radpilot.service.errors import Conflict, Invalid, NotFound
from radpilot.service.jobs import job_dict
from radpilot.service.routers import MAX_DB_INT, DbId
from radpilot.service.schemas import DraftCreate, StudyCreate
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal
from radpilot.store.models import Instance, Order, Patient, Report, Series, Study

router = APIRouter(prefix="/api/v1/studies", tags=["studies"])

READERS = ("radiologist", "resident", "admin", "referrer")


def study_dict(s: Study, instances: int = 0, reports: list[Report] | None = None) -> dict[str, Any]:
    o, p = s.order, s.patient
    return {
        "id": s.id,
        "accession": o.accession,
        "exam": o.exam,
        "exam_code": o.exam_code,
        "modality": s.modality,
        "indication": o.indication,
        "priority": o.priority,
        "ordering_clinician": o.ordering_clinician,
        "cancelled_at": o.cancelled_at.isoformat() if o.cancelled_at else None,
        "study_instance_uid": s.study_instance_uid,
        "instances": instances,
        "patient": {
            "id": p.mrn,
            "name": p.name,
            "sex": p.sex,
            "birth_date": p.birth_date.isoformat() if p.birth_date else None,
        },
        "created_at": s.created_at.isoformat(),
        "reports": [{"id": r.id, "status": r.status} for r in (reports or [])],
    }


def _instance_counts(session: Any, study_ids: list[int]) -> dict[int, int]:
    if not study_ids:
        return {}
    rows = session.execute(
        select(Series.study_id, func.count(Instance.id))
        .join(Instance, Instance.series_id == Series.id)
        .where(Series.study_id.in_(study_ids))
        .group_by(Series.study_id)
    ).all()
    return {int(sid): int(n) for sid, n in rows}


@router.post("", status_code=201)
def create_study(
    body: StudyCreate,
    who: Principal = Depends(allow("radiologist", "resident", "admin", "referrer")),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    with state.db.write() as s:
        study = lifecycle.create_study(s, who, body.model_dump())
        return study_dict(study)


@router.get("")
def list_studies(
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=MAX_DB_INT),
    accession: str | None = Query(None, max_length=64),
    who: Principal = Depends(allow(*READERS)),
    state: ServiceState = Depends(get_state),
) -> list[dict[str, Any]]:
    with state.db.read() as s:
        stmt = select(Study).order_by(Study.id.desc()).limit(limit).offset(offset)
        if accession:
            stmt = stmt.join(Order, Order.id == Study.order_id).where(Order.accession == accession)
        studies = list(s.scalars(stmt))
        counts = _instance_counts(s, [x.id for x in studies])
        return [study_dict(x, counts.get(x.id, 0)) for x in studies]


@router.get("/{study_id}")
def get_study(
    study_id: DbId, who: Principal = Depends(allow(*READERS)), state: ServiceState = Depends(get_state)
) -> dict[str, Any]:
    with state.db.read() as s:
        study = lifecycle.get_study(s, study_id)
        counts = _instance_counts(s, [study.id])
        return study_dict(study, counts.get(study.id, 0), lifecycle.reports_for_study(s, study.id))


def _check_backend(name: str | None) -> None:
    if name is None or name == "rules":
        return
    from radpilot.models.registry import backend_names

    names = backend_names()
    if name not in names:
        raise Invalid(f"unknown backend {name!r}; use one of {', '.join(sorted(names))}")


# Built once (a statement object keeps its cache key): what a draft needs of its study, and its images.
_DRAFT_STUDY = (
    select(
        Study.id,
        Study.modality,
        Study.study_instance_uid,
        Study.created_at,
        Order.exam,
        Order.indication,
        Order.accession,
        Order.cancelled_at,
        Patient.birth_date,
        Patient.sex,
    )
    .join(Order, Order.id == Study.order_id)
    .join(Patient, Patient.id == Study.patient_id)
    .where(Study.id == bindparam("study_id"))
)
_DRAFT_IMAGES = (
    select(Instance.path)
    .join(Series, Series.id == Instance.series_id)
    .where(Series.study_id == bindparam("study_id"))
)


@router.post("/{study_id}/drafts", status_code=201, response_model=None)
async def create_draft(
    study_id: DbId,
    body: DraftCreate | None = None,
    wait: bool = Query(True, description="wait for the drafting job (else answer 202 with the job)"),
    idempotency_key: str | None = Header(None, max_length=200),
    who: Principal = Depends(allow(*WRITERS)),
    state: ServiceState = Depends(get_state),
) -> Any:
    """Draft a report as a job; answers 201 with the draft, or 202 with the job while it is still running."""
    body = body or DraftCreate()
    backend = body.backend or state.settings.default_backend
    _check_backend(backend)
    inline = wait and state.jobs.inline
    # A draft the rules engine writes in this request takes its own first-come-first-served lane; a model-backed
    # one, and any waiting for a job run elsewhere, the shared pool.
    lane = state.cpu_lane("draft") if inline and backend in (None, "rules") else None
    work = partial(_start_draft, study_id, body, backend, inline, idempotency_key, who, state)
    started = await anyio.to_thread.run_sync(work, limiter=lane)
    if isinstance(started, JSONResponse):
        return started
    return await anyio.to_thread.run_sync(partial(_draft_answer, state, *started, wait))


def _start_draft(
    study_id: int,
    body: DraftCreate,
    backend: str | None,
    inline: bool,
    idempotency_key: str | None,
    who: Principal,
    state: ServiceState,
) -> JSONResponse | tuple[str, bool]:
    """Store the drafting job and, for a caller that waits on the in-process worker, run it: the answer if it
    succeeded, else the job's id and whether it is new, for :func:`_draft_answer`."""
    with state.db.write() as s:
        conn = s.connection()
        row = conn.execute(_DRAFT_STUDY, {"study_id": study_id}).first()
        if row is None:
            raise NotFound(f"no study {study_id}")
        if row.cancelled_at is not None:
            raise Conflict(
                f"study {study_id}: its order (accession {row.accession!r}) was cancelled; it is not drafted"
            )
        paths = list(conn.execute(_DRAFT_IMAGES, {"study_id": study_id}).scalars())
        payload = {
            "study_id": study_id,
            "study": drafting.input_fields(
                exam=row.exam,
                modality=row.modality,
                indication=row.indication,
                accession=row.accession,
                study_instance_uid=row.study_instance_uid,
                birth_date=row.birth_date,
                sex=row.sex,
                created_at=row.created_at,
                images=paths,
            ),
            "findings": body.findings,
            "backend": backend,
            "actor": {"id": who.id, "name": who.name, "role": who.role},
        }
        key = f"draft:{study_id}:{who.id}:{idempotency_key}" if idempotency_key else None
        # A caller that waits runs its new job in its own thread, so the job is stored already claimed: one
        # transaction instead of an insert and then a claim (the same rules for retries and recovery).
        job, created = state.jobs.enqueue(
            s, "draft", payload, idempotency_key=key, created_by=who.id, claimed=inline
        )
    if created:
        if inline and job.status == "running":
            state.jobs.awaited.add(job.id)
            try:
                state.jobs.run_claimed(job)
            finally:
                state.jobs.awaited.discard(job.id)
            view = state.jobs.memo.pop(job.id, None)
            if view is not None:  # it succeeded: the report as just stored, without reading it back
                view["job_id"] = job.id
                return JSONResponse(view, status_code=201)
        else:
            state.jobs.submit(job.id)
    return job.id, created


def _draft_answer(state: ServiceState, job_id: str, created: bool, wait: bool) -> JSONResponse:
    job = state.jobs.wait(job_id, state.settings.draft_wait_s if wait else 0.0)
    if job.status == "succeeded" and job.result:
        with state.db.read() as s:
            view = lifecycle.report_view(s, lifecycle.get_report(s, int(job.result["report_id"])))
        view["job_id"] = job.id
        return JSONResponse(view, status_code=201 if created else 200)
    if job.status == "failed":
        return JSONResponse(
            {"detail": f"drafting failed: {job.error}", "job": job_dict(job)}, status_code=422
        )
    return JSONResponse(
        {"job_id": job.id, "status": job.status, "job": job_dict(job)},
        status_code=202,
        headers={"Location": f"/api/v1/jobs/{job.id}"},
    )
