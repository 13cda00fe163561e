"""telegram report chats: the sealed Telegram chat of a conversation with a report

A status change of a report reaches its Telegram reporters and followers even
after a gateway restart (the bridge otherwise knows chat ids only in memory).
Only conversations with a report get a row; the id is sealed under the
gateway's key; retention and erasure delete the row with the report contact.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "telegram_report_chats",
        sa.Column("conversation_id", sa.String(32), primary_key=True),
        sa.Column("sealed_chat_id", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("telegram_report_chats")
