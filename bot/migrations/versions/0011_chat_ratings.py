"""chat ratings: the resident's 1–5 rating of an ended chat (issue 18, point 3)

After a chat ends (the assistant's goodbye, or a consultant ending it) the
resident may rate it; the dashboard reads CSAT by who handled the chat.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_ratings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "conversation_id",
            sa.String(32),
            sa.ForeignKey("conversations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("handoff_id", sa.Integer, nullable=True),
        sa.Column("handled_by", sa.String(16), nullable=False),
        sa.Column("consultant_id", sa.Integer, nullable=True),
        sa.Column("unit", sa.String(16), nullable=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Integer, nullable=True),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("closed", sa.Boolean, nullable=False),
    )
    op.create_index("ix_chat_ratings_conversation", "chat_ratings", ["conversation_id"])


def downgrade() -> None:
    op.drop_index("ix_chat_ratings_conversation", "chat_ratings")
    op.drop_table("chat_ratings")
