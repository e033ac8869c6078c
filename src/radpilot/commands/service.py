"""``radpilot serve``, ``radpilot db upgrade``, ``radpilot users create``, ``radpilot worker``, ``radpilot bench service``."""

from __future__ import annotations

from typing import Any

import typer

ROLE_HELP = "radiologist | resident | admin | referrer"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(1)


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    db_app = typer.Typer(
        help="The service database (SQLite by default, PostgreSQL by URL).", no_args_is_help=True
    )
    users_app = typer.Typer(help="Service users and their API tokens.", no_args_is_help=True)
    app.add_typer(db_app, name="db")
    app.add_typer(users_app, name="users")

    @app.command("serve")
    def serve(
        host: str = typer.Option("127.0.0.1", help="address to listen on (loopback by default)"),
        port: int = typer.Option(8000, min=1, max=65535, help="HTTP port"),
        db: str | None = typer.Option(
            None, "--db", help="database URL (default: $RADPILOT_DB, else SQLite in the data folder)"
        ),
        workers: int = typer.Option(1, min=1, max=64, help="server processes (each runs its own job worker)"),
        dicom_port: int | None = typer.Option(
            None, "--dicom-port", min=0, max=65535, help="also run a DICOM C-STORE SCP on this port"
        ),
        ae_title: str = typer.Option("RADPILOT", "--ae-title", help="the C-STORE SCP's AE title"),
        hl7_port: int | None = typer.Option(
            None,
            "--hl7-port",
            min=0,
            max=65535,
            help="also run an HL7 v2 MLLP listener for orders on this port",
        ),
        demo: bool = typer.Option(
            False, "--demo", help="start on a fresh demo database with the sample studies and print a login"
        ),
    ) -> None:
        """Start the workflow service (REST API; migrations are applied first; optional DICOM and HL7 listeners).

        Calling AE titles allowed by the SCP come from RADPILOT_DICOM_ALLOWED_AETS (comma-separated; empty
        refuses every peer that is not on loopback); files go to RADPILOT_DICOM_DIR (default: <data>/dicom).
        """
        import logging

        from radpilot.service.settings import ServiceSettings, SettingsError
        from radpilot.store import Database, DatabaseURLError, upgrade

        seed = None
        if demo:
            from radpilot.service import web

            if db is None:
                db = _fresh_demo_db()
            try:
                seed = web.demo_seed(db)
            except web.DemoSeedError as exc:
                raise _fail(f"--demo: {exc}") from None
        try:
            settings = ServiceSettings.from_env(db)
            database = Database(settings.db_url)
            upgrade(database)
        except (SettingsError, DatabaseURLError) as exc:
            raise _fail(str(exc)) from None
        except Exception as exc:  # e.g. PostgreSQL not reachable
            raise _fail(f"cannot open the database: {type(exc).__name__}: {exc}") from None
        if workers > 1 and database.is_sqlite:
            # Several processes writing one SQLite file starve each other on its lock (seconds-long stalls).
            raise _fail(
                "--workers above 1 needs PostgreSQL (--db postgresql://...); SQLite serves one process"
            )
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        typer.echo(
            f"RadPilot service on http://{host}:{port} (database: {database.dialect}, {workers} process(es))",
            err=True,
        )
        if seed is not None:
            typer.echo(f"\nOpen http://{host}:{port}{seed.path}")
            typer.echo(f"Log in as {seed.username} with the token {seed.token}")
            for role, (user, token) in sorted(seed.logins.items()):
                typer.echo(f"  {role}: {user} {token}")
        from radpilot.service.intake import Listeners

        try:
            listeners = Listeners(
                database, host=host, dicom_port=dicom_port, ae_title=ae_title, hl7_port=hl7_port
            )
            listeners.start()
        except (ValueError, OSError) as exc:
            raise _fail(f"cannot start the DICOM/HL7 listeners: {exc}") from None
        if listeners.scp is not None:
            typer.echo(f"DICOM C-STORE SCP {ae_title} on {host}:{listeners.scp.address[1]}", err=True)
        if listeners.mllp is not None:
            typer.echo(f"HL7 v2 MLLP listener on {host}:{listeners.mllp.address[1]}", err=True)
        try:
            _run_uvicorn(database, settings, host, port, workers)
        finally:
            listeners.stop()

    def _fresh_demo_db() -> str:
        """A new SQLite file for the demo (the previous demo's data is replaced)."""
        from radpilot.store.db import data_dir

        folder = data_dir() / "demo"
        folder.mkdir(parents=True, exist_ok=True)
        from radpilot.service.intake import RECEIVED_LOG_SUFFIX

        received = RECEIVED_LOG_SUFFIX  # the HL7 listener's received log belongs to the database it fed
        for suffix in ("", "-wal", "-shm", received, f"{received}-wal", f"{received}-shm"):
            (folder / f"demo.db{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{folder / 'demo.db'}"

    def _run_uvicorn(database: Any, settings: Any, host: str, port: int, workers: int) -> None:
        import uvicorn

        from radpilot.service.app import create_app

        if workers > 1:
            import os

            os.environ["RADPILOT_DB"] = database.url
            os.environ.setdefault("RADPILOT_RECOVER_STALE_S", "300")
            uvicorn.run(
                "radpilot.service.app:app_from_env",
                factory=True,
                host=host,
                port=port,
                workers=workers,
                access_log=False,
                log_level="info",
                timeout_graceful_shutdown=5,
            )
            return
        application = create_app(settings, db=database, migrate=False, freeze_gc=True)
        # uvicorn's own access log prints full paths and query strings; ours prints route templates only.
        uvicorn.run(
            application, host=host, port=port, access_log=False, log_level="info", timeout_graceful_shutdown=5
        )

    @db_app.command("upgrade")
    def db_upgrade(
        db: str | None = typer.Option(None, "--db", help="database URL (default: $RADPILOT_DB, else SQLite)"),
    ) -> None:
        """Apply the database migrations (idempotent)."""
        from radpilot.store import Database, DatabaseURLError, upgrade

        try:
            database = Database(db)
            revision = upgrade(database)
        except DatabaseURLError as exc:
            raise _fail(str(exc)) from None
        except Exception as exc:
            raise _fail(f"cannot upgrade the database: {type(exc).__name__}: {exc}") from None
        typer.echo(f"database at revision {revision} ({database.dialect})")

    @users_app.command("create")
    def users_create(
        name: str = typer.Option(..., "--name", help="login name"),
        role: str = typer.Option(..., "--role", help=ROLE_HELP),
        db: str | None = typer.Option(None, "--db", help="database URL (default: $RADPILOT_DB, else SQLite)"),
    ) -> None:
        """Create a user; prints the API token (shown once) as the last word."""
        from radpilot.service.errors import ServiceError
        from radpilot.service.users import create_user
        from radpilot.store import Database, DatabaseURLError, upgrade
        from radpilot.store.models import ROLES

        if role not in ROLES:
            raise _fail(f"unknown role {role!r}; use one of {ROLE_HELP}")
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
            raise _fail(f"--name {name!r} contains control characters (a newline, a tab, ...)")
        try:
            database = Database(db)
            upgrade(database)
            with database.write() as s:
                user, token = create_user(s, name, role)
                user_id = user.id
        except (DatabaseURLError, ServiceError) as exc:
            raise _fail(str(exc)) from None
        except Exception as exc:  # e.g. PostgreSQL not reachable, a file that is not a database
            raise _fail(f"cannot open the database: {type(exc).__name__}: {exc}") from None
        typer.echo(f"created user {user_id} {name!r} ({role}); API token (shown once): {token}")

    @app.command("worker")
    def worker(
        db: str | None = typer.Option(None, "--db", help="database URL (default: $RADPILOT_DB)"),
        concurrency: int = typer.Option(4, min=1, max=64, help="jobs run at once"),
    ) -> None:
        """Run a Celery worker for background jobs (needs RADPILOT_CELERY_BROKER=redis://...)."""
        import os

        broker = os.environ.get("RADPILOT_CELERY_BROKER", "")
        if not broker:
            raise _fail("set RADPILOT_CELERY_BROKER=redis://HOST:PORT/DB (the same as the API's)")
        if db:
            os.environ["RADPILOT_DB"] = db
        from radpilot.service.celery_app import app as celery

        celery.worker_main(["worker", f"--concurrency={concurrency}", "--pool=threads", "--loglevel=INFO"])

    @bench_app.command("service")
    def bench_service(
        requests: int = typer.Option(
            200, min=20, max=5000, help="requests per phase (draft, fetch) and client count"
        ),
        clients: str = typer.Option("20,100", help="concurrent client counts, comma-separated"),
        durability_signs: int = typer.Option(40, min=5, max=1000, help="signed reports before the SIGKILL"),
        pg_url: str | None = typer.Option(
            None, "--pg-url", help="PostgreSQL URL (default: $RADPILOT_TEST_PG_URL)"
        ),
        json_out: bool = typer.Option(False, "--json", help="print the results as JSON"),
        workers: int = typer.Option(1, min=1, max=16, help="server processes for the latency runs"),
    ) -> None:
        """p50/p95 latency of draft creation and report fetch (SQLite, PostgreSQL) and a SIGKILL durability test."""
        import json
        import os

        from radpilot.service.bench import BenchError, format_results, run_bench

        try:
            counts = [int(c) for c in clients.split(",") if c.strip()]
        except ValueError:
            raise _fail(f"--clients must be numbers separated by commas, got {clients!r}") from None
        if not counts or any(c < 1 or c > 500 for c in counts):
            raise _fail("--clients values must be between 1 and 500")
        try:
            results = run_bench(
                requests=requests,
                clients=counts,
                durability_signs=durability_signs,
                pg_url=pg_url or os.environ.get("RADPILOT_TEST_PG_URL") or None,
                progress=lambda m: typer.echo(m, err=True),
                workers=workers,
            )
        except BenchError as exc:
            raise _fail(str(exc)) from None
        typer.echo(json.dumps(results, indent=2) if json_out else format_results(results))
        if not results["ok"]:
            raise typer.Exit(1)
