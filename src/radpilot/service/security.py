"""API tokens (stored as SHA-256, shown once) and the failed-authentication rate limit."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import OrderedDict, deque
from typing import Generic, TypeVar

T = TypeVar("T")

TOKEN_PREFIX = "rp_"


def new_token() -> str:
    """A random API token (256 bits)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The stored form of a token: SHA-256 hex. Tokens are random 256-bit values, so a fast hash suffices."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class FailedAuthLimiter:
    """At most ``allowed`` failed authentications per client address in a sliding ``window`` (seconds).

    A client over the limit is refused (429) for every request, valid or not, until its failures age out.
    """

    def __init__(self, allowed: int = 20, window: float = 60.0) -> None:
        self.allowed = allowed
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def retry_after(self, client: str) -> float | None:
        """Seconds the client must wait, or None when it may try."""
        now = time.monotonic()
        with self._lock:
            q = self._prune(client, now)
            if len(q) < self.allowed:
                if not q:
                    self._failures.pop(client, None)
                return None
            return max(0.0, q[0] + self.window - now)

    def failed(self, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._prune(client, now).append(now)
            if len(self._failures) > 100_000:  # bound memory under a scan from many addresses
                oldest = next(iter(self._failures))
                self._failures.pop(oldest, None)


class TokenCache(Generic[T]):
    """Recently authenticated tokens (keyed by their hash), for ``ttl`` seconds, to spare a query per request.

    Revoking through the API clears it; a revocation made elsewhere (another process, the CLI) takes effect
    within ``ttl`` seconds.
    """

    def __init__(self, ttl: float = 30.0, size: int = 4096) -> None:
        self.ttl = ttl
        self.size = size
        self._items: OrderedDict[str, tuple[float, T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, token: str) -> T | None:
        key = hash_token(token)
        now = time.monotonic()
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] < now:
                del self._items[key]
                return None
            return item[1]

    def put(self, token: str, value: T) -> None:
        with self._lock:
            self._items[hash_token(token)] = (time.monotonic() + self.ttl, value)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
