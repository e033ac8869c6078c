"""Model backends for admins: ``GET /api/v1/backends`` (what is installed, which one drafts by default) and
``POST /api/v1/backends/{name}/check`` (whether it can serve now: packages, weights and their SHA-256, server)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from radpilot.service.auth import allow
from radpilot.service.errors import NotFound
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal

router = APIRouter(prefix="/api/v1/backends", tags=["backends"])


@router.get("")
def list_backends(
    who: Principal = Depends(allow("admin")), state: ServiceState = Depends(get_state)
) -> dict[str, Any]:
    from radpilot.models import available_backends

    return {
        "default": state.settings.default_backend or "rules",
        "backends": [b.to_dict() for b in available_backends()],
    }


@router.post("/{name}/check")
def check(name: str, who: Principal = Depends(allow("admin"))) -> dict[str, Any]:
    """Load or reach the backend as configured for this server (its environment) and ask it; nothing is
    generated. 200 with ``status`` ok, unavailable or error; 404 for a name that is not a backend."""
    from radpilot.models import backend_names, check_backend

    if name not in backend_names():
        raise NotFound(f"no backend {name!r}; use one of {', '.join(backend_names())}")
    return check_backend(name).to_dict()
