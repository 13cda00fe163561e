"""report followers: residents who reported the same problem and follow the first report

A second resident reporting a problem already reported nearby follows that
report instead of filing it again; they hear of its status changes in their
chat and, with consent, by e-mail.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_followers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "report_id",
            sa.Integer,
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("conversation_id", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("contact_email", sa.String(254), nullable=True),
        sa.Column("contact_consent", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_report_followers_report", "report_followers", ["report_id"])
    op.create_index("ix_report_followers_conversation", "report_followers", ["conversation_id"])


def downgrade() -> None:
    op.drop_index("ix_report_followers_conversation", "report_followers")
    op.drop_index("ix_report_followers_report", "report_followers")
    op.drop_table("report_followers")
