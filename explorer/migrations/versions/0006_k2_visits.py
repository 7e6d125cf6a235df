"""K-2 visits: how many children of a class finished each of the six places (no child, no answers).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('k2visit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_code', sa.String(length=16), nullable=False),
    sa.Column('theme', sa.String(length=1), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('k2visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_k2visit_class_code'), ['class_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('k2visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_k2visit_class_code'))
    op.drop_table('k2visit')
