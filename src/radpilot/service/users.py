"""Users and their API tokens."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from radpilot.service.errors import Conflict, Invalid, NotFound
from radpilot.service.security import hash_token, new_token
from radpilot.store.models import ROLES, ApiToken, User, utcnow


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated caller."""

    id: int
    name: str
    role: str

    @property
    def actor(self) -> str:
        """How the audit log names the caller (user id and role: no personal data beyond the login)."""
        return f"user:{self.id}:{self.name}:{self.role}"


def check_role(role: str) -> str:
    if role not in ROLES:
        raise Invalid(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    return role


def create_user(session: Session, name: str, role: str) -> tuple[User, str]:
    """Create a user with one API token; returns the user and the token (shown once, stored hashed)."""
    name = name.strip()
    if not name:
        raise Invalid("the user name is empty")
    if len(name) > 120:
        raise Invalid("the user name is longer than 120 characters")
    check_role(role)
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise Conflict(f"a user named {name!r} already exists")
    user = User(name=name, role=role, active=True)
    session.add(user)
    session.flush()
    token = issue_token(session, user)
    return user, token


def issue_token(session: Session, user: User) -> str:
    token = new_token()
    session.add(ApiToken(user_id=user.id, token_hash=hash_token(token), prefix=token[:10]))
    session.flush()
    return token


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user {user_id}")
    return user


def principal_for_token(session: Session, token: str) -> Principal | None:
    row = session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None))
    )
    if row is None or not row.user.active:
        return None
    return Principal(row.user.id, row.user.name, row.user.role)


def revoke_tokens(session: Session, user: User) -> int:
    rows = session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    n = 0
    for row in rows:
        row.revoked_at = utcnow()
        n += 1
    return n
