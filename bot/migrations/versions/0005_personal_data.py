"""personal data: conversations.erased_at; a callback's name and phone may be emptied

Retention (bot/privacy/retention.py) and erasure on request (bot/privacy/erasure.py)
keep the callback row, which the dashboard counts, and empty its name and phone:
NULL says "removed" more honestly than a placeholder that could be read as a name.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conversations") as batch:
        batch.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("callback_requests") as batch:
        batch.alter_column("name", existing_type=sa.String(120), nullable=True)
        batch.alter_column("phone", existing_type=sa.String(20), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("callback_requests") as batch:
        batch.alter_column("name", existing_type=sa.String(120), nullable=False)
        batch.alter_column("phone", existing_type=sa.String(20), nullable=False)
    with op.batch_alter_table("conversations") as batch:
        batch.drop_column("erased_at")
