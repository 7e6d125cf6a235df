"""Drop two pieces nothing used.

- employer: the employers catalog table (employers.csv) was imported, exported and edited but read
  by no page, report or pathway; each work-based learning row names its own employer. Its rows are
  dropped with it (a district that wants them keeps its employers.csv).
- counselor.is_admin: set by `users add --admin` but checked nowhere; every account is a counselor.

The downgrade restores both, empty: the employer table without rows, is_admin false for everyone.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table('employer')
    with op.batch_alter_table('counselor', schema=None) as batch_op:
        batch_op.drop_column('is_admin')


def downgrade() -> None:
    with op.batch_alter_table('counselor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_admin', sa.Boolean(), nullable=False, server_default=sa.false()))

    op.create_table('employer',
    sa.Column('verified_by', sa.String(), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('industry', sa.String(), nullable=False),
    sa.Column('location', sa.String(), nullable=False),
    sa.Column('contact_role', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
