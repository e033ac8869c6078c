"""``GET /healthz``: the process is up and the database answers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import text

from radpilot.service.state import ServiceState, get_state

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(state: ServiceState = Depends(get_state)) -> Any:
    try:
        with state.db.read() as s:
            s.execute(text("SELECT 1"))
    except Exception as exc:
        return JSONResponse({"status": "error", "database": type(exc).__name__}, status_code=503)
    return {
        "status": "ok",
        "database": state.db.dialect,
        "jobs": "celery" if state.settings.celery_broker else "in-process",
    }
