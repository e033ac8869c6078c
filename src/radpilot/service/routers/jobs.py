"""Background job status."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from radpilot.service.auth import allow
from radpilot.service.jobs import job_dict
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal

router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"])


@router.get("/{job_id}")
def get_job(
    job_id: str,
    who: Principal = Depends(allow("radiologist", "resident", "admin")),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    return job_dict(state.jobs.get(job_id))
