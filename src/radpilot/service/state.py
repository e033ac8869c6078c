"""What the routes share: settings, the database, the job queue, the failed-auth limiter."""

from __future__ import annotations

from dataclasses import dataclass, field

import anyio
from fastapi import Request

from radpilot.service.jobs import JobQueue
from radpilot.service.security import FailedAuthLimiter, TokenCache
from radpilot.service.settings import ServiceSettings
from radpilot.service.users import Principal
from radpilot.store.db import Database


@dataclass(slots=True)
class ServiceState:
    settings: ServiceSettings
    db: Database
    jobs: JobQueue
    limiter: FailedAuthLimiter
    tokens: TokenCache[Principal] = field(default_factory=TokenCache, repr=False)
    link_key: bytes | None = field(default=None, repr=False)
    _cpu_lane: anyio.CapacityLimiter | None = field(default=None, repr=False)

    def cpu_lane(self) -> anyio.CapacityLimiter:
        """The threads for the reading room's short CPU-bound requests (a draft the rules engine writes, a
        report fetch), first come first served.

        That work is pure Python: in one process no two such requests run at once (the GIL), so twenty of them
        on the shared request pool only take turns in whatever order the scheduler picks, and every one of them
        finishes late. A small lane of their own runs them in arrival order, and a slow model-backed draft (on
        the shared pool) never waits behind them nor they behind it. Created on first use: a limiter belongs to
        the running event loop.
        """
        if self._cpu_lane is None:
            threads = self.settings.cpu_lane_threads or (2 if self.db.is_sqlite else 4)
            self._cpu_lane = anyio.CapacityLimiter(threads)
        return self._cpu_lane

    def key(self) -> bytes:
        if self.link_key is None:
            from radpilot.service.links import signing_key

            self.link_key = signing_key(self.db)
        return self.link_key


async def get_state(request: Request) -> ServiceState:
    # async: FastAPI calls it on the event loop instead of handing it to a worker thread and back.
    state: ServiceState = request.app.state.radpilot
    return state
