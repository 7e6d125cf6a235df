"""Stored quiz results for district counts, login throttle and sessions, a class's area.

- quizresult/topmatch: what each finished quiz showed (area, band, confidence, top 10), so the audit
  counts indexed rows instead of re-ranking every quiz.
- loginthrottle: tries per typed username (known or not), counted atomically; replaces
  counselor.failed_attempts/locked_until (a lockout in force is carried over).
- counselorsession: hashed tokens of signed-in browsers, so a refresh keeps a counselor signed in.
- classgroup.area_code: the area students who join a class start in.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('counselorsession',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('counselorsession', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_counselorsession_username'), ['username'], unique=False)

    op.create_table('loginthrottle',
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('username')
    )
    op.create_table('quizresult',
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('area_code', sa.String(length=7), nullable=False),
    sa.Column('band', sa.String(length=8), nullable=False),
    sa.Column('confident', sa.Boolean(), nullable=False),
    sa.Column('holland_code', sa.String(length=3), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['quizattempt.id'], ),
    sa.PrimaryKeyConstraint('attempt_id')
    )
    with op.batch_alter_table('quizresult', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quizresult_area_code'), ['area_code'], unique=False)

    op.create_table('topmatch',
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('onet_code', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['quizresult.attempt_id'], ),
    sa.PrimaryKeyConstraint('attempt_id', 'rank')
    )
    with op.batch_alter_table('topmatch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_topmatch_onet_code'), ['onet_code'], unique=False)

    with op.batch_alter_table('classgroup', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area_code', sa.String(length=7), nullable=False, server_default=''))

    # Carry over any lockout in force, then drop the per-account counters.
    op.execute("INSERT INTO loginthrottle (username, tries, locked_until) SELECT username, failed_attempts, "
               "locked_until FROM counselor WHERE failed_attempts > 0 OR locked_until IS NOT NULL")
    with op.batch_alter_table('counselor', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_attempts')



def downgrade() -> None:
    with op.batch_alter_table('counselor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('classgroup', schema=None) as batch_op:
        batch_op.drop_column('area_code')

    with op.batch_alter_table('topmatch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_topmatch_onet_code'))

    op.drop_table('topmatch')
    with op.batch_alter_table('quizresult', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quizresult_area_code'))

    op.drop_table('quizresult')
    op.drop_table('loginthrottle')
    with op.batch_alter_table('counselorsession', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_counselorsession_username'))

    op.drop_table('counselorsession')
