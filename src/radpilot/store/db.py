"""Where the database is and how to open it: SQLite in WAL mode by default, PostgreSQL by URL (psycopg 3).

Write transactions go through :meth:`Database.write`: on SQLite they start with ``BEGIN IMMEDIATE`` so that two
writers never both read the same "last" row and then collide; on PostgreSQL the repositories lock the report
row (``SELECT ... FOR UPDATE``) instead.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

try:
    import fcntl
except ImportError:  # not POSIX: the in-process lock and SQLite's busy handler remain
    fcntl = None  # type: ignore[assignment]
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool


class DatabaseURLError(ValueError):
    """A database URL that cannot be used; the message says what to write instead."""


def data_dir() -> Path:
    """``$RADPILOT_DATA``, else ``$XDG_DATA_HOME/radpilot`` (``~/.local/share/radpilot``)."""
    env = os.environ.get("RADPILOT_DATA")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "radpilot"


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else ``$RADPILOT_DB``, else SQLite in the data folder.

    ``postgresql://`` and ``postgres://`` are taken as PostgreSQL through psycopg 3.
    """
    raw = url or os.environ.get("RADPILOT_DB") or ""
    if not raw:
        folder = data_dir()
        return f"sqlite:///{folder / 'radpilot.sqlite'}"
    try:
        parsed = make_url(raw)
    except ArgumentError:
        raise DatabaseURLError(
            f"not a database URL: {raw!r}; use sqlite:///PATH or postgresql://USER:PASSWORD@HOST/DB"
        ) from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return parsed.render_as_string(hide_password=False)
    if backend == "sqlite":
        return raw
    raise DatabaseURLError(
        f"unsupported database {backend!r} in {parsed.render_as_string(hide_password=True)}; "
        "use sqlite:/// or postgresql://"
    )


def _sqlite_file(url: URL) -> Path | None:
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


class Database:
    """An engine and its session factories for one database URL."""

    def __init__(self, url: str | None = None, *, echo: bool = False) -> None:
        self.url = database_url(url)
        parsed = make_url(self.url)
        self.dialect = parsed.get_backend_name()
        self.is_sqlite = self.dialect == "sqlite"
        if self.is_sqlite:
            path = _sqlite_file(parsed)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self.engine = self._sqlite_engine(self.url, immediate=False, echo=echo)
            memory = path is None
            # An in-memory database exists once per connection, so reads and writes share one engine there.
            self.write_engine = (
                self.engine if memory else self._sqlite_engine(self.url, immediate=True, echo=echo)
            )
        else:
            self.engine = create_engine(
                self.url, echo=echo, pool_size=20, max_overflow=40, pool_pre_ping=True, pool_recycle=1800
            )
            self.write_engine = self.engine
        self._write_lock = threading.RLock()
        # Writers in other processes on the same SQLite file (``serve --workers N``) queue on a lock file: a
        # blocked flock wakes the moment the holder lets go, where SQLite's busy handler sleeps in growing steps.
        #: The SQLite database file (None for PostgreSQL and in-memory SQLite); files that belong with this
        #: database (its write lock, the HL7 listener's received log) sit next to it under its name.
        self.sqlite_path = _sqlite_file(parsed) if self.is_sqlite else None
        sqlite_path = self.sqlite_path
        self._lock_path = sqlite_path.with_name(sqlite_path.name + ".writelock") if sqlite_path else None
        self._lock_fd: int | None = None
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)

    @staticmethod
    def _sqlite_engine(url: str, *, immediate: bool, echo: bool) -> Engine:
        memory = ":memory:" in url
        kwargs: dict[str, Any] = {"echo": echo, "connect_args": {"check_same_thread": False, "timeout": 30}}
        if memory:
            kwargs["poolclass"] = StaticPool  # one shared connection, or every session sees its own empty DB
        else:
            kwargs["pool_size"] = 20
            kwargs["max_overflow"] = 80
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Python's sqlite3 opens transactions itself; take that over so BEGIN is ours.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode is durable against a killed process (only an OS crash may lose the tail).
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; closing it rolls the connection back and leaves loaded objects usable."""
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back on an exception.

        On SQLite, writers in this process queue on a lock first: SQLite's own busy handler sleeps in
        growing steps, which under many concurrent writers turns into long latency tails.
        """
        lock = self._write_lock if self.is_sqlite else contextlib.nullcontext()
        with lock, self._file_lock(), self._write() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        """The cross-process writer lock of a SQLite file (held with the in-process lock already taken)."""
        if self._lock_path is None or fcntl is None:
            yield
            return
        if self._lock_fd is None:
            self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def dispose(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()
