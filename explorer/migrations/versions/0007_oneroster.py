"""OneRoster rosters: classes remember the roster class they came from, its grades, and whether the
roster still has them (archived, never deleted); staff from the roster (sourcedId and e-mail only).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rosterstaff',
    sa.Column('sourced_id', sa.String(length=255), nullable=False),
    sa.Column('username', sa.String(length=254), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('sourced_id')
    )
    with op.batch_alter_table('rosterstaff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rosterstaff_username'), ['username'], unique=False)
    with op.batch_alter_table('classgroup', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sourced_id', sa.String(length=255), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('grades', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('archived', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f('ix_classgroup_sourced_id'), ['sourced_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('classgroup', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_classgroup_sourced_id'))
        batch_op.drop_column('archived')
        batch_op.drop_column('grades')
        batch_op.drop_column('sourced_id')
    with op.batch_alter_table('rosterstaff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rosterstaff_username'))
    op.drop_table('rosterstaff')
