"""Graduates' outcomes by pathway: one row per graduate and graduation year (a keyed hash, never an id).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('graduateoutcome',
    sa.Column('graduation_year', sa.Integer(), nullable=False),
    sa.Column('student_hash', sa.String(length=64), nullable=False),
    sa.Column('program_codes', sa.String(), nullable=False),
    sa.Column('credential_ids', sa.String(), nullable=False),
    sa.Column('dual_enrollment_credits', sa.Float(), nullable=False),
    sa.Column('wbl_types', sa.String(), nullable=False),
    sa.Column('wbl_hours', sa.Integer(), nullable=False),
    sa.Column('status_6_months', sa.String(length=16), nullable=False),
    sa.Column('status_12_months', sa.String(length=16), nullable=False),
    sa.Column('occupation_soc', sa.String(length=7), nullable=False),
    sa.Column('wage_band', sa.String(length=16), nullable=False),
    sa.Column('groups', sa.String(), nullable=False),
    sa.Column('sample', sa.Boolean(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('graduation_year', 'student_hash')
    )


def downgrade() -> None:
    op.drop_table('graduateoutcome')
