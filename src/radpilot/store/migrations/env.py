"""Alembic environment, driven from radpilot.store.migrate (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from radpilot.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "radpilot migrations run through radpilot.store.migrate.upgrade(), with a connection"
        )
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported; run `radpilot db upgrade`")
run_migrations_online()
