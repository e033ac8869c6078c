"""Authentication (Bearer tokens) and role checks, as FastAPI dependencies.

Every API route declares ``Depends(allow(...roles))``; tests walk the app's routes to make sure none is
missing one (the patient-link route is the only public one, and it is authorized by its signed token).
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import HTTPException, Request

from radpilot.service.errors import Forbidden
from radpilot.service.state import ServiceState
from radpilot.service.users import Principal, principal_for_token
from radpilot.store.models import ROLES


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def authenticate(request: Request) -> Principal:
    state: ServiceState = request.app.state.radpilot
    client = _client(request)
    wait = state.limiter.retry_after(client)
    if wait is not None:
        raise HTTPException(
            429,
            detail="too many failed authentication attempts; try again later",
            headers={"Retry-After": str(max(1, int(wait) + 1))},
        )
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        state.limiter.failed(client)
        raise HTTPException(
            401,
            detail="missing bearer token (Authorization: Bearer <token>)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    who = state.tokens.get(token.strip())
    if who is None:
        with state.db.read() as s:
            who = principal_for_token(s, token.strip())
        if who is not None:
            state.tokens.put(token.strip(), who)
    if who is None:
        state.limiter.failed(client)
        raise HTTPException(401, detail="invalid or revoked token", headers={"WWW-Authenticate": "Bearer"})
    return who


class Allow:
    """A dependency that authenticates the caller and checks their role."""

    def __init__(self, roles: tuple[str, ...]) -> None:
        unknown = [r for r in roles if r not in ROLES]
        if unknown or not roles:
            raise ValueError(f"unknown roles {unknown}")
        self.roles = roles

    def __call__(self, request: Request) -> Principal:
        who = authenticate(request)
        if who.role not in self.roles:
            raise Forbidden(f"role {who.role!r} may not do this; allowed: {', '.join(self.roles)}")
        return who


def allow(*roles: str) -> Callable[[Request], Principal]:
    return Allow(tuple(roles))


ANY_ROLE = ROLES
CLINICAL = ("radiologist", "resident", "admin", "referrer")
WRITERS = ("radiologist", "resident")
