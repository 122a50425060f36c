"""food reactions on context entries (hives, swelling, trouble breathing after a food)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN with a constant default: SQLite does this without rebuilding the table.
    with op.batch_alter_table("context") as batch:
        batch.add_column(sa.Column("reaction_food", sa.String(length=200), server_default="", nullable=False))
        batch.add_column(sa.Column("reactions", sa.String(length=100), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("context") as batch:
        batch.drop_column("reactions")
        batch.drop_column("reaction_food")
