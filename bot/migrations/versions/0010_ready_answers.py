"""ready answers written by supervisors: ``ready_answers``

Issue 18, point 2: consultants insert ready answers that supervisors keep in the
console, with ``{imię}`` and ``{numer_zgłoszenia}`` filled from the conversation.
(The FAQ answers from Rasa's response files stay where they are.)

Written when main ended at 0008 and 0009 was pending on another branch; re-chained
after 0009 once main had it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ready_answers",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ready_answers")
