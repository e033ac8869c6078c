"""Persistence for the workflow service: SQLAlchemy 2 models, the database, and shipped Alembic migrations."""

from radpilot.store.db import Database, DatabaseURLError, data_dir, database_url
from radpilot.store.migrate import current_revision, head_revision, upgrade

__all__ = [
    "Database",
    "DatabaseURLError",
    "current_revision",
    "data_dir",
    "database_url",
    "head_revision",
    "upgrade",
]
