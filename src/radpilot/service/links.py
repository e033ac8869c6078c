"""Expiring, signed links that give a patient the lay version of their signed report, without a login.

The token is ``<payload>.<signature>``: the payload (report id, expiry, nonce) is signed with HMAC-SHA256 under
a key the service generates once and keeps in the database; the link row stores only the token's SHA-256, so
a leaked database does not yield working links, and a link can be revoked. Expired links answer 410.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from radpilot.service.errors import Conflict, Gone, NotFound
from radpilot.service.security import hash_token
from radpilot.service.users import Principal
from radpilot.store.db import Database
from radpilot.store.models import SIGNED_STATUSES, PatientLink, Report, ServiceSecret, utcnow

KEY_NAME = "patient_link_key"


def signing_key(db: Database) -> bytes:
    """The link-signing key: created once, shared by every process through the database."""
    with db.read() as s:
        row = s.get(ServiceSecret, KEY_NAME)
        if row is not None:
            return base64.urlsafe_b64decode(row.value)
    try:
        with db.write() as s:
            if s.get(ServiceSecret, KEY_NAME) is None:
                s.add(
                    ServiceSecret(
                        name=KEY_NAME, value=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
                    )
                )
    except IntegrityError:  # another process created it first
        pass
    with db.read() as s:
        row = s.get(ServiceSecret, KEY_NAME)
        assert row is not None
        return base64.urlsafe_b64decode(row.value)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(key: bytes, report_id: int, expires: datetime) -> str:
    payload = _b64(
        json.dumps({"r": report_id, "e": int(expires.timestamp()), "n": secrets.token_hex(8)}).encode()
    )
    mac = _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())
    return f"{payload}.{mac}"


def create_link(
    session: Session, key: bytes, who: Principal, report: Report, hours: float, lang: str = "en"
) -> tuple[PatientLink, str]:
    if report.status not in SIGNED_STATUSES:
        raise Conflict(f"report {report.id} is {report.status}; patients get links to signed reports only")
    expires = utcnow() + timedelta(hours=hours)
    token = sign(key, report.id, expires)
    link = PatientLink(
        report_id=report.id, token_hash=hash_token(token), lang=lang, expires_at=expires, created_by_id=who.id
    )
    session.add(link)
    session.flush()
    return link, token


def resolve(session: Session, key: bytes, token: str) -> PatientLink:
    """The link a token names; 404 for anything forged or unknown, 410 once expired or revoked."""
    unknown = NotFound("this link is not valid")
    payload, _, mac = token.partition(".")
    if not payload or not mac:
        raise unknown
    expected = _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(expected, mac):
        raise unknown
    try:
        data = json.loads(_unb64(payload))
        report_id = int(data["r"])
    except (ValueError, KeyError, TypeError):
        raise unknown from None
    link = session.scalar(select(PatientLink).where(PatientLink.token_hash == hash_token(token)))
    if link is None or link.report_id != report_id:
        raise unknown
    if link.revoked_at is not None:
        raise Gone("this link has been withdrawn; ask your care team for a new one")
    if link.expires_at <= utcnow():
        raise Gone("this link has expired; ask your care team for a new one")
    return link
