"""Images for the viewer, rendered by the server from the stored DICOM instances (PNG)."""

from __future__ import annotations

import os
from functools import lru_cache

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from radpilot.service.routers import DbId
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal
from radpilot.service.web import session
from radpilot.service.web.errors import PageError
from radpilot.store.models import Instance, Series

router = APIRouter()

SIZES = (128, 256, 512, 1024, 2048)


@lru_cache(maxsize=64)
def _render(path: str, mtime: float, window: str, size: int) -> bytes:
    from pydicom import dcmread

    from radpilot.interop.dicom_render import render_png

    ds = dcmread(path)
    return render_png(ds, window=window, max_size=size)


@router.get("/images/{study_id}/{sop_uid}.png", response_model=None)
def image(
    request: Request,
    study_id: DbId,
    sop_uid: str,
    window: str = Query("default", max_length=40, pattern=r"^[A-Za-z0-9_.,/ -]+$"),
    size: int = Query(1024),
    who: Principal = Depends(session.page("radiologist", "resident", "admin")),
    state: ServiceState = Depends(get_state),
) -> Response:
    if size not in SIZES:
        raise PageError(422, f"size must be one of {', '.join(map(str, SIZES))}")
    with state.db.read() as s:
        row = s.execute(
            select(Instance.path, Series.study_id)
            .join(Series, Series.id == Instance.series_id)
            .where(Instance.sop_instance_uid == sop_uid)
        ).first()
    if row is None or row.study_id != study_id:
        raise PageError(404, "There is no such image in this study.")
    try:
        mtime = os.stat(row.path).st_mtime
    except OSError:
        raise PageError(404, "The image file is missing from the image store.") from None
    from radpilot.interop.dicom_render import RenderError

    try:
        png = _render(row.path, mtime, window, size)
    except RenderError as exc:
        raise PageError(422, f"The image cannot be shown with window {window!r}: {exc}") from None
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})
