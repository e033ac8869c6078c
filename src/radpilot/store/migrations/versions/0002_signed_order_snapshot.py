"""the order as signed: exam, exam code and indication on report versions

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 10:00:00.000000

Versions signed before this revision keep NULL here (their content hashes were computed without these
fields, so filling them in would break the audit verification); their exports read the order as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("report_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exam", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("exam_code", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("indication", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("report_versions", schema=None) as batch_op:
        batch_op.drop_column("indication")
        batch_op.drop_column("exam_code")
        batch_op.drop_column("exam")
