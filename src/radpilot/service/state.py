"""What the routes share: settings, the database, the job queue, the failed-auth limiter."""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def key(self) -> bytes:
        if self.link_key is None:
            from radpilot.service.links import signing_key

            self.link_key = signing_key(self.db)
        return self.link_key


async def get_state(request: Request) -> ServiceState:
    # async: FastAPI calls it on the event loop instead of handing it to a worker thread and back.
    state: ServiceState = request.app.state.radpilot
    return state
