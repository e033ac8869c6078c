"""The audit trail: an append-only, hash-chained log per report, and its verification.

Each event's ``hash`` is SHA-256 over its canonical JSON (chain, seq, time, actor, action, before/after state
hashes, detail) together with the previous event's hash, so changing, removing or reordering any event breaks
every later link. The database refuses UPDATE and DELETE on the table (triggers in the first migration);
:func:`verify_report` also recomputes each stored report version's content hash and finds it in the chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import CursorResult, String, bindparam, func, insert, select
from sqlalchemy.orm import Session

from radpilot.store.models import AuditEvent, ReportVersion, utcnow

GENESIS = "0" * 64
SYSTEM_CHAIN = "system"


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256_of(obj: Any) -> str:
    return hashlib.sha256(canonical(obj)).hexdigest()


def report_chain(report_id: int) -> str:
    return f"report:{report_id}"


def version_content(v: ReportVersion) -> dict[str, Any]:
    """What a version's content hash covers."""
    content: dict[str, Any] = {
        "report_id": v.report_id,
        "number": v.number,
        "status": v.status,
        "kind": v.kind,
        "findings": v.findings,
        "impression": v.impression,
        "recommendations": v.recommendations,
        "addenda": v.addenda,
        "author_id": v.author_id,
        "parent_id": v.parent_id,
        "reason": v.reason,
    }
    if v.exam is not None:
        # The order as signed is part of what was signed. Only versions that carry it hash it, so versions
        # stored before it existed keep the hash they were recorded with.
        content |= {"exam": v.exam, "exam_code": v.exam_code, "indication": v.indication}
    return content


def content_hash(v: ReportVersion) -> str:
    return sha256_of(version_content(v))


def _event_fields(e: AuditEvent) -> dict[str, Any]:
    return {
        "chain": e.chain,
        "report_id": e.report_id,
        "seq": e.seq,
        "at": e.at,
        "actor": e.actor,
        "action": e.action,
        "before_hash": e.before_hash,
        "after_hash": e.after_hash,
        "detail": e.detail,
        "prev_hash": e.prev_hash,
    }


def event_hash(e: AuditEvent) -> str:
    return sha256_of(_event_fields(e))


def append(
    session: Session,
    *,
    chain: str,
    actor: str,
    action: str,
    report_id: int | None = None,
    before_hash: str | None = None,
    after_hash: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to ``chain``. Writers of one chain are serialized: on SQLite by BEGIN IMMEDIATE, on
    PostgreSQL by a transaction-level advisory lock on the chain's name (report chains are also behind their
    report row's lock; the system chain has no row to lock)."""
    session.flush()  # what the ORM holds goes first, as a query through the session would autoflush it
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(_CHAIN_LOCK, {"chain": chain})
    last = conn.execute(_LAST_EVENT, {"chain": chain}).first()
    event = AuditEvent(
        chain=chain,
        report_id=report_id,
        seq=(last.seq + 1) if last else 1,
        at=utcnow().isoformat(timespec="microseconds"),
        actor=actor,
        action=action,
        before_hash=before_hash,
        after_hash=after_hash,
        detail=json.loads(canonical(detail or {})),
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = event_hash(event)
    # A plain INSERT (the event is never changed after this): cheaper than the ORM unit of work, and the row is
    # in the transaction at once, so a later append in the same transaction sees it as the chain's last.
    row = {name: getattr(event, name) for name in _COLUMNS}
    event.id = inserted_id(conn.execute(_INSERT_EVENT, row))
    return event


# Built once (statements are immutable): their compiled form and cache key are reused by every append.
_CHAIN_LOCK = select(func.pg_advisory_xact_lock(func.hashtext(bindparam("chain", type_=String()))))
_LAST_EVENT = (
    select(AuditEvent.seq, AuditEvent.hash)
    .where(AuditEvent.chain == bindparam("chain"))
    .order_by(AuditEvent.seq.desc())
    .limit(1)
)
_INSERT_EVENT = insert(AuditEvent)


_COLUMNS = (
    "chain",
    "report_id",
    "seq",
    "at",
    "actor",
    "action",
    "before_hash",
    "after_hash",
    "detail",
    "prev_hash",
    "hash",
)


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT wrote."""
    key = result.inserted_primary_key
    if key is None or key[0] is None:
        raise RuntimeError("the database did not report the new row's id")
    return int(key[0])


def events(session: Session, chain: str) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.chain == chain).order_by(AuditEvent.seq)))


@dataclass(slots=True)
class Verification:
    valid: bool
    events: int
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"valid": self.valid, "events": self.events, "errors": self.errors}


def verify_chain(rows: list[AuditEvent]) -> list[str]:
    errors: list[str] = []
    prev = GENESIS
    for expected_seq, e in enumerate(rows, start=1):
        if e.seq != expected_seq:
            errors.append(
                f"event seq {e.seq}: expected seq {expected_seq} (an event is missing or reordered)"
            )
        if e.prev_hash != prev:
            errors.append(f"event seq {e.seq}: prev_hash does not match the hash of the event before it")
        if event_hash(e) != e.hash:
            errors.append(f"event seq {e.seq}: its content does not match its hash (it was changed)")
        prev = e.hash
    return errors


def verify_report(session: Session, report_id: int) -> Verification:
    """Check the report's chain and that every stored version is the one the chain recorded."""
    rows = events(session, report_chain(report_id))
    errors = verify_chain(rows)
    recorded = {
        (e.detail.get("version"), e.detail.get("content_hash")) for e in rows if e.detail.get("content_hash")
    }
    versions = session.scalars(select(ReportVersion).where(ReportVersion.report_id == report_id))
    for v in versions:
        actual = content_hash(v)
        if actual != v.content_hash:
            errors.append(f"version {v.number}: its text does not match its stored content hash")
        if (v.number, v.content_hash) not in recorded:
            errors.append(f"version {v.number}: not recorded in the audit chain")
    return Verification(valid=not errors, events=len(rows), errors=errors)


def event_dict(e: AuditEvent) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at,
        "actor": e.actor,
        "action": e.action,
        "before_hash": e.before_hash,
        "after_hash": e.after_hash,
        "detail": e.detail,
        "hash": e.hash,
        "prev_hash": e.prev_hash,
    }
