"""The radiologist's worklist: critical first, then priority, then the longest wait (cancelled orders and
signed studies are not on it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from radpilot.store.models import SIGNED_STATUSES, Report, Study, utcnow

#: Lower is more urgent (HL7 Table 0027 / FHIR request-priority, normalized by radpilot.interop.order).
PRIORITY_RANK = {
    "stat": 0,
    "asap": 1,
    "urgent": 2,
    "timing_critical": 3,
    "callback": 4,
    "preop": 5,
    "routine": 6,
}


def worklist(session: Session, *, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    now = utcnow()
    studies = list(session.scalars(select(Study)))
    reports: dict[int, list[Report]] = {}
    for r in session.scalars(select(Report).order_by(Report.id)):
        reports.setdefault(r.study_id, []).append(r)
    items: list[dict[str, Any]] = []
    for s in studies:
        rs = reports.get(s.id, [])
        if s.order.cancelled_at is not None or any(x.status in SIGNED_STATUSES for x in rs):
            continue
        last: Report | None = rs[-1] if rs else None
        st = last.status if last else "unreported"
        if status and st != status:
            continue
        items.append(
            {
                "study_id": s.id,
                "report_id": last.id if last else None,
                "accession": s.order.accession,
                "exam": s.order.exam,
                "modality": s.modality,
                "priority": s.order.priority,
                "critical": bool(last and last.critical),
                "status": st,
                "waiting_minutes": round((now - s.created_at).total_seconds() / 60.0, 1),
                "patient": {"id": s.patient.mrn, "name": s.patient.name},
                "created_at": s.created_at.isoformat(),
            }
        )
    items.sort(key=lambda i: (not i["critical"], PRIORITY_RANK.get(i["priority"], 9), -i["waiting_minutes"]))
    return items[:limit]
