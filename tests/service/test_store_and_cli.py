"""Migrations match the models; database URLs; the `radpilot serve/db/users` commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from typer.testing import CliRunner

from radpilot.cli import app
from radpilot.store import Database, DatabaseURLError, current_revision, database_url, head_revision, upgrade
from radpilot.store.models import Base

runner = CliRunner()


def test_migrations_match_the_models(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert current_revision(db) == head_revision()
    assert upgrade(db) == head_revision()  # idempotent


def test_migrations_match_the_models_on_postgresql(pg_url: str) -> None:
    db = Database(pg_url)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    db.dispose()


def test_sqlite_runs_in_wal_mode(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql+psycopg://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("sqlite:////tmp/x.sqlite", "sqlite:////tmp/x.sqlite"),
    ],
)
def test_database_url(given: str, expected: str) -> None:
    assert database_url(given) == expected


@pytest.mark.parametrize("bad", ["mysql://u:secret@h/db", "not a url"])
def test_bad_database_url(bad: str) -> None:
    with pytest.raises(DatabaseURLError) as err:
        database_url(bad)
    assert "secret" not in str(err.value)


def test_default_database_is_sqlite_in_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("RADPILOT_DB", raising=False)
    monkeypatch.setenv("RADPILOT_DATA", str(tmp_path / "data"))
    assert database_url() == f"sqlite:///{tmp_path / 'data' / 'radpilot.sqlite'}"


def test_cli_db_upgrade_and_users_create(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    r = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert r.exit_code == 0, r.output
    assert head_revision() in r.output  # type: ignore[operator]
    r = runner.invoke(app, ["users", "create", "--name", "dr-x", "--role", "radiologist", "--db", url])
    assert r.exit_code == 0, r.output
    token = r.output.split()[-1]
    assert token.startswith("rp_")
    from radpilot.service.users import principal_for_token

    with Database(url).read() as s:
        who = principal_for_token(s, token)
    assert who is not None and who.name == "dr-x" and who.role == "radiologist"
    again = runner.invoke(app, ["users", "create", "--name", "dr-x", "--role", "radiologist", "--db", url])
    assert again.exit_code == 1 and "already exists" in again.output
    bad = runner.invoke(app, ["users", "create", "--name", "y", "--role", "janitor", "--db", url])
    assert bad.exit_code == 1 and "unknown role" in bad.output


def test_cli_refuses_a_bad_database_url() -> None:
    r = runner.invoke(app, ["db", "upgrade", "--db", "mysql://x/y"])
    assert r.exit_code == 1 and "unsupported database" in r.output


def test_serve_starts_and_answers(tmp_path: Path) -> None:
    """`radpilot serve` in a subprocess: migrations applied, /healthz answers, SIGTERM stops it."""
    from radpilot.service.bench import Server

    server = Server(f"sqlite:///{tmp_path / 'serve.sqlite'}", tmp_path / "serve.log")
    server.start(timeout=60)
    try:
        import httpx

        assert httpx.get(f"{server.url}/healthz").json()["database"] == "sqlite"
        assert httpx.get(f"{server.url}/api/v1/studies").status_code == 401
    finally:
        server.stop()
    assert server.proc is not None and server.proc.returncode is not None
    log = (tmp_path / "serve.log").read_text()
    assert "GET /healthz 200" in log


def test_cli_starts_fast() -> None:
    """The service modules are imported inside the commands, so `radpilot --help` does not load them."""
    code = "import sys, radpilot.cli; print(any(m.startswith(('radpilot.service', 'radpilot.store')) for m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    assert out.stdout.strip() == "False"


def test_serve_refuses_several_processes_on_sqlite(tmp_path: Path) -> None:
    r = runner.invoke(app, ["serve", "--workers", "2", "--db", f"sqlite:///{tmp_path / 'w.sqlite'}"])
    assert r.exit_code == 1 and "PostgreSQL" in r.output


def test_serve_starts_the_interop_listeners(tmp_path: Path) -> None:
    import socket
    import time

    from radpilot.service.bench import free_port

    dicom, hl7 = free_port(), free_port()
    cmd_log = tmp_path / "serve.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "radpilot.cli", "serve", "--port", str(free_port()), "--db", f"sqlite:///{tmp_path / 'l.sqlite'}",
         "--dicom-port", str(dicom), "--hl7-port", str(hl7)],
        stdout=cmd_log.open("wb"), stderr=subprocess.STDOUT, env={**os.environ, "RADPILOT_DICOM_DIR": str(tmp_path)},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "MLLP listener" not in cmd_log.read_text():
            time.sleep(0.1)
        for port in (dicom, hl7):
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                pass
    finally:
        proc.terminate()
        proc.wait(15)
    assert f"DICOM C-STORE SCP RADPILOT on 127.0.0.1:{dicom}" in cmd_log.read_text()
    assert (tmp_path / "l.sqlite.hl7-received").is_file()  # the MLLP listener's received log, by its database


def test_sqlite_writers_in_other_processes_queue_on_a_lock_file(tmp_path: Path) -> None:
    """While one process is inside Database.write, another cannot take the SQLite file's writer lock."""
    from radpilot.store import Database

    db = Database(f"sqlite:///{tmp_path / 'locked.sqlite'}")
    probe = (
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR)\n"
        "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB); print('free')\n"
        "except BlockingIOError:\n    print('held')\n"
    )
    lock_file = tmp_path / "locked.sqlite.writelock"

    def other_process_sees() -> str:
        out = subprocess.run(
            [sys.executable, "-c", probe, str(lock_file)], capture_output=True, text=True, check=True
        )
        return out.stdout.strip()

    with db.write():
        assert other_process_sees() == "held"
    assert other_process_sees() == "free"
    db.dispose()
