"""reports merged into another: ``reports.merged_into``

Staff merge a report that repeats another one (issue 17, the console's report
page): the repeat is closed with status "połączone" and points to the report
that is kept, by its number, so the console links the two and a resident
asking about the repeat is told which number to follow.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("merged_into", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("merged_into")
