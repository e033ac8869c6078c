"""Authentication (Bearer tokens) and role checks, as FastAPI dependencies.

Every API route declares ``Depends(allow(...roles))``; tests walk the app's routes to make sure none is
missing one (the patient-link route is the only public one, and it is authorized by its signed token).
"""

from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from radpilot.service.errors import Forbidden
from radpilot.service.state import ServiceState
from radpilot.service.users import Principal, principal_for_token
from radpilot.store.models import ROLES


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def authenticate(request: Request) -> Principal:
    """The caller of ``request`` (401 without a valid token, 429 after too many failures); may query the DB."""
    who, token = _cached_principal(request)
    return who if who is not None else _look_up(request, token)


def _cached_principal(request: Request) -> tuple[Principal | None, str]:
    """The caller when their token is in the cache (no I/O), else (None, token); raises 401/429 as above."""
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
    return state.tokens.get(token.strip()), token.strip()


def _look_up(request: Request, token: str) -> Principal:
    state: ServiceState = request.app.state.radpilot
    with state.db.read() as s:
        who = principal_for_token(s, token)
    if who is None:
        state.limiter.failed(_client(request))
        raise HTTPException(401, detail="invalid or revoked token", headers={"WWW-Authenticate": "Bearer"})
    state.tokens.put(token, who)
    return who


class RoleCheck:
    """The roles a route allows (validated once, when the route is declared)."""

    def __init__(self, roles: tuple[str, ...]) -> None:
        unknown = [r for r in roles if r not in ROLES]
        if unknown or not roles:
            raise ValueError(f"unknown roles {unknown}")
        self.roles = roles

    def check(self, who: Principal) -> Principal:
        if who.role not in self.roles:
            raise Forbidden(f"role {who.role!r} may not do this; allowed: {', '.join(self.roles)}")
        return who


class Allow(RoleCheck):
    """A dependency that authenticates the caller (Bearer token) and checks their role.

    async, so that FastAPI runs it on the event loop: a token seen in the last ``TokenCache.ttl`` seconds costs
    no thread hand-off; an unknown one is looked up in the database on a worker thread.
    """

    async def __call__(self, request: Request) -> Principal:
        who, token = _cached_principal(request)
        if who is None:
            who = await run_in_threadpool(_look_up, request, token)
        return self.check(who)


def allow(*roles: str) -> Allow:
    return Allow(tuple(roles))


ANY_ROLE = ROLES
CLINICAL = ("radiologist", "resident", "admin", "referrer")
WRITERS = ("radiologist", "resident")
