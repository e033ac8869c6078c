"""Follow-ups recommended in signed reports (exam, due date, status)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select

from radpilot.service import audit, lifecycle
from radpilot.service.auth import allow
from radpilot.service.errors import NotFound
from radpilot.service.routers import DbId
from radpilot.service.schemas import FollowUpUpdate
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal
from radpilot.store.models import FollowUp, utcnow

router = APIRouter(prefix="/api/v1/follow-ups", tags=["follow-ups"])


def follow_up_dict(f: FollowUp) -> dict[str, Any]:
    return {
        "id": f.id,
        "report_id": f.report_id,
        "recommendation": f.recommendation,
        "due_date": f.due_date.isoformat() if f.due_date else None,
        "status": f.status,
        "created_at": f.created_at.isoformat(),
        "updated_at": f.updated_at.isoformat(),
    }


@router.get("")
def list_follow_ups(
    status: str | None = Query(None, pattern=r"^(open|scheduled|completed|cancelled)$"),
    who: Principal = Depends(allow("radiologist", "resident", "admin", "referrer")),
    state: ServiceState = Depends(get_state),
) -> list[dict[str, Any]]:
    with state.db.read() as s:
        stmt = select(FollowUp).order_by(FollowUp.due_date, FollowUp.id)
        if status:
            stmt = stmt.where(FollowUp.status == status)
        return [follow_up_dict(f) for f in s.scalars(stmt)]


@router.patch("/{follow_up_id}")
def update_follow_up(
    follow_up_id: DbId,
    body: FollowUpUpdate,
    who: Principal = Depends(allow("radiologist", "resident", "admin", "referrer")),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    with state.db.write() as s:
        f = s.get(FollowUp, follow_up_id)
        if f is None:
            raise NotFound(f"no follow-up {follow_up_id}")
        report = lifecycle.get_report(s, f.report_id, lock=True)
        before = lifecycle.state_hash(s, report)
        old = f.status
        f.status = body.status
        f.updated_at = utcnow()
        audit.append(
            s,
            chain=audit.report_chain(report.id),
            report_id=report.id,
            actor=who.actor,
            action="follow_up.update",
            before_hash=before,
            after_hash=before,
            detail={"follow_up_id": f.id, "from": old, "to": body.status},
        )
        return follow_up_dict(f)
