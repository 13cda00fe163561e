"""photo consent: may the report's photo be shown publicly (issue 17, point 5)

Open311 publishes ``media_url`` only for a photo the reporter agreed to show with
the report; the report form now asks after the photo. Photos stored before this
change stay with the unit: nobody agreed to publish them.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(
            sa.Column("photo_public", sa.Boolean, nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("photo_public")
