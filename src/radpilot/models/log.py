"""Every prompt and response, logged to SQLite with the model id, version and timing (as ``llm`` does).

The database is ``models.db`` in RadPilot's data folder: ``$RADPILOT_DATA`` or ``~/.local/share/radpilot``.
What is logged is what was sent: for a backend that is not local that is the de-identified text, for a local
backend it is the text as given, so the data folder must be protected like the reports themselves.
Set ``RADPILOT_MODEL_LOG=off`` to log nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from radpilot.models.base import Backend, GenerationRequest, Response

SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_utc TEXT NOT NULL,
    backend TEXT NOT NULL,
    model_id TEXT NOT NULL,
    model_version TEXT NOT NULL,
    local INTEGER NOT NULL,
    system TEXT,
    prompt TEXT NOT NULL,
    images TEXT NOT NULL,
    options TEXT NOT NULL,
    response TEXT,
    error TEXT,
    duration_ms REAL NOT NULL,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    finish_reason TEXT
);
"""


def data_dir() -> Path:
    """RadPilot's data folder: ``$RADPILOT_DATA``, else ``$XDG_DATA_HOME/radpilot``, else ``~/.local/share/radpilot``."""
    env = os.environ.get("RADPILOT_DATA")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share") / "radpilot"


def logging_enabled() -> bool:
    return os.environ.get("RADPILOT_MODEL_LOG", "on").strip().lower() not in {"0", "off", "false", "no"}


class PromptLog:
    """An append-only SQLite log of model calls; safe to share between threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as db:
                db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise OSError(
                f"cannot open the prompt log {self.path}: {exc} (set RADPILOT_DATA to a writable folder, "
                "or RADPILOT_MODEL_LOG=off)"
            ) from exc

    @classmethod
    def default(cls) -> PromptLog | None:
        """The log in the data folder, or None when ``RADPILOT_MODEL_LOG=off``."""
        if not logging_enabled():
            return None
        return cls(data_dir() / "models.db")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def record(
        self,
        backend: Backend,
        request: GenerationRequest,
        response: Response | None,
        duration_ms: float,
        error: str | None,
    ) -> int | None:
        prompt = "\n\n".join(f"{m.role}: {m.content}" for m in request.messages)
        if request.deterministic_text is not None:
            prompt += ("\n\n" if prompt else "") + f"deterministic: {request.deterministic_text}"
        images = [
            {
                "sha256": hashlib.sha256(i.png).hexdigest(),
                "bytes": len(i.png),
                "view": i.view,
                "prior": i.prior,
            }
            for i in request.images
        ]
        options: dict[str, Any] = {
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "json_schema": request.json_schema,
            "stream": request.stream is not None,
            "context": dict(request.context),
            "backend_options": backend.options.model_dump(mode="json", exclude=_secret_fields(backend)),
        }
        row = (
            datetime.now(UTC).isoformat(timespec="milliseconds"),
            backend.name,
            backend.model_id,
            backend.version,
            int(backend.local),
            request.system,
            prompt,
            json.dumps(images),
            json.dumps(options, default=str),
            response.text if response is not None else None,
            error,
            round(duration_ms, 3),
            response.prompt_tokens if response is not None else None,
            response.completion_tokens if response is not None else None,
            response.finish_reason if response is not None else None,
        )
        with self._lock, self._connect() as db:
            cur = db.execute(
                "INSERT INTO responses (created_utc, backend, model_id, model_version, local, system, prompt, "
                "images, options, response, error, duration_ms, prompt_tokens, completion_tokens, finish_reason) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return cur.lastrowid

    def entries(self, limit: int = 50) -> list[dict[str, Any]]:
        """The most recent calls, newest first."""
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            rows = db.execute("SELECT * FROM responses ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [dict(r) for r in rows]


def _secret_fields(backend: Backend) -> set[str]:
    return {name for name in type(backend.options).model_fields if "key" in name or "token" in name}
