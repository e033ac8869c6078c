"""What the routes share: settings, the database, the job queue, the failed-auth limiter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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
    _cpu_lanes: dict[str, anyio.CapacityLimiter] = field(default_factory=dict, repr=False)

    def cpu_lane(self, kind: Literal["draft", "read"] = "draft") -> anyio.CapacityLimiter:
        """The threads for the reading room's short CPU-bound requests, first come first served: one lane for
        drafts the rules engine writes, one for report fetches.

        That work is pure Python: in one process no two such requests run at once (the GIL), so twenty of them
        on the shared request pool only take turns in whatever order the scheduler picks, and every one of them
        finishes late. A small lane of their own runs them in arrival order, and a slow model-backed draft (on
        the shared pool) never waits behind them nor they behind it. Reads have their own lane because a draft
        may wait for the database's write lock (another process writing), which a read never needs. Created on
        first use: a limiter belongs to the running event loop.
        """
        lane = self._cpu_lanes.get(kind)
        if lane is None:
            threads = self.settings.cpu_lane_threads or (2 if self.db.is_sqlite else 4)
            lane = self._cpu_lanes[kind] = anyio.CapacityLimiter(threads)
        return lane

    def key(self) -> bytes:
        if self.link_key is None:
            from radpilot.service.links import signing_key

            self.link_key = signing_key(self.db)
        return self.link_key


async def get_state(request: Request) -> ServiceState:
    # async: FastAPI calls it on the event loop instead of handing it to a worker thread and back.
    state: ServiceState = request.app.state.radpilot
    return state
