"""Alembic migrations shipped inside the package, run without an alembic.ini (`radpilot db upgrade`)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from radpilot.store.db import Database

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("path_separator", "os")
    cfg.set_main_option("version_locations", str(MIGRATIONS / "versions"))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(db: Database) -> str | None:
    with db.write_engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> str | None:
    """Bring the schema to ``revision``; returns the revision the database is at afterwards."""
    cfg = alembic_config()
    with db.write_engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two servers starting at once must not both create the tables.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7226150)")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return current_revision(db)
