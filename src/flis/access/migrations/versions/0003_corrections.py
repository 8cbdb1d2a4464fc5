"""Corrections: answers to findings kept beside the delivered data, never written into it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("municipality", sa.Integer, nullable=False, index=True),
        sa.Column("period", sa.String(7), nullable=False, index=True),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("measure", sa.String(200), nullable=True),
        sa.Column("delivery_id", sa.String(100), nullable=True),
        sa.Column("lines", sa.JSON, nullable=True),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("column", sa.String(100), nullable=True),
        sa.Column("old_value", sa.JSON, nullable=True),
        sa.Column("new_value", sa.JSON, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("finding_id", sa.Integer, nullable=True, index=True),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("withdrawn_by", sa.String(100), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime, nullable=True),
        sa.Column("withdraw_reason", sa.Text, nullable=True),
        sa.CheckConstraint("kind IN ('aggregate', 'rows')", name="ck_corrections_kind"),
        sa.CheckConstraint("status IN ('active', 'withdrawn')", name="ck_corrections_status"),
        sa.CheckConstraint("action IN ('set', 'exclude')", name="ck_corrections_action"),
    )


def downgrade() -> None:
    op.drop_table("corrections")
