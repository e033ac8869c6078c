"""Read-only views of what the site's radiologists signed (for learning the site's style)."""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from radpilot.store.models import SIGNED_STATUSES, Report, ReportVersion


def signed_findings_and_impressions(session: Session) -> list[tuple[str, str]]:
    """(FINDINGS, IMPRESSION) of the current version of every signed report (final, amended or corrected),
    oldest report first."""
    rows = session.execute(
        select(ReportVersion.findings, ReportVersion.impression)
        .join(
            Report,
            and_(ReportVersion.report_id == Report.id, ReportVersion.number == Report.current_version),
        )
        .where(Report.status.in_(sorted(SIGNED_STATUSES)))
        .order_by(Report.id)
    ).all()
    return [(f or "", i or "") for f, i in rows]
