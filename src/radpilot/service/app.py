"""The FastAPI application factory: ``create_app(settings)``.

Migrations run at start; jobs go to the in-process worker, or to Celery when ``RADPILOT_CELERY_BROKER`` is set.
Logs carry the method, the route template (``/api/v1/reports/{report_id}``), the status and the time: never a
body, a query string, a token or a name. CORS is closed unless ``RADPILOT_CORS_ORIGINS`` lists origins.
"""

from __future__ import annotations

import gc
import logging
import math
import time
import traceback
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from radpilot.service.errors import ServiceError
from radpilot.service.jobs import InProcessDispatcher, JobQueue, PermanentJobError
from radpilot.service.security import FailedAuthLimiter
from radpilot.service.settings import ServiceSettings
from radpilot.service.state import ServiceState
from radpilot.service.users import Principal
from radpilot.store.db import Database
from radpilot.store.models import Job

log = logging.getLogger("radpilot.service")
access_log = logging.getLogger("radpilot.service.access")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _finite(v: Any) -> Any:
    """``v`` with every NaN or infinite float said as text ("nan", "inf"), for a JSON answer."""
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_finite(x) for x in v]
    return v


def _surrogate(text: str) -> tuple[int, str] | None:
    """The first lone UTF-16 surrogate in ``text`` (a JSON ``\\ud800`` escape without its pair), if any."""
    return next(((i, c) for i, c in enumerate(text) if "\ud800" <= c <= "\udfff"), None)


def _escaped(value: Any) -> Any:
    """``value`` with each lone surrogate written as its escape (``\\ud800``), which UTF-8 can encode."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {_escaped(k): _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def _answerable(errors: Any) -> list[Any]:
    """Pydantic's validation errors as a JSON answer can carry them: NaN and Infinity said as text, and an
    input that UTF-8 cannot encode (a lone surrogate) not echoed back, since encoding the answer would fail
    (a 500 whose traceback quotes the request). Where it is and what is wrong are still said."""
    out = []
    for err in _finite(jsonable_encoder(errors)):
        value = err.get("input")
        found = _surrogate(value) if isinstance(value, str) else None
        if err.get("type") == "string_unicode" and found is not None:
            index, char = found
            err["msg"] = (
                f"not valid Unicode: a lone UTF-16 surrogate \\u{ord(char):04x} at character {index + 1} "
                "(a surrogate escape must be half of a pair)"
            )
        safe = _escaped(err)
        if safe != err:
            safe.pop("input", None)
        out.append(safe)
    return out


def run_draft_job(queue: JobQueue, job: Job) -> None:
    """The drafting job: draft outside any transaction, then store report + job result in one."""
    from radpilot.service import drafting, lifecycle

    p = job.payload
    try:
        result = drafting.draft(p["study"], p.get("findings"), p.get("backend"))
    except drafting.DraftFailed as exc:
        raise PermanentJobError(str(exc)) from None
    actor = p["actor"]
    who = Principal(int(actor["id"]), str(actor["name"]), str(actor["role"]))
    with queue.db.write() as s:
        # A study that is gone is refused by the report row's foreign key (NotFound), not by a query first.
        stored = lifecycle.insert_draft(s, who, int(p["study_id"]), result, job_id=job.id)
        if not queue.finish(s, job, {"report_id": stored.report.id}):
            s.rollback()  # someone else finished it (a duplicate delivery): keep theirs, store nothing
            return
    if job.id in queue.awaited:
        # Built after the commit, outside the write lock, from the rows just written.
        queue.memo[job.id] = stored.view()


HANDLERS = {"draft": run_draft_job}


def job_queue_for(settings: ServiceSettings, db: Database | None = None) -> JobQueue:
    return JobQueue(
        db or Database(settings.db_url),
        max_attempts=settings.job_max_attempts,
        retry_delay=settings.job_retry_delay_s,
        handlers=dict(HANDLERS),
    )


class AccessLog:
    """Pure ASGI middleware: one log line per request, with the route template instead of the path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "(unmatched)"
            access_log.info(
                "%s %s %d %.1fms", scope.get("method"), template, status, (time.perf_counter() - start) * 1000
            )


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory`` worker processes (``radpilot serve --workers N``)."""
    settings = ServiceSettings.from_env()
    return create_app(settings, migrate=False, recover_stale_s=settings.recover_stale_s, freeze_gc=True)


def create_app(
    settings: ServiceSettings | None = None,
    *,
    db: Database | None = None,
    migrate: bool = True,
    celery_app: Any = None,
    recover_stale_s: float = 0.0,
    freeze_gc: bool = False,
) -> FastAPI:
    """The service app; ``freeze_gc`` (for a server process, not tests) moves what is loaded at start out of
    the garbage collector's reach (``gc.freeze``)."""
    settings = settings or ServiceSettings.from_env()
    db = db or Database(settings.db_url)
    queue = job_queue_for(settings, db)
    if settings.celery_broker:
        from radpilot.service.celery_app import CeleryDispatcher

        queue.dispatcher = CeleryDispatcher(queue, settings.celery_broker, celery_app)
    else:
        queue.dispatcher = InProcessDispatcher(
            queue, threads=settings.worker_threads, recover_stale_s=recover_stale_s
        )
    state = ServiceState(
        settings=settings,
        db=db,
        jobs=queue,
        limiter=FailedAuthLimiter(settings.auth_failures_allowed, settings.auth_failure_window_s),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if migrate:
            from radpilot.store.migrate import upgrade

            upgrade(db)
        assert queue.dispatcher is not None
        if freeze_gc:
            # The imported code (FastAPI, SQLAlchemy, the drafting tables) is a large, long-lived object graph;
            # without this, each full collection walks all of it (tens of ms with every request stalled).
            gc.collect()
            gc.freeze()
        queue.dispatcher.start()
        try:
            yield
        finally:
            queue.dispatcher.stop()

    app = FastAPI(
        title="RadPilot workflow service",
        version="1",
        description="Studies, AI drafts, review and signature, audit trail. Authorization: Bearer <token>.",
        lifespan=lifespan,
    )
    app.state.radpilot = state

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # FastAPI answers an unparsable JSON body with 400; the contract says an invalid body is 422.
        status = 422 if exc.status_code == 400 else exc.status_code
        detail = "the request body is not valid JSON" if exc.status_code == 400 else exc.detail
        return JSONResponse({"detail": detail}, status_code=status, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own 422 echoes the input, which JSON or UTF-8 cannot always carry (see _answerable).
        return JSONResponse({"detail": _answerable(exc.errors())}, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        error_id = uuid.uuid4().hex[:12]
        # The exception's message may quote report text: log its type and where it happened, not its words.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("internal error %s: %s\n%s", error_id, type(exc).__name__, frames)
        return JSONResponse({"detail": "internal error", "error_id": error_id}, status_code=500)

    from radpilot.service.routers import (
        backends,
        follow_ups,
        health,
        jobs,
        metrics,
        patient_links,
        reports,
        studies,
        users,
        worklist,
    )

    for module in (
        health,
        studies,
        reports,
        jobs,
        worklist,
        metrics,
        users,
        follow_ups,
        patient_links,
        backends,
    ):
        app.include_router(module.router)

    from radpilot.service import web

    app.include_router(web.router)
    web.mount_static(app)

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
        )
    app.add_middleware(AccessLog)
    return app
