"""Quality findings: what the plausibility and completeness checks found, and what was done about it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STATUSES = ("open", "acknowledged", "dismissed", "corrected")


def upgrade() -> None:
    op.create_table(
        "quality_findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(400), nullable=False, unique=True),
        sa.Column("code", sa.String(40), nullable=False, index=True),
        sa.Column("severity", sa.String(10), nullable=False),
        sa.Column("municipality", sa.Integer, nullable=True, index=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("period", sa.String(7), nullable=False, index=True),
        sa.Column("values", sa.JSON, nullable=False),
        sa.Column("message_en", sa.Text, nullable=False),
        sa.Column("message_da", sa.Text, nullable=False),
        sa.Column("delivery_id", sa.String(100), nullable=True),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=True),
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.CheckConstraint("status IN ({})".format(", ".join(repr(s) for s in STATUSES)),
                           name="ck_quality_findings_status"),
    )


def downgrade() -> None:
    op.drop_table("quality_findings")
