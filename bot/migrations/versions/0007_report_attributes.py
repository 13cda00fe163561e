"""reports.attributes: answers to the category questions (lamp post number, ...)

The questions each category asks (bot/reports/questions.py) are answered in the
chat or sent by Open311 clients as ``attribute[code]``; the answers are stored
with the report as one JSON object ``{code: value}``. Reports filed before this
change have none (NULL): nobody asked them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("attributes", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("attributes")
