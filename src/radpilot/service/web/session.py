"""Browser sessions: a signed cookie backed by the service's users and API tokens.

A radiologist logs in once with their user name and API token (the one ``radpilot users create`` printed);
the browser then holds ``radpilot_session``: ``<payload>.<HMAC-SHA256>`` where the payload names the user,
the API token that opened the session, an expiry and a nonce. Every request checks the signature, the expiry,
that the token is still unrevoked and the user still active, so revoking a token ends its browser sessions.
The cookie is HttpOnly and SameSite=Strict; every form and htmx call also carries a CSRF token derived from
the session nonce (the ``X-CSRF-Token`` header that htmx sends with every request of the page).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import HTTPException, Request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from radpilot.service.auth import RoleCheck
from radpilot.service.security import hash_token
from radpilot.service.state import ServiceState
from radpilot.service.users import Principal
from radpilot.store.db import Database
from radpilot.store.models import ApiToken, ServiceSecret, User

COOKIE = "radpilot_session"
KEY_NAME = "web_session_key"
SESSION_HOURS = 12.0


def session_key(db: Database) -> bytes:
    """The cookie-signing key: made once, kept in the database so every server process shares it."""
    with db.read() as s:
        row = s.get(ServiceSecret, KEY_NAME)
        if row is not None:
            return base64.urlsafe_b64decode(row.value)
    try:
        with db.write() as s:
            if s.get(ServiceSecret, KEY_NAME) is None:
                value = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
                s.add(ServiceSecret(name=KEY_NAME, value=value))
    except IntegrityError:  # another process made it first
        pass
    with db.read() as s:
        row = s.get(ServiceSecret, KEY_NAME)
        if row is None:
            raise RuntimeError("the web session key could not be stored")
        return base64.urlsafe_b64decode(row.value)


def key_for(request: Request) -> bytes:
    """The app's cookie key, read from the database once per app."""
    key = getattr(request.app.state, "web_session_key", None)
    if not isinstance(key, bytes):
        state: ServiceState = request.app.state.radpilot
        key = session_key(state.db)
        request.app.state.web_session_key = key
    return key


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())


@dataclass(frozen=True, slots=True)
class WebSession:
    principal: Principal
    token_id: int
    nonce: str
    expires: int

    def csrf(self, key: bytes) -> str:
        return _mac(key, f"csrf:{self.nonce}")


def issue(key: bytes, user_id: int, token_id: int, hours: float = SESSION_HOURS) -> str:
    payload = _b64(
        json.dumps(
            {"u": user_id, "t": token_id, "e": int(time.time() + hours * 3600), "n": secrets.token_hex(12)}
        ).encode()
    )
    return f"{payload}.{_mac(key, payload)}"


def read_cookie(key: bytes, value: str) -> tuple[int, int, str, int] | None:
    """(user id, token id, nonce, expiry) of a well-signed, unexpired cookie, else None."""
    payload, _, mac = value.partition(".")
    if not payload or not mac or not hmac.compare_digest(_mac(key, payload), mac):
        return None
    try:
        data = json.loads(_unb64(payload))
        user_id, token_id, expires, nonce = int(data["u"]), int(data["t"]), int(data["e"]), str(data["n"])
    except (ValueError, KeyError, TypeError):
        return None
    if expires <= time.time():
        return None
    return user_id, token_id, nonce, expires


def current(request: Request) -> WebSession | None:
    """The request's session, checked against the database (revoked token or inactive user: none)."""
    cached = getattr(request.state, "web_session", None)
    if isinstance(cached, WebSession):
        return cached
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    state: ServiceState = request.app.state.radpilot
    parsed = read_cookie(key_for(request), raw)
    if parsed is None:
        return None
    user_id, token_id, nonce, expires = parsed
    with state.db.read() as s:
        row = s.get(ApiToken, token_id)
        if row is None or row.user_id != user_id or row.revoked_at is not None or not row.user.active:
            return None
        who = Principal(row.user.id, row.user.name, row.user.role)
    ws = WebSession(who, token_id, nonce, expires)
    request.state.web_session = ws
    return ws


def login(state: ServiceState, name: str, token: str) -> tuple[Principal, int] | None:
    """The user and token id when ``token`` is an active API token of the user called ``name``."""
    with state.db.read() as s:
        row = s.scalar(
            select(ApiToken).where(
                ApiToken.token_hash == hash_token(token.strip()), ApiToken.revoked_at.is_(None)
            )
        )
        if row is None:
            return None
        user: User = row.user
        if not user.active or not hmac.compare_digest(user.name.encode(), name.strip().encode()):
            return None
        return Principal(user.id, user.name, user.role), row.id


def _login_redirect(request: Request) -> HTTPException:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = f"/login?next={quote(target, safe='')}"
    if request.headers.get("hx-request"):
        # An XHR would follow a 303 and swap the login page into the panel: let htmx navigate instead.
        return HTTPException(401, detail="log in first", headers={"HX-Redirect": location})
    return HTTPException(303, detail="log in first", headers={"Location": location})


class SessionAllow(RoleCheck):
    """Like the API's role check, with the browser session instead of a Bearer token.

    Pages redirect to the login page when there is no session; a POST without the session's CSRF token is 403.
    """

    def __call__(self, request: Request) -> Principal:
        ws = current(request)
        if ws is None:
            raise _login_redirect(request)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            sent = request.headers.get("x-csrf-token") or ""
            if not sent or not hmac.compare_digest(sent, ws.csrf(key_for(request))):
                raise HTTPException(403, detail="missing or stale form token; reload the page and try again")
        if ws.principal.role not in self.roles:
            from radpilot.service.web.errors import PageError

            raise PageError(403, f"Your role ({ws.principal.role}) may not open this page.")
        return ws.principal


def page(*roles: str) -> SessionAllow:
    return SessionAllow(tuple(roles))
