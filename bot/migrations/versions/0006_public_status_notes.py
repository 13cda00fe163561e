"""status notes: to the resident (public) or internal (default)

A note on a report's status change was shown to anyone holding the number and
published by Open311; staff used it for internal remarks too (a phone number
among them). Each note now says whether it is for the resident. Notes written
before this change become internal: nobody chose to publish them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("report_status_history") as batch:
        batch.add_column(sa.Column("public", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("report_status_history") as batch:
        batch.drop_column("public")
