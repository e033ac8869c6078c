"""Service settings, from arguments and the environment (``RADPILOT_*``)."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field


class SettingsError(ValueError):
    """A setting with a value that cannot be used; the message names the variable."""


def _float(name: str, default: float, minimum: float = 0.0) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number") from None
    if not math.isfinite(value):
        raise SettingsError(f"{name}={raw!r} is not a finite number")
    if value < minimum:
        raise SettingsError(f"{name}={raw!r} must be at least {minimum:g}")
    return value


def _int(name: str, default: int, minimum: int = 0) -> int:
    value = _float(name, default, minimum)
    if value != int(value):
        raise SettingsError(f"{name}={value:g} must be a whole number")
    return int(value)


def _list(name: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in os.environ.get(name, "").split(",") if p.strip())


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    db_url: str | None = None
    #: Celery broker (redis://...); empty means the in-process worker.
    celery_broker: str = ""
    #: Origins allowed by CORS; empty (the default) sends no CORS headers at all.
    cors_origins: tuple[str, ...] = ()
    #: USD per hour of radiologist time for the cost-saved metric (59.99: the California average).
    hourly_rate: float = 59.99
    #: Seconds a radiologist spends producing one word of a report from scratch (dictating and correcting).
    seconds_per_word: float = 1.0
    auth_failures_allowed: int = 20
    auth_failure_window_s: float = 60.0
    patient_link_hours: float = 72.0
    #: How long POST .../drafts waits for the drafting job before answering 202 with the job.
    draft_wait_s: float = 30.0
    job_max_attempts: int = 3
    job_retry_delay_s: float = 0.5
    worker_threads: int = 4
    #: Threads for short CPU-bound requests (see ServiceState.cpu_lane); 0 picks by database: 2 for SQLite (one
    #: request's database wait overlaps the next one's CPU work), 4 for a database server (its round trips and
    #: commits are longer waits, during which other requests can use the interpreter).
    cpu_lane_threads: int = 0
    public_url: str = ""
    #: With several server processes, a job running untouched this long is taken to be orphaned.
    recover_stale_s: float = 0.0
    default_backend: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, db_url: str | None = None) -> ServiceSettings:
        broker = os.environ.get("RADPILOT_CELERY_BROKER", "").strip()
        if broker and not broker.startswith(("redis://", "rediss://")):
            raise SettingsError(f"RADPILOT_CELERY_BROKER={broker!r}: only redis:// brokers are supported")
        if os.environ.get("RADPILOT_STYLE_MEMORY", "").strip():
            from radpilot.draft.style_memory import StyleMemoryError, site_style

            try:
                site_style()  # a bad style memory stops the service at start, not at the first draft
            except StyleMemoryError as exc:
                raise SettingsError(str(exc)) from exc
        return cls(
            db_url=db_url or os.environ.get("RADPILOT_DB") or None,
            celery_broker=broker,
            cors_origins=_list("RADPILOT_CORS_ORIGINS"),
            hourly_rate=_float("RADPILOT_HOURLY_RATE", 59.99),
            seconds_per_word=_float("RADPILOT_SECONDS_PER_WORD", 1.0),
            auth_failures_allowed=_int("RADPILOT_AUTH_FAILURES", 20, 1),
            auth_failure_window_s=_float("RADPILOT_AUTH_WINDOW_S", 60.0, 1.0),
            patient_link_hours=_float("RADPILOT_PATIENT_LINK_HOURS", 72.0, 0.01),
            draft_wait_s=_float("RADPILOT_DRAFT_WAIT_S", 30.0),
            job_max_attempts=_int("RADPILOT_JOB_ATTEMPTS", 3, 1),
            worker_threads=_int("RADPILOT_WORKERS", 4, 1),
            cpu_lane_threads=_int("RADPILOT_CPU_LANE_THREADS", 0, 0),
            public_url=os.environ.get("RADPILOT_PUBLIC_URL", "").rstrip("/"),
            recover_stale_s=_float("RADPILOT_RECOVER_STALE_S", 0.0),
            default_backend=os.environ.get("RADPILOT_BACKEND") or None,
        )
