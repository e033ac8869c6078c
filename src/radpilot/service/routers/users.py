"""Users and tokens (admins), and ``GET /api/v1/me``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import select

from radpilot.service import audit
from radpilot.service.auth import ANY_ROLE, allow
from radpilot.service.routers import DbId
from radpilot.service.schemas import UserCreate
from radpilot.service.state import ServiceState, get_state
from radpilot.service.users import Principal, create_user, get_user, issue_token, revoke_tokens
from radpilot.store.models import User

router = APIRouter(prefix="/api/v1", tags=["users"])


def user_dict(u: User) -> dict[str, Any]:
    return {
        "id": u.id,
        "name": u.name,
        "role": u.role,
        "active": u.active,
        "created_at": u.created_at.isoformat(),
    }


@router.get("/me")
def me(who: Principal = Depends(allow(*ANY_ROLE))) -> dict[str, Any]:
    return {"id": who.id, "name": who.name, "role": who.role}


@router.get("/users")
def list_users(
    who: Principal = Depends(allow("admin")), state: ServiceState = Depends(get_state)
) -> list[dict[str, Any]]:
    with state.db.read() as s:
        return [user_dict(u) for u in s.scalars(select(User).order_by(User.id))]


@router.post("/users", status_code=201)
def add_user(
    body: UserCreate, who: Principal = Depends(allow("admin")), state: ServiceState = Depends(get_state)
) -> dict[str, Any]:
    with state.db.write() as s:
        user, token = create_user(s, body.name, body.role)
        audit.append(
            s,
            chain=audit.SYSTEM_CHAIN,
            actor=who.actor,
            action="user.create",
            detail={"user_id": user.id, "role": user.role},
        )
        return {**user_dict(user), "token": token}


@router.post("/users/{user_id}/tokens", status_code=201)
def new_token(
    user_id: DbId, who: Principal = Depends(allow("admin")), state: ServiceState = Depends(get_state)
) -> dict[str, Any]:
    with state.db.write() as s:
        user = get_user(s, user_id)
        token = issue_token(s, user)
        audit.append(
            s, chain=audit.SYSTEM_CHAIN, actor=who.actor, action="token.issue", detail={"user_id": user.id}
        )
        return {"user_id": user.id, "token": token}


@router.delete("/users/{user_id}/tokens")
def revoke_user_tokens(
    user_id: DbId, who: Principal = Depends(allow("admin")), state: ServiceState = Depends(get_state)
) -> dict[str, Any]:
    with state.db.write() as s:
        user = get_user(s, user_id)
        n = revoke_tokens(s, user)
        state.tokens.clear()
        audit.append(
            s,
            chain=audit.SYSTEM_CHAIN,
            actor=who.actor,
            action="token.revoke",
            detail={"user_id": user.id, "count": n},
        )
        return {"user_id": user.id, "revoked": n}
