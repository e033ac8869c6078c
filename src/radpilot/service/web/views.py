"""Pages outside the report: login, worklist (with "next case"), admin."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from radpilot.service import audit
from radpilot.service.errors import NotFound, ServiceError
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal, create_user
from radpilot.service.web import session
from radpilot.service.web.templating import render
from radpilot.service.worklist import PRIORITY_RANK, worklist
from radpilot.store.models import User

router = APIRouter()

READERS = ("radiologist", "resident")
STATUSES = ("unreported", "draft", "preliminary")


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never ``//host`` or a scheme) may follow the login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/worklist"
    return target


@router.get("/", response_class=RedirectResponse)
def home(request: Request) -> RedirectResponse:
    ws = session.current(request)
    if ws is None:
        return RedirectResponse("/login", status_code=303)
    return RedirectResponse("/admin" if ws.principal.role == "admin" else "/worklist", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = Query(None, max_length=500)) -> HTMLResponse:
    return render(request, "login.html", next=_safe_next(next), error=None, name="")


@router.post("/login", response_model=None)
def login(
    request: Request,
    name: str = Form("", max_length=120),
    token: str = Form("", max_length=200),
    next: str = Form("/worklist", max_length=500),
    state: ServiceState = Depends(get_state),
) -> Response:
    client = _client(request)
    wait = state.limiter.retry_after(client)
    if wait is not None:
        return render(
            request,
            "login.html",
            status=429,
            next=_safe_next(next),
            name=name,
            error=f"Too many failed attempts. Try again in {int(wait) + 1} seconds.",
        )
    found = session.login(state, name, token) if name.strip() and token.strip() else None
    if found is None:
        state.limiter.failed(client)
        return render(
            request,
            "login.html",
            status=401,
            next=_safe_next(next),
            name=name,
            error="That user name and token do not match an active account.",
        )
    who, token_id = found
    target = _safe_next(next)
    if who.role == "admin" and target == "/worklist":
        target = "/admin"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        session.COOKIE,
        session.issue(session.key_for(request), who.id, token_id),
        max_age=int(session.SESSION_HOURS * 3600),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout", response_model=None)
def logout(
    request: Request, who: Principal = Depends(session.page("radiologist", "resident", "admin", "referrer"))
) -> Response:
    response = Response(status_code=204, headers={"HX-Redirect": "/login"})
    response.delete_cookie(session.COOKIE, path="/")
    return response


def _filtered(
    items: list[dict[str, Any]], priority: str | None, modality: str | None, critical: bool
) -> list[dict[str, Any]]:
    out = items
    if priority:
        out = [i for i in out if i["priority"] == priority]
    if modality:
        out = [i for i in out if i["modality"] == modality.upper()]
    if critical:
        out = [i for i in out if i["critical"]]
    return out


@router.get("/worklist", response_class=HTMLResponse)
def worklist_page(
    request: Request,
    status: str | None = Query(None, pattern=r"^(|unreported|draft|preliminary)$"),
    priority: str | None = Query(None, max_length=20),
    modality: str | None = Query(None, max_length=16),
    critical: bool = Query(False),
    who: Principal = Depends(session.page(*READERS)),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    with state.db.read() as s:
        everything = worklist(s, limit=2000)
    chosen = [i for i in everything if not status or i["status"] == status]
    items = _filtered(chosen, priority or None, modality or None, critical)
    filters = {
        "status": status or "",
        "priority": priority or "",
        "modality": modality or "",
        "critical": critical,
    }
    query = urlencode({k: v for k, v in filters.items() if v})
    template = "_worklist_rows.html" if request.headers.get("hx-request") else "worklist.html"
    return render(
        request,
        template,
        items=items,
        total=len(everything),
        filters=filters,
        query=query,
        statuses=STATUSES,
        priorities=sorted(PRIORITY_RANK, key=lambda p: PRIORITY_RANK[p]),
        modalities=sorted({i["modality"] for i in everything}),
    )


@router.get("/worklist/next", response_model=None)
def next_case(
    request: Request,
    after: int | None = Query(None, ge=1),
    status: str | None = Query(None, pattern=r"^(|unreported|draft|preliminary)$"),
    priority: str | None = Query(None, max_length=20),
    modality: str | None = Query(None, max_length=16),
    critical: bool = Query(False),
    who: Principal = Depends(session.page(*READERS)),
    state: ServiceState = Depends(get_state),
) -> Response:
    """The most urgent case of the (filtered) worklist; with ``after``, the one that follows that study."""
    with state.db.read() as s:
        items = worklist(s, status=status or None, limit=2000)
    items = _filtered(items, priority or None, modality or None, critical)
    if after is not None:
        ids = [i["study_id"] for i in items]
        if after in ids:
            k = ids.index(after)
            items = items[k + 1 :] + items[:k]
    if not items:
        return render(request, "empty.html", message="The worklist is empty: no case is waiting.")
    return RedirectResponse(f"/studies/{items[0]['study_id']}", status_code=303)


@router.get("/admin", response_class=HTMLResponse)
def admin_page(
    request: Request,
    who: Principal = Depends(session.page("admin")),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    return render(request, "admin.html", **_admin_context(state), created=None, error=None, health=None)


def _admin_context(state: ServiceState) -> dict[str, Any]:
    from radpilot.guidelines import default_profiles
    from radpilot.models import available_backends
    from radpilot.store.models import ROLES

    with state.db.read() as s:
        users = list(s.scalars(select(User).order_by(User.id)))
    return {
        "users": users,
        "roles": ROLES,
        "backends": available_backends(),
        "default_backend": state.settings.default_backend or "rules",
        "profiles": sorted(default_profiles().values(), key=lambda p: p.name),
    }


@router.post("/admin/backends/{name}/check", response_class=HTMLResponse)
def admin_check_backend(
    request: Request,
    name: str,
    who: Principal = Depends(session.page("admin")),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    """Check one backend now (packages, weights and checksums, server) and show the answer in its row."""
    from radpilot.models import backend_names, check_backend

    if name not in backend_names():
        raise NotFound(f"no backend {name!r}")
    health = check_backend(name)
    return render(request, "admin.html", **_admin_context(state), created=None, error=None, health=health)


@router.post("/admin/users", response_class=HTMLResponse)
def admin_create_user(
    request: Request,
    name: str = Form("", max_length=120),
    role: str = Form("", max_length=20),
    who: Principal = Depends(session.page("admin")),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    created: dict[str, Any] | None = None
    error = None
    try:
        with state.db.write() as s:
            user, token = create_user(s, name, role)
            audit.append(
                s,
                chain=audit.SYSTEM_CHAIN,
                actor=who.actor,
                action="user.create",
                detail={"user_id": user.id, "role": user.role},
            )
            created = {"name": user.name, "role": user.role, "token": token}
    except ServiceError as exc:
        error = exc.detail
    return render(
        request,
        "admin.html",
        status=201 if created else 422,
        **_admin_context(state),
        created=created,
        error=error,
        health=None,
    )
