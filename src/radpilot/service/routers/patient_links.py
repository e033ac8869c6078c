"""The patient's side of a signed link: no login, only the lay version of that one report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from radpilot.service import exports, lifecycle
from radpilot.service.links import resolve
from radpilot.service.state import ServiceState, get_state

router = APIRouter(prefix="/api/v1/patient-links", tags=["patient"])

#: Nothing about a patient page may be cached, indexed, or leaked through a Referer header.
PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow, noarchive",
    "Referrer-Policy": "no-referrer",
}


@router.get("/{token}")
def open_patient_link(
    token: str,
    lang: str | None = Query(None, pattern=r"^[a-z]{2}$"),
    state: ServiceState = Depends(get_state),
) -> Any:
    key = state.key()
    with state.db.read() as s:
        link = resolve(s, key, token)
        report = lifecycle.get_report(s, link.report_id)
        body: dict[str, Any] = exports.patient_version(s, report, lang or link.lang)
        body["expires_at"] = link.expires_at.isoformat()
    return JSONResponse(body, headers=PRIVATE_HEADERS)
