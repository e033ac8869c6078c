"""``GET /api/v1/metrics``: counts, turnaround, AI-draft edit distance, estimated time and cost saved."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from radpilot.service.auth import allow
from radpilot.service.metrics import metrics
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal

router = APIRouter(prefix="/api/v1/metrics", tags=["metrics"])


@router.get("")
def get_metrics(
    hourly_rate: float | None = Query(None, gt=0, le=100_000, description="USD per radiologist hour"),
    who: Principal = Depends(allow("radiologist", "admin")),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    rate = hourly_rate if hourly_rate is not None else state.settings.hourly_rate
    with state.db.read() as s:
        return metrics(s, hourly_rate=rate, seconds_per_word=state.settings.seconds_per_word)
