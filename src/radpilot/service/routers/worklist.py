"""``GET /api/v1/worklist``: critical first, then priority, then waiting time."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from radpilot.service.auth import allow
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal
from radpilot.service.worklist import worklist

router = APIRouter(prefix="/api/v1/worklist", tags=["worklist"])


@router.get("")
def get_worklist(
    status: str | None = Query(None, pattern=r"^(unreported|draft|preliminary)$"),
    limit: int = Query(200, ge=1, le=2000),
    who: Principal = Depends(allow("radiologist", "resident")),
    state: ServiceState = Depends(get_state),
) -> list[dict[str, Any]]:
    with state.db.read() as s:
        return worklist(s, status=status, limit=limit)
