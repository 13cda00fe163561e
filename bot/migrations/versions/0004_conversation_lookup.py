"""index for finding a channel user's conversation (Telegram chats by hashed id)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_conversations_channel_user", "conversations", ["channel", "token_hash"])


def downgrade() -> None:
    op.drop_index("ix_conversations_channel_user", table_name="conversations")
